"""A ledger survives SIGKILL, two writers at once, and refuses files that are not ledgers."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sayso.errors import LedgerError
from sayso.ledger import open_ledger

try:  # tests/ may or may not be a package
    from tests.test_ledger_support import check_consistent, ledger_target, pilot_report  # noqa: F401  # noqa: F401
except ModuleNotFoundError:
    from test_ledger_support import check_consistent, ledger_target, pilot_report  # noqa: F401  # noqa: F401

pytestmark = pytest.mark.slow  # many writer subprocesses, SIGKILL

ROOT = Path(__file__).resolve().parents[1]

INGEST = """
import sys
sys.path.insert(0, "tests")
from sayso.ledger import open_ledger
from synthetic import generate
target, n, seed, part, parts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
with open_ledger(target) as ledger:
    for i, record in enumerate(generate(n, seed=seed)):
        if i % parts == part:
            ledger.ingest(record)
            print(i, flush=True)
"""


def ingest_process(target: str, n: int, seed: int = 3, part: int = 0, parts: int = 1) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", INGEST, target, str(n), str(seed), str(part), str(parts)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


def test_sigkill_during_a_large_ingest_leaves_whole_articles(ledger_target):
    child = ingest_process(ledger_target, 20_000)
    stored = 0
    while stored < 150:
        line = child.stdout.readline()
        assert line, child.stderr.read()
        stored += 1
    time.sleep(0.05)  # kill it in the middle of whatever it is doing now
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    with open_ledger(ledger_target) as ledger:
        if ledger.db.kind == "sqlite":
            assert ledger.db.one("PRAGMA integrity_check")[0] == "ok"
        articles = ledger.stats()["articles"]
        assert 150 <= articles < 20_000
        check_consistent(ledger)
        ledger.ingest(pilot_report("https://after.example/1", "Arutz Sheva"))  # still writable
        assert ledger.stats()["articles"] == articles + 1


def test_two_ingests_at_once_both_succeed(ledger_target):
    with open_ledger(ledger_target):
        pass  # the schema exists before the race: each child then only ingests
    children = [ingest_process(ledger_target, 600, seed=5, part=p, parts=2) for p in (0, 1)]
    outputs = [child.communicate(timeout=600) for child in children]
    assert [c.returncode for c in children] == [0, 0], [err for _, err in outputs]
    with open_ledger(ledger_target) as ledger:
        assert ledger.stats()["articles"] == 600
        check_consistent(ledger)
        parts: dict[int, set[int]] = {}
        for merged_id, url in ledger.db.rows(
                "SELECT e.merged_id, a.url FROM events e JOIN articles a ON a.id = e.article_id"):
            parts.setdefault(merged_id, set()).add(int(url.rsplit("/", 1)[1]) % 2)
        assert any(p == {0, 1} for p in parts.values())  # the two processes' reports were merged


def test_two_processes_creating_a_new_ledger_at_once(tmp_path):
    target = str(tmp_path / "new.db")
    children = [ingest_process(target, 40, seed=9, part=p, parts=2) for p in (0, 1)]
    outputs = [child.communicate(timeout=300) for child in children]
    assert [c.returncode for c in children] == [0, 0], [err for _, err in outputs]
    with open_ledger(target) as ledger:
        assert ledger.stats()["articles"] == 40


def unchanged_after_refusal(path: Path) -> None:
    before = path.read_bytes()
    with pytest.raises(LedgerError) as error:
        with open_ledger(str(path)) as ledger:
            ledger.ingest(pilot_report("https://a.example/1", "Arutz Sheva"))
            ledger.stats()
    assert str(path) in str(error.value)
    assert path.read_bytes() == before
    assert not Path(str(path) + "-wal").exists() or Path(str(path) + "-wal").stat().st_size == 0


def test_a_text_file_is_refused_and_not_changed(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("my notes, not a database\n" * 100)
    unchanged_after_refusal(path)


def test_another_programs_database_is_refused_and_not_changed(tmp_path):
    path = tmp_path / "app.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO users (name) VALUES ('ada')")
    conn.commit()
    conn.close()
    unchanged_after_refusal(path)


def make_ledger(path: Path) -> None:
    with open_ledger(str(path)) as ledger:
        for i in range(30):
            ledger.ingest(pilot_report(f"https://a.example/{i}", f"Outlet {i}", day=f"2012-06-{i % 28 + 1:02d}"))


def test_a_ledger_with_a_damaged_schema_page_is_refused_and_not_changed(tmp_path):
    path = tmp_path / "damaged.db"
    make_ledger(path)
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(3996)
    path.write_bytes(bytes(data))
    unchanged_after_refusal(path)


def test_a_truncated_ledger_is_refused_and_not_changed(tmp_path):
    path = tmp_path / "truncated.db"
    make_ledger(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    unchanged_after_refusal(path)


def test_a_ledger_from_a_newer_sayso_is_refused(tmp_path):
    path = tmp_path / "newer.db"
    make_ledger(path)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (99, '2030-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(LedgerError, match="newer"):
        open_ledger(str(path))


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(LedgerError, match="directory"):
        open_ledger(str(tmp_path))


def test_an_unreachable_postgresql_server_is_a_ledger_error():
    with pytest.raises(LedgerError, match="cannot connect") as error:
        open_ledger("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2")
    assert "secret" not in str(error.value)


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(LedgerError, match="does not exist"):
        open_ledger(str(tmp_path / "no" / "such" / "ledger.db"))
