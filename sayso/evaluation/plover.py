"""Event category and actor text on the PLOVER gold-standard records (PLOVER_GSR_CAMEO.txt).

    sayso eval plover FILE [--json] [--check]

FILE is the JSON array of records, each a sentence with its `event` category, `source`
actors (`actorText`) and a markup of the event words. The records are coded in PLOVER 0.5;
categories renamed or merged since are mapped to the current ontology:
DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, INVESTIGATE -> ACCUSE (mode investigate),
FIGHT -> ASSAULT (mode fight); DOCUMENT records (file documentation) are skipped, as is any
record whose category is not in the ontology.

Each sentence goes through the pipeline; sayso's event for the record is the one whose trigger
is highest in the dependency tree (the main event; ties go to the earlier one). Its category is
coded for PLOVER by the ontology's `plover` / `plover_by_status` keys: PLOVER codes an offer or
promise of a cooperative act ("will provide aid": sayso AID, planned) as AGREE, an announced
hostile act ("will boycott": PROTEST, expected) as THREATEN, a refused cooperative act as
REJECT, and has no DEFECT (coded RETREAT). Category
accuracy counts a record with no event as wrong. Actor match: the gold source text and the
text of sayso's actor mention in the sentence contain one another (case-insensitive).
"""
from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from sayso.errors import InputError

HELP = "event category and actor text on the PLOVER gold-standard records (JSON)"
RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
SKIPPED = {"DOCUMENT"}


@dataclass(frozen=True)
class Record:
    id: str
    text: str
    category: str  # mapped to the current ontology
    original: str  # as coded in the file
    actors: tuple[str, ...]


def current_category(name: str) -> str:
    return RENAMED.get(name, name)


def read_records(path: Path, categories: set[str]) -> tuple[list[Record], int]:
    """Records whose (mapped) category exists in the ontology, and how many were left out."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})", "pass PLOVER_GSR_CAMEO.txt") from exc
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not a JSON array ({exc})", "pass PLOVER_GSR_CAMEO.txt") from exc
    if not isinstance(data, list):
        raise InputError(str(path), "not a JSON array of records", "pass PLOVER_GSR_CAMEO.txt")
    records, left_out = [], 0
    for d in data:
        name = str(d.get("event", ""))
        mapped = current_category(name)
        if name in SKIPPED or mapped not in categories or not d.get("text"):
            left_out += 1
            continue
        actors = tuple(a.get("actorText", "") for a in d.get("source") or () if a.get("actorText"))
        records.append(Record(str(d.get("id", "")), d["text"], mapped, name, actors))
    return records, left_out


def _depth(token: Any) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def main_event(draft: Any) -> Optional[Any]:
    """The event whose trigger is highest in the parse (the earliest among equals)."""
    best, best_key = None, None
    for event in draft.events:
        span = draft.doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        key = (_depth(span.root) if span is not None else 99, event.trigger.start)
        if best_key is None or key < best_key:
            best, best_key = event, key
    return best


def actor_text(draft: Any, event: Any) -> Optional[str]:
    """The text of the event's actor mention in its sentence (else the entity's name)."""
    entity = next((e for e in draft.entities if e.id == event.actor), None)
    if entity is None:
        return None
    inside = [m.text for m in entity.mentions if event.sentence.contains(m.start, m.end)]
    return inside[0] if inside else entity.name


def actor_matches(gold: tuple[str, ...], found: Optional[str]) -> bool:
    if not found:
        return False
    f = found.lower()
    return any(g.lower() in f or f in g.lower() for g in gold)


def evaluate(path: Path, split: Optional[str] = None) -> dict[str, Any]:
    """Category and actor scores; with `split`, only the records of that part of the event
    model's split (sayso.evaluation.event_corpus.split_of: "test" are records it never saw)."""
    from sayso.evaluation.drafts import drafts_for
    from sayso.evaluation.event_corpus import split_of
    from sayso.stages.events import ontology_for
    from sayso.settings import DEFAULT

    ontology = ontology_for(DEFAULT)
    records, left_out = read_records(path, set(ontology.categories))
    if split is not None:
        records = [r for r in records if split_of(f"plover/{r.id}") == split]
    drafts = drafts_for(((r.id, r.text) for r in records), DEFAULT)
    per_category: dict[str, dict[str, int]] = {}
    correct = found = with_actor = actor_ok = 0
    for record, draft in zip(records, drafts):
        event = main_event(draft)
        row = per_category.setdefault(record.category, {"records": 0, "correct": 0})
        row["records"] += 1
        if event is None:
            continue
        found += 1
        if ontology.plover(event.type, event.status) == record.category:
            correct += 1
            row["correct"] += 1
        if record.actors:
            with_actor += 1
            actor_ok += actor_matches(record.actors, actor_text(draft, event))
    n = len(records)
    return {
        "records": n, "left_out": left_out, "with_event": found,
        "category_correct": correct, "category_accuracy": round(100 * correct / n, 1) if n else 0.0,
        "actor_records": with_actor, "actor_correct": actor_ok,
        "actor_accuracy": round(100 * actor_ok / with_actor, 1) if with_actor else 0.0,
        "categories": per_category,
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, help="PLOVER_GSR_CAMEO.txt (a JSON array of records)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a score is below its floor")
    parser.add_argument("--split", choices=("train", "dev", "test"), default=None,
                        help="only the records of this part of the event model's split (test: never trained on)")


def _print(r: dict[str, Any]) -> None:
    print(f"PLOVER records: {r['records']} scored ({r['left_out']} left out: category not in the ontology)")
    print(f"an event found in {r['with_event']}; category right in {r['category_correct']}: "
          f"accuracy {r['category_accuracy']:.1f} %")
    print(f"actor text matched in {r['actor_correct']} of {r['actor_records']} records with a gold "
          f"source: {r['actor_accuracy']:.1f} %")
    for name, row in sorted(r["categories"].items()):
        print(f"  {name:<10} {row['correct']:>3} / {row['records']:<3}")


def run(args: argparse.Namespace) -> int:
    from sayso.evaluation.meantime import finish

    return finish(evaluate(args.path, args.split), args, "plover", _print)
