"""The server's access to the ledger: a small pool of open ledger handles, lent per call.

Pages and API call these methods only; every filtered list, count, timeline, map and export goes
through the ledger's own filters (sayso.ledger.query); sayso.serve.queries only gives the filter
form's choices and an article's merged events. A handle
is lent to one thread at a time; at most IDLE handles are kept open between requests. Only the
first handle checks the ledger's integrity (seconds on a big ledger): a handle opened under load
costs milliseconds.
"""
from __future__ import annotations

import queue
import threading
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Optional, TypeVar

from sayso.ledger import Filters, open_ledger, query
from sayso.record import Record, record_from_dict
from sayso.serve import queries
from sayso.serve.charts import DayCount, PlaceCount

OPTIONS_TTL = 10.0  # seconds the filter form's choices and the ledger's counts are kept
IDLE = 8  # open ledger handles kept between requests
MMAP_BYTES = 1 << 30  # a SQLite ledger is read through a memory map of up to this much (virtual memory)
T = TypeVar("T")


class Store:
    def __init__(self, ledger: str) -> None:
        self.ledger_url = ledger
        self._idle: queue.LifoQueue = queue.LifoQueue()
        self._checked = False
        self._refreshing = threading.Lock()
        self._options: tuple[float, Optional[queries.Options]] = (0.0, None)
        self._stats: tuple[float, Optional[dict[str, Any]]] = (0.0, None)

    @contextmanager
    def lease(self) -> Iterator[Any]:
        """An open ledger for the time of one call (opened when none is idle)."""
        try:
            ledger = self._idle.get_nowait()
        except queue.Empty:  # the ledger's integrity is checked once, by the first handle
            ledger = open_ledger(self.ledger_url, check=not self._checked)
            ledger.db.map_pages(MMAP_BYTES)
            self._checked = True
        try:
            yield ledger
        except BaseException:
            ledger.close()  # a handle in an unknown state is not lent again
            raise
        if self._idle.qsize() < IDLE:
            self._idle.put(ledger)
        else:
            ledger.close()

    def warm(self) -> None:
        """Open the first handle now (the one that checks the ledger), not at the first request."""
        with self.lease():
            pass

    def _with(self, action: Callable[[Any], T]) -> T:
        with self.lease() as ledger:
            return action(ledger)

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return

    def events(self, filters: dict[str, Any], sort: str, limit: int, offset: int) -> Any:
        wanted = Filters(**filters)
        return self._with(lambda ledger: ledger.events(wanted, sort=sort, limit=limit, offset=offset))

    def source_names(self, ids: list[int]) -> dict[int, list[str]]:
        return self._with(lambda ledger: query.source_names(ledger.db, ids))

    def export(self, filters: dict[str, Any], write: Callable[[Iterator[Any]], T]) -> T:
        """`write` given every matching merged event with its reports, by id, on one ledger handle."""
        wanted = Filters(**filters)
        return self._with(lambda ledger: write(ledger.iter_events(wanted)))

    def event(self, merged_id: int) -> Any:
        return self._with(lambda ledger: ledger.event(merged_id))

    def article(self, article_id: str) -> Optional[Record]:
        data = self._with(lambda ledger: ledger.article(article_id))
        return None if data is None else record_from_dict(data)

    def merged_ids(self, article_id: str) -> dict[str, Optional[int]]:
        return self._with(lambda ledger: queries.merged_ids(ledger.db, article_id))

    def day_counts(self, filters: dict[str, Any]) -> list[DayCount]:
        found = self._with(lambda ledger: query.day_counts(ledger.db, Filters(**filters)))
        return [DayCount(d, c or "?", n) for d, c, n in found]

    def place_counts(self, filters: dict[str, Any]) -> list[PlaceCount]:
        found = self._with(lambda ledger: query.place_counts(ledger.db, Filters(**filters)))
        return [PlaceCount(query.place_key(la, lo), p or "?", la, lo, n, c) for p, c, la, lo, n in found]

    def options(self) -> queries.Options:
        """The filter form's choices; while one thread refreshes them the others use the old ones."""
        stamp, cached = self._options
        if cached is not None and time.monotonic() - stamp <= OPTIONS_TTL:
            return cached
        if not self._refreshing.acquire(blocking=cached is None):
            return cached  # type: ignore[return-value]
        try:
            fresh = self._with(lambda ledger: queries.options(ledger.db))
            self._options = (time.monotonic(), fresh)
            return fresh
        finally:
            self._refreshing.release()

    def stats(self) -> dict[str, Any]:
        """Counts of articles, events, merged events and sources (kept a few seconds: they scan)."""
        stamp, cached = self._stats
        if cached is None or time.monotonic() - stamp > OPTIONS_TTL:
            cached = dict(self._with(lambda ledger: ledger.stats()))
            self._stats = (time.monotonic(), cached)
        return dict(cached)

    def ingest(self, record: Record) -> Any:
        result = self._with(lambda ledger: ledger.ingest(record))
        self._options = self._stats = (0.0, None)
        return result
