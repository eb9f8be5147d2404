"""Read-only queries the ledger's API does not offer, in parameterised SQL over its tables.

The choices in the filter form, and which merged event each event of an article became (every
filtered list, count, timeline and map goes through the ledger's own filters, sayso.ledger.query). They run on the ledger's own connection
(its backend turns `?` into `%s` for PostgreSQL); values are always passed as parameters.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Protocol, Sequence

from sayso.record import STATUSES


@dataclass(frozen=True)
class Options:
    categories: tuple[str, ...]
    statuses: tuple[str, ...]
    countries: tuple[str, ...]


class Rows(Protocol):
    """What these queries need: the ledger backend's `rows(sql, params)` (`?` placeholders)."""

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]: ...


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
