"""What a stage is: a plain function of a `Draft` (a record under construction), declared with
the name it runs under, the draft fields it needs and the fields it sets.

    @stage("events", needs=("doc", "entities"), sets=("events",))
    def find_events(draft: Draft, settings: Settings) -> Draft: ...

`stage` returns a `Stage`, which is called like the function. The pipeline (sayso.pipeline)
chains stages in order, checks when it is built that every field a stage needs is set by the
parse ("doc") or an earlier stage, and owns the error policy.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable, Optional

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
from sayso.settings import Settings


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


FIELDS = tuple(f.name for f in dataclasses.fields(Draft))
StageFunc = Callable[[Draft, Settings], Draft]
Prepare = Callable[[Settings], Any]


@dataclass(frozen=True)
class Stage:
    """A named step of the pipeline; calling it calls its function."""

    name: str
    func: StageFunc
    needs: tuple[str, ...] = ()
    sets: tuple[str, ...] = ()
    prepare: Optional[Prepare] = None  # loads what the stage needs once, before any article's time budget

    def __post_init__(self) -> None:
        unknown = [f for f in self.needs + self.sets if f not in FIELDS]
        if unknown:
            raise ValueError(f"stage {self.name!r}: {', '.join(unknown)} not a Draft field "
                             f"({', '.join(FIELDS)})")

    def __call__(self, draft: Draft, settings: Settings) -> Draft:
        return self.func(draft, settings)


def stage(name: str, needs: tuple[str, ...] = (), sets: tuple[str, ...] = (),
          prepare: Optional[Prepare] = None) -> Callable[[StageFunc], Stage]:
    """Declare `func(draft, settings) -> draft` as the stage `name`; `prepare(settings)`, if given,
    loads its data (a gazetteer, a model) once per process, outside the time budget of an article."""

    def declare(func: StageFunc) -> Stage:
        return Stage(name, func, tuple(needs), tuple(sets), prepare)

    return declare
