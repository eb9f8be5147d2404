"""Scale benchmark on generated corpora: the four numbers of the scale issue, side by side.

    .venv/bin/python bench/scale.py                 # all four, full sizes (idle machine, ~1 h)
    .venv/bin/python bench/scale.py --quick         # small sizes, to check it runs (~3 min)
    .venv/bin/python bench/scale.py --only ratio workers --articles 2000

ratio   : the whole extract path (every stage, records serialised to JSON) against bare spaCy
          nlp.pipe on the same texts, one process, alternating rounds (target >= 0.80).
workers : articles/s with 2 local worker processes against 1 (target >= 1.7x).
memory  : peak memory while ingesting N_small and N_large articles into a fresh SQLite ledger,
          each run in its own child process (target: large within 20 % of small).
dask    : articles/s on a 2-worker Dask LocalCluster against one process (target >= 1.6x).

Rates of pools and clusters are taken from the first result to the last, so the start-up
(processes, model loads) is left out for both sides of a comparison. Articles are generated
lazily (short wire-style reports, a fixed seed), so the corpus itself takes no memory.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Iterator, Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sayso.record import Article, Meta  # noqa: E402
from sayso.settings import Settings  # noqa: E402

PEOPLE = ["Defence Minister Ali Hassan", "a senior official", "the army spokesman", "two diplomats",
          "President Maria Lopez", "a rebel commander", "the foreign ministry", "police chief John Okafor"]
PLACES = ["Damascus", "Amman", "Cairo", "Kabul", "Caracas", "Nairobi", "Kyiv", "Baghdad", "Lagos", "Manila"]
OUTLETS = ["Reuters", "The Daily Telegraph", "Al Jazeera", "the Associated Press", "state television"]
CUES = ["said", "told reporters", "claimed", "denied", "announced", "confirmed"]
DAYS = ["on Monday", "on Tuesday", "last week", "on Friday", "yesterday", "earlier this month"]
ACTS = ["troops crossed the border near {p}", "a pilot defected to {p} with his jet",
        "protesters were arrested in {p}", "the two governments signed a ceasefire in {p}",
        "the embassy in {p} was closed", "aid convoys reached {p}", "an attack killed five soldiers outside {p}",
        "the minister may resign after talks in {p}"]


def article(i: int) -> Article:
    """One short generated report (about 80 words), the same for the same i."""
    rng = random.Random(i)
    pick = rng.choice
    sentences = [f"{_upper_first(pick(PEOPLE))} {pick(CUES)} {pick(DAYS)} that {pick(ACTS).format(p=pick(PLACES))}."
                 for _ in range(rng.randint(3, 5))]
    sentences.insert(1, f"The report, first carried by {pick(OUTLETS)}, could not be independently verified.")
    sentences.append(f"\"We are watching {pick(PLACES)} closely,\" {pick(PEOPLE)} said.")
    outlet = pick(OUTLETS).removeprefix("the ")
    meta = Meta(url=f"https://example.org/bench/{i}", outlet=outlet, published=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}")
    return Article(" ".join(sentences), meta, f"bench:{i}")


def _upper_first(s: str) -> str:
    return s[:1].upper() + s[1:]


def corpus(n: int, start: int = 0) -> Iterator[Article]:
    return (article(i) for i in range(start, start + n))


def drain(results) -> tuple[int, Optional[float], int]:
    """Consume results as a writer would (JSON lines); (count, time of first result, failed)."""
    count, first, failed = 0, None, 0
    for r in results:
        if first is None:
            first = time.perf_counter()
        if hasattr(r, "to_dict"):
            r.to_json()
        else:
            failed += 1
            if failed == 1:
                print(f"  first failure: {r.origin}: {r.error} (stage {r.stage})", file=sys.stderr)
        count += 1
    return count, first, failed


def rate(n: int, settings: Settings, **scale) -> float:
    """Articles/s of a local pool from its first result to its last. When the first result
    comes, every worker has just about finished its first batch (they start together), so the
    first batch of each worker is left out: a conservative rate for more than one worker."""
    from sayso.scale import run_extraction

    count, first, failed = drain(run_extraction(corpus(n), settings, progress=False, **scale))
    end = time.perf_counter()
    if failed:
        print(f"  warning: {failed} failed", file=sys.stderr)
    skipped_first = settings.batch_size * max(1, scale.get("workers", 1))
    return (count - skipped_first) / max(end - first, 1e-9)


def warm_rate(n: int, settings: Settings, **scale) -> float:
    """Articles/s of run_extraction from start to end, on processes that have loaded the model."""
    from sayso.scale import run_extraction

    start = time.perf_counter()
    count, _, failed = drain(run_extraction(corpus(n, start=1_000_000), settings, progress=False, **scale))
    if failed:
        print(f"  warning: {failed} failed", file=sys.stderr)
    return count / (time.perf_counter() - start)


def bench_ratio(n: int, rounds: int, settings: Settings) -> dict:
    from sayso.nlp.parse import load_model
    from sayso.scale import run_extraction

    # bare spaCy: the pinned pipeline exactly as shipped, without sayso's own components
    nlp = load_model(settings.replace(paragraph_breaks=False, fast_tagging=False))
    texts = [a.text for a in corpus(n)]
    drain(run_extraction(corpus(min(n, 64)), settings, workers=0, progress=False))  # warm-up

    def bare() -> None:
        for _ in nlp.pipe(texts, batch_size=settings.batch_size):
            pass

    def whole() -> None:
        drain(run_extraction(corpus(n), settings, workers=0, progress=False))

    seconds: dict[str, list[float]] = {"bare": [], "sayso": []}
    for r in range(rounds):
        for name, run in (("bare", bare), ("sayso", whole)) if r % 2 == 0 else (("sayso", whole), ("bare", bare)):
            start = time.perf_counter()
            run()
            seconds[name].append(time.perf_counter() - start)
    bare_rate, sayso_rate = (n / statistics.median(seconds[k]) for k in ("bare", "sayso"))
    return {"articles": n, "bare_articles_per_s": bare_rate, "sayso_articles_per_s": sayso_rate,
            "ratio": sayso_rate / bare_rate, "target": 0.8}


def bench_workers(n: int, settings: Settings) -> dict:
    one = rate(n, settings, workers=1, ordered=False)
    two = rate(n, settings, workers=2, ordered=False)
    return {"articles": n, "one_worker_per_s": one, "two_workers_per_s": two, "speedup": two / one, "target": 1.7}


def bench_dask(n: int, settings: Settings, partition_size: int) -> dict:
    """Both sides warm (the model loaded in this process, and in each worker of a LocalCluster
    started as `--dask local:2` starts it), then n articles each, timed from start to end."""
    from sayso.scale import run_extraction
    from sayso.scale.cluster import connect

    drain(run_extraction(corpus(64), settings, workers=0, progress=False))
    one = warm_rate(n, settings, workers=0)
    client, cluster = connect("local:2")
    try:
        address = cluster.scheduler_address
        drain(run_extraction(corpus(64), settings, dask=address, partition_size=8, ordered=False, progress=False))
        two = warm_rate(n, settings, dask=address, partition_size=partition_size, ordered=False)
    finally:
        client.close()
        cluster.close()
    return {"articles": n, "one_process_per_s": one, "dask_local2_per_s": two, "speedup": two / one,
            "target": 1.6}


def peak_in_child(n: int, workers: int, sink: str) -> dict:
    """Run an ingest of n articles in a fresh process; its peak memory (MB)."""
    cmd = [sys.executable, __file__, "--child-ingest", str(n), "--workers", str(workers), "--sink", sink]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def bench_memory(small: int, large: int, workers: int, sink: str) -> dict:
    low, high = peak_in_child(small, workers, sink), peak_in_child(large, workers, sink)
    return {"small": small, "large": large, "workers": workers, "sink": sink,
            "peak_small_mb": low["peak_mb"], "peak_large_mb": high["peak_mb"],
            "growth": high["peak_mb"] / low["peak_mb"] - 1, "target": 0.2,
            "articles_per_s_large": high["articles_per_s"]}


def child_ingest(n: int, workers: int, sink: str) -> None:
    """In the child: ingest n generated articles; print peak RSS of it and its workers."""
    from sayso.scale import run_extraction

    sampler = _Sampler()
    settings = Settings(progress=False)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sayso-scale-") as tmp:
        results = run_extraction(corpus(n), settings, workers=workers, ordered=False)
        if sink == "ledger":
            from sayso.ledger import open_ledger

            with open_ledger(str(Path(tmp) / "bench.db"), settings) as ledger:
                records = (r for r in results if hasattr(r, "to_dict"))
                for _ in ledger.ingest_many(records, batch=settings.batch_size):
                    pass
        else:
            drain(results)
    seconds = time.perf_counter() - start
    sampler.stop()
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"n": n, "peak_mb": max(self_mb, sampler.peak_mb), "self_peak_mb": self_mb,
                      "articles_per_s": n / seconds}))


class _Sampler:
    """Peak of the summed RSS of this process and its descendants (the worker processes)."""

    def __init__(self, every: float = 0.2):
        self.peak_mb, self._stop = 0.0, threading.Event()
        try:
            import psutil
        except ImportError:
            return
        self._me = psutil.Process()
        threading.Thread(target=self._run, args=(every,), daemon=True).start()

    def _run(self, every: float) -> None:
        while not self._stop.wait(every):
            try:
                procs = [self._me, *self._me.children(recursive=True)]
                self.peak_mb = max(self.peak_mb, sum(p.memory_info().rss for p in procs) / 2**20)
            except Exception:  # a worker ended between listing and reading
                continue

    def stop(self) -> None:
        self._stop.set()


def report(results: dict, command: str) -> str:
    lines = [f"`{command}` (machine: {os.cpu_count()} cores)", "", "| measure | value | target |", "|---|---|---|"]
    if "ratio" in results:
        r = results["ratio"]
        lines.append(f"| extract path / bare nlp.pipe, 1 process, {r['articles']} articles | "
                     f"{r['sayso_articles_per_s']:.1f} / {r['bare_articles_per_s']:.1f} articles/s = **{r['ratio']:.2f}** | >= 0.80 |")
    if "workers" in results:
        r = results["workers"]
        lines.append(f"| 2 workers / 1 worker, {r['articles']} articles | {r['two_workers_per_s']:.1f} / "
                     f"{r['one_worker_per_s']:.1f} articles/s = **{r['speedup']:.2f}x** | >= 1.7x |")
    if "memory" in results:
        r = results["memory"]
        lines.append(f"| peak memory, ingest {r['large']:,} vs {r['small']:,} articles (workers={r['workers']}, "
                     f"sink={r['sink']}) | {r['peak_large_mb']:.0f} vs {r['peak_small_mb']:.0f} MB = "
                     f"**{100 * r['growth']:+.1f} %** | <= +20 % |")
    if "dask" in results:
        r = results["dask"]
        lines.append(f"| Dask LocalCluster(2) / 1 process, {r['articles']} articles | {r['dask_local2_per_s']:.1f} / "
                     f"{r['one_process_per_s']:.1f} articles/s = **{r['speedup']:.2f}x** | >= 1.6x |")
    return "\n".join(lines)


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--only", nargs="+", choices=("ratio", "workers", "memory", "dask"),
                   default=["ratio", "workers", "memory", "dask"])
    p.add_argument("--quick", action="store_true", help="small sizes: check that it runs, not a measure")
    p.add_argument("--articles", type=int, help="articles for ratio, workers and dask (default 3000; quick 200)")
    p.add_argument("--rounds", type=int, default=3, help="alternating rounds for the ratio")
    p.add_argument("--memory-sizes", type=int, nargs=2, metavar=("SMALL", "LARGE"),
                   help="articles ingested for the memory measure (default 10000 100000; quick 300 3000)")
    p.add_argument("--memory-workers", type=int, default=1, help="worker processes in the memory runs (0: in process)")
    p.add_argument("--sink", choices=("ledger", "null"), default="ledger", help="memory runs store into a SQLite ledger")
    p.add_argument("--partition-size", type=int, default=128, help="articles per Dask task")
    p.add_argument("--json", action="store_true", help="print the figures as JSON too")
    p.add_argument("--child-ingest", type=int, help=argparse.SUPPRESS)
    p.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    return p.parse_args()


def main() -> int:
    args = parse_args()
    if args.child_ingest:
        child_ingest(args.child_ingest, args.workers, args.sink)
        return 0
    n = args.articles or (200 if args.quick else 3000)
    small, large = args.memory_sizes or ((300, 3000) if args.quick else (10_000, 100_000))
    settings = Settings(progress=False)
    results: dict = {}
    for name in args.only:
        print(f"measuring {name} ...", file=sys.stderr)
        if name == "ratio":
            results[name] = bench_ratio(n, args.rounds, settings)
        elif name == "workers":
            results[name] = bench_workers(n, settings)
        elif name == "memory":
            results[name] = bench_memory(small, large, args.memory_workers, args.sink)
        else:
            results[name] = bench_dask(n, settings, args.partition_size)
    command = "python bench/scale.py " + " ".join(sys.argv[1:])
    print(report(results, command.strip()))
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
