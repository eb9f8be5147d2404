"""The ledger's tables and their migrations.

A ledger records its schema version in `schema_version`, one row per applied step, and says
it is a sayso ledger in `ledger_info`. `migrate` applies the steps a ledger lacks, in order,
inside one transaction; a database with tables but no `ledger_info` is someone else's and is
refused untouched, as is a ledger written by a newer sayso.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from typing import Callable, Union

from sayso.errors import LedgerError
from sayso.ledger.backend import Backend
from sayso.ledger.fts import SEARCH_FTS, TEXT_FTS, search_index  # noqa: F401  (schema.search_index, as before)

APPLICATION = "sayso"

# Step 1: the tables. Plain columns, so any SQLite tool (or Datasette) reads them.
V1 = [
    "CREATE TABLE ledger_info (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY, key TEXT NOT NULL, version INTEGER NOT NULL, current INTEGER NOT NULL,
        url TEXT, path TEXT, outlet TEXT, title TEXT, author TEXT, published TEXT,
        text_hash TEXT NOT NULL, record_hash TEXT NOT NULL, record TEXT NOT NULL,
        events INTEGER NOT NULL, ingested_at TEXT NOT NULL)""",
    "CREATE INDEX articles_key ON articles (key, current)",
    """CREATE TABLE entities (
        article_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT, kind TEXT, country TEXT,
        sector TEXT, role TEXT, PRIMARY KEY (article_id, id))""",
    """CREATE TABLE places (
        article_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT, country TEXT, lat {float},
        lon {float}, precision TEXT, PRIMARY KEY (article_id, id))""",
    """CREATE TABLE attributions (
        article_id TEXT NOT NULL, id TEXT NOT NULL, source TEXT, source_entity TEXT,
        source_kind TEXT, cue TEXT, type TEXT, parent TEXT, chain TEXT,
        PRIMARY KEY (article_id, id))""",
    """CREATE TABLE events (
        article_id TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, mode TEXT,
        trigger TEXT, sentence TEXT, actor TEXT, actor_name TEXT, actor_kind TEXT,
        actor_country TEXT, actor_sector TEXT, recipient TEXT, recipient_name TEXT,
        recipient_kind TEXT, recipient_country TEXT, recipient_sector TEXT, place TEXT, place_name TEXT, place_country TEXT, lat {float},
        lon {float}, date_value TEXT, date_precision TEXT, day TEXT, status TEXT, polarity TEXT,
        attribution TEXT, chain TEXT, source_key TEXT, source_name TEXT, merged_id INTEGER,
        PRIMARY KEY (article_id, id))""",
    "CREATE INDEX events_merged ON events (merged_id, status)",
    """CREATE TABLE merged_events (
        id {id}, category TEXT NOT NULL, mode TEXT, day TEXT, day_last TEXT,
        actor TEXT, actor_kind TEXT, actor_country TEXT, actor_sector TEXT, recipient TEXT,
        recipient_kind TEXT, recipient_country TEXT, recipient_sector TEXT, place TEXT,
        country TEXT,
        lat {float}, lon {float}, reports INTEGER NOT NULL, articles INTEGER NOT NULL,
        sources INTEGER NOT NULL, statuses TEXT, status TEXT, conflict INTEGER NOT NULL,
        summary TEXT)""",
    "CREATE INDEX merged_day ON merged_events (day)",
    "CREATE INDEX merged_category_day ON merged_events (category, day)",
    "CREATE INDEX merged_sources ON merged_events (sources)",
    """CREATE TABLE merge_keys (
        category TEXT NOT NULL, country TEXT NOT NULL, day TEXT NOT NULL,
        merged_id INTEGER NOT NULL, PRIMARY KEY (category, country, day, merged_id))""",
    "CREATE INDEX merge_keys_country ON merge_keys (country, merged_id)",
    "CREATE INDEX merge_keys_merged ON merge_keys (merged_id)",
    """CREATE TABLE sources (
        merged_id INTEGER NOT NULL, source_key TEXT NOT NULL, source_name TEXT,
        reports INTEGER NOT NULL, statuses TEXT, PRIMARY KEY (merged_id, source_key))""",
]

# Step 2: a view for reading reports with their article, as analysts ask for them.
V2 = [
    """CREATE VIEW reports AS
        SELECT e.merged_id, e.article_id, e.id AS event_id, e.type, e.mode, e.status,
               e.polarity, e.trigger, e.sentence, e.actor_name, e.recipient_name,
               e.place_name, e.day, e.chain, e.source_name, a.outlet, a.published, a.url,
               a.path, a.title
        FROM events e JOIN articles a ON a.id = e.article_id""",
]

# Step 3: country filters probe merge_keys per merged event (see sayso.ledger.where), so the index
# starts with merged_id and covers the country.
V3 = [
    "DROP INDEX merge_keys_country",
    "DROP INDEX merge_keys_merged",
    "CREATE INDEX merge_keys_merged ON merge_keys (merged_id, country)",
]

# Step 4 (speed; same tables, same columns). SQLite: the tables read only by their primary key
# are rebuilt WITHOUT ROWID (one B-tree a row instead of two), and actor and recipient names
# get a trigram full-text index (FTS5), kept current by triggers, for `Filters.actor`.
WITHOUT_ROWID = {
    "entities": "article_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT, kind TEXT, country TEXT, "
                "sector TEXT, role TEXT, PRIMARY KEY (article_id, id)",
    "places": "article_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT, country TEXT, lat REAL, lon REAL, "
              "precision TEXT, PRIMARY KEY (article_id, id)",
    "attributions": "article_id TEXT NOT NULL, id TEXT NOT NULL, source TEXT, source_entity TEXT, "
                    "source_kind TEXT, cue TEXT, type TEXT, parent TEXT, chain TEXT, "
                    "PRIMARY KEY (article_id, id)",
    "merge_keys": "category TEXT NOT NULL, country TEXT NOT NULL, day TEXT NOT NULL, "
                  "merged_id INTEGER NOT NULL, PRIMARY KEY (category, country, day, merged_id)",
    "sources": "merged_id INTEGER NOT NULL, source_key TEXT NOT NULL, source_name TEXT, "
               "reports INTEGER NOT NULL, statuses TEXT, PRIMARY KEY (merged_id, source_key)",
}
NAMES_FTS = "merged_names"  # FTS5 table over merged_events (actor, recipient), rowid = id
NAMES_FTS_SQL = [
    f"CREATE VIRTUAL TABLE {NAMES_FTS} USING fts5(actor, recipient, content='merged_events', "
    "content_rowid='id', tokenize='trigram', columnsize=0)",
    f"""CREATE TRIGGER merged_names_insert AFTER INSERT ON merged_events BEGIN
        INSERT INTO {NAMES_FTS} (rowid, actor, recipient) VALUES (new.id, new.actor, new.recipient);
    END""",
    f"""CREATE TRIGGER merged_names_delete AFTER DELETE ON merged_events BEGIN
        INSERT INTO {NAMES_FTS} ({NAMES_FTS}, rowid, actor, recipient)
        VALUES ('delete', old.id, old.actor, old.recipient);
    END""",
    f"""CREATE TRIGGER merged_names_update AFTER UPDATE OF actor, recipient ON merged_events
    WHEN old.actor IS NOT new.actor OR old.recipient IS NOT new.recipient BEGIN
        INSERT INTO {NAMES_FTS} ({NAMES_FTS}, rowid, actor, recipient)
        VALUES ('delete', old.id, old.actor, old.recipient);
        INSERT INTO {NAMES_FTS} (rowid, actor, recipient) VALUES (new.id, new.actor, new.recipient);
    END""",
    f"INSERT INTO {NAMES_FTS} ({NAMES_FTS}) VALUES ('rebuild')",
]


def has_trigram(db: Backend) -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer (3.34 and later)."""
    try:
        db.execute("CREATE VIRTUAL TABLE temp.sayso_probe USING fts5(x, tokenize='trigram')")
    except sqlite3.OperationalError:  # no FTS5, or no trigram tokenizer (SQLite < 3.34)
        return False
    db.execute("DROP TABLE temp.sayso_probe")
    return True


def v4(db: Backend) -> None:
    if db.kind != "sqlite":
        return
    for table, columns in WITHOUT_ROWID.items():
        db.execute(f"CREATE TABLE {table}_v4 ({columns}) WITHOUT ROWID")
        db.execute(f"INSERT INTO {table}_v4 SELECT * FROM {table}")
        db.execute(f"DROP TABLE {table}")
        db.execute(f"ALTER TABLE {table}_v4 RENAME TO {table}")
    db.execute("CREATE INDEX merge_keys_merged ON merge_keys (merged_id, country)")
    if has_trigram(db):
        for statement in NAMES_FTS_SQL:
            db.execute(statement)


# Step 5: counting the merged events of one country reads that country's list of merged ids.
V5 = ["CREATE INDEX merge_keys_country ON merge_keys (country, merged_id)"]

# Step 6 (speed). Every backend: entities, places and attributions are views of the stored
# records (RECORD_PARTS below); merged events get `places` (the distinct place names of their
# reports, one per line) and a list `merged_statuses` (status, merged_id), so the place and
# status filters read an index instead of every report. SQLite: the trigram index covers actor,
# recipient and places, and a word index covers report sentences; the writer adds new rows to
# both in one statement per batch (a trigger per row cost ten times as much), triggers keep
# them current on update and delete. PostgreSQL: a GIN word index of report sentences.
SEARCH_FTS_SQL = [
    f"CREATE VIRTUAL TABLE {SEARCH_FTS} USING fts5(actor, recipient, places, content='merged_events', "
    "content_rowid='id', tokenize='trigram', columnsize=0)",
    f"""CREATE TRIGGER merged_search_delete AFTER DELETE ON merged_events BEGIN
        INSERT INTO {SEARCH_FTS} ({SEARCH_FTS}, rowid, actor, recipient, places)
        VALUES ('delete', old.id, old.actor, old.recipient, old.places);
    END""",
    f"""CREATE TRIGGER merged_search_update AFTER UPDATE OF actor, recipient, places ON merged_events
    WHEN old.actor IS NOT new.actor OR old.recipient IS NOT new.recipient OR old.places IS NOT new.places
    BEGIN
        INSERT INTO {SEARCH_FTS} ({SEARCH_FTS}, rowid, actor, recipient, places)
        VALUES ('delete', old.id, old.actor, old.recipient, old.places);
        INSERT INTO {SEARCH_FTS} (rowid, actor, recipient, places)
        VALUES (new.id, new.actor, new.recipient, new.places);
    END""",
    f"INSERT INTO {SEARCH_FTS} ({SEARCH_FTS}) VALUES ('rebuild')",
]
TEXT_FTS_SQL = [
    f"CREATE VIRTUAL TABLE {TEXT_FTS} USING fts5(sentence, content='events', content_rowid='rowid', "
    "tokenize='unicode61 remove_diacritics 2', columnsize=0)",
    f"""CREATE TRIGGER report_text_delete AFTER DELETE ON events BEGIN
        INSERT INTO {TEXT_FTS} ({TEXT_FTS}, rowid, sentence) VALUES ('delete', old.rowid, old.sentence);
    END""",
    f"INSERT INTO {TEXT_FTS} ({TEXT_FTS}) VALUES ('rebuild')",
]


def pg_words(column: str) -> str:
    """PostgreSQL's words of a text column (no stemming, any case), as its GIN index holds them."""
    return f"to_tsvector('simple', coalesce({column}, ''))"


PLACES_OF = {  # the distinct place names of a merged event's reports, sorted, one per line
    "sqlite": "(SELECT group_concat(p, char(10)) FROM (SELECT DISTINCT place_name AS p FROM events e "
              "WHERE e.merged_id = merged_events.id AND e.place_name IS NOT NULL ORDER BY p))",
    "postgresql": "(SELECT string_agg(DISTINCT place_name, chr(10) ORDER BY place_name) FROM events e "
                  "WHERE e.merged_id = merged_events.id)",
}


# The entities, places and attributions of current articles become views over the record JSON
# the articles table already holds: the same columns (attributions without `chain`; events
# carry each report's chain), nothing written twice.
RECORD_PARTS = {
    "entities": {"id": "$.id", "name": "$.name", "kind": "$.kind", "country": "$.country",
                 "sector": "$.sector", "role": "$.role"},
    "places": {"id": "$.id", "name": "$.name", "country": "$.country", "lat": "$.lat", "lon": "$.lon",
               "precision": "$.precision"},
    "attributions": {"id": "$.id", "source": "$.source.text", "source_entity": "$.source.entity",
                     "source_kind": "$.source.kind", "cue": "$.cue.text", "type": "$.type",
                     "parent": "$.parent"},
}
FLOATS = frozenset({"lat", "lon"})


def record_part_view(db: Backend, table: str) -> str:
    """CREATE VIEW for one list of the record JSON, a row per item of a current article."""
    fields = RECORD_PARTS[table]
    if db.kind == "sqlite":
        columns = ", ".join(f"json_extract(x.value, '{path}') AS {name}" for name, path in fields.items())
        rows = f"articles a, json_each(a.record, '$.{table}') x"
    else:
        def pg(name: str, path: str) -> str:
            keys = path[2:].split(".")
            value = "x" + "".join(f"->'{k}'" for k in keys[:-1]) + f"->>'{keys[-1]}'"
            return f"({value})::double precision AS {name}" if name in FLOATS else f"{value} AS {name}"
        columns = ", ".join(pg(name, path) for name, path in fields.items())
        rows = f"articles a CROSS JOIN LATERAL jsonb_array_elements(a.record::jsonb -> '{table}') AS x"
    return f"CREATE VIEW {table} AS SELECT a.id AS article_id, {columns} FROM {rows} WHERE a.current = 1"


def v6(db: Backend) -> None:
    for table in RECORD_PARTS:
        db.execute(f"DROP TABLE {table}")
        db.execute(record_part_view(db, table))
    db.execute("ALTER TABLE merged_events ADD COLUMN places TEXT")
    db.execute(f"UPDATE merged_events SET places = {PLACES_OF[db.kind]}")
    db.execute(db.ddl("CREATE TABLE merged_statuses (status TEXT NOT NULL, merged_id INTEGER NOT NULL, "
                      "PRIMARY KEY (status, merged_id)){without_rowid}"))
    db.execute("INSERT INTO merged_statuses (status, merged_id) SELECT DISTINCT status, merged_id "
               "FROM events WHERE status IS NOT NULL AND merged_id IS NOT NULL")
    if db.kind != "sqlite":  # PostgreSQL's own full-text search: a word index of sentences
        db.execute(f"CREATE INDEX events_sentence_words ON events USING gin ({pg_words('sentence')})")
        return
    for trigger in ("merged_names_insert", "merged_names_delete", "merged_names_update"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    db.execute(f"DROP TABLE IF EXISTS {NAMES_FTS}")
    if has_trigram(db):
        for statement in SEARCH_FTS_SQL + TEXT_FTS_SQL:
            db.execute(statement)


def v7(db: Backend) -> None:
    """Article keys become canonical sources (sayso/ledger/rekey.py)."""
    from sayso.ledger.rekey import rekey

    rekey(db)


# Step 8 (issue 14): merged events are the connected components of links on positive evidence
# (sayso.ledger.identity). `report_keys` files each report under (category, participant token,
# day) for finding its candidates; `merged_events.evidence` says why its reports were merged
# (JSON list of {a, b, because}). Every stored report is clustered again under the new rules,
# one category at a time (also the merged events step 7 left to it).
V8_TABLE = ("CREATE TABLE report_keys (category TEXT NOT NULL, token TEXT NOT NULL, day TEXT NOT NULL, "
            "article_id TEXT NOT NULL, event_id TEXT NOT NULL, "
            "PRIMARY KEY (category, token, day, article_id, event_id)){without_rowid}")


def v8(db: Backend) -> None:
    from sayso.ledger.batch import recluster_all

    db.execute(db.ddl(V8_TABLE))
    db.execute("ALTER TABLE merged_events ADD COLUMN evidence TEXT")
    if db.kind == "postgresql":  # stable ids go up to 2^52: 64-bit columns (SQLite's are already)
        db.execute("DROP VIEW reports")  # it reads events.merged_id: made again below
        for table in ("events", "merge_keys", "sources", "merged_statuses"):
            db.execute(f"ALTER TABLE {table} ALTER COLUMN merged_id TYPE BIGINT")
        db.execute(V2[0])
    recluster_all(db)


def v9(db: Backend) -> None:
    """Step 9 (issue 14): cannot-links (two named people, two triggers of one sentence, days
    apart), definite references ("the attack") to the nearest earlier mention, and an article's
    own line about a happening it credits to a source counted for that source: every stored
    report is clustered and its sources counted again under these rules."""
    from sayso.ledger.batch import recluster_all

    recluster_all(db)


# Step 10 (speed of the workbench, issue 16): the map's and the timeline's counts within a date
# range read one index and no rows (day, category, place, country, lat, lon: all they group by
# and test), and a place is found by its coordinates (`Filters.place_id`, the map's links)
# without reading every merged event.
V10 = ["CREATE INDEX IF NOT EXISTS merged_day_cover ON merged_events (day, category, place, country, lat, lon)",
       "CREATE INDEX IF NOT EXISTS merged_lat_lon ON merged_events (lat, lon)"]


def v11(db: Backend) -> None:
    """Step 11 (issue 14): the learned link (sayso.ledger.resemblance) vets the rules' links and
    adds the ones they miss: every stored report is clustered and its sources counted again, so
    a ledger made before equals a fresh ingest."""
    from sayso.ledger.batch import recluster_all

    recluster_all(db)


def v12(db: Backend) -> None:
    """Step 12 (issue 14): a happening called by a name ("the Orlando shooting") is filed under
    the name's head in report_keys and links the reports that call it so; parts of a name
    ("Bill", "Bill Clinton") no longer conflict; dates of different years and a shared party
    whose other party differs no longer link: every stored report is filed and clustered again,
    so a ledger made before equals a fresh ingest."""
    from sayso.ledger.batch import recluster_all

    recluster_all(db)


def v13(db: Backend) -> None:
    """Step 13 (issue 14): within an article a series and one instance of it ("certain
    releases", "the release of a few sanctions-busters") never join, and a shared participant
    with a repeated trigger needs sentences that share a little; across articles both parties
    shared with one trigger stem need less: every stored report is clustered again, so a ledger
    made before equals a fresh ingest."""
    from sayso.ledger.batch import recluster_all

    recluster_all(db)


def v14(db: Backend) -> None:
    """Step 14 (issue 14): a report told as another happening ("the next attack", "future
    attacks") neither refers back nor is referred back to and gets no learned link, a definite
    reference in other words ("the criticism") refers back to the nearest report of its kind
    sharing a named participant, "to" before a trigger makes it a verb ("the move to ban him"),
    and a year before a name ("the 2012 Benghazi attack") no longer hides it: every stored report is filed and clustered again, so a ledger made before equals a
    fresh ingest."""
    from sayso.ledger.batch import recluster_all

    recluster_all(db)


def v15(db: Backend) -> None:
    """Step 15 (issue 14): each report keeps its trigger's offset in its sentence
    (`events.trigger_at`, filled from the stored records), so the words around the trigger are
    read around its own token, not the first place its text occurs ("refused to release ...
    deemed the release of a few sanctions-busters": sayso.ledger.trigger); every stored report
    is filed and clustered again under it and the rules of branch merge8 (requests for different
    acts, other occasions, phrasal and irregular stems, references in other words naming no
    party: docs/ledger.md), so a ledger made before equals a fresh ingest."""
    from sayso.ledger.batch import recluster_all

    if "trigger_at" not in {d[0] for d in db.execute("SELECT * FROM events LIMIT 0").description}:
        db.execute("ALTER TABLE events ADD COLUMN trigger_at INTEGER")
    last = ""
    while True:  # a page of articles at a time: a ledger's records need not fit in memory
        page = db.rows("SELECT id, record FROM articles WHERE id > ? ORDER BY id LIMIT 500", (last,))
        if not page:
            break
        db.executemany("UPDATE events SET trigger_at = ? WHERE article_id = ? AND id = ?",
                       [(e["trigger"]["start"] - e["sentence"]["start"], article_id, e["id"])
                        for article_id, record in page for e in json.loads(record).get("events", [])])
        last = page[-1][0]
    recluster_all(db)


def v16(db: Backend) -> None:
    """Step 16 (issue 14): within an article one content word right before one trigger ("an
    apparent terrorist attack", "It's a terrorist attack!") links, and across articles a
    recipient left out but named in the sentence counts as shared, and a hyphened adjective
    ("an ISIS-condoned attack") names no happening: every stored report is filed and clustered
    again, so a ledger made before equals a fresh ingest."""
    from sayso.ledger.batch import recluster_all

    recluster_all(db)


def v17(db: Backend) -> None:
    """Step 17 (issue 14): a definite reference that passes over a report lacking its party
    refers only to one further back that names it, a superlative ("the largest mass shooting")
    is no reference back, a series joins by similar sentences only a report of its trigger stem,
    and a learned link within an article needs sentences that share something: every stored
    report is clustered again, so a ledger made before equals a fresh ingest."""
    from sayso.ledger.batch import recluster_all

    recluster_all(db)


def v18(db: Backend) -> None:
    """Step 18 (issue 14): within an article a report naming no party joins one of its trigger
    stem with a similar sentence (sayso.ledger.untold), a night runs into the next day, one trigger
    stem told by a sentence and in a quote it gives is one happening, and a bare possessive
    ("Trump’s") names its participant: every stored report is filed and clustered again, so a
    ledger made before equals a fresh ingest."""
    from sayso.ledger.batch import recluster_all

    recluster_all(db)


def v19(db: Backend) -> None:
    """Step 19 (issue 14): two reports called by two different happening names, and two reports
    of "attack" in two senses (words, arms), never join, whatever links them through others
    (sayso.ledger.sense), and within an article a shared party and trigger stem in sentences not
    alike join only reports told alike (both as happening or both not), and a number opening a
    sentence counts its plural as several, and another happening ("the same demands") is not joined
    by a shared party and a repeated trigger alone: every stored report is clustered again, so a ledger made before equals a
    fresh ingest."""
    from sayso.ledger.batch import recluster_all

    recluster_all(db)


Step = Union[str, Callable[[Backend], None]]
MIGRATIONS: list[list[Step]] = [V1, V2, V3, [v4], V5, [v6], [v7], [v8], [v9], V10, [v11], [v12], [v13], [v14],
                                [v15], [v16], [v17], [v18], [v19]]
VERSION = len(MIGRATIONS)


def current_version(db: Backend) -> int:
    row = db.one("SELECT MAX(version) FROM schema_version")
    return int(row[0] or 0)


def check_ours(db: Backend, where: str) -> int:
    """The schema version of a sayso ledger; 0 for an empty database; LedgerError otherwise."""
    tables = db.tables()
    if not tables:
        return 0
    if "ledger_info" not in tables or "schema_version" not in tables:
        raise LedgerError(f"{where}: holds tables that are not a sayso ledger "
                          f"({', '.join(sorted(tables)[:5])}); give another file or database "
                          "(it was not changed)")
    row = db.one("SELECT value FROM ledger_info WHERE key = 'application'")
    if not row or row[0] != APPLICATION:
        raise LedgerError(f"{where}: is not a sayso ledger; give another file or database "
                          "(it was not changed)")
    version = current_version(db)
    if version > VERSION:
        raise LedgerError(f"{where}: ledger schema version {version} is newer than this sayso "
                          f"understands ({VERSION}); upgrade sayso")
    return version


def migrate(db: Backend, where: str) -> int:
    """Bring the ledger to VERSION; returns the version it had before."""
    before = check_ours(db, where)
    if before == VERSION:
        return before
    db.prepare_for_writing()
    with db.transaction():
        before = check_ours(db, where)  # another process may have migrated meanwhile
        for version in range(before + 1, VERSION + 1):
            for statement in MIGRATIONS[version - 1]:
                if callable(statement):
                    statement(db)
                else:
                    db.execute(db.ddl(statement))
            db.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                       (version, now()))
        if before == 0:
            db.execute("INSERT INTO ledger_info (key, value) VALUES ('application', ?)", (APPLICATION,))
    return before


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
