"""times: time expressions resolved to ISO values against the publication date.

`resolve_expression(text, published, tense)` turns one expression into a `(value, precision)`
pair in TimeML's value forms: 2012-06-21 (day), 2012-W26 (week), 2012-05 (month), 2012-Q2
(quarter), 2012-H1 (half), 2012-SU (season), 2012-W25-WE (weekend), 2011 (year), 199 (decade),
20 (century), P3Y (duration), P1D (set: "daily"), PRESENT_REF / PAST_REF / FUTURE_REF (ref).
The rules live in sayso.stages.dates.resolve (days, months, years, durations, refs) and
sayso.stages.dates.periods (quarters, halves, weeks of a month, the same period a year back, sets);
their words in sayso.stages.dates.lexicon.
A relative expression ("on Thursday", "last month") is resolved against the publication date;
without one its value stays None and its text is kept, never guessed. A weekday or a month
without a year is read back from the publication date in a past-tense clause and forward in a
future one ("on Thursday" in a Friday 2012-06-22 article, past tense: 2012-06-21); a weekday in
front of a noun ("Sunday's attack") is read back unless its clause is future. Which event an
expression dates, and the event's tense it is then read in: sayso.stages.dates.attach.

The stage takes spaCy's DATE/TIME entities plus the expressions spaCy misses (weekdays,
"yesterday", "last week", "in 2011" ...), found in one pass over the tokens.
"""
from __future__ import annotations

import re
from typing import Optional

from sayso.stages.dates.lexicon import PARTS_OF_DAY, WEEKDAYS
from sayso.stages.dates.resolve import Value, parse_published, resolve_expression
from sayso.stages.base import Draft, stage
from sayso.record import TimeValue
from sayso.settings import Settings

__all__ = ["Value", "parse_published", "resolve_expression", "resolve_times", "tense_of", "find_expressions"]


# --- tense of the clause an expression sits in ------------------------------------------------

FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "going", "should", "may", "might", "must", "can"})
PAST_TAGS = frozenset({"VBD", "VBN"})


def tense_of(span) -> Optional[str]:
    """"past", "future", "present" or None (unknown) for the clause of a spaCy span; a weekday
    in front of a noun ("Sunday's attack", "the Sunday vote") is "past" unless its clause is
    future: the event it names is reported as done ("Sunday's attack is the deadliest ...")."""
    tense = _clause_tense(span)
    if tense != "future" and _names_a_noun(span):
        return "past"
    return tense


def _names_a_noun(span) -> bool:
    """Whether the span holds a weekday and modifies the noun after it ("Sunday night's attack")."""
    root = span.root
    return any(t.lower_ in WEEKDAYS for t in span) and root.dep_ in ("poss", "compound") and root.head.i > root.i \
        and root.head.pos_ in ("NOUN", "PROPN") and root.head.lower_ not in PARTS_OF_DAY


def _clause_tense(span) -> Optional[str]:
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in FUTURE_AUX for c in aux) or (tok.tag_ == "VB" and any(c.lower_ == "to" for c in aux)):
        return "future"
    if tok.tag_ in PAST_TAGS or any(c.tag_ in PAST_TAGS for c in aux):
        return "past"
    if tok.tag_ == "VBG" and any(c.lower_ in ("is", "are", "am", "'s", "'re") for c in aux):
        return "future"
    return "present" if tok.tag_ in ("VBZ", "VBP") else None


# --- the stages -----------------------------------------------------------------------------

TIME_LABELS = frozenset({"DATE", "TIME"})
AGE = re.compile(r"(?i)\b(?:years?|months?|weeks?|days?)[- ]old\b|\bage[ds]?\b")
RELATIVE_HEADS = frozenset({"last", "next", "this", "past", "coming", "previous"})
RELATIVE_UNIT_WORDS = frozenset({"week", "month", "year", "weekend"})
DAY_WORDS = frozenset({"today", "yesterday", "tomorrow", "tonight"})


def find_expressions(doc) -> list[tuple[int, int]]:
    """Token ranges of time expressions: DATE/TIME entities and what spaCy misses."""
    spans = [(e.start, e.end) for e in doc.ents if e.label_ in TIME_LABELS]
    taken = {i for s, e in spans for i in range(s, e)}
    for tok in doc:
        if tok.i in taken:
            continue
        low = tok.lower_
        if (low in WEEKDAYS and len(low) > 3 and tok.text[0].isupper()) or low in DAY_WORDS:
            spans.append((tok.i, tok.i + 1))
        elif low in RELATIVE_HEADS and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in RELATIVE_UNIT_WORDS \
                and tok.i + 1 not in taken:
            spans.append((tok.i, tok.i + 2))
        elif low in ("in", "since", "by", "until") and tok.i + 1 < len(doc) and tok.i + 1 not in taken \
                and _is_year(doc[tok.i + 1].text):
            spans.append((tok.i + 1, tok.i + 2))
        else:
            continue
        taken.update(range(spans[-1][0], spans[-1][1]))
    return sorted(spans)


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100


@stage("times", needs=("doc",), sets=("times",))
def resolve_times(draft: Draft, settings: Settings) -> Draft:
    doc = draft.doc
    if doc is None:
        return draft
    published = parse_published(draft.article.meta.published)
    times = []
    for s, e in find_expressions(doc):
        span = doc[s:e]
        if AGE.search(span.text) or (span.text.isdigit() and len(span.text) <= 2):
            continue  # "a 22-year-old member", "aged 22": an age, not a time
        found = resolve_expression(span.text, published, tense_of(span))
        value, precision = found if found else (None, None)
        times.append(TimeValue(value, precision, span.text, span.start_char, span.end_char))
    return draft.set(times=tuple(times))
