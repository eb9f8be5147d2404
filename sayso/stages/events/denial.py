"""Denials: an event named in the complement of a denial, rejection or dispute cue.

"Syria's Defence Ministry denied that any members of the inner circle were planning to
defect" reports no planned defection: it is the ministry's claim that there is none. So an
event whose trigger sits in the complement of a denial cue ("denied that X", "rejected
reports that X", "dismissed as lies claims that X", "a denial of X"), or under a predicate
that denies the clause ("said it was untrue that X", "called the reports lies"), gets status
negated and polarity negative; its attribution stays the one whose content holds it, the
denier's. The cue words live in the ontology file (status: denial_cues, denial_predicates).

The walk goes up the heads from the trigger; it stops at a relative or adverbial clause (an
event there is presupposed: "denied that the troops who attacked were ..."), and the step
into the cue must be a complement, not a subject or a conjunct ("He denied it and fled").
A negated cue ("did not deny that X") denies nothing.

An act done by saying it (a category marked `said` in the ontology: a request, an accusation,
a threat) that is itself the object of the rejecting verb ("Yemen rejected a U.S. request",
"Trump denied the accusations", "the appeal was dismissed") took place: the rejection refuses
what it asks or claims, so the noun keeps its own status and its own source; an event inside
its complement ("denied accusations that he had fled") is still denied.
"""
from __future__ import annotations

from typing import Any, Optional, Sequence

from sayso.stages.events.ontology import StatusLexicon
from sayso.stages.events.status import negated, status_of

MAX_WALK = 10
COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "obj", "prep", "pobj", "pcomp", "acl", "attr", "oprd"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
PRESUPPOSED = frozenset({"relcl", "advcl", "appos", "parataxis", "mark"})
PREDICATE_DEPS = frozenset({"acomp", "attr", "oprd"})
REJECTED_OBJECT = frozenset({"dobj", "obj", "nsubjpass"})
NOUN_DENIERS = frozenset({"deny"})


def rejected_utterance(token: Any, lex: StatusLexicon) -> bool:
    """`token` is a noun that is the object of a rejecting verb ("rejected a request", "the
    accusations were denied"): a denial cue or a cue of the negated status."""
    head = token.head
    if head == token or token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in REJECTED_OBJECT:
        return False
    lemma = head.lemma_.lower()
    return lemma in lex.denial_cues or lex.cues.get(lemma) == "negated"


def denial_cue(token: Any, lex: StatusLexicon, said: bool = False) -> Optional[Any]:
    """The denial cue or denying predicate whose complement holds `token`, else None (`said`:
    the event is an act done by saying it, which its own rejection does not deny)."""
    if said and rejected_utterance(token, lex):
        return None
    child, cur = token, token.head
    for _ in range(MAX_WALK):
        if cur == child or child.dep_ in PRESUPPOSED:
            return None
        if cur.lemma_.lower() in lex.denial_cues and child.dep_ in COMPLEMENTS and not negated(cur, lex):
            return None if _refused_object(token, child, cur) else cur
        if child.dep_ in COMPLEMENTS | SUBJECTS and _denying_predicate(cur, child, lex):
            return cur
        child, cur = cur, cur.head
    return None


def _refused_object(token: Any, child: Any, cue: Any) -> bool:
    """'Khan rejected Trump's offer', 'dismissed the report': the object noun itself is there to
    be rejected (presupposed); only 'deny' denies that its object happened ("denied the attack"),
    unless the object is an act done by saying it (rejected_utterance: "denied the accusations")."""
    return child.i == token.i and child.dep_ in ("dobj", "obj") and cue.lemma_.lower() not in NOUN_DENIERS


def _denying_predicate(verb: Any, child: Any, lex: StatusLexicon) -> bool:
    """'it was untrue that X', 'reports that X were false', 'called the reports lies'."""
    return not negated(verb, lex) and any(
        c.dep_ in PREDICATE_DEPS and c.i != child.i and c.lemma_.lower() in lex.denial_predicates
        for c in verb.children
    )


def denier(token: Any, lex: StatusLexicon, attributions: Sequence[Any], said: bool = False) -> Optional[str]:
    """Id of the attribution whose cue denies the event of `token` ("denied" in "The ministry
    denied that ... were planning to defect"), else None: the claim is the denier's, not that
    of a speaker inside the denied clause."""
    cue = denial_cue(token, lex, said)
    if cue is None:
        return None
    return next((a.id for a in attributions if a.cue is not None and a.cue.start <= cue.idx < a.cue.end), None)


def status_with_denial(token: Any, lex: StatusLexicon, said: bool = False) -> tuple[str, str]:
    """(status, polarity) of the event whose trigger head is `token`: a denied event is
    negated, whatever its own clause says ("denied that they were planning to defect"); a
    rejected request or denied accusation (`said`) took place unless its own noun is negated."""
    if said and rejected_utterance(token, lex):
        return ("negated", "negative") if negated(token, lex) else ("occurred", "positive")
    if denial_cue(token, lex) is not None:
        return "negated", "negative"
    return status_of(token, lex)
