"""The names of the SQLite full-text indexes (schema step 6) and whether a ledger has them.

Apart from sayso.ledger.schema, which creates them, so that the writer (sayso.ledger.batch) and
the queries read them without importing the migrations (schema step 8 imports the writer).
"""
from __future__ import annotations

from sayso.ledger.backend import Backend

SEARCH_FTS = "merged_search"  # FTS5 over merged_events (actor, recipient, places), rowid = id
TEXT_FTS = "report_text"  # FTS5 over events (sentence) by word, rowid = events.rowid


def search_index(db: Backend) -> bool:
    """Whether the ledger has the trigram index of names and places (SQLite with FTS5)."""
    found = getattr(db, "_search_index", None)
    if found is None:
        found = db.kind == "sqlite" and bool(db.one("SELECT 1 FROM sqlite_master WHERE name = ?", (SEARCH_FTS,)))
        db._search_index = found
    return found
