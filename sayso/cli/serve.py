"""Serve the ledger as web pages and a JSON API (bound to 127.0.0.1 unless --host says otherwise).

Pages: the ledger (filters, sorting, pages), each event with its reports and chains of sources,
each article with its highlights, a timeline and a map. API: /api/..., described at
/api/openapi.json. Adding articles (the upload page, POST /api/articles) is off unless --token
is given, and then needs that token.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys

from sayso.errors import SaysoError
from sayso.util import require

HELP = "serve the ledger as web pages and a JSON API"
TOKEN_ENV = "SAYSO_TOKEN"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from sayso.serve.settings import ServeSettings

    h = ServeSettings.help()
    parser.add_argument("--ledger", default=ServeSettings.ledger, help=h["ledger"] + " (default: %(default)s)")
    parser.add_argument("--host", default=ServeSettings.host, help=h["host"] + " (default: %(default)s)")
    parser.add_argument("--port", type=int, default=ServeSettings.port, help=h["port"] + " (default: %(default)s)")
    parser.add_argument("--token", default=None,
                        help=h["token"] + f"; or set {TOKEN_ENV} (keeps it out of the process list)")
    parser.add_argument("--max-upload", type=int, default=ServeSettings.max_upload, metavar="BYTES",
                        help=h["max_upload"] + " (default: %(default)s)")
    parser.add_argument("--page-size", type=int, default=ServeSettings.page_size, help=h["page_size"])
    parser.add_argument("--cache-seconds", type=float, default=ServeSettings.cache_seconds,
                        help=h["cache_seconds"] + " (default: %(default)s)")
    parser.add_argument("--workers", type=int, default=ServeSettings.workers, help=h["workers"])
    parser.add_argument("--allow-host", action="append", default=None, metavar="NAME", dest="allow_hosts",
                        help=h["allow_hosts"] + f"; repeat for several (default: {', '.join(ServeSettings.allow_hosts)})")
    parser.add_argument("--show-paths", action="store_true", help=h["show_paths"])


def settings_from(args: argparse.Namespace):
    from sayso.serve.settings import ServeSettings

    token = args.token or os.environ.get(TOKEN_ENV) or None
    if args.max_upload < 1:
        raise SaysoError("--max-upload must be a positive number of bytes")
    if not 1 <= args.page_size <= 500 or args.workers < 1 or args.cache_seconds < 0:
        raise SaysoError("--page-size must be 1..500, --workers at least 1, --cache-seconds 0 or more")
    return ServeSettings(ledger=args.ledger, host=args.host, port=args.port, token=token,
                         max_upload=args.max_upload, page_size=args.page_size,
                         cache_seconds=args.cache_seconds, workers=args.workers,
                         allow_hosts=tuple(args.allow_hosts or ServeSettings.allow_hosts),
                         show_paths=args.show_paths)


def run(args: argparse.Namespace) -> int:
    uvicorn = require("uvicorn", "serve")
    require("starlette", "serve")
    from sayso.ledger import open_ledger
    from sayso.ledger.backend import redact
    from sayso.serve.app import create_app
    from sayso.serve.settings import SETTINGS_ENV

    settings = settings_from(args)
    with open_ledger(settings.ledger):  # a clear error now, not at the first request
        pass
    if settings.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"sayso serve: listening on {settings.host}: reachable from other machines", file=sys.stderr)
    writing = "on (token required)" if settings.token else "off (start with --token to accept articles)"
    print(f"sayso serve: http://{settings.host}:{settings.port}/  ledger {redact(settings.ledger)}; "
          f"writing {writing}", file=sys.stderr)
    options = dict(host=settings.host, port=settings.port, log_level="warning", access_log=False)
    if settings.workers == 1:
        uvicorn.run(create_app(settings), **options)
        return 0
    values = {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings) if f.name != "extract"}
    os.environ[SETTINGS_ENV] = json.dumps(values)
    uvicorn.run("sayso.serve.app:app_from_environment", factory=True, workers=settings.workers, **options)
    return 0
