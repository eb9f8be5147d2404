"""ranker: the learned choice among the candidates of each place name.

A logistic regression over the features of sayso.stages.places.features, trained on our own train part of
GeoWebNews by `python -m training.geo`, which writes its weights to sayso/data/geo_ranker.json
(feature names, standardisation, coefficients). Scoring is a dot product in plain Python; the
highest-scoring candidate wins, ties to the earlier candidate, so the choice is deterministic.
Without the weights file the first-pass choice (sayso.places.choose) stands.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional, Sequence

from sayso.stages.places import namesakes
from sayso.stages.places.names import DATA, Candidate, exact_key
from sayso.stages.places.features import NAMES, Context, Name, contexts, is_capital, vector

WEIGHTS = DATA / "geo_ranker.json"
WINDOW = 24  # characters of text read on either side of a name


@dataclass(frozen=True)
class Inputs:
    """Everything the ranker reads about the place names of one text."""

    text: str
    spans: tuple[tuple[int, int], ...]
    found: tuple[tuple[Candidate, ...], ...]
    first: tuple[Optional[Candidate], ...]
    extra: Counter  # countries named by demonyms and the outlet
    qualifiers: tuple[Optional[Candidate], ...]
    hows: tuple[str, ...]


@dataclass(frozen=True)
class Weights:
    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def score(self, x: Sequence[float]) -> float:
        return self.intercept + sum(w * (v - m) / s for w, v, m, s in zip(self.coef, x, self.mean, self.scale))


@lru_cache(maxsize=1)
def weights() -> Optional[Weights]:
    """The shipped weights, or None when there are none (or they are for other features)."""
    if not WEIGHTS.exists():
        return None
    raw = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    if tuple(raw["features"]) != NAMES:
        return None
    return Weights(tuple(raw["features"]), tuple(raw["mean"]), tuple(raw["scale"]),
                   tuple(raw["coef"]), float(raw["intercept"]))


def names_of(inputs: Inputs) -> list[Name]:
    t = inputs.text
    return [Name(t[s:e], t[max(0, s - WINDOW):s], t[e:e + WINDOW], how, q)
            for (s, e), how, q in zip(inputs.spans, inputs.hows, inputs.qualifiers)]


def rows(inputs: Inputs) -> list[list[list[float]]]:
    """The feature vectors of every candidate of every name (empty for a name without any)."""
    names = names_of(inputs)
    ctxs: list[Context] = contexts(inputs.first, [exact_key(n.text) for n in names], inputs.extra)
    return [[vector(c, cands, name, ctx) for c in cands] if cands else []
            for cands, name, ctx in zip(inputs.found, names, ctxs)]


def rerank(inputs: Inputs, model: Optional[Weights] = None, rounds: int = 1) -> list[Optional[Candidate]]:
    """The best candidate of each name by the learned scores (the first pass without weights);
    a second round reads the context of the first round's choices."""
    model = model or weights()
    if model is None:
        return list(inputs.first)
    best = list(inputs.first)
    for _ in range(rounds):
        best = _pick(replace(inputs, first=tuple(best)), model)
    keys = [exact_key(inputs.text[s:e]) for s, e in inputs.spans]
    best = [_named_region_first(_capital_first(_own_name_first(b, cands, k), cands, q), cands)
            for b, cands, q, k in zip(best, inputs.found, inputs.qualifiers, keys)]
    return namesakes.settle(inputs.text, inputs.spans, inputs.found, best)


def _capital_first(chosen: Optional[Candidate], cands: Sequence[Candidate],
                   qualifier: Optional[Candidate]) -> Optional[Candidate]:
    """A national capital named alone stands for itself (or its government: "talks between
    Ottawa and Brussels") rather than for a village of its name a hundredth its size; a
    qualifier ("Brussels, Ontario") still decides."""
    if chosen is None or qualifier is not None or chosen.precision != "city" or is_capital(chosen):
        return chosen
    capitals_ = [c for c in cands if c.precision == "city" and is_capital(c)
                 and exact_key(c.name) == exact_key(chosen.name)]
    if capitals_ and chosen.population * 100 < capitals_[0].population:
        return capitals_[0]
    return chosen


SMALL_TOWN = 10_000


def _own_name_first(chosen: Optional[Candidate], cands: Sequence[Candidate], key: str) -> Optional[Candidate]:
    """A town reached only by one of its alternate names ("Washington" for Reisterstown,
    Maryland) gives way to a place of its country with ten times its people that bears the name
    itself."""
    if chosen is None or chosen.precision != "city" or exact_key(chosen.name) == key:
        return chosen
    own = [c for c in cands if exact_key(c.name) == key and c.country == chosen.country
           and c.population >= 10 * max(chosen.population, 1)]
    return max(own, key=lambda c: c.population) if own else chosen


def _named_region_first(chosen: Optional[Candidate], cands: Sequence[Candidate]) -> Optional[Candidate]:
    """A named region (sayso/data/regions.tsv: "the Middle East", "Central Asia") rather than a
    small town that bears its name (Middle East, Pennsylvania)."""
    if chosen is None or chosen.precision != "city" or chosen.population >= SMALL_TOWN:
        return chosen
    key = exact_key(chosen.name)
    named = [c for c in cands if c.precision == "region" and c.population == 0 and c.geonameid is None
             and exact_key(c.name) == key]
    return named[0] if named else chosen


def _pick(inputs: Inputs, model: Weights) -> list[Optional[Candidate]]:
    best: list[Optional[Candidate]] = []
    for cands, xs in zip(inputs.found, rows(inputs)):
        if not cands:
            best.append(None)
            continue
        scores = [model.score(x) for x in xs]
        best.append(cands[scores.index(max(scores))])
    return best
