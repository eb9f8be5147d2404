"""Publication dates as readers find them, written as ISO dates where they can be parsed.

"2012-06-22" and "2012-06-22T10:15:00Z" stay ISO; RFC 2822 dates ("Fri, 22 Jun 2012 09:30:00
GMT", common in feeds and CSV exports) and Unix timestamps become ISO datetimes; anything
else is kept as given, and a date that is missing stays missing.
"""
from __future__ import annotations

import re
import time
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Optional

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
EPOCH = re.compile(r"\d{9,10}(\.\d+)?")


def iso_date(value: Any) -> Optional[str]:
    """An ISO date or datetime for `value`, or `value` as a string when it cannot be parsed."""
    if value is None or value == "":
        return None
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=timezone.utc).isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_epoch(float(value))
    text = str(value).strip()
    if ISO_DATE.fullmatch(text):
        return text
    for parse in (_from_iso, _from_rfc2822):
        found = parse(text)
        if found:
            return found
    return _from_epoch(float(text)) if EPOCH.fullmatch(text) else text


def _from_iso(text: str) -> Optional[str]:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        return None


def _from_rfc2822(text: str) -> Optional[str]:
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _from_epoch(seconds: float) -> Optional[str]:
    try:
        return datetime.fromtimestamp(seconds, tz=timezone.utc).isoformat()
    except (OverflowError, OSError, ValueError):
        return str(seconds)
