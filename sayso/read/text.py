"""Plain text articles: bytes to text, the headline on the first line, and the sidecar.

Text is UTF-8 (a byte-order mark is dropped); UTF-16 with a byte-order mark is read too.
Damaged UTF-8 and Windows-1252 files are read with a warning (sayso/read/decoding.py); any
other encoding is a clear error. The text is kept exactly as decoded: every offset sayso
reports points into it.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, Optional

from sayso.errors import InputError
from sayso.read.decoding import decode_damaged
from sayso.read.published import iso_date
from sayso.record import Article, Meta

BOMS = (("utf-8-sig", b"\xef\xbb\xbf"), ("utf-16", b"\xff\xfe"), ("utf-16", b"\xfe\xff"))
META_FIELDS = ("url", "outlet", "title", "author", "published")
MAGIC = (
    (b"%PDF", "PDF"), (b"PK\x03\x04", "ZIP, DOCX or ODT"), (b"\xd0\xcf\x11\xe0", "Word or Excel"),
    (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip"), (b"BZh", "bzip2"), (b"\xfd7zXZ", "xz"), (b"7z\xbc\xaf", "7-Zip"),
)


def decode(data: bytes, origin: str) -> str:
    """Text from bytes, or InputError saying why not (empty, binary, unknown encoding)."""
    for encoding, bom in BOMS:
        if data.startswith(bom):
            return _decode_with(data, encoding, origin)
    if not data.strip():
        raise InputError(origin, "empty file", "give a file with article text")
    kind = binary_kind(data[:8192])
    if kind:
        raise InputError(origin, f"binary file ({kind}), not text", "give a text, HTML, JSONL, CSV, feed or WARC file; extract a document's text first")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return decode_damaged(data, origin, exc.start)


def binary_kind(head: bytes) -> Optional[str]:
    """What binary file `head` starts, or None when it may be text."""
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if b"\x00" in head or controls > len(head) // 20:
        return "control bytes"
    return None


def _decode_with(data: bytes, encoding: str, origin: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(origin, f"not valid {encoding} (byte {exc.start})", "convert it to UTF-8") from exc
    if encoding == "utf-8-sig" and not text.strip():
        raise InputError(origin, "empty file", "give a file with article text")
    return text


def headline(text: str) -> Optional[str]:
    """The first line, when it is short and followed by a blank line (the wire-copy layout)."""
    first, newline, rest = text.lstrip("\ufeff").partition("\n")
    first = first.strip()
    blank_next = rest.startswith("\n") or rest.startswith("\r\n")
    return first if first and len(first) < 200 and newline and blank_next else None


def sidecar_path(path: Path) -> Path:
    """`NAME.meta.json` beside `NAME.txt` (or `NAME.html`, or `NAME`)."""
    return path.with_name((path.stem if path.suffix else path.name) + ".meta.json")


def read_sidecar(path: Path) -> dict[str, str]:
    """The metadata in the sidecar beside `path` ({} when there is none)."""
    side = sidecar_path(path)
    if not side.is_file():
        return {}
    try:
        data: Any = json.loads(side.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(str(side), f"sidecar is not valid JSON ({exc})", "fix it or remove it") from exc
    if not isinstance(data, dict):
        raise InputError(str(side), "sidecar is not a JSON object", 'write {"outlet": ..., "published": ...}')
    return {k: str(data[k]) for k in META_FIELDS if data.get(k) not in (None, "")}


def text_article(data: bytes, origin: str, path: Optional[Path] = None) -> Article:
    """An Article from the bytes of a plain text file; the sidecar's metadata when there is one."""
    text = decode(data, origin)
    if not text.strip():
        raise InputError(origin, "empty file", "give a file with article text")
    meta = Meta(path=str(path) if path else None, title=headline(text))
    if path is not None:
        meta = with_fields(meta, read_sidecar(path))
    return Article(text, meta, origin)


def with_fields(meta: Meta, values: dict[str, Optional[str]]) -> Meta:
    """`meta` with the non-empty `values` put in."""
    changes = {k: v for k, v in values.items() if v not in (None, "")}
    if "published" in changes:
        changes["published"] = iso_date(changes["published"])
    return dataclasses.replace(meta, **changes) if changes else meta


def read_text_file(path: Path, max_bytes: int) -> Article:
    """Read one plain text article from `path` (kept for callers of the first version)."""
    from sayso.read.source import load_bytes

    return text_article(load_bytes(path, max_bytes), str(path), path)
