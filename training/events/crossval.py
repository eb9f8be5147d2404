"""Yardsticks for the trigger models that do not over-fit dev: k-fold cross-validation by
document over train + dev, train -> dev, a learning curve and dev precision at given recalls.

    .venv/bin/python -m training.events.crossval              # train -> dev and 5-fold CV
    .venv/bin/python -m training.events.crossval --curve      # + learning curve, precision at recall

The examples are those of `training.events.train --no-save --train-only` (the packaged lexicon,
open verbs, rare categories left to the rules, open verbs never an event in SKIP_MIN training
uses skipped: that list is made from each fold's training part). The trigger models are fitted
with train.py's `fit_both` at its chosen C (`--c`, `--c-open`); thresholds (event, veto,
open_event) are chosen as train.py chooses them, at precision >= PRECISION over candidates: on
dev for train -> dev, on the pooled out-of-fold scores for CV. Recall is over every gold event
of the documents scored. Test documents are never read into a figure.
"""
from __future__ import annotations

import argparse
import hashlib
import random
from dataclasses import dataclass
from typing import Any

import numpy as np

from sayso.stages.events.model import NONE
from training.events import thresholds as th
from training.events import train

Row = tuple[dict, str, str, str]  # features, label, split, document id
FINE = tuple(float(x) for x in np.round(np.arange(0.05, 0.96, 0.05), 2))


@dataclass(frozen=True)
class Data:
    rows: list[Row]  # train and dev candidates only
    gold: dict[str, int]  # document id -> gold events
    c: float
    c_open: float


def _without(features: dict, drop: tuple[str, ...]) -> dict:
    return {k: v for k, v in features.items() if not k.startswith(drop)} if drop else features


def load_data(c: float, c_open: float, drop: tuple[str, ...] = ()) -> Data:
    """The examples, without the features whose names start with one of `drop` (ablations)."""
    from sayso.evaluation.event_labels import load
    from sayso.stages.events.ontology import load as load_ontology
    from training.events.examples import collect, parse

    labels = [x for x in load() if x.split in ("train", "dev")]
    ex = collect(parse(labels), load_ontology(), None, opens=train.OPENS)
    doc_of = {id(x): where[0] for x, where in zip(ex.trigger, ex.where)}
    rows = [(_without(x[0], drop), x[1], x[2], doc_of[id(x)]) for x in train.without_rare(ex).trigger]
    gold: dict[str, int] = {}
    for label in labels:
        gold[label.doc] = gold.get(label.doc, 0) + int(label.event)
    return Data(rows, gold, c, c_open)


def fold_of(doc: str, k: int) -> int:
    return int(hashlib.sha1(f"cv{train.SEED}:{doc}".encode("utf-8")).hexdigest()[:8], 16) % k


def _skip(rows: list[Row]) -> frozenset[str]:
    uses: dict[str, int] = {}
    events: dict[str, int] = {}
    for f, y, _, _ in rows:
        if "origin=open" in f:
            lemma = train._lemma(f)
            uses[lemma] = uses.get(lemma, 0) + 1
            events[lemma] = events.get(lemma, 0) + (y != NONE)
    return frozenset(w for w, n in uses.items() if n >= train.SKIP_MIN and not events[w])


def scored(data: Data, fit_on: list[Row], score_on: list[Row]) -> th.Scored:
    """`score_on` under the trigger models fitted on `fit_on`."""
    skip = _skip(fit_on)

    def kept(rows: list[Row]) -> list[Row]:
        return [x for x in rows if "origin=open" not in x[0] or train._lemma(x[0]) not in skip]

    fitted, scoring = kept(fit_on), kept(score_on)
    trigger, opens = train.fit_both([x[0] for x in fitted], [x[1] for x in fitted], data.c, data.c_open)
    gold = sum(data.gold[d] for d in {x[3] for x in score_on})
    return th.score(trigger, [x[0] for x in scoring], [x[1] for x in scoring], gold, opens)


def _joined(parts: list[th.Scored]) -> th.Scored:
    fields = ("p_event", "best", "labels", "rules", "opens")
    return th.Scored(*(np.concatenate([getattr(s, k) for s in parts]) for k in fields),
                     sum(s.gold_events for s in parts))


def _docs(data: Data, split: str) -> list[str]:
    return sorted({x[3] for x in data.rows if x[2] == split})


def train_dev(data: Data, fraction: float = 1.0) -> th.Scored:
    """Dev under models fitted on `fraction` of train's documents (fixed seed)."""
    docs = _docs(data, "train")
    random.Random(train.SEED).shuffle(docs)
    kept = set(docs[:round(fraction * len(docs))])
    return scored(data, [x for x in data.rows if x[3] in kept], [x for x in data.rows if x[2] == "dev"])


def cross_validated(data: Data, k: int = 5) -> th.Scored:
    """The out-of-fold scores of every train and dev candidate, folds by document."""
    parts = [scored(data, [x for x in data.rows if fold_of(x[3], k) != i],
                    [x for x in data.rows if fold_of(x[3], k) == i]) for i in range(k)]
    return _joined(parts)


def line(name: str, s: th.Scored) -> str:
    from sklearn.metrics import average_precision_score

    chosen, f = th.best(s, train.PRECISION, train.OPENS)
    ap = average_precision_score(s.labels != NONE, s.p_event)
    return (f"{name}: P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f} "
            f"AP {ap:.3f} (over candidates) at {chosen}")


def precision_at(s: th.Scored, recalls: tuple[float, ...]) -> dict[float, tuple[float, Any]]:
    """The best precision with recall >= each of `recalls` over a fine grid of thresholds."""
    best: dict[float, tuple[float, Any]] = {r: (0.0, None) for r in recalls}
    for event in FINE:
        for veto in [x for x in FINE if x <= event] + [1.0]:
            for open_event in FINE:
                f = th.figures(s, event, veto, open_event)
                for r in recalls:
                    if f["recall"] >= r and f["precision"] > best[r][0]:
                        best[r] = (f["precision"], (event, veto, open_event))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--c", type=float, default=0.1, help="C of the lexicon's trigger model (train.py's choice)")
    parser.add_argument("--c-open", type=float, default=3.0, help="C of the open verbs' model")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--curve", action="store_true", help="learning curve and dev precision at recall")
    parser.add_argument("--drop", action="append", default=[], help="leave out features starting so ('lc=')")
    args = parser.parse_args()
    data = load_data(args.c, args.c_open, tuple(args.drop))
    dev = train_dev(data)
    print(line("train -> dev", dev), flush=True)
    print(line(f"{args.folds}-fold CV by document, train + dev", cross_validated(data, args.folds)), flush=True)
    if args.curve:
        for fraction in (0.25, 0.5, 0.75):
            print(line(f"train -> dev, {fraction:.0%} of train's documents", train_dev(data, fraction)), flush=True)
        for r, (p, at) in precision_at(dev, (0.5, 0.55, 0.6, 0.65, 0.7)).items():
            print(f"dev precision at recall >= {r}: {p:.3f} (thresholds {at})")


if __name__ == "__main__":
    main()
