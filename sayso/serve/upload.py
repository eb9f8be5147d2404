"""Articles sent to the server (text, HTML or a file) become records in the ledger.

Uploads are untrusted: HTML is reduced to its article text by the HTML reader (trafilatura;
nothing of the markup is kept), text is decoded as the plain-text reader does, and the record goes through
the same extraction as `sayso ingest`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Mapping, Optional

from sayso.errors import InputError
from sayso.read.published import iso_date
from sayso.read.text import decode, headline
from sayso.record import Article, Meta

META = ("outlet", "title", "author", "published", "url")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class Upload:
    """What was sent: exactly one of text, html or data (a file's bytes), and metadata."""

    text: Optional[str] = None
    html: Optional[str] = None
    data: Optional[bytes] = None
    filename: Optional[str] = None
    meta: Mapping[str, str] = None  # type: ignore[assignment]


MARKUP = re.compile(r"<(p|div|br|span|a|article|section|h[1-6]|ul|ol|li|table|em|strong|i|b|"
                    r"blockquote|figure|img|script|style|head|body|html|!doctype)\b[^>]*>", re.I)


def looks_like_html(text: str, filename: Optional[str] = None) -> bool:
    """A page or a pasted fragment of one: a document head, or markup tags that close."""
    if filename and filename.lower().endswith(HTML_SUFFIXES):
        return True
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text):
        return True
    return len(MARKUP.findall(text[:20_000])) >= 2 and "</" in text


def published_day(value: str) -> str:
    """The publication date as an ISO date or datetime; InputError for one that is no real date."""
    found = iso_date(value)
    try:
        date.fromisoformat(str(found)[:10])
        if len(str(found)) > 10:
            datetime.fromisoformat(str(found).replace("Z", "+00:00"))
    except ValueError:
        raise InputError("upload", f"published must be a real date such as 2012-06-21, not {value!r}",
                         "give the date as YYYY-MM-DD, or leave it empty") from None
    return str(found)


def html_text(html: str, origin: str) -> tuple[str, dict[str, str]]:
    """The article text in an HTML page, and the metadata found in it (the HTML reader's way)."""
    from sayso.read.html import html_article

    article = html_article(html.encode("utf-8", "surrogatepass"), origin)
    meta = {k: getattr(article.meta, k) for k in META}
    return article.text, {k: str(v) for k, v in meta.items() if v}


def article_from_upload(upload: Upload, origin: str = "upload") -> Article:
    given = {k: str(v).strip() for k, v in (upload.meta or {}).items() if k in META and v and str(v).strip()}
    if upload.data is not None:
        text = decode(upload.data, upload.filename or origin)
        html = looks_like_html(text, upload.filename)
    elif upload.html is not None:
        text, html = upload.html, True
    else:
        text, html = upload.text or "", False
    found: dict[str, str] = {}
    if html:
        text, found = html_text(text, origin)
    if not text.strip():
        raise InputError(origin, "no text was sent", "send text, html or a file")
    meta = {"title": headline(text), **found, **given}
    published = meta.get("published")
    if published:
        meta["published"] = published_day(published)
    return Article(text, Meta(**{k: v for k, v in meta.items() if v}), origin)
