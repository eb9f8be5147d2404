"""Schema step 7: article keys become canonical sources (sayso.identity).

Ledgers written before it keyed an article by its path as typed, so `examples/a.txt` and
`/home/me/examples/a.txt` were two articles. The step rewrites each key: the URL; else the
real path of the file, where it can still be found from the folder the migration runs in (a
path that cannot be found is kept as it was); else `text:` and the hash of the text. Where
two current versions now share a key, the one stored last stays current and the other is
retired as an earlier version (its reports leave the merged events; step 8, which always
follows in the same transaction, clusters every stored report again).
"""
from __future__ import annotations

import json
from typing import Any

from sayso.identity import canonical_path, source_key
from sayso.record import Meta

CHUNK = 500


def rekey(db: Any) -> None:
    changes = []
    for article_id, url, path, key, record in db.rows("SELECT id, url, path, key, record FROM articles"):
        new = _key(url, path, record)
        if new != key:
            changes.append((new, article_id))
    for start in range(0, len(changes), CHUNK):
        db.executemany("UPDATE articles SET key = ? WHERE id = ?", changes[start:start + CHUNK])
    _retire_duplicates(db)


def _key(url: str | None, path: str | None, record: str) -> str:
    if url:
        return url
    if path:
        return canonical_path(path)
    text = json.loads(record).get("text", "")
    return source_key(text, Meta())


def _retire_duplicates(db: Any) -> None:
    """Retire all but the last stored current version of each key. The merged events they were
    in are not recomputed here: schema step 8 clusters every stored report again."""
    from sayso.ledger.retire import retire

    doubled = db.rows("SELECT key FROM articles WHERE current = 1 GROUP BY key HAVING COUNT(*) > 1")
    for (key,) in doubled:
        rows = db.rows("SELECT id FROM articles WHERE key = ? AND current = 1 ORDER BY ingested_at, id", (key,))
        for (article_id,) in rows[:-1]:
            retire(db, article_id)
