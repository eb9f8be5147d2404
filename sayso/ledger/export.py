"""Exports of merged events in the formats their usual readers open.

json (one array), jsonl (one event a line), csv (one flat row per event), geojson (a
FeatureCollection; events without coordinates have a null geometry, as RFC 7946 allows),
parquet (pyarrow; reports as a list of structs) and plover (PLOVER JSON event records, with
sayso's statuses and source counts under "sayso"). Files are written beside the target and
renamed into place when complete, so a failed export never leaves half a file.
"""
from __future__ import annotations

import csv
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator

from sayso.errors import SaysoError
from sayso.util import require
from sayso.ledger.query import MERGED_COLUMNS, EventDetail

FORMATS = ("json", "jsonl", "csv", "geojson", "parquet", "plover")
PLOVER_VERSION = "0.6"


def flat(detail: EventDetail) -> dict[str, Any]:
    """One merged event as scalar columns (lists joined with "; ")."""
    d = detail.event.to_dict()
    d["statuses"] = "; ".join(detail.event.statuses)
    d["source_names"] = "; ".join(s.source for s in detail.sources)
    d["outlets"] = "; ".join(sorted({r.outlet for r in detail.reports if r.outlet}))
    d["claims_for"], d["claims_against"] = len(detail.claims_for), len(detail.claims_against)
    return d


CSV_COLUMNS = (*MERGED_COLUMNS, "source_names", "outlets", "claims_for", "claims_against")


def write_json(items: Iterable[EventDetail], out: IO[str]) -> int:
    n = 0
    out.write("[")
    for n, item in enumerate(items, 1):
        out.write(("\n" if n == 1 else ",\n") + json.dumps(item.to_dict(), ensure_ascii=False))
    out.write("\n]\n")
    return n


def write_jsonl(items: Iterable[EventDetail], out: IO[str]) -> int:
    n = 0
    for n, item in enumerate(items, 1):
        out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
    return n


def write_csv(items: Iterable[EventDetail], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for n, item in enumerate(items, 1):
        writer.writerow(flat(item))
    return n


def feature(detail: EventDetail) -> dict[str, Any]:
    e = detail.event
    geometry = None
    if e.lat is not None and e.lon is not None:
        geometry = {"type": "Point", "coordinates": [e.lon, e.lat]}
    properties = {k: v for k, v in flat(detail).items() if k not in ("lat", "lon")}
    properties["statuses"] = list(e.statuses)
    return {"type": "Feature", "id": e.id, "geometry": geometry, "properties": properties}


def write_geojson(items: Iterable[EventDetail], out: IO[str]) -> int:
    n = 0
    out.write('{"type": "FeatureCollection", "features": [')
    for n, item in enumerate(items, 1):
        out.write(("\n" if n == 1 else ",\n") + json.dumps(feature(item), ensure_ascii=False))
    out.write("\n]}\n")
    return n


def _actor(name: Any, country: Any, sector: Any) -> list[dict[str, Any]]:
    if not name:
        return []
    actor = {"actorText": name}
    if country:
        actor["code"] = country
    if sector:
        actor["sector"] = sector
    return [actor]


def plover(detail: EventDetail) -> dict[str, Any]:
    """One merged event in the PLOVER event-record style (first report's text as the example)."""
    e, first = detail.event, (detail.reports[0] if detail.reports else None)
    record = {"id": f"sayso-{e.id}", "date": e.day, "event": e.category, "mode": e.mode,
              "source": _actor(e.actor, e.actor_country, e.actor_sector),
              "target": _actor(e.recipient, e.recipient_country, e.recipient_sector),
              "eventText": first.trigger if first else None, "text": e.summary,
              "eventLoc": ({"placeName": e.place, "countryCode": e.country, "lat": e.lat, "lon": e.lon}
                           if e.place or e.country else None),
              "language": "en", "publication": "; ".join(sorted({r.outlet for r in detail.reports if r.outlet})),
              "coder": "sayso", "version": PLOVER_VERSION,
              "sayso": {"status": e.status, "statuses": list(e.statuses), "conflict": e.conflict,
                        "reports": e.reports, "articles": e.articles, "sources": e.sources,
                        "source_names": [s.source for s in detail.sources]}}
    return {k: v for k, v in record.items() if v not in (None, [], "")}


def write_plover(items: Iterable[EventDetail], out: IO[str]) -> int:
    n = 0
    out.write("[")
    for n, item in enumerate(items, 1):
        out.write(("\n" if n == 1 else ",\n") + json.dumps(plover(item), ensure_ascii=False))
    out.write("\n]\n")
    return n


def parquet_schema():
    pa = require("pyarrow", "parquet")

    text, num, i64 = pa.string(), pa.float64(), pa.int64()
    types = {"id": i64, "lat": num, "lon": num, "reports": i64, "articles": i64, "sources": i64,
             "conflict": pa.bool_(), "statuses": pa.list_(text)}
    report = pa.struct([("article_id", text), ("event_id", text), ("outlet", text),
                        ("published", text), ("url", text), ("status", text), ("polarity", text),
                        ("sentence", text), ("chain", pa.list_(text)), ("source", text)])
    fields = [(c, types.get(c, text)) for c in MERGED_COLUMNS]
    return pa.schema(fields + [("source_names", pa.list_(text)), ("report_list", pa.list_(report))])


def parquet_row(detail: EventDetail) -> dict[str, Any]:
    d = detail.event.to_dict()
    d["source_names"] = [s.source for s in detail.sources]
    keep = ("article_id", "event_id", "outlet", "published", "url", "status", "polarity",
            "sentence", "chain", "source")
    d["report_list"] = [{k: r.to_dict()[k] for k in keep} for r in detail.reports]
    return d


def write_parquet(items: Iterable[EventDetail], path: str, batch: int = 5000) -> int:
    pa = require("pyarrow", "parquet")
    import pyarrow.parquet as pq

    schema, n, rows = parquet_schema(), 0, []
    with pq.ParquetWriter(path, schema) as writer:
        for n, item in enumerate(items, 1):
            rows.append(parquet_row(item))
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
        writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    return n


TEXT_WRITERS: dict[str, Callable[[Iterable[EventDetail], IO[str]], int]] = {
    "json": write_json, "jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson,
    "plover": write_plover,
}


@contextmanager
def _replacing(path: str) -> Iterator[str]:
    """A temporary file beside `path`, renamed onto it only when the block succeeds."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def export(items: Iterable[EventDetail], fmt: str, path: str) -> int:
    """Write merged events to `path` in `fmt`; returns how many were written."""
    if fmt not in FORMATS:
        raise SaysoError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    with _replacing(path) as tmp:
        if fmt == "parquet":
            return write_parquet(items, tmp)
        with open(tmp, "w", encoding="utf-8", newline="" if fmt == "csv" else None) as out:
            return TEXT_WRITERS[fmt](items, out)


def export_stream(items: Iterable[EventDetail], fmt: str, out: IO[str]) -> int:
    """Text formats to an open stream (stdout)."""
    if fmt not in TEXT_WRITERS:
        raise SaysoError(f"format {fmt!r} needs a file: give -o FILE")
    return TEXT_WRITERS[fmt](items, out)
