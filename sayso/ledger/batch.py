"""One transaction's reports, merged in memory and written in a few statements.

Records in a batch are merged one after another exactly as if each had been stored on its own:
a report's candidates are the merged events the ledger holds plus those this batch created or
added reports to, the latter seen in their current state (summary and blocking keys). At the
end, `flush` writes every row with one `executemany` per table, and each merged event the batch
touched is summarised once, however many of its reports arrived.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter
from typing import Any, Optional

from sayso.ledger import corroboration
from sayso.ledger.backend import Backend
from sayso.ledger.merge import KEY_COLUMNS, View, countries, key_rows, merged_view, window
from sayso.ledger.rows import EVENT_COLUMNS
from sayso.ledger.schema import SEARCH_FTS, TEXT_FTS, search_index


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


INSERT_EVENT = insert_sql("events", EVENT_COLUMNS)
EVENT_VALUES = itemgetter(*EVENT_COLUMNS)
SEARCH_COLUMNS = ("actor", "recipient", "places")
INSERT_SEARCH = insert_sql(SEARCH_FTS, ("rowid", *SEARCH_COLUMNS))
INSERT_KEY = ("INSERT INTO merge_keys (category, country, day, merged_id) VALUES (?, ?, ?, ?) "
              "ON CONFLICT DO NOTHING")
UNDATED_LIMIT = 100  # an undated report without countries looks at the latest 100 undated events
MAX_ID = 2 ** 63  # above every merged id: (day, MAX_ID) sorts after that day's keys
MERGED_KEY_COLUMNS = ", ".join(f"m.{c.strip()}" for c in KEY_COLUMNS.split(","))


@dataclass
class Touched:
    """A merged event this batch created (`stored` false) or added reports to."""

    id: int
    category: str
    stored: bool
    reports: list[dict[str, Any]] = field(default_factory=list)
    _view: Optional[View] = None

    def add(self, report: dict[str, Any]) -> None:
        insort(self.reports, report, key=corroboration.report_order)
        self._view = None

    @property
    def day(self) -> Optional[str]:
        return self.view().day

    def view(self) -> View:
        """The merged event as a candidate, in its current state."""
        if self._view is None:
            self._view = merged_view((self.id, *corroboration.view(self.reports)))
        return self._view

    def summary(self) -> dict[str, Any]:
        return corroboration.summarise(self.reports)


class StoredKeys:
    """The blocking keys already stored for the reports a batch will look up, read in one
    statement per few hundred (category, country, day range) rather than one per report."""

    CHUNK = 500  # ranges per statement (four parameters each)

    def __init__(self, db: Backend, reports: list[dict[str, Any]], days: int):
        self.keys: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
        self.views: dict[int, View] = {}
        ranges = key_ranges(reports, days)
        for start in range(0, len(ranges), self.CHUNK):
            chunk = ranges[start:start + self.CHUNK]
            values = ", ".join(["(?, ?, ?, ?)"] * len(chunk))
            for category, country, day, *merged in db.rows(
                    f"WITH want (category, country, lo, hi) AS (VALUES {values}) "
                    f"SELECT DISTINCT k.category, k.country, k.day, {MERGED_KEY_COLUMNS} FROM want w "
                    "JOIN merge_keys k ON k.category = w.category AND k.country = w.country "
                    "AND k.day BETWEEN w.lo AND w.hi JOIN merged_events m ON m.id = k.merged_id",
                    [v for r in chunk for v in r]):
                self.keys[(category, country)].append((day, merged[0]))
                if merged[0] not in self.views:
                    self.views[merged[0]] = merged_view(tuple(merged))
        for found in self.keys.values():
            found.sort()

    def find(self, category: str, countries: list[str], lo: str, hi: str) -> set[int]:
        return between(self.keys, category, countries, lo, hi)


def between(keys: dict[tuple[str, str], list[tuple[str, int]]], category: str, countries: list[str],
            lo: str, hi: str) -> set[int]:
    """The merged ids filed under (category, country) for any of `countries`, on a day from lo
    to hi; each list holds (day, merged id) in order."""
    found: set[int] = set()
    for country in countries:
        days = keys.get((category, country))
        if days:
            start = bisect_left(days, (lo, -1))
            found.update(i for _, i in islice(days, start, bisect_right(days, (hi, MAX_ID))))
    return found


def key_ranges(reports: list[dict[str, Any]], days: int) -> list[tuple[str, str, str, str]]:
    """(category, country, first day, last day) covering every report's window, overlapping
    windows of one category and country joined."""
    wanted: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for row in reports:
        lo_hi = window(row["day"], days)
        for country in countries(row):
            wanted[(row["type"], country)].append(lo_hi)
    ranges = []
    for (category, country), windows in sorted(wanted.items()):
        windows.sort()
        lo, hi = windows[0]
        for a, b in windows[1:]:
            if a > hi:
                ranges.append((category, country, lo, hi))
                lo = a
            hi = max(hi, b)
        ranges.append((category, country, lo, hi))
    return ranges


class Batch:
    """The merge state and the rows of records being stored in one transaction."""

    def __init__(self, db: Backend, days: int, reports: list[dict[str, Any]] = ()):
        """`days`: the merge window; `reports`: those the batch will store, to read their
        candidates' keys in one go."""
        self.db, self.days, self.reports = db, days, list(reports)
        self._reset()

    def _reset(self) -> None:
        self.touched: dict[int, Touched] = {}
        self.by_category: dict[str, list[int]] = defaultdict(list)
        self.new_keys: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
        self.key_rows: set[tuple] = set()
        self.rows: dict[str, list[tuple]] = defaultdict(list)  # INSERT statement -> rows
        self.article_merged: dict[str, set[int]] = {}
        self._last_id: Optional[int] = None
        self._stored: Optional[StoredKeys] = None  # read again after a write

    # candidates -------------------------------------------------------------------------
    def candidates(self, row: dict[str, Any]) -> list[View]:
        """Merged events a report could join, stored or in this batch."""
        keys, category = countries(row), row["type"]
        lo, hi = window(row["day"], self.days)
        if keys:
            if self._stored is None:
                self._stored = StoredKeys(self.db, self.reports + [row], self.days)
            found = self._stored.find(category, keys, lo, hi)
            stored = [self._stored.views[i] for i in found if i not in self.touched]
            mine = between(self.new_keys, category, keys, lo, hi)
            mine.update(i for i in found if i in self.touched)
        elif row["day"]:
            stored = [merged_view(m) for m in self.db.rows(
                f"SELECT {KEY_COLUMNS} FROM merged_events WHERE category = ? AND day BETWEEN ? AND ?",
                (category, lo, hi)) if m[0] not in self.touched]
            mine = {i for i in self.by_category.get(category, ())
                    if (day := self.touched[i].day) is not None and lo <= day <= hi}
        else:
            return self._undated(category)
        return stored + [self.touched[i].view() for i in mine]

    def _undated(self, category: str) -> list[View]:
        mine = self.by_category.get(category, ())
        stored = self.db.rows(f"SELECT {KEY_COLUMNS} FROM merged_events WHERE category = ? AND day IS NULL "
                              f"ORDER BY id DESC LIMIT {UNDATED_LIMIT + len(mine)}", (category,))
        found = [merged_view(m) for m in stored if m[0] not in self.touched]
        found += [self.touched[i].view() for i in mine if self.touched[i].day is None]
        return sorted(found, key=lambda m: -m.id)[:UNDATED_LIMIT]

    # adding -------------------------------------------------------------------------------
    def new_id(self) -> int:
        if self._last_id is None:
            (top,) = self.db.one("SELECT MAX(id) FROM merged_events")
            self._last_id = top or 0
        self._last_id += 1
        return self._last_id

    def add_report(self, row: dict[str, Any], new: bool) -> None:
        """File a report (merged_id set) under its merged event, new or existing."""
        merged_id = row["merged_id"]
        touched = self.touched.get(merged_id)
        if touched is None:
            touched = Touched(merged_id, row["type"], stored=not new)
            if not new:
                touched.reports = corroboration.reports_of(self.db, merged_id)
            self.touched[merged_id] = touched
            self.by_category[row["type"]].append(merged_id)
        touched.add(row)
        for key in key_rows(merged_id, row):
            if key not in self.key_rows:
                self.key_rows.add(key)
                insort(self.new_keys[(key[0], key[1])], (key[2], merged_id))
        self.rows[INSERT_EVENT].append(EVENT_VALUES(row))
        self.article_merged.setdefault(row["article_id"], set()).add(merged_id)

    def add_rows(self, sql: str, rows: list[tuple]) -> None:
        self.rows[sql].extend(rows)

    def merged_of(self, article_id: str) -> tuple[int, ...]:
        """The merged events an article's reports are in (written or still in this batch)."""
        if article_id in self.article_merged:
            return tuple(sorted(self.article_merged[article_id]))
        found = self.db.rows("SELECT DISTINCT merged_id FROM events WHERE article_id = ?", (article_id,))
        return tuple(sorted(m for (m,) in found))

    # writing ------------------------------------------------------------------------------
    def flush(self) -> None:
        """Write everything gathered so far, then start empty."""
        indexed = search_index(self.db)
        if indexed:
            (last_report,) = self.db.one("SELECT COALESCE(MAX(rowid), 0) FROM events")
        for sql, rows in self.rows.items():
            if rows:
                self.db.executemany(sql, rows)
        if indexed:  # the new reports' sentences into the word index, in one statement
            self.db.execute(f"INSERT INTO {TEXT_FTS} (rowid, sentence) SELECT rowid, sentence FROM events "
                            "WHERE rowid > ?", (last_report,))
        self.db.executemany(INSERT_KEY, sorted(self.key_rows))
        write_merged(self.db, list(self.touched.values()))
        self._reset()


def write_merged(db: Backend, touched: list[Touched]) -> None:
    """Summaries, sources and statuses of the merged events a batch touched: new ones inserted,
    the others updated (their sources and statuses only grow while reports are added)."""
    summaries = {t.id: t.summary() for t in touched}
    new = [t for t in touched if not t.stored]
    old = [t for t in touched if t.stored]
    db.executemany(corroboration.INSERT_MERGED, [(t.id, t.category, *summaries[t.id].values()) for t in new])
    db.executemany(corroboration.UPDATE_MERGED, [(*summaries[t.id].values(), t.id) for t in old])
    db.executemany(corroboration.INSERT_SOURCE,
                   [s for t in new for s in corroboration.source_rows(t.id, t.reports)])
    db.executemany(corroboration.UPSERT_SOURCE,
                   [s for t in old for s in corroboration.source_rows(t.id, t.reports)])
    db.executemany(corroboration.INSERT_STATUS,
                   [s for t in touched for s in corroboration.status_rows(t.id, summaries[t.id])])
    if search_index(db):  # new merged events into the trigram index (updates: its trigger)
        db.executemany(INSERT_SEARCH, [(t.id, *(summaries[t.id][c] for c in SEARCH_COLUMNS)) for t in new])
