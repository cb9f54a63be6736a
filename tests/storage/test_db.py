"""SQLite: WAL, numbered migrations, copy-aside backup before migrating an existing database."""

import sqlite3
from pathlib import Path

import pytest

from studio.storage import db as dbmod
from studio.storage.db import Database, DatabaseError
from studio.storage.migrations import MIGRATIONS


def test_new_database_is_wal_at_latest_schema_without_backup(tmp_path: Path) -> None:
    db = Database(tmp_path / "s.sqlite3", backup_dir=tmp_path / "backups")
    assert db.schema_version == len(MIGRATIONS)
    assert db.query_one("PRAGMA journal_mode")[0] == "wal"
    assert not (tmp_path / "backups").exists()
    db.close()


def test_existing_database_is_copied_aside_before_migrating(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.sqlite3"
    db = Database(path, backup_dir=tmp_path / "backups")
    db.execute("INSERT INTO settings(key, value) VALUES ('kept', '1')")
    db.close()
    monkeypatch.setattr(dbmod, "MIGRATIONS", (*MIGRATIONS, "CREATE TABLE extra (x INTEGER);"))
    db = Database(path, backup_dir=tmp_path / "backups")
    assert db.schema_version == len(MIGRATIONS) + 1
    backups = list((tmp_path / "backups").glob("*.sqlite3"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert old.execute("SELECT value FROM settings WHERE key='kept'").fetchone() == ("1",)
    old.close()
    db.close()


def test_failed_migration_rolls_back_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.sqlite3"
    Database(path).close()
    monkeypatch.setattr(dbmod, "MIGRATIONS", (*MIGRATIONS, "CREATE TABLE ok (x); THIS IS NOT SQL;"))
    with pytest.raises(DatabaseError, match="schema"):
        Database(path)
    monkeypatch.setattr(dbmod, "MIGRATIONS", MIGRATIONS)
    db = Database(path)
    assert db.schema_version == len(MIGRATIONS)
    assert db.query_one("SELECT name FROM sqlite_master WHERE name = 'ok'") is None
    db.close()


def test_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(DatabaseError, match="newer Relay Studio"):
        Database(path)


def test_a_damage_mark_on_a_sound_database_is_cleared_not_acted_on(tmp_path: Path) -> None:
    path = tmp_path / "studio.sqlite3"
    db = Database(path)
    db.execute("INSERT INTO settings(key, value) VALUES ('kept', '1')")
    db.close()
    path.with_name(path.name + ".damaged").touch()  # another process saw an error it took for damage
    reopened = Database(path)
    assert reopened.replaced is None and reopened.query_one("SELECT value FROM settings WHERE key = 'kept'")
    assert not path.with_name(path.name + ".damaged").exists()
    reopened.close()
