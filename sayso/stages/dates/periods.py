"""times: calendar periods other than a plain day, month or year.

Quarters ("the fourth quarter", "next quarter"), halves ("the first half of 2007" -> 2007-H1),
weeks of a month ("the last week of March" -> the ISO week holding that week's Thursday),
the same period a year back ("the same month last year"), and sets ("daily" -> P1D,
"every year" -> P1Y). Each rule takes the expression's words, the publication date and the
clause's tense, and returns (value, precision), (None, None) when it needs a publication date
it lacks, or None when the words are not its kind.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sayso.stages.dates.lexicon import MONTHS, ORDINALS, SET_WORDS, UNITS

Value = tuple[Optional[str], Optional[str]]

PAST_WORDS = frozenset({"last", "previous", "past", "prior", "ago", "earlier"})
HALVES = {"first": 1, "second": 2, "1st": 1, "2nd": 2, "h": 0}
WEEK_ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "1st": 0, "2nd": 1, "3rd": 2, "4th": 3,
                 "last": -1, "final": -1}


def year_in(words) -> Optional[int]:
    for w in words:
        if w.isdigit() and len(w) == 4 and 1000 <= int(w) <= 2999:
            return int(w)
    return None


def _quarter_index(d: dt.date) -> int:
    return d.year * 4 + (d.month - 1) // 3


def _quarter_value(n: int) -> Value:
    return f"{n // 4:04d}-Q{n % 4 + 1}", "quarter"


def quarter(words, published, tense) -> Optional[Value]:
    """"the fourth quarter (of 2005)", "Q3", "next quarter", "the quarter", "third-quarter"."""
    if "quarter" in words:
        q = next((ORDINALS[w] for w in words if w in ORDINALS), None)
        month = next((MONTHS[w] for w in words if w in MONTHS and w != "may"), None)
        if q is None and month is not None:  # "the December quarter", "the quarter ended June 30"
            q = (month - 1) // 3 + 1
    elif words[0] == "q" and len(words) > 1 and words[1] in ("1", "2", "3", "4"):
        q = int(words[1])
    else:
        return None
    if q is None:
        return _relative_quarter(words, published, tense)
    year = year_in(words)
    if year is not None:
        return f"{year:04d}-Q{q}", "quarter"
    if published is None:
        return None, None
    if "year" in words and set(words) & PAST_WORDS:
        return f"{published.year - 1:04d}-Q{q}", "quarter"
    if "year" in words and "next" in words:
        return f"{published.year + 1:04d}-Q{q}", "quarter"
    return _quarter_value(_nearest_quarter(published, q, tense))


def _nearest_quarter(published: dt.date, q: int, tense: Optional[str]) -> int:
    """The index of quarter q in the year that fits the tense: a quarter not yet begun is last
    year's in a past clause, a quarter gone by is next year's in a future one, else the nearer."""
    now = _quarter_index(published)
    this = published.year * 4 + q - 1
    if tense == "past":
        return this - 4 if this > now else this
    if tense == "future":
        return this + 4 if this < now else this
    return min((this - 4, this, this + 4), key=lambda n: (abs(n - now), n > now))


def _relative_quarter(words, published, tense) -> Optional[Value]:
    """"last quarter", "this quarter", "next quarter", "the current quarter", "the quarter"."""
    if words[-1] != "quarter" or len(words) > 4 or any(w.isdigit() for w in words):
        return None
    shift = {"last": -1, "previous": -1, "past": -1, "prior": -1, "next": 1, "coming": 1,
             "following": 1, "this": 0, "current": 0}
    n = next((shift[w] for w in words if w in shift), None)
    latest = bool(set(words) & {"recent", "latest"})
    if n is None and words != ("the", "quarter") and not latest:
        return None
    if published is None:
        return None, None
    if n is None:  # "the quarter" in a past clause, "the latest quarter": the one whose results are out
        reported = tense == "past" or latest
        return _quarter_value(_reported_quarter(published) if reported else _quarter_index(published))
    return _quarter_value(_quarter_index(published) + n)


def half(words, published, tense) -> Optional[Value]:
    """"the first half of 2007" -> 2007-H1, "the second half of next year" -> 2009-H2, "H1 2008"."""
    if "half" in words:
        h = next((HALVES[w] for w in words if w in HALVES and w != "h"), None)
    elif words[0] == "h" and len(words) > 1 and words[1] in ("1", "2"):
        h = int(words[1])
    else:
        return None
    if not h:
        return None
    year = year_in(words)
    if year is None:
        if published is None:
            return None, None
        shift = 1 if "next" in words else -1 if set(words) & PAST_WORDS else 0
        year = published.year + shift
    return f"{year:04d}-H{h}", "half"


def week_of_month(words, published, tense) -> Optional[Value]:
    """"the last week of March", "the first week of June 2009": the ISO week holding the
    Thursday of that week (ISO weeks belong where their Thursday is)."""
    if "week" not in words or "of" not in words:
        return None
    i = words.index("week")
    if i == 0 or words[i - 1] not in WEEK_ORDINALS or i + 2 >= len(words) or words[i + 1] != "of":
        return None
    month = MONTHS.get(words[i + 2])
    if month is None:
        return None
    year = year_in(words)
    if year is None:
        if published is None:
            return None, None
        year = published.year
        if tense == "past" and month > published.month:
            year -= 1
        elif tense == "future" and month < published.month:
            year += 1
    first = dt.date(year, month, 1)
    thursdays = [first + dt.timedelta(days=(3 - first.weekday()) % 7 + 7 * k) for k in range(5)]
    thursdays = [d for d in thursdays if d.month == month]
    y, w, _ = thursdays[WEEK_ORDINALS[words[i - 1]]].isocalendar()
    return f"{y:04d}-W{w:02d}", "week"


def same_period(words, published, tense) -> Optional[Value]:
    """"the same month last year", "the same quarter a year ago" -> that period a year back; the
    period compared is the one just ended when the report comes early in the next one (monthly
    sales in the first half of the next month, quarterly results within six weeks)."""
    if "same" not in words or not set(words) & {"year", "years"} or not set(words) & PAST_WORDS:
        return None
    unit = next((w for w in words if w in ("month", "quarter", "week", "day")), None)
    if unit is None:
        return None
    if published is None:
        return None, None
    if unit == "quarter":
        return _quarter_value(_reported_quarter(published) - 4)
    if unit == "month":
        m = published.year * 12 + published.month - 1 - (1 if published.day <= 15 else 0) - 12
        return f"{m // 12:04d}-{m % 12 + 1:02d}", "month"
    if unit == "week":
        y, w, _ = published.isocalendar()
        return f"{y - 1:04d}-W{w:02d}", "week"
    day = min(published.day, 28) if published.month == 2 else published.day
    return published.replace(year=published.year - 1, day=day).isoformat(), "day"


def _reported_quarter(published: dt.date) -> int:
    """The quarter a report is most likely about: the one just ended while its figures come
    out (the first six weeks of the next quarter), else the current one."""
    into = (published.month - 1) % 3
    return _quarter_index(published) - (1 if into == 0 or (into == 1 and published.day <= 15) else 0)


def recurring(words, published, tense) -> Optional[Value]:
    """"daily", "weekly", "quarterly", "every year", "each month", "per year" -> P1D, P1W, P3M ..."""
    phrase = " ".join(words)
    if phrase in SET_WORDS:
        return SET_WORDS[phrase], "set"
    if len(words) == 2 and words[0] in ("every", "each", "per") and words[1] in UNITS:
        unit = UNITS[words[1]]
        if unit == "Q":
            return "P3M", "set"
        return (f"PT1{unit}" if words[1] in ("hour", "minute") else f"P1{unit}"), "set"
    return None
