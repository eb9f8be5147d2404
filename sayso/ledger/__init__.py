"""The ledger: records stored, events merged across articles, independent sources counted.

    from sayso.ledger import open_ledger, Filters
    with open_ledger("sayso.db") as ledger:          # or a postgresql:// URL
        ledger.ingest(record)
        page = ledger.events(Filters(category="DEFECT", min_sources=2))

The library first; `sayso ingest`, `sayso query` and `sayso export` are thin callers.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from sayso.errors import LedgerError
from sayso.util import batched
from sayso.ledger import query, schema, store
from sayso.ledger.backend import Backend, connect, is_postgres_url, redact
from sayso.ledger.integrity import DiskFullError, check_intact, is_disk_full, one_line, remove_new
from sayso.ledger.query import EventDetail, Filters, MergedEvent, Page, Report, SourceCount
from sayso.ledger.store import IngestResult
from sayso.record import Record
from sayso.settings import DEFAULT, Settings

__all__ = ["Ledger", "open_ledger", "Filters", "MergedEvent", "EventDetail", "Report",
           "SourceCount", "Page", "IngestResult", "LedgerError", "DiskFullError"]


def _database_errors() -> tuple[type[BaseException], ...]:
    try:
        import psycopg
    except ImportError:  # no `postgres` extra: SQLite only
        return (sqlite3.DatabaseError,)
    return (sqlite3.DatabaseError, psycopg.Error)


class Ledger:
    """An open ledger. Use as a context manager, or call close()."""

    def __init__(self, db: Backend, where: str, settings: Settings):
        self.db, self.where, self.settings = db, where, settings

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _guard(self, action, *args: Any, **kwargs: Any) -> Any:
        try:
            return action(self.db, *args, **kwargs)
        except _database_errors() as exc:
            raise database_error(self.where, exc) from exc

    def ingest(self, record: Record) -> IngestResult:
        """Store one record in one transaction (idempotent; a new version replaces the old)."""
        return self._guard(store.ingest, record, self.settings.merge_window_days)

    def ingest_many(self, records: Iterable[Record], batch: int = 1) -> Iterator[IngestResult]:
        """Store records one transaction per article (batch=1), or per `batch` articles for bulk
        loads; either way a killed process leaves whole articles only."""
        if batch <= 1:
            for record in records:
                yield self.ingest(record)
            return
        window = self.settings.merge_window_days
        for chunk in batched(records, batch):
            yield from self._guard(store.ingest_batch, chunk, window)

    def events(self, filters: Filters = Filters(), sort: str = "-day", limit: Optional[int] = 50,
               offset: int = 0) -> Page:
        return self._guard(query.list_events, filters, sort, limit, offset)

    def iter_events(self, filters: Filters = Filters()) -> Iterator[EventDetail]:
        """Every matching merged event with its reports, by id, read a page at a time."""
        events = query.iter_events(self.db, filters)
        while True:
            try:
                item = next(events)
            except StopIteration:
                return
            except _database_errors() as exc:
                raise database_error(self.where, exc) from exc
            yield item

    def events_by_id(self, ids: Iterable[int]) -> list[MergedEvent]:
        return self._guard(query.by_ids, list(ids))

    def event(self, merged_id: int) -> Optional[EventDetail]:
        return self._guard(query.get_event, merged_id)

    def article(self, article_id: str) -> Optional[dict[str, Any]]:
        return self._guard(query.get_article, article_id)

    def is_current(self, article_id: str) -> bool:
        """Whether this version of an article is the one the ledger holds now (an earlier
        version of it stored again becomes current again, so it is not "known")."""
        row = self._guard(lambda db: db.one("SELECT current FROM articles WHERE id = ?", (article_id,)))
        return bool(row and row[0])

    def timeline(self, filters: Filters = Filters(), by: str = "day") -> list[tuple[str, int]]:
        return self._guard(query.timeline, filters, by)

    def stats(self) -> dict[str, int]:
        return self._guard(query.stats)

    def schema_version(self) -> int:
        return self._guard(schema.current_version)


def open_ledger(target: Optional[str] = None, settings: Settings = DEFAULT, create: bool = True,
                check: bool = True) -> Ledger:
    """Open the ledger at a SQLite path or a postgresql:// URL; a new one is created unless
    `create` is false (readers: `sayso query`, `sayso export`), when a missing one is an error.
    `check=False` skips SQLite's integrity check (seconds on a big ledger): for another handle of
    a process that checked the ledger when it opened its first (the server's pool)."""
    target = str(target or settings.ledger)
    where = redact(target) if is_postgres_url(target) else target
    new_file = None if is_postgres_url(target) or Path(target).exists() else Path(target)
    if not create and new_file is not None:
        raise LedgerError(f"{target}: no such ledger; make one with: sayso ingest PATH --ledger {target}")
    try:
        return Ledger(_opened(target, where, create, check), where, settings)
    except BaseException:
        if new_file is not None:
            remove_new(new_file)  # a new ledger that could not be made leaves nothing behind
        raise


def _opened(target: str, where: str, create: bool, check: bool = True) -> Backend:
    try:
        db = connect(target, read_only=not create)
    except _database_errors() as exc:
        raise _open_error(where, exc) from exc
    try:
        if not create and not db.tables():
            raise LedgerError(f"{where}: holds no ledger yet; make one with: sayso ingest PATH --ledger ...")
        if create and check:
            check_intact(db, where)  # before the first write of the run
        schema.migrate(db, where)
        if create:
            db.prepare_for_writing()
    except _database_errors() as exc:
        db.close()
        raise _open_error(where, exc) from exc
    except BaseException:
        db.close()
        raise
    return db


def _open_error(where: str, exc: BaseException) -> LedgerError:
    if is_disk_full(exc):
        return DiskFullError(f"{where}: the disk is full; nothing was stored. Free some space, "
                             "or give --ledger a file on another disk")
    return LedgerError(f"{where}: cannot be opened as a ledger ({one_line(exc)}); "
                       "give a sayso ledger or a new file name (it was not changed)")


def database_error(where: str, exc: BaseException) -> LedgerError:
    """A database failure as one line; a full disk as DiskFullError."""
    if is_disk_full(exc):
        return DiskFullError(f"{where}: the disk is full")
    return LedgerError(f"{where}: {one_line(exc) or type(exc).__name__}")
