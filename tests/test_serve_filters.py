"""Every filter on every endpoint gives the ledger's own answer (issue 16: one query layer).

A ledger of synthetic news (many outlets, relays, statuses, places, days) plus the serve
samples; each filter, alone, repeated and combined, is asked of the ledger page, /api/events,
/api/timeline, /api/places, the timeline and map pages and the three exports, and each answer
is compared with `Ledger.events` for the same filters, and for most filters with a plain
Python reading of the events' reports besides.
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter

import pytest
from starlette.testclient import TestClient

from sayso.ledger import Filters, open_ledger
from sayso.ledger.filter_params import filters_from
from synthetic import generate
from sayso.serve.app import ServeSettings, create_app
from test_serve_records import sample_records

CASES = [
    [("category", "DEFECT")], [("category", "defect"), ("category", "ASSAULT")],
    [("status", "negated")], [("status", "negated"), ("status", "claimed")],
    [("country", "JOR")], [("country", "jor"), ("country", "SYR")],
    [("actor", "person1")], [("actor", "%")], [("actor", "_")], [("place", "town1")], [("place", "%")],
    [("since", "2012-01-10")], [("until", "2012-01-20")], [("since", "2012-01")], [("until", "2012-01")],
    [("since", "2012")], [("min_sources", "2")], [("text", "in town1")], [("text", "%")],
    [("outlet", "Outlet 3")], [("outlet", "outlet 3"), ("outlet", "Outlet 7")], [("outlet", "%")],
    [("source", "Outlet 1")], [("source", "The Daily Telegraph")], [("source", "_")],
    [("disputed", "true")], [("disputed", "false")],
    [("category", "DEFECT"), ("country", "JOR"), ("since", "2012-01-05"), ("min_sources", "1")],
]


@pytest.fixture(scope="module")
def ledger_path(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("filters") / "ledger.db")
    with open_ledger(path) as ledger:
        list(ledger.ingest_many(generate(120, seed=5, per_day=4), batch=40))
        for rec in sample_records():
            ledger.ingest(rec)
    return path


@pytest.fixture(scope="module")
def web(ledger_path):
    with TestClient(create_app(ServeSettings(ledger=ledger_path, cache_seconds=0)), base_url="http://localhost") as c:
        yield c


@pytest.fixture(scope="module")
def truth(ledger_path):
    """The ledger's own answer for each case, and every merged event with its reports."""
    with open_ledger(ledger_path) as ledger:
        answers = {tuple(c): ledger.events(filters_from(c), limit=None).items for c in CASES}
        details = {d.event.id: d for d in ledger.iter_events(Filters())}
    return answers, details


def oracle(pairs, detail) -> bool | None:
    """Whether a merged event matches, read from its reports in Python (None: not checked here)."""
    e, reports = detail.event, detail.reports
    names = lambda r: [r.outlet or "", *r.chain, r.source or ""]  # noqa: E731
    low = lambda s: (s or "").lower()  # noqa: E731
    tests = {
        "category": lambda vs: e.category in {v.upper() for v in vs},
        "status": lambda vs: any(r.status in vs for r in reports),
        "actor": lambda vs: low(vs[0]) in low(e.actor) or low(vs[0]) in low(e.recipient),
        "place": lambda vs: any(low(vs[0]) in low(r.place) for r in reports),
        "outlet": lambda vs: any(low(v) in low(r.outlet) for v in vs for r in reports),
        "source": lambda vs: any(low(vs[0]) in low(n) for r in reports for n in names(r)),
        "disputed": lambda vs: e.conflict == (vs[0] == "true"),
        "min_sources": lambda vs: e.sources >= int(vs[0]),
    }
    values: dict[str, list[str]] = {}
    for name, value in pairs:
        values.setdefault(name, []).append(value)
    if not set(values) <= set(tests):
        return None
    return all(tests[name](vs) for name, vs in values.items())


def ids_in(html: str) -> set[int]:
    return {int(i) for i in re.findall(r'<td class="day"[^>]*><a href="/events/(\d+)">', html)}


@pytest.mark.parametrize("pairs", CASES, ids=lambda c: "&".join(f"{k}={v}" for k, v in c))
def test_every_filter_on_every_endpoint_is_the_ledgers_answer(web, truth, pairs):
    answers, details = truth
    expected = answers[tuple(pairs)]
    ids = {e.id for e in expected}
    checked = {i for i, d in details.items() if oracle(pairs, d)}
    if oracle(pairs, next(iter(details.values()))) is not None:
        assert ids == checked, "the ledger's filter differs from its reports"
    listing = web.get("/api/events", params=[*pairs, ("limit", "500")]).json()
    assert {e["id"] for e in listing["items"]} == ids and listing["total"] == len(ids)
    assert ids_in(web.get("/", params=[*pairs, ("limit", "500")]).text) == ids
    dated = Counter((e.day, e.category) for e in expected if e.day)
    days = web.get("/api/timeline", params=pairs).json()["days"]
    assert Counter({(d["day"], d["category"]): d["count"] for d in days}) == dated
    places = web.get("/api/places", params=pairs).json()["places"]
    assert sum(p["count"] for p in places) == sum(1 for e in expected if e.lat is not None)
    assert _timeline_total(web.get("/timeline", params=pairs).text) == sum(dated.values())
    assert _map_total(web.get("/map", params=pairs).text) == sum(p["count"] for p in places)
    _check_exports(web, pairs, ids)


def _timeline_total(html: str) -> int:
    return sum(int(n) for n in re.findall(r'<td class="num">(\d+)</td></tr>', html))


def _map_total(html: str) -> int:
    return sum(int(n) for n in re.findall(r'<td class="num" data-label="Events">(\d+)</td>', html))


def _check_exports(web, pairs, ids: set[int]) -> None:
    as_json = web.get("/api/export", params=[*pairs, ("format", "json")])
    assert as_json.status_code == 200 and {e["id"] for e in as_json.json()} == ids
    as_csv = web.get("/api/export", params=[*pairs, ("format", "csv")])
    assert "attachment" in as_csv.headers["content-disposition"]
    assert {int(r["id"]) for r in csv.DictReader(io.StringIO(as_csv.text))} == ids
    geo = web.get("/api/export", params=[*pairs, ("format", "geojson")]).json()
    assert {f["properties"]["id"] for f in geo["features"]} == ids


def test_repeated_values_are_any_of_them(web):
    one = lambda c: web.get("/api/events", params=[("category", c)]).json()["total"]  # noqa: E731
    both = web.get("/api/events", params=[("category", "DEFECT"), ("category", "ASSAULT")]).json()
    assert both["total"] == one("DEFECT") + one("ASSAULT") > one("DEFECT") > 0
    assert both["filters"]["category"] == ["DEFECT", "ASSAULT"]


def test_place_ids_tell_places_of_one_name_apart(tmp_path):
    from test_serve_records import telegraph_relay, ARUTZ
    from dataclasses import replace

    from sayso.record import Place, article_id

    path = str(tmp_path / "brussels.db")
    with open_ledger(path) as ledger:
        for url, country, lat, lon in (("https://a.example/bel", "BEL", 50.8503, 4.3517),
                                       ("https://a.example/can", "CAN", 44.55, -81.27)):
            rec = telegraph_relay("Wire", url, ARUTZ)
            rec = replace(rec, places=(Place("p1", "Brussels", rec.places[0].mentions, country, lat, lon, "city"),))
            ledger.ingest(replace(rec, id=article_id(rec.text, rec.meta)))
    with TestClient(create_app(ServeSettings(ledger=path)), base_url="http://localhost") as c:
        places = c.get("/api/places").json()["places"]
        assert sorted(p["country"] for p in places) == ["BEL", "CAN"]
        for p in places:
            found = c.get("/api/events", params={"place_id": p["id"]}).json()["items"]
            assert [e["country"] for e in found] == [p["country"]]
            assert f'place_id={p["id"].replace(",", "%2C")}' in c.get("/map").text
