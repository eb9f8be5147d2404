"""CPU time of each kind of request of bench/serve_load.py, the views called in process, one at a time.

    .venv/bin/python bench/serve_views.py                 # a generated ledger of 100,000 merged events
    .venv/bin/python bench/serve_views.py --ledger L.db   # a copy of this ledger

The server's own work per request, without HTTP, concurrency or a busy machine's queueing: the
views of the ledger page and of the API are called directly (no page cache) for 600 requests of
the load test's mix, after 50 to warm up. Printed: the median thread CPU of each kind and the mean.
To compare with an earlier commit, unpack it (git archive REF | tar -x -C DIR), copy this file
into DIR/bench and run it there with PYTHONPATH=DIR.
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serve_load  # noqa: E402


def caller(path: str):
    from starlette.requests import Request

    from sayso.serve import api, views
    from sayso.serve.app import create_app
    from sayso.serve.settings import ServeSettings

    app = create_app(ServeSettings(ledger=path, cache_seconds=0))
    routes = {"/": views.ledger_page, "/api/events": api.list_events, "/api/timeline": api.timeline,
              "/api/places": api.places}

    def call(url: str) -> None:
        where, _, query = url.partition("?")
        scope = {"type": "http", "method": "GET", "path": where, "query_string": query.encode(),
                 "headers": [(b"host", b"127.0.0.1")], "app": app, "root_path": "", "scheme": "http",
                 "server": ("127.0.0.1", 80), "path_params": {}, "router": app.router}
        answer = routes[where].__wrapped__(Request(scope))
        assert answer.status_code == 200, (url, answer.status_code)

    return call


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ledger", help="a copy of this ledger instead of a generated one")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=600)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "views.db")
        if args.ledger:
            shutil.copyfile(args.ledger, path)
        else:
            serve_load.build_ledger(path, args.events)
        call = caller(path)
        rng = random.Random(11)
        urls = [serve_load.page_urls(rng, 0) for _ in range(args.requests)]
        for url in urls[:50]:
            call(url)
        spent: dict[str, list[float]] = {}
        for url in urls:
            started = time.thread_time()
            call(url)
            spent.setdefault(serve_load.kind_of(url), []).append((time.thread_time() - started) * 1000)
    for kind, ms in sorted(spent.items()):
        print(f"  {kind:16} {len(ms):4} requests  median CPU {statistics.median(ms):6.1f} ms")
    print(f"  mean over all {sum(len(v) for v in spent.values())} requests: "
          f"{statistics.mean(v for ms in spent.values() for v in ms):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
