"""The server's access to the ledger: one ledger handle per thread.

Pages and API call these methods only; they call sayso.ledger's public API where it has what is
needed, and sayso.serve.queries (read-only SQL) for the rest.
"""
from __future__ import annotations

import threading
import time
from typing import Any, Optional

from sayso.ledger import Filters, open_ledger
from sayso.record import Record, record_from_dict
from sayso.serve import queries
from sayso.serve.charts import DayCount, PlaceCount

OPTIONS_TTL = 10.0  # seconds the filter form's choices and the ledger's counts are kept


class Store:
    def __init__(self, ledger: str) -> None:
        self.ledger_url = ledger
        self._local = threading.local()
        self._handles: list[Any] = []
        self._lock = threading.Lock()
        self._refreshing = threading.Lock()
        self._options: tuple[float, Optional[queries.Options]] = (0.0, None)
        self._stats: tuple[float, Optional[dict[str, Any]]] = (0.0, None)

    def _handle(self) -> Any:
        local = self._local
        if getattr(local, "ledger", None) is None:
            ledger = open_ledger(self.ledger_url)
            local.ledger = ledger
            with self._lock:
                self._handles.append(ledger)
        return local.ledger

    @property
    def ledger(self) -> Any:
        return self._handle()

    @property
    def reader(self) -> queries.Rows:
        return self._handle().db

    def close(self) -> None:
        with self._lock:
            for ledger in self._handles:
                ledger.close()
            self._handles.clear()

    def events(self, filters: dict[str, Any], sort: str, limit: int, offset: int) -> Any:
        return self.ledger.events(Filters(**filters), sort=sort, limit=limit, offset=offset)

    def event(self, merged_id: int) -> Any:
        return self.ledger.event(merged_id)

    def article(self, article_id: str) -> Optional[Record]:
        data = self.ledger.article(article_id)
        return None if data is None else record_from_dict(data)

    def merged_ids(self, article_id: str) -> dict[str, Optional[int]]:
        return queries.merged_ids(self.reader, article_id)

    def day_counts(self, filters: dict[str, Any]) -> list[DayCount]:
        return queries.day_counts(self.reader, filters)

    def place_counts(self, filters: dict[str, Any]) -> list[PlaceCount]:
        return queries.place_counts(self.reader, filters)

    def options(self) -> queries.Options:
        """The filter form's choices; while one thread refreshes them the others use the old ones."""
        stamp, cached = self._options
        if cached is not None and time.monotonic() - stamp <= OPTIONS_TTL:
            return cached
        if not self._refreshing.acquire(blocking=cached is None):
            return cached  # type: ignore[return-value]
        try:
            fresh = queries.options(self.reader)
            self._options = (time.monotonic(), fresh)
            return fresh
        finally:
            self._refreshing.release()

    def stats(self) -> dict[str, Any]:
        """Counts of articles, events, merged events and sources (kept a few seconds: they scan)."""
        stamp, cached = self._stats
        if cached is None or time.monotonic() - stamp > OPTIONS_TTL:
            cached = dict(self.ledger.stats())
            self._stats = (time.monotonic(), cached)
        return dict(cached)

    def ingest(self, record: Record) -> Any:
        result = self.ledger.ingest(record)
        self._options = self._stats = (0.0, None)
        return result
