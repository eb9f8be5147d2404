"""anchor: each event gets the place and the date of its clause.

The clause of an event is the dependency subtree of its trigger's verb, then that of the verb
it depends on ("were preparing to flee"). Place: a place mention in the clause, preferring one
after "to/in/at/into/near/from" (where the action happened or went), then the one nearest the
trigger; not a nationality word ("Lebanese banks"), the actor ("Syria denounced") or a modifier
("U.S. officials"); a facility said to be at the chosen place ("the Air Base in Mafraq") is
preferred to it. Date: the resolved time expression of the clause, else of the sentence, nearest
the trigger (points in time only: durations and vague references such as "recently" are not
dates), else an unresolved one with its text (an article with no publication date), else none.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Optional

from sayso.stages.base import Draft, stage
from sayso.record import Event, Place, TimeValue
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


def anchor(event: Event, draft: Draft) -> Event:
    text = draft.article.text
    clauses = clauses_of(draft.doc, event)
    sentence = (event.sentence.start, event.sentence.end)
    place = event.place or next(
        (p for c in clauses if (p := place_for(event, draft.places, text, c, draft.doc))), None)
    date = event.date or next(
        (d for c in clauses + [sentence] if (d := date_for(event, draft.times, c))), None)
    return dataclasses.replace(event, place=place, date=date)


@stage("anchor", needs=("events", "places", "times"), sets=("events",))
def anchor_events(draft: Draft, settings: Settings) -> Draft:
    """Give each event the place and date of its clause."""
    if not draft.events:
        return draft
    return draft.set(events=tuple(anchor(e, draft) for e in draft.events))
