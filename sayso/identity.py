"""Which article a record is, and which version of it.

An article is identified by its canonical source: its URL, else the real path of the file it
came from (symbolic links and `..` resolved, so `examples/` and `/home/me/sayso/examples/` are
the same articles), else its text. Its version is its text and its metadata together: an
edited text, or a corrected date in `NAME.meta.json`, is a new version of the same article,
and an earlier text read again is that earlier version again.

A path of an article inside a corpus keeps its place in it: `corpus.jsonl:12`, `feed.rss#3`,
`corpus.json[4]`, `crawl.warc.gz#7` (the file part is resolved, the place is kept).
"""
from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from typing import Optional

PLACE = re.compile(r"(?:[:#]\d+|(?::\w+)?\[\d+\])$")  # :12  #3  [4]  :articles[4]
META_FIELDS = ("outlet", "title", "author", "published")


def _digest(*parts: str, size: int = 20) -> str:
    joined = "\x00".join(parts)
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:size]


def canonical_path(path: str) -> str:
    """The real path of the file `path` names (with its place in a corpus kept), or `path`
    as it is when no such file exists (an upload, stdin, a file since removed)."""
    return _real(path, os.getcwd())


@lru_cache(maxsize=65_536)
def _real(path: str, cwd: str) -> str:
    match = PLACE.search(path)
    base, place = (path[: match.start()], match.group()) if match else (path, "")
    for name, rest in ((path, ""), (base, place)):
        if name and os.path.isfile(os.path.join(cwd, name)):
            return os.path.realpath(os.path.join(cwd, name)) + rest
    return path


def canonical_source(meta) -> Optional[str]:
    """The URL, else the real path; None for an article known by its text only."""
    if meta.url:
        return meta.url
    return canonical_path(meta.path) if meta.path else None


def source_key(text: str, meta) -> str:
    """What makes two versions one article in the ledger: with no URL and no file, its outlet
    and its text (the same wire copy from two outlets is two articles)."""
    return canonical_source(meta) or "text:" + _digest(getattr(meta, "outlet", None) or "", text, size=32)


def version_id(text: str, meta) -> str:
    """The id of this version: the same source, text and metadata give the same id."""
    fields = [getattr(meta, name, None) or "" for name in META_FIELDS]
    return _digest(canonical_source(meta) or "", *fields, text)
