"""Small helpers every part may use: batches of an iterable, optional dependencies."""
from __future__ import annotations

import importlib
from itertools import islice
from pathlib import Path
from types import ModuleType
from typing import Iterable, Iterator, TypeVar

from sayso.errors import SaysoError

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to `size` items, in order."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class MissingExtra(SaysoError):
    """An optional dependency is not installed; the message names the extra that brings it."""


def require(module: str, extra: str) -> ModuleType:
    """Import an optional dependency, or say which extra to install: `sayso[serve]` ..."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtra(
            f"{module} is not installed; install it with: pip install 'sayso[{extra}]'"
        ) from exc


DATA = Path(__file__).resolve().parent / "data"


def data_rows(name: str) -> list[list[str]]:
    """The tab-separated rows of a file in sayso/data, without comments and blank lines."""
    lines = (DATA / name).read_text("utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
