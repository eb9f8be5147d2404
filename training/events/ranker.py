"""The actor and recipient rankers: a conditional logit over the noun phrases of the trigger's
sentence plus "nobody" (no actor or recipient named there).

For each true event the model scores every candidate and the nobody option with one weight
vector and is trained to put the gold choice first (softmax over the group, L2 penalty, L-BFGS
from scipy, deterministic). Weighing the candidates against each other and against nobody
beats scoring each one alone against a threshold (dev accuracy over the events with a candidate
trigger, as `--train-only` training prints it: actor 67.5 % -> 69.6 %, recipient 64.7 % -> 71.0 %).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from sayso.stages.events.model import Linear
from training.events.examples import Examples

C_GRID = (0.1, 0.3, 1.0, 3.0)
# the nobody option's features first, then the candidates'; the right choices (more than one
# when a relative pronoun stands for the gold argument: "the preacher whom Erdogan accuses")
Group = tuple[list[dict], tuple[int, ...]]


def groups(ex: Examples, role: str, splits: tuple[str, ...]) -> list[Group]:
    """The events of `splits` as ranking groups (an event whose gold argument is no candidate
    is left out: it cannot be learned from)."""
    which = 0 if role == "actor" else 1
    by_event: dict[int, list[tuple[dict, int]]] = defaultdict(list)
    for features, y, split, event in getattr(ex, role):
        if split in splits:
            by_event[event].append((features, y))
    out = []
    for event, cands in sorted(by_event.items()):
        rows = [ex.nobody[event][which]] + [f for f, _ in cands]
        ys = [int(not ex.has_argument[event][which])] + [y for _, y in cands]
        if any(ys):
            out.append((rows, tuple(i for i, y in enumerate(ys) if y)))
    return out


def _matrix(rows: list[dict], index: dict[str, int]) -> Any:
    """The rows as a sparse matrix over `index` (built from coordinates: fast for many rows)."""
    from scipy.sparse import csr_matrix

    r, k, v = [], [], []
    for n, f in enumerate(rows):
        for name, value in f.items():
            i = index.get(name)
            if i is not None:
                r.append(n)
                k.append(i)
                v.append(value)
    return csr_matrix((np.asarray(v, dtype=np.float32), (r, k)), shape=(len(rows), len(index)))


def fit(train: list[Group], c: float) -> Linear:
    from scipy.optimize import minimize

    from training.events.train import _vocabulary

    rows = [r for rs, _ in train for r in rs]
    index = _vocabulary(rows)
    x = _matrix(rows, index)
    starts = np.cumsum([0] + [len(rs) for rs, _ in train])
    right = np.zeros(len(rows))
    for i, (_, golds) in enumerate(train):
        right[[starts[i] + g for g in golds]] = 1.0
    segment = np.repeat(np.arange(len(train)), np.diff(starts))

    def loss(w: Any) -> tuple[float, Any]:
        """Minus the log probability of a right choice, summed over the groups, plus L2."""
        s = x @ w
        top = np.maximum.reduceat(s, starts[:-1])
        e = np.exp(s - top[segment])
        z = np.add.reduceat(e, starts[:-1])
        z_right = np.add.reduceat(e * right, starts[:-1])
        grad = e / z[segment] - e * right / z_right[segment]
        value = -(np.log(z_right) - np.log(z)).sum() + 0.5 * w @ w / c
        return float(value), x.T @ grad + w / c

    w = minimize(loss, np.zeros(len(index)), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    return Linear(("yes",), index, w.astype(np.float32).reshape(-1, 1), np.zeros(1, dtype=np.float32))


def accuracy(model: Linear, dev: list[Group]) -> float:
    right = sum(int(np.argmax([float(model.scores(f)[0]) for f in rows]) in g) for rows, g in dev)
    return right / len(dev) if dev else 0.0


def tune(ex: Examples, role: str) -> float:
    """The regularisation with the best dev accuracy."""
    train, dev = groups(ex, role, ("train",)), groups(ex, role, ("dev",))
    scored = [(accuracy(fit(train, c), dev), -c) for c in C_GRID]
    acc, c = max(scored)
    print(f"{role} ranker: C={-c}, dev accuracy {acc:.3f} ({len(dev)} events)")
    return -c
