"""Load test of `sayso serve`: the ledger page and API under 20 concurrent clients while an ingest runs.

    .venv/bin/python bench/serve_load.py              # 100,000 events, 20 clients, 25 s of load
    .venv/bin/python bench/serve_load.py --events 10000 --seconds 10

Bounded: the whole run (building the ledger, starting the server, the load) stops within 60 s; on a busy
machine the load is cut short (at least 1 s) and the server gets at least 15 s to start.
1. A ledger of N merged events is generated directly (rows written into the ledger's tables,
   one report and one source per event, a merge key each), in a temporary directory.
2. `sayso serve` runs on a free loopback port, in its own process.
3. Another process ingests synthetic records through the ledger's API the whole time.
4. C clients (asyncio, kept-alive connections, a minimal HTTP/1.1 client) request ledger pages (first pages,
   later pages, filters, sorts) and the API (events, timeline, places, filtered)
   as fast as they get answers. Printed: p50/p95/p99 latency, requests/s, errors, ingested, and
   the server's own time per request from its Server-Timing headers (app: request to answer;
   view: the CPU time of the view), apart from the time answers waited for a processor.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET_S = 60.0
CATEGORIES = ("DEFECT", "ATTACK", "PROTEST", "AID", "CONSULT", "COERCE", "ASSAULT", "MOBILIZE", "SANCTION", "ACCUSE")
COUNTRIES = ("SYR", "JOR", "TUR", "LBN", "IRQ", "ISR", "EGY", "USA", "RUS", "GBR", "FRA", "IRN")
STATUSES = ("occurred", "occurred", "occurred", "claimed", "planned", "possible", "negated", "ongoing")
OUTLETS = ("Arutz Sheva", "Daily Mail Online", "Levant Wire", "Reuters", "AP", "Al Jazeera", "BBC")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lookup(conn: sqlite3.Connection, name: str, values: tuple[str, ...]) -> None:
    conn.execute(f"CREATE TEMP TABLE {name} (k INTEGER PRIMARY KEY, v TEXT)")
    conn.executemany(f"INSERT INTO {name} VALUES (?, ?)", enumerate(values))


GENERATE = """
CREATE TEMP TABLE g AS
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :n)
SELECT i,
        printf('20%02d-%02d-%02d', 10 + i % 8, 1 + (i / 8) % 12, 1 + (i / 96) % 28) AS day,
        (SELECT v FROM cat WHERE k = (i * 7919) % {cats}) AS category,
        (SELECT v FROM ctry WHERE k = (i * 104729) % {ctrys}) AS country,
        (SELECT v FROM stat WHERE k = (i * 15485863) % {stats}) AS status,
        (SELECT v FROM outlet WHERE k = i % {outlets}) AS outlet,
        printf('unit %d', i % 997) AS actor, printf('Town %d', i % 5000) AS place,
        1 + (i * 31) % 4 AS sources
FROM n
"""
TABLES = {
    "merged_events": ("id, category, day, day_last, actor, actor_country, actor_sector, place, country, lat, lon, "
                      "reports, articles, sources, statuses, status, conflict, summary",
                      "i, category, day, day, actor, country, 'MIL', place, country, -50 + (i * 37) % 110, "
                      "-120 + (i * 53) % 260, sources, sources, sources, status, status, 0, "
                      "printf('Officials said %s took part in a %s event near %s.', actor, lower(category), place)"),
    "events": ("article_id, id, type, trigger, sentence, actor_name, actor_country, place_name, place_country, "
               "day, date_value, status, polarity, chain, source_key, source_name, merged_id",
               "printf('bench%07d', i / 5), printf('v%d', i % 5 + 1), category, 'event', "
               "printf('Officials said %s took part in a %s event near %s.', actor, lower(category), place), "
               "actor, country, place, country, day, day, status, 'positive', "
               "printf('[\"%s\", \"officials\"]', outlet), printf('s%d', i), 'officials', i"),
    "merge_keys": ("category, country, day, merged_id", "category, country, day, i"),
    "sources": ("merged_id, source_key, source_name, reports, statuses", "i, printf('s%d', i), 'officials', sources, status"),
    "articles": ("id, key, version, current, outlet, published, text_hash, record_hash, record, events, ingested_at",
                 "printf('bench%07d', i / 5), printf('bench%07d', i / 5), 1, 1, outlet, day, 'h', 'h', "
                 "printf('{{\"id\": \"bench%07d\", \"text\": \"(generated)\", \"meta\": {{}}}}', i / 5), 5, "
                 "'2026-01-01T00:00:00+00:00'"),
}


def build_ledger(path: str, n: int) -> float:
    """A ledger of n merged events, written directly into the ledger's tables by SQL; seconds taken."""
    from sayso.ledger import open_ledger

    started = time.perf_counter()
    with open_ledger(path):  # the schema, made by the ledger itself
        pass
    conn = sqlite3.connect(path)
    indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                           f"AND tbl_name IN ({', '.join('?' * len(TABLES))})", list(TABLES)).fetchall()
    for name, _ in indexes:  # dropped while the rows go in, made again after: one sort each, not a seek a row
        conn.execute(f"DROP INDEX {name}")
    for name, values in (("cat", CATEGORIES), ("ctry", COUNTRIES), ("stat", STATUSES), ("outlet", OUTLETS)):
        lookup(conn, name, values)
    head = GENERATE.format(cats=len(CATEGORIES), ctrys=len(COUNTRIES), stats=len(STATUSES), outlets=len(OUTLETS))
    conn.execute(head, {"n": n})
    with conn:
        for table, (cols, select) in TABLES.items():
            only = " WHERE i % 5 = 0" if table == "articles" else ""
            conn.execute(f"INSERT INTO {table} ({cols}) SELECT {select} FROM g{only}")
        for _, sql in indexes:
            conn.execute(sql)
        conn.execute("ANALYZE")
    conn.close()
    return time.perf_counter() - started


def ingest_worker(path: str, seconds: float) -> None:
    """Ingest synthetic records through the ledger's API until the time is up; print how many."""
    from sayso.ledger import open_ledger
    from sayso.record import Entity, Event, Meta, Place, Record, Span, TimeValue, article_id

    done, deadline, k = 0, time.monotonic() + seconds, 0
    with open_ledger(path) as ledger:
        while time.monotonic() < deadline:
            k += 1
            text = f"A Syrian pilot defected to Jordan on Thursday, officials said in report {k}."
            meta = Meta(url=f"https://bench.example/{os.getpid()}/{k}", outlet=OUTLETS[k % len(OUTLETS)],
                        published="2012-06-22")
            trig, sent = text.index("defected"), Span(0, len(text), text)
            rec = Record(article_id(text, meta), text, meta,
                         entities=(Entity("e1", "Syrian pilot", "person", (Span(2, 14, text[2:14]),), "SYR", "MIL"),),
                         places=(Place("p1", "Jordan", (), "JOR", 31.0, 36.0, "country"),),
                         events=(Event("v1", "DEFECT", Span(trig, trig + 8, "defected"), sent, actor="e1", place="p1",
                                       date=TimeValue(f"2012-06-{1 + k % 28:02d}", "day", "Thursday")),))
            ledger.ingest(rec)
            done += 1
    print(done, flush=True)


def kind_of(url: str) -> str:
    """The kind of page or API request a URL asks for, for the per-kind figures."""
    for prefix, kind in (("/api/events", "api events"), ("/api/timeline", "api timeline"),
                         ("/api/places", "api places")):
        if url.startswith(prefix):
            return kind
    if url == "/":
        return "first page"
    if url.startswith("/?page="):
        return "later page"
    for word, kind in (("country=", "country filter"), ("since=", "category+dates"),
                       ("min_sources=", "sources sort"), ("category=", "category filter")):
        if word in url:
            return kind
    return "other"


def page_urls(rng: random.Random, total: int) -> str:
    """Ledger pages (70 %) and API requests (30 %), with the filters analysts use most."""
    pick = rng.random()
    if pick < 0.70:
        return ledger_url(rng, pick / 0.70)
    return api_url(rng, (pick - 0.70) / 0.30)


def ledger_url(rng: random.Random, pick: float) -> str:
    if pick < 0.35:
        return "/"
    if pick < 0.55:
        return f"/?page={rng.randint(2, 40)}"
    if pick < 0.70:
        return f"/?category={rng.choice(CATEGORIES)}&category={rng.choice(CATEGORIES)}"
    if pick < 0.80:
        return f"/?sort=-sources&min_sources={rng.randint(1, 4)}"
    if pick < 0.90:
        return f"/?category={rng.choice(CATEGORIES)}&since=2014-01-01&until=2015-12-31&page={rng.randint(1, 5)}"
    return f"/?country={rng.choice(COUNTRIES)}&sort=day"


def api_url(rng: random.Random, pick: float) -> str:
    if pick < 0.5:
        return f"/api/events?category={rng.choice(CATEGORIES)}&page={rng.randint(1, 20)}"
    if pick < 0.75:
        return f"/api/timeline?category={rng.choice(CATEGORIES)}&since=2014-01-01&until=2014-12-31"
    return f"/api/places?country={rng.choice(COUNTRIES)}&since=2015-01-01&until=2015-06-30"


def answered(url: str, status: int, body: bytes) -> bool:
    return status == 200 and (body.startswith(b"{") if url.startswith("/api/") else b"event-row" in body)


async def fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> tuple[int, bytes, dict]:
    """One GET on a kept-alive connection: a minimal HTTP/1.1 client, so that the load generator
    costs far less CPU than the server it measures (both share this machine). Also returns the
    server's own times (Server-Timing, ms): `app` request to answer, `view` the view's CPU."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:"))
    return status, await reader.readexactly(length), server_times(lines)


def server_times(lines: list[str]) -> dict[str, float]:
    """{name: ms} of a response's Server-Timing headers ("app;dur=12.3")."""
    times = {}
    for line in lines:
        name, _, value = line.partition(":")
        if name.lower() == "server-timing":
            for metric in value.split(","):
                key, _, dur = metric.strip().partition(";dur=")
                if dur:
                    times[key] = float(dur)
    return times


async def client_loop(port: int, deadline: float, seed: int, latencies: list, errors: list) -> None:
    rng = random.Random(seed)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.monotonic() < deadline:
            url = page_urls(rng, 0)
            started, times = time.perf_counter(), {}
            try:
                status, body, times = await fetch(reader, writer, url)
                ok = answered(url, status, body)
            except (OSError, asyncio.IncompleteReadError, StopIteration, ValueError) as exc:
                status, ok = repr(exc), False
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            latencies.append((kind_of(url), time.perf_counter() - started, times))
            if not ok:
                errors.append(f"{url}: {status}")
    finally:
        writer.close()


async def load(port: int, clients: int, seconds: float) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    started = time.monotonic()
    await asyncio.gather(*(client_loop(port, started + seconds, i, latencies, errors) for i in range(clients)))
    return latencies, errors, time.monotonic() - started


def wait_until_up(base: str, proc: subprocess.Popen, deadline: float) -> None:
    import httpx

    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the server did not start in time")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process and its children (--workers) have used (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = [int(c) for t in Path(f"/proc/{pid}/task").iterdir()
                    for c in (t / "children").read_text().split()]
    except OSError:
        return float("nan")
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(c) for c in children)


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


@dataclass
class Result:
    latencies: list  # (kind, seconds, {server timing name: ms})
    errors: list
    took: float
    server_cpu: float
    ingested: str


def prepare(args: argparse.Namespace, path: str) -> None:
    if args.ledger:
        shutil.copyfile(args.ledger, path)
        print(f"ledger: a copy of {args.ledger}")
    else:
        built = build_ledger(path, args.events)
        print(f"ledger: {args.events:,} merged events generated in {built:.1f} s")


def run(args: argparse.Namespace, path: str, t0: float) -> Result:
    """Start the server and the ingest, load the server, stop both."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "sayso", "serve", "--ledger", path, "--port", str(port),
                               *args.serve_args.split()],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_up(f"http://127.0.0.1:{port}", server, max(t0 + 30, time.monotonic() + 15))
        seconds = max(1.0, min(args.seconds, BUDGET_S - (time.monotonic() - t0) - 5))
        ingest = subprocess.Popen([sys.executable, __file__, "--ingest-worker", path,
                                   str(0 if args.no_ingest else seconds)],
                                  cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        cpu_before = cpu_seconds(server.pid)
        latencies, errors, took = asyncio.run(load(port, args.clients, seconds))
        server_cpu = cpu_seconds(server.pid) - cpu_before
        out, err = ingest.communicate(timeout=30)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return Result(latencies, errors, took, server_cpu, out.strip() or f"failed: {err.strip()[-300:]}")


def server_summary(times: list[dict[str, float]]) -> str:
    """The server's own p50/p95 (request to answer) and median view CPU of some requests."""
    app = [t["app"] for t in times if "app" in t]
    cpu = [t["view"] for t in times if "view" in t]
    if not app:
        return ""
    out = f"   server p50 {percentile(app, 50):6.1f}  p95 {percentile(app, 95):6.1f}"
    return out + (f"  view CPU p50 {percentile(cpu, 50):5.1f}" if cpu else "")


def print_server_times(latencies: list) -> None:
    """The server's own times (its Server-Timing headers) beside what the clients waited: on a
    busy machine the difference is the time the answer waited for a processor or the network."""
    line = server_summary([t for _, _, t in latencies])
    if line:
        print("server time ms (Server-Timing: app = request to answer in the server, view = the view's CPU):"
              + line.replace("   server", ""))


def http_parser() -> str:
    """The HTTP parser uvicorn picks in this environment (the server's too): httptools when importable."""
    try:
        import httptools  # noqa: F401
    except ImportError:
        return "h11"
    return "httptools"


def report(args: argparse.Namespace, r: Result, t0: float, load_before: float) -> None:
    ms = sorted(x * 1000 for _, x, _ in r.latencies)
    print(f"load: {args.clients} clients on the ledger page and API for {r.took:.1f} s while an ingest ran "
          f"({r.ingested} records ingested meanwhile)")
    print(f"requests: {len(ms):,}  errors: {len(r.errors)}  throughput: {len(ms) / r.took:.1f} requests/s")
    print(f"latency ms: p50 {percentile(ms, 50):.1f}  p95 {percentile(ms, 95):.1f}  p99 {percentile(ms, 99):.1f}  "
          f"max {ms[-1]:.1f}   (target: p95 < 200 ms)")
    print(f"server CPU: {r.server_cpu / max(1, len(ms)) * 1000:.1f} ms per request "
          f"({r.server_cpu / r.took * 100:.0f}% of one CPU over the load)")
    print(f"total run: {time.monotonic() - t0:.1f} s; machine load average (1 min) before/after: "
          f"{load_before:.1f}/{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; HTTP parser: {http_parser()}")
    print_server_times(r.latencies)
    kinds: dict[str, list[float]] = {}
    for kind, x, _ in r.latencies:
        kinds.setdefault(kind, []).append(x * 1000)
    for kind, xs in sorted(kinds.items()):
        print(f"  {kind:16} {len(xs):6} requests  p50 {percentile(xs, 50):7.1f}  p95 {percentile(xs, 95):7.1f} ms"
              + server_summary([t for k, _, t in r.latencies if k == kind]))
    for e in r.errors[:5]:
        print("error:", e)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=25.0, help="load duration (the whole run stays within 60 s)")
    parser.add_argument("--ledger", help="use this ledger (a copy is loaded) instead of generating one")
    parser.add_argument("--serve-args", default="", help="more `sayso serve` flags, e.g. '--cache-seconds 0'")
    parser.add_argument("--no-ingest", action="store_true", help="no ingest during the load (a baseline)")
    parser.add_argument("--ingest-worker", nargs=2, metavar=("LEDGER", "SECONDS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ingest_worker:
        ingest_worker(args.ingest_worker[0], float(args.ingest_worker[1]))
        return 0
    t0, load_before = time.monotonic(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "load.db")
        prepare(args, path)
        result = run(args, path, t0)
    report(args, result, t0, load_before)
    return 0 if not result.errors else 1


if __name__ == "__main__":
    sys.exit(main())
