"""Extract article records (JSON) from text, HTML, feeds, JSONL/CSV/WARC corpora or stdin.

    sayso extract PATH... [--published DATE] [--outlet NAME] [--format jsonl|json] [-o FILE]

Writes one record per article to stdout or -o FILE. Articles that cannot be read or extracted
are reported on stderr, one line each, and skipped; the others are still extracted. Exit
status: 0 when every article was extracted, 1 when any failed, 2 for a usage error.
See docs/reading.md for every reader and flag.
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
from contextlib import nullcontext
from typing import IO, Iterable, Union

from sayso.cli.options import add_extract_arguments, failure_message, note
from sayso.errors import SaysoError
from sayso.read import add_reader_arguments, read_sources, reader_options
from sayso.record import Failure, Record
from sayso.scale import add_scale_arguments, ids_in_jsonl, run_from_args
from sayso.settings import Settings

HELP = "extract records (JSON) from articles"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories; - for stdin")
    parser.add_argument("--format", choices=("jsonl", "json"), default="jsonl",
                        help="jsonl: one record per line (default); json: one JSON array")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    add_extract_arguments(parser)
    parser.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    add_reader_arguments(parser)
    add_scale_arguments(parser, resume="output")


def write_records(results: Iterable[Union[Record, Failure]], out: IO[str], fmt: str,
                  verbose: bool = False) -> tuple[int, int]:
    """Write records, report failures on stderr; return (written, failed)."""
    written = failed = 0
    if fmt == "json":
        out.write("[")
    for result in results:
        if isinstance(result, Failure):
            failed += 1
            note(failure_message(result, verbose))
            continue
        line = result.to_json()
        if fmt == "json":
            out.write(("\n" if written == 0 else ",\n") + line)
        else:
            out.write(line + "\n")
        written += 1
    if fmt == "json":
        out.write("\n]\n" if written else "]\n")
    return written, failed


def _open_output(path: str, mode: str = "w") -> IO[str]:
    try:
        return open(path, mode, encoding="utf-8")
    except OSError as exc:
        raise SaysoError(f"cannot write {path} ({exc.strerror or exc}); check the path") from exc


def run(args: argparse.Namespace) -> int:
    options = reader_options(args)
    if args.batch_size < 1:
        raise SaysoError("--batch-size must be at least 1")
    settings = Settings(batch_size=args.batch_size, max_bytes=options.max_bytes,
                        progress=not args.no_progress, ontology=args.ontology)
    if args.output:
        options = dataclasses.replace(options, skip=(args.output,))  # never read our own output
    if args.resume and (not args.output or args.format != "jsonl"):
        raise SaysoError("--resume needs -o FILE in the jsonl format")
    skip = ids_in_jsonl(args.output).__contains__ if args.resume else None
    articles = read_sources(args.paths, options)
    results = run_from_args(articles, settings, args, skip=skip, read_options=options)
    mode = "a" if args.resume else "w"
    with (_open_output(args.output, mode) if args.output else nullcontext(sys.stdout)) as out:
        written, failed = write_records(results, out, args.format, args.verbose)
    if failed:
        note(f"sayso extract: {failed} of {written + failed} articles failed; {written} extracted")
    if results.stats.interrupted:
        note(f"sayso extract: interrupted after {written} records; run again with --resume to go on")
        return 130
    return 1 if failed else 0
