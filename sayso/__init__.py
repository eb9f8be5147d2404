"""sayso: news reports to an event ledger in which every event carries who says so and how sure.

    import sayso
    extractor = sayso.load()
    record = extractor("Rebels seized the town, officials said.")
    record.events, record.attributions, record.to_json()

`load` and `Extractor` import the pipeline (and spaCy) when first used, so that importing sayso
(or running `sayso query`) stays fast.
"""
from __future__ import annotations

import logging
from importlib import metadata
from typing import TYPE_CHECKING, Any, Optional, Sequence

from sayso.errors import ExtractionError, InputError, LedgerError, SaysoError
from sayso.record import (
    Article,
    Attribution,
    Boilerplate,
    Entity,
    Event,
    Failure,
    Meta,
    Place,
    Record,
    Source,
    Span,
    TimeValue,
    record_from_dict,
)
from sayso.settings import Settings

if TYPE_CHECKING:
    from sayso.api import Extractor
    from sayso.stages.base import Stage

logging.getLogger("sayso").addHandler(logging.NullHandler())

try:
    __version__ = metadata.version("sayso")
except metadata.PackageNotFoundError:  # a source tree that is not installed
    __version__ = "0.0.0"

__all__ = [
    "__version__", "load", "Extractor", "Settings",
    "Article", "Meta", "Record", "Span", "Boilerplate", "Entity", "Place", "Attribution", "Source",
    "Event", "TimeValue", "Failure", "record_from_dict",
    "SaysoError", "InputError", "LedgerError", "ExtractionError",
]


def load(settings: Optional[Settings] = None, stages: Optional[Sequence["Stage"]] = None) -> "Extractor":
    """An Extractor: call it on a text or an Article for its Record; `pipe` many through it."""
    from sayso.api import load as _load

    return _load(settings, stages)


def __getattr__(name: str) -> Any:
    if name == "Extractor":
        from sayso.api import Extractor

        return Extractor
    raise AttributeError(f"module 'sayso' has no attribute {name!r}")
