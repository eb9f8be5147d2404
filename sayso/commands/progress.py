"""Progress bars on stderr, only when stderr is a terminal."""
from __future__ import annotations

import sys
from typing import Iterable, Iterator, Optional, TypeVar

T = TypeVar("T")


def progress(items: Iterable[T], unit: str = "article", total: Optional[int] = None) -> Iterator[T]:
    if not sys.stderr.isatty():
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, unit=unit, total=total, file=sys.stderr, delay=1.0, dynamic_ncols=True)
