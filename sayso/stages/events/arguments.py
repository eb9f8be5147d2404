"""Actor and recipient of an event from the dependency parse, as argument tokens.

Verb triggers: subject (or the "by" agent of a passive) is the actor; the "to" / "against" /
"with" / "on" / "from" phrase, the indirect or direct object (or a passive subject) is the
recipient. A verb without a subject ("a mission to bomb", "considered defecting", "making plans
to defect") takes the subject of the verb it hangs from, climbing through infinitives,
gerunds, prepositions and relative clauses; a passive it climbs into gives its subject
("are understood to be laying"), unless the passive verb is an instrument verb ("the families
are used to blackmail them": the user is the actor). Noun triggers: the possessor, the "by"
phrase, an "of" phrase (actor or recipient, per category), a proper-noun compound, else the
subject of the verb whose object the noun is ("establishing lines of communication").
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Any, Callable, Optional

from sayso.nlp.memo import doc_memo, doc_text, token_starts

Accept = Callable[[Any], bool]

RECIPIENT_PREPS = ("to", "against", "with", "on", "from", "toward", "towards", "at", "into")
CLIMB = {"xcomp", "conj", "advcl", "acl", "pcomp", "pobj", "prep", "relcl", "dobj", "attr", "oprd"}
INSTRUMENT_VERBS = {"use", "employ", "exploit", "enlist", "recruit", "pay"}
RELATIVE = {"who", "that", "which", "whom", "whose"}
REFLEXIVE = {"himself", "herself", "itself", "themselves", "ourselves", "myself", "yourself", "oneself"}
MAX_CLIMB = 10
NAMED_ADJ = {"NORP", "GPE", "ORG"}


def _child(token: Any, *deps: str) -> Optional[Any]:
    return next((c for c in token.children if c.dep_ in deps), None)


def _pobj(prep: Any) -> Optional[Any]:
    return _child(prep, "pobj")


def _agent(verb: Any) -> Optional[Any]:
    """The "by" phrase of a passive (parsed as agent, or as a plain "by" preposition)."""
    agent = _child(verb, "agent")
    if agent is None:
        agent = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    return _pobj(agent) if agent is not None else None


def is_passive(verb: Any) -> bool:
    return _child(verb, "nsubjpass", "auxpass") is not None


def resolve_relative(token: Any) -> Any:
    """'who' in 'officers who are waiting' stands for 'officers'."""
    if token.lower_ in RELATIVE and token.head.dep_ == "relcl":
        return token.head.head
    return token


def controller(verb: Any, object_control: frozenset[str]) -> Optional[Any]:
    """The object of an object-control verb ("urged the police", "called on all parties"),
    which is the actor of its infinitive complement."""
    if verb.lemma_.lower() not in object_control:
        return None
    obj = _child(verb, "dobj")
    if obj is None:
        obj = _prep_object(verb, ("on", "upon", "to"))
    return resolve_relative(obj) if obj is not None else None


def subject_of(verb: Any, object_control: frozenset[str] = frozenset()) -> Optional[Any]:
    """The actor of a verb: its subject, else climb to the verb it depends on (whose object
    acts when it is an object-control verb: "urged the police to investigate")."""
    if is_passive(verb):
        return _agent(verb)
    cur, came = verb, None
    for _ in range(MAX_CLIMB):
        if cur.pos_ in ("VERB", "AUX"):
            if came == "xcomp" and object_control:
                obj = controller(cur, object_control)
                if obj is not None:
                    return obj
            # not a dateline parsed as a second subject: "LAGOS, March 8 - Gunmen stormed"
            subj = next(
                (c for c in cur.children if c.dep_ in ("nsubj", "csubj") and not in_dateline(c)), None
            )
            if subj is not None:
                return resolve_relative(subj)
            if cur != verb and is_passive(cur):
                agent = _agent(cur)
                if agent is not None:
                    return agent
                if came == "xcomp" and cur.lemma_.lower() not in INSTRUMENT_VERBS:
                    return _child(cur, "nsubjpass")
        if cur.dep_ not in CLIMB or cur.head == cur:
            return None
        came, cur = cur.dep_, cur.head
    return None


def _any(token: Any) -> bool:
    return True


def _prep_object(token: Any, preps: tuple[str, ...], accept: Accept = _any) -> Optional[Any]:
    """The object of the first of `token`'s prepositions in `preps` that `accept` takes
    ("imposed sanctions on Thursday on 78 officials": the officials)."""
    for c in token.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            obj = _pobj(c)
            # not an absolute phrase: "with one source telling the paper ..."
            if obj is not None and not any(g.dep_ in ("acl", "relcl") and g.tag_ == "VBG" for g in obj.children):
                if accept(obj):
                    return obj
    return None


def _object(verb: Any, skip: set[int], extra: tuple[Any, ...] = (), accept: Accept = _any) -> Optional[Any]:
    """The recipient: indirect object, a recipient phrase, else the direct object; the first
    that `accept` takes."""
    for c in verb.children:
        if c.dep_ in ("dative", "iobj") and c.i not in skip and c.lower_ not in REFLEXIVE:
            obj = _pobj(c) if c.pos_ == "ADP" else c
            if obj is not None and accept(obj):
                return obj
    for head in (verb,) + extra:
        found = _prep_object(head, RECIPIENT_PREPS, lambda t: t.i not in skip and accept(t))
        if found is not None:
            return found
    for c in verb.children:
        if c.dep_ in ("dobj",) and c.i not in skip and c.lower_ not in REFLEXIVE and accept(c):
            return c
    return None


def verb_arguments(
    verb: Any, skip: set[int], extra: tuple[Any, ...] = (), object_control: frozenset[str] = frozenset(),
    accept: Accept = _any,
) -> tuple[Optional[Any], Optional[Any]]:
    """Actor and recipient of a verb trigger; `extra` are the other tokens of a multiword
    trigger, whose prepositional phrases count too ("granted asylum to ..."); `accept` says
    which tokens may be a recipient."""
    actor = subject_of(verb, object_control)
    if is_passive(verb):
        for token in extra if actor is None else ():  # "granted asylum by Turkey"
            actor = _agent(token) or _prep_object(token, ("by",))
            if actor is not None:
                break
        recipient = _child(verb, "nsubjpass")
        if recipient is not None:
            recipient = resolve_relative(recipient)
        if recipient is None or recipient.i in skip or not accept(recipient):
            recipient = _object(verb, skip, extra, accept)
        return actor, recipient
    return actor, _object(verb, skip, extra, accept)


def noun_arguments(
    noun: Any, of_role: str, skip: set[int], light_verbs: frozenset[str] = frozenset(),
    object_control: frozenset[str] = frozenset(), accept: Accept = _any,
) -> tuple[Optional[Any], Optional[Any]]:
    """Actor and recipient of a noun trigger (`accept` says which tokens may be a recipient);
    the subject of a light verb whose object the noun is ("launched an attack", "establishing
    lines of communication") is its actor."""
    actor = _child(noun, "poss")
    by = _prep_object(noun, ("by",))
    of = _prep_object(noun, ("of",))
    recipient = _prep_object(noun, RECIPIENT_PREPS, accept)
    if of is not None and of.i not in skip:
        if of_role == "recipient":
            recipient = recipient or of
        else:
            actor = actor or of
    actor = by or actor
    if actor is None:
        comp = _child(noun, "compound")
        if comp is not None and comp.pos_ == "PROPN" and comp.i not in skip:
            actor = comp
    if actor is None:  # "Western sanctions", "Russian air strikes"
        actor = next((c for c in noun.children if c.dep_ == "amod" and c.ent_type_ in NAMED_ADJ), None)
    gov = noun.head
    if actor is None and noun.dep_ in ("dobj", "attr") and gov.lemma_.lower() in light_verbs:
        actor = subject_of(gov, object_control)
    if recipient is not None and recipient.i in skip:
        recipient = None
    return actor, recipient


DASHES = {"-", "\u2014", "\u2013", "--"}
DATELINE_SPAN = 12  # tokens: "YEREVAN, Sept 5 (Caucasus Monitor) -"


def _line_start(token: Any) -> int:
    """Index of the first token of `token`'s line, looking back at most DATELINE_SPAN tokens
    (-1 when the line starts further back): the token after the last line break before it
    (found in the doc's text: a token's text with its space is the text up to the next token)."""
    doc = token.doc
    at = doc_text(doc).rfind("\n", 0, token.idx)
    first = bisect_right(token_starts(doc), at) if at >= 0 else 0
    return first if first >= token.i - DATELINE_SPAN else -1


def in_dateline(token: Any) -> bool:
    """Whether `token` is in a dateline ("LAGOS, March 8 (Lagos Ledger) -"): the start of a
    line, opened by a word in capitals, before a dash that has not yet come."""
    memo = doc_memo(token.doc)
    key = ("in_dateline", token.i)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _in_dateline(token)
    return found


def _in_dateline(token: Any) -> bool:
    start = _line_start(token)
    if start < 0:
        return False
    doc = token.doc
    first = doc[start]
    if not (first.is_upper and first.is_alpha and len(first) > 2):
        return False
    if any(doc[i].text in DASHES for i in range(start, token.i + 1)):
        return False
    end = min(start + DATELINE_SPAN, len(doc))
    return any(doc[i].text in DASHES for i in range(token.i + 1, end))


def argument_bounds(token: Any) -> tuple[int, int]:
    """Token range [start, end) of an argument: its subtree without relative clauses and
    trailing punctuation."""
    start, end = token.left_edge.i, token.right_edge.i + 1
    for c in token.rights:
        if c.dep_ in ("relcl", "acl", "punct", "advcl", "parataxis") and c.i > token.i:
            end = min(end, c.left_edge.i)
    for c in token.lefts:
        if c.dep_ in ("punct",) and c.i == start:
            start = c.i + 1
    doc = token.doc
    for i in range(token.i - 1, start - 1, -1):  # an argument does not cross a line break
        if "\n" in doc[i].text_with_ws:
            start = i + 1
            break
    for i in range(token.i, end - 1):
        if "\n" in doc[i].text_with_ws:
            end = i + 1
            break
    for i in range(token.i - 1, start - 1, -1):  # nor a dateline's dash: "NAIROBI - Kenyan police"
        if doc[i].text in DASHES:
            start = i + 1
            break
    while end > token.i + 1 and doc[end - 1].is_punct:
        end -= 1
    while start < token.i and doc[start].is_punct:
        start += 1
    return start, end
