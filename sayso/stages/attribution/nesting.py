"""A statement retold by an outlet in the same sentence: 'When asked about X, Trump said: "Q,"
the Times reported.', 'More than 6 in 10 voters said that X, according to exit polling'.

The cue finder gives both cues the quotation as content. The cue after the quotation (the
Times's) tells of the whole sentence: its content runs from the sentence's start to the end of
the quotation, and the first statement (Trump's) is inside it (its parent), so "asked" and
"said" are the Times's report and Q is Trump's, relayed by the Times. An "according to" closing
the sentence holds the whole sentence in the same way, the statement whose content the parse
stretched over it (or hung it in) ending before it.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from sayso.record import Attribution, Span


def nest_retold(doc, text: str, records: tuple[Attribution, ...]) -> tuple[Attribution, ...]:
    out = {a.id: a for a in records}
    for outer in records:
        inner = _retold(records, outer)
        if inner is None or inner.cue is None or inner.parent is not None:
            continue
        start = _sentence_start(doc, inner.cue.start)
        end = outer.content[-1].end
        if start is None or start > min(inner.cue.start, inner.source.start):
            continue
        out[outer.id] = replace(outer, content=(Span.of(text, start, end),), type="mixed")
        out[inner.id] = replace(inner, parent=outer.id)
    return tuple(out[a.id] for a in records)


def nest_according(doc, text: str, records: tuple[Attribution, ...]) -> tuple[Attribution, ...]:
    out = {a.id: a for a in records}
    for outer in records:
        sentence = _closing_phrase(doc, text, outer)
        if sentence is None or outer.cue is None:
            continue
        cut = text.rfind(",", sentence[0], outer.cue.start)
        cut = cut if cut >= 0 and not text[cut + 1:outer.cue.start].strip() else outer.cue.start
        inner = next((a for a in records if a.id != outer.id and a.cue is not None and a.content
                      and sentence[0] <= a.cue.start < cut and a.content[0].start < cut), None)
        if inner is None or inner.parent not in (None, outer.id):
            continue
        clipped = tuple(Span.of(text, c.start, min(c.end, cut)) for c in inner.content if c.start < cut)
        out[inner.id] = replace(inner, content=clipped, parent=outer.id)
        out[outer.id] = replace(out[outer.id], content=(Span.of(text, sentence[0], cut),), parent=None)
    return tuple(out[a.id] for a in records)


def _closing_phrase(doc, text: str, a: Attribution) -> Optional[tuple[int, int]]:
    """The sentence an 'according to' closes (nothing but marks after its source), else None."""
    if a.cue is None or not a.cue.text.lower().startswith("according to"):
        return None
    span = doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent = span[0].sent
    if text[a.source.end:sent.end_char].strip(" .;!?\"”’\n"):
        return None
    return sent.start_char, sent.end_char


def _retold(records: tuple[Attribution, ...], outer: Attribution) -> Optional[Attribution]:
    """The statement before `outer`'s cue with the same content, its cue before that content
    and `outer`'s cue after it."""
    if outer.cue is None or not outer.content or outer.cue.start < outer.content[-1].end:
        return None
    spans = [(c.start, c.end) for c in outer.content]
    return next((a for a in records if a.id != outer.id and a.cue is not None and a.content
                 and [(c.start, c.end) for c in a.content] == spans and a.cue.end <= spans[0][0]
                 and a.source.start != outer.source.start), None)


def _sentence_start(doc, offset: int) -> Optional[int]:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0].sent.start_char if span is not None and len(span) else None
