"""HTML pages: trafilatura finds the article body and its title, author, date, URL and site.

The text as read is trafilatura's extracted text (paragraphs on their own lines); every offset
sayso reports points into it, not into the HTML. The date comes from the page's metadata
(meta tags, JSON-LD, the URL) and never from a search of the body text, so a page with no date
stays without one. A page with fewer than ten words of body is not an article, nor is an error page
(sayso/read/errorpage.py). HTML fragments (feed entries) become text with `fragment_text`.
"""
from __future__ import annotations

import re
from typing import Optional

from sayso import bounds
from sayso.bounds import OverBound, time_budget
from sayso.errors import InputError
from sayso.read.errorpage import check_not_error_page
from sayso.read.published import iso_date
from sayso.record import Article, Meta

DATE_PARAMS = {"extensive_search": False, "original_date": True}
BLOCKS = frozenset(
    "p div br li h1 h2 h3 h4 h5 h6 blockquote tr pre section article header footer ul ol table".split()
)
MIN_WORDS = 10  # less than this is navigation or a stub, not an article
SKIP = frozenset(("script", "style", "noscript", "template"))
SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
BLANK_LINES = re.compile(r"\n\s*\n+")



def html_article(data: bytes, origin: str, path: Optional[str] = None, url: Optional[str] = None) -> Article:
    """An Article from the bytes (or text) of an HTML page."""
    import trafilatura

    if not data.strip():
        raise InputError(origin, "empty file", "give a file with an article page")
    try:
        with time_budget(bounds.READ_SECONDS, origin):
            doc = trafilatura.bare_extraction(
                data, url=url, with_metadata=True, include_comments=False, include_tables=False,
                include_images=False, date_extraction_params=DATE_PARAMS,
            )
    except OverBound as exc:
        raise InputError(origin, f"took longer than {bounds.READ_SECONDS:g} s to read (malformed or hostile HTML)",
                         "check the page") from exc
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(origin, f"HTML could not be parsed ({type(exc).__name__})", "check the file") from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < MIN_WORDS:
        raise InputError(
            origin,
            "no article text found in the HTML (malformed, or not an article page)",
            "check the page, or save the article's text as a .txt file",
        )
    check_not_error_page(doc.title, text, origin)
    meta = Meta(
        path=path,
        url=url or doc.url,
        outlet=doc.sitename or doc.hostname,
        title=doc.title,
        author=doc.author,
        published=iso_date(doc.date),
    )
    return Article(text, meta, origin)


def fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment: blocks become paragraphs, inline markup is dropped."""
    import lxml.html
    from lxml.etree import ParserError

    if "<" not in markup:
        return markup.strip()
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ParserError, ValueError):
        return markup.strip()
    parts: list[str] = []
    _collect(root, parts)
    lines = (SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _collect(element, parts: list[str]) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else None
    if tag is None or tag in SKIP:  # comments, processing instructions, scripts
        parts.append(_flat(element.tail))
        return
    block = tag in BLOCKS
    if block:
        parts.append("\n\n")
    parts.append(_flat(element.text))
    for child in element:
        _collect(child, parts)
    if block:
        parts.append("\n\n")
    parts.append(_flat(element.tail))


def _flat(text: Optional[str]) -> str:
    """Markup text with its source line breaks as spaces (only blocks break lines)."""
    return text.replace("\n", " ") if text else ""
