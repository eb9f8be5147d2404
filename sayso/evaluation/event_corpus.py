"""The real articles the event annotations point into, read by path from ../shared/eval.

A document id names the corpus and the article; the text is exactly what the reader below
returns, and every annotation offset is a Python string offset into it:

    polnear/<part>/<NAME>     ../shared/eval/polnear/<part>/text/<NAME>.txt, as UTF-8
    meantime/<corpus>/<FILE>  a MEANTIME CAT XML file, its tokens joined by sayso's MEANTIME
                              reader (sayso.evaluation.meantime.rebuild)
    gwn/<N>                   the text of the N-th <article> (from 0) of geo/GWN.xml
    plover/<ID>               the `text` of the PLOVER record with that id

The split of a document (train / dev / test) is a hash of its id, fixed once: 70 / 15 / 15.
"""
from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"


@dataclass(frozen=True)
class Document:
    id: str
    text: str

    @property
    def split(self) -> str:
        return split_of(self.id)

    @property
    def digest(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:12]


def split_of(doc_id: str) -> str:
    bucket = int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "train" if bucket < 70 else "dev" if bucket < 85 else "test"


def read(doc_id: str, root: Path = EVAL) -> Document:
    corpus, _, rest = doc_id.partition("/")
    reader = READERS.get(corpus)
    if reader is None:
        raise ValueError(f"{doc_id}: unknown corpus {corpus!r} (one of {', '.join(READERS)})")
    return Document(doc_id, reader(rest, root))


def _polnear(rest: str, root: Path) -> str:
    part, name = rest.split("/", 1)
    return (root / "polnear" / part / "text" / f"{name}.txt").read_text(encoding="utf-8")


def _meantime(rest: str, root: Path) -> str:
    from sayso.evaluation.meantime import read_cat, rebuild

    _, tokens = read_cat(root / "meantime" / f"{rest}.xml")
    return rebuild(tokens)[0]


@lru_cache(maxsize=2)
def _gwn_texts(root: Path) -> tuple[str, ...]:
    tree = ET.parse(root / "geo" / "GWN.xml").getroot()
    return tuple(a.findtext("text") or "" for a in tree.iter("article"))


def _gwn(rest: str, root: Path) -> str:
    return _gwn_texts(root)[int(rest)]


@lru_cache(maxsize=2)
def _plover_texts(root: Path) -> dict[str, str]:
    data = json.loads((root / "events" / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    return {d["id"]: d["text"] for d in data if d.get("event") != "DOCUMENT" and d.get("text")}


def _plover(rest: str, root: Path) -> str:
    return _plover_texts(root)[rest]


READERS = {"polnear": _polnear, "meantime": _meantime, "gwn": _gwn, "plover": _plover}


def all_ids(root: Path = EVAL) -> dict[str, list[str]]:
    """Every document id of each corpus, in a fixed order."""
    polnear = [
        f"polnear/{part}/{p.stem}"
        for part in ("train", "dev")
        for p in sorted((root / "polnear" / part / "text").glob("*.txt"))
    ]
    meantime = [
        f"meantime/{p.parent.name}/{p.stem}" for p in sorted((root / "meantime").glob("corpus_*/*.xml"))
    ]
    gwn = [f"gwn/{i}" for i in range(len(_gwn_texts(root)))]
    plover = [f"plover/{k}" for k in _plover_texts(root)]
    return {"polnear": polnear, "meantime": meantime, "gwn": gwn, "plover": plover}


def labelled_records(doc_ids: Iterable[str], digests: dict[str, str], texts: Path, settings: Any,
                     stages: Any = None) -> Iterator[tuple[str, Any]]:
    """(document id, extracted record) for labelled documents, refusing a text whose digest is
    not the one that was labelled (`digests`: id -> digest, "" when unknown). The article's
    path is its document id; `stages` replaces the default pipeline."""
    from sayso.errors import ExtractionError, InputError
    from sayso.pipeline import extract
    from sayso.record import Article, Failure, Meta

    for doc_id in sorted(doc_ids):
        doc = read(doc_id, texts)
        if digests.get(doc_id, "") not in ("", doc.digest):
            raise InputError(doc_id, "its text is not the text that was labelled (SHA-1 differs)",
                             "point --texts at the corpora of ../shared/eval as published")
        (record,) = extract([Article(doc.text, Meta(path=doc_id))], settings.replace(strict=True), stages=stages)
        if isinstance(record, Failure):
            raise ExtractionError(f"{doc_id}: {record.error}")
        yield doc_id, record
