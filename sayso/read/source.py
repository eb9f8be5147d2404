"""Where articles come from: a file, a directory, or stdin; and which reader reads them.

The format is chosen by the file's extension; where that is missing or unclear (stdin, `.xml`,
no extension) the first bytes decide: `WARC/` is a WARC file, `<rss`/`<feed`/`<rdf:RDF` a feed,
`<html` or `<!DOCTYPE html` an HTML page, a line of JSON object a JSONL corpus, `[` a JSON
array, anything else plain text. CSV is never guessed from content: name it `.csv` or pass
`--input-format csv`.
"""
from __future__ import annotations

import errno
import gzip
import io
import stat
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator, Optional

from sayso.errors import InputError

FORMATS = ("text", "html", "jsonl", "json", "csv", "tsv", "feed", "warc")
SUFFIXES = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv",
    ".rss": "feed", ".atom": "feed", ".rdf": "feed", ".xml": None,
    ".warc": "warc", ".arc": "warc",
}
SNIFF_BYTES = 65_536
STDIN = "-"
STDIN_ORIGIN = "<stdin>"


@dataclass(frozen=True)
class Source:
    """One input: a file or stdin, with its format and a way to get its bytes."""

    origin: str  # for messages: the path as given, or "<stdin>"
    path: Optional[Path]  # None for stdin
    format: str
    prefix: bytes  # the first bytes (all of them when the input is short)
    stream: Optional[BinaryIO] = None  # stdin or a gzip stream, positioned after `prefix`

    def open(self) -> BinaryIO:
        """A binary stream of the whole input."""
        if self.stream is not None:
            return io.BufferedReader(_Joined(self.prefix, self.stream))
        if self.path is not None and self.path.name.lower().endswith(".gz") and self.format != "warc":
            return gzip.open(self.path, "rb")  # type: ignore[return-value]
        return open(self.path, "rb")  # type: ignore[arg-type]

    def read_all(self, max_bytes: int) -> bytes:
        """The whole input, or InputError when it is larger than `max_bytes`."""
        if self.stream is None and self.path is not None and not self.path.name.lower().endswith(".gz"):
            if len(self.prefix) < SNIFF_BYTES and len(self.prefix) <= max_bytes:
                return self.prefix  # a short file: the sniffed bytes are all of it
            return load_bytes(self.path, max_bytes)
        with self.open() as stream:
            data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise too_large(self.origin, max_bytes)
        return data


class _Joined(io.RawIOBase):
    """Bytes already read, then the rest of the stream they came from."""

    def __init__(self, prefix: bytes, rest: BinaryIO):
        self._prefix, self._rest = prefix, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n], self._prefix = self._prefix[:n], self._prefix[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def too_large(origin: str, max_bytes: int) -> InputError:
    return InputError(origin, f"larger than {max_bytes:,} bytes (the limit)", "split it, or raise --max-bytes")


def load_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a file, refusing one larger than `max_bytes` before reading it."""
    if path.stat().st_size > max_bytes:
        raise too_large(str(path), max_bytes)
    return path.read_bytes()


def open_source(name: str, input_format: str = "auto") -> Source:
    """A Source for a path or `-` (stdin), with its format decided."""
    if name == STDIN:
        stream = sys.stdin.buffer
        prefix = stream.read(SNIFF_BYTES)
        return Source(STDIN_ORIGIN, None, _chosen(input_format, None, prefix), prefix, stream)
    path = Path(name)
    kind = special_kind(path)
    if kind == "missing":
        raise InputError(name, "no such file or directory", "check the path")
    if kind is not None:
        raise InputError(name, f"{kind}, not a regular file", "give a file, a directory or - for stdin")
    with (gzip.open(path, "rb") if _is_gzip_corpus(path) else open(path, "rb")) as f:
        try:
            prefix = f.read(SNIFF_BYTES)
        except (OSError, EOFError) as exc:
            raise InputError(name, f"cannot read it ({exc})", "check that it is not corrupt") from exc
    return Source(name, path, _chosen(input_format, path, prefix), prefix)


def _is_gzip_corpus(path: Path) -> bool:
    """A `.gz` file that is not a WARC (warcio reads compressed WARC files itself)."""
    name = path.name.lower()
    return name.endswith(".gz") and not name.endswith((".warc.gz", ".arc.gz"))


def suffix_format(path: Path) -> Optional[str]:
    """The format an extension names; None when the extension says nothing (or is unknown)."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return SUFFIXES.get(Path(name).suffix)


def is_article_file(path: Path) -> bool:
    """Whether a file found in a directory is read (known extensions only; no sidecars)."""
    name = path.name.lower()
    if name.endswith(".meta.json"):
        return False
    return (name.endswith(".gz") and _is_known(name[:-3])) or _is_known(name)


def _is_known(name: str) -> bool:
    return Path(name).suffix in SUFFIXES


def _chosen(input_format: str, path: Optional[Path], prefix: bytes) -> str:
    if input_format != "auto":
        return input_format
    return (suffix_format(path) if path else None) or sniff(prefix)


def sniff(prefix: bytes) -> str:
    """The format the first bytes of an input look like."""
    if prefix[:2] == b"\x1f\x8b":
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(prefix[:4096])
        return "warc" if head.startswith((b"WARC/", b"filedesc:")) else "text"
    if prefix.startswith(b"WARC/"):
        return "warc"
    head = prefix[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        if any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "feed"
        return "html"
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"{"):
        return "jsonl" if _first_line_is_object(prefix) else "json"
    return "text"


def _first_line_is_object(prefix: bytes) -> bool:
    import json

    line = prefix.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def special_kind(path: Path) -> Optional[str]:
    """What a path that is not a regular file or a directory is ("a named pipe (FIFO)", "a
    symbolic link that loops" ...), "missing" when nothing is there, None for a file or folder."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that loops"
        if path.is_symlink():
            return "a symbolic link to a missing file"
        return "missing" if exc.errno == errno.ENOENT else f"cannot be read ({exc.strerror})"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def walk(directory: Path) -> Iterator[Path]:
    """Article files under `directory`, recursively, sorted; hidden files and folders skipped.
    Entries that are neither files nor folders (a FIFO, a socket, a link that loops or leads
    nowhere) are given too, for the reader to report: never opened, never skipped silently."""
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory).parts
        if any(part.startswith(".") for part in relative):
            continue
        if path.is_file():
            if is_article_file(path):
                yield path
            continue
        kind = special_kind(path)
        if kind is not None and (is_article_file(path) or "link to a missing" not in kind):
            yield path
