"""Read-only queries the ledger's API does not offer, in parameterised SQL over its tables.

The timeline by day and category, the places on the map, the choices in the filter form, and
which merged event each event of an article became. They run on the ledger's own connection
(its backend turns `?` into `%s` for PostgreSQL); values are always passed as parameters.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Protocol, Sequence

from sayso.record import STATUSES
from sayso.serve.charts import DayCount, PlaceCount

# Filters that map to one column of merged_events (the others need the ledger's own query).
SIMPLE_FILTERS = {
    "category": "category = ?",
    "country": "country = ?",
    "since": "day >= ?",
    "until": "day <= ?",
    "min_sources": "sources >= ?",
}


@dataclass(frozen=True)
class Options:
    categories: tuple[str, ...]
    statuses: tuple[str, ...]
    countries: tuple[str, ...]


class Rows(Protocol):
    """What these queries need: the ledger backend's `rows(sql, params)` (`?` placeholders)."""

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]: ...


def where(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    """A WHERE clause (with its parameters) for the simple filters that are set."""
    clauses, params = [], []
    for name, clause in SIMPLE_FILTERS.items():
        value = filters.get(name)
        if value not in (None, ""):
            clauses.append(clause)
            params.append(value)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def day_counts(reader: Rows, filters: dict[str, Any]) -> list[DayCount]:
    clause, params = where(filters)
    clause = (clause + " AND" if clause else " WHERE") + " day IS NOT NULL"
    sql = f"SELECT day, category, COUNT(*) FROM merged_events{clause} GROUP BY day, category ORDER BY day, category"
    return [DayCount(str(d)[:10], c or "?", int(n)) for d, c, n in reader.rows(sql, params)]


def place_counts(reader: Rows, filters: dict[str, Any], limit: int = 1000) -> list[PlaceCount]:
    clause, params = where(filters)
    clause = (clause + " AND" if clause else " WHERE") + " lat IS NOT NULL AND lon IS NOT NULL"
    sql = (f"SELECT place, country, lat, lon, COUNT(*) AS n FROM merged_events{clause} "
           "GROUP BY place, country, lat, lon ORDER BY n DESC LIMIT ?")
    return [PlaceCount(p or "?", float(la), float(lo), int(n), c)
            for p, c, la, lo, n in reader.rows(sql, [*params, limit])]


def options(reader: Rows) -> Options:
    def distinct(column: str, table: str = "merged_events") -> tuple[str, ...]:
        sql = f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL ORDER BY {column}"
        return tuple(str(r[0]) for r in reader.rows(sql))

    countries = tuple(c for c in distinct("country", "merge_keys") if len(c) == 3)
    return Options(distinct("category"), statuses(), countries)


def statuses() -> tuple[str, ...]:
    """The statuses an event can have (the record contract's list)."""
    return STATUSES


def merged_ids(reader: Rows, article_id: str) -> dict[str, Optional[int]]:
    """Event id within the article -> the merged event it belongs to."""
    rows = reader.rows("SELECT id, merged_id FROM events WHERE article_id = ?", [article_id])
    return {str(i): (None if m is None else int(m)) for i, m in rows}
