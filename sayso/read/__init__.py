"""read: sources become `Article(text, meta)`.

`read_sources(paths, options)` yields an Article per article found, or a Failure for an input
that cannot be read, so one bad file never stops a batch. Metadata given in `ReadOptions`
(from command-line flags) overrides what a reader found.
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from sayso.errors import InputError
from sayso.pipeline import Failure
from sayso.record import Article, Meta
from sayso.read.text import read_text_file


@dataclass(frozen=True)
class ReadOptions:
    published: Optional[str] = None
    outlet: Optional[str] = None
    title: Optional[str] = None
    author: Optional[str] = None
    url: Optional[str] = None
    max_bytes: int = 10_000_000


def add_reader_arguments(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("metadata (overrides what the reader finds)")
    g.add_argument("--published", help="publication date, ISO (2012-06-22)")
    g.add_argument("--outlet", help="outlet name (\"Arutz Sheva\")")
    g.add_argument("--title", help="headline")
    g.add_argument("--author", help="author")
    g.add_argument("--url", help="article URL")


def reader_options(args: argparse.Namespace) -> ReadOptions:
    names = {f.name for f in dataclasses.fields(ReadOptions)}
    return ReadOptions(**{k: v for k, v in vars(args).items() if k in names and v is not None})


def override(article: Article, options: ReadOptions) -> Article:
    changes = {k: getattr(options, k) for k in ("published", "outlet", "title", "author", "url")}
    changes = {k: v for k, v in changes.items() if v is not None}
    if not changes:
        return article
    return dataclasses.replace(article, meta=dataclasses.replace(article.meta, **changes))


def read_sources(paths: Iterable[str], options: ReadOptions = ReadOptions()) -> Iterator[Union[Article, Failure]]:
    for path in paths:
        for item in _read_one(path, options):
            yield item if isinstance(item, Failure) else override(item, options)


def _read_one(path: str, options: ReadOptions) -> Iterator[Union[Article, Failure]]:
    try:
        p = Path(path)
        if p.is_dir():
            for child in sorted(q for q in p.rglob("*") if q.is_file()):
                yield from _read_one(str(child), options)
            return
        if not p.exists():
            raise InputError(path, "no such file", "check the path")
        yield read_text_file(p, options.max_bytes)
    except InputError as exc:
        yield Failure(exc.origin, str(exc))
