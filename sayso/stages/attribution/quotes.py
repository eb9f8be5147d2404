"""Quotation marks paired in one linear pass over the text.

Straight (") and curly (“ ” „ « ») double quotes are paired; a quote left open at the end of a
paragraph continues when the next paragraph opens with a quote mark (the convention for a
quotation running over several paragraphs) and is otherwise closed there, so an unbalanced mark
never swallows the rest of the article (a line that opens with a curly mark starts a paragraph
for this, even in a text whose paragraphs are otherwise blank-line separated). In a text whose
paragraphs were run together, a straight mark after a sentence's end and a space, before a
capital, inside a straight-quoted quotation is the next paragraph's opening mark: the
quotation goes on in the same group. A straight mark followed by a space opens nothing (an
opening mark touches its word): with no quotation open it is a stray closing mark. Two apostrophes ('') or two grave accents
(``, the opening mark of tokenized text such as MEANTIME's) count as a double quote; single
quotes are not paired: they double as apostrophes. In such rebuilt text a straight mark with
spaces on both sides opens a quotation after a word or a colon, before a word.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
MARKS = OPENERS | CLOSERS | {STRAIGHT}
MAX_DEPTH = 3
AFTER_CLOSE = frozenset(",.;:!?)—–-")


@dataclass(frozen=True, slots=True)
class Quote:
    """An outermost quotation, marks included; parts of one multi-paragraph quote share `group`."""

    start: int
    end: int
    group: int


def paragraph_breaks(text: str) -> list[int]:
    """Offsets of the newlines that end paragraphs (blank lines when the text has any)."""
    blank = "\n\n" in text
    breaks = []
    for i, ch in enumerate(text):
        if ch != "\n" or (i and text[i - 1] == "\n"):
            continue
        if not blank or text[i + 1:i + 2] == "\n":
            breaks.append(i)
    return breaks


def find_quotes(text: str, breaks_at: Optional[list[int]] = None) -> list[Quote]:
    """Outermost quotations in text order."""
    quotes: list[Quote] = []
    stack: list[str] = []
    opened = 0
    group = 0
    breaks = set(paragraph_breaks(text) if breaks_at is None else breaks_at)
    skip = -1
    for i, ch in enumerate(text):
        if i == skip:
            continue
        if ch in "'`" and text[i + 1:i + 2] == ch:
            ch, skip = STRAIGHT, i + 1  # '' and `` as a double quote (older newspaper style, MEANTIME's tokens)
        if i in breaks or (ch == "\n" and text[i + 1:i + 2] in OPENERS):
            if stack and stack != ["continued"]:
                end = _rstrip(text, opened, i)
                if end > opened:
                    quotes.append(Quote(opened, end, group))
                stack.clear()
                if _opens_next(text, i):
                    stack.append("continued")
                    continue
                group += 1
            continue
        if ch not in MARKS:
            continue
        if not stack or stack == ["continued"]:
            after = i + 2 if skip == i + 1 else i + 1
            if ch in CLOSERS or (ch == STRAIGHT and _detached(text, after) and not _spaced_opening(text, i, after)):
                continue  # a stray closing mark ('operation, " he said': its opening mark was lost)
            if not stack:
                group += 1
            stack[:] = [ch]
            opened = i
        elif ch == STRAIGHT and stack == [STRAIGHT] and _reopening(text, i):
            quotes.append(Quote(opened, _rstrip(text, opened, i), group))  # the same quotation goes on
            opened = i
        elif ch in CLOSERS or (ch in (STRAIGHT, "“") and _closes(text, i, ch, stack[-1])):
            stack.pop()
            if not stack:
                quotes.append(Quote(opened, i + 1 if skip != i + 1 else i + 2, group))
        elif len(stack) < MAX_DEPTH:
            stack.append(ch)
    if stack and stack != ["continued"]:
        end = _rstrip(text, opened, len(text))
        if end > opened:
            quotes.append(Quote(opened, end, group))
    return quotes


def _closes(text: str, i: int, ch: str, open_mark: str) -> bool:
    """A straight mark closes a straight quotation, or any where a quotation ends; an opening
    curly mark closes a curly quotation where one ends ('their athletes,“ Malbog said')."""
    if ch == STRAIGHT:
        return open_mark == STRAIGHT or _closing(text, i)
    return open_mark == "“" and _closing(text, i)


def _closing(text: str, i: int) -> bool:
    """Whether a straight mark at i sits where a quotation ends (after a word or its
    punctuation, before a space or punctuation): it then closes a quotation opened with a curly
    mark ("“I disagree," said X")."""
    if i == 0 or text[i - 1].isspace() or text[i - 1] in MARKS:
        return False
    return i + 1 == len(text) or text[i + 1].isspace() or text[i + 1] in AFTER_CLOSE


def _detached(text: str, after: int) -> bool:
    """Whether the straight mark ending before offset `after` is followed by a space: an opening
    mark touches the word it opens, so this one can only close a quotation."""
    return after < len(text) and text[after] in " \t"


def _spaced_opening(text: str, i: int, after: int) -> bool:
    """'Obama said " Steve was ...', 'on his blog: " The world ...': a straight mark with spaces
    on both sides (text rebuilt from tokens, as MEANTIME's) after a word or a colon and before a
    word opens a quotation; after a comma ('operation, " he said') it is a stray closing mark."""
    before = text[:i].rstrip(" ")
    if not before or before[-1] not in ":" and not before[-1].isalpha() or i - len(before) != 1:
        return False
    rest = text[after:after + 3].lstrip(" ")
    return bool(rest) and rest[0].isalnum()


def _reopening(text: str, i: int) -> bool:
    """Whether a straight mark at i opens the next part of a quotation left open: after the
    end of a sentence and a space, before a capital ('... responsible. "The priority ...'),
    where paragraphs of a multi-paragraph quotation were run together."""
    return (i >= 2 and text[i - 1] == " " and text[i - 2] in ".!?"
            and i + 1 < len(text) and text[i + 1].isupper())


def _opens_next(text: str, i: int) -> bool:
    """Whether the paragraph after offset i starts with an opening quote mark."""
    j = i
    n = len(text)
    while j < n and text[j].isspace():
        j += 1
        if j - i > 200:
            return False
    return j < n and (text[j] in OPENERS or text[j] == STRAIGHT)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
