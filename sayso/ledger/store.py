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

from dataclasses import dataclass
from typing import Optional

from sayso.ledger import corroboration, merge
from sayso.ledger.backend import Backend
from sayso.ledger.rows import EVENT_COLUMNS, ArticleRows, rows_of
from sayso.ledger.schema import now
from sayso.record import Record

ARTICLE_COLUMNS = ("id", "key", "version", "current", "url", "path", "outlet", "title", "author",
                   "published", "text_hash", "record_hash", "record", "events", "ingested_at")
CONTRIBUTIONS = ("entities", "places", "attributions", "events")


@dataclass(frozen=True)
class IngestResult:
    article_id: str
    status: str  # added | unchanged | replaced
    events: int  # event reports stored for this article
    merged: tuple[int, ...]  # merged events its reports are in


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


INSERT_EVENT = _insert("events", EVENT_COLUMNS)
INSERT_ARTICLE = _insert("articles", ARTICLE_COLUMNS)
INSERT_ENTITY = _insert("entities", ("article_id", "id", "name", "kind", "country", "sector", "role"))
INSERT_PLACE = _insert("places", ("article_id", "id", "name", "country", "lat", "lon", "precision"))
INSERT_ATTRIBUTION = _insert("attributions", ("article_id", "id", "source", "source_entity",
                                              "source_kind", "cue", "type", "parent", "chain"))
SIDE_TABLES = (INSERT_ENTITY, INSERT_PLACE, INSERT_ATTRIBUTION)


def ingest(db: Backend, record: Record, window_days: int) -> IngestResult:
    """Store one record in its own transaction."""
    return ingest_batch(db, [record], window_days)[0]


def ingest_batch(db: Backend, records: list[Record], window_days: int) -> list[IngestResult]:
    """Store records in one transaction (one record: `sayso ingest`'s default; more: faster for
    bulk loads), still whole articles only. The rows nothing reads while merging (entities,
    places, attributions) are written once for the whole batch, at its end."""
    rows = [rows_of(record) for record in records]  # before the transaction: the lock is held briefly
    side: dict[str, list[tuple]] = {sql: [] for sql in SIDE_TABLES}
    stamp = now()
    with db.transaction():
        results = [_ingest(db, r, window_days, side, stamp) for r in rows]
        _flush(db, side)
    return results


def _flush(db: Backend, side: dict[str, list[tuple]]) -> None:
    for sql, values in side.items():
        if values:
            db.executemany(sql, values)
            values.clear()


def _ingest(db: Backend, rows: ArticleRows, window_days: int, side: dict[str, list[tuple]],
            stamp: str) -> IngestResult:
    a = rows.article
    old = db.one("SELECT id, record_hash, version FROM articles WHERE key = ? AND current = 1",
                 (a["key"],))
    if old is not None and old[1] == a["record_hash"]:
        merged = db.rows("SELECT DISTINCT merged_id FROM events WHERE article_id = ?", (old[0],))
        return IngestResult(old[0], "unchanged", a["events"], tuple(sorted(m for (m,) in merged)))
    if old is not None:
        _flush(db, side)  # the old version may be in this batch: written, then retired
    touched = _retire(db, old[0]) if old is not None else set()
    if old is not None:
        db.execute("DELETE FROM articles WHERE id = ?", (a["id"],))  # an old version coming back
    version = 1 if old is None else old[2] + 1
    article = {**a, "version": version, "current": 1, "ingested_at": stamp}
    db.execute(INSERT_ARTICLE, tuple(article[c] for c in ARTICLE_COLUMNS))
    side[INSERT_ENTITY].extend(rows.entities)
    side[INSERT_PLACE].extend(rows.places)
    side[INSERT_ATTRIBUTION].extend(rows.attributions)
    merged = _merge_events(db, rows, window_days)
    corroboration.rebuild(db, touched)  # what the old version left, after the new one joined
    return IngestResult(a["id"], "added" if old is None else "replaced", len(rows.events),
                        tuple(sorted(set(merged))))


def _merge_events(db: Backend, rows: ArticleRows, window_days: int) -> list[int]:
    """Store the reports in their merged events; returns the merged events they are in."""
    new, attached = merge.assign(db, rows.events, window_days)
    db.executemany(INSERT_EVENT, [tuple(row[c] for c in EVENT_COLUMNS) for row in rows.events])
    corroboration.create(db, new)
    corroboration.refresh(db, [row["merged_id"] for row in attached])
    return [row["merged_id"] for row in rows.events]


def _retire(db: Backend, article_id: str) -> set[int]:
    """Remove an old version's contributions; returns the merged events it was in."""
    merged = {m for (m,) in db.rows("SELECT DISTINCT merged_id FROM events WHERE article_id = ?",
                                    (article_id,))}
    for table in CONTRIBUTIONS:
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    db.execute("UPDATE articles SET current = 0 WHERE id = ?", (article_id,))
    return merged


def current_article(db: Backend, key: str) -> Optional[str]:
    row = db.one("SELECT id FROM articles WHERE key = ? AND current = 1", (key,))
    return row[0] if row else None
