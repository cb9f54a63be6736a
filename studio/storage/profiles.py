"""Profiles (a relay's base URL + where its key lives) and the capability routing table.

A profile row never holds a key: `key_source` is `keyring` (the key is in the OS keyring under the
profile's name) or `env` (the key is in the environment variable named by `key_env`). Nor the values
of its custom headers, which are credentials too (`x-api-key: …`): they are in the keyring (see
`SecretStore.store_headers`) and the `headers` column holds only their names, a JSON list.

Versions before that kept a JSON object of names and values in that column. `legacy_headers` finds
such rows and `keep_only_header_names` rewrites one, overwriting the old bytes in the file;
`ProfileService` moves the values to the keyring when it starts (see there).
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from studio.storage.db import Database


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    base_url: str
    key_source: str  # "keyring" | "env"
    key_env: str | None = None
    proxy: str | None = None
    #: names of the profile's custom request headers; their values are in the keyring
    header_names: tuple[str, ...] = ()
    is_default: bool = False

    def describe_key_source(self) -> str:
        return f"env:{self.key_env}" if self.key_source == "env" else "keyring"

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

    def list(self) -> list[Profile]:
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
        """Profiles whose row still holds header values (an object), as an older version wrote them."""
        rows = self._db.query("SELECT name, headers FROM profiles WHERE headers LIKE '{%'")
        legacy = {r["name"]: _loads(r["headers"]) for r in rows}
        return {name: {str(k): str(v) for k, v in h.items()} for name, h in legacy.items() if isinstance(h, dict)}

    def keep_only_header_names(self, name: str) -> None:
        """Rewrite a legacy row's headers as names only, so the values are gone from the file too:
        `secure_delete` zeroes the old bytes, a checkpoint writes the page home and empties the WAL."""
        row = self._db.query_one("SELECT headers FROM profiles WHERE name = ?", (name,))
        if row is None:
            return
        previous = self._db.query_one("PRAGMA secure_delete")[0]
        self._db.execute("PRAGMA secure_delete = ON")
        try:
            self._db.execute("UPDATE profiles SET headers = ? WHERE name = ?",
                             (json.dumps(list(_header_names(row["headers"]))), name))
        finally:
            self._db.execute(f"PRAGMA secure_delete = {int(previous)}")
        self._db.query("PRAGMA wal_checkpoint(TRUNCATE)")

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


def _header_names(raw: str | None) -> tuple[str, ...]:
    """Names from the `headers` column: a list of names, or a legacy object of names and values."""
    loaded = _loads(raw)
    return tuple(str(name) for name in loaded) if isinstance(loaded, (list, dict)) else ()
