"""Ctrl-C stops a run cleanly: the batches already under way finish and are handed out, then
the run ends with `interrupted` set, so a store can commit what it has and exit. A second
Ctrl-C stops at once (KeyboardInterrupt).

Worker processes ignore SIGINT (the terminal sends it to the whole process group); only the
parent decides when to stop.
"""
from __future__ import annotations

import signal
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator


@dataclass
class StopFlag:
    requested: bool = False


@contextmanager
def stop_on_interrupt(announce: bool = True) -> Iterator[StopFlag]:
    """A flag set by the first Ctrl-C while the block runs (main thread only; elsewhere the
    flag never rises and Ctrl-C keeps its usual meaning)."""
    flag = StopFlag()
    if threading.current_thread() is not threading.main_thread():
        yield flag
        return

    def handler(signum, frame):
        if flag.requested:
            raise KeyboardInterrupt
        flag.requested = True
        if announce:
            print("\nsayso: stopping after the current batch (Ctrl-C again to stop now)", file=sys.stderr)

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield flag
    finally:
        signal.signal(signal.SIGINT, previous)


def ignore_interrupts() -> None:
    """For worker processes: leave Ctrl-C to the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
