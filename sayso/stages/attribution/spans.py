"""Character spans over a parsed Doc: subtrees, trimming, snapping to quotations."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Optional

from sayso.nlp.memo import token_starts
from sayso.stages.attribution.quotes import MARKS, Quote

Pair = tuple[int, int]
DANGLING = ("and", "but", "or")  # a conjunction left at the end when the parse cut a clause
EDGE_PUNCT = frozenset(".,;:!?-–— \t\n\r")


def char_tokens(doc, start: int, end: int):
    """The tokens that overlap [start, end), found by binary search (Doc.char_span rebuilds the
    whole text on every call)."""
    n = len(doc)
    starts = token_starts(doc)  # each token's idx, kept for the doc
    lo = bisect_right(starts, start) - 1
    lo = max(lo, 0)
    if lo < n and doc[lo].idx + len(doc[lo]) <= start:
        lo += 1
    hi = bisect_left(starts, end)
    return doc[lo:max(hi, lo)]


def subtree_span(tok, exclude: frozenset[str] = frozenset()) -> Pair:
    """Characters of tok's subtree, leaving out children whose dependency label is excluded."""
    left, right = tok.i, tok.i
    for child in tok.children:
        if child.dep_ in exclude:
            continue
        left = min(left, child.left_edge.i)
        right = max(right, child.right_edge.i)
    doc = tok.doc
    return doc[left].idx, doc[right].idx + len(doc[right])


def noun_phrase(
    tok, text: str, leave_out: frozenset[str] = frozenset(), avoid: Optional[Pair] = None
) -> Optional[Pair]:
    """The speaker's noun phrase: its subtree (appositives and relative clauses included) without
    leading adverbs ("even") or prepositional phrases of the saying ("in an interview"), edge
    punctuation dropped except a comma that closes an appositive ("Mike DuHaime, a strategist,"),
    and without a child that holds the cue (`avoid`)."""
    left, right = tok.i, tok.i
    for child in tok.children:
        if (child.dep_ == "advmod" and child.i < tok.i) or child.dep_ == "advcl":
            continue  # "even X"; "As UNIAN reported, X ...": an adverbial clause the parse hung on X
        if child.dep_ == "prep" and child.i > tok.i and any(g.lemma_.lower() in leave_out for g in child.children):
            continue
        if avoid and _overlap(subtree_span(child), avoid):
            continue  # "one source telling the newspaper": the cue hangs on the speaker
        left, right = min(left, child.left_edge.i), max(right, child.right_edge.i)
    doc = tok.doc
    span = trim_tokens(doc, text, left, right)
    if span is None:
        return None
    return _closing_mark(text, span)


CLOSERS = {",": ",", ")": "(", "—": "—", "–": "–", "--": "--"}


def _closing_mark(text: str, span: Pair) -> Pair:
    """The span with the mark that closes an aside it opened ("Hugh Hill, a doctor," /
    "Dick Durbin (D-Ill.)" / "Tim Cook -- Apple's chief --"), PolNeAR's convention."""
    inside = text[span[0]:span[1]]
    for mark, opener in CLOSERS.items():
        if opener in inside and text.startswith(mark, span[1]):
            return span[0], span[1] + len(mark)
        if mark == ")" and opener in inside and text.startswith(".)", span[1]):
            return span[0], span[1] + 2  # "Sen. Pat Doe (I-Vt.)"
        if mark in ("—", "–", "--") and opener in inside and text.startswith(" " + mark, span[1]):
            return span[0], span[1] + 1 + len(mark)
    return span


def trim_tokens(doc, text: str, left: int, right: int) -> Optional[Pair]:
    """Characters of tokens left..right without punctuation tokens at either edge."""
    while left <= right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right >= left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    if right < left:
        return None
    return doc[left].idx, doc[right].idx + len(doc[right])


def trim(text: str, span: Pair) -> Optional[Pair]:
    """Span without edge punctuation or space; closing quote marks are kept."""
    start, end = span
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        end -= 1
    for word in DANGLING:
        if end - start > len(word) and text.endswith(word, start, end) and text[end - len(word) - 1] in EDGE_PUNCT:
            end -= len(word)
            while end > start and text[end - 1] in EDGE_PUNCT:
                end -= 1
            break
    if end > start and text[start] in MARKS and start + 1 == end:
        return None
    if _abbreviation_end(text, start, end):
        end += 1  # "the U.S.": the full stop is the abbreviation's
    return (start, end) if end > start else None


def _abbreviation_end(text: str, start: int, end: int) -> bool:
    """Whether the span ends in an abbreviation whose last full stop was trimmed ('U.S', 'p.m')."""
    return (end - start >= 3 and text[end:end + 1] == "." and text[end - 1].isalpha()
            and text[end - 2] == "." and text[end - 3].isalpha())


def minus(span: Pair, hole: Pair) -> list[Pair]:
    """The parts of span outside hole."""
    parts = []
    if hole[0] > span[0]:
        parts.append((span[0], min(span[1], hole[0])))
    if hole[1] < span[1]:
        parts.append((max(span[0], hole[1]), span[1]))
    return [p for p in parts if p[1] > p[0]]


class QuoteIndex:
    """Quotations sorted by start, looked up by offset in log time."""

    def __init__(self, quotes: list[Quote]):
        self.quotes = quotes
        self.starts = [q.start for q in quotes]

    def at(self, offset: int) -> Optional[Quote]:
        """The quotation containing offset, marks included."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and self.quotes[i].start <= offset < self.quotes[i].end:
            return self.quotes[i]
        return None

    def within(self, start: int, end: int) -> list[Quote]:
        """Quotations that overlap [start, end)."""
        i = max(bisect_right(self.starts, start) - 1, 0)
        found = []
        while i < len(self.quotes) and self.quotes[i].start < end:
            q = self.quotes[i]
            if q.end > start:
                found.append(q)
            i += 1
        return found

    def group(self, quote: Quote) -> list[Quote]:
        """Every part of the multi-paragraph quotation quote belongs to."""
        i = bisect_right(self.starts, quote.start) - 1
        lo = i
        while lo > 0 and self.quotes[lo - 1].group == quote.group:
            lo -= 1
        hi = i
        while hi + 1 < len(self.quotes) and self.quotes[hi + 1].group == quote.group:
            hi += 1
        return self.quotes[lo:hi + 1]

    def snap(self, span: Pair) -> Pair:
        """Span widened so that it neither starts nor ends inside a quotation."""
        start, end = span
        q = self.at(start)
        if q is not None:
            start = q.start
        q = self.at(end - 1)
        if q is not None:
            end = q.end
        return start, end

    def quoted_share(self, span: Pair) -> float:
        """Share of the span's characters that lie inside quotations."""
        inside = sum(min(span[1], q.end) - max(span[0], q.start) for q in self.within(*span))
        return inside / max(span[1] - span[0], 1)


def clause_span(tok) -> Pair:
    """tok's subtree, cut before an absolute clause after a comma ("..., with one source telling
    X": another attribution). A closing appositive stays ("Loretta Lynch, U.S. attorney for
    ...": PolNeAR's annotators keep it)."""
    start, end = subtree_span(tok)
    for t in tok.subtree:
        if t.i > tok.i and _after_comma(t) and _trailing(t):
            end = min(end, t.doc[t.left_edge.i - 1].idx)
    return start, end


def _after_comma(t) -> bool:
    first = t.left_edge.i
    prev = t.doc[first - 1] if first > 0 else None
    if prev is not None and prev.dep_ == "cc" and first > 1:
        prev = t.doc[first - 2]
    return prev is not None and prev.text in (",", ";", "—", "–", "-", "(")


def _trailing(t) -> bool:
    return t.dep_ == "prep" and t.lower_ == "with" and _absolute(t)


def _absolute(prep) -> bool:
    for obj in prep.children:
        if obj.dep_ == "pobj" and any(c.dep_ == "acl" and c.pos_ == "VERB" for c in obj.children):
            return True
    return False


def _overlap(a: Pair, b: Pair) -> bool:
    return a[0] < b[1] and b[0] < a[1]
