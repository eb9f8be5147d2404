"""What every cue of one document is read against: the parse, the text, its quotations, the
lexicon, each token's sentence and the paragraph breaks (built by contents.make_context)."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from sayso.stages.attribution.lexicon import Lexicon
from sayso.stages.attribution.quotes import paragraph_breaks
from sayso.stages.attribution.spans import Pair, QuoteIndex


@dataclass(frozen=True)
class Context:
    """What every cue of one document is read against."""

    doc: object
    text: str
    quotes: QuoteIndex
    lex: Lexicon
    sentence_of: list  # token index -> (start char, end char) of its sentence
    breaks: list  # offsets of paragraph breaks

    def paragraph(self, offset: int) -> Pair:
        """Bounds of the paragraph holding offset."""
        i = bisect_left(self.breaks, offset)
        start = self.breaks[i - 1] + 1 if i > 0 else 0
        end = self.breaks[i] if i < len(self.breaks) else len(self.text)
        return start, end


def make_context(doc, text: str, quotes: QuoteIndex, lex: Lexicon, breaks: list | None = None) -> Context:
    sentence_of: list = [None] * len(doc)
    for sent in doc.sents:
        bounds = (sent.start_char, sent.end_char)
        for i in range(sent.start, sent.end):
            sentence_of[i] = bounds
    return Context(doc, text, quotes, lex, sentence_of, paragraph_breaks(text) if breaks is None else breaks)
