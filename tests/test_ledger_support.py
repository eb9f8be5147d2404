"""Shared pieces of the ledger tests: one fixture per backend, synthetic records."""
from __future__ import annotations

import os
import uuid

import pytest

from synthetic import Actor, Spec, Where, make_record

PG_URL = os.environ.get("SAYSO_TEST_POSTGRES_URL")
BACKENDS = ("sqlite", "postgresql")

TELEGRAPH = Actor("The Daily Telegraph", "media", "GBR")
PILOT = Actor("Hassan Merei al-Hamade", "person", "SYR", "MIL")
JORDAN = Where("Jordan", "JOR", 31.0, 36.0, "country")


def with_schema(url: str, schema: str) -> str:
    return url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"


@pytest.fixture(params=BACKENDS)
def ledger_target(request, tmp_path):
    """A new, empty ledger: a SQLite path, or a PostgreSQL URL to a schema of its own."""
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    if not PG_URL:
        pytest.skip("SAYSO_TEST_POSTGRES_URL is not set (scripts/services/postgres.sh sets it)")
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield with_schema(PG_URL, schema)
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def pilot_report(url: str, outlet: str, relay: bool = True, day: str = "2012-06-21", **changes):
    """An article by `outlet` saying the pilot defected, relaying the Telegraph when `relay`."""
    spec = Spec("DEFECT", changes.pop("actor", PILOT), place=changes.pop("place", JORDAN), day=day,
                verb="defected", **changes)
    return make_record(url, outlet, "2012-06-22", [spec], relays=("The Daily Telegraph",) if relay else ())


def table_counts(ledger) -> dict[str, int]:
    return {t: ledger.db.one(f"SELECT COUNT(*) FROM {t}")[0]
            for t in ("articles", "entities", "places", "attributions", "events", "merged_events",
                      "merge_keys", "sources")}


def check_consistent(ledger) -> None:
    """Whole articles only, and merged events agreeing with their reports."""
    db = ledger.db
    bad = db.rows("SELECT a.id FROM articles a WHERE a.current = 1 AND a.events <> "
                  "(SELECT COUNT(*) FROM events e WHERE e.article_id = a.id)")
    assert bad == []
    assert db.rows("SELECT e.article_id FROM events e LEFT JOIN articles a ON a.id = e.article_id "
                   "WHERE a.id IS NULL OR a.current = 0") == []
    assert db.rows("SELECT m.id FROM merged_events m WHERE m.reports <> "
                   "(SELECT COUNT(*) FROM events e WHERE e.merged_id = m.id)") == []
    assert db.rows("SELECT e.id FROM events e LEFT JOIN merged_events m ON m.id = e.merged_id "
                   "WHERE m.id IS NULL") == []
    assert db.rows("SELECT m.id FROM merged_events m WHERE m.sources <> "
                   "(SELECT COUNT(*) FROM sources s WHERE s.merged_id = m.id)") == []
    statuses = set(db.rows("SELECT DISTINCT status, merged_id FROM events WHERE status IS NOT NULL"))
    assert set(db.rows("SELECT status, merged_id FROM merged_statuses")) == statuses
    places: dict = {}
    for merged_id, name in db.rows("SELECT merged_id, place_name FROM events WHERE place_name IS NOT NULL"):
        places.setdefault(merged_id, set()).add(name)
    for merged_id, stored in db.rows("SELECT id, places FROM merged_events"):
        assert stored == ("\n".join(sorted(places[merged_id])) if merged_id in places else None)
