"""Text that is not clean UTF-8: what may be decoded anyway, and the warning that says so.

UTF-8 with a few damaged bytes (a file cut and pasted together, one Latin-1 byte in a UTF-8
file; fewer bad bytes than bytes in valid multi-byte sequences) is read as UTF-8 with each bad byte replaced by U+FFFD, and a warning names the file and
the number of bytes replaced. Any other file is a legacy
single-byte file: it is read as Windows-1252 (the Western code page English text comes in)
only when that decodes it, again with a warning; any other code page (Cyrillic DOS, Greek ...)
is an error that says to convert the file, never a silent guess.
"""
from __future__ import annotations

import codecs
import logging
import re
import threading

from sayso.errors import InputError

log = logging.getLogger("sayso.read")
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_counts = threading.local()


def _count_and_replace(exc: UnicodeError) -> tuple[str | bytes, int]:
    assert isinstance(exc, UnicodeDecodeError)
    _counts.bad = getattr(_counts, "bad", 0) + (exc.end - exc.start)
    return "\ufffd", exc.end


codecs.register_error("sayso_count", _count_and_replace)


def utf8_replacing(data: bytes) -> tuple[str, int]:
    """`data` decoded as UTF-8, bad bytes as U+FFFD, and how many bytes were replaced."""
    _counts.bad = 0
    text = data.decode("utf-8", "sayso_count")
    return text, _counts.bad


def decode_damaged(data: bytes, origin: str, bad_byte: int) -> str:
    """Text from bytes that are not valid UTF-8, with a warning; InputError when no
    encoding may be assumed."""
    text, bad = utf8_replacing(data)
    if bad <= sum(len(m) for m in UTF8_SEQUENCE.findall(data)):  # more UTF-8 than damage
        log.warning("%s: not valid UTF-8: %d byte%s replaced by \ufffd (first at byte %d); "
                    "convert it to UTF-8 to keep them", origin, bad, "" if bad == 1 else "s", bad_byte)
        return text
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(origin, f"not UTF-8 (invalid byte at {bad_byte}) and its encoding cannot be detected",
                         "convert it to UTF-8 (e.g. iconv -f ENCODING -t UTF-8)") from exc
    high = sum(1 for b in data if b > 0x7F)
    log.warning("%s: not UTF-8; read as Windows-1252 (%d byte%s outside ASCII); "
                "convert it to UTF-8 if that is wrong", origin, high, "" if high == 1 else "s")
    return text
