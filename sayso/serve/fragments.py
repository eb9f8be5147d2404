"""Parts of a page made from the query alone, made once and kept: the filter form, the ledger's
table head with its sort links, and the links a page carries (exports, categories, places).

Each request used to redraw them: the form's every choice tested against the query, a dozen
URLs encoded. They depend only on what their key holds: the query's filters, sort and page size,
and the form's choices (`Options`, which the store reads from the ledger and replaces when they
may have changed). So a kept part is never stale, and this is not the page cache: the events,
their count and the ledger's figures are read for every request (`--cache-seconds 0` still
queries and renders every page), only the query's own furniture is reused.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Callable, Hashable, TypeVar

from markupsafe import Markup

from sayso.serve.exports import FORMATS
from sayso.serve.params import PAGE_SIZES, Query

T = TypeVar("T")
SIZE = 2048  # parts kept (a form is a few kB)


class Kept:
    """A bounded store of made things by key (least recently used dropped), shared by threads."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The thing kept under `key`, made (outside the lock) when it is not."""
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        made = make()
        with self._lock:
            self._kept[key] = made
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return made

    def __len__(self) -> int:
        return len(self._kept)


class Fragments:
    """The kept parts of the pages, rendered by the app's templates."""

    def __init__(self, env: Any, size: int = SIZE) -> None:
        self.env, self.kept = env, Kept(size)

    def form(self, q: Query, options: Any, action: str, full: bool) -> Markup:
        """The filter form of a page at `action` (`full`: with the page size and sort)."""
        def make() -> Markup:
            return Markup(self.env.get_template("_filters.html").render(
                q=q, options=options, action=action, full=full, page_sizes=PAGE_SIZES))

        return self.kept.get(("form", action, full, q.key, options), make)

    def ledger_head(self, q: Query) -> Markup:
        """The ledger table's head: a sort link per column, for this query."""
        return self.kept.get(("head", q.key), lambda: Markup(self.env.get_template("_ledger_head.html").render(q=q)))

    def ledger_links(self, q: Query) -> "Links":
        return self.kept.get(("links", q.key), lambda: Links(q))


class Links:
    """The links of a ledger page that carry its query: the downloads, each category's ledger,
    and the start of a place's (its id is added per row)."""

    def __init__(self, q: Query) -> None:
        self.q = q
        self.exports = {f: q.filter_url("/api/export", format=f) for f in FORMATS}
        here = q.filter_url("/", place_id=None)
        self.place = here + ("&" if "?" in here else "?") + "place_id="
        self._categories: dict[str, str] = {}

    def category(self, name: str) -> str:
        found = self._categories.get(name)
        if found is None:
            found = self._categories[name] = self.q.url(category=name, page=None)
        return found
