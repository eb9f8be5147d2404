"""Triggers: the words of a sentence that name an event of an ontology category.

One pass over the tokens; each token is looked up by (lemma, coarse part of speech) in the
ontology's trigger table. A multiword trigger ("grant asylum", "line of communication",
"hand over") matches when its other lemmas are among the head's dependents, three levels deep.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Optional

from sayso.stages.events.ontology import Ontology, Trigger

from spacy.symbols import NOUN, VERB

POS = {VERB: "VERB", NOUN: "NOUN"}  # spaCy's integer part-of-speech ids: no string per token


@dataclass(frozen=True)
class Match:
    trigger: Trigger
    head: Any  # spaCy Token
    tokens: tuple[Any, ...]  # head first, then the other matched tokens

    @property
    def start(self) -> int:
        return min(t.idx for t in self.tokens)

    @property
    def end(self) -> int:
        return max(t.idx + len(t.text) for t in self.tokens)


def _dependents(token: Any, depth: int = 3) -> Iterator[Any]:
    """Dependents down to `depth` levels ("lifted a state of emergency": lift > state > of >
    emergency)."""
    for child in token.children:
        yield child
        if depth > 1:
            yield from _dependents(child, depth - 1)


MAX_GAP = 8  # tokens between the head of a multiword trigger and its other words


def _near(token: Any, other: Any, text: str) -> bool:
    """Within MAX_GAP tokens and on the same line of `text` (the doc's text)."""
    if abs(token.i - other.i) > MAX_GAP:
        return False
    a, b = sorted((token.idx, other.idx))
    return "\n" not in text[a:b]


def _match_needs(token: Any, needs: tuple[str, ...], dependents: list[tuple[str, Any]], text: str):
    """The dependents that supply the other words of a multiword trigger, else None."""
    found: list[Any] = []
    for lemma in needs:
        hit = next(
            (d for lem, d in dependents if lem == lemma and d not in found and _near(token, d, text)),
            None,
        )
        if hit is None:
            return None
        found.append(hit)
    return tuple(found)


def token_pos(token: Any) -> Optional[str]:
    """VERB or NOUN for a trigger lookup, else None."""
    return POS.get(token.pos)


def match_token(token: Any, ontology: Ontology, text: Optional[str] = None) -> Optional[Match]:
    """The first trigger (multiword ones first) that `token` heads, else None. `text` is the
    doc's text (doc.text is rebuilt on every access, so callers pass it once)."""
    pos = token_pos(token)
    if pos is None:
        return None
    lemma = token.lemma_
    if not lemma.islower():
        lemma = lemma.lower()
    dependents: Optional[list[tuple[str, Any]]] = None
    for trig in ontology.lookup(lemma, pos):
        if not trig.needs:
            return Match(trig, token, (token,))
        if dependents is None:  # collected once per head, only for multiword candidates
            dependents = [(d.lemma_.lower(), d) for d in _dependents(token)]
            lemmas = {lem for lem, _ in dependents}
        if not lemmas.issuperset(trig.needs):
            continue
        others = _match_needs(token, trig.needs, dependents, token.doc.text if text is None else text)
        if others is not None:
            return Match(trig, token, (token,) + others)
    return None


PART_OF = {"dobj", "xcomp", "advcl", "acl", "attr"}


def find_matches(tokens: Iterable[Any], ontology: Ontology, text: Optional[str] = None) -> list[Match]:
    """Every trigger among `tokens`. Not a second event: a word consumed by a multiword trigger,
    or a trigger of the same category as the one it complements ("signed an agreement",
    "agreed to sign", "establishing lines of communication ... to discuss")."""
    matches = [m for m in (match_token(t, ontology, text) for t in tokens) if m is not None]
    consumed = {t.i for m in matches for t in m.tokens[1:]}
    at: dict[int, Match] = {}
    for m in matches:
        at[m.head.i] = m
        if m.head.pos_ == "NOUN" and m.head.dep_ in ("dobj", "attr"):
            at.setdefault(m.head.head.i, m)  # its light verb stands for it
    kept = []
    for m in matches:
        if m.head.i in consumed:
            continue
        gov = at.get(m.head.head.i)
        if gov is not None and gov is not m and m.head.dep_ in PART_OF and gov.trigger.category == m.trigger.category:
            continue
        kept.append(m)
    return kept
