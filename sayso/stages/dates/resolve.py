"""times: one time expression resolved to a TimeML value against the publication date."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Optional

from sayso.stages.dates.lexicon import (FIXED, HALF_OF, ISO_DATE, MONTHS, NUMBERS, PARTS_OF_DAY, PREFIX, REF_OF,
                                 RELATIVE_UNITS, SEASONS, SHIFTS, TOKEN, UNITS, VAGUE, WEEKDAY_IN, WEEKDAYS)
from sayso.stages.dates.periods import half, quarter, recurring, same_period, week_of_month, year_in

Value = tuple[Optional[str], Optional[str]]  # (value, precision)


def parse_published(value: Optional[str]) -> Optional[dt.date]:
    """The publication date of an ISO date or datetime string, else None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# --- resolving one expression ---------------------------------------------------------------


@lru_cache(maxsize=8192)
def resolve_expression(text: str, published: Optional[dt.date], tense: Optional[str] = None) -> Optional[Value]:
    """(value, precision) of a time expression, (None, None) when it needs a publication date
    it does not have, and None when the text is not a time expression this resolver reads.

    tense: "past", "future", "present" or None (unknown), the tense of the expression's clause."""
    if tense == "present" and not WEEKDAY_IN.search(text):
        tense = None
    iso = ISO_DATE.search(text)
    if iso:
        y, m, d, clock = int(iso[1]), int(iso[2]), int(iso[3]), iso[4]
        if _valid(y, m, d):
            return (iso[0], "time") if clock else (f"{y:04d}-{m:02d}-{d:02d}", "day")
    words = tuple(w for w in TOKEN.findall(text.casefold().replace("-", " ")) if w != ".")
    if not words:
        return None
    for rule in RULES:
        found = rule(words, published, tense)
        if found is not None:
            return found
    return None


def _relative(func):
    """Rules that need the publication date: without one they resolve to (None, None)."""

    def rule(words, published, tense):
        if published is None:
            return (None, None) if func(words, dt.date(2000, 1, 1), tense) is not None else None
        return func(words, published, tense)

    return rule


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def _month_day_year(words, published, tense) -> Optional[Value]:
    """"June 21, 2012", "21 June 2012", "June 2012", "June 21", "in June"."""
    months = [(i, MONTHS[w]) for i, w in enumerate(words) if w in MONTHS and (w != "may" or len(words) > 1)]
    if not months:
        return None
    i, month = months[0]
    year = year_in(words)
    day = _day_near(words, i)
    if year is not None:
        return (f"{year:04d}-{month:02d}-{day:02d}", "day") if day else (f"{year:04d}-{month:02d}", "month")
    if published is None:
        return None, None
    shift = _year_shift(words)
    if shift:
        y = published.year + shift
        return (f"{y:04d}-{month:02d}-{day:02d}", "day") if day and _valid(y, month, day) else (f"{y:04d}-{month:02d}", "month")
    if day:
        return _nearest_date(published, month, day, tense), "day"
    said = words[i - 1] if i else ""
    if said in ("last", "past", "previous", "next", "coming", "this"):  # "last October", "next May"
        y = published.year + (month >= published.month and said in ("last", "past", "previous")) * -1 \
            + (month <= published.month and said in ("next", "coming"))
        return f"{y:04d}-{month:02d}", "month"
    y = published.year
    if tense == "future" and month < published.month:
        y += 1
    elif tense == "past" and month > published.month:
        y -= 1
    elif tense is None and abs(month - published.month) > 6:
        y += 1 if month < published.month else -1
    return f"{y:04d}-{month:02d}", "month"


def _year_shift(words) -> int:
    """+1 for "... of next year", -1 for "... last year", else 0."""
    if "year" not in words:
        return 0
    return next((SHIFTS.get(w, 0) for w in words if w in SHIFTS), 0)


def _day_near(words, i: int) -> Optional[int]:
    for j in (i + 1, i - 1, i - 2):
        if 0 <= j < len(words):
            w = words[j]
            num = w[:-2] if w[-2:] in ("st", "nd", "rd", "th") and w[:-2].isdigit() else w
            if num.isdigit() and len(num) <= 2 and 1 <= int(num) <= 31:
                return int(num)
    return None


def _nearest_date(published: dt.date, month: int, day: int, tense: Optional[str]) -> str:
    """The date on or before publication (past), on or after (future), else the nearer one."""
    dates = [dt.date(y, month, day) for y in range(published.year - 1, published.year + 2) if _valid(y, month, day)]
    if not dates:
        return f"{published.year:04d}-{month:02d}-{day:02d}"
    nearest = min(dates, key=lambda d: abs((d - published).days))
    fitting = [d for d in dates if tense is None or (tense == "future") == (d >= published) or d == published]
    best = min(fitting, key=lambda d: abs((d - published).days)) if fitting else nearest
    # A date said without its year is rarely half a year away: then the tense was misread.
    return (nearest if abs((best - published).days) > 180 else best).isoformat()


def _season(words, published, tense) -> Optional[Value]:
    season = next((SEASONS[w] for w in words if w in SEASONS), None)
    if season is None:
        return None
    year = year_in(words)
    if year is None:
        if published is None:
            return None, None
        year = published.year + (1 if "next" in words else -1 if "last" in words else 0)
    return f"{year:04d}-{season}", "season"


def _year(words, published, tense) -> Optional[Value]:
    """"2011", "in 2011", "fiscal 2011", "the 1990s", "mid-2009"."""
    digits = [w for w in words if w.isdigit()]
    if len(digits) == 1 and len(digits[0]) == 2 and words[-1] == "s" and len(words) <= 4:
        return ("19" if digits[0] > "20" else "20") + digits[0][0], "decade"
    if len(digits) != 1 or len(digits[0]) != 4:
        return None
    y = digits[0]
    i = words.index(y)
    if i + 1 < len(words) and words[i + 1] == "s":
        return y[:3], "decade"
    return y, "year"


def _ago(words, published, tense) -> Optional[Value]:
    """"three days ago", "a year ago", "two weeks earlier"."""
    if words[-1] not in ("ago", "earlier", "before") or len(words) < 3:
        return None
    n, unit = _amount(words[:-1])
    if unit not in ("D", "W", "M", "Y") or n is None:
        return ("PAST_REF", "ref") if unit else None
    if published is None:
        return None, None
    return _shift(published, -n, unit)


def _shift(published: dt.date, n: int, unit: str) -> Value:
    if unit == "D":
        return (published + dt.timedelta(days=n)).isoformat(), "day"
    if unit == "W":
        return _week(published + dt.timedelta(weeks=n)), "week"
    if unit == "M":
        m = published.year * 12 + published.month - 1 + n
        return f"{m // 12:04d}-{m % 12 + 1:02d}", "month"
    return f"{published.year + n:04d}", "year"


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _amount(words) -> tuple[Optional[int], Optional[str]]:
    """(number, unit code) of "three years", "a decade", "several months" (number None = vague)."""
    n, counted = None, False
    for w in words:
        base = w[:-1] if w.endswith("s") and w[:-1] in UNITS else w
        if base in UNITS:  # the first unit after the number: "the first nine months of the year"
            return (n if counted else None if w != base else 1), UNITS[base]
        if w.isdigit():
            n, counted = int(w), True
        elif w in NUMBERS and not (counted and w in ("a", "an")):
            n, counted = NUMBERS[w], True  # "a six-month delay": six, not a
        elif w in VAGUE:
            n, counted = None, True
    return None, None




UNIT_DEICTICS = frozenset({"last", "past", "previous", "this", "next", "coming", "current", "following", "same",
                           "the", "that", "end"})


def _relative_unit(words, published, tense) -> Optional[Value]:
    """"last week", "this month", "next year", "earlier this year", "the end of last year",
    "the year previous", "the day"."""
    if "decade" in words and set(words) & {"past", "last"}:
        return "P10Y", "duration"
    units = [i for i, w in enumerate(words) if w in RELATIVE_UNITS]
    if not units or len(words) > 7 or any(w.isdigit() or w in NUMBERS for w in words):
        return None
    i = units[-1]
    near = set(words[max(0, i - 2) : i + 2])
    if not near & UNIT_DEICTICS:
        return None
    if published is None:
        return None, None
    n = next((SHIFTS[w] for w in words[max(0, i - 2) : i + 2] if w in SHIFTS), 0)
    if n == 0 and words[i] == "year" and tense != "future" and published.month <= 3 \
            and set(words) & {"entire", "whole", "full"} and not set(words) & {"this", "current"}:
        n = -1  # "a loss for the entire year", said in the first quarter: the year just ended
    if words[i] == "weekend":
        return _weekend(published, n, tense)
    return _shift(published, n, RELATIVE_UNITS[words[i]])


def _weekend(published: dt.date, n: int, tense: Optional[str]) -> Value:
    """"last weekend", "this weekend", "over the weekend" -> 2008-W41-WE; a weekend said on a
    weekday in a past clause is the one just gone."""
    if n == 0 and tense == "past" and published.weekday() < 5:
        n = -1
    return f"{_week(published + dt.timedelta(weeks=n))}-WE", "week"


def _day_word(words, published, tense) -> Optional[Value]:
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    w = next((w for w in words if w in offsets), None)
    if w is None and words in (("this", "morning"), ("this", "afternoon"), ("this", "evening")):
        w = "today"
    elif w is None and words == ("last", "night"):
        w = "yesterday"
    if w is None or len(words) > 5:
        return None
    if published is None:
        return None, None
    return _with_clock((published + dt.timedelta(days=offsets[w])).isoformat(), words)


def _with_clock(day: str, words) -> Value:
    """A day value with the time of day said beside it: "Friday morning", "12:00 UTC today",
    "3 p.m. Friday", "noon"."""
    hour, minute = _hour_of(words)
    if hour is not None:
        zone = "Z" if set(words) & {"utc", "gmt", "z"} else ""
        return f"{day}T{hour:02d}:{minute}{zone}", "time"
    part = next((PARTS_OF_DAY[w] for w in words if w in PARTS_OF_DAY), None)
    if part and day[-3:-2] == "-" and len(day) == 10:
        return f"{day}T{part}", "time"
    return day, "day"


def _hour_of(words) -> tuple[Optional[int], str]:
    """(hour, minutes) of "16:15", "3 p.m.", "10:30 am", "noon", "midnight", else (None, "")."""
    if "noon" in words or "midday" in words:
        return 12, "00"
    if "midnight" in words:
        return 24, "00"
    for i, w in enumerate(words):
        if not w.isdigit() or len(w) > 2 or int(w) > 24:
            continue
        minute = "00"
        rest = words[i + 1 :]
        if len(rest) >= 2 and rest[0] == ":" and rest[1].isdigit() and len(rest[1]) == 2:
            minute, rest = rest[1], rest[2:]
        elif not (rest and (rest[0] in ("am", "pm") or rest[:2] in (("a", "m"), ("p", "m")))):
            continue
        hour = int(w)
        if rest and rest[0] in ("p", "pm") and hour < 12:
            hour += 12
        elif rest and rest[0] in ("a", "am") and hour == 12:
            hour = 0
        return hour, minute
    return None, ""


def _clock(words, published, tense) -> Optional[Value]:
    """A time of day alone: "12:00 UTC", "3 p.m.", "morning" (the publication day)."""
    if _hour_of(words)[0] is None and not (len(words) <= 2 and words[-1] in PARTS_OF_DAY):
        return None
    if published is None:
        return None, None
    value = _with_clock(published.isoformat(), words)
    return value if value[1] == "time" else None


def _weekday(words, published, tense) -> Optional[Value]:
    days = [WEEKDAYS[w] for w in words if w in WEEKDAYS]
    if not days or len(words) > 6:
        return None
    if published is None:
        return None, None
    if "next" in words or "coming" in words or tense == "present":
        tense = "future"  # "the talks resume on Thursday": a weekday in the present is ahead
    elif "last" in words or "past" in words:
        tense = "past"
    delta = days[0] - published.weekday()
    if tense == "future":
        delta %= 7
    else:
        delta = -((-delta) % 7)
    if delta == 0 and set(words) & {"last", "next"}:
        delta = 7 if "next" in words else -7  # "last Friday" said on a Friday: a week back
    return _with_clock((published + dt.timedelta(days=delta)).isoformat(), words)


def _duration(words, published, tense) -> Optional[Value]:
    """"three years", "the past five years", "90 days", "several months" -> P3Y, P5Y, P90D, PXM;
    decades and centuries in years (P20Y, "decades-long" PXY), as MEANTIME's annotators write them."""
    if len(words) > 1 and words[-1] == "long":
        words = words[:-1]
    if len(words) == 3 and words[:2] in (("half", "a"), ("half", "an")) and words[2] in HALF_OF:
        return HALF_OF[words[2]], "duration"
    n, unit = _amount(words)
    if unit is None or words[-1].rstrip("s") not in UNITS or " ".join(words) in REF_OF:
        return None
    if not (words[-1].endswith("s") or set(words) & (set(NUMBERS) | VAGUE) or any(w.isdigit() for w in words)):
        return None
    if unit in ("H",) or (unit == "M" and "minute" in words[-1]):
        return f"PT{'X' if n is None else n}{unit}", "duration"
    if unit == "Q":  # TimeML has no quarter unit: a quarter lasts three months
        return f"P{'X' if n is None else 3 * n}M", "duration"
    if unit in ("DE", "CE"):
        return f"P{'X' if n is None else n * (10 if unit == 'DE' else 100)}Y", "duration"
    return f"P{'X' if n is None else n}{unit}", "duration"


def _stretch(words, published, tense) -> Optional[Value]:
    """"the first nine months of 2008", "the last two weeks of March": a duration (P9M, P2W)."""
    if "of" not in words:
        return None
    head = words[: words.index("of")]
    if len(head) < 3 or not set(head) & {"first", "last", "past", "final"} or not head[-1].endswith("s"):
        return None
    return _duration(head, published, tense)


def _ref(words, published, tense) -> Optional[Value]:
    phrase = " ".join(w for w in words if w not in ("more", "very", "most", "so", "as"))
    if phrase in FIXED:
        return FIXED[phrase]
    if phrase in REF_OF:
        return REF_OF[phrase], "ref"
    stripped = PREFIX.sub("", phrase)
    if stripped in REF_OF:
        return REF_OF[stripped], "ref"
    if "recent" in words and not any(w.rstrip("s") in UNITS for w in words) and len(words) <= 6:
        return "PAST_REF", "ref"  # "in recent U.S. history", "its most recent past"
    return None


def _century(words, published, tense) -> Optional[Value]:
    """"the 21st century" -> 20, "this century" -> the publication's century, "the 1900s" is a decade."""
    if words[-1] != "century" or len(words) > 4:
        return None
    number = next((w for w, nxt in zip(words, words[1:]) if w.isdigit() and nxt in ("st", "nd", "rd", "th")), None)
    if number is not None and 0 < int(number) < 100:
        return f"{int(number) - 1:02d}", "century"
    if "this" in words or "current" in words:
        if published is None:
            return None, None
        return f"{published.year // 100:02d}", "century"
    return None


def _decade(words, published, tense) -> Optional[Value]:
    """"this decade", "the end of the decade" -> 200 (in 2008), "the next decade" -> 201."""
    if words[-1] != "decade" or len(words) > 5 or set(words) & {"past", "last", "previous"}:
        return None
    shift = 1 if set(words) & {"next", "coming"} else 0
    if not shift and not set(words) & {"this", "current", "end", "the"} or words == ("a", "decade"):
        return None
    if published is None:
        return None, None
    return f"{published.year // 10 + shift:03d}", "decade"


RULES = (recurring, week_of_month, same_period, half, _stretch, quarter, _month_day_year, _season, _year,
         _relative(_ago), _relative(_day_word), _relative(_weekday), _relative(_clock), _relative(_relative_unit),
         _century, _decade, _duration, _ref)

