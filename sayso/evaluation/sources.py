"""Source crediting on the team's own labels of real news (annotations/sources/README.md).

    sayso eval sources [annotations/sources] [--split test|dev|train|all] [--texts ../shared/eval]
                       [--docs annotations/sources/round6.docs]

The split is the one of every team annotation (`sayso.evaluation.event_corpus.split_of`:
train / dev / test, 70 / 15 / 15 by a hash of the document id): anything learned is trained
on train, rules are tuned on train and dev, test is only scored.

Each labelled article goes through the whole extraction; each labelled report is matched to
the event whose trigger overlaps its trigger, and the ledger's crediting of that event
(`sayso.ledger.sources.report_source`) is compared with the label: right when both say
"the article itself", or when the event rests on an attribution whose source span (or a
mention of its source's entity) overlaps the labelled speaker. A labelled report whose trigger
no detector found is scored too: a last stage of the evaluation's pipeline credits its
trigger with the same function as every event (`report_attribution`), so the figure measures
crediting, not event detection; how many reports that concerns is printed. Errors are listed
by kind.
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional, Union

from sayso.evaluation.event_corpus import EVAL, labelled_records, split_of

HELP = "who each event report rests on (the article or a speaker), on the team's labels"
LABELS = Path(__file__).resolve().parents[2] / "annotations" / "sources"
ARTICLE = "article"
GOLD = "labelled"  # the mode of a report the evaluation adds at a labelled trigger no detector found

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
    unmatched_right: int = 0
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, nargs="?", default=LABELS, help="the labels folder (annotations/sources)")
    parser.add_argument("--split", choices=("train", "dev", "test", "all"), default="test")
    parser.add_argument("--texts", type=Path, default=EVAL, help="the folder of the gold corpora (../shared/eval)")
    parser.add_argument("--errors", type=int, default=5, help="examples printed per kind of error")
    parser.add_argument("--docs", type=Path, default=None,
                        help="a file of document ids, one a line: score only those articles (of the split)")


def read_docs(path: Optional[Path]) -> Optional[frozenset[str]]:
    """The document ids listed in `path` (one a line, "#" starts a comment); None: every one."""
    if path is None:
        return None
    lines = (line.split("#", 1)[0].strip() for line in Path(path).read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line)


def load(directory: Path = LABELS, split: str = "all", docs: Optional[frozenset[str]] = None) -> Iterator[Label]:
    for path in sorted(Path(directory).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            origin = d["origin"] if d["origin"] == ARTICLE else tuple(d["origin"])
            label = Label(d["doc"], d.get("digest", ""), tuple(d["trigger"]), origin)
            if (split == "all" or split_of(label.doc) == split) and (docs is None or label.doc in docs):
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
            continue
        tally.reports += 1
        tally.unmatched += event.mode == GOLD
        predicted = predicted_origin(index, event)
        if _right(index, event, predicted, label.origin):
            tally.right += 1
            tally.unmatched_right += event.mode == GOLD
            continue
        trigger = text[label.trigger[0]:label.trigger[1]]
        tally.errors[_kind(predicted, label.origin)].append(
            f"{label.doc} {trigger!r}: {_show(text, predicted)} for {_show(text, label.origin)}")


def _event_at(record: Any, trigger: tuple[int, int]) -> Optional[Any]:
    found = [e for e in record.events if _overlaps((e.trigger.start, e.trigger.end), trigger)]
    return min(found, key=lambda e: (e.mode == GOLD, abs(e.trigger.start - trigger[0]))) if found else None


def labelled_triggers(by_doc: dict[str, list[Label]]) -> Any:
    """A last stage adding a report at each labelled trigger no detector made an event of,
    credited like every event (sayso.stages.events.credit.report_attribution)."""
    from sayso.record import Event, Span
    from sayso.stages.base import stage
    from sayso.stages.events import ontology_for
    from sayso.stages.events.credit import report_attribution
    from sayso.stages.events.denial import status_with_denial

    @stage("labelled_triggers", needs=("doc", "attributions", "events"), sets=("events",))
    def add(draft: Any, settings: Any) -> Any:
        lex, text, added = ontology_for(settings).status, draft.article.text, []
        for n, label in enumerate(by_doc.get(draft.article.meta.path or "", ())):
            (start, end), found = label.trigger, _event_at(draft, label.trigger)
            span = draft.doc.char_span(start, end, alignment_mode="expand")
            if found is not None or span is None or not len(span):
                continue
            head, sent = span.root, span.root.sent
            status, polarity = status_with_denial(head, lex)
            added.append(Event(
                id=f"g{n}", type="EVENT", mode=GOLD, trigger=Span.of(text, start, end),
                sentence=Span.of(text, sent.start_char, sent.end_char), status=status, polarity=polarity,
                attribution=report_attribution(head, start, end, lex, draft.attributions)))
        return draft.set(events=draft.events + tuple(added))

    return add


def evaluate(path: Path, split: str, texts: Path, docs: Optional[frozenset[str]] = None) -> dict[str, Any]:
    from sayso.settings import DEFAULT

    settings = DEFAULT.replace(article_seconds=0.0)  # scored, not timed: no budget cut on a busy machine
    by_doc: dict[str, list[Label]] = defaultdict(list)
    for label in load(path, split, docs):
        by_doc[label.doc].append(label)
    tally = Tally()
    digests = {d: labels[0].digest for d, labels in by_doc.items()}
    from sayso.pipeline import default_stages

    stages = default_stages() + (labelled_triggers(by_doc),)
    for doc_id, record in labelled_records(by_doc, digests, texts, settings, stages):
        score_document(record, by_doc[doc_id], tally)
    return _result(tally, split, len(by_doc))


def _result(t: Tally, split: str, docs: int) -> dict[str, Any]:
    return {
        "split": split, "documents": docs, "reports": t.reports, "right": t.right,
        "accuracy": round(100.0 * t.right / t.reports, 1) if t.reports else 0.0,
        "no_event_found": t.unmatched,
        "detected_accuracy": round(100.0 * (t.right - t.unmatched_right) / (t.reports - t.unmatched), 1)
        if t.reports > t.unmatched else 0.0,
        "errors": {k: {"count": len(v), "examples": v} for k, v in sorted(t.errors.items())},
    }


def _print(r: dict[str, Any], examples: int) -> None:
    print(f"{r['split']} split, {r['documents']} articles: {r['reports']} labelled reports "
          f"({r['no_event_found']} of them at a trigger no detector made an event of, credited all the same)")
    print(f"right origin (the article itself, or the right speaker): {r['right']} of {r['reports']}, "
          f"{r['accuracy']:.1f} % ({r['detected_accuracy']:.1f} % of those a detector found)")
    for kind, row in r["errors"].items():
        print(f"  {kind}: {row['count']}")
        for line in row["examples"][:examples]:
            print(f"      {line}")


def run(args: argparse.Namespace) -> int:
    from sayso.evaluation.meantime import finish

    result = evaluate(args.path, args.split, args.texts, read_docs(args.docs))
    return finish(result, args, "sources", lambda r: _print(r, args.errors))
