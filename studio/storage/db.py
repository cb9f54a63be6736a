"""SQLite access: one connection, WAL, numbered migrations with a copy-aside backup.

All writes go through one `Database` object and its lock, so the GUI's worker threads and the CLI
share the same rules. Schema changes are numbered scripts in `migrations.py`; `PRAGMA user_version`
records the last one applied. Before an existing database is migrated it is copied aside (SQLite's
online backup API, so a half-written WAL is included) into `backups/`.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from studio.errors import StudioError
from studio.storage.migrations import MIGRATIONS


class DatabaseError(StudioError):
    """The local database cannot be opened or written (disk full, locked, newer version)."""


class Database:
    """A thread-safe wrapper around one SQLite connection."""

    def __init__(self, path: Path | str, *, backup_dir: Path | None = None) -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        self._lock = threading.RLock()
        try:
            self._conn = sqlite3.connect(
                str(path), check_same_thread=False, isolation_level=None, timeout=10.0
            )
        except sqlite3.Error as exc:
            raise DatabaseError(f"Cannot open the database at {path}: {exc}.") from exc
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.execute("PRAGMA busy_timeout = 10000")
        if self.path is not None:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
        self._migrate(backup_dir)

    # -- queries ---------------------------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        with self._lock:
            return self._conn.execute(sql, params)

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Row | None:
        with self._lock:
            return self._conn.execute(sql, params).fetchone()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block of statements atomically (BEGIN IMMEDIATE … COMMIT / ROLLBACK)."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @property
    def schema_version(self) -> int:
        return int(self.query_one("PRAGMA user_version")[0])

    # -- migrations ------------------------------------------------------------------------------

    def _migrate(self, backup_dir: Path | None) -> None:
        current = self.schema_version
        latest = len(MIGRATIONS)
        if current > latest:
            raise DatabaseError(
                f"The database at {self.path} was written by a newer Relay Studio "
                f"(schema {current}, this version knows {latest}); please update the app."
            )
        if current == latest:
            return
        if current > 0 and self.path is not None:
            self._backup(backup_dir or self.path.parent / "backups", current)
        for number in range(current + 1, latest + 1):
            script = MIGRATIONS[number - 1]
            with self._lock:
                try:
                    self._conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
                except sqlite3.Error as exc:
                    if self._conn.in_transaction:
                        self._conn.execute("ROLLBACK")
                    raise DatabaseError(f"Updating the database to schema {number} failed: {exc}.") from exc

    def _backup(self, backup_dir: Path, version: int) -> Path:
        backup_dir.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = backup_dir / f"studio-v{version}-{stamp}.sqlite3"
        dest = sqlite3.connect(str(target))
        try:
            with self._lock:
                self._conn.backup(dest)
        finally:
            dest.close()
        return target
