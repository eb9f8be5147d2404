"""The event page shows why its reports are one event (the merge evidence: "A and B: merged
because ...") and the claim timeline (who said it first, who relayed, who denied), over HTTP and
in Chromium at 390 and 1400 px (issue 16). Screenshots: test-artifacts/serve-event-claims-<width>.png.
"""
from __future__ import annotations

import re
from html import unescape

import pytest
from starlette.testclient import TestClient

from sayso.ledger import open_ledger
from sayso.serve.app import ServeSettings, create_app
from test_serve_browser import ARTIFACTS, Server, browser  # noqa: F401  (fixture)
from test_serve_records import sample_ledger


@pytest.fixture(scope="module")
def ledger_path(tmp_path_factory):
    return sample_ledger(str(tmp_path_factory.mktemp("event-page") / "ledger.db"))


@pytest.fixture(scope="module")
def merged(ledger_path):
    """The merged event of several reports (the pilot's defection, relayed and denied)."""
    with open_ledger(ledger_path) as ledger:
        found = [ledger.event(e.id) for e in ledger.events(limit=None).items]
    (detail,) = [d for d in found if d.evidence]
    return detail


def section(html: str, name: str) -> str:
    return html.split(f'<section id="{name}"', 1)[1].split("</section>", 1)[0]


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_the_event_page_says_why_the_reports_were_merged_and_who_said_what_when(ledger_path, merged):
    with TestClient(create_app(ServeSettings(ledger=ledger_path, cache_seconds=0)), base_url="http://127.0.0.1") as c:
        html = c.get(f"/events/{merged.event.id}").text
        api = c.get(f"/api/events/{merged.event.id}").json()
    evidence = section(html, "merge-evidence")
    items = re.findall(r"<li>(.*?)</li>", evidence, re.S)
    assert len(items) == len(merged.evidence) == len(api["evidence"]) >= 1
    outlets = {f"{r.article_id}/{r.event_id}": r.outlet for r in merged.reports}
    for item, link in zip(items, merged.evidence):
        assert text_of(item).endswith("merged because " + link["because"])
        for side in (link["a"], link["b"]):  # both reports named by outlet, linked to their article
            article, _, event = side.rpartition("/")
            assert f'href="/articles/{article}#{event}"' in item and outlets[side] in text_of(item)
    steps = [text_of(li) for li in re.findall(r"<li>(.*?)</li>", section(html, "claim-timeline"), re.S)]
    assert len(steps) == len(merged.timeline) == len(api["timeline"]) >= 3
    assert [c["role"] for c in api["timeline"]] == [c.role for c in merged.timeline]
    for step, claim in zip(steps, merged.timeline):
        assert step.startswith(claim.published or "undated") and f"{claim.role}:" in step
        assert " → ".join(claim.chain) in step
    published = [c.published for c in merged.timeline if c.published]
    assert published == sorted(published) and {"first", "denied"} <= {c.role for c in merged.timeline}


@pytest.mark.slow
@pytest.mark.parametrize("width", (390, 1400))
def test_merge_evidence_and_claim_timeline_in_chromium(ledger_path, merged, browser, width):  # noqa: F811
    with Server(ServeSettings(ledger=ledger_path, cache_seconds=0)) as server:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{server.url}/events/{merged.event.id}")
        evidence = page.locator("#merge-evidence ul.evidence li")
        assert evidence.count() == len(merged.evidence)
        for i, link in enumerate(merged.evidence):
            item = evidence.nth(i)
            assert item.is_visible() and ("merged because " + link["because"]) in item.inner_text()
        steps = page.locator("#claim-timeline ol.timeline li")
        assert steps.count() == len(merged.timeline)
        assert [steps.nth(i).locator(".role").inner_text() for i in range(steps.count())] == \
            [c.role for c in merged.timeline]
        for box in (page.locator("#merge-evidence").bounding_box(), page.locator("#claim-timeline").bounding_box()):
            assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1  # on the screen, no sideways scroll
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        page.locator("#merge-evidence a").first.click()  # a report named in the evidence opens its article
        page.wait_for_url("**/articles/*")
        assert page.locator("#article-text").is_visible()
        page.go_back()
        page.locator("#claim-timeline").screenshot(path=str(ARTIFACTS / f"serve-event-claims-{width}.png"))
        page.screenshot(path=str(ARTIFACTS / f"serve-event-evidence-{width}.png"), full_page=True)
        assert not errors, errors
        context.close()
