"""The ledger's rows, rendered once per merged event and kept.

A ledger page lists up to 500 merged events, and most of what it renders is their rows; a row
depends only on its merged event and the names of its sources, besides two links that carry the
page's filters (its category's and its place's). So a row is rendered once, with markers where
those links go, kept under (merged event, source names) and reused by every page that lists it;
the page fills in its own links. A merged event that changes is a new key: a row is never stale.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Iterable, Mapping

from markupsafe import Markup, escape

MARK = "\ue000"  # a private-use character: no text of the ledger holds it (escaped or not)
PLACE = MARK + "P"
SIZE = 8192  # rows kept (a few MB)


def category_mark(category: str) -> str:
    return f"{MARK}C{category}{MARK}"


class Rows:
    def __init__(self, template: Any, size: int = SIZE) -> None:
        self.template, self.size = template, size
        self._kept: OrderedDict[tuple, str] = OrderedDict()
        self._lock = threading.Lock()

    def _row(self, event: Any, names: tuple[str, ...]) -> str:
        key = (event, names)
        with self._lock:
            html = self._kept.get(key)
            if html is not None:
                self._kept.move_to_end(key)
                return html
        html = self.template.render(e=event, names=names, category_link=category_mark, place_link=PLACE)
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
