"""One transaction's reports: linked, clustered with the merged events they touch, written.

Records are gathered, and at `flush` every new report is linked (sayso.ledger.identity) to
the stored reports that share its category and a participant token within the merge window
(read through `report_keys` for the whole batch in a few statements). The block made of the
new reports and every merged event they link to is clustered again from scratch
(sayso.ledger.cluster): merged events are the connected components of the links, so the
block's result does not depend on the order the reports came in. Merged events that lost
reports (a replaced article version) are clustered again the same way and may split.
Every table gets one `executemany` per flush.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from operator import itemgetter
from typing import Any, Iterable, Optional

import orjson

from sayso.ledger import corroboration
from sayso.ledger.backend import Backend
from sayso.ledger.cluster import Cluster, anchor, clusters, stable_id
from sayso.ledger.identity import Report, link
from sayso.ledger.merge import key_rows, window
from sayso.ledger.rows import EVENT_COLUMNS
from sayso.ledger.fts import SEARCH_FTS, TEXT_FTS, search_index


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


INSERT_EVENT = insert_sql("events", EVENT_COLUMNS)
EVENT_VALUES = itemgetter(*EVENT_COLUMNS)
SEARCH_COLUMNS = ("actor", "recipient", "places")
INSERT_SEARCH = insert_sql(SEARCH_FTS, ("rowid", *SEARCH_COLUMNS))
INSERT_KEY = ("INSERT INTO merge_keys (category, country, day, merged_id) VALUES (?, ?, ?, ?) "
              "ON CONFLICT DO NOTHING")
INSERT_REPORT_KEY = ("INSERT INTO report_keys (category, token, day, article_id, event_id) "
                     "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
DELETE_REPORT_KEY = ("DELETE FROM report_keys WHERE category = ? AND token = ? AND day = ? "
                     "AND article_id = ? AND event_id = ?")
MEMBER_SQL = ", ".join(f"e.{c}" for c in corroboration.REPORT_COLUMNS)
CHUNK = 500
# The statuses merged_statuses holds, one index probe each (its key begins with the status).
STATUSES = ("WITH RECURSIVE s (status) AS (SELECT MIN(status) FROM merged_statuses UNION ALL "
            "SELECT (SELECT MIN(status) FROM merged_statuses WHERE status > s.status) FROM s "
            "WHERE s.status IS NOT NULL) SELECT status FROM s WHERE status IS NOT NULL")


def report_keys(report: Report) -> list[tuple[str, str, str, str, str]]:
    """The report_keys rows of a report: (category, token, day, article_id, event_id)."""
    day = report.row["day"] or ""
    return [(report.row["type"], t, day, *report.key) for t in sorted(report.tokens())]


def stored_candidates(db: Backend, new: list[Report], days: int) -> list[Report]:
    """Stored reports sharing a category and a participant token with a new report, within
    the merge window: one index range of report_keys per (category, token), a few hundred per
    statement."""
    wanted = sorted({(r.row["type"], t, *window(r.row["day"], days)) for r in new for t in r.tokens()})
    found: dict[tuple[str, str], Report] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start:start + CHUNK]
        values = ", ".join(["(?, ?, ?, ?)"] * len(chunk))
        for row in db.rows(
                f"WITH want (category, token, lo, hi) AS (VALUES {values}) SELECT DISTINCT {MEMBER_SQL} "
                "FROM want w JOIN report_keys k ON k.category = w.category AND k.token = w.token "
                "AND k.day BETWEEN w.lo AND w.hi "
                "JOIN events e ON e.article_id = k.article_id AND e.id = k.event_id",
                [v for quad in chunk for v in quad]):
            report = Report(dict(zip(corroboration.REPORT_COLUMNS, row)))
            found[report.key] = report
    return list(found.values())


def linked_merged(new: list[Report], stored: list[Report], days: int) -> set[int]:
    """The merged events of the stored reports some new report links to."""
    by_token: dict[tuple[str, str], list[Report]] = defaultdict(list)
    for s in stored:
        for t in s.tokens():
            by_token[(s.row["type"], t)].append(s)
    touched: set[int] = set()
    for n in new:
        seen: set[tuple[str, str]] = set()
        for t in n.tokens():
            for s in by_token.get((n.row["type"], t), ()):
                if s.key in seen or s.row["merged_id"] in touched:
                    continue
                seen.add(s.key)
                if link(n, s, days) is not None:
                    touched.add(s.row["merged_id"])
    return touched


def members_of(db: Backend, merged_ids: Iterable[int]) -> list[Report]:
    ids = sorted(set(merged_ids))
    found = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        found += [Report(dict(zip(corroboration.REPORT_COLUMNS, row))) for row in db.rows(
            f"SELECT {MEMBER_SQL} FROM events e WHERE e.merged_id IN ({', '.join('?' * len(chunk))})", chunk)]
    return found


class Batch:
    """The rows of records being stored in one transaction, and the merged events they touch."""

    def __init__(self, db: Backend, days: int, reports: Iterable[dict[str, Any]] = ()):
        """`days`: the merge window. `reports` is accepted for callers of the old interface."""
        self.db, self.days = db, days
        self._reset()

    def _reset(self) -> None:
        self.pending: list[dict[str, Any]] = []
        self.lost: set[int] = set()
        self.rows: dict[str, list[tuple]] = defaultdict(list)  # INSERT statement -> rows

    def add_reports(self, rows: list[dict[str, Any]]) -> None:
        """An article's new reports; merged when the batch is flushed."""
        self.pending.extend(rows)

    def add_rows(self, sql: str, rows: list[tuple]) -> None:
        self.rows[sql].extend(rows)

    def retire(self, article_id: str) -> None:
        """Remove a stored article's reports; their merged events are clustered again at flush."""
        gone = [Report(dict(zip(corroboration.REPORT_COLUMNS, row))) for row in self.db.rows(
            f"SELECT {MEMBER_SQL} FROM events e WHERE e.article_id = ?", (article_id,))]
        self.lost.update(r.row["merged_id"] for r in gone)
        self.db.executemany(DELETE_REPORT_KEY, [k for r in gone for k in report_keys(r)])
        self.db.execute("DELETE FROM events WHERE article_id = ?", (article_id,))

    def merged_of(self, article_id: str) -> tuple[int, ...]:
        found = self.db.rows("SELECT DISTINCT merged_id FROM events WHERE article_id = ?", (article_id,))
        return tuple(sorted(m for (m,) in found))

    def merged_of_many(self, article_ids: list[str]) -> dict[str, tuple[int, ...]]:
        """The merged events of each article's reports, in a statement per few hundred articles."""
        found: dict[str, set[int]] = defaultdict(set)
        ids = sorted(set(article_ids))
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            for article_id, merged_id in self.db.rows(
                    f"SELECT article_id, merged_id FROM events WHERE article_id IN ({', '.join('?' * len(chunk))})",
                    chunk):
                found[article_id].add(merged_id)
        return {a: tuple(sorted(m)) for a, m in found.items()}

    def flush(self) -> None:
        """Write everything gathered so far, merge the new reports, then start empty."""
        for sql, rows in self.rows.items():
            if rows:
                self.db.executemany(sql, rows)
        self.merge()
        self._reset()

    def merge(self) -> None:
        """Link the new reports, cluster the block they touch, write reports and merged events."""
        new = [Report(r) for r in self.pending]
        touched = set(self.lost)
        if new:
            touched |= linked_merged(new, stored_candidates(self.db, new, self.days), self.days)
        members = members_of(self.db, touched)
        write(self.db, clusters(new + members, self.days), touched, new, members)


def write(db: Backend, settled: list[Cluster], touched: set[int], new: list[Report],
          members: list[Report]) -> None:
    """Replace the touched merged events by the block's clusters; store the new reports. A
    merged event that only gained reports and keeps its id is updated in place."""
    grown = _grown(db, settled, touched, members)
    forget(db, touched - grown)
    settled = with_free_ids(db, settled, grown)
    before = {r.key: r.row["merged_id"] for r in members}
    moved = []
    for c in settled:
        for r in c.members:
            r.row["merged_id"] = c.id
            if r.key in before and before[r.key] != c.id:
                moved.append((c.id, *r.key))
    db.executemany("UPDATE events SET merged_id = ? WHERE article_id = ? AND id = ?", moved)
    _insert_reports(db, new)
    db.executemany(INSERT_REPORT_KEY, [k for r in new for k in report_keys(r)])
    _insert_merged(db, [c for c in settled if c.id not in grown])
    _update_merged(db, [c for c in settled if c.id in grown])


def _grown(db: Backend, settled: list[Cluster], touched: set[int], members: list[Report]) -> set[int]:
    """The touched merged events whose cluster keeps their id and every report they had."""
    stored = {}
    ids = sorted(touched & {c.id for c in settled})
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        stored.update(db.rows(f"SELECT id, reports FROM merged_events WHERE id IN ({', '.join('?' * len(chunk))})",
                              chunk))
    had = Counter(r.row["merged_id"] for r in members)
    grown = set()
    for c in settled:
        if c.id in stored and had[c.id] == stored[c.id] == sum(1 for r in c.members if r.row.get("merged_id") == c.id):
            grown.add(c.id)
    return grown


def forget(db: Backend, merged_ids: set[int]) -> None:
    ids = sorted(merged_ids)
    statuses = [s for (s,) in db.rows(STATUSES)] if ids else []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        marks = ", ".join("?" * len(chunk))
        for table, column in (("merged_events", "id"), ("sources", "merged_id"), ("merge_keys", "merged_id")):
            db.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)
        if statuses:  # by its key (status, merged_id): merged_id alone would read the whole table
            db.execute(f"DELETE FROM merged_statuses WHERE status IN ({', '.join('?' * len(statuses))}) "
                       f"AND merged_id IN ({marks})", [*statuses, *chunk])


def with_free_ids(db: Backend, settled: list[Cluster], grown: set[int] = frozenset()) -> list[Cluster]:
    """Each cluster's stable id, probed further in the rare case another merged event holds it
    (a grown merged event holds its own)."""
    wanted = [c.id for c in settled if c.id not in grown]
    taken: set[int] = set()
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start:start + CHUNK]
        taken.update(i for (i,) in db.rows(
            f"SELECT id FROM merged_events WHERE id IN ({', '.join('?' * len(chunk))})", chunk))
    taken |= grown
    out = []
    for c in settled:
        if c.id in grown:
            out.append(c)
            continue
        probe, merged_id = 0, c.id
        while merged_id in taken:
            probe += 1
            merged_id = stable_id(anchor(c.members), probe)
        taken.add(merged_id)
        out.append(c if merged_id == c.id else Cluster(merged_id, c.members, c.evidence))
    return out


def _insert_reports(db: Backend, new: list[Report]) -> None:
    if not new:
        return
    indexed = search_index(db)
    if indexed:
        (last_report,) = db.one("SELECT COALESCE(MAX(rowid), 0) FROM events")
    db.executemany(INSERT_EVENT, [EVENT_VALUES(r.row) for r in new])
    if indexed:  # the new reports' sentences into the word index, in one statement
        db.execute(f"INSERT INTO {TEXT_FTS} (rowid, sentence) SELECT rowid, sentence FROM events "
                   "WHERE rowid > ?", (last_report,))


def evidence_json(c: Cluster) -> Optional[str]:
    if not c.evidence:
        return None
    return orjson.dumps([{"a": "/".join(l.a), "b": "/".join(l.b), "because": l.because}
                         for l in c.evidence]).decode("utf-8")


def _insert_merged(db: Backend, settled: list[Cluster]) -> None:
    """Summaries, sources, statuses, blocking keys and search rows of the block's clusters."""
    rows = {c.id: sorted((r.row for r in c.members), key=corroboration.report_order) for c in settled}
    summaries = {c.id: corroboration.summarise(rows[c.id]) for c in settled}
    db.executemany(corroboration.INSERT_MERGED,
                   [(c.id, c.members[0].row["type"], *summaries[c.id].values(), evidence_json(c)) for c in settled])
    db.executemany(corroboration.INSERT_SOURCE, [s for c in settled for s in corroboration.source_rows(c.id, rows[c.id])])
    db.executemany(corroboration.INSERT_STATUS,
                   [s for c in settled for s in corroboration.status_rows(c.id, summaries[c.id])])
    db.executemany(INSERT_KEY, sorted({k for c in settled for r in rows[c.id] for k in key_rows(c.id, r)}))
    if search_index(db):
        db.executemany(INSERT_SEARCH, [(c.id, *(summaries[c.id][k] for k in SEARCH_COLUMNS)) for c in settled])


def _update_merged(db: Backend, grown: list[Cluster]) -> None:
    """Merged events that gained reports: summary and evidence updated, sources, statuses and
    keys added (the search index follows by its update trigger)."""
    rows = {c.id: sorted((r.row for r in c.members), key=corroboration.report_order) for c in grown}
    summaries = {c.id: corroboration.summarise(rows[c.id]) for c in grown}
    db.executemany(corroboration.UPDATE_MERGED, [(*summaries[c.id].values(), evidence_json(c), c.id) for c in grown])
    db.executemany(corroboration.UPSERT_SOURCE, [s for c in grown for s in corroboration.source_rows(c.id, rows[c.id])])
    db.executemany(corroboration.INSERT_STATUS,
                   [s for c in grown for s in corroboration.status_rows(c.id, summaries[c.id])])
    db.executemany(INSERT_KEY, sorted({k for c in grown for r in rows[c.id] for k in key_rows(c.id, r)}))


def recluster_all(db: Backend, days: Optional[int] = None) -> None:
    """Every stored report clustered again and filed in report_keys (schema step 8), one
    category at a time."""
    from sayso.settings import DEFAULT

    days = DEFAULT.merge_window_days if days is None else days
    for table in ("merged_events", "sources", "merged_statuses", "merge_keys", "report_keys"):
        db.execute(f"DELETE FROM {table}")
    for (category,) in db.rows("SELECT DISTINCT type FROM events ORDER BY type"):
        members = [Report(dict(zip(corroboration.REPORT_COLUMNS, row))) for row in db.rows(
            f"SELECT {MEMBER_SQL} FROM events e WHERE e.type = ?", (category,))]
        db.executemany(INSERT_REPORT_KEY, [k for r in members for k in report_keys(r)])
        write(db, clusters(members, days), set(), [], members)
