"""How alike two reports are: the features of a pair and the learned chance that they tell one
happening.

A logistic regression over a pair's features (the same participants by name and alias, the
trigger stems, the words of the sentences, days, places, modes, the distance in the article,
and whether the hand-written rules of sayso.ledger.identity link them), trained by
`python -m training.merge` on the train pairs of annotations/merge/pairs.jsonl and shipped as
a small JSON file (sayso/data/merge_model.json: weights, and the threshold chosen on the dev
pairs). Features of a pair within one article and across articles are kept apart (prefixes
"w:" and "x:"), so one file holds the two models. Scoring is a dot product in plain Python.
"""
from __future__ import annotations

import json
import math
from datetime import date
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Optional

from sayso.ledger.sources import normalise


MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "merge_model.json"


@dataclass(frozen=True)
class PairModel:
    weights: dict[str, float]
    threshold: float  # link a pair the rules do not when the probability is at least this
    keep: float = 0.0  # keep a link of the rules when the probability is at least this (both on dev)

    def to_json(self) -> dict:
        return {"threshold": self.threshold, "keep": self.keep, "weights": {k: round(v, 4) for k, v in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, d: dict) -> "PairModel":
        return cls(dict(d["weights"]), float(d["threshold"]), float(d.get("keep", 0.0)))

    def probability(self, features: dict[str, float]) -> float:
        return _logistic(sum(self.weights.get(name, 0.0) * value for name, value in features.items()))

    @cached_property
    def sides(self) -> dict[str, dict[str, float]]:
        """The weights of pairs within an article ("w") and across articles ("x"), unprefixed."""
        found: dict[str, dict[str, float]] = {"w": {}, "x": {}}
        for name, w in self.weights.items():
            side, _, feature = name.partition(":")
            found.setdefault(side, {})[feature] = w
        return found

    def chance(self, a: Any, b: Any, rule: bool, similarity: float) -> float:
        """The probability of the pair (a dot product with `raw_features`, as `probability` of
        `features`, without building the prefixed names)."""
        weights = self.sides["w" if a.key[0] == b.key[0] else "x"]
        get = weights.get
        return _logistic(sum(get(name, 0.0) * value for name, value in raw_features(a, b, rule, similarity).items()))


def _logistic(s: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, s))))


@lru_cache(maxsize=1)
def shipped() -> PairModel:
    return PairModel.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


_override: list[PairModel] = []


def model() -> PairModel:
    """The model in use: the shipped one, or one set by `use` (training sweeps its threshold)."""
    return _override[-1] if _override else shipped()


def use(m: Optional[PairModel]) -> None:
    """Score with `m` from now on (None: the shipped model again)."""
    _override.clear()
    if m is not None:
        _override.append(m)


@lru_cache(maxsize=65536)
def _position(key: str) -> int:
    digits = "".join(c for c in key if c.isdigit())
    return int(digits) if digits else 0


def _agreement(a: Any, b: Any, role: str, ta: frozenset, tb: frozenset) -> dict[str, float]:
    na, nb = a.row[f"{role}_name"], b.row[f"{role}_name"]
    if ta and tb and (ta <= tb or tb <= ta):  # one participant, by name or alias
        return {f"{role}=shared": 1.0}
    if not na and not nb:
        return {f"{role}=none": 1.0}
    if not na or not nb:
        return {f"{role}=one": 1.0}
    if normalise(na) == normalise(nb):
        return {f"{role}=same-text": 1.0}
    return {f"{role}=differ": 1.0}


def _days(a: dict, b: dict) -> str:
    if not a["day"] or not b["day"]:
        return "undated"
    return _apart(a["day"], b["day"])


@lru_cache(maxsize=65536)
def _apart(a: str, b: str) -> str:
    apart = abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    return str(apart) if apart < 2 else "2+"


def features(a: Any, b: Any, rule: bool, similarity: float) -> dict[str, float]:
    """The features of a pair that does not conflict (same category, no two participants,
    places or days against each other), named "w:..." within an article and "x:..." across;
    `rule`: the hand-written rules link them."""
    prefix = "w:" if a.key[0] == b.key[0] else "x:"
    return {prefix + k: v for k, v in raw_features(a, b, rule, similarity).items() if v}


def raw_features(a: Any, b: Any, rule: bool, similarity: float) -> dict[str, float]:
    """`features` without the prefix (zeros included)."""
    ra, rb = a.row, b.row
    within = a.key[0] == b.key[0]
    shared_words = len(a.words & b.words)
    found: dict[str, float] = {
        "bias": 1.0, "rule": float(rule), "cosine": similarity, "shared-words": math.log1p(shared_words),
        "same-stem": float(bool(a.stem) and a.stem == b.stem),
        "same-trigger": float((ra["trigger"] or "").lower() == (rb["trigger"] or "").lower()),
        "same-mode": float(ra["mode"] == rb["mode"]),
        "same-status": float(ra["status"] == rb["status"]),
        "nominal": float(a.nominal or b.nominal),
        "named-happening": float(a.named_happening and b.named_happening),
        "same-name": float(bool(a.name) and (a.name in b.called() or (bool(b.name) and b.name in a.called()))),
        f"days={_days(ra, rb)}": 1.0,
        "same-place": float(bool(ra["place_name"]) and ra["place_name"] == rb["place_name"]),
        "same-source": float(bool(ra["source_key"]) and ra["source_key"] == rb["source_key"]),
    }
    found.update(_agreement(a, b, "actor", a.actor, b.actor))
    found.update(_agreement(a, b, "recipient", a.recipient, b.recipient))
    if within:
        apart = abs(_position(a.key[1]) - _position(b.key[1]))
        found["distance"] = math.log1p(apart)
        found["lead"] = float(min(_position(a.key[1]), _position(b.key[1])) <= 2)
    return found
