"""Extract articles and store their records in a ledger (SQLite file or PostgreSQL URL).

Each article is stored in its own transaction: ingesting the same article again changes
nothing, and a changed text under the same URL or path replaces the old version. Reports of
the same event in different articles are merged, and their independent sources counted.
Prints what was stored; the exit status is 1 when any article failed.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import Iterable, Iterator, Union

from sayso.cli.options import add_extract_arguments, add_ledger_argument, failure_message, note
from sayso.cli.table import print_table
from sayso.ledger import DiskFullError, IngestResult, Ledger, open_ledger
from sayso.record import Failure, Record
from sayso.read import add_reader_arguments, read_sources, reader_options
from sayso.scale import add_scale_arguments, run_from_args
from sayso.settings import Settings

HELP = "extract articles and store them in the ledger"
STORE_BATCH = 50  # extracted records stored per transaction (each article stays whole)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories; - for stdin")
    add_ledger_argument(parser)
    add_extract_arguments(parser)
    parser.add_argument("--merge-window", type=int, default=Settings.merge_window_days, metavar="DAYS",
                        help="reports of one event may differ by this many days")
    parser.add_argument("--quiet", action="store_true", help="print the summary line only")
    add_reader_arguments(parser)
    add_scale_arguments(parser, resume="ledger")


def run(args: argparse.Namespace) -> int:
    options = reader_options(args)
    settings = Settings(batch_size=args.batch_size, ledger=args.ledger, merge_window_days=args.merge_window,
                        max_bytes=options.max_bytes, ontology=args.ontology)
    with open_ledger(args.ledger, settings) as ledger:  # a bad ledger fails before any extraction
        articles = read_sources(args.paths, options)
        counts: Counter[str] = Counter()
        merged: set[int] = set()
        reports = 0
        known = None if args.redo else ledger.is_current
        results = run_from_args(articles, settings, args, skip=known, ordered=False, read_options=options)
        try:
            for stored in store_all(ledger, results):
                if isinstance(stored, Failure):
                    counts["failed"] += 1
                    note(failure_message(stored, args.verbose))
                    continue
                counts[stored.status] += 1
                reports += stored.events
                merged.update(stored.merged)
        except (KeyboardInterrupt, DiskFullError) as exc:
            return stopped(args, exc, counts, ledger)
        if results.stats.skipped:
            print(f"{results.stats.skipped} articles already in the ledger were skipped (--redo extracts them again)")
        total = ledger.stats()
        print(f"{args.ledger if '://' not in args.ledger else ledger.where}: "
              f"{sum(counts.values())} articles read ({counts['added']} added, "
              f"{counts['replaced']} replaced, {counts['unchanged']} unchanged, {counts['failed']} failed); "
              f"{reports} event reports in {len(merged)} merged events. Ledger now holds "
              f"{total['articles']} articles, {total['merged_events']} merged events.")
        if merged and not args.quiet:
            shown = sorted(ledger.events_by_id(merged), key=lambda e: (-e.sources, -e.reports, e.id))
            print_table(shown[:20])
            if len(shown) > 20:
                print(f"... and {len(shown) - 20} more: sayso query --ledger {args.ledger}")
    if results.stats.interrupted:
        print("sayso ingest: interrupted; what was extracted is stored; run again to go on", file=sys.stderr)
        return 130
    return 1 if counts["failed"] else 0


def stopped(args: argparse.Namespace, exc: BaseException, counts: Counter, ledger: Ledger) -> int:
    """A second Ctrl-C (stop now) or a full disk: say what is stored, and what to do."""
    kept = counts["added"] + counts["replaced"] + counts["unchanged"]
    if isinstance(exc, DiskFullError):
        note(f"sayso ingest: {exc}: {kept} articles of this run were stored, whole (the ledger is intact); "
             "free some space, or give --ledger a file on another disk, and run again: "
             "stored articles are skipped")
        return 1
    try:
        total = ledger.stats()["articles"]
    except Exception:  # what was stored is stored; the count is a courtesy
        total = None
    held = f"; the ledger holds {total} articles" if total is not None else ""
    print(f"{args.ledger}: stopped now; {kept} articles of this run stored ({counts['added']} added, "
          f"{counts['replaced']} replaced){held}. Run again to go on.")
    return 130


def store_all(ledger: Ledger, results: Iterable[Union[Record, Failure]],
              size: int = STORE_BATCH) -> Iterator[Union[IngestResult, Failure]]:
    """Failures as they come, and what was stored: up to `size` extracted records in one
    transaction (whole articles only), written when the batch is full, a failure comes, or at the end."""
    pending: list[Record] = []
    for result in results:
        if isinstance(result, Failure):
            yield from ledger.ingest_many(pending, batch=size)
            pending = []
            yield result
            continue
        pending.append(result)
        if len(pending) >= size:
            yield from ledger.ingest_many(pending, batch=size)
            pending = []
    yield from ledger.ingest_many(pending, batch=size)
