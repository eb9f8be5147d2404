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


def remember_text(doc: Any, text: str) -> None:
    """Tell the memo the text `doc` was parsed from, so that `doc_text` need not rebuild it
    (spaCy keeps every character: `doc.text == text`; a doc whose last token does not end
    where `text` does was not parsed from it and is left to `doc.text`)."""
    last = doc[-1] if len(doc) else None
    if len(text) == (0 if last is None else last.idx + len(last.text_with_ws)):
        doc_memo(doc)["text"] = text


def token_starts(doc: Any) -> list[int]:
    """The character offset of each token (`token.idx`), in token order."""
    memo = doc_memo(doc)
    starts = memo.get("starts")
    if starts is None:
        starts = memo["starts"] = [t.idx for t in doc]
    return starts


def head_indices(doc: Any) -> list[int]:
    """The index of each token's head (`token.head.i`), in token order, read from the parse's
    array instead of through a Token object per token."""
    memo = doc_memo(doc)
    heads = memo.get("heads")
    if heads is None:
        relative = doc.to_array("HEAD").astype("int64")  # offsets from the token, stored unsigned
        heads = memo["heads"] = [i + int(k) for i, k in enumerate(relative.tolist())]
    return heads


def sentence_of(token: Any) -> Any:
    """`token.sent` (the same Span: spaCy's sentence boundaries), the doc's sentences built once
    instead of walked from the token on every access."""
    memo = doc_memo(token.doc)
    table = memo.get("sentence_of")
    if table is None:
        try:
            sents = list(token.doc.sents)
        except ValueError:  # no sentence boundaries: spaCy's own error
            return token.sent
        table = memo["sentence_of"] = [s for s in sents for _ in range(s.end - s.start)]
    return table[token.i]
