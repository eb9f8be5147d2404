"""What several commands share: their common arguments, one-line notes on stderr, the
failure line, the logging set up by --verbose."""
from __future__ import annotations

import argparse
import logging
import sys

from sayso.ledger.query import Filters
from sayso.record import Failure
from sayso.settings import Settings

# Libraries whose own warnings repeat what sayso reports as a failure of the input.
NOISY = {"trafilatura": logging.CRITICAL, "htmldate": logging.CRITICAL, "courlan": logging.CRITICAL,
         "justext": logging.CRITICAL, "warcio": logging.ERROR}


def add_ledger_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ledger", metavar="FILE|URL", default=Settings.ledger,
                        help=f"SQLite file or postgresql:// URL (default {Settings.ledger})")


def add_extract_arguments(parser: argparse.ArgumentParser) -> None:
    """What extraction takes: batch size, an extra ontology, --verbose."""
    parser.add_argument("--batch-size", type=int, default=Settings.batch_size, help="articles per spaCy batch")
    parser.add_argument("--ontology", metavar="FILE", default=None,
                        help="extra ontology YAML whose triggers add to (and override) the bundled one "
                             "(docs/events.md); SAYSO_ONTOLOGY does the same")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="print the traceback of each failed article and sayso's log on stderr")


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("filters (all given must hold)")
    g.add_argument("--category", help="event category: DEFECT, ASSAULT, AID ...")
    g.add_argument("--actor", help="part of the actor's or recipient's name")
    g.add_argument("--country", help="ISO 3166 alpha-3 code of the actor, recipient or place (SYR)")
    g.add_argument("--place", help="part of the place name")
    g.add_argument("--since", metavar="DATE", help="on or after this day (ISO: 2012-06-01)")
    g.add_argument("--until", metavar="DATE", help="on or before this day")
    g.add_argument("--status", help="some report gives this status: occurred, planned, negated ...")
    g.add_argument("--min-sources", type=int, metavar="N", help="at least N independent sources")
    g.add_argument("--text", help="words in a report's sentence, in order, in any case "
                                  "(the last may begin a longer word)")


def filters_of(args: argparse.Namespace) -> Filters:
    return Filters(category=args.category, actor=args.actor, country=args.country, place=args.place,
                   since=args.since, until=args.until, status=args.status,
                   min_sources=args.min_sources, text=args.text)


def configure_logging(verbose: bool = False) -> None:
    """Quiet the libraries whose warnings sayso reports itself; with --verbose, sayso's own log
    (INFO and above) goes to stderr."""
    for name, level in NOISY.items():
        logging.getLogger(name).setLevel(level)
    log = logging.getLogger("sayso")
    if verbose and not any(getattr(h, "sayso_cli", False) for h in log.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.sayso_cli = True  # type: ignore[attr-defined]
        handler.setFormatter(logging.Formatter("sayso: %(levelname)s %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)


def failure_message(failure: Failure, verbose: bool = False) -> str:
    """One line naming the input (file, file:line, feed#entry) and what to do; with `verbose`,
    the traceback of the error under it when there is one."""
    where = failure.error if failure.error.startswith(failure.origin) else f"{failure.origin}: {failure.error}"
    stage = "" if failure.stage == "read" else f" (in the {failure.stage} stage)"
    line = f"sayso: skipped {where}{stage}"
    return line + "\n" + failure.traceback.rstrip("\n") if verbose and failure.traceback else line


def note(message: str) -> None:
    """One line on stderr, written so that it does not break a progress bar on the terminal."""
    if sys.stderr.isatty():
        from tqdm import tqdm

        tqdm.write(message, file=sys.stderr)
    else:
        print(message, file=sys.stderr)


class _NoteHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        note(f"sayso: warning: {record.getMessage()}")


def show_warnings() -> None:
    """Warnings of the library (logger "sayso": a file decoded with bytes replaced, ...) as
    one line each on stderr."""
    logger = logging.getLogger("sayso")
    if not any(isinstance(h, _NoteHandler) for h in logger.handlers):
        logger.addHandler(_NoteHandler(logging.WARNING))
        if logger.level == logging.NOTSET or logger.level > logging.WARNING:
            logger.setLevel(logging.WARNING)
