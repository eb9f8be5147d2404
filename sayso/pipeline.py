"""The orchestrator: read -> clean -> parse -> entities -> attributions -> events -> resolve.

The stages run in the order of `STAGES`; the parse runs just before the first stage that needs
the spaCy Doc. `check` verifies, when a pipeline is built, that every field a stage needs is
set by the parse or an earlier stage (as spaCy's analyze_pipes does). One runner chains the
stages and owns the error policy: an article that fails in any stage becomes a `Failure`
carrying its origin, the error, its type and traceback, and the batch goes on; with
`Settings(strict=True)` the error is raised instead.
"""
from __future__ import annotations

import logging
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, Union

from sayso.bounds import OverBound, check_words, size_batches, time_budget
from sayso.errors import ExtractionError, SaysoError
from sayso.nlp.memo import remember_text
from sayso.record import Article, Failure, Record
from sayso.settings import DEFAULT, Settings
from sayso.stages.actors import code_actors
from sayso.stages.anchor import anchor_events
from sayso.stages.attribution import find_attributions
from sayso.stages.base import Draft, Stage
from sayso.stages.clean import mark_boilerplate
from sayso.stages.dates import resolve_times
from sayso.stages.entities import find_entities
from sayso.stages.events import find_events
from sayso.stages.places import resolve_places

log = logging.getLogger("sayso")

# The stages in flow order.
STAGES: tuple[Stage, ...] = (
    mark_boilerplate, find_entities, find_attributions, find_events,
    resolve_places, resolve_times, code_actors, anchor_events,
)
PARSED = "doc"  # the field the parse sets
_default = [STAGES]  # what extraction runs when given no stages; changed only through `register`


class PipelineError(SaysoError):
    """Stages that cannot run in the order given (a field needed before it is set, a name twice)."""


def check(stages: Sequence[Stage]) -> tuple[Stage, ...]:
    """`stages` as a tuple, after checking names and what each needs against what comes before."""
    names = [s.name for s in stages]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise PipelineError(f"stage names given twice: {', '.join(twice)}")
    have = {"article", PARSED}
    for s in stages:
        missing = [f for f in s.needs if f not in have]
        if missing:
            raise PipelineError(f"stage {s.name!r} needs {', '.join(missing)}, which no stage before it "
                                f"sets; put it after the stage that sets it")
        have.update(s.sets)
    return tuple(stages)


def with_stage(stages: Sequence[Stage], new: Stage, after: Optional[str] = None,
               before: Optional[str] = None) -> tuple[Stage, ...]:
    """`stages` with `new`: in place of the stage of the same name, else after or before the one
    named, else at the end; checked."""
    kept = [s for s in stages if s.name != new.name]
    anchor = after or before
    if anchor is None:
        same = [i for i, s in enumerate(stages) if s.name == new.name]
        at = same[0] if same else len(kept)
    else:
        where = [i for i, s in enumerate(kept) if s.name == anchor]
        if not where:
            raise PipelineError(f"no stage {anchor!r}; the stages are {', '.join(s.name for s in kept)}")
        at = where[0] + (1 if after else 0)
    return check(kept[:at] + [new] + kept[at:])


def default_stages() -> tuple[Stage, ...]:
    """The stages this process runs when an extraction is given none."""
    return _default[0]


def register(new: Stage, after: Optional[str] = None, before: Optional[str] = None) -> tuple[Stage, ...]:
    """Add a stage to this process's default stages, or replace the one of the same name (see
    `with_stage`). Worker processes run it too when this is called from `setup=`."""
    _default[0] = with_stage(_default[0], new, after, before)
    return _default[0]


def reset() -> None:
    """Back to the packaged stages."""
    _default[0] = STAGES


def split(stages: Sequence[Stage]) -> tuple[tuple[Stage, ...], tuple[Stage, ...]]:
    """The stages before the parse and those from the first that needs the Doc on."""
    for i, s in enumerate(stages):
        if PARSED in s.needs:
            return tuple(stages[:i]), tuple(stages[i:])
    return tuple(stages), ()


def run_stages(draft: Draft, stages: Iterable[Stage], settings: Settings,
               check: Callable[[], None] = lambda: None) -> Union[Draft, Failure]:
    for s in stages:
        try:
            check()
            draft = s(draft, settings)
        except OverBound as exc:
            return Failure(draft.article.origin, str(exc), "bounds")
        except Exception as exc:  # one bad article never stops the batch
            origin = draft.article.origin
            if settings.strict:
                raise ExtractionError(f"{origin or draft.article.id}: the {s.name} stage failed: "
                                      f"{type(exc).__name__}: {exc}") from exc
            log.debug("%s: the %s stage failed", origin, s.name, exc_info=exc)
            return Failure.of(origin, exc, s.name, str(exc) if isinstance(exc, SaysoError) else stage_error(exc))
    return draft


def stage_error(exc: Exception) -> str:
    """A stage's failure in words: too deep or too large for the input's sake, else the error."""
    if isinstance(exc, RecursionError):
        return "the article is too deeply nested or too long to extract; split it"
    if isinstance(exc, MemoryError):
        return "the article is too large to extract in the memory available; split it"
    return f"{type(exc).__name__}: {exc}"


def extract(
    items: Iterable[Union[Article, Failure]], settings: Settings = DEFAULT, nlp: Optional[Any] = None,
    stages: Optional[Sequence[Stage]] = None,
) -> Iterator[Union[Record, Failure]]:
    """Records for articles, in input order; failures (read or extract) pass through in place."""
    from sayso.nlp.parse import load_model

    nlp = nlp or load_model(settings)
    before, after = split(check(default_stages() if stages is None else stages))
    prepare(before + after, settings)
    for batch in size_batches(items, settings.batch_size):
        yield from _extract_batch(batch, nlp, settings, before, after)


def prepare(stages: Sequence[Stage], settings: Settings) -> None:
    """Load each stage's data before the first article, so that building a cache on first use
    (the gazetteer's index: a minute on a slow machine) never counts against an article's budget."""
    for s in stages:
        if s.prepare is not None:
            s.prepare(settings)


def _prepared(item: Union[Article, Failure], settings: Settings, before: tuple[Stage, ...]) -> Union[Draft, Failure]:
    if isinstance(item, Failure):
        return item
    try:
        check_words(item.text, item.origin or item.id, settings.max_words)
    except OverBound as exc:
        return Failure(item.origin, str(exc), "bounds")
    return run_stages(Draft(item), before, settings)


def _extract_batch(batch: list, nlp: Any, settings: Settings, before: tuple[Stage, ...],
                   after: tuple[Stage, ...]) -> Iterator[Union[Record, Failure]]:
    prepared = [_prepared(item, settings, before) for item in batch]
    drafts = [d for d in prepared if isinstance(d, Draft)]
    docs = iter(nlp.pipe((d.article.text for d in drafts), batch_size=settings.batch_size))
    for item in prepared:
        if isinstance(item, Failure):
            yield item
            continue
        doc = next(docs)
        remember_text(doc, item.article.text)  # the stages read the doc's text through the memo
        yield _finish(item.set(doc=doc), after, settings)


def _finish(draft: Draft, after: tuple[Stage, ...], settings: Settings) -> Union[Record, Failure]:
    """The stages after the parse within the article's time budget, and the record."""
    try:
        with time_budget(settings.article_seconds, draft.article.origin or draft.article.id) as budget:
            done = run_stages(draft, after, settings, budget.check)
            return done if isinstance(done, Failure) else done.record()
    except OverBound as exc:  # the timer fired between stages
        return Failure(draft.article.origin, str(exc), "bounds")


def extract_one(article: Article, settings: Settings = DEFAULT) -> Record:
    """Extract a single article, raising on failure (for the library user and tests)."""
    (result,) = extract([article], settings.replace(strict=True))
    if isinstance(result, Failure):
        raise ExtractionError(f"{result.origin}: {result.error}")
    return result
