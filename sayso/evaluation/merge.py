"""Merging on the team's own labelled pairs of real reports (annotations/merge/pairs.jsonl).

    sayso eval merge [PAIRS] [--split test|dev|all|train] [--texts ../shared/eval] [--cache FILE]

Every article named by a pair of the split goes through the whole extraction and into a new,
temporary ledger (SQLite), in one run. Each labelled mention is the report whose trigger
overlaps its offsets; a pair is predicted "same" when both reports are in one merged event.
Pairwise precision: of the pairs predicted same, those labelled same; recall: of the pairs
labelled same, those predicted same; both overall, across articles and within an article
(within-article coreference). Pairs whose mention the extraction no longer finds are counted
apart. Tune on dev; test is the default.
"""
from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from sayso.evaluation.event_corpus import EVAL
from sayso.evaluation.merge_corpus import LABELS, Mention, Pair, load, records

HELP = "merging and within-article coreference on the team's labelled pairs of real reports"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, nargs="?", default=LABELS, help="the labelled pairs (annotations/merge/pairs.jsonl)")
    parser.add_argument("--split", choices=("dev", "test", "all", "train"), default="test",
                        help="all: dev and test; train: the pairs the learned link is fitted on")
    parser.add_argument("--texts", type=Path, default=EVAL, help="the folder of the gold corpora (../shared/eval)")
    parser.add_argument("--cache", type=Path, help="a JSONL file of extracted records, read and extended")
    parser.add_argument("--errors", type=int, default=0, help="list this many wrong pairs of each kind")
    parser.add_argument("--causes", action="store_true", help="count the wrong pairs by cause (tune on dev)")


@dataclass(frozen=True)
class Scores:
    pairs: int
    missing: int  # a mention the extraction does not find
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> Optional[float]:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> Optional[float]:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    def to_dict(self) -> dict:
        return {"pairs": self.pairs, "missing": self.missing, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": self.precision, "recall": self.recall}


def merged_ids(pairs: list[Pair], cache: Optional[Path], root: Path) -> dict[Mention, Optional[int]]:
    """The merged event of each labelled mention, from one ledger of all the pairs' articles."""
    return merged_and_records(pairs, cache, root)[0]


def merged_and_records(pairs: list[Pair], cache: Optional[Path], root: Path) -> tuple[dict[Mention, Optional[int]], dict]:
    """`merged_ids`, and the records of the articles by document id."""
    from sayso.ledger import open_ledger

    docs = {m.doc for p in pairs for m in (p.a, p.b)}
    found: dict[Mention, Optional[int]] = {}
    with tempfile.TemporaryDirectory() as folder, open_ledger(str(Path(folder) / "merge-eval.db")) as ledger:
        stored = list(records(docs, cache, root))
        list(ledger.ingest_many(stored, batch=50))
        by_doc = {r.meta.path: r for r in stored}
        merged = {(a, e): m for a, e, m in ledger.db.rows("SELECT article_id, id, merged_id FROM events")}
        for m in {m for p in pairs for m in (p.a, p.b)}:
            record = by_doc.get(m.doc)
            event = _event_at(record, m) if record is not None else None
            found[m] = merged.get((record.id, event)) if record is not None and event else None
    return found, by_doc


def _event_at(record, m: Mention) -> Optional[str]:
    """The event whose trigger overlaps the mention (the nearest start on a tie)."""
    hits = [e for e in record.events if e.trigger.start < m.end and m.start < e.trigger.end]
    return min(hits, key=lambda e: (abs(e.trigger.start - m.start), e.id)).id if hits else None


def score(pairs: list[Pair], found: dict[Mention, Optional[int]]) -> tuple[Scores, list[tuple[str, Pair]]]:
    counts: Counter = Counter()
    wrong = []
    for p in pairs:
        a, b = found.get(p.a), found.get(p.b)
        if a is None or b is None:
            counts["missing"] += 1
            continue
        guess = a == b
        kind = ("tp" if p.same else "fp") if guess else ("fn" if p.same else "tn")
        counts[kind] += 1
        if kind in ("fp", "fn"):
            wrong.append((kind, p))
    return Scores(len(pairs), counts["missing"], counts["tp"], counts["fp"], counts["fn"]), wrong


def evaluate(pairs: list[Pair], cache: Optional[Path] = None, root: Path = EVAL,
             found: Optional[dict[Mention, Optional[int]]] = None) -> dict:
    found = merged_ids(pairs, cache, root) if found is None else found
    parts = {"all": pairs, "across articles": [p for p in pairs if not p.within],
             "within an article": [p for p in pairs if p.within]}
    out = {}
    for name, chosen in parts.items():
        scores, wrong = score(chosen, found)
        out[name] = (scores, wrong)
    return out


def _pct(x: Optional[float]) -> str:
    return "  n/a" if x is None else f"{100 * x:5.1f}"


def run(args: argparse.Namespace) -> int:
    pairs = [p for p in load(args.path) if p.split == args.split or (args.split == "all" and p.split != "train")]
    found, by_doc = merged_and_records(pairs, args.cache, args.texts)
    results = evaluate(pairs, args.cache, args.texts, found)
    if args.json:
        print(json.dumps({k: v[0].to_dict() for k, v in results.items()}, indent=2))
        return 0
    print(f"merge pairs ({args.split}): {len(pairs)} labelled, "
          f"{sum(p.same for p in pairs)} same")
    print(f"{'':20} {'pairs':>5} {'missing':>7} {'precision':>9} {'recall':>6}")
    for name, (s, wrong) in results.items():
        print(f"{name:20} {s.pairs:5d} {s.missing:7d} {_pct(s.precision):>9} {_pct(s.recall):>6}")
    for kind, p in results["all"][1][: args.errors * 2]:
        print(f"  {kind}: {p.a.doc} {p.a.text!r} ~ {p.b.doc} {p.b.text!r}")
    if args.causes:
        _print_causes(pairs, found, by_doc)
    return 0


def _print_causes(pairs: list[Pair], found: dict[Mention, Optional[int]], by_doc: dict) -> None:
    from sayso.evaluation.merge_causes import causes, reports_at

    reports = reports_at(by_doc, {m for p in pairs for m in (p.a, p.b)}, _event_at)
    print("wrong or unscored pairs by cause:")
    for (kind, side, cause), n in sorted(causes(pairs, found, reports).items(), key=lambda kv: (kv[0][0], -kv[1], kv[0])):
        print(f"  {n:4d}  {kind:18} {side:7} {cause}")
