"""The pages over real extractions: the examples/ articles and ../shared's syria-defections.txt,
extracted by the pipeline, ingested, and browsed in Chromium (screenshots in test-artifacts/).
Asserts what must hold whatever the extraction finds: every article page shows its text
exactly, every highlighted event links to an event page that lists that article as a report.
"""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from sayso.ledger import open_ledger
from sayso.pipeline import extract
from sayso.record import Failure
from sayso.read import ReadOptions, read_sources
from sayso.serve.app import ServeSettings
from test_serve_browser import ARTIFACTS, Server, browser, page  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow  # Chromium and every example extracted

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SYRIA = ROOT.parent / "shared" / "examples" / "syria-defections.txt"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    paths = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
    if SYRIA.exists():
        paths.append(str(SYRIA))
    if not paths:
        pytest.skip("no example articles beside the checkout")
    path = str(tmp_path_factory.mktemp("examples") / "ledger.db")
    records = []
    with open_ledger(path) as ledger:
        for result in extract(read_sources(paths, ReadOptions())):
            if isinstance(result, Failure):  # extraction is tested elsewhere; pages show what it gives
                warnings.warn(f"not extracted: {result.origin}: {result.error}")
                continue
            ledger.ingest(result)
            records.append(result)
    if not records:
        pytest.fail("no example article could be extracted")
    return path, records


@pytest.fixture(scope="module")
def server(extracted):
    with Server(ServeSettings(ledger=extracted[0])) as s:
        yield s


def test_every_example_article_page_shows_its_text_and_links_its_events(extracted, server, page):
    _, records = extracted
    page.goto(server.url + "/")
    page.screenshot(path=str(ARTIFACTS / "serve-examples-ledger.png"), full_page=True)
    for rec in records:
        page.goto(server.url + f"/articles/{rec.id}")
        shown = page.locator("#article-text").inner_text()
        assert shown.split() == rec.text.split(), rec.meta.path  # the text, all of it, nothing added
        links = page.locator("#article-text a.hl-event")
        assert links.count() >= (1 if rec.events else 0)
        if rec.events:
            href = links.first.get_attribute("href")
            page.goto(server.url + href)
            assert page.locator(f'ol.reports a[href^="/articles/{rec.id}"]').count() >= 1
        assert not page.dialogs and not page.errors


def test_syria_article_highlights_speakers_places_and_its_events(extracted, server, page):
    _, records = extracted
    syria = [r for r in records if r.meta.path and r.meta.path.endswith("syria-defections.txt")]
    if not syria:
        pytest.skip("../shared/examples/syria-defections.txt is not beside the checkout")
    rec = syria[0]
    page.goto(server.url + f"/articles/{rec.id}")
    page.screenshot(path=str(ARTIFACTS / "serve-syria-article.png"), full_page=True)
    text = page.locator("#article-text")
    if rec.attributions:
        assert text.locator(".hl-speaker").count() >= 1 and text.locator(".hl-quote").count() >= 1
    if rec.places:
        assert text.locator(".hl-place").count() >= 1
    if rec.events:
        text.locator("a.hl-event").first.click()
        page.wait_for_url("**/events/*")
        page.screenshot(path=str(ARTIFACTS / "serve-syria-event.png"), full_page=True)
        assert page.locator("svg.chain .node").count() >= 1
