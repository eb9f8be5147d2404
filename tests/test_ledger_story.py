"""Issue 14, the held-out scenario on invented texts (tests/fixtures/story/): a story told by an
article that cites a newspaper, a relay of the same newspaper's report by another outlet, then a
denial by the government. Through the whole extraction and `sayso ingest`."""
from __future__ import annotations

from pathlib import Path

import pytest

from sayso.cli import main
from sayso.ledger import Filters, open_ledger

STORY = Path(__file__).resolve().parent / "fixtures" / "story"
ARTICLES = [("colonel.txt", "North Sea Post", "2031-03-10"), ("colonel-relay.txt", "Riga Wire", "2031-03-10"),
            ("colonel-denial.txt", "Minsk Observer", "2031-03-11")]


def ingest(path: str, *chosen: tuple[str, str, str]) -> None:
    for name, outlet, day in chosen:
        assert main(["ingest", str(STORY / name), "--ledger", path, "--published", day, "--outlet", outlet,
                     "--quiet"]) == 0


def the_defection(ledger):
    """The merged DEFECT event naming the colonel (the one with most reports)."""
    found = [e for e in ledger.events(Filters(category="DEFECT"), limit=None).items if e.actor == "Viktor Lasko"]
    assert found, "no DEFECT event names the colonel"
    return ledger.event(max(found, key=lambda e: e.reports).id)


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """(ledger path, the defection after the story and its relay, after the denial)."""
    path = str(tmp_path_factory.mktemp("story") / "story.db")
    ingest(path, *ARTICLES[:2])
    with open_ledger(path) as ledger:
        told = the_defection(ledger)
    ingest(path, ARTICLES[2])
    with open_ledger(path) as ledger:
        denied = the_defection(ledger)
    return path, told, denied


def test_the_story_and_its_relay_are_one_merged_event_backed_by_the_newspaper(story):
    _, told, _ = story
    assert {r.outlet for r in told.reports} == {"North Sea Post", "Riga Wire"}
    assert told.event.statuses == ("occurred",) and not told.event.conflict
    assert "the Vilnius Tribune" in {s.source for s in told.sources}
    relayed = [r for r in told.reports if r.outlet == "Riga Wire" and len(r.chain) > 1]
    # "..., the Vilnius Tribune reported, citing Lithuanian border officials": the officials,
    # relayed by the Tribune, which is the source that gathered them
    assert relayed and all(r.chain[-2:] == ("the Vilnius Tribune", "Lithuanian border officials")
                           and r.source == "the Vilnius Tribune" for r in relayed)


def test_the_story_and_its_relay_have_one_independent_source(story):
    """The outlets' own lines about the defection (a headline, "His defection is the first ...")
    retell the newspaper their articles credit it to: one source, the Vilnius Tribune; each
    report keeps its own chain."""
    _, told, _ = story
    assert told.event.sources == 1
    assert [s.source for s in told.sources] == ["the Vilnius Tribune"]
    assert any(r.chain == (r.outlet,) for r in told.reports)


def test_the_denial_is_a_conflicting_negated_claim_on_the_same_event(story):
    _, told, denied = story
    assert denied.event.id == told.event.id
    assert "negated" in denied.event.statuses and "occurred" in denied.event.statuses and denied.event.conflict
    (denial,) = [r for r in denied.reports if r.outlet == "Minsk Observer" and r.status == "negated"]
    assert "Defence Ministry" in denial.chain[-1]
    assert denied.event.sources == told.event.sources + 1


def test_ingesting_the_story_again_changes_nothing(story, capsys):
    """Extracted again (--redo) and stored again: every article unchanged, the event the same."""
    path, _, denied = story
    capsys.readouterr()
    for name, outlet, day in ARTICLES:
        assert main(["ingest", str(STORY / name), "--ledger", path, "--published", day, "--outlet", outlet,
                     "--redo"]) == 0
        assert "(0 added, 0 replaced, 1 unchanged, 0 failed)" in capsys.readouterr().out
    with open_ledger(path) as ledger:
        again = the_defection(ledger)
        assert again.to_dict() == denied.to_dict()
