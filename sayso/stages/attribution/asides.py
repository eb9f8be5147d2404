"""Cues set off before or inside the clause they report, which the parse hangs on that clause.

- inverted: "..., say U.S. officials" (the cue after its clause);
- parenthetical: "If she wins, Clinton suggested in a tweet, women won't be punished", "As the
  crowd cheered, The Washington Post's Robert Costa reported, his wife whispered to him";
- an as-clause: "As UNIAN reported earlier, the president enacted the law";
- trailing: "..., reports the Suffolk Times" when the parse gave the cue no complement.

In each, the content is the clause the cue hangs on, minus the cue's own words.
"""
from __future__ import annotations

from typing import Optional

from sayso.stages.attribution.spans import Pair, minus, subtree_span

CLAUSES = ("ccomp", "xcomp", "oprd")
HANGS_ON = ("parataxis", "ccomp", "advcl")
TRAILING_DEPS = frozenset({"punct", "prep", "npadvmod", "advmod"})  # after a trailing cue: its setting
SETTINGS = frozenset({"in", "on", "at"})  # "reports GTM Research in its latest report", "reported on Monday"
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


def trailing_start(verb) -> Optional[int]:
    """'The day before she vanished she withdrew $1,273 and closed it, reports the Suffolk Times':
    a cue heading its sentence after a comma, with nothing after it but its subject, a setting
    and punctuation, that the parse gave no complement (it hung the clause before on the cue as
    an adverbial): the first token of the cue's own words (the clause before the comma is its
    content), or None."""
    if verb.dep_ != "ROOT" or verb.lemma_.lower() not in AS_CUES:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    own = subject.left_edge.i if subject.i < verb.i else verb.i
    while own > verb.sent.start and verb.doc[own - 1].dep_ in ("aux", "advmod", "neg") and verb.doc[own - 1].head.i == verb.i:
        own -= 1
    if own == verb.sent.start or verb.doc[own - 1].text != ",":
        return None
    after = [c for c in verb.children if c.i > verb.i]
    if any(c.dep_ not in TRAILING_DEPS or c.dep_ == "prep" and c.lower_ not in SETTINGS for c in after if c.i != subject.i):
        return None
    return own
