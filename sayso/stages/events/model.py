"""The event model: linear scores over the features of sayso/stages/events/features.py.

Three small models, trained by `python -m training.events.train` from the team's annotations
(annotations/events/, docs/annotation.md) and shipped as one gzipped JSON file
(sayso/data/event_model.json.gz):
- `trigger`: for a trigger candidate, "NONE" (no event) or the event's category;
- `actor` and `recipient`: for a noun phrase of the trigger's sentence, whether it is the
  event's actor (recipient).
Scoring is a sparse dot product with numpy; scikit-learn is needed only to train.
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import compress, repeat
from operator import le
from pathlib import Path
from typing import Any, Optional

import numpy as np

MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / "event_model.json.gz"
LEARNED_TRIGGERS = MODEL_PATH.with_name("triggers_learned.yaml")
LEARNED_MODE = "learned"  # the mode of the learned trigger words: a candidate only, never a record's mode
NONE = "NONE"
ROW_CACHE = 8192  # feature names whose rows a Linear keeps at hand (a small dict stays in the CPU cache)


@dataclass(frozen=True)
class Linear:
    """One linear model: classes (one for a binary model), feature index, weights."""

    classes: tuple[str, ...]
    index: dict[str, int]
    coef: Any  # numpy array, features x classes
    intercept: Any  # numpy array, classes
    # name -> row, or -1 for a name the model lacks: the recent names, looked up in a small dict
    # (the index holds tens of thousands of names; a lookup there waits on memory)
    _rows: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    # id(vector) -> (vector, its dense scores): a candidate's vector is scored for every trigger
    # of its sentence (the vector is kept, so its id is never another's while it is here)
    _dense_memo: dict[tuple[int, str], tuple[Any, Any]] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def _dense(self) -> dict[str, Any]:
        """Per prefix ("t": the trigger's, "a": a candidate argument's), the weights of the dense
        features t0, t1, ... (a tok2vec vector), in order; zero rows for the ones the model dropped."""
        from sayso.stages.events.features import tensor_names

        out = {}
        for prefix in ("t", "a"):
            width = max((int(n[1:]) + 1 for n in self.index if n[:1] == prefix and n[1:].isdigit()), default=0)
            rows = np.zeros((width, len(self.classes)), dtype=np.float32)
            for k, name in enumerate(tensor_names(width, prefix)):
                i = self.index.get(name)
                if i is not None:
                    rows[k] = self.coef[i]
            out[prefix] = rows
        return out

    def scores(self, features: dict[str, float], vector: Optional[Any] = None, prefix: str = "t") -> Any:
        """The class scores of sparse `features`, plus those of the dense `vector` (the values of
        the features t0, t1, ... (a0, a1, ...) when they are not among `features`)."""
        base = self._sparse_scores(features)
        if vector is None or not len(self._dense[prefix]):
            return base
        return base + self._dense_scores(vector, prefix)

    def _dense_scores(self, vector: Any, prefix: str) -> Any:
        memo, key = self._dense_memo, (id(vector), prefix)
        hit = memo.get(key)
        if hit is not None and hit[0] is vector:
            return hit[1]
        dense = self._dense[prefix]
        scores = np.asarray(vector[: len(dense)], dtype=np.float32) @ dense
        if len(memo) > ROW_CACHE:
            memo.clear()
        memo[key] = (vector, scores)
        return scores

    def _sparse_scores(self, features: dict[str, float]) -> Any:
        """The intercept plus the weights of the known features times their values, the rows in
        the features' order (gathered without a Python loop: this runs for every candidate)."""
        found = self._rows_of(features)
        if -1 in found:  # names the model lacks are left out
            known = list(map(le, repeat(0), found))
            rows, values = list(compress(found, known)), list(compress(features.values(), known))
        else:
            rows, values = found, list(features.values())
        if not rows:
            return self.intercept.copy()
        return np.asarray(values, dtype=np.float32) @ self.coef.take(rows, axis=0) + self.intercept

    def _rows_of(self, features: dict[str, float]) -> list[int]:
        """The row of each feature name in order, -1 for a name the model lacks."""
        cache = self._rows
        found: list = list(map(cache.get, features))  # None: not yet cached
        if None in found:
            if len(cache) > ROW_CACHE:
                cache.clear()
            get = self.index.get
            for k, name in enumerate(features):
                if found[k] is None:
                    row = get(name)
                    found[k] = cache[name] = -1 if row is None else row
        return found

    def probabilities(self, features: dict[str, float], vector: Optional[Any] = None, prefix: str = "t") -> Any:
        s = self.scores(features, vector, prefix)
        if len(self.classes) == 1:  # binary: the probability of the one class
            return 1.0 / (1.0 + np.exp(-s))
        e = np.exp(s - s.max())
        return e / e.sum()

    def to_json(self) -> dict:
        return {"classes": list(self.classes), "features": sorted(self.index, key=lambda name: self.index[name]),
                "coef": np.round(self.coef.astype(np.float64), 3).tolist(),
                "intercept": np.round(self.intercept.astype(np.float64), 3).tolist()}

    @classmethod
    def from_json(cls, d: dict) -> "Linear":
        coef = np.asarray(d["coef"], dtype=np.float32).reshape(len(d["features"]), len(d["classes"]))
        return cls(tuple(d["classes"]), {f: i for i, f in enumerate(d["features"])}, coef,
                   np.asarray(d["intercept"], dtype=np.float32))


@dataclass(frozen=True)
class EventModel:
    trigger: Linear
    actor: Linear
    recipient: Linear
    thresholds: dict[str, float]
    open_skip: frozenset[str] = frozenset()  # verbs never asked about (open_candidates.py)
    open_trigger: Optional[Linear] = None  # the trigger model of open candidates (verbs the lexicon lacks)
    modes: frozenset[str] = frozenset()  # "DEFECT:resign": words of a rare category's mode it decides

    @property
    def opens(self) -> bool:
        """Whether the model decides verbs beyond the lexicon (it was trained on them)."""
        return self.open_trigger is not None and "open_event" in self.thresholds

    def category(self, features: dict[str, float], threshold: str = "event",
                 vector: Optional[Any] = None) -> tuple[Optional[str], float]:
        """The event category of a candidate and the probability that it is an event, or None
        when that probability is under the threshold named `threshold`; `vector`: the dense
        features (Linear.scores). The `open_event` threshold goes with the open candidates' model."""
        linear = self.open_trigger if threshold == "open_event" and self.open_trigger is not None else self.trigger
        p = linear.probabilities(features, vector)
        classes = linear.classes
        none = classes.index(NONE) if NONE in classes else None
        event_p = 1.0 - float(p[none]) if none is not None else 1.0
        if event_p < self.thresholds.get(threshold, 0.5):
            return None, event_p
        if none is not None:
            p = p.copy()
            p[none] = -1.0
        return classes[int(np.argmax(p))], event_p

    def argument(self, role: str, candidates: list[tuple[Any, ...]],
                 nobody: Optional[dict[str, float]] = None) -> Optional[Any]:
        """The candidate most likely to be the event's `role`; `candidates`: (token, features)
        or (token, features, vector), the vector holding the values of a0, a1, ... A ranker
        (threshold `ranker`) weighs every candidate against `nobody`, the features of naming
        none; otherwise the best candidate is taken if its probability is above the role's
        threshold."""
        model = self.actor if role == "actor" else self.recipient
        if self.thresholds.get("ranker", 0.0) >= 0.5 and nobody is not None:
            best, best_s = None, float(model.scores(nobody)[0])
            for token, features, *vector in candidates:
                s = float(model.scores(features, vector[0] if vector else None, "a")[0])
                if s > best_s:
                    best, best_s = token, s
            return best
        best, best_p = None, self.thresholds.get(role, 0.5)
        for token, features, *vector in candidates:
            p = float(model.probabilities(features, vector[0] if vector else None, "a")[0])
            if p > best_p:
                best, best_p = token, p
        return best

    def to_json(self) -> dict:
        return {"version": 1, "trigger": self.trigger.to_json(), "actor": self.actor.to_json(),
                "recipient": self.recipient.to_json(), "thresholds": self.thresholds,
                "open_skip": sorted(self.open_skip), "modes": sorted(self.modes)} | (
                    {"open_trigger": self.open_trigger.to_json()} if self.open_trigger is not None else {})

    def save(self, path: Path = MODEL_PATH) -> None:
        write_json_gz(path, self.to_json())


def write_json_gz(path: Path, data: dict) -> None:
    """A shipped model file: compact JSON, gzipped."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(data, f, separators=(",", ":"))


def read_json_gz(path: Path) -> Any:
    """What `write_json_gz` wrote."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> Optional[EventModel]:
    """The shipped event model, or None when there is none (the rules then decide alone)."""
    if not Path(path).is_file():
        return None
    d = read_json_gz(path)
    return EventModel(Linear.from_json(d["trigger"]), Linear.from_json(d["actor"]),
                      Linear.from_json(d["recipient"]), dict(d["thresholds"]), frozenset(d.get("open_skip", ())),
                      Linear.from_json(d["open_trigger"]) if "open_trigger" in d else None, frozenset(d.get("modes", ())))
