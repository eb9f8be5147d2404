"""The analyst's workbench over HTTP (issue 16): refusals that say why, no 500 from any input,
headers on every answer, the Host allow-list, hidden paths, article identity, exports, sorting,
page sizes, the timeline's time axis and colours, and the small things (titles, links, port)."""
from __future__ import annotations

from sayso.identity import source_key

import re
from dataclasses import replace
from html import unescape

import pytest
from starlette.testclient import TestClient

from sayso.ledger import Filters, open_ledger
from sayso.ledger.query import SORTS
from sayso.record import Meta, article_id
from sayso.serve.app import ServeSettings, create_app
from sayso.serve.charts import PALETTE, colours
from sayso.serve.params import ontology_categories
from test_serve_records import ARUTZ, sample_records, telegraph_relay

TOKEN = "workbench-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ENDPOINTS = ("/", "/timeline", "/map", "/api/events", "/api/timeline", "/api/places", "/api/export")
SECURITY = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy")


@pytest.fixture(scope="module")
def ledger_path(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("workbench") / "ledger.db")
    with open_ledger(path) as ledger:
        for rec in sample_records():
            ledger.ingest(replace(rec, meta=replace(rec.meta, path="/srv/secret/corpus/" + rec.id + ".txt")))
    return path


def client(path: str, base: str = "http://localhost", **settings) -> TestClient:
    return TestClient(create_app(ServeSettings(ledger=path, **settings)), base_url=base)


@pytest.fixture(scope="module")
def web(ledger_path):
    with client(ledger_path, token=TOKEN) as c:
        yield c


def error_of(response) -> str:
    if response.headers["content-type"].startswith("application/json"):
        return response.json()["error"]
    return unescape(response.text)


@pytest.mark.parametrize("url", ENDPOINTS)
def test_unknown_parameters_values_and_impossible_dates_are_400s_that_say_what_is_allowed(web, url):
    cases = {"foo=bar": "unknown parameter 'foo'", "conflict=true": "unknown parameter 'conflict'",
             "category=NOPE": "category must be one of", "since=2016-13-45": "must be a real date",
             "until=2016-02-30": "must be a real date", "min_sources=many": "whole number",
             "disputed=maybe": "true or false", "country=Syria": "alpha-3", "actor=a&actor=b": "one value"}
    for query, message in cases.items():
        answer = web.get(f"{url}?{query}")
        assert answer.status_code == 400, (url, query)
        assert message in error_of(answer), (url, query, error_of(answer))
        assert all(h in answer.headers for h in SECURITY)
    assert "DEFECT" in error_of(web.get(f"{url}?category=NOPE"))  # the allowed values are listed
    assert web.get(f"{url}?since=2016-02-29&until=2016").status_code == 200


def test_wildcards_match_literally(web):
    assert web.get("/api/events?text=%25").json()["total"] == 0
    assert web.get("/api/events?actor=%25").json()["total"] == 0
    assert web.get("/api/events?place=_").json()["total"] == 0
    assert web.get("/api/events?actor=Syrian%20air").json()["total"] == 1


def test_no_input_gets_a_500_and_every_answer_has_the_headers(web):
    for url in ("/api/events/99999999999999999999999", "/events/99999999999999999999999", "/api/events/-1",
                "/articles/" + "x" * 5000, "/api/articles/%00", "/events/abc", "/api/nothing", "/nothing",
                "/?page=99999999999999999999", "/api/events?limit=100000", "/?sort=nope"):
        answer = web.get(url)
        assert answer.status_code in (400, 404), (url, answer.status_code)
        assert all(h in answer.headers for h in SECURITY), url
    assert web.get("/api/events/99999999999999999999999").json()["error"]


def test_a_failing_view_is_a_500_with_the_headers(ledger_path, monkeypatch):
    from sayso.serve.store import Store

    def broken(*args, **kwargs):
        raise OverflowError("boom")

    monkeypatch.setattr(Store, "event", broken)
    with TestClient(create_app(ServeSettings(ledger=ledger_path)), base_url="http://localhost",
                    raise_server_exceptions=False) as c:
        answer = c.get("/api/events/1")
        assert answer.status_code == 500 and answer.json()["error"] and "boom" not in answer.text
        assert all(h in answer.headers for h in SECURITY)


@pytest.mark.parametrize("published", ["2016-13-45", "not a date", "2016-02-30"])
def test_a_bad_publication_date_is_refused(web, published):
    answer = web.post("/api/articles", json={"text": "Rebels seized the airport.", "published": published},
                      headers=AUTH)
    assert answer.status_code == 400 and "published must be a real date" in answer.json()["error"]


def test_host_allow_list(ledger_path):
    with client(ledger_path, base="http://evil.example") as c:
        answer = c.get("/api/events")
        assert answer.status_code == 400 and "--allow-host evil.example" in answer.json()["error"]
        assert all(h in answer.headers for h in SECURITY)
    with client(ledger_path, base="http://evil.example", allow_hosts=("evil.example",)) as c:
        assert c.get("/api/events").status_code == 200
    for base in ("http://127.0.0.1:8123", "http://localhost:9", "http://[::1]:8000"):
        with client(ledger_path, base=base) as c:
            assert c.get("/").status_code == 200, base


def test_server_paths_are_hidden_unless_asked_for(ledger_path, web):
    rec = sample_records()[0]
    event = web.get("/api/events?category=DEFECT").json()["items"][0]["id"]
    for url in (f"/api/articles/{rec.id}", f"/api/events/{event}", "/api/export?format=json", f"/articles/{rec.id}",
                f"/events/{event}"):
        assert "/srv/secret" not in web.get(url).text, url
    assert '"path"' not in web.get(f"/api/events/{event}").text
    with client(ledger_path, show_paths=True) as c:
        assert "/srv/secret" in c.get(f"/api/articles/{rec.id}").text
        assert "/srv/secret" in c.get(f"/api/events/{event}").text


def test_api_root_is_json_and_so_is_an_unknown_api_address(web):
    root = web.get("/api")
    assert root.status_code == 200 and root.json()["description"] == "/api/openapi.json"
    assert {"/api/events", "/api/export", "/api/places"} <= {e["address"] for e in root.json()["endpoints"]}
    assert web.get("/api/nothing").json()["error"]


def test_small_things(web, ledger_path):
    assert "<title>Ledger · sayso</title>" in web.get("/").text
    assert web.get("/favicon.ico").headers["content-type"].startswith("image/svg")
    assert 'rel="icon"' in web.get("/").text
    rec = sample_records()[0]
    assert '<a class="url" href="https://example.com/arutz"' in web.get(f"/articles/{rec.id}").text
    with client(ledger_path, base="http://127.0.0.1:8765") as c:
        assert "http://127.0.0.1:8765/api/articles" in c.get("/upload").text


def test_the_same_text_from_two_outlets_is_two_articles_and_two_reports(tmp_path):
    path = str(tmp_path / "wire.db")
    with open_ledger(path) as ledger:
        results = []
        for outlet in ("Reuters", "The Guardian"):
            rec = telegraph_relay(outlet, "", ARUTZ)
            meta = replace(rec.meta, url=None, outlet=outlet)
            results.append(ledger.ingest(replace(rec, meta=meta, id=article_id(rec.text, meta))))
        assert [r.status for r in results] == ["added", "added"] and results[0].article_id != results[1].article_id
        event = ledger.events(Filters(category="DEFECT")).items[0]
        assert event.reports == 2 and event.articles == 2
    assert article_id("same text", Meta(outlet="A")) != article_id("same text", Meta(outlet="B"))
    # with a URL the article is the URL's whatever the outlet (its version id includes the metadata)
    assert source_key("same text", Meta(url="https://x/1", outlet="A")) == source_key("same text", Meta(url="https://x/1"))


def test_uploads_from_two_outlets_and_pasted_html(ledger_path, tmp_path):
    text = "Rebels seized the airport in Aleppo on Monday, a spokesman said."
    with client(str(tmp_path / "up.db"), token=TOKEN) as c:
        first = c.post("/api/articles", json={"text": text, "outlet": "Reuters"}, headers=AUTH).json()
        second = c.post("/api/articles", json={"text": text, "outlet": "AFP"}, headers=AUTH).json()
        assert first["status"] == second["status"] == "added" and first["article_id"] != second["article_id"]
        assert c.get("/api/stats").json()["articles"] == 2
        html = "<p>Negotiators met in <b>Geneva</b> on Tuesday, a spokesman said.</p><p>Talks went on.</p>"
        form = c.post("/upload", data={"text": html, "token": TOKEN, "outlet": "Wire"}, follow_redirects=False)
        assert form.status_code == 303, form.text
        stored = c.get("/api" + form.headers["location"]).json()["record"]["text"]
        assert "Geneva" in stored and "<" not in stored


def test_exports_keep_the_filters_of_the_page(web):
    page = web.get("/?category=DEFECT&status=negated&sort=sources").text
    links = re.findall(r'<a class="button export" href="([^"]+)"', page)
    assert len(links) == 3
    for link in links:
        link = link.replace("&amp;", "&")
        assert "category=DEFECT" in link and "status=negated" in link and "sort" not in link
        assert web.get(link).status_code == 200
    assert web.get("/api/export?format=xml").status_code == 400


@pytest.mark.parametrize("sort", list(SORTS))
def test_every_column_sorts(web, sort):
    listed = web.get(f"/api/events?sort={sort}").json()["items"]
    column = sort.lstrip("-")
    keys = [(e[column] is None, e[column]) for e in listed if e[column] is not None]
    assert [k[1] for k in keys] == sorted((k[1] for k in keys), reverse=sort.startswith("-"))
    assert web.get(f"/?sort={sort}").status_code == 200


def test_every_column_head_is_a_sort_link_and_page_size_is_a_choice(web):
    page = web.get("/").text
    head = page[page.index("<thead>"):page.index("</thead>")]
    assert head.count("<a href=") + head.count('class="sorted"') >= 9
    assert '<select name="limit">' in page
    assert web.get("/?limit=1").text.count('class="event-row"') == 1
    assert "limit=1" in re.search(r'rel="next" href="([^"]+)"', web.get("/?limit=1").text)[1]


def test_seventeen_categories_have_seventeen_colours():
    known = ontology_categories()
    assert len(known) >= 17
    palette = colours(known, known)
    assert len(set(palette.values())) == len(known)
    assert colours(["DEFECT"], known)["DEFECT"] == palette["DEFECT"]  # the same colour on every page
    assert len(set(PALETTE)) == len(PALETTE)


def test_timeline_is_a_time_axis_with_bars_that_open_the_ledger(web):
    page = web.get("/timeline").text
    bars = re.findall(r'<a href="([^"]+)" class="bar"[^>]*><rect x="([\d.]+)"', page)
    assert bars
    for link, _ in bars:
        link = link.replace("&amp;", "&")
        listing = web.get("/api/events" + link[1:]).json()
        assert listing["total"] >= 1 and set(listing["filters"]) >= {"category", "since", "until"}
    from datetime import date

    from sayso.serve.charts import bars as make_bars, DayCount

    _, spread = make_bars([DayCount("2012-06-22", "DEFECT", 1), DayCount("2012-06-23", "DEFECT", 1),
                           DayCount("2016-10-03", "ASSAULT", 1)])
    assert spread[0].start == date(2012, 6, 1) and spread[-1].start == date(2016, 10, 1)  # months


def test_the_ledger_has_a_sources_column_with_counts_and_names(web, ledger_path):
    from sayso.ledger import query

    page = web.get("/?limit=500").text
    cells = re.findall(r'<tr class="event-row">.*?<a href="/events/(\d+)">.*?<td class="num sources" '
                       r'data-label="Sources"><strong>(\d+)</strong>(.*?)</td>', page, re.S)
    listed = {e["id"]: e for e in web.get("/api/events?limit=500").json()["items"]}
    assert len(cells) == len(listed) >= 2
    with open_ledger(ledger_path) as ledger:
        names = query.source_names(ledger.db, list(listed))
    for event_id, count, rest in cells:
        assert int(count) == listed[int(event_id)]["sources"]
        shown = unescape(re.sub(r"<[^>]+>", "", rest))
        assert shown.split("; +")[0] == "; ".join(names[int(event_id)][:3])
    assert any(int(c) >= 2 for _, c, _ in cells)  # the defection: more than one independent source


@pytest.mark.parametrize("url", ["/api/events", "/api/timeline", "/api/places"])
def test_every_answer_echoes_the_filters_it_applied(web, url):
    """The reply's `filters` are the ones applied: what it counts is what the ledger gives for them."""
    with_all = web.get(url, params=[("status", "negated"), ("category", "defect"), ("category", "PROTEST")]).json()
    assert with_all["filters"] == {"status": ["negated"], "category": ["DEFECT", "PROTEST"]}
    negated = web.get("/api/events", params={"status": "negated"}).json()["items"]
    counted = {"/api/events": lambda a: a["total"], "/api/timeline": lambda a: sum(d["count"] for d in a["days"]),
               "/api/places": lambda a: sum(p["count"] for p in a["places"])}[url]
    everything = counted(web.get(url).json())
    assert counted(web.get(url, params={"status": "negated"}).json()) == \
        sum(1 for e in negated if url == "/api/events" or (e["day"] if url == "/api/timeline" else e["lat"] is not None))
    assert 0 < len(negated) and counted(web.get(url, params={"status": "negated"}).json()) < everything
