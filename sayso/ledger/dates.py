"""When two reports' days and dates let them be one happening: the merge window across
articles, two explicit days within an article, two explicit periods (years, months) anywhere
(sayso.ledger.identity)."""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Optional


@lru_cache(maxsize=65536)
def days_apart(a: str, b: str) -> int:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def time_conflict(a: dict, b: dict, days: int, same_article: bool) -> bool:
    if same_article:  # two explicit dates of one article that differ: two happenings
        da, db = _explicit_day(a), _explicit_day(b)
        if not (da and db and da != db):
            return False
        return not _overnight(a, db) and not _overnight(b, da)
    if not a["day"] or not b["day"]:
        return bool(a["day"]) != bool(b["day"])
    return days_apart(a["day"], b["day"]) > days


PERIODS = frozenset({"year", "month", "week", "season", "quarter", "day", "time"})
DAYS = frozenset({"day", "time"})


def _explicit_period(r: dict) -> tuple[str, ...]:
    """(year, month) of an explicit date as far as it is known: ("2001", "05"), ("2016",), ()."""
    value = r.get("date_value")
    if not value or r.get("date_precision") not in PERIODS or not value[:4].isdigit() or len(value) < 4:
        return ()
    month = value[5:7] if len(value) >= 7 and value[4] == "-" and value[5:7].isdigit() else None
    return (value[:4], month) if month else (value[:4],)


def periods_differ(a: dict, b: dict) -> bool:
    """Two explicit dates, one of them coarser than a day, of different years or months (two
    days are the window's: `time_conflict`)."""
    if a.get("date_precision") in DAYS and b.get("date_precision") in DAYS:
        return False
    return any(x != y for x, y in zip(_explicit_period(a), _explicit_period(b)))


def _overnight(r: dict, day: str) -> bool:
    """A night ("last night", "Saturday night": a value ending in TNI) runs into the next day:
    "Last night, our nation was attacked" and the attack of the next morning are one time."""
    value = r.get("date_value") or ""
    return value.endswith("TNI") and days_apart(value[:10], day) == 1 and day > value[:10]


def _explicit_day(r: dict) -> Optional[str]:
    value = r.get("date_value")
    return value[:10] if value and r.get("date_precision") in ("day", "time") else None
