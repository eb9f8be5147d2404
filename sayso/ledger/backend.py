"""The two databases a ledger lives in, behind one small interface.

SQL in sayso.ledger is written once, with `?` placeholders and `{float}` / `{id}` type words in
DDL; each backend translates. SQLite runs in WAL mode with a busy timeout, so two processes
writing one file take turns; every write happens inside `transaction()`, which for PostgreSQL
also takes an advisory lock so concurrent ingests merge one after the other.
"""
from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Sequence

from sayso.errors import LedgerError
from sayso.util import require

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 120.0
CHECKPOINT_PAGES = 10_000  # WAL pages (4 KB each: 40 MB) between checkpoints of a writer
LOCK_KEY = 7_301_955  # pg_advisory_xact_lock key: one writer at a time per database

_TYPES = {
    "sqlite": {"float": "REAL", "id": "INTEGER PRIMARY KEY", "without_rowid": " WITHOUT ROWID"},
    "postgresql": {"float": "DOUBLE PRECISION", "id": "BIGINT PRIMARY KEY", "without_rowid": ""},
}


def is_postgres_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


class Backend:
    """What the ledger needs from a database connection."""

    kind = ""
    like = "LIKE"  # the case-insensitive LIKE operator
    _search_index: Optional[bool] = None  # set by schema.search_index on first use

    def ddl(self, template: str) -> str:
        return template.format(**_TYPES[self.kind])

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return list(self.execute(sql, params).fetchall())

    def one(self, sql: str, params: Sequence[Any] = ()) -> Optional[tuple]:
        return self.execute(sql, params).fetchone()

    def tables(self) -> set[str]:
        raise NotImplementedError

    def map_pages(self, size: int) -> None:
        """Read the database file through a memory map of up to `size` bytes (SQLite only)."""

    def transaction(self):
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class SQLiteBackend(Backend):
    kind = "sqlite"
    like = "LIKE"  # case-insensitive for ASCII

    def __init__(self, path: str, read_only: bool = False):
        self.path = path
        check_sqlite_file(Path(path))
        try:
            self.conn = self._connect(path)
        except sqlite3.OperationalError:
            if not read_only:
                raise
            # A full disk (or a read-only folder) cannot take the WAL index a normal open
            # writes; a reader can still read the file as it is.
            self.conn = self._connect(f"{Path(path).resolve().as_uri()}?immutable=1", uri=True)

    def _connect(self, name: str, uri: bool = False) -> sqlite3.Connection:
        conn = sqlite3.connect(name, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                               check_same_thread=False, uri=uri)
        try:
            conn.execute("PRAGMA busy_timeout = %d" % int(BUSY_TIMEOUT_S * 1000))
            found = conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
            found.fetchall()  # reads the schema: fails here on a corrupt file
        except sqlite3.OperationalError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise LedgerError(f"{self.path}: not a readable SQLite database ({exc}); "
                              "give a sayso ledger or a new file name (the file was not changed)") from exc
        return conn

    def prepare_for_writing(self) -> None:
        """WAL lets readers read while one process writes; NORMAL sync is safe in WAL mode.
        The WAL is copied into the file (checkpointed, with a sync of each) every
        CHECKPOINT_PAGES pages rather than SQLite's 1,000: a batch of a large ledger writes about
        that many, so the default checkpointed after nearly every commit (docs/ledger.md, Safety)."""
        self._use_wal()
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA cache_size = -65536")  # 64 MB of pages: big ledgers stay fast
        self.conn.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")

    def _use_wal(self) -> None:
        """Switch to WAL once (the mode stays in the file). Another process creating or migrating
        the same ledger may hold its lock: the switch then waits, like any other write."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                (mode,) = self.conn.execute("PRAGMA journal_mode").fetchone()
                if str(mode).lower() != "wal":
                    self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def map_pages(self, size: int) -> None:
        """Pages of the file are read in place from a memory map, not copied into SQLite's cache.
        A reader whose cache is dropped at each commit of another process (WAL: a read after a
        commit starts cold) re-reads its pages at each statement; through the map that is cheap."""
        self.conn.execute(f"PRAGMA mmap_size = {int(size)}")

    def tables(self) -> set[str]:
        found = self.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
        return {name for (name,) in found}

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise LedgerError(f"{self.path}: {exc}; another process holds the ledger, try again") from exc
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:  # SQLite rolls back itself on a full disk
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


def check_sqlite_file(path: Path) -> None:
    """Refuse, without touching it, a file that is not a SQLite database."""
    if path.is_dir():
        raise LedgerError(f"{path}: is a directory; give a ledger file name such as sayso.db")
    if not path.parent.is_dir():
        raise LedgerError(f"{path}: folder {path.parent} does not exist; create it or give another path")
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as f:
        head = f.read(len(SQLITE_MAGIC))
    if head != SQLITE_MAGIC:
        raise LedgerError(f"{path}: not a SQLite database; give a sayso ledger or a new file name "
                          "(the file was not changed)")


class PostgresBackend(Backend):
    kind = "postgresql"
    like = "ILIKE"

    def __init__(self, url: str):
        psycopg = require("psycopg", "postgres")
        self.url = url
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            first = next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
            raise LedgerError(f"cannot connect to {redact(url)}: {first}; check that the server "
                              "is running and the URL is right") from exc

    def prepare_for_writing(self) -> None:
        pass

    @staticmethod
    def sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self.sql(sql), params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(self.sql(sql), rows)

    def tables(self) -> set[str]:
        found = self.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
        return {name for (name,) in found}

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.conn.transaction():
            self.execute("SELECT pg_advisory_xact_lock(?)", (LOCK_KEY,))
            yield

    def close(self) -> None:
        self.conn.close()


def redact(url: str) -> str:
    """A URL fit for a message: the password hidden."""
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, cred = head.partition("//")
    return f"{scheme}//{cred.split(':', 1)[0]}:***@{tail}"


def connect(target: str, read_only: bool = False) -> Backend:
    return PostgresBackend(target) if is_postgres_url(target) else SQLiteBackend(target, read_only)
