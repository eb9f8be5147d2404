"""Quotation marks in text rebuilt from tokens (MEANTIME's): `` and '', marks with spaces around."""
from __future__ import annotations

from sayso.stages.attribution.quotes import find_quotes


def _quotes(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text)]


def test_two_grave_accents_open_a_quotation_two_apostrophes_close():
    text = "``We will consider other options,'' said the spokeswoman. ``A collapse would hurt.'' Then he left."
    assert _quotes(text) == ["``We will consider other options,''", "``A collapse would hurt.''"]


def test_a_spaced_straight_mark_after_a_word_or_a_colon_opens_a_quotation():
    text = 'The mayor said " the dam was among the best ". On his blog: " I will miss it. " He left.'
    assert _quotes(text) == ['" the dam was among the best "', '" I will miss it. "']


def test_a_spaced_straight_mark_after_a_comma_is_still_a_stray_closing_mark():
    assert _quotes('the search operation, " he said in a statement.') == []
