"""The ledger's rows, rendered once per merged event and kept.

A ledger page lists up to 500 merged events, and most of what it renders is their rows; a row
depends only on its merged event and the names of its sources, besides two links that carry the
page's filters (its category's and its place's). So a row is rendered once, with markers where
those links go, kept under (merged event, source names) and reused by every page that lists it;
the page fills in its own links. A merged event that changes is a new key: a row is never stale.

A row is written by `row_html` (every value escaped), not by a template: a page of rows never
seen before (a later page, a new filter) costs 50 of them, about 60 µs each through Jinja and a
few µs this way.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Callable, Iterable, Mapping

from markupsafe import Markup, escape

MARK = "\ue000"  # a private-use character: no text of the ledger holds it (escaped or not)
PLACE = MARK + "P"
SIZE = 8192  # rows kept (a few MB)


def category_mark(category: str) -> str:
    return f"{MARK}C{category}{MARK}"


ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&#34;"), ("'", "&#39;"))  # as markupsafe


def _x(value: Any) -> str:
    """A value from the ledger (text or number) as escaped HTML text; None as "" (the pages' `or ""`)."""
    if value is None:
        return ""
    text = str(value)
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        for c, entity in ENTITIES:
            text = text.replace(c, entity)
    return text


def summary(text: Any, length: int = 160, leeway: int = 5) -> str:
    """The summary cut to about `length` characters at a word boundary, with "..." (as Jinja's truncate)."""
    text = "" if text is None else str(text)
    return text if len(text) <= length + leeway else text[:length - 3].rsplit(" ", 1)[0] + "..."


def row_html(e: Any, names: tuple[str, ...]) -> str:
    """One ledger row of merged event `e` with its sources' names: the category's and the place's
    links are markers (category_mark, PLACE) the page replaces with its own."""
    day = f'<a href="/events/{e.id}">{_x(e.day or "undated")}</a>'
    if e.day_last and e.day_last != e.day:
        day += f"<br><small>to {_x(e.day_last)}</small>"
    category = f'<a href="{_x(category_mark(e.category))}">{_x(e.category)}</a>'
    if e.mode:
        category += f"<br><small>{_x(e.mode)}</small>"
    status = "".join(f'<span class="status s-{_x(s)}">{_x(s)}</span> ' for s in e.statuses)
    if e.conflict:
        status += '<span class="conflict" title="sources disagree">⚠ disputed</span>'
    actor = _x(e.actor)
    if e.actor_country:
        actor += f" <small>{_x(e.actor_country)}" + (f" {_x(e.actor_sector)}" if e.actor_sector else "") + "</small>"
    recipient = _x(e.recipient) + (f" <small>{_x(e.recipient_country)}</small>" if e.recipient_country else "")
    place = (f'<a href="{PLACE}{e.lat:.4f}%2C{e.lon:.4f}">{_x(e.place)}</a>' if e.place and e.lat is not None
             else _x(e.place))
    if e.country:
        place += f" <small>{_x(e.country)}</small>"
    sources = f"<strong>{_x(e.sources)}</strong>"
    if names:
        more = f"; +{len(names) - 3}" if len(names) > 3 else ""
        sources += f'<br><small class="source-names">{"; ".join(_x(n) for n in names[:3])}{more}</small>'
    return (f'<tr class="event-row">\n  <td class="day" data-label="Day">{day}</td>\n'
            f'  <td data-label="Category">{category}</td>\n  <td data-label="Status">{status}</td>\n'
            f'  <td data-label="Actor">{actor}</td>\n  <td data-label="Recipient">{recipient}</td>\n'
            f'  <td data-label="Place">{place}</td>\n  <td class="num" data-label="Reports">{_x(e.reports)}</td>\n'
            f'  <td class="num sources" data-label="Sources">{sources}</td>\n'
            f'  <td class="summary" data-label="Summary"><a href="/events/{e.id}">{_x(summary(e.summary))}</a></td>\n'
            "</tr>")


class Rows:
    def __init__(self, render: Callable[[Any, tuple[str, ...]], str] = row_html, size: int = SIZE) -> None:
        self.make, self.size = render, size
        self._kept: OrderedDict[tuple, str] = OrderedDict()
        self._lock = threading.Lock()

    def _row(self, event: Any, names: tuple[str, ...]) -> str:
        key = (event, names)
        with self._lock:
            html = self._kept.get(key)
            if html is not None:
                self._kept.move_to_end(key)
                return html
        html = self.make(event, names)
        with self._lock:
            self._kept[key] = html
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return html

    def render(self, events: Iterable[Any], sources: Mapping[int, list[str]], category_links: Mapping[str, str],
               place_link: str) -> list[Markup]:
        """The rows of these merged events with this page's links (escaped) in place of the markers."""
        place = str(escape(place_link))
        marks = {c: (str(escape(category_mark(c))), str(escape(link))) for c, link in category_links.items()}
        out = []
        for e in events:
            mark, link = marks[e.category]
            out.append(Markup(self._row(e, tuple(sources.get(e.id, ()))).replace(PLACE, place).replace(mark, link)))
        return out
