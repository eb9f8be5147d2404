"""Candidates beyond the lexicon: the verbs the ontology's trigger words do not cover.

The annotators labelled every event of a document, adding those the lexicon had no word for
(docs/annotation.md), so every other verb of a labelled document is a known non-event. The
trigger model learns from both which verbs name events ("released", "fired", "prosecuted", a
world-politics verb the lexicon lacks), and the events stage asks it about every verb the
lexicon misses. Verbs that were never an event in many labelled uses ("say", "be", "know") are
skipped before any feature is computed (the model's `open_skip` list, learned from the
training split).
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator

from spacy.symbols import VERB

from sayso.stages.events.ontology import Trigger
from sayso.stages.events.triggers import Match

OPEN = "OPEN"  # the lexicon category of an open candidate: the model names the category
OPEN_MODE = "learned"  # never a record's mode (sayso.stages.events.model.LEARNED_MODE)


def open_matches(tokens: Iterable[Any], taken: set[int], skip: frozenset[str]) -> Iterator[Match]:
    """A candidate for each verb outside `taken` (the token positions of the lexicon's
    matches) whose lemma is a plain word not in `skip`."""
    for token in tokens:
        if token.pos != VERB or token.i in taken:
            continue
        lemma = token.lemma_.lower()
        if lemma in skip or not lemma.isalpha():
            continue
        yield Match(Trigger(OPEN, lemma, "VERB", (), OPEN_MODE), token, (token,))


def is_open(match: Match) -> bool:
    return match.trigger.category == OPEN


def with_category(match: Match, category: str) -> Match:
    """The open candidate as a trigger of the category the model gave it."""
    t = match.trigger
    return Match(Trigger(category, t.head, t.pos, (), t.mode), match.head, match.tokens)
