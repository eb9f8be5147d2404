"""Export merged events (with their reports and sources) to a file.

Formats: json, jsonl, csv, geojson, parquet, plover (PLOVER JSON event records). The query
filters apply. The file is written completely or not at all.
"""
from __future__ import annotations

import argparse
import sys

from sayso.cli.options import add_filter_arguments, add_ledger_argument, filters_of
from sayso.ledger import open_ledger
from sayso.ledger.export import FORMATS, export, export_stream

HELP = "export merged events: json, jsonl, csv, geojson, parquet, plover"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_ledger_argument(parser)
    parser.add_argument("--format", choices=FORMATS, default="jsonl", help="file format (default jsonl)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here (default stdout; parquet needs a file)")
    add_filter_arguments(parser)


def run(args: argparse.Namespace) -> int:
    with open_ledger(args.ledger, create=False) as ledger:
        items = ledger.iter_events(filters_of(args))
        if args.output:
            n = export(items, args.format, args.output)
            print(f"{args.output}: {n} merged events ({args.format})", file=sys.stderr)
        else:
            export_stream(items, args.format, sys.stdout)
    return 0
