"""Filters from text parameters (a query string, a command line): checked, one message per problem.

    filters = filters_from([("category", "DEFECT"), ("category", "ASSAULT"), ("since", "2012-06")],
                           categories=known_categories)

Each filter is declared once with its help; a value that cannot be used is a FilterError whose
message says which parameter and what it accepts. Dates are real calendar dates (2016-02-30 is
refused); a year or a month is its first day in `since` and its last day in `until`.
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any, Iterable, Optional

from sayso.errors import LedgerError
from sayso.ledger.query import FILTER_NAMES, Filters

MULTI = ("category", "status", "country", "outlet")  # may be given several times: any of them
FILTER_HELP = {
    "category": "event category (PLOVER, plus DEFECT); repeat for any of several",
    "status": "a status some report gives; repeat for any of several",
    "country": "ISO 3166 alpha-3 of actor, recipient or place; repeat for any of several",
    "actor": "part of an actor's or recipient's name (literal, any case)",
    "place": "part of a place name (literal, any case)",
    "place_id": "a place by its id 'lat,lon' as /api/places gives it",
    "since": "first day: YYYY-MM-DD, YYYY-MM or YYYY (inclusive)",
    "until": "last day: YYYY-MM-DD, YYYY-MM or YYYY (inclusive)",
    "min_sources": "least number of independent sources (a whole number)",
    "text": "words in a report's sentence, in order, any case (the last may begin a longer word)",
    "outlet": "part of the outlet of some report's article (literal, any case); repeat for any of several",
    "source": "part of a name anywhere in a report's chain of sources: outlet, relay or original source",
    "disputed": "true: only events whose sources disagree; false: only those whose sources agree",
}
assert set(FILTER_HELP) == set(FILTER_NAMES), "every filter has its help"
DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")
COUNTRY = re.compile(r"[A-Z]{3}\Z")
TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")
MAX_TEXT = 200


class FilterError(LedgerError):
    """A filter parameter that cannot be used; the message says which and what is allowed."""


def filters_from(pairs: Iterable[tuple[str, str]], categories: Iterable[str] = (),
                 statuses: Iterable[str] = ()) -> Filters:
    """Filters from (name, value) pairs. Empty values are left out; names that are no filter
    are the caller's to refuse. `categories` and `statuses`: the allowed values (any when empty)."""
    values: dict[str, list[str]] = {}
    for name, value in pairs:
        value = value.strip()
        if name in FILTER_HELP and value:
            values.setdefault(name, []).append(value)
    found: dict[str, Any] = {}
    for name, given in values.items():
        if len(given) > 1 and name not in MULTI:
            raise FilterError(f"{name} takes one value, not {len(given)}")
        found[name] = _value(name, given, tuple(categories), tuple(statuses))
    return Filters(**found)


def _value(name: str, given: list[str], categories: tuple[str, ...], statuses: tuple[str, ...]) -> object:
    if name == "category":
        return _choices(name, [g.upper() for g in given], categories)
    if name == "status":
        return _choices(name, [g.lower() for g in given], statuses)
    if name == "country":
        return _countries([g.upper() for g in given])
    if name == "outlet":
        return tuple(g[:MAX_TEXT] for g in given)
    value = given[0]
    if name in ("since", "until"):
        return day(name, value, last=name == "until")
    if name == "min_sources":
        return whole(name, value, 0, 1_000_000)
    if name == "disputed":
        return boolean(name, value)
    if name == "place_id":
        return _place_id(value)
    return value[:MAX_TEXT]


def _choices(name: str, given: list[str], allowed: tuple[str, ...]) -> tuple[str, ...]:
    for value in given:
        if allowed and value not in allowed:
            raise FilterError(f"{name} must be one of {', '.join(allowed)}; not {value!r}")
    return tuple(dict.fromkeys(given))


def _countries(given: list[str]) -> tuple[str, ...]:
    for value in given:
        if not COUNTRY.match(value):
            raise FilterError(f"country must be an ISO 3166 alpha-3 code such as SYR or JOR, not {value!r}")
    return tuple(dict.fromkeys(given))


def day(name: str, value: str, last: bool = False) -> str:
    """An ISO day for a date parameter; a year or month is its first day (or last, for `last`)."""
    match = DAY.match(value)
    problem = f"{name} must be a real date YYYY-MM-DD (or YYYY-MM, YYYY), not {value!r}"
    if not match:
        raise FilterError(problem)
    year, month, dom = int(match[1]), int(match[2] or (12 if last else 1)), match[3]
    try:
        if dom is None:
            dom = calendar.monthrange(year, month)[1] if last else 1
        return date(year, month, int(dom)).isoformat()
    except ValueError:
        raise FilterError(problem) from None


def whole(name: str, value: str, low: int, high: int) -> int:
    try:
        n = int(value)
    except ValueError:
        raise FilterError(f"{name} must be a whole number, not {value!r}") from None
    if not low <= n <= high:
        raise FilterError(f"{name} must be between {low} and {high}, not {n}")
    return n


def boolean(name: str, value: str) -> bool:
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    raise FilterError(f"{name} must be true or false, not {value!r}")


def _place_id(value: str) -> Optional[str]:
    lat, _, lon = value.partition(",")
    try:
        y, x = float(lat), float(lon)
    except ValueError:
        raise FilterError(f"place_id must be 'lat,lon' as /api/places gives it, not {value!r}") from None
    if not (-90 <= y <= 90 and -180 <= x <= 180):
        raise FilterError(f"place_id must be 'lat,lon' within -90..90 and -180..180, not {value!r}")
    return f"{y:.4f},{x:.4f}"
