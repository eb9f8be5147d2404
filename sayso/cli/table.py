"""Merged events as text: the table `query` and `ingest` print, and one event in detail."""
from __future__ import annotations

import shutil
from typing import Iterable

from sayso.ledger import EventDetail, MergedEvent
from sayso.ledger.timeline import describe


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
    print("  claim timeline:")
    for claim in detail.timeline:
        print(f"    {describe(claim)}")
    for ev in detail.evidence:
        print(f"  merged because: {ev['because']} ({ev['a']} ~ {ev['b']})")
    for r in detail.reports:
        print(f"  - [{r.status}{'' if r.polarity != 'negative' else ', negative'}] {r.outlet or r.url or r.path} "
              f"{r.published or ''}: {' > '.join(r.chain)}")
        print(f"    {_cut(r.sentence, 200)}")
