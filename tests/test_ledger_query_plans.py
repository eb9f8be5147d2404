"""How a page reads its country and status filters (sayso.ledger.query.list_plan): each way gives
the same merged events in the same order as the reports say, and schema step 10's indexes are
the ones the map's and the place links' queries use."""
from __future__ import annotations

import pytest

from sayso.ledger import Filters, open_ledger, query
from synthetic import generate

try:  # tests/ may or may not be a package
    from tests.test_ledger_support import ledger_target  # noqa: F401
except ModuleNotFoundError:
    from test_ledger_support import ledger_target  # noqa: F401


@pytest.fixture(scope="module")
def ledger_path(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("plans") / "plans.db")
    with open_ledger(path) as ledger:
        list(ledger.ingest_many(generate(120, seed=5), batch=40))
    return path


def by_reports(db, countries=(), statuses=(), since=None) -> set[int]:
    """The merged events some report of which names one of these countries (actor, recipient or
    place) and gives one of these statuses, from the reports themselves."""
    found = set()
    for merged_id, a, r, p, status, day in db.rows(
            "SELECT merged_id, actor_country, recipient_country, place_country, status, day FROM events"):
        if countries and not {a, r, p} & set(countries):
            continue
        if statuses and status not in statuses:
            continue
        found.add(merged_id)
    if since:
        found &= {i for (i,) in db.rows("SELECT id FROM merged_events WHERE day >= ?", (since,))}
    return found


def common(db, column: str, rank: int) -> str:
    return db.rows(f"SELECT {column} FROM events WHERE {column} IS NOT NULL GROUP BY {column} "
                   "ORDER BY COUNT(*) DESC, 1")[rank][0]


@pytest.mark.parametrize("sort", ["-day", "day", "-sources", "actor"])
def test_every_plan_gives_the_same_pages_as_the_reports_say(ledger_path, monkeypatch, sort):
    with open_ledger(ledger_path) as ledger:
        db = ledger.db
        first, second = common(db, "actor_country", 0), common(db, "actor_country", 3)
        status = common(db, "status", 1)
        cases = [({"country": first}, by_reports(db, [first])),
                 ({"country": (first, second)}, by_reports(db, [first, second])),
                 ({"status": status}, by_reports(db, statuses=[status])),
                 ({"country": second, "status": status}, by_reports(db, [second], [status])),
                 ({"country": first, "since": "2012-01-03"}, by_reports(db, [first], since="2012-01-03"))]
        for filters, expected in cases:
            pages = {}
            for plan in (query.PROBE, query.MEMBER, query.FIRST):
                monkeypatch.setattr(query, "list_plan", lambda *a, plan=plan: plan)
                whole = ledger.events(Filters(**filters), sort=sort, limit=None)
                assert {e.id for e in whole.items} == expected and whole.total == len(expected) > 0, (filters, plan)
                pages[plan] = [[e.id for e in ledger.events(Filters(**filters), sort=sort, limit=7, offset=o).items]
                               for o in (0, 7, 21)]
                assert sum(pages[plan], []) == [e.id for e in whole.items][:14] + [e.id for e in whole.items][21:28]
            assert pages[query.PROBE] == pages[query.MEMBER] == pages[query.FIRST], filters


def test_the_plan_follows_how_many_match(ledger_path, monkeypatch):
    with open_ledger(ledger_path) as ledger:
        db, everything = ledger.db, ledger.stats()["merged_events"]
        country = Filters(country=common(db, "actor_country", 0))
        assert query.list_plan(db, Filters(category="DEFECT"), 5) == query.PROBE  # no list to read
        assert query.list_plan(db, country, query.LIST_FIRST) == query.FIRST
        monkeypatch.setattr(query, "LIST_FIRST", 0)
        assert query.list_plan(db, country, everything) == query.PROBE
        assert query.list_plan(db, country, int(everything * query.PROBE_SHARE) - 1) == query.MEMBER


def test_counts_over_the_lists_and_the_aggregates_agree(ledger_target):  # noqa: F811
    """Counts, the timeline's and the map's counts read country lists (first, or tested against
    within a date range): the same merged events as the reports say, in SQLite and PostgreSQL."""
    with open_ledger(ledger_target) as ledger:
        list(ledger.ingest_many(generate(60, seed=5), batch=30))
        db = ledger.db
        countries = (common(db, "actor_country", 0), common(db, "place_country", 2))
        located = {i for (i,) in db.rows("SELECT id FROM merged_events WHERE lat IS NOT NULL")}
        for given in (countries[:1], countries):
            expected = by_reports(db, given)
            assert query.count(db, Filters(country=given)) == len(expected) > 0
            assert ledger.events(Filters(country=given), limit=5).total == len(expected)
            days = query.day_counts(db, Filters(country=given))
            assert sum(n for _, _, n in days) == len(expected)  # every merged event here is dated
            dated = by_reports(db, given, since="2012-01-03")
            assert sum(n for _, _, n in query.day_counts(db, Filters(country=given, since="2012-01-03"))) == len(dated)
            places = query.place_counts(db, Filters(country=given, since="2012-01-03"))
            assert sum(p[-1] for p in places) == len(dated & located)


def plan_of(db, sql: str, params) -> str:
    return " / ".join(r[3] for r in db.rows("EXPLAIN QUERY PLAN " + sql, params))


def test_the_map_and_place_links_read_schema_10s_indexes(ledger_path):
    """Counting places within a date range reads one index and no merged event; a place by its
    coordinates is found through the (lat, lon) index, not by reading every merged event."""
    with open_ledger(ledger_path) as ledger:
        db = ledger.db
        traced: list[str] = []
        db.conn.set_trace_callback(traced.append)
        query.place_counts(db, Filters(since="2012-01-02", until="2012-01-05", country="SYR"))
        (sql,) = [s for s in traced if "GROUP BY m.place" in s]
        assert "COVERING INDEX merged_day_cover" in plan_of(db, sql, ())
        traced.clear()
        lat, lon = db.one("SELECT lat, lon FROM merged_events WHERE lat IS NOT NULL")
        found = ledger.events(Filters(place_id=query.place_key(lat, lon)), limit=None)
        assert found.total >= 1 and all(query.place_key(e.lat, e.lon) == query.place_key(lat, lon)
                                        for e in found.items)
        assert any("merged_lat_lon" in plan_of(db, s, ()) for s in traced if "m.lat BETWEEN" in s)
        db.conn.set_trace_callback(None)


@pytest.mark.parametrize("sort", ["-day", "day"])
def test_several_categories_by_day_read_a_category_at_a_time_give_the_same_pages(ledger_path, sort):
    """A page of several categories by day merges each category's own first rows
    (query.by_category); it is the same page as the whole list sorted in one query gives."""
    with open_ledger(ledger_path) as ledger:
        db = ledger.db
        first, second, third = (common(db, "type", rank) for rank in (0, 1, 2))
        country = common(db, "actor_country", 0)
        traced: list[str] = []
        db.conn.set_trace_callback(traced.append)
        for filters in ({"category": (first, second)}, {"category": (third, first.lower(), first)},
                        {"category": (second, second)}, {"category": (first, third), "country": country},
                        {"category": (first, second), "since": "2012-01-03", "min_sources": 1}):
            whole = [e.id for e in ledger.events(Filters(**filters), sort=sort, limit=None).items]
            assert len(whole) == len(set(whole)) > 7, filters
            for offset in (0, 5, len(whole) - 3):
                traced.clear()
                page = ledger.events(Filters(**filters), sort=sort, limit=5, offset=offset)
                assert [e.id for e in page.items] == whole[offset:offset + 5], (filters, offset)
                assert page.total == len(whole)
                (read,) = [s for s in traced if "LIMIT 5 " in s]  # the page (several categories: UNION ALL)
                assert "SCAN m USING INDEX merged_day" not in plan_of(db, read, ()), filters
                assert ("UNION ALL" in read) == (len({c.upper() for c in filters["category"]}) > 1), filters
        db.conn.set_trace_callback(None)
