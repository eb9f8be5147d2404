"""Query-string parameters of the pages and the API, checked once, the same for all of them.

The filters are the ledger's own (sayso.ledger.filter_params): every page and endpoint that
lists, counts, draws or exports merged events takes all of them. A name a page does not take,
a value it cannot use, an impossible date: a 400 that says what is allowed.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any, Iterable
from urllib.parse import urlencode

from sayso.ledger import Filters
from sayso.ledger.filter_params import FILTER_HELP, FilterError, filters_from, whole
from sayso.ledger.query import SORTS as LEDGER_SORTS

FILTERS = tuple(FILTER_HELP)
SORTS = tuple(LEDGER_SORTS)
PAGING = ("sort", "page", "limit")
LIST = (*FILTERS, *PAGING)
MAX_LIMIT = 500
PAGE_SIZES = (25, 50, 100, 200, 500)


class BadParameter(ValueError):
    """A query parameter that cannot be used; the message says which and what is expected."""


@dataclass(frozen=True)
class Query:
    filters: dict[str, Any] = field(default_factory=dict)
    sort: str = "-day"
    page: int = 1
    limit: int = 50
    default_limit: int = 50

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.limit

    @property
    def key(self) -> tuple:
        """What this query's links and forms are made of, page left out (hashable)."""
        return tuple(sorted(self.filters.items())), self.sort, self.limit, self.default_limit

    @property
    def ledger_filters(self) -> Filters:
        return Filters(**self.filters)

    def params(self, **changes: Any) -> dict[str, Any]:
        """This query's parameters with some changed (None drops one), defaults left out."""
        params: dict[str, Any] = {**self.filters, "sort": self.sort, "page": self.page, "limit": self.limit}
        params.update(changes)
        params = {k: v for k, v in params.items() if v not in (None, "", ())}
        for name, default in (("sort", "-day"), ("page", 1), ("limit", self.default_limit)):
            if params.get(name) == default:
                params.pop(name)
        if isinstance(params.get("disputed"), bool):
            params["disputed"] = "true" if params["disputed"] else "false"
        return params

    def url(self, path: str = "/", **changes: Any) -> str:
        """This query's URL on `path` with some parameters changed (None drops one)."""
        params = self.params(**changes)
        return path + "?" + urlencode(params, doseq=True) if params else path

    def filter_url(self, path: str, **changes: Any) -> str:
        """The URL of `path` with this query's filters only (no sort or page), some changed."""
        return self.url(path, sort=None, page=None, limit=None, **changes)

    def selected(self, name: str, value: str) -> bool:
        """Whether `value` is one of the values of filter `name` (for the filter form)."""
        given = self.filters.get(name)
        return value == given if isinstance(given, str) else value in (given or ())


@lru_cache(maxsize=1)
def ontology_categories() -> tuple[str, ...]:
    try:
        from sayso.stages.events.ontology import load

        return tuple(sorted(load().categories))
    except Exception:  # an unreadable ontology leaves the ledger's own categories
        return ()


def statuses() -> tuple[str, ...]:
    """The statuses an event can have (the record contract's list)."""
    from sayso.record import STATUSES

    return tuple(STATUSES)


def parse_query(pairs: Iterable[tuple[str, str]], allowed: Iterable[str], page_size: int = 50,
                categories: Iterable[str] = ()) -> Query:
    """The Query of a request's parameters; BadParameter for anything it cannot use."""
    pairs, allowed = list(pairs), tuple(allowed)
    for name, _ in pairs:
        if name not in allowed:
            raise BadParameter(f"unknown parameter {name!r}; this address takes: {', '.join(allowed)}")
    for name in PAGING:
        if sum(1 for n, _ in pairs if n == name) > 1:
            raise BadParameter(f"{name} takes one value")
    try:
        wanted = filters_from(pairs, (*ontology_categories(), *categories), statuses())
        given = dict(pairs)
        sort = given.get("sort") or "-day"
        if sort not in SORTS:
            raise BadParameter(f"sort must be one of {', '.join(SORTS)}; not {sort!r}")
        page = whole("page", given.get("page") or "1", 1, 10_000_000)
        limit = whole("limit", given.get("limit") or str(page_size), 1, MAX_LIMIT)
    except FilterError as exc:
        raise BadParameter(str(exc)) from None
    filters = {f.name: getattr(wanted, f.name) for f in fields(wanted) if getattr(wanted, f.name) is not None}
    return Query(filters, sort, page, limit, page_size)


def store_of(request: Any) -> Any:
    """The ledger store the app holds."""
    return request.app.state.store


def query_of(request: Any, allowed: Iterable[str] = LIST) -> Query:
    """The query of a request; a bad parameter is a 400 with its message."""
    from starlette.exceptions import HTTPException

    state = request.app.state
    try:
        return parse_query(request.query_params.multi_items(), allowed, state.settings.page_size,
                           state.store.options().categories)
    except BadParameter as exc:
        raise HTTPException(400, str(exc)) from exc


def without_paths(obj: Any) -> Any:
    """`obj` (plain JSON) without any `path` member: where files lie on the server is its own business."""
    if isinstance(obj, dict):
        return {k: without_paths(v) for k, v in obj.items() if k != "path"}
    if isinstance(obj, list):
        return [without_paths(v) for v in obj]
    return obj
