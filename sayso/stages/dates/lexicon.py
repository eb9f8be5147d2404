"""times: the words time expressions are made of (weekdays, months, numbers, units, refs)."""
from __future__ import annotations

import re

WEEKDAYS = {d: i for i, d in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
WEEKDAYS.update({d[:3]: i for d, i in list(WEEKDAYS.items())})
MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
NUMBERS = {w: i for i, w in enumerate(
    ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
     "fifteen sixteen seventeen eighteen nineteen twenty").split())}
NUMBERS.update({"a": 1, "an": 1, "a couple of": 2, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100})
VAGUE = {"several", "few", "a few", "many", "some", "couple", "the past few", "recent"}
UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE",
         "hour": "H", "minute": "M", "quarter": "Q", "weekend": "WE"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
FIXED = {"annual": ("P1Y", "duration"), "annually": ("P1Y", "duration"), "yearly": ("P1Y", "duration")}
HALF_OF = {"century": "P50Y", "decade": "P5Y", "year": "P6M", "day": "PT12H", "hour": "PT30M"}
SET_WORDS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
             "hourly": "PT1H"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
REFS = {
    "PRESENT_REF": ("now", "currently", "current", "at present", "presently", "at the moment",
                    "nowadays", "these days", "the present", "today's", "right now", "present", "ongoing"),
    "PAST_REF": ("recently", "in the past", "previously", "formerly", "earlier", "once", "lately",
                 "the past", "recent", "ago", "before", "history", "in history"),
    "FUTURE_REF": ("soon", "in the future", "the future", "later", "future", "shortly", "eventually",
                   "in the coming", "coming", "upcoming", "in the near future", "the near future",
                   "the long term", "long term", "short term", "the short term", "in the long term",
                   "near term", "the near term", "in the near term"),
}
REF_OF = {w: ref for ref, words in REFS.items() for w in words}
PREFIX = re.compile(r"^(?:on|in|at|by|during|since|from|until|till|for|of|about|around|late|early|"
                    r"mid|the|this|that|last|past|next|coming|previous|earlier|later|within|over|"
                    r"before|after|as of)\b\s*")
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(?::\d{2})?Z?)?\b")
WEEKDAY_IN = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
TOKEN = re.compile(r"[a-z]+|\d+|[^\sa-z\d]")

RELATIVE_UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "weekend": "W"}
SHIFTS = {"last": -1, "past": -1, "previous": -1, "prior": -1, "preceding": -1, "next": 1, "coming": 1,
          "following": 1}
