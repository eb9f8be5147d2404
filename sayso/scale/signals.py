"""Signals and process lifetimes: SIGTERM stops a run like Ctrl-C, and a worker process never
outlives the process that started it.

A worker busy with a batch does not read its pipe, so it would only notice a dead parent when
it tries to send the results (a BrokenPipeError traceback, seconds later, holding its memory
all the while). `die_with_parent` makes it go at once and quietly: on Linux the kernel kills it
when its parent dies (PR_SET_PDEATHSIG), and everywhere a watcher thread waits on the parent's
sentinel and exits the process.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing as mp
import os
import signal
import sys
import threading
from multiprocessing.connection import wait

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)  # both stop a run gracefully; the second at once
PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Exit this process, without a word, as soon as the process that started it dies."""
    _kernel_death_signal()
    parent = mp.parent_process()
    sentinel = getattr(parent, "sentinel", None)
    if sentinel is None:
        return
    threading.Thread(target=_watch, args=(sentinel,), name="sayso-parent-watch", daemon=True).start()


def _watch(sentinel: int) -> None:
    wait([sentinel])
    quiet_exit()


def quiet_exit(status: int = 0) -> None:
    """Leave now: no cleanup, no traceback, nothing more on stderr."""
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(status)


def _kernel_death_signal() -> None:
    """Linux: SIGKILL when the parent thread dies. A forkserver child's parent is the fork
    server, which itself ends with the run; the watcher covers the run's own process."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def sigterm_as_sigint() -> None:
    """Outside a run too, SIGTERM does what Ctrl-C does (KeyboardInterrupt), so a command that
    is terminated says so and cleans up. Main thread only."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, signal.default_int_handler)


def stop_now(code: int) -> None:
    """Leave the process at once after a stop: what is stored is stored and said; tearing
    down the interpreter (the model, the gazetteer: millions of objects) would take seconds."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
