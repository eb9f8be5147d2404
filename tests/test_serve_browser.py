"""`sayso serve` driven as a user would: Debian's Chromium, headless, through Playwright.

Load the ledger, filter it, open an event, follow a source to its article and see the
highlights; and an article full of script and markup that must run nothing. Screenshots of each
page go to test-artifacts/. Skipped only when /usr/bin/chromium is missing outside CI; in CI
(CI=true) a missing browser fails.
"""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from sayso.serve.app import ServeSettings, create_app
from test_serve_records import hostile, sample_ledger

pytestmark = pytest.mark.slow  # Chromium

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """uvicorn in a thread on a free loopback port."""

    def __init__(self, settings: ServeSettings) -> None:
        import uvicorn

        self.port = free_port()
        config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "Server":
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("/usr/bin/chromium is missing in CI: scripts/services/chromium.sh should install it")
        pytest.skip("/usr/bin/chromium is missing (install it with scripts/services/chromium.sh)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    pg = context.new_page()
    pg.dialogs = []  # every alert/confirm/prompt that fires
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = sample_ledger(str(tmp_path_factory.mktemp("browser") / "ledger.db"))
    with Server(ServeSettings(ledger=path, token="browser-token")) as s:
        yield s


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"serve-{name}.png"), full_page=True)


def test_analyst_filters_opens_an_event_follows_a_source_and_sees_highlights(server, page):
    page.goto(server.url + "/")
    assert page.locator("tr.event-row").count() == 2
    shot(page, "ledger")

    page.select_option("select[name=category]", "DEFECT")
    page.fill("input[name=min_sources]", "2")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?*category=DEFECT*")
    assert page.locator("tr.event-row").count() == 1
    assert page.locator("#total").inner_text() == "1"
    shot(page, "ledger-filtered")

    page.locator("tr.event-row td.summary a").first.click()
    page.wait_for_url("**/events/*")
    assert page.locator("h1 .category").inner_text() == "DEFECT"
    assert page.locator("ol.reports li.report").count() == 3
    assert page.locator("svg.chain .node").count() >= 5  # 3 outlets, the Telegraph, 2 originals
    assert page.locator("section.against li").first.inner_text().startswith("negated")
    shot(page, "event")

    page.locator("a.source-link", has_text="Daily Mail Online").click()
    page.wait_for_url("**/articles/*")
    text = page.locator("#article-text")
    assert "landed in Jordan" in text.inner_text()
    event = text.locator("a.hl-event")
    assert event.first.inner_text() == "defected"
    for kind in ("speaker", "quote", "place", "date", "boilerplate"):
        assert text.locator(f".hl-{kind}").count() >= 1, kind
    colours = {k: text.locator(f".hl-{k}").first.evaluate("e => getComputedStyle(e).backgroundColor")
               for k in ("quote", "place", "date", "event")}
    assert len(set(colours.values())) == 4, colours  # each kind in its own colour
    shot(page, "article")

    event.first.click()
    page.wait_for_url("**/events/*")
    assert page.locator("h1 .category").inner_text() == "DEFECT"
    assert not page.dialogs and not page.errors


def test_timeline_map_and_upload_pages_render(server, page):
    page.goto(server.url + "/timeline")
    assert page.locator("svg.timeline rect").count() >= 2
    shot(page, "timeline")
    page.goto(server.url + "/map")
    page.wait_for_selector("#map[data-places-drawn='2'][data-countries-drawn]")
    assert int(page.get_attribute("#map", "data-countries-drawn")) > 200  # Natural Earth's countries
    assert page.locator("#map path.place-dot").count() == 2
    shot(page, "map")
    page.locator("#map path.place-dot").first.click(force=True)
    page.wait_for_url("**/?place_id=*")
    assert page.locator("tr.event-row").count() == 1
    page.goto(server.url + "/upload")
    shot(page, "upload")
    assert not page.errors


def test_hostile_article_runs_nothing_in_chromium(server, page):
    rec = hostile()
    page.goto(server.url + f"/articles/{rec.id}")
    page.wait_for_load_state("load")
    shot(page, "hostile-article")
    urls = [server.url + u for u in ("/", "/?category=PROTEST", "/timeline", "/map")]
    detail = page.locator("aside .article-events a").first.get_attribute("href")
    urls.append(server.url + detail)
    for url in [page.url, *urls]:
        page.goto(url)
        page.wait_for_load_state("load")
        page.mouse.move(200, 300)
        page.locator("main").hover()
        injected = "script:not([src^='/static/']), iframe, img, object, embed"  # the map's own scripts only
        assert page.evaluate(f"document.querySelectorAll({injected!r}).length") == 0, url
        assert page.evaluate("document.querySelectorAll('svg[onload], b, [onerror], [onmouseover]').length") == 0, url
    shot(page, "hostile-event")
    assert "<script>" in page.locator("main").inner_text()  # shown as text, not run
    assert not page.dialogs, page.dialogs
    assert not page.errors


def test_upload_form_adds_an_article(server, page):
    page.set_default_timeout(180_000)  # the first extraction loads the spaCy model, slow on a busy machine
    page.goto(server.url + "/upload")
    page.fill("textarea[name=text]", "Talks resume\n\nNegotiators met in Geneva on Tuesday and agreed "
                                      "to resume talks, a spokesman said.")
    page.fill("input[name=outlet]", "Browser Wire")
    page.fill("input[name=token]", "wrong")
    page.click("form.upload button[type=submit]")
    assert "valid token" in page.locator("p.error").inner_text()
    page.fill("input[name=token]", "browser-token")
    page.click("form.upload button[type=submit]")
    page.wait_for_url("**/articles/*")
    assert "Negotiators met in Geneva" in page.locator("#article-text").inner_text()
    assert "Browser Wire" in page.locator("p.meta").inner_text()
    shot(page, "uploaded-article")
