"""Trigger words the annotators found that the ontology's lexicon lacks, as candidates.

A gold event (in the train and dev splits only) whose head word the lexicon lacks has no
candidate: an event annotators added (`origin: added`), or one labelled when an earlier learned
list proposed its word ("coup", "case": `origin: candidate`, 87 train events the added ones
alone missed). Its head lemma and part of speech are written, by category, to
sayso/data/triggers_learned.yaml in the ontology's format, so that the events stage proposes
it as a candidate when the event model is on; the model, not the word, then decides.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from sayso.evaluation.event_labels import Label
from sayso.stages.events.model import LEARNED_MODE

# verbs too common to learn as words (a noun "call" is kept: "calls for his resignation")
COMMON = frozenset("be have do make take get go come give put pull say set hold keep see let call run".split())


def added_heads(parsed: list[tuple[Any, list[Label]]], ontology: Any,
                splits: tuple[str, ...] = ("train", "dev"), sections: tuple[str, ...] = ("verbs", "nouns")) -> Counter:
    """(category, section, lemma) of the head of each gold event the lexicon lacks, in
    the documents of `splits` (train alone when the model is measured on dev), of the parts of
    speech in `sections` (nouns alone when every verb is an open candidate)."""
    found: Counter = Counter()
    for draft, labels in parsed:
        for label in labels:
            if not label.event or label.split not in splits or label.split == "test":
                continue
            span = draft.doc.char_span(*label.trigger, alignment_mode="expand")
            if span is None or span.root.pos_ not in ("VERB", "NOUN"):
                continue
            lemma, pos = span.root.lemma_.lower(), span.root.pos_
            if (pos == "VERB" and lemma in COMMON) or not lemma.isalpha() or ontology.lookup(lemma, pos):
                continue
            section = "verbs" if pos == "VERB" else "nouns"
            if section in sections:
                found[(label.category, section, lemma)] += 1
    return found


def write(found: Counter, path: Path) -> None:
    categories: dict[str, dict[str, dict[str, None]]] = {}
    for (category, section, lemma), _ in sorted(found.items()):
        categories.setdefault(category, {}).setdefault(section, {})[lemma] = LEARNED_MODE
    header = ("# Written by `python -m training.events.train` from the annotations' gold events (train and\n"
              "# dev) and the nouns derived from event verbs: trigger candidates the lexicon lacked. The\n"
              "# event model decides each one.\n")
    path.write_text(header + yaml.safe_dump({"categories": categories}, sort_keys=True), encoding="utf-8")
