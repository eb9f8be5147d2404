"""Ledger benchmark: ingest rate and memory, merge growth, filtered queries over 1M events.

    .venv/bin/python bench/ledger.py                         # full size: 100k records, 1M events
    .venv/bin/python bench/ledger.py --records 10000 --query-events 100000   # a quick look

1. ingest: --records synthetic records (tests/synthetic.py generate: a news stream of 30
   articles a day in publication order, 3 event reports each, world events reported by one or
   more outlets) into a new SQLite ledger, one transaction per record as `sayso ingest` stores
   them (--batch N: per N records). Printed every tenth: records/s so far by wall clock and per
   CPU second of this process (the machine may be shared), and the resident memory (it should
   stay flat). Generation time is not counted.
2. merge: the CPU time spent merging (finding the merged event of each report and recomputing the
   merged events it touches) after 10k, 30k and 100k records of that same run, with the ratio
   of each to the 10k time beside n/10k and (n log n)/(10k log 10k).
3. query: a ledger of --query-events stored event reports (two per merged event) built
   directly with executemany, then `Ledger.events(filters)` (count + first page of 50, as
   `sayso query` runs it) for several filters, --repeat times each; the median is printed.
"""
from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the synthetic records (tests/synthetic.py)

from sayso.ledger import Filters, batch, merge, open_ledger, store  # noqa: E402
from sayso.util import batched  # noqa: E402
from sayso.ledger.schema import SEARCH_FTS, TEXT_FTS, search_index  # noqa: E402
from synthetic import CATEGORIES, COUNTRIES, STATUSES, generate  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class Timer:
    """Wall and CPU seconds spent inside `timing()` blocks (CPU shows the cost on a busy machine)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.cpu = 0.0

    @contextmanager
    def timing(self):
        t, c = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.seconds += time.perf_counter() - t
            self.cpu += time.process_time() - c


def instrument_merge(timer: Timer) -> None:
    """Count the time spent in merging: assigning reports to merged events (candidates read,
    compared, reports filed) and writing the merged events a batch touched."""
    if hasattr(batch.Batch, "merge"):  # merging happens when a batch is flushed
        merge_batch = batch.Batch.merge

        def timed_merge(self):
            with timer.timing():
                return merge_batch(self)

        batch.Batch.merge = timed_merge
        return
    assign, write = merge.assign, batch.write_merged

    def timed_assign(*args, **kwargs):
        with timer.timing():
            return assign(*args, **kwargs)

    def timed_write(*args, **kwargs):
        with timer.timing():
            return write(*args, **kwargs)

    store.merge.assign = timed_assign
    batch.write_merged = timed_write


def bench_ingest(n: int, checkpoints: list[int], folder: str, batch: int = 1) -> dict[int, float]:
    path = os.path.join(folder, "ingest.db")
    merge_timer, ingest_timer = Timer(), Timer()
    instrument_merge(merge_timer)
    merged_at: dict[int, float] = {}
    step = max(1, n // 10)
    print(f"ingest: {n} records into {path}, "
          + ("one transaction per record" if batch <= 1 else f"one transaction per {batch} records"))
    print(f"{'records':>9} {'records/s':>10} {'per CPU s':>10} {'rss MB':>8}")
    with open_ledger(path) as ledger:
        records = generate(n, seed=11)
        chunks = ([r] for r in records) if batch <= 1 else batched(records, batch)
        i = 0
        for chunk in chunks:
            with ingest_timer.timing():
                if batch <= 1:
                    ledger.ingest(chunk[0])
                else:
                    list(ledger.ingest_many(chunk, batch))
            i += len(chunk)
            if i % step == 0 or i == n:
                print(f"{i:>9} {i / ingest_timer.seconds:>10.0f} {i / ingest_timer.cpu:>10.0f} "
                      f"{rss_mb():>8.1f}", flush=True)
            if i in checkpoints:  # checkpoints and step are multiples of batch
                merged_at[i] = merge_timer.cpu
        stats = ledger.stats()
    print(f"ingest: {n / ingest_timer.seconds:.0f} records/s overall ({ingest_timer.seconds:.1f} s wall, "
          f"{n / ingest_timer.cpu:.0f} per CPU second); "
          f"{stats['events']} reports in {stats['merged_events']} merged events; "
          f"file {os.path.getsize(path) / 1e6:.0f} MB")
    return merged_at


def report_merge(merged_at: dict[int, float]) -> None:
    if not merged_at:
        return
    base = min(merged_at)
    print(f"merge: cumulative merge CPU time after n records (ratios against n={base})")
    print(f"{'n':>9} {'CPU s':>8} {'ratio':>6} {'n ratio':>8} {'n log n ratio':>14}")
    for n, seconds in sorted(merged_at.items()):
        nlogn = (n * math.log(n)) / (base * math.log(base))
        print(f"{n:>9} {seconds:>8.2f} {seconds / merged_at[base]:>6.2f} {n / base:>8.2f} {nlogn:>14.2f}")


MERGED_INSERT = ("INSERT INTO merged_events (id, category, day, day_last, actor, actor_country, actor_sector, "
                 "place, country, lat, lon, reports, articles, sources, statuses, status, conflict, summary, "
                 "places) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
EVENT_INSERT = ("INSERT INTO events (article_id, id, type, actor_name, actor_country, place_name, "
                "place_country, day, status, polarity, sentence, source_key, source_name, merged_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def query_rows(m: int, rng: random.Random, days: list[str]) -> tuple[tuple, list, list, list, list]:
    """One merged event with two reports (from two articles), its keys, sources and statuses."""
    cat, country, day = rng.choice(CATEGORIES), rng.choice(COUNTRIES), rng.choice(days)
    statuses = sorted({rng.choice(STATUSES), rng.choice(STATUSES)})
    n_sources = rng.choice((1, 1, 2))
    actor, place = f"Person{m} Family{m % 9973}", f"Town{m % 5000}"
    sentence = f"{actor} acted in {place}."
    merged = (m, cat, day, day, actor, country, "MIL", place, country, 30.0, 35.0, 2, 2, n_sources,
              ",".join(statuses), statuses[0], int("negated" in statuses and len(statuses) > 1), sentence, place)
    events = [(f"art{m}-{k}", "v1", cat, actor, country, place, country, day, statuses[k % len(statuses)],
               "positive", sentence, f"outlet:{k % n_sources}", f"Outlet {k % n_sources}", m) for k in (0, 1)]
    keys = [(cat, "", day, m), (cat, country, day, m)]
    sources = [(m, f"outlet:{k}", f"Outlet {k}", 1, statuses[0]) for k in range(n_sources)]
    return merged, events, keys, sources, [(s, m) for s in statuses]


def build_query_ledger(path: str, events: int, seed: int = 5, chunk: int = 50_000) -> None:
    """A ledger of `events` reports in events/2 merged events, written with executemany."""
    from datetime import date, timedelta

    rng = random.Random(seed)
    days = [(date(2012, 1, 1) + timedelta(days=d)).isoformat() for d in range(365 * 5)]
    with open_ledger(path) as ledger:
        db = ledger.db
        for first in range(1, events // 2 + 1, chunk):
            rows = [query_rows(m, rng, days) for m in range(first, min(first + chunk, events // 2 + 1))]
            with db.transaction():
                db.executemany(MERGED_INSERT, [r[0] for r in rows])
                db.executemany(EVENT_INSERT, [e for r in rows for e in r[1]])
                db.executemany("INSERT INTO merge_keys VALUES (?, ?, ?, ?)", [k for r in rows for k in r[2]])
                db.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?)", [s for r in rows for s in r[3]])
                db.executemany("INSERT INTO merged_statuses VALUES (?, ?)", [s for r in rows for s in r[4]])
        if search_index(db):
            for index in (SEARCH_FTS, TEXT_FTS):
                db.execute(f"INSERT INTO {index} ({index}) VALUES ('rebuild')")
        if db.kind == "sqlite":
            db.execute("ANALYZE")


QUERIES = {
    "category+country+90 days": Filters(category="DEFECT", country="SYR", since="2013-03-01", until="2013-05-31"),
    "category+min-sources+year": Filters(category="ASSAULT", min_sources=2, since="2014-01-01", until="2014-12-31"),
    "country+status+month": Filters(country="JOR", status="negated", since="2013-06-01", until="2013-06-30"),
    "days only": Filters(since="2012-06-20", until="2012-06-23"),
    "text words+month": Filters(text="in town12", since="2013-01-01", until="2013-01-31"),
    "actor substring": Filters(actor="person4242 "),
    "country only": Filters(country="JOR"),
    "category+country": Filters(category="DEFECT", country="JOR"),
    "min sources only": Filters(min_sources=2),
    "status only": Filters(status="negated"),
    "place substring": Filters(place="town4242"),
    "text words only": Filters(text="acted in town4242"),
}


def bench_query(events: int, repeat: int, folder: str) -> None:
    path = os.path.join(folder, "query.db")
    t = time.perf_counter()
    build_query_ledger(path, events)
    print(f"query: built {events} event reports in {events // 2} merged events in "
          f"{time.perf_counter() - t:.0f} s ({os.path.getsize(path) / 1e6:.0f} MB)")
    print(f"{'filter':<28} {'matches':>8} {'median ms':>10} {'max ms':>8} {'CPU ms':>7}"
          "  (count + first page of 50; CPU ms: median CPU time of this process)")
    with open_ledger(path) as ledger:
        for name, filters in QUERIES.items():
            times, cpu, total = [], [], 0
            for _ in range(repeat):
                t, c = time.perf_counter(), time.process_time()
                total = ledger.events(filters, limit=50).total
                times.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - c) * 1000)
            print(f"{name:<28} {total:>8} {statistics.median(times):>10.1f} {max(times):>8.1f} "
                  f"{statistics.median(cpu):>7.1f}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000, help="records to ingest (default 100000)")
    parser.add_argument("--checkpoints", default="10000,30000,100000",
                        help="record counts at which to read the merge time")
    parser.add_argument("--query-events", type=int, default=1_000_000, help="events in the query ledger")
    parser.add_argument("--repeat", type=int, default=21, help="runs of each query")
    parser.add_argument("--batch", type=int, default=1,
                        help="records per transaction (default 1: one per record, as sayso ingest)")
    parser.add_argument("--only", choices=("ingest", "query"), help="run one part")
    parser.add_argument("--dir", help="folder for the ledgers (default: a temporary one, removed)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        if args.only != "query":
            checkpoints = [int(c) for c in args.checkpoints.split(",") if int(c) <= args.records]
            report_merge(bench_ingest(args.records, checkpoints, folder, args.batch))
        if args.only != "ingest":
            bench_query(args.query_events, args.repeat, folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
