"""Profiles (a relay's base URL + where its key lives) and the capability routing table.

A profile row never holds a key: `key_source` is `keyring` (the key is in the OS keyring under the
profile's name), `env` (the key is in the environment variable named by `key_env`), `memory` (the key
was kept in the memory of the process that added it, until it quit) or `file` (the key is in the
data folder's encrypted key file, see `studio.storage.secrets.EncryptedKeyFile`). Nor the values
of its custom headers, which are credentials too (`x-api-key: …`): they are in the keyring (see
`SecretStore.store_headers`) and the `headers` column holds only their names, a JSON list.

Versions before that kept a JSON object of names and values in that column. `legacy_headers` finds
such rows and `keep_only_header_names` rewrites them, overwriting the old bytes in the file;
`ProfileService` moves the values to the keyring when it starts (see there). The copies an upgrade
made in `backups/` hold the same values: `scrub_backups` rewrites those too.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studio.storage.db import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    base_url: str
    key_source: str  # "keyring" | "env" | "memory" | "file"
    key_env: str | None = None
    proxy: str | None = None
    #: names of the profile's custom request headers; their values are in the keyring
    header_names: tuple[str, ...] = ()
    is_default: bool = False

    def describe_key_source(self) -> str:
        return f"env:{self.key_env}" if self.key_source == "env" else self.key_source

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "base_url": self.base_url,
            "key_source": self.describe_key_source(),
            "default": self.is_default,
            "proxy": self.proxy,
            "headers": list(self.header_names),
        }


@dataclass(frozen=True, slots=True)
class RouteRow:
    capability: str
    profile: str | None
    model: str | None


class ProfileStore:
    """CRUD over the `profiles` and `routes` tables."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def folder(self) -> Path | None:
        """The data folder the database is in (None for an in-memory database)."""
        return self._db.path.parent if self._db.path is not None else None

    def all(self) -> list[Profile]:
        rows = self._db.query("SELECT * FROM profiles ORDER BY created_at, name")
        return [_profile(r) for r in rows]

    def get(self, name: str) -> Profile | None:
        row = self._db.query_one("SELECT * FROM profiles WHERE name = ?", (name,))
        return _profile(row) if row else None

    def default(self) -> Profile | None:
        row = self._db.query_one("SELECT * FROM profiles WHERE is_default = 1")
        return _profile(row) if row else None

    def upsert(self, profile: Profile) -> Profile:
        """Insert or update; the first profile ever stored becomes the default."""
        with self._db.transaction() as conn:
            count = conn.execute("SELECT COUNT(*) FROM profiles WHERE name != ?", (profile.name,)).fetchone()[0]
            existing = conn.execute("SELECT is_default FROM profiles WHERE name = ?", (profile.name,)).fetchone()
            make_default = profile.is_default or count == 0 or bool(existing and existing[0])
            if make_default:
                conn.execute("UPDATE profiles SET is_default = 0 WHERE name != ?", (profile.name,))
            conn.execute(
                "INSERT INTO profiles(name, base_url, key_source, key_env, proxy, headers, is_default, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(name) DO UPDATE SET base_url = excluded.base_url,"
                " key_source = excluded.key_source, key_env = excluded.key_env, proxy = excluded.proxy,"
                " headers = excluded.headers, is_default = excluded.is_default",
                (profile.name, profile.base_url, profile.key_source, profile.key_env, profile.proxy,
                 json.dumps(list(profile.header_names)), int(make_default), time.time()),
            )
        stored = self.get(profile.name)
        assert stored is not None
        return stored

    def remove(self, name: str) -> bool:
        """Delete a profile; if it was the default, the oldest remaining one becomes default."""
        with self._db.transaction() as conn:
            row = conn.execute("SELECT is_default FROM profiles WHERE name = ?", (name,)).fetchone()
            if row is None:
                return False
            conn.execute("DELETE FROM profiles WHERE name = ?", (name,))
            if row[0]:
                conn.execute(
                    "UPDATE profiles SET is_default = 1 WHERE name = "
                    "(SELECT name FROM profiles ORDER BY created_at, name LIMIT 1)"
                )
        return True

    def set_default(self, name: str) -> bool:
        with self._db.transaction() as conn:
            if conn.execute("SELECT 1 FROM profiles WHERE name = ?", (name,)).fetchone() is None:
                return False
            conn.execute("UPDATE profiles SET is_default = (name = ?)", (name,))
        return True

    def legacy_headers(self) -> dict[str, dict[str, str]]:
        """Profiles whose row still holds header values (a non-empty object), as an older version wrote
        them. One query and no keyring: a database that holds none costs nothing more at open."""
        rows = self._db.query("SELECT name, headers FROM profiles WHERE headers LIKE '{%' AND headers != '{}'")
        return {r["name"]: values for r in rows if (values := _legacy_values(r["headers"]))}

    def keep_only_header_names(self, names: Iterable[str]) -> None:
        """Rewrite these legacy rows' headers as names only, so the values are gone from the file too:
        `secure_delete` zeroes the old bytes, one checkpoint (for all of them) writes the pages home
        and empties the WAL."""
        names = list(names)
        if not names:
            return
        previous = self._db.scalar("PRAGMA secure_delete")
        self._db.execute("PRAGMA secure_delete = ON")
        try:
            with self._db.transaction() as conn:
                for name in names:
                    row = conn.execute("SELECT headers FROM profiles WHERE name = ?", (name,)).fetchone()
                    if row is not None:
                        conn.execute("UPDATE profiles SET headers = ? WHERE name = ?",
                                     (json.dumps(list(_header_names(row["headers"]))), name))
        finally:
            self._db.execute(f"PRAGMA secure_delete = {int(previous)}")
        self._db.query("PRAGMA wal_checkpoint(TRUNCATE)")

    def scrub_backups(self) -> None:
        """Rewrite the header values out of every database copy in the data folder's `backups/` (the
        copy an upgrade made before the values could move holds them). See `scrub_backup_folder`."""
        if self._db.path is not None:
            scrub_backup_folder(self._db.path.parent / "backups")

    # -- routes ----------------------------------------------------------------------------------

    def routes(self) -> dict[str, RouteRow]:
        rows = self._db.query("SELECT capability, profile, model FROM routes")
        return {r["capability"]: RouteRow(r["capability"], r["profile"], r["model"]) for r in rows}

    def route(self, capability: str) -> RouteRow | None:
        return self.routes().get(capability)

    def set_route(self, capability: str, profile: str | None, model: str | None) -> None:
        self._db.execute(
            "INSERT INTO routes(capability, profile, model) VALUES (?, ?, ?)"
            " ON CONFLICT(capability) DO UPDATE SET profile = excluded.profile, model = excluded.model",
            (capability, profile, model),
        )

    def clear_route(self, capability: str) -> None:
        self._db.execute("DELETE FROM routes WHERE capability = ?", (capability,))


#: seconds to wait for a backup another program holds locked before it is left as it is
_BACKUP_BUSY_TIMEOUT = 2.0


def scrub_backup_folder(folder: Path) -> None:
    """Leave only header names in the `profiles` table of every `*.sqlite3` under `folder` (recursively),
    overwriting the old bytes (`secure_delete`) and compacting the file (`VACUUM`), so no free page
    keeps a value. Files that are no database or have no profiles table are left alone; a file that
    cannot be read or written is one warning: a backup never stops the app from starting."""
    try:
        if not folder.is_dir():
            return
        files = sorted(p for p in folder.rglob("*.sqlite3") if p.is_file())
    except OSError as exc:
        log.warning("The backups folder %s could not be searched for custom header values (%s).",
                    folder, exc.strerror or exc)
        return
    for path in files:
        try:
            _scrub_backup(path)
        except Exception as exc:  # a damaged, locked or foreign file: say so, carry on
            log.warning("The backup %s could not be cleaned of custom header values (%s); "
                        "delete it if you do not need it.", path, _reason(exc))


def _scrub_backup(path: Path) -> None:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True, isolation_level=None,
                           timeout=_BACKUP_BUSY_TIMEOUT)
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'profiles'").fetchone() is None:
            return
        rows = conn.execute("SELECT name, headers FROM profiles WHERE headers LIKE '{%' AND headers != '{}'")
        rewrites = [(json.dumps(list(_header_names(headers))), name) for name, headers in rows.fetchall()
                    if _legacy_values(headers)]
        if not rewrites:
            return
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany("UPDATE profiles SET headers = ? WHERE name = ?", rewrites)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # a copy in WAL mode: nothing left beside it
    finally:
        conn.close()


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return str(exc.strerror or exc)
    return str(exc) if isinstance(exc, sqlite3.Error) else type(exc).__name__


def _profile(r: sqlite3.Row) -> Profile:
    return Profile(
        name=r["name"],
        base_url=r["base_url"],
        key_source=r["key_source"],
        key_env=r["key_env"],
        proxy=r["proxy"],
        header_names=_header_names(r["headers"]),
        is_default=bool(r["is_default"]),
    )


def _loads(raw: str | None) -> Any:
    try:
        return json.loads(raw or "[]")
    except ValueError:
        return []


def _legacy_values(raw: str | None) -> dict[str, str]:
    """The header values an older version kept in the `headers` column; {} for names only or none."""
    loaded = _loads(raw)
    return {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}


def _header_names(raw: str | None) -> tuple[str, ...]:
    """Names from the `headers` column: a list of names, or a legacy object of names and values."""
    loaded = _loads(raw)
    return tuple(str(name) for name in loaded) if isinstance(loaded, (list, dict)) else ()
