"""The workbench in Chromium (issue 16): every page at 390 px (a phone) and 1400 px (a desktop),
each filter through the form, the exports as downloads, the timeline's bars and the map's zoom,
pan and places, and all of it by keyboard. Screenshots: test-artifacts/serve-<page>-<width>.png.
"""
from __future__ import annotations

import csv
import io
import json
import urllib.request

import pytest

from sayso.ledger import open_ledger
from synthetic import generate
from sayso.serve.app import ServeSettings
from test_serve_browser import ARTIFACTS, Server, browser  # noqa: F401  (fixture)
from test_serve_records import sample_records

WIDTHS = (390, 1400)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("screens") / "ledger.db")
    with open_ledger(path) as ledger:
        list(ledger.ingest_many(generate(80, seed=3, per_day=3), batch=40))
        for rec in sample_records():
            ledger.ingest(rec)
    with Server(ServeSettings(ledger=path, cache_seconds=0)) as s:
        yield s


def api(server, path: str):
    with urllib.request.urlopen(server.url + path) as answer:
        return json.loads(answer.read())


def open_page(browser, width: int):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return context, page


def pages(server) -> dict[str, str]:
    event = api(server, "/api/events?category=DEFECT&sort=-sources")["items"][0]["id"]
    article = sample_records()[0].id
    return {"ledger": "/", "ledger-filtered": "/?category=DEFECT&category=ASSAULT&min_sources=1",
            "event": f"/events/{event}", "article": f"/articles/{article}", "timeline": "/timeline",
            "map": "/map", "upload": "/upload"}


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_fits_the_screen(server, browser, width):  # noqa: F811
    context, page = open_page(browser, width)
    for name, url in pages(server).items():
        page.goto(server.url + url)
        if name == "map":
            page.wait_for_selector("#map[data-places-drawn][data-countries-drawn]")
        page.screenshot(path=str(ARTIFACTS / f"serve-{name}-{width}.png"), full_page=True)
        assert fits(page), (name, width, page.evaluate("document.documentElement.scrollWidth"))
    assert not page.errors, page.errors
    context.close()


def test_narrow_screens_get_cards_and_one_column(server, browser):  # noqa: F811
    context, page = open_page(browser, 390)
    page.goto(server.url + "/")
    cell = page.locator("tr.event-row td.summary").first
    assert cell.evaluate("e => getComputedStyle(e).display") == "block"
    row = page.locator("tr.event-row").first.bounding_box()
    assert row["width"] <= 390 and row["x"] >= 0
    assert "Summary" in cell.evaluate("e => getComputedStyle(e, '::before').content")
    page.goto(server.url + f"/articles/{sample_records()[0].id}")
    text, aside = page.locator("#article-text").bounding_box(), page.locator("aside").bounding_box()
    assert aside["y"] >= text["y"] + text["height"] and text["width"] > 300  # one column, not a word a line
    context.close()
    context, page = open_page(browser, 1400)
    page.goto(server.url + "/")
    assert page.locator("tr.event-row td.summary").first.evaluate("e => getComputedStyle(e).display") == "table-cell"
    context.close()


def submit(page) -> None:
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")


FORM_CASES = {  # one filter through the form -> the same parameters asked of the API
    "category": (lambda p: p.select_option("select[name=category]", ["DEFECT", "ASSAULT"]),
                 "category=DEFECT&category=ASSAULT"),
    "status": (lambda p: p.select_option("select[name=status]", ["negated"]), "status=negated"),
    "country": (lambda p: p.select_option("select[name=country]", ["JOR", "SYR"]), "country=JOR&country=SYR"),
    "actor": (lambda p: p.fill("input[name=actor]", "person1"), "actor=person1"),
    "place": (lambda p: p.fill("input[name=place]", "town2"), "place=town2"),
    "outlet": (lambda p: p.fill("input[name=outlet]", "Outlet 3"), "outlet=Outlet+3"),
    "source": (lambda p: p.fill("input[name=source]", "Telegraph"), "source=Telegraph"),
    "since": (lambda p: p.fill("input[name=since]", "2012-01-10"), "since=2012-01-10"),
    "until": (lambda p: p.fill("input[name=until]", "2012-01-12"), "until=2012-01-12"),
    "min_sources": (lambda p: p.fill("input[name=min_sources]", "2"), "min_sources=2"),
    "text": (lambda p: p.fill("input[name=text]", "in town1"), "text=in+town1"),
    "disputed": (lambda p: p.check("input[name=disputed]"), "disputed=true"),
}


@pytest.mark.parametrize("name", list(FORM_CASES))
def test_each_filter_through_the_form(server, browser, name):  # noqa: F811
    context, page = open_page(browser, 1400)
    fill, query = FORM_CASES[name]
    for path in ("/", "/timeline", "/map"):
        page.goto(server.url + path)
        fill(page)
        submit(page)
        assert all(part in page.url for part in query.split("&")), page.url
        expected = api(server, "/api/events?" + query)["total"]
        if path == "/":
            assert int(page.locator("#total").inner_text()) == expected > 0
        elif path == "/timeline":
            dated = sum(d["count"] for d in api(server, "/api/timeline?" + query)["days"])
            shown = sum(int(n) for n in page.locator("table.counts td.num").all_text_contents())
            assert shown == dated
        else:
            page.wait_for_selector("#map[data-places-drawn]")
            assert int(page.get_attribute("#map", "data-places-drawn")) == len(api(server, "/api/places?" + query)["places"])
    assert not page.errors
    context.close()


def test_page_size_and_sorting_through_the_page(server, browser):  # noqa: F811
    context, page = open_page(browser, 1400)
    page.goto(server.url + "/")
    page.select_option("select[name=limit]", "25")
    submit(page)
    assert page.locator("tr.event-row").count() == 25
    page.click("thead a:has-text('Actor')")
    page.wait_for_url("**sort=-actor**")
    assert page.locator("tr.event-row").count() == 25 and "limit=25" in page.url
    context.close()


@pytest.mark.parametrize("fmt", ["CSV", "GeoJSON", "JSON"])
def test_exports_download_what_the_page_lists(server, browser, fmt):  # noqa: F811
    context, page = open_page(browser, 1400)
    page.goto(server.url + "/?category=DEFECT&min_sources=1")
    total = int(page.locator("#total").inner_text())
    with page.expect_download() as download:
        page.get_by_role("link", name=fmt, exact=True).click()
    body = open(download.value.path(), encoding="utf-8").read()
    if fmt == "CSV":
        found = [r["category"] for r in csv.DictReader(io.StringIO(body))]
    elif fmt == "GeoJSON":
        found = [f["properties"]["category"] for f in json.loads(body)["features"]]
    else:
        found = [e["category"] for e in json.loads(body)]
    assert found == ["DEFECT"] * total and total > 0
    context.close()


def tab_to(page, test: str, most: int = 80) -> None:
    """Press Tab until the focused element passes `test` (a JS expression over `e`)."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate(f"(e => !!e && ({test}))(document.activeElement)"):
            return
    raise AssertionError(f"no focusable element for {test}")


def test_keyboard_alone(server, browser):  # noqa: F811
    context, page = open_page(browser, 1400)
    page.goto(server.url + "/")
    tab_to(page, "e.name === 'actor'")
    page.keyboard.type("person1")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "actor=person1" in page.url
    tab_to(page, "e.closest && !!e.closest('td.summary')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/events/" in page.url
    page.goto(server.url + "/timeline")
    tab_to(page, "e.classList && e.classList.contains('bar')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "since=" in page.url and int(page.locator("#total").inner_text()) >= 1
    keyboard_map(page, server)
    context.close()


def keyboard_map(page, server) -> None:
    """The map pans with the arrow keys and zooms with + and -, once it has the focus."""
    page.goto(server.url + "/map")
    page.wait_for_selector("#map[data-places-drawn][data-countries-drawn]")
    tab_to(page, "e.id === 'map'")
    pane = "document.querySelector('#map .leaflet-map-pane').style.transform"
    before = page.evaluate(pane)
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(600)
    assert page.evaluate(pane) != before
    dots = "Array.from(document.querySelectorAll('#map path.place-dot')).map(d => d.getBoundingClientRect().x)"
    spread = lambda: max(page.evaluate(dots)) - min(page.evaluate(dots))  # noqa: E731
    wide = spread()
    page.keyboard.press("Equal")  # "+"
    page.wait_for_timeout(600)
    assert spread() > wide * 1.3
    page.screenshot(path=str(ARTIFACTS / "serve-map-zoomed-1400.png"))
