"""Progress bars on stderr: only when stderr is a terminal and more than one item comes."""
from __future__ import annotations

import logging
import sys
from itertools import chain, islice
from typing import Iterable, Iterator, Optional, TypeVar

T = TypeVar("T")


def progress(
    items: Iterable[T], unit: str = "article", total: Optional[int] = None, enabled: bool = True
) -> Iterator[T]:
    """`items`, unchanged, with a tqdm bar on a terminal once a second item arrives."""
    it = iter(items)
    if not enabled or not sys.stderr.isatty():
        yield from it
        return
    head = list(islice(it, 2))
    if len(head) < 2:
        yield from head
        return
    from tqdm import tqdm

    with tqdm(total=total, unit=unit, file=sys.stderr, dynamic_ncols=True, leave=False) as bar:
        for item in chain(head, it):
            yield item
            bar.update(1)


def note(message: str) -> None:
    """One line on stderr, written so that it does not break a progress bar on the terminal."""
    if sys.stderr.isatty():
        from tqdm import tqdm

        tqdm.write(message, file=sys.stderr)
    else:
        print(message, file=sys.stderr)


class _NoteHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        note(f"sayso: warning: {record.getMessage()}")


def show_warnings() -> None:
    """Warnings of the library (logger "sayso": a file decoded with bytes replaced, ...) as
    one line each on stderr."""
    logger = logging.getLogger("sayso")
    if not any(isinstance(h, _NoteHandler) for h in logger.handlers):
        logger.addHandler(_NoteHandler(logging.WARNING))
        logger.setLevel(logging.WARNING)
