"""GET /api/export: the merged events of the current filters as a file (CSV, GeoJSON or JSON).

The ledger's own export writers (sayso.ledger.export) over the ledger's own filtered iteration,
so a download holds exactly what the ledger page lists; the JSON leaves out server file paths
unless the server shows them (--show-paths).
"""
from __future__ import annotations

import io
import json
from typing import Any, Iterator

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from sayso.ledger.export import write_csv, write_geojson
from sayso.serve.params import FILTERS
from sayso.serve.params import query_of, store_of

FORMATS = {"csv": "text/csv; charset=utf-8", "geojson": "application/geo+json", "json": "application/json"}


def write_json(items: Iterator[Any], out: io.StringIO, show_paths: bool) -> int:
    from sayso.serve.params import without_paths

    n = 0
    out.write("[")
    for n, item in enumerate(items, 1):
        data = item.to_dict() if show_paths else without_paths(item.to_dict())
        out.write(("\n" if n == 1 else ",\n") + json.dumps(data, ensure_ascii=False))
    out.write("\n]\n")
    return n


def render(request: Request, filters: dict[str, Any], fmt: str) -> str:
    out = io.StringIO()
    show = request.app.state.settings.show_paths
    writers = {"csv": lambda items: write_csv(items, out), "geojson": lambda items: write_geojson(items, out),
               "json": lambda items: write_json(items, out, show)}
    store_of(request).export(filters, writers[fmt])
    return out.getvalue()


async def export(request: Request) -> Response:
    q = query_of(request, (*FILTERS, "format"))
    fmt = request.query_params.get("format") or "csv"
    if fmt not in FORMATS:
        raise HTTPException(400, f"format must be one of {', '.join(FORMATS)}; not {fmt!r}")
    body = await run_in_threadpool(render, request, q.filters, fmt)
    name = f"sayso-events.{fmt}"
    return Response(body, media_type=FORMATS[fmt],
                    headers={"content-disposition": f'attachment; filename="{name}"'})
