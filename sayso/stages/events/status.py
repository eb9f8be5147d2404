"""Status and polarity of an event from its trigger's place in the dependency parse.

The rules, in order (the first that applies decides):
1. negation of the event's verb or noun ("did not defect", "no defections", "never") -> negated
2. the event's clause is a condition ("if they deserted", "should the regime fall") -> possible
3. an epistemic modal or hedge on the event's verb ("may", "could" -> possible; "reportedly"
   -> claimed)
4. the innermost governing cue word, found by walking up the heads ("plans to", "considered
   defecting", "rumors that", "claim that", "expected to", "a mission to bomb", "refused to");
   a cue that only acts on a non-finite complement is skipped across a finite clause; the walk
   stops at adjuncts ("with a campaign", "after talks broke down") and at a noun that is a
   participant of another event ("cut 13,000 jobs")
5. a future modal ("will", "would", "shall", "must") -> expected; it yields to any cue of
   rule 4 but "claim" ("analysts predicted it would fall" is possible)
6. progressive aspect ("are courting") -> ongoing
7. an infinitive with no cue above it -> planned ("the first model to use" -> occurred); under
   an implicative verb ("managed to", "forced to") the governing verb's status
8. otherwise (past, perfect, present) -> occurred
All cue words live in the `status` section of the ontology file.
"""
from __future__ import annotations

from typing import Any, Optional

from sayso.nlp.memo import sentence_of
from sayso.stages.events.ontology import StatusLexicon

MAX_WALK = 12
NOUN_OBJECT = {"dobj", "oprd"}
# nouns that name an event rather than a thing ("the transaction should be completed", but
# not "jobs will be cut")
EVENT_SUFFIXES = ("tion", "sion", "ment", "ing", "ance", "ence", "al", "ure")
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
# prepositions that attach adjuncts, never the complement a cue word governs
ADJUNCT_PREPS = {"with", "in", "at", "by", "through", "after", "before", "during", "since",
                 "despite", "because", "under", "amid", "amidst", "near", "across", "via", "upon"}


def _children(token: Any, *deps: str) -> list[Any]:
    return [c for c in token.children if c.dep_ in deps]


def is_finite(verb: Any) -> bool:
    """A verb with tense of its own (or an auxiliary carrying it)."""
    if verb.tag_ in FINITE_TAGS:
        return True
    return any(c.tag_ in FINITE_TAGS for c in _children(verb, "aux", "auxpass"))


def is_infinitive(verb: Any) -> bool:
    """'to defect', 'to be held'."""
    return any(c.tag_ == "TO" for c in _children(verb, "aux")) and not is_finite(verb)


def event_verb(
    token: Any, light_verbs: frozenset[str] = frozenset(), occurrence_verbs: frozenset[str] = frozenset(),
    participation_verbs: frozenset[str] = frozenset(),
) -> Optional[Any]:
    """The verb that carries tense, aspect and modality for the event named by `token`: the
    token itself, or for a noun the occurrence verb it is the subject of ("the attack will
    come", but not "the loss could swell"), the light verb it is the object of ("will launch
    an attack") or the participation verb it is the "in" / "into" object of ("did not engage in
    attacks"); None for other nouns."""
    cur = token
    if cur.pos_ == "ADJ" and cur.dep_ in ("acomp", "oprd") and cur.head.pos_ in ("VERB", "AUX"):
        cur = cur.head  # "will be available"
    taking_part = _participation_verb(cur, participation_verbs)
    if taking_part is not None:
        cur = taking_part
    elif cur.pos_ in ("NOUN", "PROPN", "PRON"):
        head = cur.head
        if head == cur or head.pos_ not in ("VERB", "AUX"):
            return None
        lemma = head.lemma_.lower()
        if cur.dep_ == "attr" or (cur.dep_ == "nsubj" and lemma in occurrence_verbs) \
                or (cur.dep_ in NOUN_OBJECT and lemma in light_verbs) \
                or (cur.dep_ == "nsubjpass" and cur.lower_.endswith(EVENT_SUFFIXES)):
            cur = head
        else:
            return None
    # a bare conjoined verb shares the first conjunct's tense: "laying down ... and establishing"
    while cur.dep_ == "conj" and not _children(cur, "aux", "auxpass", "nsubj", "nsubjpass") \
            and cur.tag_ in ("VB", "VBG", "VBN") and cur.head.pos_ in ("VERB", "AUX"):
        cur = cur.head
    return cur


def _participation_verb(noun: Any, verbs: frozenset[str]) -> Optional[Any]:
    """The verb of taking part whose "in" / "into" phrase holds the noun ("engage in attacks",
    "took part in the protest"), or None."""
    if noun.pos_ != "NOUN" or noun.dep_ != "pobj" or noun.head.lower_ not in ("in", "into"):
        return None
    verb = noun.head.head
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in verbs:
        return None
    return verb


def requested(token: Any, lex: StatusLexicon) -> bool:
    """The event is what a request verb asks for: its non-finite or clausal complement ("called
    on X to resign", "demanded that the US pay"), the object of its "for" ("called for the
    release of"), or the object of a verb that takes the act asked for as its object ("demanded
    a truce", "seek talks"), within three steps up; the object of a light verb ("demanded that
    he make an apology") counts as its verb."""
    link = token
    for _ in range(3):
        head = link.head
        if head == link:
            return False
        lemma = head.lemma_.lower()
        if link.dep_ in ("xcomp", "ccomp", "advcl", "pobj", "prep") and head.pos_ in ("VERB", "NOUN") \
                and lemma in lex.request_verbs:
            return link.dep_ != "prep" or link.lower_ == "for"
        if link.dep_ == "dobj" and head.pos_ == "VERB" and lemma in lex.request_objects:
            return True
        light = link.dep_ == "dobj" and head.pos_ == "VERB" and lemma in lex.light_verbs
        if not light and link.dep_ not in ("xcomp", "ccomp", "advcl", "pobj", "prep", "aux", "conj"):
            return False
        link = head
    return False


def supposed(token: Any, lex: StatusLexicon) -> bool:
    """The event sits in a sentence that opens with an imperative that supposes ("Say Mexico
    demanded ...", "Imagine the army attacked"): its first word is such a verb in the base form,
    without a subject, the sentence's root or a word the parser hung on the next verb."""
    first = next((t for t in sentence_of(token) if not t.is_punct and not t.is_space), None)
    if first is None or first.i == token.i or first.tag_ != "VB" or first.lemma_.lower() not in lex.hypothesis_verbs:
        return False
    if _children(first, "nsubj", "nsubjpass", "aux"):
        return False
    return first.dep_ in ("ROOT", "aux", "advmod", "intj", "dep", "parataxis")


def negated(token: Any, lex: StatusLexicon) -> bool:
    for c in token.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ in ("det", "advmod", "preconj") and c.lower_ in lex.negators:
            return True
    return False


def conditional(verb: Any, lex: StatusLexicon) -> bool:
    """The verb heads (or sits in) a condition: "if they deserted", "should the regime fall"."""
    cur = verb
    for _ in range(4):
        marks = _children(cur, "mark")
        if any(m.lower_ in lex.conditionals for m in marks):
            return True
        first = cur.doc[cur.left_edge.i]
        if first.dep_ in ("aux", "auxpass") and first.lower_ in lex.conditionals and first.head == cur:
            return True
        if first.lower_ in lex.conditionals and first.tag_ == "MD" and first.i < cur.i:
            return True
        if cur.dep_ in ("conj", "xcomp") and cur.head != cur:
            cur = cur.head
            continue
        return False
    return False


def modal_status(verb: Any, lex: StatusLexicon) -> Optional[str]:
    for c in _children(verb, "aux", "auxpass"):
        if c.tag_ == "MD":
            status = lex.modals.get(c.lemma_.lower()) or lex.modals.get(c.lower_)
            if status and status != "occurred":
                return status
    # "will step down when the proceedings are finalized": a time clause of a future verb
    if verb.dep_ == "advcl" and any(m.lower_ in TIME_MARKS for m in _children(verb, "mark", "advmod")):
        if verb.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in _children(verb, "aux", "auxpass")):
            head_modal = modal_status(verb.head, lex) if verb.head != verb else None
            if head_modal == "expected":
                return "expected"
    # "is going to attack"
    if verb.dep_ == "xcomp" and verb.head.lower_ == "going" and _children(verb.head, "aux"):
        return "expected"
    return None


def hedge_status(verb: Any, lex: StatusLexicon) -> Optional[str]:
    for c in _children(verb, "advmod"):
        word = c.lower_
        if word in lex.hearsay:
            return "claimed"
        if word in lex.hedges:
            return "possible"
    return None


def progressive(verb: Any) -> bool:
    if verb.tag_ != "VBG":
        return False
    return any(c.lemma_ == "be" for c in _children(verb, "aux"))


def _participant(link: Any, parent: Any, lex: StatusLexicon) -> bool:
    """A noun that is an argument of another event ("cut 13,000 jobs", "costs in pensions"):
    that event's cues say nothing about the noun."""
    if link.pos_ not in ("NOUN", "PROPN", "PRON", "NUM") or link.dep_ not in ("dobj", "pobj", "nsubjpass"):
        return False
    verb = parent.head if link.dep_ == "pobj" else parent
    lemma = verb.lemma_.lower()
    return verb.pos_ == "VERB" and lemma not in lex.light_verbs and lemma not in lex.cues


def cue_status(token: Any, lex: StatusLexicon) -> Optional[str]:
    """The status given by the innermost governing cue word, walking up the heads."""
    cur, crossed_finite = token, False
    for _ in range(MAX_WALK):
        parent = cur.head
        if parent == cur or _participant(cur, parent, lex):
            return None
        if cur.dep_ == "acl" and cur.tag_ in ("VBG", "VBN") and not is_infinitive(cur):
            return None  # a participle describing its noun: "people fleeing war"
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ != "conj" and is_finite(cur):
            crossed_finite = True
        status = None if _adjunct(cur) else lex.cues.get(parent.lemma_.lower())
        if status == "negated" and cur.dep_ == "advcl":
            status = None  # a purpose is not what the verb blocks: "blocked roads to press demands"
        if status is None and cur.dep_ in ("nsubj", "nsubjpass") and _children(parent, "xcomp"):
            status = lex.cues.get(parent.lemma_.lower())  # "the talks are expected to resume"
        if status and not (crossed_finite and parent.lemma_.lower() in lex.nonfinite_only):
            if negated(parent, lex) and status in ("planned", "expected", "considered", "threatened"):
                return "negated"
            return status
        if negated(parent, lex) and cur.dep_ == "xcomp":
            return "negated"
        for c in _children(parent, "acomp"):  # "are likely to", "is due to"
            s = lex.cues.get(c.lemma_.lower())
            if s and c != cur:
                return s
        cur = parent
    return None


def _adjunct(link: Any) -> bool:
    """A link that is not a complement of its head: a conjunct, an adverbial phrase ("prevent
    defections with a campaign"), a participle modifying a noun ("plans announced in May")."""
    if link.dep_ in ("conj", "cc", "punct", "appos", "parataxis", "nsubj", "nsubjpass", "amod"):
        return True
    if link.dep_ in ("acl", "relcl") and link.tag_ in ("VBN", "VBG", "VBD", "VBZ", "VBP"):
        # a participle or relative clause, not a "that" complement ("rumors that he fled")
        return not any(c.lower_ == "that" and c.dep_ == "mark" for c in link.children)
    if link.dep_ == "advcl" and not is_infinitive(link):  # "after talks broke down"
        return True
    return link.dep_ == "prep" and link.lower_ in ADJUNCT_PREPS


TIME_MARKS = {"when", "after", "before", "until", "once", "as", "till"}
ORDINALS = {"first", "second", "third", "last", "only", "latest", "next"}


def _ordinal(noun: Any) -> bool:
    return any(c.lower_ in ORDINALS or c.tag_ == "JJS" for c in noun.children if c.dep_ == "amod")


def default_status(verb: Optional[Any], lex: StatusLexicon, depth: int = 0) -> str:
    if verb is None:
        return "occurred"
    if progressive(verb):
        return "ongoing"
    if is_infinitive(verb):
        gov = verb.head
        if verb.dep_ in ("xcomp", "advcl") and gov.lemma_.lower() in lex.implicative and depth < 4:
            return status_of(gov, lex, depth + 1)[0]
        if verb.dep_ in ("relcl", "acl") and _ordinal(gov):
            return "occurred"  # "the first model to use flash memory"
        return "planned"
    if verb.tag_ == "VBG" and verb.dep_ in ("xcomp", "conj", "pcomp", "advcl") and depth < 4 and verb.head != verb:
        if verb.head.pos_ in ("VERB", "AUX"):
            return status_of(verb.head, lex, depth + 1)[0]
    return "occurred"


def status_of(token: Any, lex: StatusLexicon, depth: int = 0) -> tuple[str, str]:
    """(status, polarity) of the event whose trigger head is `token`."""
    verb = event_verb(token, lex.light_verbs, lex.occurrence_verbs, lex.participation_verbs)
    if negated(token, lex) or (verb is not None and verb != token and negated(verb, lex)):
        return "negated", "negative"
    if requested(token, lex) or supposed(token, lex):
        return "possible", "positive"
    modal = None
    if verb is not None:
        if conditional(verb, lex):
            return "possible", "positive"
        modal = modal_status(verb, lex) or hedge_status(verb, lex)
        if modal and modal != "expected":  # "may", "reportedly": closer than any cue above
            return modal, "positive"
    # "will"/"would" only mark the future: a cue above still says how sure ("predicted that
    # it would", "claim that they will")
    found = cue_status(token, lex)
    if found and not (modal and found == "claimed"):
        return found, "negative" if found == "negated" else "positive"
    if modal:
        return modal, "positive"
    return default_status(verb, lex, depth), "positive"
