"""Every export format read back by its usual reader, against both backends."""
from __future__ import annotations

import csv
import json

import pytest

from sayso.errors import SaysoError
from sayso.ledger import open_ledger
from sayso.ledger.export import export
from synthetic import Actor, Spec, make_record

try:  # tests/ may or may not be a package
    from tests.test_ledger_support import ledger_target, pilot_report  # noqa: F401  # noqa: F401
except ModuleNotFoundError:
    from test_ledger_support import ledger_target, pilot_report  # noqa: F401  # noqa: F401


@pytest.fixture
def ledger(ledger_target):
    with open_ledger(ledger_target) as ledger:
        ledger.ingest(pilot_report("https://a.example/1", "Arutz Sheva"))
        ledger.ingest(pilot_report("https://b.example/1", "Levant Wire", relay=False, status="negated",
                                   polarity="negative"))
        unplaced = Spec("ACCUSE", Actor("Syria", "organization", "SYR", "GOV"), day="2012-06-22",
                        verb="accused", status="claimed")
        ledger.ingest(make_record("https://c.example/1", "Nile Daily", "2012-06-22", [unplaced]))
        yield ledger


def expected(ledger) -> dict[int, tuple]:
    return {e.id: (e.category, e.sources, e.reports, e.statuses) for e in ledger.events(limit=None).items}


def write(ledger, fmt, path):
    return export(ledger.iter_events(), fmt, str(path))


def test_json(ledger, tmp_path):
    n = write(ledger, "json", tmp_path / "x.json")
    data = json.loads((tmp_path / "x.json").read_text())
    assert n == len(data) == 2
    assert {d["id"]: (d["category"], d["sources"], d["reports"], tuple(d["statuses"])) for d in data} == expected(ledger)
    defect = next(d for d in data if d["category"] == "DEFECT")
    assert len(defect["report_list"]) == 2 and defect["claims_against"] == 1
    assert {tuple(r["chain"]) for r in defect["report_list"]} == {("Arutz Sheva", "The Daily Telegraph"),
                                                                  ("Levant Wire",)}


def test_jsonl(ledger, tmp_path):
    write(ledger, "jsonl", tmp_path / "x.jsonl")
    lines = (tmp_path / "x.jsonl").read_text().splitlines()
    data = [json.loads(line) for line in lines]
    assert {d["id"]: d["sources"] for d in data} == {k: v[1] for k, v in expected(ledger).items()}


def test_csv(ledger, tmp_path):
    write(ledger, "csv", tmp_path / "x.csv")
    with open(tmp_path / "x.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {int(r["id"]): (r["category"], int(r["sources"]), int(r["reports"])) for r in rows} == \
        {k: v[:3] for k, v in expected(ledger).items()}
    defect = next(r for r in rows if r["category"] == "DEFECT")
    assert defect["statuses"] == "negated; occurred" and defect["conflict"] == "True"
    assert defect["outlets"] == "Arutz Sheva; Levant Wire"


def test_geojson(ledger, tmp_path):
    write(ledger, "geojson", tmp_path / "x.geojson")
    data = json.loads((tmp_path / "x.geojson").read_text())
    assert data["type"] == "FeatureCollection"
    by_category = {f["properties"]["category"]: f for f in data["features"]}
    point = by_category["DEFECT"]["geometry"]
    assert point["type"] == "Point" and point["coordinates"] == [36.0, 31.0]  # lon, lat
    assert -180 <= point["coordinates"][0] <= 180 and -90 <= point["coordinates"][1] <= 90
    assert by_category["ACCUSE"]["geometry"] is None
    assert by_category["DEFECT"]["properties"]["sources"] == 2


def test_parquet(ledger, tmp_path):
    import pyarrow.parquet as pq

    write(ledger, "parquet", tmp_path / "x.parquet")
    table = pq.read_table(tmp_path / "x.parquet")
    rows = table.to_pylist()
    assert {r["id"]: (r["category"], r["sources"], r["reports"], tuple(r["statuses"])) for r in rows} == expected(ledger)
    defect = next(r for r in rows if r["category"] == "DEFECT")
    assert sorted(r["outlet"] for r in defect["report_list"]) == ["Arutz Sheva", "Levant Wire"]
    assert table.schema.field("lat").type == "double"


def test_plover(ledger, tmp_path):
    write(ledger, "plover", tmp_path / "x.json")
    data = json.loads((tmp_path / "x.json").read_text())
    defect = next(d for d in data if d["event"] == "DEFECT")
    assert defect["source"] == [{"actorText": "Hassan Merei al-Hamade", "code": "SYR", "sector": "MIL"}]
    assert defect["date"] == "2012-06-21" and defect["eventText"].endswith("defected")  # first report by id
    assert defect["sayso"]["statuses"] == ["negated", "occurred"] and defect["sayso"]["conflict"] is True
    accuse = next(d for d in data if d["event"] == "ACCUSE")
    assert "target" not in accuse and accuse["sayso"]["status"] == "claimed"


def test_failed_export_leaves_no_file(ledger, tmp_path):
    def broken():
        yield from ledger.iter_events()
        raise RuntimeError("disk full")

    out = tmp_path / "out"
    out.mkdir()
    target = out / "x.json"
    target.write_text("previous export")
    with pytest.raises(RuntimeError):
        export(broken(), "json", str(target))
    assert target.read_text() == "previous export"
    assert [p.name for p in out.iterdir()] == ["x.json"]
    with pytest.raises(SaysoError):
        export(ledger.iter_events(), "xml", str(tmp_path / "x.xml"))
