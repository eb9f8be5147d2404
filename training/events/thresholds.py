"""The trigger model's thresholds, chosen on dev over all candidates at once (numpy).

What the events stage decides for a candidate (sayso/stages/events/decide.py): a lexicon
candidate is an event when the model's probability of an event is at least `event`; a rules'
event the model does not confirm stays when that probability is at least `veto`; an open
candidate (a verb the lexicon lacks) is an event when it is at least `open_event`. Recall is
over every gold event of the split's documents, so candidate sets of different sizes compare.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

import numpy as np

from sayso.stages.events.model import NONE, Linear

GRID = tuple(float(x) for x in np.round(np.arange(0.3, 0.96, 0.05), 2))
VETO_GRID = tuple(float(x) for x in np.round(np.arange(0.1, 0.96, 0.05), 2))


@dataclass(frozen=True)
class Scored:
    """The dev candidates under the trigger models: what each model says and what is known."""

    p_event: Any  # probability of an event, per candidate
    best: Any  # the most likely category other than NONE, per candidate
    labels: Any  # gold category or NONE, per candidate
    rules: Any  # the rules' category or "", per candidate
    opens: Any  # bool per candidate
    gold_events: int


def matrix(rows: list[dict], index: dict[str, int]) -> Any:
    """The sparse matrix of feature dicts over a feature index."""
    from scipy.sparse import lil_matrix

    m = lil_matrix((len(rows), len(index)), dtype=np.float32)
    for r, f in enumerate(rows):
        for k, v in f.items():
            i = index.get(k)
            if i is not None:
                m[r, i] = v
    return m.tocsr()


def _rule(features: dict) -> str:
    found = next((k[5:] for k in features if k.startswith("rule=")), "none")
    return "" if found == "none" else found


def _predict(model: Linear, rows: list[dict]) -> tuple[Any, Any]:
    if not rows:
        return np.zeros(0), np.zeros(0, dtype=object)
    s = matrix(rows, model.index) @ model.coef + model.intercept
    e = np.exp(s - s.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    none = model.classes.index(NONE)
    p_event = 1.0 - p[:, none]
    p[:, none] = -1.0
    return p_event, np.asarray(model.classes, dtype=object)[p.argmax(axis=1)]


def score(model: Linear, rows: list[dict], ys: list[str], gold_events: int, open_model: Optional[Linear] = None) -> Scored:
    """The candidates scored by `model`, the open ones by `open_model` when given."""
    opens = np.asarray(["origin=open" in f for f in rows], dtype=bool)
    p_event, best = np.zeros(len(rows)), np.full(len(rows), "", dtype=object)
    for which, m in ((~opens, model), (opens, open_model or model)):
        idx = np.flatnonzero(which)
        p_event[idx], best[idx] = _predict(m, [rows[i] for i in idx])
    return Scored(p_event, best, np.asarray(ys, dtype=object), np.asarray([_rule(f) for f in rows], dtype=object),
                  opens, gold_events)


def decisions(s: Scored, event: float, veto: float, open_event: float) -> Any:
    """The category decided for each candidate ("" for none)."""
    threshold = np.where(s.opens, open_event, event)
    out = np.where(s.p_event >= threshold, s.best, "")
    keep_rule = (out == "") & (s.rules != "") & (s.p_event >= veto)
    return np.where(keep_rule, s.rules, out)


def figures(s: Scored, event: float, veto: float, open_event: float) -> dict[str, float]:
    got = decisions(s, event, veto, open_event)
    found = got != ""
    tp = int(np.sum(found & (got == s.labels)))
    p = tp / int(found.sum()) if found.any() else 0.0
    r = tp / s.gold_events if s.gold_events else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "right": tp}


def best(s: Scored, least_precision: float, opens: bool, veto: Optional[float] = None) -> tuple[dict, dict]:
    """The thresholds with the best F1 at precision >= least_precision (else the best precision):
    (thresholds, figures). `veto` fixed, or searched under the event threshold."""
    top: tuple = ((-2.0, -1.0), {}, {})
    for event in GRID:
        for v in ([veto] if veto is not None else [x for x in VETO_GRID if x <= event] + [1.0]):
            for open_event in (GRID if opens else (1.01,)):
                f = figures(s, event, v, open_event)
                key = (f["f1"] if f["precision"] >= least_precision else -1 + f["precision"], f["precision"])
                if key > top[0]:
                    top = (key, {"event": event, "veto": v, "open_event": open_event}, f)
    return top[1], top[2]
