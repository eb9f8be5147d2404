"""read: sources become `Article(text, meta)`.

`read_sources(paths, options)` yields an Article per article found, or a Failure for an input
(or a line, row, entry or record of one) that cannot be read, so one bad file never stops a
batch. Readers, by format: plain text (text.py), HTML (html.py), JSONL / JSON / CSV / TSV
corpora (tables.py), RSS and Atom feeds (feeds.py), WARC files (warc.py); a directory is read
recursively and `-` is stdin (source.py chooses the reader). Every article must look like
English (language.py). Metadata given in `ReadOptions` (from command-line flags) overrides
what a reader found.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from sayso.errors import InputError
from sayso.record import Failure
from sayso.read.feeds import read_feed
from sayso.read.html import html_article
from sayso.read.language import check_english
from sayso.read.problems import describe
from sayso.read.source import FORMATS, STDIN, Source, open_source, walk
from sayso.read.tables import read_csv, read_json, read_jsonl
from sayso.read.text import read_sidecar, text_article, with_fields
from sayso.read.warc import read_warc
from sayso.record import Article
from sayso.settings import DEFAULT

MIN_ENGLISH = 0.08  # least share of common English words for an article to count as English

META_FIELDS = ("published", "outlet", "title", "author", "url")
FIELD_NAMES = ("text", "title", "url", "outlet", "published", "author")
Item = Union[Article, Failure]
ARTICLE_EXAMPLES = (".txt", ".html", ".jsonl", ".json", ".csv", ".tsv", ".rss", ".atom", ".xml", ".warc.gz")


@dataclass(frozen=True)
class ReadOptions:
    published: Optional[str] = None
    outlet: Optional[str] = None
    title: Optional[str] = None
    author: Optional[str] = None
    url: Optional[str] = None
    max_bytes: int = DEFAULT.max_bytes
    min_english: float = MIN_ENGLISH
    input_format: str = "auto"  # auto | text | html | jsonl | json | csv | tsv | feed | warc
    field_map: tuple[tuple[str, str], ...] = ()  # (("text", "body"), ("title", "headline"))
    skip: tuple[str, ...] = ()  # files a directory walk passes over (the command's own output)


def add_reader_arguments(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("metadata (overrides what the reader finds)")
    g.add_argument("--published", help="publication date, ISO (2012-06-22)")
    g.add_argument("--outlet", help="outlet name (\"Arutz Sheva\")")
    g.add_argument("--title", help="headline")
    g.add_argument("--author", help="author")
    g.add_argument("--url", help="article URL")
    r = parser.add_argument_group("reading")
    r.add_argument("--input-format", choices=("auto",) + FORMATS, default="auto",
                   help="how to read the inputs (default: by extension, else by content)")
    r.add_argument("--max-bytes", type=int, default=DEFAULT.max_bytes,
                   help=f"largest article (or whole text/HTML/feed/JSON file) accepted, in bytes (default {DEFAULT.max_bytes:,})")
    r.add_argument("--min-english", type=float, default=MIN_ENGLISH,
                   help=f"least share of common English words for an article to be read (default {MIN_ENGLISH}; 0 turns the check off)")
    t = parser.add_argument_group("JSONL / JSON / CSV fields (default: the first present of the usual names)")
    for name in FIELD_NAMES:
        t.add_argument(f"--{name}-field", metavar="FIELD", help=f"the field holding the article's {name}")
    t.add_argument("--field-map", metavar="NAME=FIELD,...", help="several at once: text=body,published=pub_date")


def parse_field_map(value: Optional[str]) -> dict[str, str]:
    """`text=body,title=headline` as a dict; InputError naming what is wrong."""
    found: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in (value or "").split(","))):
        name, eq, field = part.partition("=")
        if not eq or name.strip() not in FIELD_NAMES or not field.strip():
            raise InputError("--field-map", f"cannot read {part!r}", f"write NAME=FIELD with NAME one of {', '.join(FIELD_NAMES)}")
        found[name.strip()] = field.strip()
    return found


def reader_options(args: argparse.Namespace) -> ReadOptions:
    values = vars(args)
    plain = {f.name for f in dataclasses.fields(ReadOptions)} - {"field_map", "skip"}
    options = {k: v for k, v in values.items() if k in plain and v is not None}
    fields = parse_field_map(values.get("field_map"))
    fields.update({n: values[f"{n}_field"] for n in FIELD_NAMES if values.get(f"{n}_field")})
    if options.get("max_bytes", 1) <= 0:
        raise InputError("--max-bytes", "must be a positive number of bytes", "e.g. --max-bytes 20000000")
    return ReadOptions(**options, field_map=tuple(sorted(fields.items())))


def override(article: Article, options: ReadOptions) -> Article:
    changes = {k: getattr(options, k) for k in META_FIELDS}
    changes = {k: v for k, v in changes.items() if v is not None}
    if not changes:
        return article
    return dataclasses.replace(article, meta=dataclasses.replace(article.meta, **changes))


def read_sources(paths: Iterable[Union[str, Path]], options: ReadOptions = ReadOptions()) -> Iterator[Item]:
    """Articles (and failures) from files, directories and `-` (stdin), in order."""
    for path in paths:
        for item in _read_path(str(path), options):
            yield item if isinstance(item, Failure) else _accept(item, options)


def _accept(article: Article, options: ReadOptions) -> Item:
    try:
        check_english(article.text, article.origin, options.min_english)
    except InputError as exc:
        return Failure(article.origin, str(exc))
    meta = dataclasses.replace(article.meta, language="en")
    return override(dataclasses.replace(article, meta=meta), options)


def _read_path(name: str, options: ReadOptions) -> Iterator[Item]:
    path = Path(name)
    if name != STDIN and path.is_dir():
        found = False
        skip = {os.path.realpath(p) for p in options.skip}
        for child in walk(path):
            if os.path.realpath(child) in skip:
                continue
            found = True
            yield from _read_file(str(child), options)
        if not found:
            yield Failure(name, f"{name}: no article files found; give files ending in {', '.join(ARTICLE_EXAMPLES)}")
        return
    yield from _read_file(name, options)


def _read_file(name: str, options: ReadOptions) -> Iterator[Item]:
    try:
        source = open_source(name, options.input_format)
        yield from _read_source(source, options)
    except InputError as exc:
        yield Failure(exc.origin, str(exc))
    except (OSError, EOFError) as exc:
        yield Failure(name, f"{name}: {describe(exc)}; check the file and its permissions")
    except Exception as exc:  # a damaged file must not stop the batch; the message names it
        yield Failure(name, f"{name}: {describe(exc)}; check the file")


def _read_source(source: Source, options: ReadOptions) -> Iterator[Item]:
    fields = dict(options.field_map)
    fmt, limit = source.format, options.max_bytes
    if fmt == "jsonl":
        yield from read_jsonl(source, fields, limit)
    elif fmt == "json":
        yield from read_json(source, fields, limit)
    elif fmt in ("csv", "tsv"):
        yield from read_csv(source, fields, limit, "\t" if fmt == "tsv" else ",")
    elif fmt == "feed":
        yield from read_feed(source, limit)
    elif fmt == "warc":
        yield from read_warc(source, limit)
    elif fmt == "html":
        article = html_article(source.read_all(limit), source.origin, path=_path(source))
        yield with_sidecar(article, source)
    else:
        yield text_article(source.read_all(limit), source.origin, source.path)


def with_sidecar(article: Article, source: Source) -> Article:
    """An HTML article with the metadata of its `NAME.meta.json`, when there is one."""
    if source.path is None:
        return article
    return dataclasses.replace(article, meta=with_fields(article.meta, read_sidecar(source.path)))


def _path(source: Source) -> Optional[str]:
    return str(source.path) if source.path else None
