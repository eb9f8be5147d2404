"""Extract article records (JSON) from text, HTML, feeds, JSONL/CSV/WARC corpora or stdin.

Writes one record per article to stdout or -o FILE. Articles that cannot be read or extracted
are reported on stderr, one line each, and skipped; the exit status is 1 when any failed.
"""
from __future__ import annotations

import argparse
import json
import sys
from contextlib import nullcontext
from typing import IO

from sayso.commands.progress import progress
from sayso.pipeline import Failure, extract
from sayso.read import add_reader_arguments, read_sources, reader_options
from sayso.settings import Settings

HELP = "extract records (JSON) from articles"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories; - for stdin")
    parser.add_argument("--format", choices=("jsonl", "json"), default="jsonl",
                        help="jsonl: one record per line (default); json: one JSON array")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.add_argument("--batch-size", type=int, default=Settings.batch_size, help="articles per spaCy batch")
    add_reader_arguments(parser)


def write_records(results, out: IO[str], fmt: str) -> int:
    """Write records, report failures on stderr; return how many failed."""
    failed, first = 0, True
    if fmt == "json":
        out.write("[")
    for result in results:
        if isinstance(result, Failure):
            failed += 1
            print(f"sayso: skipped {result.origin}: {result.error}", file=sys.stderr)
            continue
        line = json.dumps(result.to_dict(), ensure_ascii=False)
        if fmt == "json":
            out.write(("\n" if first else ",\n") + line)
        else:
            out.write(line + "\n")
        first = False
    if fmt == "json":
        out.write("\n]\n")
    return failed


def run(args: argparse.Namespace) -> int:
    settings = Settings(batch_size=args.batch_size)
    articles = read_sources(args.paths, reader_options(args))
    results = progress(extract(articles, settings), unit="article")
    with (open(args.output, "w", encoding="utf-8") if args.output else nullcontext(sys.stdout)) as out:
        failed = write_records(results, out, args.format)
    return 1 if failed else 0
