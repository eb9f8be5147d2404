"""anchor: each event gets the place and the date of its clause.

The clause of an event is the dependency subtree of its trigger's verb, else its sentence.
Place: a place mention in the clause, preferring one after "to/in/at/into/near/from" (where the
action happened or went), then the one nearest the trigger; nationality words ("Lebanese
banks") name a country but not where an event happened, so they are not used. Date: the
resolved time expression of the clause nearest the trigger (points in time only: durations and
vague references such as "recently" are not dates), else an unresolved one with its text (an
article with no publication date), else none.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Optional

from sayso.pipeline import Draft, stage
from sayso.record import Event, Place, TimeValue
from sayso.settings import Settings

WHERE = re.compile(r"\b(?:to|in|at|into|near|from|inside|outside|across|over)\s+(?:the\s+)?$", re.I)
POINT_PRECISIONS = frozenset({"day", "week", "month", "quarter", "season", "year", "decade", "time"})


def clause_of(doc, event: Event) -> tuple[int, int]:
    """Character range of the trigger's clause: its verb's subtree, else the sentence."""
    if doc is not None:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is not None and len(span):
            tok = span.root
            while tok.pos_ not in ("VERB", "AUX") and tok.head is not tok and tok.dep_ not in ("ROOT",):
                tok = tok.head
            left, right = tok.left_edge, tok.right_edge
            return left.idx, right.idx + len(right.text)
    return event.sentence.start, event.sentence.end


def place_for(event: Event, places: tuple[Place, ...], text: str, within: tuple[int, int]) -> Optional[str]:
    from sayso.places import country_of_demonym

    options = []
    for place in places:
        for m in place.mentions:
            if not (within[0] <= m.start and m.end <= within[1]) or country_of_demonym(m.text):
                continue
            prepositional = bool(WHERE.search(text[max(0, m.start - 12) : m.start]))
            gap = min(abs(m.start - event.trigger.end), abs(event.trigger.start - m.end))
            options.append((not prepositional, gap, place.id))
    return min(options)[2] if options else None


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
    clause = clause_of(draft.doc, event)
    sentence = (event.sentence.start, event.sentence.end)
    place = event.place or place_for(event, draft.places, text, clause) or \
        place_for(event, draft.places, text, sentence)
    date = event.date or date_for(event, draft.times, clause) or date_for(event, draft.times, sentence)
    return dataclasses.replace(event, place=place, date=date)


@stage("anchor", needs=("events", "places", "times"), sets=("events",))
def anchor_events(draft: Draft, settings: Settings) -> Draft:
    """Give each event the place and date of its clause."""
    if not draft.events:
        return draft
    return draft.set(events=tuple(anchor(e, draft) for e in draft.events))
