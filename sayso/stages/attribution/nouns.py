"""Noun cues: "amid reports that X", "Trump's claim that X", "a claim by officials that X".

A noun of saying followed by its own that-clause is a statement: the clause is its content,
the noun's owner (its possessor, "Trump's claim", or agent, "claims by officials") its
source, so an event in the clause rests on the one mentioned in that sentence, never on the
article. With no owner, only a document noun ("reports that X") is a source; "allegations
that X" names no one and stays the article's report. The nouns are `report_nouns` in
sayso/data/cues.yaml. A possessed noun of intention ("Trump's plan to deport", "his call for a
ban": `intention_nouns`) holds what it intends, the possessor's.
"""
from __future__ import annotations

from typing import Iterator, Optional

from sayso.stages.attribution.lexicon import Lexicon
from sayso.stages.attribution.sources import Speaker, speaker
from sayso.stages.attribution.spans import Pair, subtree_span, trim

CLAUSE_DEPS = frozenset({"acl", "ccomp", "relcl", "advcl"})
AGENT_PREPS = frozenset({"by", "from"})


def noun_cues(doc, text: str, lex: Lexicon) -> Iterator[tuple[Speaker, Pair, Pair]]:
    """(source, cue, content) of each noun of saying with a that-clause of its own, and of each
    possessed noun of intention with what it intends ("Trump's plan to deport")."""
    for tok in doc:
        if tok.pos_ != "NOUN":
            continue
        found = _said(doc, text, tok, lex) or _intended(doc, text, tok, lex)
        if found is not None:
            yield found


def _said(doc, text: str, noun, lex: Lexicon) -> Optional[tuple[Speaker, Pair, Pair]]:
    clause = _that_clause(noun) if noun.lemma_.lower() in lex.report_nouns else None
    content = trim(text, subtree_span(clause)) if clause is not None else None
    if content is None:
        return None
    who = _source(doc, text, noun, lex, content)
    return (who, (noun.idx, noun.idx + len(noun)), content) if who is not None else None


def _intended(doc, text: str, noun, lex: Lexicon) -> Optional[tuple[Speaker, Pair, Pair]]:
    """'Donald Trump's call for a ban', 'his plan to deport millions': what a possessor plans,
    calls for or promises is the possessor's; with no possessor the noun names no one."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or owner.lower_ == "its" or noun.lemma_.lower() not in lex.intention_nouns:
        return None
    aim = next((c for c in noun.children if c.i == noun.i + 1 and c.dep_ == "prep" and c.lower_ == "for"), None)
    if aim is None:
        aim = next((c for c in noun.children if c.dep_ == "acl" and c.i > noun.i
                    and any(g.dep_ == "aux" and g.lower_ == "to" and g.i == noun.i + 1 for g in c.children)), None)
    content = trim(text, subtree_span(aim)) if aim is not None else None
    who = speaker(doc, text, owner.i, lex, avoid=content) if content is not None else None
    return (who, (noun.idx, noun.idx + len(noun)), content) if who is not None and content is not None else None


def _that_clause(noun):
    """The clause after the noun that opens with 'that' ("reports that the team may have been
    radicalized"); a relative clause ("the report that he wrote") has no subject of its own
    after 'that' and is left out."""
    for child in noun.children:
        if child.dep_ not in CLAUSE_DEPS or child.i < noun.i:
            continue
        marks = [g for g in child.children if g.dep_ == "mark" and g.lower_ == "that"]
        subjects = [g for g in child.children if g.dep_ in ("nsubj", "nsubjpass", "expl")]
        if marks and subjects and marks[0].i in _clause_starts(noun):
            return child
    return None


def _clause_starts(noun) -> set[int]:
    """Where the that-clause may open: right after the noun, or after its agent ("a claim by
    the ministry that ...")."""
    starts = {noun.i + 1}
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in AGENT_PREPS and child.i == noun.i + 1:
            starts.add(child.right_edge.i + 1)
    return starts


def _source(doc, text: str, noun, lex: Lexicon, content: Optional[Pair]) -> Optional[Speaker]:
    """The owner ("Trump's claim", "claims by officials"), else a document noun's own phrase
    without the clause ("reports"), else None."""
    owner = _owner(noun)
    if owner is not None:
        return speaker(doc, text, owner.i, lex, avoid=content)
    if noun.lemma_.lower() not in lex.document_nouns:
        return None
    return speaker(doc, text, noun.i, lex, avoid=content)


def _owner(noun):
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in ("its", "their"):
            return child
        if child.dep_ == "prep" and child.lower_ in AGENT_PREPS and child.i == noun.i + 1:
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None
