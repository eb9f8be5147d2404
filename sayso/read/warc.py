"""WARC files (warcio), plain or gzip-compressed: each HTML response is an article.

Records that are not successful HTML responses (requests, metadata, redirects, images, ...) are
passed over. The HTML goes through the HTML reader; the record's target URI is the article's
URL, and its WARC-Date is the publication date when the page itself states none (a news
crawl fetches pages close to their publication; say --published to set it).
"""
from __future__ import annotations

from typing import Any, Iterator, Optional, Union

from sayso.errors import InputError
from sayso.record import Failure
from sayso.read.html import html_article
from sayso.read.problems import describe, first_line
from sayso.read.published import iso_date
from sayso.read.source import Source, sniff, too_large
from sayso.record import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")
CUT = "WARC record cut short (the file ends inside it)"
AGAIN = "the file is incomplete; copy or download it again"


def read_warc(source: Source, max_bytes: int) -> Iterator[Union[Article, Failure]]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if sniff(source.prefix) != "warc":
        raise InputError(source.origin, "not a WARC file (no WARC/1.x record header)", "check the file")
    number = 0
    with source.open() as stream:
        try:
            records = ArchiveIterator(stream, arc2warc=True)
            end = 0
            for record in records:
                page = _is_html_page(record)
                number += page
                item = _record_article(record, f"{source.origin}#{number}", max_bytes) if page else None
                if not _whole(record):
                    raise InputError(f"{source.origin}#{number + (not page)}", CUT, AGAIN)
                if item is not None:
                    yield item
                records.read_to_end()
                end = records.get_record_offset() + records.get_record_length()
        except ArchiveLoadFailed as exc:
            where = source.origin if number == 0 else f"{source.origin}#{number + 1}"
            what = "not a WARC file" if number == 0 else "broken WARC record; the rest of the file is skipped"
            raise InputError(where, f"{what} ({first_line(exc)})", "check the file") from exc
    if source.path is not None and not _only_space_after(source, end):
        raise InputError(f"{source.origin}#{number + 1}", CUT, AGAIN)


def _only_space_after(source: Source, end: int) -> bool:
    """Whether nothing but blank bytes follows the last whole record (a record whose very
    header is cut short ends warcio's iteration without a word)."""
    with open(source.path, "rb") as f:  # type: ignore[arg-type]
        f.seek(end)
        return not f.read(4096).strip()


def _whole(record: Any) -> bool:
    """Whether the file held all the bytes the record's Content-Length promises (warcio
    reads a record cut short by the end of the file without a word)."""
    raw = record.raw_stream
    while raw.read(65_536):
        pass
    return getattr(raw, "limit", 0) <= 0


def _is_html_page(record: Any) -> bool:
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None or not headers.get_statuscode().startswith("2"):
            return False
        content_type = headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return False
    return content_type.split(";")[0].strip().lower() in HTML_TYPES


def _record_article(record: Any, origin: str, max_bytes: int) -> Union[Article, Failure]:
    url: Optional[str] = record.rec_headers.get_header("WARC-Target-URI")
    try:
        data = record.content_stream().read(max_bytes + 1)
        if len(data) > max_bytes:
            raise too_large(origin, max_bytes)
        article = html_article(data, origin, path=origin, url=url)
    except InputError as exc:
        return Failure(origin, f"{exc} [{url}]" if url else str(exc))
    except Exception as exc:  # a damaged record (bad chunking, bad gzip) is one failure
        return Failure(origin, f"{origin}: unreadable record ({describe(exc)}) [{url}]")
    if article.meta.published is None:
        warc_date = iso_date(record.rec_headers.get_header("WARC-Date"))
        article = _with_published(article, warc_date)
    return article


def _with_published(article: Article, published: Optional[str]) -> Article:
    import dataclasses

    return dataclasses.replace(article, meta=dataclasses.replace(article.meta, published=published))
