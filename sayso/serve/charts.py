"""Server-side SVG: the timeline of merged events on a real time axis, stacked by category.

Time runs left to right in proportion (a year with no event is a year of empty axis); events are
counted per day, week, month or year, whichever keeps the bars few enough to see; each of the
17 categories has a colour of its own; every bar is a link to the ledger of those events.
The map's places are `PlaceCount`s, drawn in the browser (static/map.js).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from typing import Callable, Optional, Sequence

# Twenty colours that stay apart from each other (and from the white background): one per
# category of the ontology, in its order; categories beyond them share the last ones.
PALETTE = ("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#46a0a8", "#f032e6", "#9a9a00",
           "#c47a7a", "#008080", "#8f6bd6", "#9a6324", "#d4b000", "#800000", "#5fa35f", "#808000",
           "#000075", "#a9a9a9", "#ff8c69", "#1f1f1f")


def colours(categories: Sequence[str], known: Sequence[str] = ()) -> dict[str, str]:
    """A colour per category: a known category always gets the same one; others the spare ones."""
    fixed = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(known)}
    spare = [c for c in PALETTE if c not in fixed.values()] or list(PALETTE)
    extra = sorted(set(categories) - set(fixed))
    return {c: fixed.get(c) or spare[extra.index(c) % len(spare)] for c in sorted(set(categories))}


@dataclass(frozen=True, slots=True)
class DayCount:
    day: str  # ISO date
    category: str
    count: int


@dataclass(frozen=True, slots=True)
class PlaceCount:
    id: str  # "lat,lon": the place_id filter
    name: str
    lat: float
    lon: float
    count: int
    country: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Bar:
    start: date
    end: date  # last day, inclusive
    category: str
    count: int


UNITS = (("day", 120), ("week", 700), ("month", 365 * 12), ("year", None))  # unit, longest span


def unit_for(first: date, last: date) -> str:
    span = (last - first).days
    return next(u for u, most in UNITS if most is None or span <= most)


def period(d: date, unit: str) -> tuple[date, date]:
    """The first and last day of the `unit` holding `d`."""
    if unit == "day":
        return d, d
    if unit == "week":
        start = d - timedelta(days=d.weekday())
        return start, start + timedelta(days=6)
    if unit == "month":
        start = d.replace(day=1)
        return start, add_months(start, 1) - timedelta(days=1)
    return date(d.year, 1, 1), date(d.year, 12, 31)


def add_months(d: date, n: int) -> date:
    months = d.year * 12 + d.month - 1 + n
    return date(months // 12, months % 12 + 1, 1)


def bars(counts: Sequence[DayCount]) -> tuple[str, list[Bar]]:
    """The counts per period (day, week, month or year: few enough bars to see) and category."""
    days = [(date.fromisoformat(c.day[:10]), c) for c in counts if _is_day(c.day)]
    if not days:
        return "day", []
    unit = unit_for(min(d for d, _ in days), max(d for d, _ in days))
    merged: dict[tuple[date, str], int] = {}
    for d, c in days:
        key = (period(d, unit)[0], c.category)
        merged[key] = merged.get(key, 0) + c.count
    return unit, [Bar(s, period(s, unit)[1], cat, n) for (s, cat), n in sorted(merged.items())]


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text[:10])
    except ValueError:
        return False
    return True


TICK_STEPS = ((1, "day"), (7, "day"), (1, "month"), (3, "month"), (12, "month"), (24, "month"),
              (60, "month"), (120, "month"), (240, "month"))


def ticks(first: date, last: date, most: int = 10) -> list[tuple[date, str]]:
    """Dates for axis labels between `first` and `last`, at most about `most`, on round days:
    every day or week, or the first of every 1, 3, 12, 24, 60... months."""
    span = max(1, (last - first).days)
    step, unit = next(((s, u) for s, u in TICK_STEPS if span / (s if u == "day" else s * 30.4) <= most),
                      TICK_STEPS[-1])
    if unit == "day":
        return [(first + timedelta(days=i), (first + timedelta(days=i)).isoformat())
                for i in range(0, span + 1, step)]
    index = first.year * 12 + first.month - 1 + (0 if first.day == 1 else 1)
    index += (-index) % step
    out = []
    while (d := date(index // 12, index % 12 + 1, 1)) <= last:
        out.append((d, str(d.year) if step >= 12 else d.isoformat()[:7]))
        index += step
    return out


W, H, LEFT, RIGHT, TOP, BOTTOM = 1000, 260, 44, 16, 14, 40
Link = Callable[[Bar], str]


def timeline_svg(found: Sequence[Bar], palette: dict[str, str], link: Link) -> str:
    """Stacked bars on a time axis; each bar a link (keyboard-focusable) with its count as title."""
    if not found:
        return ""
    first, last = found[0].start, max(b.end for b in found) + timedelta(days=1)
    total = max(1, (last - first).days)
    x = lambda d: LEFT + (d - first).days / total * (W - LEFT - RIGHT)  # noqa: E731
    heights: dict[date, int] = {}
    for b in found:
        heights[b.start] = heights.get(b.start, 0) + b.count
    top, base = max(heights.values()), H - BOTTOM
    scale = (base - TOP) / top
    parts = [f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" '
             f'role="img" aria-label="merged events over time, by category">',
             f'<text x="{LEFT - 6}" y="{TOP + 4}" class="axis" text-anchor="end">{top}</text>',
             f'<text x="{LEFT - 6}" y="{base}" class="axis" text-anchor="end">0</text>',
             f'<line x1="{LEFT}" y1="{base}" x2="{W - RIGHT}" y2="{base}" class="axis-line"/>']
    for when, label in ticks(first, last - timedelta(days=1)):
        tx = x(when)
        parts.append(f'<line x1="{tx:.1f}" y1="{base}" x2="{tx:.1f}" y2="{base + 5}" class="axis-line"/>'
                     f'<text x="{tx:.1f}" y="{base + 18}" class="axis" text-anchor="middle">{label}</text>')
    stacked: dict[date, int] = {}
    for b in found:
        below = stacked.get(b.start, 0)
        stacked[b.start] = below + b.count
        bx, width = x(b.start), max(1.5, x(b.end + timedelta(days=1)) - x(b.start) - 1)
        h, y = b.count * scale, base - (below + b.count) * scale
        label = escape(f"{b.category}, {_span(b)}: {b.count} event{'s' if b.count != 1 else ''}")
        parts.append(f'<a href="{escape(link(b), quote=True)}" class="bar" aria-label="{label}">'
                     f'<rect x="{bx:.1f}" y="{y:.1f}" width="{width:.1f}" height="{max(1.0, h):.1f}" '
                     f'fill="{palette.get(b.category, "#777")}"><title>{label}</title></rect></a>')
    parts.append("</svg>")
    return "".join(parts)


def _span(b: Bar) -> str:
    return b.start.isoformat() if b.start == b.end else f"{b.start.isoformat()} to {b.end.isoformat()}"
