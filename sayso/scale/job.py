"""The unit of work every path shares: extract one batch of articles in this process.

`prepare` runs once per process (the optional setup hook, then the spaCy model, cached by
`sayso.nlp.parse.load_model`); `extract_batch` never raises for one bad article: if the batch as a
whole fails (say, in the parser), each article is tried alone and the ones that still fail
become `Failure`s with their error.
"""
from __future__ import annotations

import threading
from typing import Any, Callable, Optional, Union

from sayso.record import Article, Failure, Record
from sayso.settings import Settings

Setup = Optional[Callable[[], None]]
Result = Union[Record, Failure]

_prepared: set[str] = set()
_lock = threading.Lock()  # one extraction at a time per process: spaCy gains nothing from threads


def prepare(settings: Settings, setup: Setup = None) -> Any:
    """Run `setup` once in this process, then load the model (once) and return it."""
    from sayso.nlp.parse import load_model  # spaCy is imported where extraction runs, not before

    with _lock:
        key = repr(setup)
        if key not in _prepared:
            if setup is not None:
                setup()
            _prepared.add(key)
        return load_model(settings)


def extract_batch(items: list, settings: Settings, nlp: Any) -> list[Result]:
    """Records and failures for `items`, in order, one per item."""
    from sayso import pipeline

    with _lock:
        try:
            return list(pipeline.extract(items, settings, nlp))
        except Exception:  # the batch as a whole failed: find the article that did it
            return [_extract_alone(item, settings, nlp) for item in items]


def _extract_alone(item: Union[Article, Failure], settings: Settings, nlp: Any) -> Result:
    from sayso import pipeline

    try:
        (result,) = pipeline.extract([item], settings, nlp)
        return result
    except Exception as exc:
        origin = item.origin if isinstance(item, (Article, Failure)) else "?"
        return Failure.of(origin, exc, "parse")


def died(item: Union[Article, Failure], exitcode: Optional[int], timed_out: Optional[float] = None) -> Failure:
    """The failure recorded for an article that kills (or hangs) the process extracting it."""
    if isinstance(item, Failure):
        return item
    origin = item.origin or item.id
    if timed_out is not None:
        return Failure(origin, f"extraction took longer than {timed_out:.0f} s; its worker process was stopped", "timeout")
    how = f"signal {-exitcode}" if exitcode is not None and exitcode < 0 else f"exit status {exitcode}"
    return Failure(origin, f"the worker process died ({how}) while extracting this article", "worker")
