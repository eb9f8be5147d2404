"""The orchestrator: read -> clean -> parse -> entities -> attributions -> events -> resolve.

A stage is a plain function `(draft, settings) -> draft`, registered by name with what it needs
and what it sets. One runner chains them and owns the error policy: an article that fails in
any stage becomes a `Failure` carrying its origin and the error, and the batch goes on.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Optional, Union

from sayso.bounds import OverBound, check_words, size_batches, time_budget
from sayso.errors import SaysoError
from sayso.record import (
    Article,
    Attribution,
    Boilerplate,
    Entity,
    Event,
    Place,
    Record,
    TimeValue,
)
from sayso.settings import DEFAULT, Settings


@dataclass(frozen=True)
class Draft:
    """A record under construction, with the parsed spaCy Doc beside it."""

    article: Article
    doc: Any = None
    boilerplate: tuple[Boilerplate, ...] = ()
    entities: tuple[Entity, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    events: tuple[Event, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeValue, ...] = ()

    def set(self, **changes: Any) -> "Draft":
        return dataclasses.replace(self, **changes)

    def record(self) -> Record:
        a = self.article
        return Record(
            id=a.id,
            text=a.text,
            meta=a.meta,
            boilerplate=self.boilerplate,
            entities=self.entities,
            places=self.places,
            attributions=self.attributions,
            events=self.events,
            times=self.times,
        )


@dataclass(frozen=True)
class Failure:
    """An article that could not be read or extracted; reported, never fatal to the batch."""

    origin: str
    error: str
    stage: str = "read"


StageFunc = Callable[[Draft, Settings], Draft]


@dataclass(frozen=True)
class Stage:
    name: str
    func: StageFunc
    needs: tuple[str, ...]
    sets: tuple[str, ...]


STAGES: dict[str, Stage] = {}


def stage(name: str, needs: tuple[str, ...] = (), sets: tuple[str, ...] = ()):
    """Register a stage function under `name`."""

    def register(func: StageFunc) -> StageFunc:
        STAGES[name] = Stage(name, func, needs, sets)
        return func

    return register


# Stages that work on the text before parsing, then those that need the parse, in order.
BEFORE_PARSE = ("clean",)
AFTER_PARSE = ("entities", "attributions", "events", "places", "times", "actors", "anchor")


def _load_stages() -> None:
    # Importing a stage module registers its stages.
    from sayso import actors, attribution, clean, dates, entities, events, places  # noqa: F401


def run_stages(draft: Draft, names: Iterable[str], settings: Settings,
               check: Callable[[], None] = lambda: None) -> Union[Draft, Failure]:
    for name in names:
        try:
            check()
            draft = STAGES[name].func(draft, settings)
        except OverBound as exc:
            return Failure(draft.article.origin, str(exc), "bounds")
        except SaysoError as exc:
            return Failure(draft.article.origin, str(exc), name)
        except Exception as exc:  # one bad article never stops the batch
            return Failure(draft.article.origin, stage_error(exc), name)
    return draft


def stage_error(exc: Exception) -> str:
    """A stage's failure in words: too deep or too large for the input's sake, else the error."""
    if isinstance(exc, RecursionError):
        return "the article is too deeply nested or too long to extract; split it"
    if isinstance(exc, MemoryError):
        return "the article is too large to extract in the memory available; split it"
    return f"{type(exc).__name__}: {exc}"


def batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def extract(
    items: Iterable[Union[Article, Failure]], settings: Settings = DEFAULT, nlp: Optional[Any] = None
) -> Iterator[Union[Record, Failure]]:
    """Records for articles, in input order; failures (read or extract) pass through in place."""
    from sayso.parse import load_model

    _load_stages()
    nlp = nlp or load_model(settings)
    for batch in size_batches(items, settings.batch_size):
        yield from _extract_batch(batch, nlp, settings)


def _prepared(item: Union[Article, Failure], settings: Settings) -> Union[Draft, Failure]:
    if isinstance(item, Failure):
        return item
    try:
        check_words(item.text, item.origin or item.id, settings.max_words)
    except OverBound as exc:
        return Failure(item.origin, str(exc), "bounds")
    return run_stages(Draft(item), BEFORE_PARSE, settings)


def _extract_batch(batch: list, nlp: Any, settings: Settings) -> Iterator[Union[Record, Failure]]:
    prepared = [_prepared(item, settings) for item in batch]
    drafts = [d for d in prepared if isinstance(d, Draft)]
    docs = iter(nlp.pipe((d.article.text for d in drafts), batch_size=settings.batch_size))
    for item in prepared:
        if isinstance(item, Failure):
            yield item
            continue
        doc = next(docs)
        try:
            with time_budget(settings.article_seconds, item.article.origin or item.article.id) as budget:
                done = run_stages(item.set(doc=doc), AFTER_PARSE, settings, budget.check)
                done = done if isinstance(done, Failure) else done.record()
        except OverBound as exc:  # the timer fired between stages
            done = Failure(item.article.origin, str(exc), "bounds")
        yield done


def extract_one(article: Article, settings: Settings = DEFAULT) -> Record:
    """Extract a single article, raising on failure (for the library user and tests)."""
    (result,) = extract([article], settings)
    if isinstance(result, Failure):
        raise SaysoError(f"{result.origin}: {result.error}")
    return result
