"""Plain text articles: UTF-8, headline on the first line."""
from __future__ import annotations

from pathlib import Path

from sayso.errors import InputError
from sayso.record import Article, Meta


def decode(data: bytes, origin: str) -> str:
    if not data.strip():
        raise InputError(origin, "empty file", "give a file with article text")
    if b"\x00" in data[:4096]:
        raise InputError(origin, "binary file, not text", "give a text, HTML, JSONL, CSV, feed or WARC file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(origin, f"not valid UTF-8 (byte {exc.start})", "convert it to UTF-8") from exc


def headline(text: str) -> str | None:
    first, _, rest = text.partition("\n")
    first = first.strip()
    return first if first and len(first) < 200 and rest.startswith("\n") else None


def read_text_file(path: Path, max_bytes: int) -> Article:
    origin = str(path)
    if path.stat().st_size > max_bytes:
        raise InputError(origin, f"larger than {max_bytes} bytes", "split it or raise --max-bytes")
    text = decode(path.read_bytes(), origin)
    return Article(text, Meta(path=origin, title=headline(text)), origin)
