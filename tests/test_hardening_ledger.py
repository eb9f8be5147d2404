"""Issue 15, items 6 and 7: a full disk, a damaged ledger, a new ledger that fails, and an
unreachable PostgreSQL, each told in one clear line."""
from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from sayso.cli import main
from sayso.errors import LedgerError
from sayso.ledger import open_ledger
from sayso.ledger.backend import SQLiteBackend
from synthetic import generate
from sayso.scale.progress import RunStats
from sayso.scale.run import Extraction


def feed(monkeypatch, records) -> None:
    monkeypatch.setattr("sayso.cli.ingest.run_from_args",
                        lambda *args, **kwargs: Extraction(iter(records), RunStats()))


def small_disk(monkeypatch, pages: int) -> None:
    """Every ledger opened for writing can grow to `pages` pages only: SQLite then fails as on
    a full disk (SQLITE_FULL, "database or disk is full")."""
    original = SQLiteBackend.prepare_for_writing

    def limited(self):
        original(self)
        self.conn.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(SQLiteBackend, "prepare_for_writing", limited)


def test_full_disk_says_what_was_stored_and_what_to_do(tmp_path, monkeypatch, capsys):
    path = str(tmp_path / "full.db")
    with open_ledger(path):
        pass
    pages = Path(path).stat().st_size // 4096 + 400
    small_disk(monkeypatch, pages)
    feed(monkeypatch, list(generate(400, seed=5)))
    assert main(["ingest", "ignored.txt", "--ledger", path, "--quiet"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "OperationalError" not in err
    assert "the disk is full" in err and "free some space" in err
    stored = int(err.split(" articles of this run were stored")[0].rsplit(" ", 1)[1])
    monkeypatch.undo()
    with open_ledger(path) as ledger:
        assert ledger.db.one("PRAGMA integrity_check")[0] == "ok"
        assert 0 < stored == ledger.stats()["articles"] < 400


def test_readers_work_when_the_ledger_cannot_be_opened_for_writing(tmp_path, monkeypatch, capsys):
    path = str(tmp_path / "l.db")
    with open_ledger(path) as ledger:
        for record in generate(3, seed=1):
            ledger.ingest(record)
    real = sqlite3.connect

    def full_disk(name, *args, uri=False, **kwargs):
        if not uri:  # a normal open must write the WAL index: on a full disk it cannot
            raise sqlite3.OperationalError("database or disk is full")
        return real(name, *args, uri=uri, **kwargs)

    monkeypatch.setattr("sayso.ledger.backend.sqlite3.connect", full_disk)
    assert main(["query", "--ledger", path, "--json"]) == 0
    assert capsys.readouterr().out.strip()
    with pytest.raises(LedgerError, match="the disk is full"):
        open_ledger(path)  # a writer is told plainly


def test_a_new_ledger_that_fails_leaves_no_file(tmp_path, monkeypatch):
    path = tmp_path / "new.db"

    def fail(db, where):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("sayso.ledger.schema.migrate", fail)
    with pytest.raises(LedgerError, match="the disk is full; nothing was stored"):
        open_ledger(str(path))
    assert not any(tmp_path.iterdir())


def damage(path: Path, pages: int, seed: int = 20) -> None:
    rng = random.Random(seed)
    data = bytearray(path.read_bytes())
    count = len(data) // 4096
    for page in rng.sample(range(1, count), min(pages, count - 1)):  # page 0 holds the header
        data[page * 4096:(page + 1) * 4096] = rng.randbytes(4096)
    path.write_bytes(bytes(data))


def test_a_damaged_ledger_is_refused_before_any_write(tmp_path):
    path = tmp_path / "l.db"
    with open_ledger(str(path)) as ledger:
        ledger.ingest_many(list(generate(300, seed=2)), batch=100).__iter__().__next__()
        list(ledger.ingest_many(list(generate(300, seed=3)), batch=100))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    damage(path, 20)
    before = path.read_bytes()
    with pytest.raises(LedgerError, match="the ledger is damaged") as caught:
        open_ledger(str(path))
    assert "\n" not in str(caught.value) and ".recover" in str(caught.value)
    assert path.read_bytes() == before


def test_unreachable_postgresql_is_one_line(capsys):
    url = "postgresql://sayso:secret@127.0.0.1:9/sayso?connect_timeout=3"
    with pytest.raises(LedgerError) as caught:
        open_ledger(url)
    assert "\n" not in str(caught.value) and "secret" not in str(caught.value)
    assert main(["query", "--ledger", url]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "cannot connect" in err
