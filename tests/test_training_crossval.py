"""The cross-validation yardstick of the trigger models (training/events/crossval.py), on
made-up scores: folds by document, joined out-of-fold scores, precision at a recall."""
from __future__ import annotations

import numpy as np

from training.events import crossval
from training.events.thresholds import Scored


def _scored(p: list[float], labels: list[str], gold: int) -> Scored:
    n = len(p)
    return Scored(np.asarray(p), np.full(n, "ASSAULT", dtype=object), np.asarray(labels, dtype=object),
                  np.full(n, "", dtype=object), np.zeros(n, dtype=bool), gold)


def test_a_document_has_one_fold():
    docs = [f"gwn/{i}" for i in range(200)]
    folds = [crossval.fold_of(d, 5) for d in docs]
    assert folds == [crossval.fold_of(d, 5) for d in docs]
    assert set(folds) == set(range(5)) and min(folds.count(k) for k in range(5)) > 20


def test_out_of_fold_scores_are_joined():
    joined = crossval._joined([_scored([0.9], ["ASSAULT"], 2), _scored([0.2, 0.7], ["NONE", "NONE"], 3)])
    assert list(joined.p_event) == [0.9, 0.2, 0.7] and joined.gold_events == 5


def test_precision_at_a_recall():
    s = _scored([0.9, 0.8, 0.6, 0.4, 0.2], ["ASSAULT", "ASSAULT", "NONE", "ASSAULT", "NONE"], 4)
    best = crossval.precision_at(s, (0.5, 0.75, 1.0))
    assert best[0.5][0] == 1.0 and best[0.75][0] == 0.75 and best[1.0] == (0.0, None)
