"""RSS and Atom feeds (feedparser): one article per entry.

An entry's text is its full content when the feed carries it, else its summary, with HTML
turned into plain paragraphs. Its title, link, author and publication date (else its update
date) become the metadata; the feed's own title is the outlet. The file is read whole.
"""
from __future__ import annotations

from typing import Any, Iterator, Union

from sayso import bounds
from sayso.bounds import OverBound, time_budget
from sayso.errors import InputError
from sayso.record import Failure
from sayso.read.html import fragment_text
from sayso.read.published import iso_date
from sayso.read.source import Source, too_large
from sayso.record import Article, Meta

HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def read_feed(source: Source, max_bytes: int) -> Iterator[Union[Article, Failure]]:
    import feedparser

    data = source.read_all(max_bytes)
    try:
        with time_budget(bounds.READ_SECONDS, source.origin):
            parsed = feedparser.parse(data)
    except OverBound as exc:
        raise InputError(source.origin, f"took longer than {bounds.READ_SECONDS:g} s to read (malformed or hostile feed)",
                         "check the file") from exc
    if not parsed.entries:
        problem = "not a well-formed RSS or Atom feed" if parsed.bozo else "a feed with no entries"
        detail = f" ({parsed.get('bozo_exception')})" if parsed.bozo else ""
        raise InputError(source.origin, problem + detail, "check the file")
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        origin = f"{source.origin}#{number}"
        try:
            yield entry_article(entry, origin, outlet, max_bytes)
        except InputError as exc:
            yield Failure(origin, str(exc))


def entry_article(entry: Any, origin: str, outlet: Any, max_bytes: int) -> Article:
    text = _entry_text(entry)
    if not text.strip():
        raise InputError(origin, "feed entry without content or summary", "use a feed that carries the article text")
    if len(text.encode("utf-8")) > max_bytes:
        raise too_large(origin, max_bytes)
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    meta = Meta(
        path=origin,
        url=entry.get("link") or None,
        outlet=outlet,
        title=fragment_text(entry.get("title", "")) or None,
        author=entry.get("author") or None,
        published=iso_date(published) if published else iso_date(entry.get("published")),
    )
    return Article(text, meta, origin)


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max(contents, key=lambda c: len(c.get("value", "")), default=None)
    detail = best or entry.get("summary_detail") or {}
    value = detail.get("value") or entry.get("summary") or ""
    kind = (detail.get("type") or "text/html").lower()
    return fragment_text(value) if kind in HTML_TYPES or "<" in value else value.strip()
