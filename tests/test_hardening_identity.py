"""Issue 15, item 4: an article is its canonical source; its version is its text and metadata."""
from __future__ import annotations

import json
import os
import sqlite3

from sayso.cli import main
from sayso.identity import canonical_path, version_id
from sayso.ledger import open_ledger
from sayso.ledger.schema import VERSION
from sayso.record import Meta

TEXT = ("The army said on Monday that its soldiers had shelled the border post, "
        "and a spokesman for the ministry said the talks would resume next week.")
EDITED = TEXT.replace("Monday", "Tuesday")


def ingest(path, ledger, capsys) -> str:
    code = main(["ingest", str(path), "--ledger", str(ledger), "--workers", "0", "--quiet", "--no-progress"])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


def current(ledger) -> list[tuple]:
    with open_ledger(str(ledger)) as db:
        return db.db.rows("SELECT key, id, version FROM articles WHERE current = 1 ORDER BY key")


def test_same_folder_by_relative_and_absolute_path_is_the_same_articles(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT)
    (folder / "b.txt").write_text(EDITED)
    monkeypatch.chdir(tmp_path)
    ledger = tmp_path / "l.db"
    ingest("news", ledger, capsys)
    out = ingest(folder.resolve(), ledger, capsys)
    assert "2 articles already in the ledger were skipped" in out
    os.symlink(folder, tmp_path / "link")
    out = ingest(tmp_path / "link", ledger, capsys)
    assert "2 articles already in the ledger were skipped" in out
    assert [key for key, _, _ in current(ledger)] == [str((folder / n).resolve()) for n in ("a.txt", "b.txt")]


def test_an_earlier_text_put_back_is_current_again(tmp_path, capsys):
    path, ledger = tmp_path / "a.txt", tmp_path / "l.db"
    path.write_text(TEXT)
    ingest(path, ledger, capsys)
    ((_, first, _),) = current(ledger)
    path.write_text(EDITED)
    assert "1 replaced" in ingest(path, ledger, capsys)
    path.write_text(TEXT)
    assert "1 replaced" in ingest(path, ledger, capsys)  # not "skipped": it was not current
    ((_, again, version),) = current(ledger)
    assert again == first and version == 3


def test_an_edited_sidecar_is_a_new_version(tmp_path, capsys):
    path, ledger = tmp_path / "a.txt", tmp_path / "l.db"
    path.write_text(TEXT)
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2024-05-01"}))
    ingest(path, ledger, capsys)
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2024-05-02"}))
    assert "1 replaced" in ingest(path, ledger, capsys)
    with open_ledger(str(ledger)) as db:
        assert db.db.rows("SELECT published FROM articles WHERE current = 1") == [("2024-05-02",)]


def test_version_ids(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    rel = os.path.relpath(path)
    assert canonical_path(rel) == str(path.resolve())
    assert canonical_path(f"{rel}:12") == f"{path.resolve()}:12"
    assert version_id(TEXT, Meta(path=rel)) == version_id(TEXT, Meta(path=str(path)))
    assert version_id(TEXT, Meta(path=rel)) != version_id(TEXT, Meta(path=rel, published="2024-01-01"))
    assert version_id(TEXT, Meta(url="https://x.example/1", path=rel)) != version_id(TEXT, Meta(path=rel))


def test_migration_makes_old_keys_canonical_and_retires_doubles(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT)
    monkeypatch.chdir(tmp_path)
    ledger = tmp_path / "l.db"
    ingest(folder.resolve(), ledger, capsys)
    conn = sqlite3.connect(ledger)  # make it a ledger of schema 6, holding the bug's double
    (row,) = conn.execute("SELECT * FROM articles").fetchall()
    columns = [c[1] for c in conn.execute("PRAGMA table_info(articles)")]
    double = dict(zip(columns, row), id="old-relative", key="news/a.txt", path="news/a.txt",
                  ingested_at="2000-01-01T00:00:00+00:00")
    conn.execute(f"INSERT INTO articles VALUES ({', '.join('?' * len(columns))})", [double[c] for c in columns])
    conn.execute("UPDATE articles SET key = path")
    conn.executescript("DROP TABLE report_keys; ALTER TABLE merged_events DROP COLUMN evidence; "
                       "DELETE FROM schema_version WHERE version > 6;")  # step 8's additions gone too
    conn.commit()
    conn.close()
    with open_ledger(str(ledger)) as db:
        assert db.schema_version() == VERSION == 19
        rows = db.db.rows("SELECT key, id, current FROM articles ORDER BY ingested_at")
    key = str((folder / "a.txt").resolve())
    assert [(k, c) for k, _, c in rows] == [(key, 0), (key, 1)]
    assert "1 articles already in the ledger were skipped" in ingest("news", ledger, capsys)
