"""A small learned cue detector: an averaged perceptron over parse features of verbs.

The lexicon says which verbs can report; the perceptron, trained on PolNeAR train by
training/train_cues.py, says which verb occurrences do ("made it clear", "took aim at", a
lexicon verb in a relative clause that is not a report). Weights are a flat JSON table in
sayso/data/cue_weights.json; without that file the lexicon alone decides.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Optional

from sayso.stages.attribution.lexicon import Lexicon

WEIGHTS_PATH = Path(__file__).resolve().parents[2] / "data" / "cue_weights.json"
NOT_CUE_DEPS = frozenset({"amod", "compound", "aux", "auxpass"})  # a verb in these relations never heads a cue


def features(tok, lex: Lexicon, in_quote: bool) -> list[str]:
    """Features of one verb token."""
    lemma = tok.lemma_.lower()
    head = tok.head
    kids = [c.dep_ for c in tok.children]
    feats = [
        "bias",
        "l=" + lemma,
        "d=" + tok.dep_,
        "t=" + tok.tag_,
        "hl=" + head.lemma_.lower(),
        "hd=" + head.dep_,
        "lex=" + str(lemma in lex.cue_verbs),
        "lexd=" + str(lemma in lex.cue_verbs) + tok.dep_,
        "q=" + str(in_quote),
        "ld=" + lemma + "|" + tok.dep_,
    ]
    feats.extend("k=" + k for k in sorted(set(kids)))
    feats.extend("lk=" + lemma + "|" + k for k in sorted(set(kids)) if k in ("ccomp", "xcomp", "dobj", "prep", "prt", "nsubj", "nsubjpass", "agent"))
    for c in tok.children:
        if c.dep_ in ("prt", "prep", "dobj"):
            feats.append("c=" + c.dep_ + "|" + c.lemma_.lower())
            feats.append("lc=" + lemma + "|" + c.lemma_.lower())
        if c.dep_ == "nsubj":
            feats.append("s=" + (c.ent_type_ or c.pos_))
    return feats


def examples(doc, text: str, cue_spans, lex: Lexicon) -> list[tuple[list[str], bool]]:
    """Training examples of one annotated document: each candidate verb, and whether it heads
    a gold cue (the last verb inside a gold cue span)."""
    from sayso.stages.attribution.quotes import find_quotes
    from sayso.stages.attribution.spans import QuoteIndex, char_tokens

    heads = set()
    for start, end in cue_spans:
        verbs = [t for t in char_tokens(doc, start, end) if t.pos_ == "VERB"]
        if verbs:
            heads.add(verbs[-1].i)
    quotes = QuoteIndex(find_quotes(text))
    return [
        (features(tok, lex, quotes.at(tok.idx) is not None), tok.i in heads)
        for tok in doc
        if tok.pos_ == "VERB" and tok.dep_ not in NOT_CUE_DEPS
    ]


class Perceptron:
    def __init__(self, weights: Optional[dict[str, float]] = None):
        self.weights: dict[str, float] = weights or {}

    def score(self, feats: list[str]) -> float:
        w = self.weights
        return sum(w.get(f, 0.0) for f in feats)

    def train(self, examples: list[tuple[list[str], bool]], epochs: int = 8) -> None:
        """Averaged perceptron; examples are (features, is a cue)."""
        import random

        w: dict[str, float] = {}
        total: dict[str, float] = {}
        stamp: dict[str, int] = {}
        step = 0
        rng = random.Random(7)
        for _ in range(epochs):
            rng.shuffle(examples)
            for feats, gold in examples:
                step += 1
                guess = sum(w.get(f, 0.0) for f in feats) > 0
                if guess == gold:
                    continue
                delta = 1.0 if gold else -1.0
                for f in feats:
                    total[f] = total.get(f, 0.0) + (step - stamp.get(f, 0)) * w.get(f, 0.0)
                    stamp[f] = step
                    w[f] = w.get(f, 0.0) + delta
        for f in w:
            total[f] = total.get(f, 0.0) + (step - stamp.get(f, 0)) * w[f]
        self.weights = {f: round(v / step, 4) for f, v in total.items() if abs(v / step) > 1e-4}

    def save(self, path: Path = WEIGHTS_PATH) -> None:
        path.write_text(json.dumps(self.weights, sort_keys=True), encoding="utf-8")


@lru_cache(maxsize=1)
def load_model() -> Optional[Perceptron]:
    """The packaged weights, or None when there are none."""
    if not WEIGHTS_PATH.exists():
        return None
    return Perceptron(json.loads(WEIGHTS_PATH.read_text(encoding="utf-8")))
