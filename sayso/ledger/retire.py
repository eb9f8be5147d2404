"""Retiring an article version: its contributions leave the ledger, the row stays (not current)."""
from __future__ import annotations

from sayso.ledger.backend import Backend

CONTRIBUTIONS = ("events",)  # entities, places and attributions are views of current records


def retire(db: Backend, article_id: str) -> set[int]:
    """Remove an old version's contributions; returns the merged events it was in."""
    merged = {m for (m,) in db.rows("SELECT DISTINCT merged_id FROM events WHERE article_id = ?",
                                    (article_id,))}
    for table in CONTRIBUTIONS:
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    db.execute("UPDATE articles SET current = 0 WHERE id = ?", (article_id,))
    return merged
