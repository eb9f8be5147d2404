"""Bounded streaming: articles are pulled from the input only as fast as results go out.

`Window` is the one place that bounds memory. Every batch pulled from the input stays counted
in the window until its results have been handed to the caller, so whatever the corpus size
the run holds at most `limit` batches (in flight in a worker, or done and waiting for their
turn in input order).
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Generic, Iterable, Iterator, Optional, TypeVar

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to `size` items, pulled lazily."""
    if size < 1:
        raise ValueError("batch size must be at least 1")
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


@dataclass
class Batch(Generic[T]):
    """A numbered slice of the input; `number` gives the input order."""

    number: int
    items: list[T]
    attempts: int = 0


class Window(Generic[T]):
    """Numbered batches out, results back in, at most `limit` batches held at once.

    `take()` pulls the next input batch while fewer than `limit` are held; `finish(n, results)`
    records a batch's results; `ready()` yields the results that may go out now (in input
    order when `ordered`, else as soon as they are finished) and releases their batches.
    """

    def __init__(self, batches: Iterable[list[T]], limit: int, ordered: bool = True):
        if limit < 1:
            raise ValueError("window limit must be at least 1")
        self._source = iter(batches)
        self.limit = limit
        self.ordered = ordered
        self.exhausted = False
        self._next = 0  # number of the next batch to pull
        self._emit = 0  # number of the next batch to hand out, in order
        self._done: dict[int, list] = {}
        self.held = 0

    def can_take(self) -> bool:
        return not self.exhausted and self.held < self.limit

    def take(self) -> Optional[Batch[T]]:
        if not self.can_take():
            return None
        chunk = next(self._source, None)
        if chunk is None:
            self.exhausted = True
            return None
        batch = Batch(self._next, chunk)
        self._next += 1
        self.held += 1
        return batch

    def stop(self) -> None:
        """Pull nothing more from the input (batches already taken still finish)."""
        self.exhausted = True

    def finish(self, number: int, results: list) -> None:
        self._done[number] = results

    def ready(self) -> Iterator[list]:
        if not self.ordered:
            while self._done:
                _, results = self._done.popitem()
                self.held -= 1
                yield results
            return
        while self._emit in self._done:
            results = self._done.pop(self._emit)
            self._emit += 1
            self.held -= 1
            yield results

    @property
    def idle(self) -> bool:
        """Nothing held and nothing more to pull."""
        return self.exhausted and self.held == 0



class Isolation:
    """A batch being run one article at a time, after it killed its worker twice.

    `start` gives the (index, item) pairs to run alone; `finish` takes each one's result and
    gives the whole batch's results once the last is in.
    """

    def __init__(self) -> None:
        self._open: dict[int, list] = {}
        self._left: dict[int, int] = {}

    def start(self, batch: Batch) -> list[tuple[int, object]]:
        self._open[batch.number] = [None] * len(batch.items)
        self._left[batch.number] = len(batch.items)
        return list(enumerate(batch.items))

    def finish(self, batch: Batch, index: int, result: object) -> Optional[list]:
        """The batch's results once the last article is in, else None."""
        self._open[batch.number][index] = result
        self._left[batch.number] -= 1
        if self._left[batch.number]:
            return None
        del self._left[batch.number]
        return self._open.pop(batch.number)
