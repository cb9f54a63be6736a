"""SQLite access: one connection, WAL, numbered migrations with a copy-aside backup.

All writes go through one `Database` object and its lock, so the GUI's worker threads and the CLI
share the same rules. Schema changes are numbered scripts in `migrations.py`; `PRAGMA user_version`
records the last one applied. Before an existing database is migrated it is copied aside (SQLite's
online backup API, so a half-written WAL is included) into `backups/`.

The database is input like any file: it may be damaged, locked by another program, on a full disk or
in a read-only folder. Each of these is a `DatabaseError` with one sentence (never a traceback). A
file that is not a database at all is moved aside into `backups/` and a new one is started; damage
found later is marked, and the next open does the same.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from studio.errors import StudioError
from studio.storage.disk import free_bytes
from studio.storage.migrations import MIGRATIONS

log = logging.getLogger(__name__)

#: seconds a write waits for another process's lock before it gives up with a sentence
BUSY_TIMEOUT = 10.0
#: SQLite's primary result codes that are about the file or the disk, not about our SQL
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_DAMAGED_MARK = ".damaged"


class DatabaseError(StudioError):
    """The local database cannot be opened or written (disk full, locked, damaged, read-only, newer version)."""


def _sentence(exc: sqlite3.Error, path: Path | None) -> str | None:
    """The user's sentence for an error of the file or the disk; None for anything else (a bug)."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    where = str(path) if path else "memory"
    if code in (_BUSY, _LOCKED):
        return (f"The database at {where} is locked by another program (waited {BUSY_TIMEOUT:.0f} s); close "
                "other copies of Relay Studio and try again.")
    if code == _FULL:
        folder = path.parent if path else Path(".")
        return f"The disk holding the data folder {folder} is full: {free_bytes(folder) / 2**20:.0f} MB free."
    if code in (_READONLY, _CANTOPEN):
        folder = path.parent if path else Path(".")
        return (f"The data folder {folder} cannot be written; Relay Studio needs to write there "
                "(or set STUDIO_HOME to another folder).")
    if code in (_CORRUPT, _NOTADB):
        if path is not None:
            _mark_damaged(path)
        return (f"The database at {where} is damaged; the next start of Relay Studio copies it aside and "
                "starts a new one.")
    if code == _IOERR:
        return f"The database at {where} could not be read or written (a disk error)."
    return None


def _known(exc: sqlite3.Error, path: Path | None) -> BaseException:
    """`DatabaseError` for errors of the file or disk; the original error (a bug) otherwise."""
    sentence = _sentence(exc, path)
    return DatabaseError(sentence) if sentence else exc


def json_object(text: str | None) -> dict[str, Any]:
    """A JSON object column read as input: `ValueError`/`TypeError` when it is not one (callers quarantine
    the row)."""
    value = json.loads(text or "{}")
    if not isinstance(value, dict):
        raise TypeError("an object was expected")
    return value


def _mark_damaged(path: Path) -> None:
    try:
        path.with_name(path.name + _DAMAGED_MARK).touch()
    except OSError:
        pass


class Database:
    """A thread-safe wrapper around one SQLite connection."""

    def __init__(self, path: Path | str, *, backup_dir: Path | None = None) -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        #: where a damaged database found at open was moved (the caller tells the user), else None
        self.replaced: Path | None = None
        self._lock = threading.RLock()
        backups = backup_dir or (self.path.parent / "backups" if self.path else None)
        try:
            self._open(str(path))
            if self.path is not None and self._mark.exists() and not self._repaired():
                raise DatabaseError("damaged")
        except DatabaseError:
            if self.path is None or not (self._damaged_at_open or self._mark.exists()):
                raise
            self._conn.close()
            self.replaced = self._move_aside(backups)
            self._open(str(path))
        self._migrate(backup_dir)

    @property
    def _mark(self) -> Path:
        """The file a process leaves beside a database it found damaged, for the next open to repair."""
        assert self.path is not None
        return self.path.with_name(self.path.name + _DAMAGED_MARK)

    def _repaired(self) -> bool:
        """Whether a database marked damaged is sound, or could be made sound by rebuilding its indexes
        (damage found in an index or a search index does not cost the jobs and the library)."""
        try:
            if self._sound():
                self._mark.unlink(missing_ok=True)
                return True
            self._conn.execute("REINDEX")
            for (name,) in self._conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"):
                self._conn.execute(f"INSERT INTO {name}({name}) VALUES ('rebuild')")
            if self._sound():
                log.warning("damaged indexes of %s were rebuilt", self.path)
                self._mark.unlink(missing_ok=True)
                return True
        except sqlite3.Error:
            pass
        return False

    def _sound(self) -> bool:
        return bool(self._conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")

    def _open(self, path: str) -> None:
        self._damaged_at_open = False
        try:
            self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT)
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
            if self.path is not None:
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads the schema: damage shows
        except sqlite3.Error as exc:
            code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
            self._damaged_at_open = code in (_CORRUPT, _NOTADB)
            if self._damaged_at_open:
                raise DatabaseError("damaged") from exc
            raise DatabaseError(_sentence(exc, self.path) or f"Cannot open the database at {path}: {exc}.") from None

    def _move_aside(self, backups: Path | None) -> Path:
        """Move a damaged database (and its WAL files) into `backups/`, so a new one can start."""
        assert self.path is not None
        folder = backups or self.path.parent
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = folder / f"{self.path.stem}-damaged-{stamp}{self.path.suffix}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if self.path.exists():
                os.replace(self.path, target)
            for suffix in ("-wal", "-shm", _DAMAGED_MARK):
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    if suffix == _DAMAGED_MARK:
                        side.unlink()
                    else:
                        os.replace(side, target.with_name(target.name + suffix))
        except OSError as exc:
            raise DatabaseError(f"The database at {self.path} is damaged and could not be moved aside "
                                f"({exc.strerror or exc}); move it away by hand.") from None
        log.warning("damaged database moved aside to %s", target)
        return target

    # -- queries ---------------------------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        with self._lock, self._translated():
            return self._conn.execute(sql, params)

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with self._lock, self._translated():
            return self._conn.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Row | None:
        with self._lock, self._translated():
            row: sqlite3.Row | None = self._conn.execute(sql, params).fetchone()
            return row

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block of statements atomically (BEGIN IMMEDIATE … COMMIT / ROLLBACK)."""
        with self._lock, self._translated():
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:  # also after a COMMIT that failed (a full disk)
                    with suppress(sqlite3.Error):
                        self._conn.execute("ROLLBACK")
                raise

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """Errors of the file or the disk become `DatabaseError` sentences; bugs in our SQL stay bugs."""
        try:
            yield
        except sqlite3.Error as exc:
            known = _known(exc, self.path)
            if known is exc:
                raise
            raise known from exc

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        """The first column of the first row (`count(*)`, a pragma); None when there is no row."""
        row = self.query_one(sql, params)
        return None if row is None else row[0]

    @property
    def schema_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

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
                    sentence = _sentence(exc, self.path) or f"Updating the database to schema {number} failed: {exc}."
                    raise DatabaseError(sentence) from exc

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
