"""Local parallelism: a pool of worker processes, each loading the spaCy model once.

Why a pool of our own rather than `nlp.pipe(n_process=N)`: the parent must know which batch a
worker held when it died, to retry it; spaCy's multiprocessing hides its workers, and a
crashed one hangs or fails the whole pipe. Here each worker holds one batch at a time over its
own pipe, so a death (segfault, os._exit, the OOM killer) is seen on the process sentinel and
costs only that batch: it goes to a fresh process once more, and if it kills that one too it is
run one article at a time, so the article that kills its worker is recorded as a `Failure`
and every other article comes out.

Workers start from a fork server that has already imported spaCy and sayso, so a restart
costs the model load only.
"""
from __future__ import annotations

import multiprocessing as mp
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Iterator, Optional

from sayso.errors import SaysoError
from sayso.scale.batches import Batch, Isolation, Window
from sayso.scale.interrupt import StopFlag, ignore_interrupts
from sayso.scale.signals import die_with_parent, quiet_exit
from sayso.scale.job import Result, Setup, died, extract_batch, prepare
from sayso.record import Article
from sayso.settings import Settings

PRELOAD = ["spacy", "sayso.pipeline", "sayso.scale.job"]
TIMEOUT = 60.0  # seconds a batch may take before its worker is stopped, plus 1 s per 1,000 characters


@dataclass
class Task:
    """A batch, or one article of a batch being isolated (`part` = its index)."""

    batch: Batch
    items: list
    part: Optional[int] = None
    attempts: int = 0


def _serve(conn: Connection, settings: Settings, setup: Setup) -> None:
    """A worker process: load once, then extract batches until told to stop."""
    ignore_interrupts()
    die_with_parent()
    try:
        nlp = prepare(settings, setup)
    except Exception as exc:
        _send(conn, ("fatal", f"{type(exc).__name__}: {exc}"))
        return
    _send(conn, ("ready", None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        _send(conn, ("done", extract_batch(message, settings, nlp)))


def _send(conn: Connection, message: tuple) -> None:
    """Send to the parent; if it is gone, leave quietly (no BrokenPipeError traceback)."""
    try:
        conn.send(message)
    except (OSError, EOFError):
        quiet_exit()


def _context() -> Any:
    methods = mp.get_all_start_methods()
    if "forkserver" not in methods:
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


class _Worker:
    def __init__(self, ctx: Any, settings: Settings, setup: Setup):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, settings, setup), daemon=True)
        self.process.start()
        child.close()
        self.task: Optional[Task] = None
        self.ready = False
        self.deadline = float("inf")
        self.timed_out = False

    def send(self, task: Task, budget: float) -> None:
        self.task = task
        self.deadline = time.monotonic() + budget
        self.conn.send(task.items)

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=1)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class Pool:
    """`workers` processes extracting numbered batches from a `Window`."""

    def __init__(self, workers: int, settings: Settings, setup: Setup = None, timeout: float = TIMEOUT):
        if workers < 1:
            raise ValueError("a pool needs at least one worker")
        self.settings, self.setup, self.timeout = settings, setup, timeout
        self._ctx = _context()
        self.workers = [_Worker(self._ctx, settings, setup) for _ in range(workers)]
        self.retry: deque[Task] = deque()
        self._isolation = Isolation()

    def close(self, now: bool = False) -> None:
        """Stop the workers: let them finish (default), or kill them at once (`now`)."""
        for worker in self.workers:
            worker.kill() if now else worker.stop()

    def __enter__(self) -> "Pool":
        return self

    def __exit__(self, kind: Any, *exc: Any) -> None:
        self.close(now=kind is not None)  # Ctrl-C twice, an error, the caller gone: no waiting

    def run(self, window: Window, stop: StopFlag) -> Iterator[list[Result]]:
        """Results of each batch in the window, as the window hands them out."""
        while True:
            if stop.requested:
                window.stop()
            self._dispatch(window)
            yield from window.ready()
            busy = [w for w in self.workers if w.task is not None or not w.ready]
            if not busy and not self.retry:
                if window.idle:
                    return
                if not window.can_take():
                    raise RuntimeError("scale pool: batches held but none running")
                continue
            self._collect(window, busy)

    def _dispatch(self, window: Window) -> None:
        for worker in list(self.workers):
            if not worker.ready or worker.task is not None:
                continue
            if not worker.process.is_alive():  # died while idle: nothing lost
                self._replace(worker, window)
                continue
            task = self.retry.popleft() if self.retry else None
            if task is None:
                batch = window.take()
                if batch is None:
                    return
                task = Task(batch, batch.items)
            try:
                worker.send(task, self._budget(task))
            except OSError:  # died just now, before it could read the task
                worker.task = None
                self.retry.appendleft(task)
                self._replace(worker, window)

    def _budget(self, task: Task) -> float:
        """Seconds a task may take: `timeout`, plus a second per 1,000 characters of text."""
        chars = sum(len(item.text) for item in task.items if isinstance(item, Article))
        return self.timeout + chars / 1000

    def _stop_hung(self, busy: list[_Worker]) -> None:
        """Kill workers past their deadline: a hung article must not block the run."""
        now = time.monotonic()
        for worker in busy:
            if worker.task is not None and now > worker.deadline and not worker.timed_out:
                worker.timed_out = True
                worker.process.kill()

    def _collect(self, window: Window, busy: list[_Worker]) -> None:
        self._stop_hung(busy)
        watched = {w.conn: w for w in busy} | {w.process.sentinel: w for w in busy}
        for handle in wait(list(watched), timeout=1.0):
            worker = watched[handle]
            if worker not in self.workers:
                continue  # replaced already, seen through its other handle
            message = self._receive(worker)
            if message is None:
                self._replace(worker, window)
            elif message[0] == "fatal":
                raise SaysoError(f"a worker process could not start: {message[1]}")
            elif message[0] == "ready":
                worker.ready = True
            elif message[0] == "done":
                task, worker.task = worker.task, None
                self._finished(task, message[1], window)

    @staticmethod
    def _receive(worker: _Worker) -> Optional[tuple]:
        try:
            if worker.conn.poll():
                return worker.conn.recv()
        except (EOFError, OSError):
            return None
        return None if not worker.process.is_alive() else ("wait", None)

    def _replace(self, worker: _Worker, window: Window) -> None:
        """A worker died: start a fresh one, and retry or isolate what it held."""
        worker.process.join()
        exitcode, task = worker.process.exitcode, worker.task
        worker.conn.close()
        index = self.workers.index(worker)
        self.workers[index] = _Worker(self._ctx, self.settings, self.setup)
        if task is None and worker.ready:
            return  # it held nothing
        if task is None:
            raise SaysoError(
                f"a worker process died while starting (exit status {exitcode}); a script that "
                "starts workers needs its code under `if __name__ == \"__main__\":`"
            )
        self._after_death(task, exitcode, window, self._budget(task) if worker.timed_out else None)

    def _after_death(self, task: Task, exitcode: Optional[int], window: Window, timed_out: Optional[float]) -> None:
        if task.part is not None:  # one article alone killed its worker: that is its result
            self._finished(task, [died(task.items[0], exitcode, timed_out)], window)
        elif task.attempts == 0 and timed_out is None:  # a hang would hang again: isolate now
            task.attempts += 1
            self.retry.appendleft(task)
        else:
            for i, item in reversed(self._isolation.start(task.batch)):
                self.retry.appendleft(Task(task.batch, [item], part=i))

    def _finished(self, task: Task, results: list, window: Window) -> None:
        if task.part is None:
            window.finish(task.batch.number, results)
            return
        done = self._isolation.finish(task.batch, task.part, results[0])
        if done is not None:
            window.finish(task.batch.number, done)
