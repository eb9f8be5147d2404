"""List merged events in the ledger, filtered, as a table (default) or JSON.

Each merged event is one real-world event reported by one or more articles: its category,
day, actor and recipient, place, every status its reports give (a conflict is marked "!"),
how many reports and how many independent original sources back it. `--event ID` shows one
merged event with each report, its chain of relays and its source.
"""
from __future__ import annotations

import argparse
import json
import shutil
from typing import Iterable

from sayso.errors import SaysoError
from sayso.ledger import EventDetail, Filters, MergedEvent, open_ledger
from sayso.ledger.query import SORTS

HELP = "list merged events in the ledger, filtered"


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


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from sayso.commands.ingest import add_ledger_argument

    add_ledger_argument(parser)
    add_filter_arguments(parser)
    parser.add_argument("--sort", choices=tuple(SORTS), default="-day", metavar="ORDER",
                        help="day, sources, reports or id; a leading - for descending, written "
                             "--sort=-sources (default -day: newest first)")
    parser.add_argument("--limit", type=int, default=50, help="at most this many (default 50; 0: all)")
    parser.add_argument("--offset", type=int, default=0, help="skip this many first")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--event", type=int, metavar="ID", help="show one merged event with its reports")


def _cut(text: object, width: int) -> str:
    s = "" if text is None else str(text)
    return s if len(s) <= width else s[: width - 1] + "…"


def print_table(events: Iterable[MergedEvent]) -> None:
    width = shutil.get_terminal_size((120, 20)).columns
    free = max(20, width - 62)
    print(f"{'id':>6} {'day':10} {'category':9} {'status':18} {'rep':>3} {'src':>3}  "
          f"{'actor -> recipient @ place'}")
    for e in events:
        status = ",".join(e.statuses) + ("!" if e.conflict else "")
        who = (e.actor or "?") + (f" -> {e.recipient}" if e.recipient else "") + (f" @ {e.place}" if e.place else "")
        print(f"{e.id:>6} {e.day or '':10} {e.category:9} {_cut(status, 18):18} {e.reports:>3} "
              f"{e.sources:>3}  {_cut(who, free)}")


def print_detail(detail: EventDetail) -> None:
    e = detail.event
    print(f"merged event {e.id}: {e.category} {e.day or 'undated'}"
          f"{'..' + e.day_last if e.day_last and e.day_last != e.day else ''}; actor {e.actor or '?'}"
          f"{'; recipient ' + e.recipient if e.recipient else ''}{'; place ' + e.place if e.place else ''}")
    print(f"  statuses: {', '.join(e.statuses)}{' (conflict: claimed and denied)' if e.conflict else ''}; "
          f"{e.reports} reports in {e.articles} articles; {e.sources} independent sources: "
          f"{'; '.join(s.source for s in detail.sources)}")
    from sayso.ledger.timeline import describe

    print("  claim timeline:")
    for claim in detail.timeline:
        print(f"    {describe(claim)}")
    for e in detail.evidence:
        print(f"  merged because: {e['because']} ({e['a']} ~ {e['b']})")
    for r in detail.reports:
        print(f"  - [{r.status}{'' if r.polarity != 'negative' else ', negative'}] {r.outlet or r.url or r.path} "
              f"{r.published or ''}: {' > '.join(r.chain)}")
        print(f"    {_cut(r.sentence, 200)}")


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
