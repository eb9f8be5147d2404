"""Reading the ledger: merged events by filter, one event with its reports, timelines."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from typing import Any, Optional

from sayso.errors import LedgerError
from sayso.ledger.backend import Backend
from sayso.ledger.corroboration import is_against
from sayso.ledger.timeline import Claim, claim_timeline
from sayso.ledger.where import (  # noqa: F401  (query.Filters, query.like_pattern ... as before)
    ESCAPE, FILTER_NAMES, FIRST, MEMBER, PROBE, Filters, Many, Where, like_pattern, many, place_key, scans, where)


MERGED_COLUMNS = ("id", "category", "mode", "day", "day_last", "actor", "actor_country",
                  "actor_sector", "recipient", "recipient_country", "recipient_sector", "place",
                  "country", "lat", "lon", "reports", "articles", "sources", "statuses", "status",
                  "conflict", "summary")


@dataclass(frozen=True)
class MergedEvent:
    id: int
    category: str
    mode: Optional[str]
    day: Optional[str]
    day_last: Optional[str]
    actor: Optional[str]
    actor_country: Optional[str]
    actor_sector: Optional[str]
    recipient: Optional[str]
    recipient_country: Optional[str]
    recipient_sector: Optional[str]
    place: Optional[str]
    country: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    reports: int
    articles: int
    sources: int
    statuses: tuple[str, ...]
    status: Optional[str]
    conflict: bool
    summary: Optional[str]

    @classmethod
    def from_row(cls, row: tuple) -> "MergedEvent":
        """From a row of MERGED_COLUMNS, in their order (positional: pages make thousands)."""
        statuses = tuple(s for s in (row[18] or "").split(",") if s)
        return cls(*row[:18], statuses, row[19], bool(row[20]), row[21])  # type: ignore[call-arg]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["statuses"] = list(self.statuses)
        return d


REPORT_COLUMNS = ("article_id", "event_id", "outlet", "published", "url", "path", "title",
                  "category", "mode", "status", "polarity", "trigger", "sentence", "actor",
                  "recipient", "place", "date", "chain", "source")
REPORT_SQL = ("SELECT e.article_id, e.id, a.outlet, a.published, a.url, a.path, a.title, e.type, "
              "e.mode, e.status, e.polarity, e.trigger, e.sentence, e.actor_name, "
              "e.recipient_name, e.place_name, e.date_value, e.chain, e.source_name "
              "FROM events e JOIN articles a ON a.id = e.article_id")


@dataclass(frozen=True)
class Report:
    article_id: str
    event_id: str
    outlet: Optional[str]
    published: Optional[str]
    url: Optional[str]
    path: Optional[str]
    title: Optional[str]
    category: str
    mode: Optional[str]
    status: Optional[str]
    polarity: Optional[str]
    trigger: Optional[str]
    sentence: Optional[str]
    actor: Optional[str]
    recipient: Optional[str]
    place: Optional[str]
    date: Optional[str]
    chain: tuple[str, ...]
    source: Optional[str]

    @property
    def against(self) -> bool:
        return is_against(self.status, self.polarity)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["chain"] = list(self.chain)
        return d


@dataclass(frozen=True)
class SourceCount:
    source: str
    reports: int
    statuses: tuple[str, ...]


@dataclass(frozen=True)
class EventDetail:
    event: MergedEvent
    reports: list[Report]
    sources: list[SourceCount]
    evidence: tuple[dict[str, str], ...] = ()  # why its reports were merged: {a, b, because}

    @property
    def timeline(self) -> list[Claim]:
        """The claims in order of publication: who said it first, relayed, denied (sayso.ledger.timeline)."""
        return claim_timeline(self)

    @property
    def claims_for(self) -> list[Report]:
        return [r for r in self.reports if not r.against]

    @property
    def claims_against(self) -> list[Report]:
        return [r for r in self.reports if r.against]

    def to_dict(self) -> dict[str, Any]:
        """The merged event's fields, then `report_list` and `source_list`."""
        return {**self.event.to_dict(),
                "claims_for": len(self.claims_for), "claims_against": len(self.claims_against),
                "report_list": [r.to_dict() for r in self.reports],
                "source_list": [{"source": s.source, "reports": s.reports, "statuses": list(s.statuses)}
                                for s in self.sources],
                "evidence": [dict(e) for e in self.evidence],
                "timeline": [c.to_dict() for c in self.timeline]}


@dataclass(frozen=True)
class Page:
    total: int
    items: list[MergedEvent]


SORT_COLUMNS = ("day", "category", "status", "actor", "recipient", "place", "country", "reports",
                "articles", "sources", "summary", "id")
SORTS = {**{c: (c, "") for c in SORT_COLUMNS}, **{"-" + c: (c, " DESC") for c in SORT_COLUMNS}}
NUMERIC = frozenset({"sources", "reports", "articles", "id"})
INDEXED = frozenset({"day", "sources", "id"})  # sorts an index answers


def order_by(sort: str, f: Filters, sort_matches: bool = False) -> str:
    """ORDER BY for a sort name. With a substring filter (or `sort_matches`: a few matches read
    from a list) the sort key is wrapped so the database finds the matches first and sorts them,
    instead of walking the sort index and fetching every row in index order to test it."""
    column, direction = SORTS[sort]
    key = f"m.{column}"
    if (sort_matches or scans(f)) and column in INDEXED:
        key = f"({key} + 0)" if column in NUMERIC else f"({key} || '')"
    tie = "" if column == "id" else f", m.id{direction}"
    return f"{key}{direction}{tie}"


def count(db: Backend, f: Filters) -> int:
    """How many merged events match. A status or country filter alone counts its list directly
    (the distinct merged ids of its index, no merged event read); without a date range, country
    and status filters are read as lists before the merged events."""
    only = {name for name in FILTER_NAMES if getattr(f, name) not in (None, "", ())}
    if only == {"status"} and len(many(f.status)) == 1:
        return int(db.one("SELECT COUNT(*) FROM merged_statuses WHERE status = ?", (many(f.status)[0].lower(),))[0])
    if only == {"country"}:
        countries = [c.upper() for c in many(f.country)]
        return int(db.one(f"SELECT COUNT(DISTINCT merged_id) FROM merge_keys WHERE country IN "
                          f"({', '.join('?' * len(countries))})", countries)[0])
    clause, params = where(f, db, FIRST if not (f.since or f.until) else PROBE)
    return int(db.one(f"SELECT COUNT(*) FROM merged_events m{clause}", params)[0])


LIST_FIRST = 2_000  # a country or status filter matching at most this many: fetch them by id and sort them
PROBE_SHARE = 0.25  # matching at least this share of all merged events: a probe per merged event walked


def list_plan(db: Backend, f: Filters, total: int) -> str:
    """How a page reads its country and status conditions, from how many merged events match:
    few, fetched from the lists and sorted; most, a probe per merged event as the sort index is
    walked (a few probes per match); in between, the lists read once and each merged event walked
    tested against them (a country whose events all lie in some years walks past many others)."""
    if not (many(f.country) or many(f.status)) or db.kind != "sqlite":
        return PROBE
    if total <= LIST_FIRST:
        return FIRST
    everything = int(db.one("SELECT COUNT(*) FROM merged_events")[0])
    return PROBE if total >= PROBE_SHARE * everything else MEMBER


def list_events(db: Backend, filters: Filters = Filters(), sort: str = "-day",
                limit: Optional[int] = 50, offset: int = 0) -> Page:
    if sort not in SORTS:
        raise LedgerError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
    page = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
    cols = ", ".join(f"m.{c}" for c in MERGED_COLUMNS)
    if scans(filters):  # one scan gives the page and the total
        clause, params = where(filters, db)
        found = db.rows(f"SELECT {cols}, COUNT(*) OVER () FROM merged_events m{clause} "
                        f"ORDER BY {order_by(sort, filters)}{page}", params)
        total = int(found[0][-1]) if found else count(db, filters)
        return Page(total, [MergedEvent.from_row(r[:-1]) for r in found])
    total = count(db, filters)  # first: how many match decides how the page is read
    lists = list_plan(db, filters, total)
    if limit is not None and per_category(db, filters, sort):
        sql, params = by_category(db, filters, sort, lists, int(limit) + int(offset))
        found = db.rows(f"{sql}{page}", params)
    else:
        clause, params = where(filters, db, lists)
        found = db.rows(f"SELECT {cols} FROM merged_events m{clause} "
                        f"ORDER BY {order_by(sort, filters, lists == FIRST)}{page}", params)
    return Page(total, [MergedEvent.from_row(r) for r in found])


def per_category(db: Backend, f: Filters, sort: str) -> bool:
    """Whether a page of several categories by day is read a category at a time (by_category)."""
    return db.kind == "sqlite" and SORTS[sort][0] == "day" and len(categories(f)) > 1


def categories(f: Filters) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.upper() for c in many(f.category)))


def by_category(db: Backend, f: Filters, sort: str, lists: str, first: int) -> tuple[str, list[Any]]:
    """The first `first` merged events of several categories by day, each category's own read
    from the (category, day) index, merged. `category IN (A, B) ORDER BY day` walks the day index
    past every other category: most of it when A and B are rare in the latest days."""
    direction = SORTS[sort][1]
    cols = ", ".join(f"m.{c}" for c in MERGED_COLUMNS)
    arms, params = [], []
    for category in categories(f):
        one = replace(f, category=category)
        clause, values = where(one, db, lists)
        arms.append(f"SELECT * FROM (SELECT {cols} FROM merged_events m{clause} "
                    f"ORDER BY {order_by(sort, one, lists == FIRST)} LIMIT {int(first)})")
        params.extend(values)
    return " UNION ALL ".join(arms) + f" ORDER BY day{direction}, id{direction}", params


def by_ids(db: Backend, ids: list[int]) -> list[MergedEvent]:
    """These merged events (those that exist), in the order given."""
    found: dict[int, MergedEvent] = {}
    cols = ", ".join(MERGED_COLUMNS)
    for start in range(0, len(ids), 500):
        chunk = [int(i) for i in ids[start:start + 500]]
        marks = ", ".join("?" * len(chunk))
        for row in db.rows(f"SELECT {cols} FROM merged_events WHERE id IN ({marks})", chunk):
            found[row[0]] = MergedEvent.from_row(row)
    return [found[i] for i in ids if i in found]


def iter_events(db: Backend, filters: Filters = Filters(), batch: int = 2000):
    """Every matching merged event with its reports, by id, a page at a time (any ledger size)."""
    clause, params = where(filters, db)
    joiner = " AND " if clause else " WHERE "
    cols = ", ".join(f"m.{c}" for c in MERGED_COLUMNS)
    last = 0
    while True:
        found = db.rows(f"SELECT {cols} FROM merged_events m{clause}{joiner}m.id > ? "
                        f"ORDER BY m.id LIMIT {int(batch)}", [*params, last])
        yield from details(db, [MergedEvent.from_row(r) for r in found])
        if len(found) < batch:
            return
        last = found[-1][0]


def _report(row: tuple) -> Report:
    d = dict(zip(REPORT_COLUMNS, row))
    d["chain"] = tuple(json.loads(d["chain"] or "[]"))
    return Report(**d)


MAX_ID = 2 ** 63 - 1  # the largest id a ledger can hold (SQLite and PostgreSQL BIGINT)


def get_event(db: Backend, merged_id: int) -> Optional[EventDetail]:
    if not 0 <= int(merged_id) <= MAX_ID:
        return None
    cols = ", ".join(MERGED_COLUMNS)
    row = db.one(f"SELECT {cols} FROM merged_events WHERE id = ?", (int(merged_id),))
    if row is None:
        return None
    return details(db, [MergedEvent.from_row(row)])[0]


def details(db: Backend, events: list[MergedEvent]) -> list[EventDetail]:
    """Merged events with their reports and sources, in two queries for the whole list."""
    if not events:
        return []
    ids = [e.id for e in events]
    marks = ", ".join("?" * len(ids))
    reports: dict[int, list[Report]] = {i: [] for i in ids}
    for row in db.rows(f"SELECT e.merged_id, {REPORT_SQL[7:]} WHERE e.merged_id IN ({marks}) "
                       "ORDER BY e.merged_id, a.published, e.article_id, e.id", ids):
        reports[row[0]].append(_report(row[1:]))
    sources: dict[int, list[SourceCount]] = {i: [] for i in ids}
    for merged_id, name, n, statuses in db.rows(
            f"SELECT merged_id, source_name, reports, statuses FROM sources WHERE merged_id IN ({marks}) "
            "ORDER BY merged_id, reports DESC, source_name", ids):
        sources[merged_id].append(SourceCount(name, n, tuple(s for s in (statuses or "").split(",") if s)))
    evidence = {i: tuple(json.loads(text)) for i, text in db.rows(
        f"SELECT id, evidence FROM merged_events WHERE id IN ({marks}) AND evidence IS NOT NULL", ids)}
    return [EventDetail(e, reports[e.id], sources[e.id], evidence.get(e.id, ())) for e in events]


def get_article(db: Backend, article_id: str) -> Optional[dict[str, Any]]:
    row = db.one("SELECT record, version, current FROM articles WHERE id = ?", (article_id,))
    if row is None:
        return None
    record = json.loads(row[0])
    record["ledger"] = {"version": row[1], "current": bool(row[2])}
    return record


PERIODS = {"day": 10, "month": 7, "year": 4}


def aggregate_lists(f: Filters) -> str:
    """How counts over all matches read country and status conditions: without a date range the
    lists drive the query; within one, the merged events of the range are tested against them."""
    return MEMBER if f.since or f.until else FIRST


def timeline(db: Backend, filters: Filters = Filters(), by: str = "day") -> list[tuple[str, int]]:
    if by not in PERIODS:
        raise LedgerError(f"unknown period {by!r}; use day, month or year")
    clause, params = where(filters, db, aggregate_lists(filters))
    extra = " AND " if clause else " WHERE "
    found = db.rows(f"SELECT SUBSTR(m.day, 1, {PERIODS[by]}) AS p, COUNT(*) FROM merged_events m"
                    f"{clause}{extra}m.day IS NOT NULL GROUP BY p ORDER BY p", params)
    return [(p, int(n)) for p, n in found]


def day_counts(db: Backend, filters: Filters = Filters()) -> list[tuple[str, str, int]]:
    """(day, category, merged events) of the dated merged events that match, by day."""
    clause, params = where(filters, db, aggregate_lists(filters))
    extra = " AND " if clause else " WHERE "
    found = db.rows(f"SELECT m.day, m.category, COUNT(*) FROM merged_events m{clause}{extra}m.day IS NOT NULL "
                    "GROUP BY m.day, m.category ORDER BY m.day, m.category", params)
    return [(str(d)[:10], c, int(n)) for d, c, n in found]


def place_counts(db: Backend, filters: Filters = Filters(),
                 limit: int = 1000) -> list[tuple[str, Optional[str], float, float, int]]:
    """(place, country, lat, lon, merged events) of the places of matching merged events, most first
    (schema step 10's index holds all it reads within a date range)."""
    clause, params = where(filters, db, aggregate_lists(filters))
    extra = " AND " if clause else " WHERE "
    found = db.rows(f"SELECT m.place, m.country, m.lat, m.lon, COUNT(*) AS n FROM merged_events m{clause}{extra}"
                    "m.lat IS NOT NULL AND m.lon IS NOT NULL GROUP BY m.place, m.country, m.lat, m.lon "
                    f"ORDER BY n DESC, m.place LIMIT {int(limit)}", params)
    return [(p, c, float(la), float(lo), int(n)) for p, c, la, lo, n in found]


def source_names(db: Backend, ids: list[int]) -> dict[int, list[str]]:
    """The independent sources of these merged events, most reports first."""
    found: dict[int, list[str]] = {i: [] for i in ids}
    if not ids:
        return found
    marks = ", ".join("?" * len(ids))
    for merged_id, name in db.rows(f"SELECT merged_id, source_name FROM sources WHERE merged_id IN ({marks}) "
                                   "ORDER BY merged_id, reports DESC, source_name", ids):
        found[merged_id].append(name or "?")
    return found


def stats(db: Backend) -> dict[str, int]:
    counts = {}
    for name, sql in (("articles", "SELECT COUNT(*) FROM articles WHERE current = 1"),
                      ("events", "SELECT COUNT(*) FROM events"),
                      ("merged_events", "SELECT COUNT(*) FROM merged_events"),
                      ("sources", "SELECT COUNT(*) FROM sources")):
        counts[name] = int(db.one(sql)[0])
    return counts
