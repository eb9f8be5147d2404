"""Cues set off before or inside the clause they report, which the parse hangs on that clause.

- inverted: "..., say U.S. officials" (the cue after its clause);
- parenthetical: "If she wins, Clinton suggested in a tweet, women won't be punished", "As the
  crowd cheered, The Washington Post's Robert Costa reported, his wife whispered to him";
- an as-clause: "As UNIAN reported earlier, the president enacted the law".

In each, the content is the clause the cue hangs on, minus the cue's own words.
"""
from __future__ import annotations

from typing import Optional

from sayso.stages.attribution.spans import Pair, minus, subtree_span

CLAUSES = ("ccomp", "xcomp", "oprd")
HANGS_ON = ("parataxis", "ccomp", "advcl")
AS_CUES = frozenset({"say", "report", "note", "write", "tell", "state", "announce", "reveal", "mention",
                     "disclose", "explain", "point", "put"})


def inverted_clause(verb, sentence: Pair) -> list[Pair]:
    """The clause the cue hangs on, minus the cue's own words; [] when the cue heads its own
    clause (`sentence`: the bounds of the verb's sentence)."""
    head = verb.head
    if head.i == verb.i or verb.dep_ not in HANGS_ON:
        return []
    opening = as_clause(verb)
    if opening is not None:
        return minus(sentence, opening)  # the parse may hang it on any word of the sentence
    aside = parenthetical(verb)
    if verb.i < head.i and verb.dep_ != "parataxis" and aside is None:
        return []
    own = aside or subtree_span(verb)
    clause = subtree_span(head)
    if head.dep_ == "ROOT" or head.dep_ == "conj":
        clause = sentence  # the whole sentence, all its conjuncts
    return minus(clause, own)


def set_off_before(verb) -> bool:
    """A parenthetical or as-clause cue before the clause it reports: that clause is its content,
    even when a quotation follows ("..., Costa reported, his wife whispered: \"...\"")."""
    return verb.dep_ in HANGS_ON and verb.i < verb.head.i and (parenthetical(verb) or as_clause(verb)) is not None


def parenthetical(verb) -> Optional[Pair]:
    """'If she wins, Clinton suggested in a tweet, women won't be punished': a cue set off by
    commas inside the clause it reports (the parse hangs it on that clause as a complement);
    its own words run from its subject to its last word."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    doc = verb.doc
    if subject is None or subject.i > verb.i or verb.head.i < verb.i:
        return None
    before, after = subject.left_edge.i - 1, verb.right_edge.i + 1
    if before < 0 or after >= len(doc) or doc[before].text != "," or doc[after].text != ",":
        return None
    if any(c.dep_ in CLAUSES for c in verb.children):
        return None
    return subject.left_edge.idx, doc[verb.right_edge.i].idx + len(doc[verb.right_edge.i])


def as_clause(verb) -> Optional[Pair]:
    """'As UNIAN reported earlier, ...': an adverbial 'as' clause of a verb of saying, before the
    clause it reports, with no complement of its own; its own words are its whole subtree."""
    if verb.dep_ != "advcl" or verb.head.i < verb.i or verb.lemma_.lower() not in AS_CUES:
        return None
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    if any(c.dep_ in CLAUSES or c.dep_ == "dobj" for c in verb.children):
        return None
    return subtree_span(verb)
