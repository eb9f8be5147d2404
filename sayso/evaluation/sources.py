"""Source crediting on the team's own labels of real news (annotations/sources/README.md).

    sayso eval sources [annotations/sources] [--split test|dev|all] [--texts ../shared/eval]

Each labelled article goes through the whole extraction; each labelled report is matched to
the event whose trigger overlaps its trigger, and the ledger's crediting of that event
(`sayso.ledger.sources.report_source`) is compared with the label: right when both say
"the article itself", or when the event rests on an attribution whose source span (or a
mention of its source's entity) overlaps the labelled speaker. Reports with no event found
at their trigger are counted apart (not scored). Errors are listed by kind.
"""
from __future__ import annotations

import argparse
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional, Union

from sayso.errors import InputError
from sayso.evaluation.event_corpus import EVAL, read

HELP = "who each event report rests on (the article or a speaker), on the team's labels"
LABELS = Path(__file__).resolve().parents[2] / "annotations" / "sources"
ARTICLE = "article"

Origin = Union[str, tuple[int, int]]


@dataclass(frozen=True)
class Label:
    doc: str
    digest: str
    trigger: tuple[int, int]
    origin: Origin


@dataclass
class Tally:
    reports: int = 0
    right: int = 0
    unmatched: int = 0
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, nargs="?", default=LABELS, help="the labels folder (annotations/sources)")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="test")
    parser.add_argument("--texts", type=Path, default=EVAL, help="the folder of the gold corpora (../shared/eval)")
    parser.add_argument("--errors", type=int, default=5, help="examples printed per kind of error")


def split_of(doc_id: str) -> str:
    """dev or test, by article, fixed once (a hash of the id with this evaluation's seed)."""
    return "dev" if int(hashlib.sha1(f"sources:{doc_id}".encode()).hexdigest()[:8], 16) % 2 == 0 else "test"


def load(directory: Path = LABELS, split: str = "all") -> Iterator[Label]:
    for path in sorted(Path(directory).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            origin = d["origin"] if d["origin"] == ARTICLE else tuple(d["origin"])
            label = Label(d["doc"], d.get("digest", ""), tuple(d["trigger"]), origin)
            if split == "all" or split_of(label.doc) == split:
                yield label


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def predicted_origin(index: Any, event: Any) -> Origin:
    """"article" when the ledger credits the article's own outlet; the attribution's source
    span when the event rests on one; "another outlet" when the article's own assertion is
    credited to an outlet it mentions."""
    from sayso.ledger.sources import outlet_of, relayed_outlet, report_source

    source = report_source(index, event, relayed_outlet(index))
    if event.attribution is None:
        return ARTICLE if source.name == outlet_of(index.record) else f"outlet {source.name}"
    attribution = index.attributions[event.attribution]
    return (attribution.source.start, attribution.source.end)


def _right(index: Any, event: Any, predicted: Origin, gold: Origin) -> bool:
    if isinstance(gold, str) or isinstance(predicted, str):
        return predicted == gold
    if _overlaps(predicted, gold):
        return True
    entity = index.entities.get(index.attributions[event.attribution].source.entity or "")
    return entity is not None and any(_overlaps((m.start, m.end), gold) for m in entity.mentions)


def _kind(predicted: Origin, gold: Origin) -> str:
    if gold == ARTICLE:
        return "credited to another outlet" if isinstance(predicted, str) else "credited to a speaker, the article says it"
    if predicted == ARTICLE:
        return "credited to the article, a speaker says it"
    return "credited to another outlet" if isinstance(predicted, str) else "the wrong speaker"


def _show(text: str, origin: Origin) -> str:
    return origin if isinstance(origin, str) else repr(text[origin[0]:origin[1]])


def score_document(record: Any, labels: list[Label], tally: Tally) -> None:
    from sayso.ledger.sources import Index

    index = Index(record)
    text = record.text
    for label in labels:
        event = _event_at(record, label.trigger)
        if event is None:
            tally.unmatched += 1
            continue
        tally.reports += 1
        predicted = predicted_origin(index, event)
        if _right(index, event, predicted, label.origin):
            tally.right += 1
            continue
        trigger = text[label.trigger[0]:label.trigger[1]]
        tally.errors[_kind(predicted, label.origin)].append(
            f"{label.doc} {trigger!r}: {_show(text, predicted)} for {_show(text, label.origin)}")


def _event_at(record: Any, trigger: tuple[int, int]) -> Optional[Any]:
    found = [e for e in record.events if _overlaps((e.trigger.start, e.trigger.end), trigger)]
    return min(found, key=lambda e: abs(e.trigger.start - trigger[0])) if found else None


def evaluate(path: Path, split: str, texts: Path) -> dict[str, Any]:
    from sayso.pipeline import extract_one
    from sayso.record import Article, Meta

    by_doc: dict[str, list[Label]] = defaultdict(list)
    for label in load(path, split):
        by_doc[label.doc].append(label)
    tally = Tally()
    for doc_id in sorted(by_doc):
        doc = read(doc_id, texts)
        if by_doc[doc_id][0].digest not in ("", doc.digest):
            raise InputError(doc_id, "its text is not the text that was labelled (SHA-1 differs)",
                             "point --texts at the corpora of ../shared/eval as published")
        record = extract_one(Article(doc.text, Meta(path=doc_id)))
        score_document(record, by_doc[doc_id], tally)
    return _result(tally, split, len(by_doc))


def _result(t: Tally, split: str, docs: int) -> dict[str, Any]:
    return {
        "split": split, "documents": docs, "reports": t.reports, "right": t.right,
        "accuracy": round(100.0 * t.right / t.reports, 1) if t.reports else 0.0,
        "no_event_found": t.unmatched,
        "errors": {k: {"count": len(v), "examples": v} for k, v in sorted(t.errors.items())},
    }


def _print(r: dict[str, Any], examples: int) -> None:
    print(f"{r['split']} split, {r['documents']} articles: {r['reports']} labelled reports with an event found "
          f"({r['no_event_found']} more with none)")
    print(f"right origin (the article itself, or the right speaker): {r['right']} of {r['reports']}, "
          f"{r['accuracy']:.1f} %")
    for kind, row in r["errors"].items():
        print(f"  {kind}: {row['count']}")
        for line in row["examples"][:examples]:
            print(f"      {line}")


def run(args: argparse.Namespace) -> int:
    from sayso.evaluation.meantime import finish

    result = evaluate(args.path, args.split, args.texts)
    return finish(result, args, "sources", lambda r: _print(r, args.errors))
