"""The ledger on synthetic records, against SQLite and PostgreSQL: store, merge, sources, query."""
from __future__ import annotations

import dataclasses
import json

import pytest

from sayso.ledger import Filters, open_ledger
from sayso.ledger.schema import MIGRATIONS, VERSION
from synthetic import Actor, Spec, Where, make_record
from sayso.settings import Settings

try:  # tests/ may or may not be a package
    from tests.test_ledger_support import (  # noqa: F401
        JORDAN, PILOT, TELEGRAPH, check_consistent, ledger_target, pilot_report, table_counts)
except ModuleNotFoundError:
    from test_ledger_support import (  # noqa: F401
        JORDAN, PILOT, TELEGRAPH, check_consistent, ledger_target, pilot_report, table_counts)


def only_event(ledger, **filters):
    page = ledger.events(Filters(**filters))
    assert page.total == 1, page
    return ledger.event(page.items[0].id)


def test_two_outlets_relaying_one_newspaper_make_one_event_with_one_source(ledger_target):
    with open_ledger(ledger_target) as ledger:
        ledger.ingest(pilot_report("https://a.example/1", "Arutz Sheva"))
        ledger.ingest(pilot_report("https://b.example/1", "Levant Wire"))
        detail = only_event(ledger, category="DEFECT")
        assert (detail.event.reports, detail.event.articles, detail.event.sources) == (2, 2, 1)
        assert [s.source for s in detail.sources] == ["The Daily Telegraph"]
        assert {r.chain for r in detail.reports} == {("Arutz Sheva", "The Daily Telegraph"),
                                                     ("Levant Wire", "The Daily Telegraph")}
        check_consistent(ledger)


def test_outlets_reporting_on_their_own_are_independent(ledger_target):
    with open_ledger(ledger_target) as ledger:
        ledger.ingest(pilot_report("https://a.example/1", "Arutz Sheva", relay=False))
        ledger.ingest(pilot_report("https://b.example/1", "Levant Wire", relay=False))
        ledger.ingest(pilot_report("https://c.example/1", "Levant Wire", relay=False, day="2012-06-22"))
        event = only_event(ledger).event
        assert (event.reports, event.sources) == (3, 2)


def test_named_source_counts_once_whoever_relays_it_anonymous_ones_per_outlet(ledger_target):
    nuland = (Actor("Victoria Nuland", "person", "USA", "GOV"),)
    officials = Actor("U.S. officials", "anonymous_group", "USA", "GOV")
    with open_ledger(ledger_target) as ledger:
        ledger.ingest(pilot_report("https://a.example/1", "Outlet A", relay=False, told_by=nuland))
        ledger.ingest(pilot_report("https://b.example/1", "Outlet B", relay=False, told_by=nuland))
        assert only_event(ledger).event.sources == 1
        ledger.ingest(pilot_report("https://c.example/1", "Outlet C", relay=False, told_by=(officials,)))
        ledger.ingest(pilot_report("https://d.example/1", "Outlet D", relay=False, told_by=(officials,)))
        ledger.ingest(pilot_report("https://e.example/1", "Outlet E", relay=False,
                                   told_by=(TELEGRAPH, officials)))
        ledger.ingest(pilot_report("https://f.example/1", "Outlet F", relay=False,
                                   told_by=(TELEGRAPH, officials)))
        detail = only_event(ledger)
        names = sorted(s.source for s in detail.sources)
        assert names == ["Outlet C", "Outlet D", "The Daily Telegraph", "Victoria Nuland"]
        assert detail.event.sources == 4 and detail.event.reports == 6
        chains = {r.chain for r in detail.reports}
        assert ("Outlet E", "The Daily Telegraph", "U.S. officials") in chains
        stored = {tuple(json.loads(c)) for (c,) in ledger.db.rows("SELECT chain FROM events")}
        assert ("Outlet E", "The Daily Telegraph", "U.S. officials") in stored
        told = ledger.db.rows("SELECT source, source_kind, parent FROM attributions WHERE source = 'U.S. officials' "
                              "AND parent IS NOT NULL")
        assert told and {kind for _, kind, _ in told} == {"anonymous_group"}


def test_entities_places_and_attributions_read_the_current_records(ledger_target):
    """The record's parts are views of the stored record JSON: a row per item of a current
    article, typed as the tables were, and a new version's items replace the old ones."""
    with open_ledger(ledger_target) as ledger:
        ledger.ingest(pilot_report("https://a.example/1", "Arutz Sheva"))
        (article_id,) = ledger.db.one("SELECT id FROM articles WHERE current = 1")
        places = ledger.db.rows("SELECT article_id, id, name, country, lat, lon, precision FROM places")
        assert places == [(article_id, "p1", JORDAN.name, JORDAN.country, JORDAN.lat, JORDAN.lon, JORDAN.precision)]
        people = ledger.db.rows("SELECT name, kind, country FROM entities ORDER BY name")
        assert (PILOT.name, PILOT.kind, PILOT.country) in people
        assert ledger.db.rows("SELECT source, source_kind, cue, parent FROM attributions") == [
            ("The Daily Telegraph", "media", None, None)]
        ledger.ingest(pilot_report("https://a.example/1", "Arutz Sheva", place=Where("Mafraq", "JOR", 32.3, 36.2)))
        assert [n for (n,) in ledger.db.rows("SELECT name FROM places")] == ["Mafraq"]


def test_same_article_twice_changes_nothing(ledger_target):
    record = pilot_report("https://a.example/1", "Arutz Sheva")
    with open_ledger(ledger_target) as ledger:
        first = ledger.ingest(record)
        before = table_counts(ledger)
        again = ledger.ingest(record)
        assert (first.status, again.status) == ("added", "unchanged")
        assert again.merged == first.merged
        assert table_counts(ledger) == before


def test_changed_text_under_same_url_replaces_the_old_version(ledger_target):
    url = "https://a.example/1"
    with open_ledger(ledger_target) as ledger:
        old = ledger.ingest(pilot_report(url, "Arutz Sheva"))
        ledger.ingest(pilot_report("https://b.example/1", "Levant Wire"))
        assert only_event(ledger).event.reports == 2
        corrected = make_record(url, "Arutz Sheva", "2012-06-22",
                                [Spec("PROTEST", Actor("Protesters", "anonymous_group", "JOR"),
                                      place=JORDAN, day="2012-06-21", verb="marched")])
        new = ledger.ingest(corrected)
        assert new.status == "replaced" and new.article_id != old.article_id
        defect = only_event(ledger, category="DEFECT")
        assert (defect.event.reports, defect.event.articles) == (1, 1)
        assert [r.outlet for r in defect.reports] == ["Levant Wire"]
        assert ledger.events(Filters(category="PROTEST")).total == 1
        assert ledger.article(old.article_id)["ledger"] == {"version": 1, "current": False}
        assert ledger.article(new.article_id)["ledger"] == {"version": 2, "current": True}
        assert ledger.stats()["articles"] == 2
        check_consistent(ledger)


def test_replacing_the_only_report_removes_the_merged_event(ledger_target):
    url = "https://a.example/1"
    with open_ledger(ledger_target) as ledger:
        ledger.ingest(pilot_report(url, "Arutz Sheva"))
        ledger.ingest(make_record(url, "Arutz Sheva", "2012-06-22", []))
        assert ledger.stats()["merged_events"] == 0
        assert table_counts(ledger)["merge_keys"] == 0
        check_consistent(ledger)


def test_conflicting_statuses_are_shown_not_averaged(ledger_target):
    with open_ledger(ledger_target) as ledger:
        ledger.ingest(pilot_report("https://a.example/1", "Outlet A", relay=False))
        ledger.ingest(pilot_report("https://b.example/1", "Outlet B", relay=False, polarity="negative",
                                   status="negated"))
        ledger.ingest(pilot_report("https://c.example/1", "Outlet C", relay=False, status="claimed"))
        detail = only_event(ledger)
        assert detail.event.statuses == ("claimed", "negated", "occurred")
        assert detail.event.conflict is True
        assert [r.outlet for r in detail.claims_against] == ["Outlet B"]
        assert len(detail.claims_for) == 2


@pytest.mark.parametrize("changes", [
    {"category": "ASSAULT"},
    {"day": "2012-06-28"},
    {"actor": Actor("Hassan Merei al-Hamade", "person", "IRQ", "MIL")},
    {"actor": Actor("Mustafa Tlass", "person", "SYR", "MIL")},
    {"place": Where("Ankara", "TUR", 39.9, 32.8)},
    {"place": Where("Aqaba", "JOR", 29.5, 35.0)},
])
def test_different_events_stay_apart(ledger_target, changes):
    category = changes.get("category", "DEFECT")
    other = make_record("https://b.example/1", "Levant Wire", "2012-06-22", [Spec(
        category, changes.get("actor", PILOT), place=changes.get("place", Where("Mafraq", "JOR", 32.3, 36.2)),
        day=changes.get("day", "2012-06-21"), verb="defected")])
    with open_ledger(ledger_target) as ledger:
        ledger.ingest(pilot_report("https://a.example/1", "Arutz Sheva", place=Where("Mafraq", "JOR", 32.34, 36.21)))
        ledger.ingest(other)
        assert ledger.stats()["merged_events"] == 2


def test_a_description_of_the_same_country_is_no_evidence_across_articles(ledger_target):
    """Issue 14: "a Syrian fighter pilot" and the named colonel, same place and day, in two
    articles: no shared named participant, so two merged events (an unknown actor, likewise)."""
    pilot = Actor("a Syrian fighter pilot", "anonymous_person", "SYR", "MIL")
    with open_ledger(ledger_target) as ledger:
        ledger.ingest(pilot_report("https://a.example/1", "Arutz Sheva", relay=False))
        ledger.ingest(pilot_report("https://b.example/1", "Levant Wire", relay=False, actor=pilot))
        ledger.ingest(pilot_report("https://c.example/1", "Other Wire", relay=False, actor=None))
        assert ledger.stats()["merged_events"] == 3


def test_one_articles_mentions_of_one_happening_are_one_event(ledger_target):
    spec = Spec("DEFECT", PILOT, place=JORDAN, day="2012-06-21", verb="defected")
    other = Spec("DEFECT", Actor("Mustafa Tlass", "person", "SYR", "MIL"), place=JORDAN, day="2012-06-21",
                 verb="defected")
    with open_ledger(ledger_target) as ledger:
        ledger.ingest(make_record("https://a.example/1", "Arutz Sheva", "2012-06-22", [spec, other, spec]))
        assert sorted(e.reports for e in ledger.events().items) == [1, 2]
        ledger.ingest(pilot_report("https://b.example/1", "Levant Wire"))
        assert sorted(e.reports for e in ledger.events().items) == [1, 3]
        check_consistent(ledger)


def test_merge_window_comes_from_settings(ledger_target):
    with open_ledger(ledger_target, Settings(merge_window_days=0)) as ledger:
        ledger.ingest(pilot_report("https://a.example/1", "Arutz Sheva"))
        ledger.ingest(pilot_report("https://b.example/1", "Levant Wire", day="2012-06-22"))
        assert ledger.stats()["merged_events"] == 2
    with open_ledger(ledger_target, Settings(merge_window_days=3)) as ledger:
        ledger.ingest(pilot_report("https://c.example/1", "Other", day="2012-06-23"))
        assert ledger.stats()["merged_events"] == 1  # linked to both, it joins the two


def sample_ledger(ledger):
    protest = Spec("PROTEST", Actor("Students", "anonymous_group", "EGY", "CVL"),
                   place=Where("Cairo", "EGY", 30.04, 31.24), day="2012-07-02", verb="protested",
                   status="ongoing")
    threat = Spec("THREATEN", Actor("Syria", "organization", "SYR", "GOV"), recipient=PILOT,
                  day="2012-06-22", verb="threatened", status="threatened")
    ledger.ingest(pilot_report("https://a.example/1", "Arutz Sheva"))
    ledger.ingest(pilot_report("https://b.example/1", "Levant Wire", relay=False))
    ledger.ingest(make_record("https://c.example/1", "Nile Daily", "2012-07-02", [protest, threat]))


@pytest.mark.parametrize("filters, expected", [
    ({}, {"DEFECT", "PROTEST", "THREATEN"}),
    ({"category": "defect"}, {"DEFECT"}),
    ({"actor": "HAMADE"}, {"DEFECT", "THREATEN"}),
    ({"country": "egy"}, {"PROTEST"}),
    ({"country": "JOR"}, {"DEFECT"}),
    ({"place": "cair"}, {"PROTEST"}),
    ({"since": "2012-06-22"}, {"PROTEST", "THREATEN"}),
    ({"until": "2012-06-21"}, {"DEFECT"}),
    ({"since": "2012-06-22", "until": "2012-06-30"}, {"THREATEN"}),
    ({"status": "ongoing"}, {"PROTEST"}),
    ({"min_sources": 2}, {"DEFECT"}),
    ({"text": "Protested"}, {"PROTEST"}),
    ({"category": "DEFECT", "status": "ongoing"}, set()),
])
def test_filters(ledger_target, filters, expected):
    with open_ledger(ledger_target) as ledger:
        sample_ledger(ledger)
        page = ledger.events(Filters(**filters))
        assert {e.category for e in page.items} == expected
        assert page.total == len(expected)


def test_sort_pagination_and_timeline(ledger_target):
    with open_ledger(ledger_target) as ledger:
        sample_ledger(ledger)
        days = [e.day for e in ledger.events(sort="day").items]
        assert days == sorted(days)
        assert [e.day for e in ledger.events(sort="-day").items] == days[::-1]
        assert ledger.events(sort="-sources").items[0].category == "DEFECT"
        second = ledger.events(sort="day", limit=1, offset=1)
        assert second.total == 3 and [e.day for e in second.items] == [days[1]]
        assert ledger.timeline() == [("2012-06-21", 1), ("2012-06-22", 1), ("2012-07-02", 1)]
        assert ledger.timeline(by="month") == [("2012-06", 2), ("2012-07", 1)]
        assert ledger.timeline(Filters(category="PROTEST"), by="year") == [("2012", 1)]


def test_article_returns_the_record(ledger_target):
    record = pilot_report("https://a.example/1", "Arutz Sheva")
    with open_ledger(ledger_target) as ledger:
        ledger.ingest(record)
        stored = ledger.article(record.id)
        assert stored["text"] == record.text and stored["meta"]["outlet"] == "Arutz Sheva"
        assert ledger.article("nope") is None
        assert ledger.event(99999) is None


def test_an_old_ledger_is_migrated_and_keeps_its_data(tmp_path):
    import sqlite3

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        conn.execute(statement.format(float="REAL", id="INTEGER PRIMARY KEY"))
    conn.execute("INSERT INTO schema_version VALUES (1, '2026-01-01')")
    conn.execute("INSERT INTO ledger_info VALUES ('application', 'sayso')")
    conn.commit()
    conn.close()
    with open_ledger(str(path)) as ledger:
        assert ledger.schema_version() == VERSION > 1
        ledger.ingest(pilot_report("https://a.example/1", "Arutz Sheva"))
        assert ledger.db.one("SELECT COUNT(*) FROM reports")[0] == 1


def test_a_version_5_ledger_gains_places_statuses_and_its_search_index(tmp_path):
    """Schema step 6 fills the new list of statuses, the places column and the search indexes
    from the reports already stored, and turns the record's parts into views of the records."""
    import sqlite3

    from sayso.ledger.schema import (NAMES_FTS, NAMES_FTS_SQL, RECORD_PARTS, SEARCH_FTS, TEXT_FTS,
                                     WITHOUT_ROWID)
    from synthetic import generate

    path = str(tmp_path / "v5.db")
    with open_ledger(path) as ledger:
        list(ledger.ingest_many(generate(40, seed=3), batch=10))
        expected = {name: ledger.events(f, limit=None).total for name, f in (
            ("status", Filters(status="negated")), ("place", Filters(place="town1")),
            ("actor", Filters(actor="person1")), ("text", Filters(text="acted in town1")))}
    conn = sqlite3.connect(path)  # back to what schema 5 looked like
    conn.executescript(f"DROP TRIGGER merged_search_delete; DROP TRIGGER merged_search_update; "
                       f"DROP TABLE {SEARCH_FTS}; DROP TRIGGER report_text_delete; DROP TABLE {TEXT_FTS}; "
                       "DROP TABLE merged_statuses; "
                       "ALTER TABLE merged_events DROP COLUMN places; DROP TABLE report_keys; "
                       "ALTER TABLE merged_events DROP COLUMN evidence; DELETE FROM schema_version WHERE version >= 6;")
    for statement in NAMES_FTS_SQL:
        conn.execute(statement)
    for table, columns in WITHOUT_ROWID.items():  # schema 5 kept the record's parts as tables
        if table in RECORD_PARTS:
            conn.execute(f"DROP VIEW {table}")
            conn.execute(f"CREATE TABLE {table} ({columns}) WITHOUT ROWID")
    conn.execute("INSERT INTO entities (article_id, id, name) VALUES ('a', 'e1', 'stale copy')")
    conn.commit()
    conn.close()
    with open_ledger(path) as ledger:
        assert ledger.schema_version() == VERSION == 19
        assert not ledger.db.one("SELECT 1 FROM sqlite_master WHERE name = ?", (NAMES_FTS,))
        check_consistent(ledger)
        assert ledger.db.rows("SELECT id FROM entities WHERE name = 'stale copy'") == []
        (articles,) = ledger.db.one("SELECT COUNT(DISTINCT article_id) FROM entities")
        assert articles == ledger.stats()["articles"] == 40
        for name, f in (("status", Filters(status="negated")), ("place", Filters(place="town1")),
                        ("actor", Filters(actor="person1")), ("text", Filters(text="acted in town1"))):
            assert ledger.events(f, limit=None).total == expected[name] > 0, name


def test_text_filter_finds_words_in_order_the_last_perhaps_begun(ledger_target):
    """`text` is words of a report's sentence, in order, in any case; the last may be the
    beginning of a longer word. The same on both backends (a word index in SQLite)."""
    def said(url, sentence_actor, place, day):  # months apart: three merged events
        return make_record(url, "Levant Wire", day,
                           [Spec("PROTEST", Actor(sentence_actor, "group", "EGY"), place=place,
                                 day=day, verb="protested")])

    with open_ledger(ledger_target) as ledger:
        ledger.ingest(said("https://a.example/1", "Students", Where("Café Riche", "EGY"), "2012-02-01"))
        ledger.ingest(said("https://b.example/1", "Workers", Where("Tahrir Square", "EGY"), "2012-04-01"))
        ledger.ingest(said("https://c.example/1", "Judges", Where("Alexandria", "EGY"), "2012-06-01"))

        def found(text):
            return {e.actor for e in ledger.events(Filters(text=text), limit=None).items}

        assert found("protested in tahrir") == {"Workers"}
        assert found("PROTESTED IN T") == {"Workers"}  # the last word begun
        assert found("in alex") == {"Judges"}
        assert found("Café riche") == {"Students"}
        if ledger.db.kind == "sqlite":  # the word index folds accents; PostgreSQL compares them
            assert found("cafe riche") == {"Students"}
        assert found("students protested") == {"Students"}
        assert found("protested students") == set()  # order matters
        assert found("rested") == set()  # a word's middle is not a word
        assert found("protested") == {"Students", "Workers", "Judges"}
        ledger.ingest(said("https://b.example/1", "Workers", Where("Giza", "EGY"), "2012-04-01"))  # new version
        assert found("tahrir") == set() and found("in giza") == {"Workers"}


def test_place_and_status_filters_agree_with_the_reports(ledger_target):
    """The place filter (trigram index in SQLite) and the status filter (a list of statuses) find
    exactly the merged events some report of which has that place name or status, also after a
    new version of an article took its reports away."""
    from synthetic import generate

    from sayso.ledger.query import ESCAPE, like_pattern

    def by_reports(db, column, value, like):  # substrings are literal: "n_" is no wildcard
        op = f"{db.like} ?{ESCAPE}" if like else "= ?"
        return {i for (i,) in db.rows(f"SELECT DISTINCT merged_id FROM events WHERE {column} {op}",
                                      (like_pattern(value) if like else value,))}

    with open_ledger(ledger_target) as ledger:
        list(ledger.ingest_many(generate(90, seed=12), batch=30))
        ledger.ingest(pilot_report("https://a.example/1", "Arutz Sheva", place=Where("Qaryat Zelkova", "SYR")))
        for probe in ("TOWN1", "own2", "zelkov", "Tow", "zz", "n_"):
            page = ledger.events(Filters(place=probe), limit=None)
            assert {e.id for e in page.items} == by_reports(ledger.db, "place_name", probe, True), probe
            assert page.total == len(page.items)
        for status in ("negated", "claimed", "occurred"):
            page = ledger.events(Filters(status=status), limit=None)
            expected = by_reports(ledger.db, "status", status, False)
            assert {e.id for e in page.items} == expected and page.total == len(expected) > 0, status
        ledger.ingest(pilot_report("https://a.example/1", "Arutz Sheva", status="negated"))  # new version
        assert ledger.events(Filters(place="zelkov")).total == 0
        check_consistent(ledger)


def test_stored_record_json_is_the_contract_shape():
    record = pilot_report("https://a.example/1", "Arutz Sheva", told_by=(TELEGRAPH,))
    assert json.loads(record.to_json()) == record.to_dict()
    odd = dataclasses.replace(record, text=record.text + "\ud800")  # a lone surrogate, as read
    assert json.loads(odd.to_json())["text"] == odd.text
    assert odd.to_json().isascii()  # storable as text


def mixed_stream() -> list:
    """Synthetic news with what batching must get right: reports naming no country (dated and
    undated), new versions of an article inside and across batches, an old version coming back,
    and the same article twice."""
    import dataclasses

    from synthetic import generate
    from sayso.record import article_id

    base, other = list(generate(120, seed=4)), list(generate(120, seed=5))

    def version_of(k: int):
        meta = dataclasses.replace(other[k].meta, url=base[k].meta.url)
        return dataclasses.replace(other[k], id=article_id(other[k].text, meta), meta=meta)

    colonel = Actor("Colonel al-Hamade", "person")
    days = ("2012-01-02", "2012-03-20", None)  # two months apart: never in one window
    vague = [make_record(f"https://vague.example/{i}", "Levant Wire", None,
                         [Spec("DEFECT", None if i % 4 == 3 else colonel, day=days[i % 3], verb="defected")])
             for i in range(12)]
    stream = base[:20] + [version_of(12)] + vague[:6] + base[20:50] + [version_of(3), base[3]]
    stream += base[50:90] + [version_of(60), version_of(85), base[7]] + vague[6:] + base[90:]
    return stream


def ledger_contents(ledger) -> dict:
    """Every stored row that merging decides, in a fixed order."""
    db = ledger.db
    queries = {
        "merged": "SELECT * FROM merged_events ORDER BY id",
        "sources": "SELECT * FROM sources ORDER BY merged_id, source_key",
        "keys": "SELECT * FROM merge_keys ORDER BY merged_id, category, country, day",
        "events": "SELECT article_id, id, merged_id FROM events ORDER BY article_id, id",
        "articles": "SELECT id, key, version, current FROM articles ORDER BY id",
    }
    return {name: [tuple(round(v, 6) if isinstance(v, float) else v for v in row) for row in db.rows(sql)]
            for name, sql in queries.items()}


@pytest.mark.parametrize("batch", [7, 50])
def test_ingest_in_batches_gives_the_same_ledger(ledger_target, tmp_path, batch):
    records = mixed_stream()
    with open_ledger(str(tmp_path / "one-by-one.db")) as ledger:
        alone = [ledger.ingest(record) for record in records]
        expected = ledger_contents(ledger)
    assert {r.status for r in alone} == {"added", "replaced", "unchanged"}
    assert len({m for r in alone for m in r.merged}) < sum(r.events for r in alone)  # some merged
    with open_ledger(ledger_target) as ledger:
        together = list(ledger.ingest_many(records, batch=batch))
        # merged ids are those at the end of each transaction: a later report may join events
        assert [(r.article_id, r.status, r.events) for r in together] == \
            [(r.article_id, r.status, r.events) for r in alone]
        assert ledger_contents(ledger) == expected
        check_consistent(ledger)


def test_a_report_naming_no_country_is_blocked_by_category_and_day(ledger_target):
    def vague(url, day, actor=None):
        return make_record(url, "Levant Wire", day, [Spec("DEFECT", actor, day=day, verb="defected")])

    named = Actor("Colonel al-Hamade", "person")  # no country known
    with open_ledger(ledger_target) as ledger:
        ledger.ingest(pilot_report("https://a.example/1", "Arutz Sheva"))
        ledger.ingest(vague("https://b.example/1", "2012-06-22", named))
        assert ledger.stats()["merged_events"] == 1
        ledger.ingest(vague("https://c.example/1", "2012-07-22", named))  # outside the window
        assert ledger.stats()["merged_events"] == 2
        ledger.ingest(vague("https://d.example/1", "2012-06-22"))  # says nothing about who or where
        assert ledger.stats()["merged_events"] == 3
        check_consistent(ledger)


def test_actor_filter_agrees_with_a_substring_scan(ledger_target):
    """The actor filter (a trigram index in SQLite, ILIKE in PostgreSQL) finds exactly the merged
    events whose actor or recipient name holds the text, in any case, and forgets replaced names."""
    from synthetic import generate

    with open_ledger(ledger_target) as ledger:
        list(ledger.ingest_many(generate(80, seed=9), batch=20))
        names = [n for (n,) in ledger.db.rows("SELECT actor FROM merged_events WHERE actor IS NOT NULL "
                                              "ORDER BY id LIMIT 6")]
        probes = [n[1:5].upper() for n in names] + [n[-6:].lower() for n in names] + ["zz", "a%b", "o_"]
        from sayso.ledger.query import ESCAPE, like_pattern

        like = f"{ledger.db.like} ?{ESCAPE}"
        for probe in probes:  # literal substrings: % and _ are no wildcards
            expected = {i for (i,) in ledger.db.rows(
                f"SELECT id FROM merged_events WHERE actor {like} OR recipient {like}",
                (like_pattern(probe), like_pattern(probe)))}
            page = ledger.events(Filters(actor=probe), limit=None)
            assert {e.id for e in page.items} == expected and page.total == len(expected), probe
        ledger.ingest(pilot_report("https://a.example/1", "Arutz Sheva", actor=Actor("Ahmad Quxbarrow", "person")))
        assert ledger.events(Filters(actor="quxbarr")).total == 1
        assert ledger.ingest(pilot_report("https://a.example/1", "Arutz Sheva")).status == "replaced"
        assert ledger.events(Filters(actor="quxbarr")).total == 0
        assert ledger.events(Filters(actor=PILOT.name[2:9])).total >= 1
