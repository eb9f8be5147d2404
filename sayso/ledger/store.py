"""Storing a record: one transaction per article, idempotent, new versions replace old ones.

- The same record again (same URL/path/id, same content) changes nothing: "unchanged".
- A new text (or a new extraction) under the same URL or path is a new version: the old
  version's entities, places, attributions and events are removed, the merged events they
  were in are recomputed, and the article row stays with `current = 0` as history: "replaced".
- Otherwise: "added".
Everything for one article happens inside one transaction, so a killed process leaves whole
articles only.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Iterator

from sayso.ledger.backend import Backend
from sayso.ledger.retire import CONTRIBUTIONS, retire  # noqa: F401  (store.retire, as before)
from sayso.ledger.batch import Batch, insert_sql
from sayso.ledger.rows import ArticleRows, rows_of
from sayso.ledger.schema import now
from sayso.record import Record

ARTICLE_COLUMNS = ("id", "key", "version", "current", "url", "path", "outlet", "title", "author",
                   "published", "text_hash", "record_hash", "record", "events", "ingested_at")


@dataclass(frozen=True)
class IngestResult:
    article_id: str
    status: str  # added | unchanged | replaced
    events: int  # event reports stored for this article
    merged: tuple[int, ...]  # merged events its reports are in


INSERT_ARTICLE = insert_sql("articles", ARTICLE_COLUMNS)
Current = tuple[str, str, int]  # a stored article's id, record hash and version


def ingest(db: Backend, record: Record, window_days: int) -> IngestResult:
    """Store one record in its own transaction."""
    return ingest_batch(db, [record], window_days)[0]


def ingest_batch(db: Backend, records: list[Record], window_days: int) -> list[IngestResult]:
    """Store records in one transaction (`sayso ingest` stores 50, bulk loads more: faster),
    still whole articles only. Reports are merged at the end (sayso.ledger.batch): the same merged
    events whatever the order or the batches."""
    with few_collections():
        return _store(db, records, window_days)


def _store(db: Backend, records: list[Record], window_days: int) -> list[IngestResult]:
    rows = [rows_of(record) for record in records]  # before the transaction: the lock is held briefly
    stamp = now()
    with db.transaction():
        batch = Batch(db, window_days, [e for r in rows for e in r.events])
        current = _current(db, [r.article["key"] for r in rows])
        results = [_ingest(batch, r, current, stamp) for r in rows]
        batch.flush()
        merged = batch.merged_of_many([r.article_id for r in results])
        return [replace(r, merged=merged.get(r.article_id, ())) for r in results]


@contextmanager
def few_collections(first_generation: int = 100_000) -> Iterator[None]:
    """Run the cyclic garbage collector rarely while a batch is built: its rows and views are
    alive until written, so frequent collections only walk them again (about a tenth of the
    ingest time). Reference counting frees everything as usual."""
    before = gc.get_threshold()
    gc.set_threshold(first_generation, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _current(db: Backend, keys: list[str]) -> dict[str, Current]:
    """The current stored version of each article key that has one."""
    found: dict[str, Current] = {}
    unique = sorted(set(keys))
    for start in range(0, len(unique), 500):
        chunk = unique[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        for key, article_id, record_hash, version in db.rows(
                f"SELECT key, id, record_hash, version FROM articles WHERE current = 1 AND key IN ({marks})",
                chunk):
            found[key] = (article_id, record_hash, version)
    return found


def _ingest(batch: Batch, rows: ArticleRows, current: dict[str, Current], stamp: str) -> IngestResult:
    a = rows.article
    old = current.get(a["key"])
    if old is not None and old[1] == a["record_hash"]:
        return IngestResult(old[0], "unchanged", a["events"], ())
    current[a["key"]] = (a["id"], a["record_hash"], 1 if old is None else old[2] + 1)
    if old is None:
        return _add(batch, rows, 1, stamp, "added")
    batch.flush()  # the old version may be in this batch: written, then retired
    _retire(batch, old[0])  # its merged events are clustered again when the batch is flushed
    batch.db.execute("DELETE FROM articles WHERE id = ?", (a["id"],))  # an old version coming back
    return _add(batch, rows, old[2] + 1, stamp, "replaced")


def _add(batch: Batch, rows: ArticleRows, version: int, stamp: str, status: str) -> IngestResult:
    article = {**rows.article, "version": version, "current": 1, "ingested_at": stamp}
    batch.add_rows(INSERT_ARTICLE, [tuple(article[c] for c in ARTICLE_COLUMNS)])
    batch.add_reports(rows.events)
    return IngestResult(article["id"], status, len(rows.events), ())  # merged: after the flush


def _retire(batch: Batch, article_id: str) -> None:
    """Remove an old version's reports (their merged events are clustered again)."""
    batch.retire(article_id)
    batch.db.execute("UPDATE articles SET current = 0 WHERE id = ?", (article_id,))
