"""Query-string parameters of the ledger page and API, checked once, the same for both."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping
from urllib.parse import urlencode

FILTERS = ("category", "status", "country", "actor", "place", "since", "until", "min_sources", "text")
SORTS = ("-day", "day", "-sources", "sources", "-reports", "reports", "-id", "id")
ISO_DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")
MAX_LIMIT = 500


class BadParameter(ValueError):
    """A query parameter that cannot be used; the message says which and what is expected."""


@dataclass(frozen=True)
class Query:
    filters: dict[str, Any] = field(default_factory=dict)
    sort: str = "-day"
    page: int = 1
    limit: int = 50

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.limit

    def url(self, **changes: Any) -> str:
        """This query's ledger-page URL with some parameters changed (None drops one)."""
        params: dict[str, Any] = {**self.filters, "sort": self.sort, "page": self.page}
        params.update(changes)
        params = {k: v for k, v in params.items() if v not in (None, "")}
        if params.get("sort") == "-day":
            params.pop("sort")
        if params.get("page") == 1:
            params.pop("page")
        return "/?" + urlencode(params) if params else "/"


def _int(name: str, value: str, low: int, high: int) -> int:
    try:
        n = int(value)
    except ValueError:
        raise BadParameter(f"{name} must be a whole number, not {value!r}") from None
    if not low <= n <= high:
        raise BadParameter(f"{name} must be between {low} and {high}")
    return n


def parse_query(params: Mapping[str, str], limit: int = 50) -> Query:
    filters: dict[str, Any] = {}
    for name in FILTERS:
        value = (params.get(name) or "").strip()
        if not value:
            continue
        if name == "min_sources":
            filters[name] = _int(name, value, 0, 1_000_000)
        elif name in ("since", "until"):
            if not ISO_DAY.match(value):
                raise BadParameter(f"{name} must be an ISO date such as 2012-06-21, not {value!r}")
            filters[name] = value
        elif name == "country":
            filters[name] = value.upper()
        else:
            filters[name] = value[:200]
    sort = params.get("sort") or "-day"
    if sort not in SORTS:
        raise BadParameter(f"sort must be one of {', '.join(SORTS)}")
    page = _int("page", params.get("page") or "1", 1, 10_000_000)
    limit = _int("limit", params.get("limit") or str(limit), 1, MAX_LIMIT)
    return Query(filters, sort, page, limit)


def store_of(request: Any) -> Any:
    """The ledger store the app holds."""
    return request.app.state.store


def query_of(request: Any) -> Any:
    """The page query of a request; a bad parameter is a 400 with its message."""
    from starlette.exceptions import HTTPException

    try:
        return parse_query(request.query_params, request.app.state.settings.page_size)
    except BadParameter as exc:
        raise HTTPException(400, str(exc)) from exc
