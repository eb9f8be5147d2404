"""A cheap check that an article is English: the share of its words that are common English
function words (the list is sayso/data/english_function_words.txt).

English news prose scores about 0.3-0.45; French, Spanish, German or Indonesian text scores
under 0.05, because the list leaves out words those languages share with English. Texts too
short to judge by their words pass, unless most of their letters are not Latin (Chinese, with no
spaces, is one "word").
"""
from __future__ import annotations

import re
from pathlib import Path

from sayso.errors import NotEnglishError

SAMPLE_CHARS = 20_000  # enough words to judge; keeps the check cheap on long articles
MIN_WORDS = 12  # fewer words than this cannot be judged, so they pass
MIN_LATIN = 0.5  # English has Latin letters; fewer than half never is, however short
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _load_words() -> frozenset[str]:
    text = (Path(__file__).resolve().parents[1] / "data" / "english_function_words.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


FUNCTION_WORDS = _load_words()


def english_share(text: str) -> tuple[float, int]:
    """The share of words in (the start of) `text` that are English function words, and the word count."""
    words = WORD.findall(text[:SAMPLE_CHARS].lower())
    if not words:
        return 0.0, 0
    hits = sum(1 for w in words if w in FUNCTION_WORDS)
    return hits / len(words), len(words)


def latin_share(text: str) -> tuple[float, int]:
    """The share of the letters in (the start of) `text` that are Latin letters, and the
    letter count: a text in Chinese, Arabic or Cyrillic has no spaces or few words to judge
    by, but its letters tell."""
    letters = [c for c in text[:SAMPLE_CHARS] if c.isalpha()]
    if not letters:
        return 1.0, 0
    latin = sum(1 for c in letters if c < "\u0250" or "\u1e00" <= c <= "\u1eff")
    return latin / len(letters), len(letters)


def check_english(text: str, origin: str, min_share: float) -> None:
    """Raise NotEnglishError when `text` does not look like English."""
    if min_share <= 0:
        return
    latin, letters = latin_share(text)
    if letters and latin < MIN_LATIN:
        raise NotEnglishError(
            origin,
            f"does not look like English (only {latin:.0%} of its letters are Latin letters)",
            "sayso reads English only: translate it first",
        )
    share, count = english_share(text)
    if count >= MIN_WORDS and share < min_share:
        raise NotEnglishError(
            origin,
            f"does not look like English ({share:.0%} common English words, needs {min_share:.0%})",
            "sayso reads English only: translate it first, or lower --min-english if it is English",
        )
