"""Dask: the same extraction as Dask tasks over partitions of the input.

The client streams the input into partitions (`partition_size` articles each, whatever the
source: text files, JSONL/CSV/Parquet rows, WARC records) and keeps a bounded number of them
in flight. Each task extracts its partition on a worker, which loads the spaCy model once (the
cached loader in `sayso.scale.job`), and returns the partition's results as a Parquet table
(one row per article: id, origin, status, stage, error, and the record as a JSON string). The
client, the one writer, turns each table back into records for the ledger, in input order, and
with `parts_dir` keeps every table as `part-NNNNNN.parquet` (read back with `read_parts`).

A worker that dies mid-partition has the partition rescheduled by the scheduler (up to its
`allowed-failures`); a partition that still fails is run one article per task, so the article
that kills workers is recorded as a Failure and the rest come out.
"""
from __future__ import annotations

import dataclasses
import io
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

import orjson

from sayso.errors import SaysoError
from sayso.util import require
from sayso.record import Failure
from sayso.record import record_from_dict
from sayso.scale.batches import Batch, Isolation, Window, batched
from sayso.scale.interrupt import StopFlag
from sayso.scale.job import Result, Setup, extract_batch, prepare
from sayso.settings import Settings

RETRIES = 2  # retries of a task that raised; worker deaths are counted by the scheduler
COLUMNS = ("id", "origin", "status", "stage", "error", "record")


def extract_partition(items: list, settings: Settings, setup: Setup = None) -> bytes:
    """On a worker: the partition's results as Parquet bytes."""
    nlp = prepare(settings, setup)
    return to_parquet(extract_batch(items, settings, nlp))


def results_table(results: list[Result]) -> Any:
    """One row per result: id, origin, status (ok/failed), stage, error, record (JSON)."""
    import pyarrow as pa

    rows: dict[str, list] = {name: [] for name in COLUMNS}
    for r in results:
        failed = isinstance(r, Failure)
        rows["id"].append(None if failed else r.id)
        rows["origin"].append(r.origin if failed else (r.meta.path or r.meta.url))
        rows["status"].append("failed" if failed else "ok")
        rows["stage"].append(r.stage if failed else None)
        rows["error"].append(r.error if failed else None)
        rows["record"].append(None if failed else r.to_json())
    return pa.table({name: pa.array(rows[name], pa.string()) for name in COLUMNS})


def to_parquet(results: list[Result]) -> bytes:
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(results_table(results), sink, compression="zstd")
    return sink.getvalue()


def from_parquet(source: Any) -> list[Result]:
    """Results from a partition table (bytes or a path)."""
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(source) if isinstance(source, bytes) else source)
    results: list[Result] = []
    for row in table.to_pylist():
        if row["status"] == "ok":
            results.append(record_from_dict(orjson.loads(row["record"])))
        else:
            results.append(Failure(row["origin"] or "", row["error"] or "", row["stage"] or "worker"))
    return results


def read_parts(parts_dir: str) -> Iterator[Result]:
    """Every result kept in `parts_dir`, partition by partition (to merge them later)."""
    for path in sorted(Path(parts_dir).glob("part-*.parquet")):
        yield from from_parquet(path)


# A LocalCluster's workers spend their core on extraction: no statistical profiler sampling
# the task's stack every 10 ms, event-loop and system checks every half second rather than
# every 20 ms, and the C library's own rule for giving memory back to the system (Dask sets
# MALLOC_TRIM_THRESHOLD_=64 KiB, and spaCy's many short-lived allocations then cost a sixth of
# the worker's time in page faults and system calls). For a cluster of your own, set these
# where its workers start (docs/scale.md).
QUIET_WORKERS = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


def connect(address: str) -> tuple[Any, Any]:
    """A Dask client for `address` ("local:N" starts a LocalCluster), and what to close after."""
    dask = require("dask", "dask")
    require("distributed", "dask")
    require("pyarrow", "dask")
    from distributed import Client, LocalCluster

    if address.startswith("local"):
        _, _, n = address.partition(":")
        try:
            workers = int(n or 2)
        except ValueError as exc:
            raise SaysoError(f"--dask {address}: expected local:N with N a number of workers") from exc
        with dask.config.set(QUIET_WORKERS):  # the worker processes take the config they start with
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=40)
        return Client(cluster), cluster
    try:
        return Client(address, timeout=30), None
    except (OSError, TimeoutError) as exc:
        raise SaysoError(f"--dask {address}: cannot reach the scheduler ({exc}); check the address") from exc


def run_on_dask(source: Iterable, settings: Settings, address: str, ordered: bool, setup: Setup,
                stop: StopFlag, partition_size: int, parts_dir: Optional[str]) -> Iterator[list[Result]]:
    """Articles read here, extracted on the cluster in partitions of `partition_size`."""
    task = (extract_partition, (settings, setup))
    yield from _on_cluster(address, batched(source, partition_size), task, ordered, stop, parts_dir)


def run_files_on_dask(paths: Iterable[str], options: Any, settings: Settings, address: str, ordered: bool,
                      setup: Setup, stop: StopFlag, per_task: int, parts_dir: Optional[str]) -> Iterator[list[Result]]:
    """Input files read and extracted on the workers, `file_partitions` of them per task."""
    partitions = file_partitions(paths, per_task, getattr(options, "skip", ()))
    task = (extract_files, (options, settings, setup))
    yield from _on_cluster(address, partitions, task, ordered, stop, parts_dir)


def _on_cluster(address: str, batches: Iterable[list], task: tuple, ordered: bool, stop: StopFlag,
                parts_dir: Optional[str]) -> Iterator[list[Result]]:
    client, cluster = connect(address)
    try:
        threads = max(1, sum(client.nthreads().values()))
        window = Window(batches, max(4, 2 * threads), ordered)
        yield from _Scheduler(client, task, parts_dir).run(window, stop)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@dataclass(frozen=True)
class _Task:
    batch: Batch
    part: Optional[int] = None  # the index of the one item run alone, when isolating
    attempt: int = 0


class _Scheduler:
    """Submits partitions, turns finished tasks into results, isolates partitions that fail.

    Isolation runs a failed partition's items one task at a time, each alone on the cluster as
    far as that partition goes: the scheduler blames every task a dying worker held, so items
    sent together could take the blame for the one that kills. An item whose task fails is
    tried once more before it is recorded as failed.
    """

    def __init__(self, client: Any, task: tuple, parts_dir: Optional[str]):
        from distributed import as_completed

        self.client = client
        self.func, self.args = task  # func(items, *args) -> Parquet bytes of one result per article
        self.parts_dir = Path(parts_dir) if parts_dir else None
        if self.parts_dir:
            self.parts_dir.mkdir(parents=True, exist_ok=True)
        self.running = as_completed()
        self.tasks: dict[Any, _Task] = {}
        self.isolation = Isolation()
        self.waiting: dict[int, deque] = {}  # per isolated batch: the items still to run alone

    def run(self, window: Window, stop: StopFlag) -> Iterator[list[Result]]:
        while True:
            if stop.requested:
                window.stop()
            while (batch := window.take()) is not None:
                self._submit(_Task(batch))
            yield from window.ready()
            if not self.tasks:
                if window.idle:
                    return
                continue
            self._finished(next(self.running), window)

    def _submit(self, task: _Task) -> None:
        items = task.batch.items if task.part is None else [task.batch.items[task.part]]
        future = self.client.submit(self.func, items, *self.args, pure=False, retries=RETRIES)
        self.tasks[future] = task
        self.running.add(future)

    def _finished(self, future: Any, window: Window) -> None:
        task = self.tasks.pop(future)
        try:
            data = future.result()
        except Exception as exc:  # the task kept killing workers, or kept raising
            future.release()
            self._failed(task, exc, window)
            return
        future.release()
        if task.part is None:
            window.finish(task.batch.number, self._keep(task.batch.number, data))
        else:
            self._isolated(task, from_parquet(data), window)

    def _keep(self, number: int, data: bytes) -> list[Result]:
        """Results of a partition, written to its part file first when parts are kept."""
        if self.parts_dir is None:
            return from_parquet(data)
        path = self.parts_dir / f"part-{number:06d}.parquet"
        path.write_bytes(data)
        return from_parquet(path)

    def _isolated(self, task: _Task, results: list[Result], window: Window) -> None:
        """One item of an isolated batch is done (an article: one result; a file: all of its)."""
        batch = task.batch
        done = self.isolation.finish(batch, task.part, results)
        if done is None:
            self._submit(_Task(batch, self.waiting[batch.number].popleft()))
            return
        del self.waiting[batch.number]
        flat = [r for group in done for r in group]
        window.finish(batch.number, self._keep(batch.number, to_parquet(flat)) if self.parts_dir else flat)

    def _failed(self, task: _Task, exc: Exception, window: Window) -> None:
        batch = task.batch
        if task.part is None and len(batch.items) > 1:
            self.waiting[batch.number] = deque(index for index, _ in self.isolation.start(batch))
            self._submit(_Task(batch, self.waiting[batch.number].popleft()))
        elif task.attempt == 0:
            self._submit(dataclasses.replace(task, attempt=1))
        elif task.part is None:
            window.finish(batch.number, [_failure(batch.items[0], exc)])
        else:
            self._isolated(task, [_failure(batch.items[task.part], exc)], window)


def _failure(item: Any, exc: Exception) -> Failure:
    """The result for an article (or an input file) whose task kept failing."""
    if isinstance(item, Failure):
        return item
    origin = item if isinstance(item, str) else (item.origin or item.id)
    return Failure(origin, f"{type(exc).__name__} on the Dask cluster: {exc}", "worker")


# Reading on the workers: partitions are input files, for inputs the workers can see at the
# same paths (a shared filesystem). Text and HTML files are grouped `per_task` to a partition;
# a corpus file (JSONL, CSV, JSON, feed, WARC) is a partition of its own.

SINGLE_ARTICLE = {"text", "html"}


def file_partitions(paths: Iterable[str], per_task: int, skip: tuple[str, ...] = ()) -> Iterator[list[str]]:
    """Lists of input files, each the work of one Dask task, in reading order."""
    from sayso.read.source import SUFFIXES, walk

    group: list[str] = []
    skipped = {Path(p).resolve() for p in skip}
    for name in paths:
        path = Path(name)
        files = (p for p in walk(path) if p.resolve() not in skipped) if path.is_dir() else [path]
        for file in files:
            if SUFFIXES.get(file.suffix.lower()) in SINGLE_ARTICLE:
                group.append(str(file))
                if len(group) >= per_task:
                    yield group
                    group = []
                continue
            if group:
                yield group
                group = []
            yield [str(file)]
    if group:
        yield group


def extract_files(paths: list[str], options: Any, settings: Settings, setup: Setup = None) -> bytes:
    """On a worker: read `paths`, extract in batches, and return the results as Parquet bytes,
    written a batch at a time so a large corpus file never sits in memory as records."""
    import pyarrow.parquet as pq

    from sayso.read import read_sources

    nlp = prepare(settings, setup)
    sink = io.BytesIO()
    writer = None
    for chunk in batched(read_sources(paths, options), settings.batch_size):
        table = results_table(extract_batch(chunk, settings, nlp))
        writer = writer or pq.ParquetWriter(sink, table.schema, compression="zstd")
        writer.write_table(table)
    if writer is None:
        return to_parquet([])
    writer.close()
    return sink.getvalue()
