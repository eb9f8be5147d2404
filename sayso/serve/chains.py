"""The chain of sources behind a claim, and the small graph that draws several of them.

A chain is a list of names, outermost first: [outlet, relay..., original source]. The graph
joins the chains of every report of an event: a name is one node wherever it appears, so two
outlets relaying the same newspaper visibly meet at it. The SVG is generated here, server-side,
with every name escaped.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Optional, Sequence

from sayso.record import Record

UNKNOWN_OUTLET = "(unknown outlet)"


def chain(record: Record, attribution_id: Optional[str]) -> list[str]:
    """[outlet, relay..., original source] for a claim under `attribution_id` (None: the article)."""
    outlet = record.meta.outlet or UNKNOWN_OUTLET
    by_id = {a.id: a for a in record.attributions}
    names = {e.id: e.name for e in record.entities}
    inner: list[str] = []
    seen: set[str] = set()
    current = by_id.get(attribution_id or "")
    while current is not None and current.id not in seen:
        seen.add(current.id)
        inner.append(names.get(current.source.entity or "", current.source.text))
        current = by_id.get(current.parent or "")
    return [outlet, *reversed(inner)]


@dataclass(frozen=True, slots=True)
class Claim:
    """One report's chain and the status it gives the event."""

    chain: tuple[str, ...]
    status: str
    link: Optional[str] = None  # the article page


NODE_W, NODE_H, GAP_X, GAP_Y, PAD = 170, 26, 46, 12, 8


def _layout(claims: Sequence[Claim]) -> tuple[dict[str, tuple[int, int]], set[tuple[str, str]]]:
    """Node -> (column, row): column is the deepest place a name appears in any chain."""
    column: dict[str, int] = {}
    edges: set[tuple[str, str]] = set()
    for c in claims:
        for depth, name in enumerate(c.chain):
            column[name] = max(column.get(name, 0), depth)
        edges.update(zip(c.chain, c.chain[1:]))
    rows: dict[int, int] = {}
    place: dict[str, tuple[int, int]] = {}
    for name in column:  # first-seen order keeps each report's chain on its own line
        col = column[name]
        place[name] = (col, rows.get(col, 0))
        rows[col] = rows.get(col, 0) + 1
    return place, edges


def _short(name: str, limit: int = 24) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _xy(col: int, row: int) -> tuple[int, int]:
    return PAD + col * (NODE_W + GAP_X), PAD + row * (NODE_H + GAP_Y)


def chain_svg(claims: Sequence[Claim]) -> str:
    """An inline SVG of the chains: outlet -> relay -> original source, left to right."""
    if not claims:
        return ""
    place, edges = _layout(claims)
    cols = 1 + max(c for c, _ in place.values())
    rows = 1 + max(r for _, r in place.values())
    width, height = _xy(cols, rows)
    parts = [
        f'<svg class="chain" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="chain of sources">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="#555"/></marker></defs>',
    ]
    for a, b in sorted(edges):
        (ax, ay), (bx, by) = _xy(*place[a]), _xy(*place[b])
        x1, y1, x2, y2 = ax + NODE_W, ay + NODE_H // 2, bx, by + NODE_H // 2
        if bx <= ax:  # a name met again nearer the outlet: loop under the nodes
            x1, x2 = ax + NODE_W // 2, bx + NODE_W // 2
            y1, y2 = ay + NODE_H, by + NODE_H
        parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#555" marker-end="url(#arrow)"/>')
    leaves = {c.chain[-1]: c for c in claims}
    for name, (col, row) in place.items():
        parts.append(_node(name, *_xy(col, row), col == 0, leaves.get(name)))
    parts.append("</svg>")
    return "".join(parts)


def _node(name: str, x: int, y: int, outlet: bool, leaf: Optional[Claim]) -> str:
    kind = "outlet" if outlet else ("source" if leaf else "relay")
    label = escape(_short(name))
    body = (
        f'<g class="node {kind}"><title>{escape(name)}</title>'
        f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="5"/>'
        f'<text x="{x + 8}" y="{y + 17}">{label}</text></g>'
    )
    if leaf and leaf.link:
        return f'<a href="{escape(leaf.link, quote=True)}">{body}</a>'
    return body
