"""What went wrong with an input, in the user's terms: an exception raised while reading (or
extracting) one input becomes a short phrase that says what is wrong with the input, never the
name of a Python exception ("RecursionError: maximum recursion depth exceeded")."""
from __future__ import annotations

import csv
import json
import zlib

_PHRASES: tuple[tuple[type, str], ...] = (
    (RecursionError, "nested too deeply to be an article"),
    (MemoryError, "too large to hold in memory"),
    (UnicodeError, "not valid UTF-8 text"),
    (json.JSONDecodeError, "not valid JSON"),
    (csv.Error, "not valid CSV"),
    (zlib.error, "compressed data that is damaged"),
    (EOFError, "cut short (the file ends too early)"),
)


def describe(exc: BaseException) -> str:
    """A phrase for what is wrong with an input that raised `exc` while it was read."""
    for kind, phrase in _PHRASES:
        if isinstance(exc, kind):
            return phrase
    if isinstance(exc, OSError):
        return f"cannot be read ({exc.strerror or 'input/output error'})"
    return "damaged, or not in the format its name says"



def first_line(message: object) -> str:
    """The first non-blank line of a library's message (some run over many lines)."""
    lines = [line.strip() for line in str(message).splitlines() if line.strip()]
    return lines[0].removeprefix("ERROR: ") if lines else ""
