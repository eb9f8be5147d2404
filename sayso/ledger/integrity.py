"""A ledger's health, and what to say when a database fails in a way the user can act on.

- `check_intact`: `PRAGMA quick_check` before the first write of a run, so a damaged ledger
  (pages overwritten by a crash of the disk, a bad copy) is refused before anything is added
  to it, untouched.
- `is_disk_full`: a write failed because the disk (or the database's quota) is full.
- `one_line`: a driver's message as one line (psycopg adds hints on lines of their own).
- `remove_new`: a ledger file this run created and could not finish is removed, with its
  journal files, so a failure leaves nothing behind.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from sayso.errors import LedgerError

SIDE_FILES = ("-wal", "-shm", "-journal")


class DiskFullError(LedgerError):
    """The disk (or the database's quota) is full: nothing more can be stored."""


def check_intact(db, where: str) -> None:
    """LedgerError when SQLite's quick check finds the ledger damaged (PostgreSQL: nothing)."""
    if getattr(db, "kind", "") != "sqlite":
        return
    try:
        found = [row[0] for row in db.rows("PRAGMA quick_check(5)")]
    except sqlite3.DatabaseError as exc:
        found = [str(exc)]
    if found != ["ok"]:
        raise LedgerError(
            f"{where}: the ledger is damaged ({one_line(found[0])}); it was not changed. Restore it "
            f"from a backup, or save what is readable with: sqlite3 {where} .recover | sqlite3 recovered.db")


def is_disk_full(exc: BaseException) -> bool:
    text = str(exc).lower()
    if "disk is full" in text or "no space left" in text or "database or disk is full" in text:
        return True
    return type(exc).__name__ in ("DiskFull", "DiskFullError")


def one_line(message: object) -> str:
    """The first line of a message, stripped."""
    lines = [line.strip() for line in str(message).strip().splitlines() if line.strip()]
    return lines[0] if lines else ""


def remove_new(path: Path) -> None:
    """Remove a ledger file created by this run, and its journal files, unless another
    process has made it a ledger meanwhile."""
    if path.exists() and _is_ledger(path):
        return
    for suffix in ("",) + SIDE_FILES:
        Path(str(path) + suffix).unlink(missing_ok=True)


def _is_ledger(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return bool(conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'ledger_info'").fetchone())
        finally:
            conn.close()
    except sqlite3.Error:
        return False
