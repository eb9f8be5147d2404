"""Event labels: what an annotator decided about a trigger, as offsets into the document.

One JSON line per trigger in annotations/events/*.jsonl:

    {"doc": "gwn/12", "digest": "…", "split": "train",
     "trigger": {"start": 120, "end": 128, "text": "attacked"}, "origin": "candidate" | "added",
     "event": true, "category": "ASSAULT", "status": "occurred",
     "actor": {"start": 100, "end": 106, "text": "gunmen"} | null, "recipient": … | null}

`event: false` marks a candidate that names no event of any category (then category, status,
actor and recipient are null). The digest is the first 12 hex digits of the SHA-1 of the
document text, so a changed source text is noticed instead of shifting every offset.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterator, Optional

STATUSES = ("occurred", "ongoing", "planned", "possible", "expected", "considered", "negated",
            "threatened", "claimed")
CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
              "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
              "DEFECT")
LABELS = Path(__file__).resolve().parents[2] / "annotations" / "events"
REVIEWED = "reviewed"  # the consistency reviews' verdicts, a folder of LABELS (not read as labels)


class LabelError(ValueError):
    pass


@dataclass(frozen=True)
class Label:
    doc: str
    split: str
    trigger: tuple[int, int]
    event: bool
    category: Optional[str]
    status: Optional[str]
    actor: Optional[tuple[int, int]]
    recipient: Optional[tuple[int, int]]
    origin: str = "candidate"
    digest: str = ""


def _sentence_of(sheet: dict, start: int) -> tuple[int, int]:
    for s, e in sheet["sentences"]:
        if s <= start < e:
            return s, e
    raise LabelError(f"offset {start} is in no sentence of {sheet['doc']}")


def _whole_word(phrase: str) -> str:
    """The phrase as a pattern that does not start or end inside a word ("he" not in "the")."""
    left = r"(?<!\w)" if phrase[:1].isalnum() else ""
    right = r"(?!\w)" if phrase[-1:].isalnum() else ""
    return left + re.escape(phrase) + right


def _plain_spaces(text: str) -> str:
    """Every single whitespace character as a plain space (a no-break space typed as a space
    still matches); one character for one, so offsets stay those of the text as read."""
    return re.sub(r"\s", " ", text)


def find_in(text: str, bounds: tuple[int, int], phrase: str) -> tuple[int, int]:
    """Offsets of `phrase` inside text[bounds]; "word#2" is its second occurrence there. Whole-word
    occurrences come first (then regardless of case), a bare substring only when there is none."""
    m = re.fullmatch(r"(.*?)#(\d+)", phrase, re.S)
    phrase, nth = (m.group(1), int(m.group(2))) if m else (phrase, 1)
    s, e = bounds
    phrase, window = _plain_spaces(phrase), _plain_spaces(text[s:e])
    hits: list[int] = []
    for pattern, flags in ((_whole_word(phrase), 0), (_whole_word(phrase), re.I), (re.escape(phrase), 0)):
        hits = hits or [i.start() + s for i in re.finditer(pattern, window, flags)]
    if len(hits) < nth:
        raise LabelError(f"{phrase!r} is not in the sentence {text[s:e][:80]!r}")
    return hits[nth - 1], hits[nth - 1] + len(phrase)


def _category(raw: dict) -> tuple[bool, Optional[str], Optional[str]]:
    cat = raw.get("cat")
    if cat in (None, "", "NO", "none"):
        return False, None, None
    if cat not in CATEGORIES:
        raise LabelError(f"unknown category {cat!r}")
    status = raw.get("status", "occurred")
    if status not in STATUSES:
        raise LabelError(f"unknown status {status!r} (one of {', '.join(STATUSES)})")
    return True, cat, status


def resolve_line(raw: dict, sheet: dict, text: str) -> Label:
    """An annotator's line (candidate number or sentence + trigger text) as a Label."""
    if "c" in raw:
        cand = sheet["candidates"][int(str(raw["c"]).lstrip("c"))]
        trigger, origin = (cand["start"], cand["end"]), "candidate"
        bounds = _sentence_of(sheet, cand["head"])
    else:
        bounds = tuple(sheet["sentences"][int(str(raw["s"]).lstrip("s"))])
        trigger, origin = find_in(text, bounds, raw["trigger"]), "added"
    event, cat, status = _category(raw)
    actor = find_in(text, bounds, raw["actor"]) if event and raw.get("actor") else None
    recipient = find_in(text, bounds, raw["recipient"]) if event and raw.get("recipient") else None
    return Label(sheet["doc"], sheet["split"], trigger, event, cat, status, actor, recipient, origin)


def _span(text: str, pair: Optional[tuple[int, int]]) -> Optional[dict]:
    return None if pair is None else {"start": pair[0], "end": pair[1], "text": text[pair[0]:pair[1]]}


def to_json(label: Label, text: str, digest: str) -> dict[str, Any]:
    return {
        "doc": label.doc, "digest": digest, "split": label.split,
        "trigger": _span(text, label.trigger), "origin": label.origin, "event": label.event,
        "category": label.category, "status": label.status,
        "actor": _span(text, label.actor), "recipient": _span(text, label.recipient),
    }


def write_labels(out: Path, labels: list[Label], sheets: dict[str, dict]) -> None:
    from sayso.evaluation.event_corpus import read

    out.parent.mkdir(parents=True, exist_ok=True)
    texts = {d: read(d).text for d in {x.doc for x in labels}}
    seen: dict[tuple[str, tuple[int, int]], Label] = {}
    for label in labels:  # a later line about the same trigger corrects an earlier one
        seen[(label.doc, label.trigger)] = label
    rows = sorted(seen.values(), key=lambda x: (x.doc, x.trigger))
    with out.open("w", encoding="utf-8") as f:
        for label in rows:
            f.write(json.dumps(to_json(label, texts[label.doc], sheets[label.doc]["digest"]), ensure_ascii=False) + "\n")


def _pair(d: Optional[dict]) -> Optional[tuple[int, int]]:
    return None if d is None else (d["start"], d["end"])


def reviews(directory: Path = LABELS) -> Iterator[dict[str, Any]]:
    """The lines of the consistency reviews (directory/reviewed/*.jsonl, docs/annotation.md): one
    per label a reviewer re-read, `verdict` "kept" or "changed"; a changed one gives the new
    `event`, `category`, `status` (and `actor`, `recipient` when they change too)."""
    for path in sorted((directory / REVIEWED).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


def corrections(directory: Path = LABELS) -> dict[tuple[str, tuple[int, int]], dict[str, Any]]:
    """The changed labels of the reviews, by (document, trigger offsets); a later line wins."""
    return {(r["doc"], (r["trigger"]["start"], r["trigger"]["end"])): r
            for r in reviews(directory) if r["verdict"] == "changed"}


def corrected(label: Label, fix: dict[str, Any]) -> Label:
    """The label as the review changed it; no event has no category, status or arguments."""
    if not fix["event"]:
        return replace(label, event=False, category=None, status=None, actor=None, recipient=None)
    if fix["category"] not in CATEGORIES or fix["status"] not in STATUSES:
        raise LabelError(f"{label.doc} {label.trigger}: bad correction {fix}")
    actor = _pair(fix["actor"]) if "actor" in fix else label.actor
    recipient = _pair(fix["recipient"]) if "recipient" in fix else label.recipient
    return replace(label, event=True, category=fix["category"], status=fix["status"], actor=actor, recipient=recipient)


def load(directory: Path = LABELS, split: Optional[str] = None, pattern: str = "*.jsonl",
         reviewed: bool = True) -> Iterator[Label]:
    """Every label kept in the repository (of one split, if given; of the files matching
    `pattern`, e.g. "batch-[1-7].jsonl"), with the corrections of the consistency reviews
    applied unless `reviewed` is False."""
    fixes = corrections(directory) if reviewed else {}
    for path in sorted(directory.glob(pattern)):
        for line in path.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            if split is not None and d["split"] != split:
                continue
            label = Label(d["doc"], d["split"], (d["trigger"]["start"], d["trigger"]["end"]), d["event"], d["category"],
                          d["status"], _pair(d["actor"]), _pair(d["recipient"]), d["origin"], d.get("digest", ""))
            fix = fixes.get((label.doc, label.trigger))
            yield corrected(label, fix) if fix is not None else label
