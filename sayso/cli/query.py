"""List merged events in the ledger, filtered, as a table (default) or JSON.

Each merged event is one real-world event reported by one or more articles: its category,
day, actor and recipient, place, every status its reports give (a conflict is marked "!"),
how many reports and how many independent original sources back it. `--event ID` shows one
merged event with each report, its chain of relays and its source.
"""
from __future__ import annotations

import argparse
import json

from sayso.cli.options import add_filter_arguments, add_ledger_argument, filters_of
from sayso.cli.table import print_detail, print_table
from sayso.errors import SaysoError
from sayso.ledger import open_ledger
from sayso.ledger.query import SORTS

HELP = "list merged events in the ledger, filtered"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_ledger_argument(parser)
    add_filter_arguments(parser)
    parser.add_argument("--sort", choices=tuple(SORTS), default="-day", metavar="ORDER",
                        help="day, sources, reports or id; a leading - for descending, written "
                             "--sort=-sources (default -day: newest first)")
    parser.add_argument("--limit", type=int, default=50, help="at most this many (default 50; 0: all)")
    parser.add_argument("--offset", type=int, default=0, help="skip this many first")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--event", type=int, metavar="ID", help="show one merged event with its reports")


def run(args: argparse.Namespace) -> int:
    with open_ledger(args.ledger, create=False) as ledger:
        if args.event is not None:
            detail = ledger.event(args.event)
            if detail is None:
                raise SaysoError(f"no merged event {args.event} in {args.ledger}; list them with sayso query")
            print(json.dumps(detail.to_dict(), ensure_ascii=False, indent=2) if args.json else "", end="")
            if not args.json:
                print_detail(detail)
            return 0
        page = ledger.events(filters_of(args), args.sort, args.limit or None, args.offset)
        if args.json:
            print(json.dumps({"total": page.total, "events": [e.to_dict() for e in page.items]},
                             ensure_ascii=False, indent=2))
        else:
            print_table(page.items)
            print(f"{len(page.items)} of {page.total} merged events")
    return 0
