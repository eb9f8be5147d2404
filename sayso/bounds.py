"""Bounded work per article: whatever the input, one article costs a bounded time and memory.

- Words: an article longer than `Settings.max_words` words is not extracted (the later stages
  grow faster than the text: a 1 MB article on one line took minutes and gigabytes); it is
  reported in one line, and the run goes on. Counting stops at the bound, so a 5 MB line is
  refused in milliseconds.
- Sentences: a stretch of more than `Settings.max_sentence_tokens` tokens without a sentence
  end (a "sentence" with no full stops, a paragraph of one run-on line) is cut into pieces of
  that many tokens before parsing (`cap_sentences`, run by the spaCy component
  `sayso_sentence_cap` before the parser, sayso/parse.py).
  Only sentence starts are set: the text, and every offset into it, stay as read.
- Parse batches: at most `BATCH_CHARS` characters go through spaCy at once.
- Time: the stages after parsing run under a budget of `Settings.article_seconds` per article.
  In the main thread a timer interrupts an article over its budget (in-process runs are
  bounded too); elsewhere the budget is checked between stages. A worker process that hangs
  regardless is stopped by its pool (sayso.scale.workers). Reading one HTML page or feed has a
  budget of its own, `READ_SECONDS` (a page whose author field holds 50,000 brackets kept
  trafilatura's regular expressions busy for minutes).
"""
from __future__ import annotations

import re
import signal
import threading
import time
from contextlib import contextmanager
from typing import Any, Iterable, Iterator

from sayso.errors import ExtractionError

WORD = re.compile(r"\S+")
BATCH_CHARS = 400_000  # characters parsed in one nlp.pipe batch
READ_SECONDS = 30.0  # time one HTML page or feed may take to read (hostile markup can take hours)
SENTENCE_ENDS = frozenset(".!?")


class OverBound(ExtractionError):
    """An article over a bound of work: too many words, or over its time budget."""


def check_words(text: str, origin: str, max_words: int) -> None:
    """OverBound when `text` has more than `max_words` words (counted up to the bound only)."""
    if max_words <= 0:
        return
    for count, _ in enumerate(WORD.finditer(text), start=1):
        if count > max_words:
            raise OverBound(f"{origin}: too long to extract (more than {max_words:,} words, the limit); "
                            "split it into articles, or raise --max-words")


def size_batches(items: Iterable[Any], size: int, max_chars: int = BATCH_CHARS) -> Iterator[list]:
    """Lists of up to `size` items and about `max_chars` characters of text (one long article
    goes alone)."""
    batch: list = []
    chars = 0
    for item in items:
        length = len(getattr(item, "text", "") or "")
        if batch and (len(batch) >= size or chars + length > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += length
    if batch:
        yield batch


def cap_sentences(doc: Any, max_tokens: int) -> Any:
    """Start a sentence after every `max_tokens` tokens that hold no sentence end."""
    run = 0
    for token in doc:
        if token.is_sent_start or (token.i and _ends(doc[token.i - 1])):
            run = 0
        run += 1
        if run > max_tokens and not token.is_space:
            token.is_sent_start = True
            run = 1
    return doc


def _ends(token: Any) -> bool:
    return token.text in SENTENCE_ENDS or (token.is_space and "\n" in token.text)


class _Budget:
    def __init__(self, seconds: float, origin: str):
        self.seconds, self.origin = seconds, origin
        self.deadline = time.monotonic() + seconds

    def error(self) -> OverBound:
        return OverBound(f"{self.origin}: extraction took longer than {self.seconds:g} s (the budget per "
                         "article); split the article, or raise --article-seconds")

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise self.error()


@contextmanager
def time_budget(seconds: float, origin: str) -> Iterator[_Budget]:
    """A budget for one article: OverBound is raised in the block once it is spent (by a timer
    in the main thread; by `check()` elsewhere). 0 or less: no budget."""
    budget = _Budget(seconds if seconds > 0 else float("inf"), origin)
    timer = (seconds > 0 and threading.current_thread() is threading.main_thread()
             and hasattr(signal, "setitimer") and signal.getitimer(signal.ITIMER_REAL)[0] == 0)  # not nested
    if not timer:
        yield budget
        return

    def expired(signum, frame):
        raise budget.error()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield budget
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
