"""The parts of a page made once per query (sayso.serve.fragments) and the API's JSON by orjson:
never stale when the ledger or the query changes, the same answer as made afresh."""
from __future__ import annotations

import json
import re

from starlette.testclient import TestClient

from sayso.ledger import open_ledger
from sayso.serve.app import ServeSettings, create_app
from test_serve_records import hostile, sample_records


def client(path: str) -> TestClient:
    return TestClient(create_app(ServeSettings(ledger=path, cache_seconds=0)), base_url="http://localhost")


def options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    return re.findall(r"<option[^>]*>([^<]+)</option>", select[1])


def test_the_kept_form_shows_what_the_ledger_holds_after_an_ingest(tmp_path):
    path = str(tmp_path / "fragments.db")
    with open_ledger(path) as ledger:
        ledger.ingest(sample_records()[0])
    with client(path) as c:
        before = c.get("/").text
        assert options(before, "category") == ["DEFECT"] and "AUS" not in options(before, "country")
        for page in ("/", "/timeline", "/map"):
            c.get(page)
        c.app.state.store.ingest(hostile())  # as an upload does: the form's choices are read again
        for page in ("/", "/timeline", "/map"):
            after = c.get(page).text
            assert options(after, "category") == ["DEFECT", "PROTEST"], page
            assert "AUS" in options(after, "country"), page
        assert 'id="total">2<' in c.get("/").text  # the count is the ledger's, never kept


def test_kept_parts_follow_the_query(tmp_path):
    path = str(tmp_path / "query.db")
    with open_ledger(path) as ledger:
        for rec in sample_records():
            ledger.ingest(rec)
    with client(path) as c:
        plain = c.get("/").text
        defect = c.get("/?category=DEFECT&sort=day").text
        assert options(plain, "category") == options(defect, "category")
        assert re.search(r"<option selected>DEFECT</option>", defect)
        assert not re.search(r"<option selected>", plain.split('name="limit"')[0])
        heads = [re.search(r"<thead>.*?</thead>", html, re.S)[0] for html in (plain, defect)]
        assert 'href="/?sort=day"' in heads[0] and 'aria-sort="descending"' in heads[0]
        assert '<a href="/?category=DEFECT" class="sorted" aria-sort="ascending">Day' in heads[1]
        assert 'href="/?category=DEFECT&amp;sort=-sources"' in heads[1]
        exports = re.findall(r'href="(/api/export[^"]*)"', defect)
        assert exports and all("category=DEFECT" in e for e in exports)
        assert re.findall(r'href="(/api/export[^"]*)"', c.get("/?category=DEFECT&page=1").text) == exports
        assert not any("category" in e for e in re.findall(r'href="(/api/export[^"]*)"', plain))
        assert c.get("/?category=DEFECT&limit=25").text.count('<option selected>25</option>') == 1


def test_api_json_is_the_same_as_made_value_by_value(tmp_path):
    from dataclasses import asdict

    from sayso.serve.api import NO_PATHS, plain

    path = str(tmp_path / "json.db")
    with open_ledger(path) as ledger:
        for rec in sample_records():
            ledger.ingest(rec)
        page = ledger.events()
        detail = ledger.event(page.items[0].id)
    with client(path) as c:
        got = c.get("/api/events").json()["items"]
        assert got == [{**asdict(e), "statuses": list(e.statuses)} for e in page.items]
        event = c.get(f"/api/events/{detail.event.id}").json()
        assert event["reports"] and all("path" not in r for r in event["reports"])
        assert event["event"] == got[0]
    reports = json.loads(json.dumps(plain(detail.reports, NO_PATHS)))
    assert reports == [{k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(r).items() if k != "path"}
                       for r in detail.reports]


def test_a_row_escapes_every_value_and_keeps_the_markers_for_the_pages_links():
    from dataclasses import replace
    from html import unescape

    from sayso.ledger.query import MergedEvent
    from sayso.serve.rows import PLACE, category_mark, row_html, summary
    from test_serve_records import XSS, parse

    hostile = '<img src=x onerror="alert(1)">\'&'
    e = MergedEvent(7, XSS, hostile, "2012-06-21", "2012-06-22", XSS, hostile, XSS, hostile, XSS, None, XSS, hostile,
                    31.0, 36.0, 2, 2, 4, (XSS, "occurred"), "occurred", True, XSS + " word" * 60)
    html = row_html(e, (XSS, hostile, "c", "d"))
    tags = parse(html.replace("<br>", ""))  # (the parser of the tests knows no void element)
    assert set(tags.tags) <= {"tr", "td", "a", "small", "span", "strong"}
    text = unescape("".join(tags.text))
    assert text.count(XSS) >= 8 and hostile in text and "; +1" in text and "to 2012-06-22" in text
    assert f'href="{PLACE}31.0000%2C36.0000"' in html and unescape(category_mark(XSS)) in unescape(html)
    plain = row_html(replace(e, lat=None, place=None, actor=None, actor_country=None, conflict=False), ())
    assert "<td data-label=\"Place\"> <small>" in plain and "disputed" not in plain and PLACE not in plain
    assert summary("x" * 165) == "x" * 165 and summary("ab " * 60) == ("ab " * 60)[:157].rsplit(" ", 1)[0] + "..."


def test_an_ingest_by_another_process_reaches_the_kept_form_when_the_choices_are_read_again(tmp_path, monkeypatch):
    from sayso.serve import store

    path = str(tmp_path / "elsewhere.db")
    with open_ledger(path) as ledger:
        ledger.ingest(sample_records()[0])
    monkeypatch.setattr(store, "OPTIONS_TTL", 0.0)  # the form's choices read again at each request
    with client(path) as c:
        assert options(c.get("/").text, "category") == ["DEFECT"]
        with open_ledger(path) as ledger:  # `sayso ingest` in another process, not through this server
            ledger.ingest(hostile())
        assert options(c.get("/").text, "category") == ["DEFECT", "PROTEST"]
        assert options(c.get("/map").text, "category") == ["DEFECT", "PROTEST"]
