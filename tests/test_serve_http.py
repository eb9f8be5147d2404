"""The server over HTTP: pages, filters, API, escaping, the write token and the size limit."""
from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from starlette.testclient import TestClient

from sayso.ledger import open_ledger
from sayso.serve.app import ServeSettings, create_app
from test_serve_records import XSS, hostile, sample_ledger, sample_records

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def ledger_path(tmp_path_factory):
    return sample_ledger(str(tmp_path_factory.mktemp("serve") / "ledger.db"))


def client(path: str, **settings) -> TestClient:
    return TestClient(create_app(ServeSettings(ledger=path, **settings)), base_url="http://localhost")


@pytest.fixture(scope="module")
def web(ledger_path):
    with client(ledger_path) as c:
        yield c


def merged_id(web, category: str) -> int:
    items = web.get("/api/events", params={"category": category}).json()["items"]
    assert len(items) == 1
    return items[0]["id"]


def rows(html: str) -> int:
    return html.count('class="event-row"')


def test_ledger_page_lists_merged_events_and_filters_them(web):
    assert rows(web.get("/").text) == 2
    assert rows(web.get("/?category=DEFECT").text) == 1
    assert rows(web.get("/?category=ASSAULT").text) == 0
    assert rows(web.get("/?status=negated").text) == 1
    assert rows(web.get("/?country=aus").text) == 1
    assert rows(web.get("/?actor=air+force").text) == 1
    assert rows(web.get("/?min_sources=2").text) == 1
    assert rows(web.get("/?text=landed+in+Jordan").text) == 1
    assert rows(web.get("/?since=2012-06-22&until=2012-06-30").text) == 1
    assert "No event matches" in web.get("/?place=Atlantis").text


def test_ledger_page_sorts_and_pages(web):
    days = lambda html: re.findall(r'<td class="day"[^>]*><a href="/events/\d+">([^<]+)</a>', html)
    assert days(web.get("/?sort=day").text) == ["2012-06-21", "2012-06-22"]
    assert days(web.get("/?sort=-day").text) == ["2012-06-22", "2012-06-21"]
    with client(web.app.state.settings.ledger, page_size=1) as small:
        first, second = small.get("/").text, small.get("/?page=2").text
        assert rows(first) == rows(second) == 1 and days(first) != days(second)
        assert 'rel="next" href="/?page=2"' in first and "page 2 of 2" in second


def test_bad_parameters_are_a_400_that_says_why(web):
    page = web.get("/?min_sources=many")
    assert page.status_code == 400 and "min_sources must be a whole number" in page.text
    api = web.get("/api/events?sort=random")
    assert api.status_code == 400 and "sort must be one of" in api.json()["error"]


def test_injection_in_a_filter_is_only_text(web):
    assert rows(web.get("/", params={"actor": "' OR 1=1 --"}).text) == 0
    assert web.get("/api/events", params={"text": "%' OR '1'='1"}).json()["total"] == 0


def test_event_page_shows_reports_chains_and_conflicting_statuses(web):
    page = web.get(f"/events/{merged_id(web, 'DEFECT')}").text
    for outlet in ("Arutz Sheva", "Daily Mail Online", "Levant Wire"):
        assert outlet in page
    assert "Arutz Sheva → The Daily Telegraph → U.S. officials" in page
    assert 'class="status s-negated"' in page and 'class="status s-occurred"' in page
    assert "sources disagree" in page
    assert page.count("<title>The Daily Telegraph</title>") == 1  # the graph joins the relays
    arutz = sample_records()[0].id
    assert f'href="/articles/{arutz}#v1"' in page


def test_article_page_highlights_and_links_events(web):
    rec = sample_records()[0]
    page = web.get(f"/articles/{rec.id}").text
    target = merged_id(web, "DEFECT")
    assert re.search(rf'<a class="hl[^"]*hl-event[^"]*" href="/events/{target}"[^>]*>defected</a>', page)
    for kind in ("speaker", "quote", "place", "date", "boilerplate"):
        assert f'class="hl hl-{kind}' in page or f" hl-{kind}" in page


def test_api_gives_what_the_pages_show(web):
    listing = web.get("/api/events").json()
    assert listing["total"] == 2 and {e["category"] for e in listing["items"]} == {"DEFECT", "PROTEST"}
    detail = web.get(f"/api/events/{merged_id(web, 'DEFECT')}").json()
    assert len(detail["reports"]) == 3 and detail["event"]["sources"] == 2
    art = web.get(f"/api/articles/{sample_records()[0].id}").json()
    assert art["record"]["meta"]["outlet"] == "Arutz Sheva" and art["merged_events"]["v1"] == detail["event"]["id"]
    days = web.get("/api/timeline").json()["days"]
    assert {"day": "2012-06-21", "category": "DEFECT", "count": 1} in days
    places = web.get("/api/places").json()["places"]
    assert {p["country"] for p in places} == {"JOR", "AUS"}
    assert web.get("/api/stats").json()["articles"] == 4
    assert web.get("/api/events/999").status_code == 404


def test_openapi_describes_every_api_route(web):
    spec = web.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    declared = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    served = set()
    for route in web.app.routes:
        if getattr(route, "path", "").startswith("/api"):
            path = re.sub(r"\{(\w+):\w+\}", r"{\1}", route.path)
            served |= {(path, m.lower()) for m in route.methods if m != "HEAD"}
    assert declared == served
    assert "413" in spec["paths"]["/api/articles"]["post"]["responses"]


def conforms(value, schema, schemas) -> bool:
    """A small JSON Schema check: $ref, type (with null), properties, items."""
    if "$ref" in schema:
        return conforms(value, schemas[schema["$ref"].rsplit("/", 1)[1]], schemas)
    kinds = schema.get("type", [])
    kinds = [kinds] if isinstance(kinds, str) else kinds
    python = {"string": str, "integer": int, "number": (int, float), "boolean": bool, "null": type(None),
              "array": list, "object": dict}
    if kinds and not any(isinstance(value, python[k]) for k in kinds):
        return False
    if isinstance(value, dict) and "properties" in schema:
        props = schema["properties"]
        return set(value) == set(props) and all(conforms(value[k], props[k], schemas) for k in value)
    if isinstance(value, list) and "items" in schema:
        return all(conforms(v, schema["items"], schemas) for v in value)
    return True


def test_api_answers_match_their_openapi_schemas(web):
    spec = web.get("/api/openapi.json").json()
    schemas = spec["components"]["schemas"]
    target = merged_id(web, "DEFECT")
    for path, url in (("/api/events", "/api/events"), ("/api/events/{id}", f"/api/events/{target}"),
                      ("/api/timeline", "/api/timeline"), ("/api/places", "/api/places")):
        schema = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert conforms(web.get(url).json(), schema, schemas), url


class Elements(HTMLParser):
    """Every element and attribute a browser would build from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


INJECTED = {"script", "img", "iframe", "b", "object", "embed"}  # the pages themselves use none of these


def assert_no_markup_from_the_article(html: str) -> None:
    parser = Elements()
    parser.feed(html)
    for tag, attrs in parser.found:
        if tag == "script" and len(attrs) == 1 and attrs[0][0] == "src" and attrs[0][1].startswith("/static/"):
            continue  # the map's own scripts, from this server
        assert tag not in INJECTED, (tag, attrs)
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, value)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)


def test_hostile_article_is_escaped_on_every_page(web):
    rec = hostile()
    target = merged_id(web, "PROTEST")
    pages = ["/", "/?category=PROTEST", f"/events/{target}", f"/articles/{rec.id}", "/timeline", "/map",
             "/?actor=" + "%3Cscript%3E"]
    for url in pages:
        response = web.get(url)
        assert response.status_code == 200, url
        assert_no_markup_from_the_article(response.text)
        assert "script-src 'self'" in response.headers["content-security-policy"]
    article = web.get(f"/articles/{rec.id}").text
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in article or "&lt;script&gt;alert(&quot;xss&quot;)" in article
    assert web.get("/api/events?category=PROTEST").headers["content-type"].startswith("application/json")


def visible_text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_writing_is_off_without_a_token(web):
    assert web.post("/api/articles", json={"text": "A pilot defected."}).status_code == 403
    form = web.post("/upload", data={"text": "A pilot defected.", "token": "anything"})
    assert form.status_code == 403 and "writing is off" in form.text


def test_writing_needs_the_right_token(ledger_path):
    with client(ledger_path, token=TOKEN) as c:
        assert c.post("/api/articles", json={"text": "x"}).status_code == 403
        wrong = c.post("/api/articles", json={"text": "x"}, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 403 and "valid token" in wrong.json()["error"]
        assert c.post("/upload", data={"text": "x", "token": "nope"}).status_code == 403


def test_uploads_over_the_limit_get_a_clear_413(ledger_path):
    with client(ledger_path, token=TOKEN, max_upload=1000) as c:
        big = c.post("/api/articles", json={"text": "word " * 1000}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert big.status_code == 413 and "at most 1,000 bytes" in big.json()["error"]
        chunks = (b"x" * 400 for _ in range(5))  # no Content-Length: counted as it arrives
        streamed = c.post("/api/articles", content=chunks, headers={"Authorization": f"Bearer {TOKEN}",
                                                                    "Content-Type": "application/json"})
        assert streamed.status_code == 413
        form = c.post("/upload", files={"file": ("a.txt", b"y" * 2000)}, data={"token": TOKEN})
        assert form.status_code == 413 and "upload too large" in form.text


@pytest.fixture(scope="module")
def writable(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("write") / "ledger.db")
    with client(path, token=TOKEN) as c:
        yield c


def test_api_upload_with_the_token_extracts_and_ingests(writable):
    text = f"Rebels seized the airport in Aleppo on Monday. {XSS}"
    r = writable.post("/api/articles", json={"text": text, "outlet": "Test <b>Wire</b>", "published": "2013-02-11"},
                      headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "added" and body["url"] == f"/articles/{body['article_id']}"
    page = writable.get(body["url"])
    assert page.status_code == 200 and "Rebels seized the airport" in visible_text(page.text)
    assert_no_markup_from_the_article(page.text)
    again = writable.post("/api/articles", json={"text": text, "outlet": "Test <b>Wire</b>", "published": "2013-02-11"},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.json()["status"] == "unchanged"


def test_form_upload_of_an_html_file_keeps_only_its_text(writable):
    html = (b"<html><head><title>Talks</title><script>alert(1)</script></head><body><article>"
            b"<h1>Talks resume</h1><p>Negotiators met in Geneva on Tuesday and agreed to resume talks, "
            b"a spokesman said. The meeting lasted four hours and both delegations described it as useful."
            b"</p></article></body></html>")
    r = writable.post("/upload", files={"file": ("talks.html", html, "text/html")},
                      data={"token": TOKEN, "outlet": "Wire"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    record = writable.get("/api" + r.headers["location"]).json()["record"]
    assert "Negotiators met in Geneva" in record["text"] and "alert(1)" not in record["text"]
    assert record["meta"]["outlet"] == "Wire"


def test_empty_upload_is_a_400(writable):
    r = writable.post("/api/articles", json={"text": "  "}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 400 and "no text" in r.json()["error"]


def test_read_pages_are_cached_briefly_and_an_upload_clears_them(tmp_path):
    path = str(tmp_path / "cache.db")
    with open_ledger(path) as ledger:
        ledger.ingest(sample_records()[0])
    with client(path, token=TOKEN, cache_seconds=60) as c:
        assert "x-sayso-cache" not in c.get("/").headers
        again = c.get("/")
        assert again.headers.get("x-sayso-cache") == "hit" and rows(again.text) == 1
        assert c.get("/?category=DEFECT").headers.get("x-sayso-cache") is None  # another URL, another entry
        added = c.post("/api/articles", json={"text": "Protesters marched in Nairobi on Monday, police said."},
                       headers={"Authorization": f"Bearer {TOKEN}"})
        assert added.status_code == 201, added.text
        assert "x-sayso-cache" not in c.get("/").headers
    with client(path, cache_seconds=0) as c:
        c.get("/")
        assert "x-sayso-cache" not in c.get("/").headers


def test_command_line_defaults_to_loopback_and_reads_the_token_from_the_environment(monkeypatch):
    import argparse

    from sayso.cli import serve
    from sayso.errors import SaysoError

    parser = argparse.ArgumentParser()
    serve.add_arguments(parser)
    monkeypatch.setenv(serve.TOKEN_ENV, "from-env")
    settings = serve.settings_from(parser.parse_args(["--ledger", "x.db"]))
    assert settings.host == "127.0.0.1" and settings.token == "from-env" and settings.ledger == "x.db"
    monkeypatch.delenv(serve.TOKEN_ENV)
    assert serve.settings_from(parser.parse_args([])).token is None
    with pytest.raises(SaysoError):
        serve.settings_from(parser.parse_args(["--max-upload", "0"]))


@pytest.fixture()
def postgres_ledger():
    """The sample records in a PostgreSQL ledger (a schema of its own), when a server is available."""
    import os
    import uuid

    url = os.environ.get("SAYSO_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("SAYSO_TEST_POSTGRES_URL is not set (scripts/services/postgres.sh sets it)")
    import psycopg

    schema = "serve_" + uuid.uuid4().hex[:12]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    target = url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"
    with open_ledger(target) as ledger:
        for rec in sample_records():
            ledger.ingest(rec)
    yield target
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def test_pages_and_api_over_postgresql(postgres_ledger):
    with client(postgres_ledger) as c:
        assert rows(c.get("/").text) == 2 and rows(c.get("/?category=DEFECT&status=negated").text) == 1
        target = merged_id(c, "DEFECT")
        assert "Arutz Sheva → The Daily Telegraph → U.S. officials" in c.get(f"/events/{target}").text
        assert c.get(f"/api/articles/{sample_records()[0].id}").json()["merged_events"]["v1"] == target
        assert {d["category"] for d in c.get("/api/timeline").json()["days"]} == {"DEFECT", "PROTEST"}
        assert {p["country"] for p in c.get("/api/places").json()["places"]} == {"JOR", "AUS"}
        assert "JOR" in c.get("/api/stats").json()["options"]["countries"]
        assert_no_markup_from_the_article(c.get(f"/articles/{hostile().id}").text)


def test_the_store_keeps_few_ledger_handles_open(ledger_path):
    import threading

    from sayso.serve.store import IDLE, Store

    store = Store(ledger_path)
    barrier = threading.Barrier(IDLE + 4)

    def read():
        with store.lease() as ledger:
            barrier.wait(timeout=30)  # all threads hold a handle at once
            assert ledger.stats()["articles"] == 4

    threads = [threading.Thread(target=read) for _ in range(IDLE + 4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store._idle.qsize() == IDLE
    assert store.events({"category": "DEFECT"}, "-day", 10, 0).total == 1
    store.close()
    assert store._idle.qsize() == 0


def test_only_the_stores_first_handle_checks_the_ledger(ledger_path, monkeypatch):
    """The integrity check takes seconds on a big ledger: a handle opened under load skips it."""
    import sayso.ledger
    from sayso.serve.store import Store

    checks = []
    real = sayso.ledger.check_intact
    monkeypatch.setattr(sayso.ledger, "check_intact", lambda db, where: (checks.append(where), real(db, where)))
    store = Store(ledger_path)
    with store.lease() as first, store.lease() as second, store.lease() as third:
        assert len({id(first), id(second), id(third)}) == 3 and first.stats() == third.stats()
    assert len(checks) == 1
    store.close()


def test_ledger_rows_are_rendered_once_and_carry_each_pages_links(tmp_path):
    """A row is rendered once per merged event and reused; each page puts its own filters into
    the row's category and place links; a merged event that changes gets a new row."""
    path = str(tmp_path / "rows.db")
    with open_ledger(path) as ledger:
        for rec in sample_records():
            ledger.ingest(rec)
    with client(path, cache_seconds=0) as c:
        renders = []
        kept = c.app.state.rows
        real = kept.make
        kept.make = lambda e, names: (renders.append(e.id), real(e, names))[1]
        first = c.get("/").text
        assert renders and c.get("/").text == first and len(renders) == rows(first)  # the second: no render
        negated = unescape(c.get("/?status=negated").text)
        assert len(renders) == rows(first)  # the same rows again, other links
        links = re.findall(r'<td data-label="Category"><a href="([^"]+)">', negated)
        assert links and all("status=negated" in link and "category=" in link for link in links)
        places = re.findall(r'<td data-label="Place"><a href="([^"]+)">', negated)
        assert places and all(re.fullmatch(r"/\?status=negated&place_id=-?[\d.]+%2C-?[\d.]+", p) for p in places)
        assert "\ue000" not in first + negated
        from test_serve_records import ARUTZ, telegraph_relay

        with open_ledger(path) as ledger:  # one more report of the defection: its merged event changes
            ledger.ingest(telegraph_relay("Another Outlet", "https://another.example/1", ARUTZ))
        again = c.get("/").text
        assert again != first and len(renders) > rows(first)
