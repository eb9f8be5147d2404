"""What the stages compute once per spaCy Doc. spaCy builds `doc.text`, `doc.ents`, Spans and
Tokens anew on every access; a stage that asks the same of one doc thousands of times keeps the
answer here. One doc is kept: the last asked about (a stage reads one doc at a time; the entry
is swapped whole, so a second thread asking about another doc only recomputes)."""
from __future__ import annotations

from typing import Any

_LAST: list[tuple[Any, dict]] = [(None, {})]


def doc_memo(doc: Any) -> dict:
    """A dict kept for `doc` until another doc is asked about."""
    last = _LAST[0]
    if last[0] is not doc:
        last = (doc, {})
        _LAST[0] = last
    return last[1]


def doc_text(doc: Any) -> str:
    """`doc.text`, built once."""
    memo = doc_memo(doc)
    text = memo.get("text")
    if text is None:
        text = memo["text"] = doc.text
    return text


def token_starts(doc: Any) -> list[int]:
    """The character offset of each token (`token.idx`), in token order."""
    memo = doc_memo(doc)
    starts = memo.get("starts")
    if starts is None:
        starts = memo["starts"] = [t.idx for t in doc]
    return starts
