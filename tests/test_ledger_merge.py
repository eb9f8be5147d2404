"""Issue 14, the ledger half: one merged event per happening, on positive evidence only, the
same whatever the order of ingest; against SQLite and PostgreSQL."""
from __future__ import annotations

import dataclasses
import json
import random
import sqlite3

import pytest

from sayso.ledger import open_ledger
from sayso.ledger.schema import VERSION
from synthetic import Actor, Spec, Where, generate, make_record
from sayso.record import article_id

try:  # tests/ may or may not be a package
    from tests.test_ledger_support import (  # noqa: F401
        JORDAN, PILOT, TELEGRAPH, check_consistent, ledger_target, pilot_report)
except ModuleNotFoundError:
    from test_ledger_support import (  # noqa: F401
        JORDAN, PILOT, TELEGRAPH, check_consistent, ledger_target, pilot_report)

PARIS = Where("Paris", "FRA", 48.86, 2.35)
BRUSSELS = Where("Brussels", "BEL", 50.85, 4.35)


def merged_contents(ledger) -> dict:
    """What merging decides: merged events (ids, fields, evidence), sources, keys, membership."""
    db = ledger.db
    queries = {
        "merged": "SELECT * FROM merged_events ORDER BY id",
        "sources": "SELECT * FROM sources ORDER BY merged_id, source_key",
        "keys": "SELECT * FROM merge_keys ORDER BY merged_id, category, country, day",
        "events": "SELECT article_id, id, merged_id FROM events ORDER BY article_id, id",
        "report_keys": "SELECT * FROM report_keys ORDER BY category, token, day, article_id, event_id",
    }
    return {name: [tuple(round(v, 6) if isinstance(v, float) else v for v in row) for row in db.rows(sql)]
            for name, sql in queries.items()}


def groups(ledger) -> set[frozenset]:
    found: dict = {}
    for a, e, m in ledger.db.rows("SELECT article_id, id, merged_id FROM events"):
        found.setdefault(m, set()).add((a, e))
    return {frozenset(g) for g in found.values()}


def test_a_relay_of_one_newspaper_is_one_event_one_source_and_says_why(ledger_target):
    with open_ledger(ledger_target) as ledger:
        ledger.ingest(pilot_report("https://a.example/1", "Arutz Sheva"))
        ledger.ingest(pilot_report("https://b.example/1", "Levant Wire"))
        (event,) = ledger.events().items
        detail = ledger.event(event.id)
        assert (event.reports, event.sources) == (2, 1)
        assert [s.source for s in detail.sources] == ["The Daily Telegraph"]
        (because,) = [e["because"] for e in detail.evidence]
        assert "same category DEFECT" in because and "shared actor 'Hassan Merei al-Hamade'" in because
        assert "same day" in because and "sentence similarity" in because
        check_consistent(ledger)


def test_a_headline_and_a_body_mention_of_one_article_are_one_event(ledger_target):
    headline = Spec("DEFECT", PILOT, place=JORDAN, day="2012-06-21", verb="defects")
    body = Spec("DEFECT", Actor("Col. al-Hamade", "person", "SYR", "MIL"), place=JORDAN,
                day="2012-06-21", verb="defection")
    with open_ledger(ledger_target) as ledger:
        ledger.ingest(make_record("https://a.example/1", "Arutz Sheva", "2012-06-22", [headline, body]))
        (event,) = ledger.events().items
        detail = ledger.event(event.id)
        assert event.reports == 2 and event.actor == PILOT.name  # the most specific agreed name
        assert "same article" in detail.evidence[0]["because"]
        assert "same trigger 'defect'" in detail.evidence[0]["because"]


def test_two_happenings_that_share_a_word_stay_apart(ledger_target):
    """Same category, a shared word in the actor's name ("Hassan"), or the same actor in two
    countries on one day: two merged events."""
    tlass = Actor("Hassan Tlass", "person", "SYR", "MIL")
    isis = Actor("the Islamic State", "organization")
    with open_ledger(ledger_target) as ledger:
        ledger.ingest(pilot_report("https://a.example/1", "Arutz Sheva"))
        ledger.ingest(pilot_report("https://b.example/1", "Levant Wire", actor=tlass))
        ledger.ingest(make_record("https://c.example/1", "Wire", "2016-03-22",
                                  [Spec("ASSAULT", isis, place=PARIS, day="2016-03-22", verb="attacked")]))
        ledger.ingest(make_record("https://d.example/1", "Wire", "2016-03-22",
                                  [Spec("ASSAULT", isis, place=BRUSSELS, day="2016-03-22", verb="attacked")]))
        assert ledger.stats()["merged_events"] == 4
        assert all(e.reports == 1 for e in ledger.events().items)


@pytest.mark.parametrize("actor", [None, Actor("U.S. officials", "anonymous_group", "USA", "GOV"),
                                   Actor("a Syrian pilot", "anonymous_person", "SYR", "MIL")])
def test_an_unknown_or_anonymous_actor_is_never_enough(ledger_target, actor):
    """The same category, place and day and the same sentence, but no named participant."""
    with open_ledger(ledger_target) as ledger:
        for n in range(3):
            ledger.ingest(pilot_report(f"https://{n}.example/1", f"Outlet {n}", actor=actor))
        assert ledger.stats()["merged_events"] == 3


def news_stream(n: int = 90) -> list:
    """Records without versions (every order must give the same current articles)."""
    return list(generate(n, seed=21, per_day=10))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_order_and_any_batches_give_the_same_merged_events(ledger_target, tmp_path, seed):
    records = news_stream()
    with open_ledger(str(tmp_path / "in-order.db")) as ledger:
        list(ledger.ingest_many(records, batch=30))
        expected = merged_contents(ledger)
        expected_groups = groups(ledger)
    assert any(len(g) > 1 for g in expected_groups)  # some merged: the test can fail
    shuffled = records[:]
    random.Random(seed).shuffle(shuffled)
    cut = len(shuffled) // 3
    with open_ledger(ledger_target) as ledger:  # split over runs: one by one, then in batches
        for record in shuffled[:cut]:
            ledger.ingest(record)
    with open_ledger(ledger_target) as ledger:
        list(ledger.ingest_many(shuffled[cut:], batch=7 * seed))
        assert groups(ledger) == expected_groups
        assert merged_contents(ledger) == expected
        check_consistent(ledger)


def test_ingesting_again_changes_nothing(ledger_target):
    records = news_stream(60)
    with open_ledger(ledger_target) as ledger:
        list(ledger.ingest_many(records, batch=20))
        before = merged_contents(ledger)
        again = list(ledger.ingest_many(records[::-1], batch=9))
        assert {r.status for r in again} == {"unchanged"}
        assert merged_contents(ledger) == before


def version(record, other):
    meta = dataclasses.replace(other.meta, url=record.meta.url)
    return dataclasses.replace(other, id=article_id(other.text, meta), meta=meta)


def test_replacing_an_article_twice_equals_a_fresh_ingest(ledger_target, tmp_path):
    base, other = news_stream(60), list(generate(60, seed=22, per_day=10))
    k = 12
    second, third = version(base[k], other[k]), version(base[k], other[k + 1])
    final = base[:k] + [third] + base[k + 1:]
    with open_ledger(str(tmp_path / "fresh.db")) as ledger:
        list(ledger.ingest_many(final, batch=25))
        expected = merged_contents(ledger)
    with open_ledger(ledger_target) as ledger:
        list(ledger.ingest_many(base, batch=25))
        assert ledger.ingest(second).status == "replaced"
        assert ledger.ingest(third).status == "replaced"
        assert merged_contents(ledger) == expected
        check_consistent(ledger)


def _fresh_and_downgraded(tmp_path, name: str, downgrade: str) -> tuple[str, list]:
    """The merged contents of a fresh ingest, and the path of the same ingest taken back by the
    SQL `downgrade` to what an older schema left."""
    records = news_stream(60)
    with open_ledger(str(tmp_path / "fresh.db")) as ledger:
        list(ledger.ingest_many(records, batch=20))
        expected = merged_contents(ledger)
    path = str(tmp_path / name)
    with open_ledger(path) as ledger:
        list(ledger.ingest_many(records, batch=20))
    conn = sqlite3.connect(path)
    conn.executescript(downgrade)
    conn.commit()
    conn.close()
    return path, expected


def test_a_version_7_ledger_is_clustered_again_by_the_migration(tmp_path):
    """Schema step 8 files every report in report_keys and re-clusters: a version 7 ledger whose
    reports each stood alone becomes what a fresh ingest gives."""
    path, expected = _fresh_and_downgraded(
        tmp_path, "v7.db", "DROP TABLE report_keys; ALTER TABLE merged_events DROP COLUMN evidence; "
        "DELETE FROM schema_version WHERE version >= 8; "
        "UPDATE events SET merged_id = rowid;")  # one report a merged event, as v7 left them
    with open_ledger(path) as ledger:
        assert ledger.schema_version() == VERSION
        assert merged_contents(ledger) == expected


def test_a_version_8_ledger_is_clustered_again_under_the_cannot_links(tmp_path):
    """Schema step 9 clusters every report again (cannot-links, definite references): a
    version 8 ledger whose merged events were made under other rules becomes a fresh ingest's."""
    path, expected = _fresh_and_downgraded(
        tmp_path, "v8.db", "DELETE FROM schema_version WHERE version >= 9; DELETE FROM merged_events; "
        "UPDATE events SET merged_id = rowid;")  # as other rules might have left them
    with open_ledger(path) as ledger:
        assert ledger.schema_version() == VERSION
        assert merged_contents(ledger) == expected


UNDONE = "DELETE FROM merged_events; UPDATE events SET merged_id = rowid;"


@pytest.mark.parametrize("version, undo", [
    (10, UNDONE),  # step 11: the learned link vets and adds links
    (11, "DELETE FROM report_keys; " + UNDONE),  # step 12: a happening's name is a blocking token
    (12, UNDONE),  # step 13: a series and one instance of it never join
    (13, "DELETE FROM report_keys; " + UNDONE),  # step 14: another happening; a year before a name
    (14, "ALTER TABLE events DROP COLUMN trigger_at; DELETE FROM report_keys; " + UNDONE),  # step 15: the offset
    (15, "DELETE FROM report_keys; " + UNDONE),  # step 16: one word before a trigger; hyphened adjectives
    (16, UNDONE),  # step 17: references passing over a report, superlatives, series, learned links
    (17, "DELETE FROM report_keys; " + UNDONE),  # step 18: reports naming no party, nights, quotes, possessives
    (18, UNDONE),  # step 19: two happening names, two senses of one word
])
def test_an_older_ledger_is_clustered_again_into_a_fresh_ingests_merged_events(tmp_path, version, undo):
    """Each schema step from 11 on files or clusters every report again: a ledger of an older
    version whose merged events were made under the older rules becomes a fresh ingest's."""
    path, expected = _fresh_and_downgraded(
        tmp_path, f"v{version}.db", f"DELETE FROM schema_version WHERE version > {version}; {undo}")
    with open_ledger(path) as ledger:
        assert ledger.schema_version() == VERSION == 19
        assert merged_contents(ledger) == expected
        offsets = ledger.db.rows("SELECT trigger, sentence, trigger_at FROM events")
        assert offsets and all(s[at:at + len(t)] == t for t, s, at in offsets)  # each trigger's own offset


def test_the_claim_timeline_orders_reports_by_publication(ledger_target):
    from sayso.ledger.timeline import claim_timeline

    denial = Actor("Syria's Defence Ministry", "organization", "SYR", "GOV")
    with open_ledger(ledger_target) as ledger:
        ledger.ingest(pilot_report("https://b.example/1", "Levant Wire"))
        late = make_record("https://c.example/1", "Late Wire", "2012-06-23", [Spec(
            "DEFECT", PILOT, place=JORDAN, day="2012-06-21", verb="defected", status="negated",
            told_by=(denial,))])
        ledger.ingest(late)
        early = make_record("https://a.example/1", "Early Wire", "2012-06-21", [Spec(
            "DEFECT", PILOT, place=JORDAN, day="2012-06-21", verb="defected", told_by=(TELEGRAPH,))])
        ledger.ingest(early)
        (event,) = ledger.events().items
        steps = claim_timeline(ledger.event(event.id))
        assert [s.outlet for s in steps] == ["Early Wire", "Levant Wire", "Late Wire"]
        assert [s.role for s in steps] == ["first", "relayed", "denied"]
        assert steps[2].source == "Syria's Defence Ministry" and steps[2].against
        assert ledger.event(event.id).event.conflict
        assert json.loads(json.dumps(ledger.event(event.id).to_dict()))["timeline"][0]["role"] == "first"


def test_anonymous_officials_in_an_article_retelling_a_newspaper_are_that_newspapers(ledger_target):
    """Issue 14: "U.S. officials" via The Daily Telegraph is one source, whether the relaying
    article names the Telegraph in the chain or only says it retells its report."""
    officials = Actor("U.S. officials", "anonymous_group", "USA", "GOV")
    with open_ledger(ledger_target) as ledger:
        ledger.ingest(pilot_report("https://a.example/1", "Arutz Sheva", told_by=(officials,)))
        ledger.ingest(pilot_report("https://b.example/1", "Levant Wire", relay=False, told_by=(TELEGRAPH, officials)))
        ledger.ingest(pilot_report("https://c.example/1", "Gulf Wire", relay=False, told_by=(officials,)))
        (event,) = ledger.events().items
        assert (event.reports, event.sources) == (3, 2)
        assert {s.source for s in ledger.event(event.id).sources} == {"The Daily Telegraph", "Gulf Wire"}


def test_concurrent_writers_and_a_resume_after_a_kill_give_the_same_merged_events(ledger_target, tmp_path):
    """Two processes ingesting alternate records at once, one of them killed and then run
    again (a resume): the merged events of a single in-order run."""
    import os
    import signal

    try:
        from tests.test_ledger_safety import ingest_process
    except ModuleNotFoundError:
        from test_ledger_safety import ingest_process

    n = 120
    with open_ledger(str(tmp_path / "one-run.db")) as ledger:
        list(ledger.ingest_many(generate(n, seed=3), batch=40))
        expected = merged_contents(ledger)
    with open_ledger(ledger_target):
        pass  # created before the writers start
    first, second = ingest_process(ledger_target, n, part=0, parts=2), ingest_process(ledger_target, n, part=1, parts=2)
    for _ in range(10):
        assert second.stdout.readline(), second.stderr.read()
    os.kill(second.pid, signal.SIGKILL)
    second.wait()
    assert first.wait() == 0, first.stderr.read()
    resumed = ingest_process(ledger_target, n, part=1, parts=2)
    assert resumed.wait() == 0, resumed.stderr.read()
    with open_ledger(ledger_target) as ledger:
        assert merged_contents(ledger) == expected
        check_consistent(ledger)


def test_an_articles_own_line_about_a_happening_it_credits_to_a_newspaper_retells_that_newspaper(ledger_target):
    """Issue 14: "X defected, The Daily Telegraph reported" and, unattributed, "X's defection
    ..." in one article: one source, the Telegraph; the article's own line keeps its own claim.
    A line of the article against the others (a denial) stays its outlet's."""
    told = Spec("DEFECT", PILOT, place=JORDAN, day="2012-06-21", verb="defected", told_by=(TELEGRAPH,))
    own = Spec("DEFECT", PILOT, place=JORDAN, day="2012-06-21", verb="defection")
    doubt = Spec("DEFECT", PILOT, place=JORDAN, day="2012-06-21", verb="defected", status="negated")
    with open_ledger(ledger_target) as ledger:
        ledger.ingest(make_record("https://a.example/1", "Arutz Sheva", "2012-06-22", [told, own]))
        (event,) = ledger.events().items
        detail = ledger.event(event.id)
        assert (event.reports, event.sources) == (2, 1)
        assert [s.source for s in detail.sources] == ["The Daily Telegraph"]
        assert sorted(len(r.chain) for r in detail.reports) == [1, 2]  # the outlet alone; outlet > Telegraph
        ledger.ingest(make_record("https://b.example/1", "Levant Wire", "2012-06-22", [told, doubt]))
        (event,) = ledger.events().items
        assert {s.source for s in ledger.event(event.id).sources} == {"The Daily Telegraph", "Levant Wire"}
        check_consistent(ledger)
