"""The real articles of the merge test set: their metadata, their records, their labels.

A labelled mention is an event trigger in a document (`sayso.evaluation.event_corpus` ids:
`polnear/train/NAME`, `gwn/N`), given by offsets into the text read by path; a label says
whether two mentions report the same happening (annotations/merge/pairs.jsonl, written by
hand; docs/ledger.md "Merge test set"). PolNeAR articles get their outlet and publication
date from `polnear/metadata.tsv`; GeoWebNews articles have none.
"""
from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Optional

from sayso.evaluation.event_corpus import EVAL, read
from sayso.record import Article, Meta, Record, record_from_dict
from sayso.settings import DEFAULT

LABELS = Path(__file__).resolve().parents[2] / "annotations" / "merge" / "pairs.jsonl"
SEED = "sayso-merge-1"  # the dev / test split of stories: a hash of the story with this seed
OUTLETS = {"breitbart": "Breitbart", "huff-post": "HuffPost", "nyt": "The New York Times",
           "politico": "Politico", "usa-today": "USA Today", "wash-post": "The Washington Post",
           "west-journal": "Western Journal", "parc": "PARC"}


@dataclass(frozen=True)
class Mention:
    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Pair:
    a: Mention
    b: Mention
    same: bool
    story: str  # pairs of one story (or one article) are in one split
    split: str

    @property
    def within(self) -> bool:
        return self.a.doc == self.b.doc


def split_of(story: str) -> str:
    """dev or test, half each, fixed by the story's name and SEED."""
    digest = hashlib.sha1(f"{SEED}:{story}".encode("utf-8")).hexdigest()
    return "dev" if int(digest[:8], 16) % 2 == 0 else "test"


@lru_cache(maxsize=1)
def polnear_meta(root: Path = EVAL) -> dict[str, dict[str, str]]:
    with (root / "polnear" / "metadata.tsv").open(encoding="utf-8") as f:
        return {row["filename"]: row for row in csv.DictReader(f, delimiter="\t")}


def meta_of(doc: str, root: Path = EVAL) -> Meta:
    """The article's metadata: the document id as its path, outlet and date when known."""
    if not doc.startswith("polnear/"):
        return Meta(path=doc)
    row = polnear_meta(root).get(doc.rsplit("/", 1)[-1], {})
    published = row.get("publication_date") or None
    return Meta(path=doc, outlet=OUTLETS.get(row.get("publisher", ""), row.get("publisher") or None),
                title=row.get("title") or None, author=row.get("author") or None, published=published)


def load(path: Path = LABELS) -> list[Pair]:
    pairs = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                pairs.append(Pair(Mention(**d["a"]), Mention(**d["b"]), bool(d["same"]), d["story"],
                                  d.get("split") or split_of(d["story"])))
    return pairs


def check(pairs: Iterable[Pair], root: Path = EVAL) -> None:
    """Every mention's text is what its offsets point at (a changed source text is noticed)."""
    for pair in pairs:
        for m in (pair.a, pair.b):
            found = read(m.doc, root).text[m.start:m.end]
            if found != m.text:
                raise ValueError(f"{m.doc} {m.start}:{m.end} reads {found!r}, the label says {m.text!r}")


def records(docs: Iterable[str], cache: Optional[Path] = None, root: Path = EVAL) -> Iterator[Record]:
    """The extraction of each document (read from `cache`, a JSONL file, when it holds it;
    new ones are added to it)."""
    from sayso.pipeline import extract

    docs = sorted(set(docs))
    known: dict[str, dict] = {}
    if cache is not None and cache.exists():
        for line in cache.open(encoding="utf-8"):
            d = json.loads(line)
            known[d["meta"]["path"]] = d
    missing = [d for d in docs if d not in known]
    articles = [Article(read(d, root).text, meta_of(d, root), origin=d) for d in missing]
    for record in extract(articles, DEFAULT.replace(article_seconds=0.0)):  # scored, not timed
        if isinstance(record, Record) and record.meta.path is not None:  # meta_of gives every one its path
            known[record.meta.path] = record.to_dict()
            if cache is not None:
                with cache.open("a", encoding="utf-8") as f:
                    f.write(json.dumps(known[record.meta.path], ensure_ascii=False) + "\n")
    for d in docs:
        if d in known:
            yield record_from_dict(known[d])
