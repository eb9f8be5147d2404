"""Which attribution an event report rests on, beyond "the innermost content that holds it".

- a denied event ("The ministry denied that X") is the denier's claim (sayso/events/denial.py);
- an event noun that is the object of an evaluative cue ("Barkley blasted the FBI's
  investigation", "the ad highlights the alleged assault") is presupposed, not said: the
  speaker evaluates it, the one who tells of the evaluation asserts it (the evaluative
  attribution's parent, the article itself when it has none). The cue words live in the
  ontology file (status: presupposing_cues);
- an aside set off by a comma at a content's end ("..., where 49 people were killed, the AP
  reported") is the speaker's, though PolNeAR's boundaries leave it out of the content;
- a cue that only narrates its complement ("the president declined to threaten Moscow",
  "appeared to blame", "forced them to agree to surrender deals"; status: narrated_cues and
  the implicative verbs), and a passive cue with no agent ("is not expected to surface"),
  holds nothing: the report is its teller's (the parent, else the article); so does a negated
  verb of telling ("has not commented on the investigation"; status: unsaid_when_negated).
"""
from __future__ import annotations

from typing import Any, Optional, Sequence

from sayso.stages.events.denial import denier
from sayso.stages.events.ontology import StatusLexicon

OBJECTS = frozenset({"dobj", "obj"})
QUOTE_MARKS = frozenset('"“”‘’\'«')
ASIDES = frozenset({"relcl", "appos"})
GROUNDS = frozenset({"for", "with", "over"})  # "criticized X for doing it", "over his call for a ban"


def innermost_attribution(attributions: Sequence[Any], start: int, end: int) -> Optional[str]:
    """Id of the attribution with the smallest content span containing [start, end), else None."""
    best, best_len = None, None
    for a in attributions:
        for c in a.content:
            if c.start <= start and end <= c.end and (best_len is None or c.end - c.start < best_len):
                best, best_len = a.id, c.end - c.start
    return best


def report_attribution(
    token: Any, start: int, end: int, lex: StatusLexicon, attributions: Sequence[Any], said: bool = False,
) -> Optional[str]:
    """The attribution a report with trigger [start, end) and head `token` rests on, None for
    the article itself: every event of the record, whichever detector found it."""
    return credited(token, lex, attributions, innermost_attribution(attributions, start, end), said)


def credited(
    token: Any, lex: StatusLexicon, attributions: Sequence[Any], innermost: Optional[str], said: bool = False,
) -> Optional[str]:
    """The attribution the event of trigger head `token` rests on (`innermost`: the one whose
    content holds it), None for the article itself (`said`: an act done by saying it)."""
    denied_by = denier(token, lex, attributions, said)
    if denied_by is not None:
        return denied_by
    held = _aside_holder(token, attributions, innermost) or innermost
    evaluation = _evaluation(token, lex, attributions)
    if evaluation is not None and evaluation.id == held:
        return evaluation.parent
    return _teller(token.doc, lex, attributions, held)


def _teller(doc: Any, lex: StatusLexicon, attributions: Sequence[Any], held_by: Optional[str]) -> Optional[str]:
    """Past attributions whose cue only narrates its complement ("declined to threaten",
    "appeared to blame", "forced them to agree to surrender"): to the one who tells of it."""
    by_id = {a.id: a for a in attributions}
    seen: set[str] = set()
    while held_by is not None and held_by not in seen:
        seen.add(held_by)
        attribution = by_id.get(held_by)
        if attribution is None or not _narrating(doc, attribution, lex) and not _under_unsaid(doc, attribution, by_id, lex):
            return held_by
        held_by = attribution.parent
    return held_by


def _narrating(doc: Any, attribution: Any, lex: StatusLexicon) -> bool:
    root = _cue_root(doc, attribution)
    if root is None:
        return False
    lemma = root.lemma_.lower()
    if _agentless_passive(root) or _nothing_said(root) or (lemma in lex.unsaid_when_negated and _unsaid(root, lex)):
        return True
    if lemma not in lex.narrated_cues and lemma not in lex.implicative:
        return False
    return not _quotation(attribution) and not _finite_complement(root)


def _quotation(attribution: Any) -> bool:
    """'He continued, "..."': a quotation is said; 'to believe that X' inside one (a direct
    attribution, being quoted) is still narrated."""
    return any(c.text[:1] in QUOTE_MARKS for c in attribution.content)


def _under_unsaid(doc: Any, attribution: Any, by_id: dict, lex: StatusLexicon) -> bool:
    """'did not mention requesting a donation': a non-finite cue in the complement of a telling
    that tells nothing tells nothing either."""
    parent = by_id.get(attribution.parent or "")
    root, above = _cue_root(doc, attribution), _cue_root(doc, parent) if parent is not None else None
    if root is None or above is None or root.head.i != above.i or root.tag_ not in ("VBG", "VB"):
        return False
    return _narrating(doc, parent, lex)


def _cue_root(doc: Any, attribution: Any) -> Any:
    cue = attribution.cue
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand") if cue is not None else None
    return span.root if span is not None and len(span) else None


def _unsaid(verb: Any, lex: StatusLexicon) -> bool:
    """'has not commented on X', 'refused to answer questions on X', 'declined to say when':
    a telling negated or refused tells nothing."""
    refused = verb.dep_ == "xcomp" and lex.cues.get(verb.head.lemma_.lower()) == "negated"
    return refused or any(c.dep_ == "neg" for c in verb.children)


def _nothing_said(verb: Any) -> bool:
    """'made no mention of X', 'cited no evidence that X': a cue whose object is 'no ...'."""
    return any(c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
               for c in verb.children)


def _finite_complement(verb: Any) -> bool:
    """'confirmed that he was killed', 'He continued, "..."': a clause with its own subject
    (not 'forced them to agree', 'declined to threaten') is said, not narrated."""
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        kids = list(clause.children)
        if any(k.dep_ == "mark" for k in kids):
            return True
        if any(k.dep_ in ("nsubj", "nsubjpass") for k in kids) and not any(k.tag_ == "TO" for k in kids):
            return True
    return False


def _agentless_passive(verb: Any) -> bool:
    """'the topic is not expected to surface', 'while being portrayed as': a passive cue with
    no 'by' agent names no one who says so; the teller does."""
    deps = {c.dep_ for c in verb.children}
    return "auxpass" in deps and "agent" not in deps


def _aside_holder(token: Any, attributions: Sequence[Any], innermost: Optional[str]) -> Optional[str]:
    """'..., the Associated Press reported' after '..., where 49 people were killed': an aside
    set off by a comma at a content's end is left out of the content (PolNeAR's boundaries),
    but what it tells is still the speaker's, as an aside inside the content is: the
    attribution holding the word the aside hangs on, when it is inside the trigger's own."""
    aside = next((t for t in [token, *token.ancestors] if t.dep_ in ASIDES), None)
    if aside is None or aside.left_edge.i == 0 or token.doc[aside.left_edge.i - 1].text != ",":
        return None
    head = aside.head
    holder = innermost_attribution(attributions, head.idx, head.idx + len(head))
    if holder is None or holder == innermost or not _inside(holder, innermost, attributions):
        return None
    return holder


def _inside(inner: str, outer: Optional[str], attributions: Sequence[Any]) -> bool:
    """Whether attribution `inner` is `outer`'s descendant (any attribution is inside the article)."""
    parents = {a.id: a.parent for a in attributions}
    seen: set[str] = set()
    current: Optional[str] = inner
    while current is not None and current not in seen:
        if current == outer:
            return True
        seen.add(current)
        current = parents.get(current)
    return outer is None


def _evaluation(token: Any, lex: StatusLexicon, attributions: Sequence[Any]) -> Optional[Any]:
    """The evaluative attribution whose noun object holds the trigger: the object itself ("blasted
    the investigation") or a word inside it ("criticized Clinton's email use, which an FBI
    investigation said was careless", "approved a resolution condemning the ban")."""
    for obj in [token, *token.ancestors]:
        grounds = obj.dep_ == "prep" and obj.lower_ in GROUNDS  # "criticized Clinton for supporting it"
        if (grounds or (obj.dep_ in OBJECTS and obj.pos_ in ("NOUN", "PROPN"))) and obj.head.lemma_.lower() in lex.presupposing_cues:
            verb = obj.head
            found = next((a for a in attributions if a.cue is not None and a.cue.start <= verb.idx < a.cue.end), None)
            if found is not None:
                return found
    return None
