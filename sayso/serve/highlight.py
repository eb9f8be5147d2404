"""The article page's text: events, speakers, quotes, places and dates highlighted.

Every span of a record becomes a `Mark` (start, end, kind, link, title). The text is cut at
every mark boundary into elementary segments; each segment is escaped on its own and wrapped in
one element carrying the kinds of all the marks that cover it, linking to the most specific of
them. Segments never overlap, so the HTML is well formed whatever the spans are, and no byte of
the article reaches the page unescaped.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Callable, Iterable, Iterator, Optional
from urllib.parse import urlencode

from sayso.record import Record
from sayso.ledger.filter_params import DAY as ISO_DAY

# Kinds from the widest to the most specific: a segment links to the last kind that covers it.
KINDS = ("boilerplate", "quote", "entity", "speaker", "place", "date", "event")
_RANK = {kind: i for i, kind in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str
    link: Optional[str] = None
    title: Optional[str] = None


EventLink = Callable[[str], Optional[str]]


def ledger_link(**filters: str) -> str:
    return "/?" + urlencode({k: v for k, v in filters.items() if v})


def record_marks(record: Record, event_link: EventLink) -> list[Mark]:
    """Every highlightable span of a record; `event_link(event_id)` gives an event's page."""
    marks = [Mark(b.start, b.end, "boilerplate", None, f"boilerplate: {b.reason}") for b in record.boilerplate]
    marks += list(_entity_marks(record))
    marks += list(_attribution_marks(record))
    marks += list(_place_marks(record))
    marks += list(_date_marks(record))
    for ev in record.events:
        title = f"{ev.type} ({ev.status})"
        marks.append(Mark(ev.trigger.start, ev.trigger.end, "event", event_link(ev.id), title))
    n = len(record.text)
    return [m for m in marks if 0 <= m.start < m.end <= n]


def _entity_marks(record: Record) -> Iterator[Mark]:
    for e in record.entities:
        if e.kind == "place":
            continue
        link = ledger_link(actor=e.name)
        for m in e.mentions:
            yield Mark(m.start, m.end, "entity", link, f"{e.name} ({e.kind})")


def _attribution_marks(record: Record) -> Iterator[Mark]:
    names = {e.id: e.name for e in record.entities}
    for a in record.attributions:
        name = names.get(a.source.entity or "", a.source.text)
        link = ledger_link(actor=name)
        yield Mark(a.source.start, a.source.end, "speaker", link, f"source: {name}")
        for c in a.content:
            yield Mark(c.start, c.end, "quote", None, f"{a.type} quote of {name}")


def _place_marks(record: Record) -> Iterator[Mark]:
    for p in record.places:
        where = ", ".join(x for x in (p.name, p.country) if x)
        link = ledger_link(place=p.name)
        for m in p.mentions:
            yield Mark(m.start, m.end, "place", link, f"place: {where}")


def _date_marks(record: Record) -> Iterator[Mark]:
    seen: set[tuple[int, int]] = set()
    dates = list(record.times) + [ev.date for ev in record.events if ev.date]
    for t in dates:
        if t.start is None or t.end is None or (t.start, t.end) in seen:
            continue
        seen.add((t.start, t.end))
        day = (t.value or "")[:10]
        link = ledger_link(since=day, until=day) if ISO_DAY.match(day) else None
        yield Mark(t.start, t.end, "date", link, f"date: {t.value or 'unresolved'} ({t.precision or '?'})")


def segments(length: int, marks: Iterable[Mark]) -> Iterator[tuple[int, int, list[Mark]]]:
    """Elementary (start, end, covering marks) pieces of [0, length), in order."""
    marks = sorted(marks, key=lambda m: (m.start, m.end))
    cuts = sorted({0, length, *(m.start for m in marks), *(m.end for m in marks)})
    active: list[Mark] = []
    i = 0
    for start, end in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > start]
        while i < len(marks) and marks[i].start <= start:
            if marks[i].end > start:
                active.append(marks[i])
            i += 1
        yield start, end, sorted(active, key=lambda m: _RANK[m.kind])


def render(text: str, marks: Iterable[Mark]) -> str:
    """HTML of `text` with every mark's segments wrapped; text is always escaped."""
    out: list[str] = []
    for start, end, active in segments(len(text), marks):
        piece = escape(text[start:end], quote=True)
        if not active:
            out.append(piece)
            continue
        classes = " ".join(sorted({f"hl-{m.kind}" for m in active}, key=lambda c: _RANK[c[3:]]))
        linked = [m for m in active if m.link]
        titled = [m.title for m in active if m.title]
        title = escape(" | ".join(dict.fromkeys(titled)), quote=True)
        if linked:
            href = escape(linked[-1].link, quote=True)
            out.append(f'<a class="hl {classes}" href="{href}" title="{title}">{piece}</a>')
        else:
            out.append(f'<span class="hl {classes}" title="{title}">{piece}</span>')
    return "".join(out)


def highlight(record: Record, event_link: EventLink) -> str:
    return render(record.text, record_marks(record, event_link))
