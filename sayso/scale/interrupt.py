"""Ctrl-C stops a run cleanly: the batches already under way finish and are handed out, then
the run ends with `interrupted` set, so a store can commit what it has and exit. A second
Ctrl-C stops at once (KeyboardInterrupt; the worker processes are killed, not waited for).
SIGTERM (`kill PID`, a service manager stopping the run) does the same as Ctrl-C.

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

from sayso.scale.signals import STOP_SIGNALS


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
            how = "Ctrl-C" if signum == signal.SIGINT else "SIGTERM"
            print(f"\nsayso: stopping after the current batch ({how} again to stop now)", file=sys.stderr)

    previous = {signum: signal.signal(signum, handler) for signum in STOP_SIGNALS}
    try:
        yield flag
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def ignore_interrupts() -> None:
    """For worker processes: leave Ctrl-C to the parent (a SIGTERM sent to the worker itself
    still ends it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
