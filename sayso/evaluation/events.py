"""Events on the team's own annotations of real news (annotations/events, docs/annotation.md).

    sayso eval events annotations/events [--split test] [--texts ../shared/eval] [--rules]

Each labelled document of the split (test by default; dev is for tuning, train for training)
goes through the whole extraction; its events are matched one to one with the gold events by
overlapping trigger. Precision counts a found event right when a gold event of the same
category has an overlapping trigger; recall counts the gold events found so. Actor and
recipient accuracy are over the events found right: right when the gold has none and sayso
has none, or when a mention of sayso's entity overlaps the gold span. The errors are listed by
kind: not an event, wrong category, missed (the model said no), missed (no lexicon candidate:
an event the annotators added, which the open verbs may now propose), an event on a trigger
nobody labelled; and the arguments by kind: right, partly right (a
mention overlaps the gold span without being it: counted right), nobody for someone, someone
for nobody, wrong span. `--rules` scores the rules without the event model.
"""
from __future__ import annotations

import argparse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from sayso.evaluation.event_corpus import EVAL, labelled_records
from sayso.evaluation.event_labels import LABELS, Label, load

HELP = "event category, actor and recipient on the team's annotations of real news"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, nargs="?", default=LABELS, help="the annotations folder (annotations/events)")
    parser.add_argument("--split", choices=("train", "dev", "test"), default="test")
    parser.add_argument("--texts", type=Path, default=EVAL, help="the folder of the gold corpora (../shared/eval)")
    parser.add_argument("--rules", action="store_true", help="the rules alone, without the event model")
    parser.add_argument("--errors", type=int, default=5, help="examples printed per kind of error")
    parser.add_argument("--check", action="store_true", help="exit 1 when a score is below its floor")


@dataclass
class Tally:
    found: int = 0
    gold: int = 0
    right: int = 0
    actor_right: int = 0
    recipient_right: int = 0
    status_right: int = 0
    statuses: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # "gold -> ours" -> count
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    arguments: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # "actor: kind" -> count


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _argument_right(record: Any, entity_id: Optional[str], gold: Optional[tuple[int, int]]) -> bool:
    if gold is None or entity_id is None:
        return gold is None and entity_id is None
    entity = next((e for e in record.entities if e.id == entity_id), None)
    return entity is not None and any(_overlaps((m.start, m.end), gold) for m in entity.mentions)


def argument_kind(record: Any, entity_id: Optional[str], gold: Optional[tuple[int, int]]) -> str:
    """How sayso's argument compares with the gold span: right (a mention of its entity is the
    gold span), partly right (a mention overlaps it: still right), nobody for someone, someone
    for nobody, or a wrong span."""
    if gold is None or entity_id is None:
        return "right" if gold is None and entity_id is None else "nobody for someone" if entity_id is None \
            else "someone for nobody"
    entity = next((e for e in record.entities if e.id == entity_id), None)
    spans = [(m.start, m.end) for m in entity.mentions] if entity is not None else []
    if tuple(gold) in spans:
        return "right"
    return "partly right" if any(_overlaps(m, gold) for m in spans) else "wrong span"


def _note(tally: Tally, kind: str, text: str, span: tuple[int, int], what: str) -> None:
    tally.errors[kind].append(f"{text[span[0]:span[1]]!r} ({what})")


def _score_status(tally: Tally, ours: str, gold: Optional[str]) -> None:
    tally.status_right += ours == gold
    if ours != gold:
        tally.statuses[f"{gold} -> {ours}"] += 1


def score_document(record: Any, labels: list[Label], tally: Tally) -> None:
    text = record.text
    golds = [x for x in labels if x.event]
    used: set[int] = set()
    tally.gold += len(golds)
    for ev in record.events:
        span = (ev.trigger.start, ev.trigger.end)
        tally.found += 1
        hit = next((i for i, g in enumerate(golds) if i not in used and _overlaps(g.trigger, span)
                    and g.category == ev.type), None)
        if hit is not None:
            used.add(hit)
            tally.right += 1
            tally.actor_right += _argument_right(record, ev.actor, golds[hit].actor)
            tally.recipient_right += _argument_right(record, ev.recipient, golds[hit].recipient)
            _score_status(tally, ev.status, golds[hit].status)
            tally.arguments[f"actor: {argument_kind(record, ev.actor, golds[hit].actor)}"] += 1
            tally.arguments[f"recipient: {argument_kind(record, ev.recipient, golds[hit].recipient)}"] += 1
            continue
        other = next((g for g in labels if _overlaps(g.trigger, span)), None)
        kind = "unlabelled trigger" if other is None else "not an event" if not other.event else "wrong category"
        _note(tally, kind, text, span, ev.type if other is None or not other.event else f"{ev.type} for {other.category}")
    for i, g in enumerate(golds):
        if i not in used and not any(_overlaps(g.trigger, (e.trigger.start, e.trigger.end)) for e in record.events):
            kind = "missed (no lexicon candidate)" if g.origin == "added" else "missed (said no event)"
            _note(tally, kind, text, g.trigger, g.category or "")


def evaluate(path: Path, split: str, texts: Path, rules: bool = False) -> dict[str, Any]:
    from sayso.settings import DEFAULT

    by_doc: dict[str, list[Label]] = defaultdict(list)
    for label in load(path, split):
        by_doc[label.doc].append(label)
    settings = DEFAULT.replace(event_model=not rules, article_seconds=0.0)  # scored, not timed
    tally = Tally()
    digests = {d: labels[0].digest for d, labels in by_doc.items()}
    for doc_id, record in labelled_records(by_doc, digests, texts, settings):
        score_document(record, by_doc[doc_id], tally)
    return _result(tally, split, len(by_doc), rules)


def _pct(a: int, b: int) -> float:
    return round(100.0 * a / b, 1) if b else 0.0


def _result(t: Tally, split: str, docs: int, rules: bool) -> dict[str, Any]:
    p, r = _pct(t.right, t.found), _pct(t.right, t.gold)
    return {
        "split": split, "documents": docs, "model": "rules" if rules else "event model",
        "events_found": t.found, "gold_events": t.gold, "right": t.right,
        "precision": p, "recall": r, "f1": round(2 * p * r / (p + r), 1) if p + r else 0.0,
        "actor_accuracy": _pct(t.actor_right, t.right), "recipient_accuracy": _pct(t.recipient_right, t.right),
        "status_accuracy": _pct(t.status_right, t.right),
        "status_errors": dict(sorted(t.statuses.items(), key=lambda kv: -kv[1])),
        "errors": {k: {"count": len(v), "examples": v} for k, v in sorted(t.errors.items())},
        "arguments": dict(sorted(t.arguments.items())),
    }


def _print(r: dict[str, Any], examples: int) -> None:
    print(f"{r['split']} split, {r['documents']} documents, {r['model']}: {r['events_found']} events found, "
          f"{r['gold_events']} gold events, {r['right']} right")
    print(f"event precision {r['precision']:.1f} %, recall {r['recall']:.1f} %, F1 {r['f1']:.1f}")
    print(f"actor right in {r['actor_accuracy']:.1f} % and recipient in {r['recipient_accuracy']:.1f} % of the events found right")
    print(f"status right in {r['status_accuracy']:.1f} % of the events found right; wrong (gold -> ours): "
          + ", ".join(f"{k} {n}" for k, n in list(r["status_errors"].items())[:8]))
    for kind, row in r["errors"].items():
        print(f"  {kind}: {row['count']}")
        for line in row["examples"][:examples]:
            print(f"      {line}")
    print("arguments of the events found right (partly right counts as right):")
    for kind, count in r["arguments"].items():
        print(f"  {kind}: {count}")


def run(args: argparse.Namespace) -> int:
    from sayso.evaluation.meantime import finish

    result = evaluate(args.path, args.split, args.texts, args.rules)
    section = "events_rules" if args.rules else "events"
    return finish(result, args, section, lambda r: _print(r, args.errors))
