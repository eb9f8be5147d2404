"""anchor: each event gets the place and the date of its clause.

The clause of an event is the dependency subtree of its trigger's verb, then that of the verb
it depends on ("were preparing to flee"). Place: a place mention in the clause, preferring one
after "to/in/at/into/near/from" (where the action happened or went), then the one nearest the
trigger; not a nationality word ("Lebanese banks"), the actor ("Syria denounced") or a modifier
("U.S. officials"); a facility said to be at the chosen place ("the Air Base in Mafraq") is
preferred to it. Date (points in time only: durations and vague references such as "recently"
are not dates), with a parse: a time expression hanging from the trigger ("Sunday's attack"),
else from its clause's verb or a verb joined to it, else from a verb whose complement holds the
clause and that is no cue of reported speech, nearest the trigger, resolved first; never one of
another clause or another event's noun; read in the event's tense (sayso.stages.dates.attach).
Without a parse: the nearest resolved one of the clause, else of the sentence, else an
unresolved one with its text (an article with no publication date), else none.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Optional

from sayso.stages.base import Draft, stage
from sayso.record import Event, Place, TimeValue
from sayso.stages.dates.attach import (embedding_verbs, event_verbs, holder_of, in_tense_of, rank_for, simultaneous_verbs,
                                         verb_of)
from sayso.stages.dates.resolve import parse_published
from sayso.settings import Settings

WHERE = re.compile(r"\b(?:to|in|at|into|near|from|inside|outside|across|over)\s+(?:the\s+)?$", re.I)
BETWEEN = re.compile(r"\s*,?\s*(?:in|near|at|outside)\s+(?:the\s+)?", re.I)
POINT_PRECISIONS = frozenset({"day", "week", "month", "quarter", "season", "year", "decade", "time"})


def clauses_of(doc, event: Event) -> list[tuple[int, int]]:
    """Character ranges to search, narrowest first: the subtree of the trigger's verb, then of
    the verb it depends on ("preparing to flee"); the sentence when there is no parse."""
    if doc is not None:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is not None and len(span):
            verb = _verb(span.root)
            ranges = [_subtree(verb)]
            if verb.head is not verb:
                ranges.append(_subtree(_verb(verb.head)))
            return ranges
    return [(event.sentence.start, event.sentence.end)]


def _verb(tok):
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _subtree(tok) -> tuple[int, int]:
    left, right = tok.left_edge, tok.right_edge
    return left.idx, right.idx + len(right.text)


NOT_WHERE_DEPS = frozenset({"nsubj", "nsubjpass", "compound", "amod", "poss", "nmod", "dobj"})


def place_for(event: Event, places: tuple[Place, ...], text: str, within: tuple[int, int], doc=None) -> Optional[str]:
    """The place of the clause: after "to/in/at ..." first, then nearest; not a place that is
    the actor ("Syria denounced"), a modifier ("U.S. officials") or a nationality word."""
    from sayso.stages.places import country_of_demonym

    options = []
    for place in places:
        for m in place.mentions:
            if not (within[0] <= m.start and m.end <= within[1]) or country_of_demonym(m.text):
                continue
            prepositional = bool(WHERE.search(text[max(0, m.start - 12) : m.start]))
            if not prepositional and _role(doc, m) in NOT_WHERE_DEPS:
                continue
            gap = min(abs(m.start - event.trigger.end), abs(event.trigger.start - m.end))
            options.append((not prepositional, gap, m.start, place.id))
    if not options:
        return None
    best = min(options)
    return _facility_at(places, text, best[2]) or best[3]


def _role(doc, m) -> str:
    if doc is None:
        return ""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.root.dep_ if span is not None and len(span) else ""


def _facility_at(places: tuple[Place, ...], text: str, start: int) -> Optional[str]:
    """A facility said to be at the chosen place ("the Air Base in Mafraq"): the more precise."""
    for place in places:
        if place.precision != "facility":
            continue
        for m in place.mentions:
            if m.end <= start and BETWEEN.fullmatch(text[m.end : start]) is not None:
                return place.id
    return None


def date_for(event: Event, times: tuple[TimeValue, ...], within: tuple[int, int]) -> Optional[TimeValue]:
    options = []
    for t in times:
        if t.start is None or not (within[0] <= t.start and t.end <= within[1]):
            continue
        if t.precision is not None and t.precision not in POINT_PRECISIONS:
            continue
        gap = min(abs(t.start - event.trigger.end), abs(event.trigger.start - t.end))
        options.append((t.value is None, gap, t.start, t))
    return min(options)[3] if options else None


def parsed_date_for(event: Event, draft: Draft, triggers: set[int], cues: set[int]) -> Optional[TimeValue]:
    """The date of the event from the parse (sayso.stages.dates.attach): a point in time
    hanging from its trigger, else from its clause's verb, nearest the trigger, resolved first;
    read in the tense of the event."""
    doc = draft.doc
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    trigger, options = span.root, []
    verbs = (event_verbs(trigger), embedding_verbs(trigger), simultaneous_verbs(trigger))
    for t in draft.times:
        if t.start is None or not (event.sentence.start <= t.start and t.end <= event.sentence.end):
            continue
        tspan = doc.char_span(t.start, t.end, alignment_mode="expand")
        if tspan is None or not len(tspan) or (t.precision is not None and t.precision not in POINT_PRECISIONS):
            continue
        holder = holder_of(tspan)
        rank = rank_for(holder, trigger, verbs, triggers - {trigger.i}, cues)
        if rank is None:
            continue
        if holder.relative:  # "two days before X": counted from X, not from the publication
            t = dataclasses.replace(t, value=None, precision=None)
        gap = min(abs(t.start - event.trigger.end), abs(event.trigger.start - t.end))
        options.append((rank, t.value is None, gap, t.start, t, tspan))
    if not options:
        return None
    best = min(options, key=lambda o: o[:4])
    return in_tense_of(event, best[4], best[5], parse_published(draft.article.meta.published))


def heads_of(doc, spans) -> set[int]:
    """The head tokens of spans: events' triggers (a time hanging from one dates that event),
    attributions' cues (a time hanging from one dates the saying)."""
    heads = set()
    for s in spans:
        span = doc.char_span(s.start, s.end, alignment_mode="expand") if s is not None else None
        if span is not None and len(span):
            heads.add(verb_of(span.root).i)
    return heads


def sentence_heads(draft: Draft) -> tuple[set[int], set[int]]:
    """(trigger heads, cue verbs) of the draft."""
    triggers = {h for e in draft.events for h in heads_of_trigger(draft.doc, e)}
    return triggers, heads_of(draft.doc, [a.cue for a in draft.attributions])


def heads_of_trigger(doc, event: Event) -> set[int]:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return {span.root.i} if span is not None and len(span) else set()


def anchor(event: Event, draft: Draft, heads: Optional[tuple[set[int], set[int]]] = None) -> Event:
    text = draft.article.text
    clauses = clauses_of(draft.doc, event)
    sentence = (event.sentence.start, event.sentence.end)
    place = event.place or next(
        (p for c in clauses if (p := place_for(event, draft.places, text, c, draft.doc))), None)
    if event.date is not None:
        date: Optional[TimeValue] = event.date
    elif draft.doc is not None:
        date = parsed_date_for(event, draft, *(heads or sentence_heads(draft)))
    else:
        date = next((d for c in clauses + [sentence] if (d := date_for(event, draft.times, c))), None)
    return dataclasses.replace(event, place=place, date=date)


@stage("anchor", needs=("events", "places", "times"), sets=("events",))
def anchor_events(draft: Draft, settings: Settings) -> Draft:
    """Give each event the place and date of its clause."""
    if not draft.events:
        return draft
    heads = sentence_heads(draft) if draft.doc is not None else None
    return draft.set(events=tuple(anchor(e, draft, heads) for e in draft.events))
