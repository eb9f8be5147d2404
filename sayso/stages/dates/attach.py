"""times: which event of a sentence a time expression dates, and in which tense it is read.

A time expression dates the event whose clause holds it, never one in another clause of the
sentence ("the bombing killed 12, police said in a statement Saturday afternoon": the statement's
time, not the bombing's). Walking up the dependency tree from the expression to its first verb:
  - a noun passed on the way that is an event's trigger ("Saturday's bombing", "the bombing on
    Saturday") is the one event it dates;
  - else it dates the events of that verb, of the verbs joined to it by a conjunction, an open
    complement or a bare participle ("defected and flew on Thursday", "were preparing to flee on
    Thursday", "spoke on Sunday, accusing ..."), and of the verb a "while/when" or participle
    clause holding it straight modifies ("while being interviewed Monday, he called ..."); an
    event noun only as the verb's subject or a support verb's object ("carried out an attack
    on Monday"), not "condemned the attack on Monday"; never from a possessive said of another
    noun ("preparing for Tuesday's primary"), unless that noun is the setting ("at Tuesday's
    debate"); from a verb whose complement holds the event's clause only if that verb is no cue
    of reported speech ("police said Sunday that ...");
  - "three days before/after X" dates the event of the clause X is joined to, not X; its value,
    counted from X and not from the publication date, stays unresolved.
The expression is then read in the tense of the event it dates: a planned, expected, threatened
or considered event looks forward ("Saturday's vote" that is planned: the next Saturday), an
event that occurred looks back unless its clause is future ("Saturday's bombing is the worst":
the last Saturday on or before publication).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Optional

from sayso.record import Event, TimeValue
from sayso.stages.dates.resolve import resolve_expression

RELATIVE_MARKS = frozenset({"before", "after"})
SETTINGS = frozenset({"at", "during"})
FUTURE_STATUSES = frozenset({"planned", "expected", "threatened", "considered"})
PAST_STATUSES = frozenset({"occurred", "claimed"})
JOINED = frozenset({"conj", "xcomp"})
POINTS = frozenset({"day", "week", "month", "quarter", "season", "year", "decade", "time"})


@dataclasses.dataclass(frozen=True)
class Holder:
    """Where a time expression hangs: the nouns between it and its verb, the verb (a token
    index, None when there is none) and whether it counts from another clause's event."""

    nouns: frozenset[int]
    verb: Optional[int]
    relative: bool = False
    possessive: bool = False  # "for Tuesday's primary": said of the noun, not of the verb ("at
    # Tuesday's debate" is where and when the verb's event is: not possessive here)


def verb_of(tok: Any) -> Any:
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def holder_of(span: Any) -> Holder:
    """The nouns and the verb a time expression hangs from ("Three days before X bombed ...,
    he rented": the verb is "rented", relative)."""
    tok, nouns, setting = span.root, set[int](), False
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        setting = setting or (tok.dep_ == "prep" and tok.lower_ in SETTINGS)
        if tok.lower_ in RELATIVE_MARKS and tok.dep_ == "mark":
            return Holder(frozenset(nouns), _main_verb(tok.head), True)
        if tok.pos_ in ("NOUN", "PROPN") and tok.i not in range(span.start, span.end):
            nouns.add(tok.i)
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return Holder(frozenset(nouns), None)
    marks = [c for c in tok.children if c.dep_ == "mark" and c.lower_ in RELATIVE_MARKS]
    if marks and span.root.dep_ == "npadvmod" and span.end <= marks[0].i + 1:
        return Holder(frozenset(nouns), _main_verb(tok), True)
    return Holder(frozenset(nouns), tok.i, possessive=span.root.dep_ == "poss" and not setting)


def _main_verb(clause_verb: Any) -> Optional[int]:
    """The verb of the clause a "before/after" clause is joined to."""
    if clause_verb.head.i == clause_verb.i:
        return None
    return verb_of(clause_verb.head).i


SIMULTANEOUS = frozenset({"while", "when"})


def event_verbs(trigger: Any) -> set[int]:
    """The verb of the trigger's clause and those it is joined to by "and" or as a complement."""
    verb = verb_of(trigger)
    verbs = {verb.i}
    while verb.dep_ in JOINED and verb.head.i != verb.i:
        verb = verb_of(verb.head)
        verbs.add(verb.i)
    return verbs


def _relative_clause_of(trigger: Any, verb: int) -> bool:
    """Whether the verb heads a relative clause on the trigger ("the attack, which happened on
    Sunday")."""
    return any(c.i == verb and c.dep_ in ("relcl", "acl") for c in trigger.children)


def embedding_verbs(trigger: Any) -> set[int]:
    """The verbs whose complement holds the event's clause ("The report came after on Thursday
    an officer defected": "came"), through complements and conjunctions, never a subordinate
    ("arrested after he attacked"; a bare participle clause is no subordinate) or relative clause."""
    verb, verbs = verb_of(trigger), set()
    while (verb.dep_ in JOINED | {"ccomp"} or _participial(verb)) and verb.head.i != verb.i:
        verb = verb_of(verb.head)
        verbs.add(verb.i)
    return verbs


def simultaneous_verbs(trigger: Any) -> set[int]:
    """The clauses said to be at the time of the trigger's verb ("while being interviewed on
    Monday, he called", "Speaking on Sunday, the president framed ...")."""
    return {c.i for c in verb_of(trigger).children if _at_time_of_head(c)}


def _at_time_of_head(clause: Any) -> bool:
    """A clause said at the time of the verb it modifies: a bare participle or "while/as/when"."""
    if clause.dep_ != "advcl":
        return False
    marks = [c.lower_ for c in clause.children if c.dep_ == "mark"]
    return _participial(clause) or bool(marks and marks[0] in SIMULTANEOUS)


def _participial(verb: Any) -> bool:
    """A participle clause with no conjunction, said at the time of its head ("spoke in a speech
    Sunday, accusing ...")."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(c.dep_ == "mark" for c in verb.children)


SUPPORT_VERBS = frozenset({"carry", "launch", "stage", "conduct", "mount", "commit", "perpetrate", "happen", "occur",
                           "take", "begin", "start", "hold", "unleash", "wage", "make", "give", "deliver", "hit",
                           "level", "file", "lodge", "continue", "resume", "step"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "attr"})


def inherits(trigger: Any) -> bool:
    """Whether an event noun takes the time of its clause's verb: as the verb's subject ("the
    attack killed 49 on Sunday") or the object of a support verb ("carried out an attack on
    Sunday"); not as the object of another act ("condemned the attack on Monday", "a speech on
    Monday addressing the attacks": the condemnation's, the speech's time)."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return True
    verb = verb_of(trigger)
    if trigger.head.i != verb.i:
        return False
    return trigger.dep_ in SUBJECTS or (trigger.dep_ == "dobj" and verb.lemma_.lower() in SUPPORT_VERBS)


def rank_for(holder: Holder, trigger: Any, verbs: tuple[set[int], set[int], set[int]], triggers: set[int],
             cues: set[int]) -> Optional[int]:
    """0 when the expression hangs from the trigger itself, 1 from the event's verb (verbs[0])
    or straight from a clause at its time (verbs[2]), 2 from a verb whose complement holds the
    event (verbs[1]) that is not a cue of reported speech ("police said Sunday that ...": the
    saying's time); None when it dates another event (another trigger or a noun it is said of,
    "Tuesday's primary", on its way up; another clause)."""
    if trigger.i in holder.nouns or (holder.verb is not None and _relative_clause_of(trigger, holder.verb)):
        return 0
    if holder.nouns & triggers or holder.verb is None or not inherits(trigger) or holder.possessive:
        return None
    if holder.verb in verbs[0] or (holder.verb in verbs[2] and not holder.nouns):
        return 1
    return 2 if holder.verb in verbs[1] and holder.verb not in cues and not holder.relative else None


def in_tense_of(event: Event, time: TimeValue, span: Any, published: Optional[dt.date]) -> TimeValue:
    """The expression read in the tense of the event it dates (see the module's docstring)."""
    from sayso.stages.dates import tense_of

    if published is None or time.value is None or time.precision not in POINTS:
        return time
    tense = tense_of(span)
    if event.status in FUTURE_STATUSES:
        wanted = "future"
    elif event.status in PAST_STATUSES and tense != "future":
        wanted = "past"
    else:
        return time
    found = resolve_expression(time.text, published, wanted)
    if not found or found[0] is None:
        return time
    return dataclasses.replace(time, value=found[0], precision=found[1])
