"""run_extraction: one call that streams articles to records, in this process, in a local pool
of worker processes, or on a Dask cluster, with resume, a progress bar and a clean Ctrl-C."""
from __future__ import annotations

import argparse
import os
from itertools import chain
from typing import Any, Iterable, Iterator, Optional, Sequence

from sayso.errors import SaysoError
from sayso.scale.batches import Window, batched
from sayso.scale.interrupt import StopFlag, stop_on_interrupt
from sayso.scale.job import Result, Setup, extract_batch, prepare
from sayso.scale.progress import Progress, RunStats, estimate_total
from sayso.scale.resume import Known, skip_known
from sayso.record import Failure
from sayso.settings import DEFAULT, Settings

PARTITION_SIZE = 256  # articles per Dask task


class Extraction(Iterator[Result]):
    """The results of a run, streamed; `stats` holds the counts and whether Ctrl-C stopped it."""

    def __init__(self, results: Iterator[Result], stats: RunStats):
        self._results = results
        self.stats = stats

    def __iter__(self) -> "Extraction":
        return self

    def __next__(self) -> Result:
        return next(self._results)

    def close(self) -> None:
        self._results.close()


def run_extraction(
    items: Iterable[Any],
    settings: Settings = DEFAULT,
    workers: int = 1,
    dask: Optional[str] = None,
    skip: Optional[Known] = None,
    *,
    ordered: bool = True,
    setup: Setup = None,
    total: Optional[int] = None,
    progress: Optional[bool] = None,
    partition_size: int = PARTITION_SIZE,
    parts_dir: Optional[str] = None,
    timeout: float = 60.0,
) -> Extraction:
    """Records (and Failures) for `items` (Articles, or Failures from reading, passed through).

    workers: 0 extracts in this process; N >= 1 uses N worker processes (a worker that dies
    costs only its batch). dask: a scheduler address, or "local:N" for a LocalCluster of N
    workers; then `workers` is ignored. skip: `known(article_id) -> bool`; known articles are
    not extracted (resume). ordered: results in input order (else as they finish). setup: a
    picklable callable run once in every process that extracts, before its first article.
    timeout: with worker processes, seconds a batch may take (plus 1 s per 1,000 characters)
    before its worker is stopped; a hung article becomes a Failure (stage "timeout").
    """
    stats = RunStats()
    show = settings.progress if progress is None else progress
    options = (ordered, setup, partition_size, parts_dir, timeout)
    results = _stream(items, settings, workers, dask, skip, options, stats, Progress(stats, show, total))
    return Extraction(results, stats)


def _stream(items, settings, workers, dask, skip, options, stats, bar):
    try:
        with stop_on_interrupt() as stop:
            source = skip_known(items, skip, bar.skipped)
            for results in _runner(source, settings, workers, dask, options, stop):
                bar.count(results)
                yield from results
            stats.interrupted = stop.requested
    finally:
        bar.close()


def run_files(
    paths: Sequence[str],
    read_options: Any,
    settings: Settings = DEFAULT,
    dask: str = "local:2",
    skip: Optional[Known] = None,
    *,
    ordered: bool = True,
    setup: Setup = None,
    total: Optional[int] = None,
    progress: Optional[bool] = None,
    files_per_task: int = PARTITION_SIZE,
    parts_dir: Optional[str] = None,
) -> Extraction:
    """Like run_extraction on Dask, but the workers read the input files themselves (they must
    see them at the same paths): a task per corpus file (JSONL, CSV, feed, WARC), or per
    `files_per_task` text/HTML files. Known articles are dropped as their results come back
    (the workers cannot ask the ledger), so they are extracted but never stored twice."""
    stats = RunStats()
    show = settings.progress if progress is None else progress
    bar = Progress(stats, show, total)
    return Extraction(_stream_files(paths, read_options, settings, dask, skip, ordered, setup, stats, bar,
                                    files_per_task, parts_dir), stats)


def _stream_files(paths, options, settings, dask, skip, ordered, setup, stats, bar, per_task, parts_dir):
    from sayso.scale.cluster import run_files_on_dask

    try:
        with stop_on_interrupt() as stop:
            for results in run_files_on_dask(paths, options, settings, dask, ordered, setup, stop, per_task, parts_dir):
                kept = [r for r in results if skip is None or isinstance(r, Failure) or not skip(r.id)]
                for _ in range(len(results) - len(kept)):
                    bar.skipped()
                bar.count(kept)
                yield from kept
            stats.interrupted = stop.requested
    finally:
        bar.close()


def _runner(source, settings, workers, dask, options, stop):
    ordered, setup, partition_size, parts_dir, timeout = options
    source = iter(source)
    first = next(source, None)
    if first is None:  # nothing to extract (everything skipped): no model, no workers
        return
    source = chain([first], source)
    if dask:
        from sayso.scale.cluster import run_on_dask

        yield from run_on_dask(source, settings, dask, ordered, setup, stop, partition_size, parts_dir)
    elif workers < 1:
        yield from _in_process(Window(batched(source, settings.batch_size), 1), settings, setup, stop)
    else:
        from sayso.scale.workers import Pool

        window = Window(batched(source, settings.batch_size), 2 * workers + 1, ordered)
        with Pool(workers, settings, setup, timeout) as pool:
            yield from pool.run(window, stop)


def _in_process(window: Window, settings: Settings, setup: Setup, stop: StopFlag) -> Iterator[list[Result]]:
    nlp = prepare(settings, setup)
    while not stop.requested and (batch := window.take()) is not None:
        window.finish(batch.number, extract_batch(batch.items, settings, nlp))
        yield from window.ready()


def add_scale_arguments(parser: argparse.ArgumentParser, resume: str = "ledger") -> None:
    """--workers, --dask, --partition-size, --parts, --no-progress, and the resume flag:
    `--redo` for a command that stores into the ledger (resume="ledger": stored articles are
    skipped unless --redo), `--resume` for one that writes records to -o FILE (resume="output")."""
    g = parser.add_argument_group("scale")
    g.add_argument("--workers", type=int, default=None, metavar="N",
                   help="worker processes (default: the number of cores, fewer for a few articles; "
                        "0: in this process)")
    g.add_argument("--dask", metavar="ADDRESS",
                   help="run on a Dask cluster: its scheduler address (tcp://host:8786), or local:N")
    g.add_argument("--partition-size", type=int, default=PARTITION_SIZE, metavar="N",
                   help=f"articles per Dask task (default {PARTITION_SIZE})")
    g.add_argument("--dask-read", choices=("client", "workers"), default="client",
                   help="with --dask: read the input here and send articles (client, default), or let "
                        "the workers read the files, one task per corpus file or per N text files "
                        "(workers: they must see the files at the same paths)")
    g.add_argument("--parts", metavar="DIR", help="with --dask: keep each partition's results here as Parquet")
    b = parser.add_argument_group("bounds per article")
    b.add_argument("--max-words", type=int, default=DEFAULT.max_words, metavar="N",
                   help=f"longest article extracted, in words (default {DEFAULT.max_words:,}; 0: no limit); "
                        "a longer one is reported and skipped")
    b.add_argument("--article-seconds", type=float, default=DEFAULT.article_seconds, metavar="S",
                   help=f"time budget per article (default {DEFAULT.article_seconds:g} s; 0: none); "
                        "an article over it is reported and skipped")
    if "--no-progress" not in parser._option_string_actions:  # a command may declare it itself
        g.add_argument("--no-progress", action="store_true", help="no progress bar")
    if resume == "ledger":
        g.add_argument("--redo", action="store_true",
                       help="extract articles the ledger already holds again (default: skip them)")
    else:
        g.add_argument("--resume", action="store_true",
                       help="with -o FILE (jsonl): skip the articles FILE already holds, and append")


def run_from_args(items: Iterable[Any], settings: Settings, args: argparse.Namespace,
                  skip: Optional[Known] = None, ordered: bool = True,
                  paths: Optional[Sequence[str]] = None, read_options: Any = None) -> Extraction:
    """run_extraction with the options `add_scale_arguments` added to a command's parser
    (`run_files` with --dask-read workers; then `items` is never read)."""
    show = settings.progress and not getattr(args, "no_progress", False)
    settings = settings.replace(**{name: getattr(args, name) for name in ("max_words", "article_seconds")
                                   if getattr(args, name, None) is not None})
    paths = paths if paths is not None else getattr(args, "paths", None)
    total = estimate_total(paths) if paths and (show or args.workers is None) else None
    if args.dask and args.dask_read == "workers":
        if not paths or "-" in paths or read_options is None:
            raise SaysoError("--dask-read workers needs file or directory paths (not stdin)")
        return run_files(paths, read_options, settings, args.dask, skip, ordered=ordered, total=total,
                         progress=show, files_per_task=args.partition_size, parts_dir=args.parts)
    return run_extraction(items, settings, workers=auto_workers(args.workers, total, settings),
                          dask=args.dask, skip=skip, ordered=ordered, total=total, progress=show,
                          partition_size=args.partition_size, parts_dir=args.parts)


def auto_workers(asked: Optional[int], total: Optional[int], settings: Settings) -> int:
    """The workers asked for; else one per core, but none (this process) for a single batch
    and no more than there are batches."""
    if asked is not None:
        return max(0, asked)
    cores = os.cpu_count() or 1
    if total is None:
        return cores
    if total <= settings.batch_size:
        return 0
    return min(cores, -(-total // settings.batch_size))
