"""Content read off the quotations beside a cue: those of its sentence, one just before or after
it in its paragraph, one led by a colon or a dash, the words that lead into a quotation, and
the clause an inverted cue hangs on (sayso/stages/attribution/contents.py puts them together).
"""
from __future__ import annotations

import re
from typing import Optional

from sayso.stages.attribution.asides import inverted_clause
from sayso.stages.attribution.context import Context
from sayso.stages.attribution.cues import Cue
from sayso.stages.attribution.edges import next_paragraph
from sayso.stages.attribution.spans import Pair, minus, subtree_span

DASHES = frozenset({"-", "–", "—", "--"})
LEADERS = DASHES | {":"}
MIN_LEAD_WORDS = 3
MIN_CLAUSE_WORDS = 2  # a clause before a cue, not a lone "but"
GAP = frozenset(" ,.:;\n\t")
QUOTE_MARKS = " \n\t'\"“‘`"
TITLE_LEAD = re.compile(r"(?:['’]s|\b(?:on|in|to|during))\s*$")  # "on ABC's “This Week”", "told “Meet the Press”"
MAX_TITLE_WORDS = 5
TITLE_BEFORE = re.compile(r"(?:(?<=[\"”’'] )|(?<=[\"”’'], ))(?:[a-z]+ ){1,2}$")  # lower-case words between a quotation and a name


def inside_one_quote(ctx: Context, span: Pair) -> bool:
    q = ctx.quotes.at(span[0])
    return q is not None and q.end >= span[1]


def sentence_quotes(ctx: Context, cue: Cue, source: Optional[Pair]) -> list[Pair]:
    start, end = ctx.sentence_of[cue.head]
    verb = ctx.doc[cue.head]
    if verb.dep_ in ("advcl", "conj", "xcomp") and verb.i > verb.head.i:
        start = verb.idx  # "..., saying “...”": only what follows the participle
    parts: list[Pair] = []
    for q in ctx.quotes.within(start, end):
        if (q.start < start and not mark_before(ctx.text, q.start, start)) or (
                source and q.start < source[1] and source[0] < q.end) or clause_between(ctx, cue, q.start) or (
                is_title(ctx.text, q.start, q.end) and q.start > ctx.doc[cue.last].idx):
            continue
        for part in ctx.quotes.group(q):
            if part.start >= q.start and (part.start, part.end) not in parts:
                parts.append((part.start, part.end))  # earlier paragraphs: an earlier statement
    return parts


def is_title(text: str, start: int, end: int) -> bool:
    """'Clinton said on ABC's “This Week” on Sunday': a short quotation of capitalised words after
    a possessive or "on", "in", "to" names a programme or a work, not what was said."""
    words = text[start:end].strip(QUOTE_MARKS + "”’").split()
    return (0 < len(words) <= MAX_TITLE_WORDS and bool(TITLE_LEAD.search(text, max(0, start - 12), start))
            and words[0][:1].isupper() and words[-1][:1].isupper() and not any(c in text[start:end] for c in ",.!?"))


def with_clause_before(ctx: Context, verb, quotes: list[Pair]) -> list[Pair]:
    """'Only one has visited so far, Beth Garay said, but "I can assure you ..."': a cue set
    after the clause it reports, then a quotation: both are the content."""
    if not quotes or verb.dep_ != "parataxis" or verb.head.i > verb.i:
        return quotes
    extra = []
    for part in inverted(ctx, verb):
        pieces = [part]
        for q in quotes:
            pieces = [p for piece in pieces for p in minus(piece, q)]
        extra += [p for p in pieces if len(ctx.text[p[0]:p[1]].split()) >= MIN_CLAUSE_WORDS]
    return sorted(extra + quotes)


def clause_between(ctx: Context, cue: Cue, quote_start: int) -> bool:
    """'Ingraham apologized, but Hogg blasted it as an insincere “effort ...”': a conjoined clause
    with a subject of its own between the cue and the quotation; the quotation is that clause's."""
    doc = ctx.doc
    between = [t for t in doc[cue.last + 1:] if t.idx < quote_start]
    inside = {t.i for t in between}
    return any(t.pos_ in ("VERB", "AUX") and t.dep_ == "conj" and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i in inside for c in t.children) for t in between)


def mark_before(text: str, quote_start: int, sentence_start: int) -> bool:
    """'... said. ''They need to be careful,'' Mr. Bennett said.': the parser glued the opening
    mark to the sentence before; the quotation is this sentence's."""
    return not text[quote_start:sentence_start].strip(QUOTE_MARKS)


def lead_in(ctx: Context, parts: list[Pair], cue_last: int, source: Optional[Pair], recipient) -> list[Pair]:
    """'Clinton said on the other hand, “...”': words between the cue and the quotation that
    opens its content belong to the content (a mixed quote); the one told does not."""
    if not parts:
        return parts
    last = ctx.doc[cue_last]
    after = last.idx + len(last)
    if source and source[0] >= after:
        after = source[1]
    if recipient is not None:
        after = max(after, subtree_span(ctx.doc[recipient])[1])
    first = parts[0]
    between = ctx.text[after:first[0]]
    if first[0] <= after or "\n" in between or len(between.split()) < MIN_LEAD_WORDS:
        return parts
    if between.rstrip()[-1:] in (",", ":"):
        return parts  # 'said of Trump and Ryan, “...”': an aside before the quotation, not content
    return [(after, first[1])] + parts[1:]


def adjacent_quotes(ctx: Context, cue: Cue, source: Optional[Pair]) -> list[Pair]:
    """A quotation just before or after the cue and its source, across a sentence end, in the
    cue's paragraph."""
    doc, text = ctx.doc, ctx.text
    first, last = doc[cue.first], doc[cue.last]
    start, end = first.idx, last.idx + len(last)
    if source:
        start, end = min(start, source[0]), max(end, source[1])
    title = TITLE_BEFORE.search(text, max(0, start - 40), start)
    near = title.start() if title else start  # '“...,” screenwriter Cole Haddon wrote': a title before the name
    i = near
    while i > 0 and near - i < 4 and text[i - 1] in GAP:
        i -= 1
    q = ctx.quotes.at(i - 1) if i > 0 else None
    if q is None or q.end != i:
        j = end
        while j < len(text) and j - end < 4 and text[j] in GAP:
            j += 1
        q = ctx.quotes.at(j)
        if q is None or q.start != j:
            return []
    if ctx.paragraph(q.start) != ctx.paragraph(start):
        return []  # a quotation in the next paragraph has a speaker of its own there
    return [(p.start, p.end) for p in ctx.quotes.group(q)]


def led_quote(ctx: Context, last: int, source: Optional[Pair]) -> list[Pair]:
    """A quotation (or the rest of the sentence) after a colon or dash that follows the cue."""
    doc = ctx.doc
    i = last + 1
    if source and i < len(doc) and doc[i].idx == source[0]:
        while i < len(doc) and doc[i].idx < source[1]:
            i += 1  # "said Caddell:"
    if i >= len(doc) or doc[i].text not in LEADERS:
        return []
    after = doc[i].idx + len(doc[i])
    j = after
    text = ctx.text
    while j < len(text) and text[j].isspace() and j - after < 50:
        j += 1
    q = ctx.quotes.at(j)
    if q is not None and q.start == j:
        return [(p.start, p.end) for p in ctx.quotes.group(q)]
    block = next_paragraph(ctx, doc[i].idx)
    if block is not None:
        return [block]
    sent_end = ctx.sentence_of[i][1]
    return [(after, sent_end)] if sent_end > after else []


def quote_start(ctx: Context, sentence_start: int) -> int:
    """The sentence's start, past a closing mark the parser glued to it."""
    q = ctx.quotes.at(sentence_start)
    return q.end if q is not None and q.start < sentence_start else sentence_start


def inverted(ctx: Context, verb) -> list[Pair]:
    """'..., say U.S. officials', 'As UNIAN reported, ...': the clause the cue hangs on, minus
    the cue's own words (sayso/stages/attribution/asides.py); none inside a quotation."""
    if ctx.quotes.at(verb.idx) is not None:
        return []
    return inverted_clause(verb, ctx.sentence_of[verb.i])
