"""Custom header values of a profile are secrets: kept in the keyring, never in the database."""

from __future__ import annotations

import asyncio
import json
import logging
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from keyring.backends import null

from studio.services.core import StudioCore
from studio.storage.migrations import MIGRATIONS
from studio.storage.paths import DataPaths
from studio.storage.secrets import KEYRING_SERVICE, Redactor, SecretStore, SecretUnavailable
from tests.conftest import KEY
from tests.relay import RelayServer
from tests.support.keyrings import MemoryKeyring

HEADER_SECRET = "hdr-0123456789-secret-value"


def data_bytes(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())


def test_header_values_live_in_the_keyring_and_only_names_in_the_database(
    core: StudioCore, memory_keyring: MemoryKeyring, studio_home: Path, relay: RelayServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RELAY_KEY", KEY)
    profile = core.profiles.add("h", relay.url, key_env="RELAY_KEY", headers={"X-Relay-Token": HEADER_SECRET})
    assert profile.header_names == ("X-Relay-Token",) and profile.as_json()["headers"] == ["X-Relay-Token"]
    assert json.loads(memory_keyring.entries[(KEYRING_SERVICE, "h#headers")]) == {"X-Relay-Token": HEADER_SECRET}
    row = core.db.query_one("SELECT headers FROM profiles WHERE name = 'h'")
    assert HEADER_SECRET not in row["headers"]
    assert HEADER_SECRET.encode() not in data_bytes(studio_home)

    # the client still sends it, and the value is scrubbed from messages once read
    client = core.clients.client_for(core.profiles.get("h"))
    asyncio.run(client.models.list())
    assert relay.requests[-1].headers["x-relay-token"] == HEADER_SECRET
    assert HEADER_SECRET not in core.redactor.redact(f"relay said: {HEADER_SECRET}")

    # adding it again without headers drops the values; removing the profile drops the entry
    assert core.profiles.add("h", relay.url, key_env="RELAY_KEY").header_names == ()
    assert memory_keyring.entries == {}
    core.profiles.add("h", relay.url, key_env="RELAY_KEY", headers={"X-Relay-Token": HEADER_SECRET})
    core.profiles.remove("h")
    assert memory_keyring.entries == {}


def test_without_a_usable_keyring_a_header_is_refused_in_one_sentence(
    studio_home: Path, relay: RelayServer
) -> None:
    import keyring

    previous = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())  # the null backend would silently drop the values
    core = StudioCore.open(DataPaths(studio_home), secrets=SecretStore(Redactor()))
    try:
        try:
            with pytest.raises(SecretUnavailable) as err:
                core.profiles.add("h", relay.url, key_env="RELAY_KEY", headers={"x-api-key": HEADER_SECRET})
            assert core.profiles.add("plain", relay.url, key_env="RELAY_KEY").header_names == ()
        finally:
            keyring.set_keyring(previous)
        sentence = str(err.value)
        assert "keyring" in sentence and "header" in sentence and sentence.count(".") == 1
        assert HEADER_SECRET not in sentence
        assert [p.name for p in core.profiles.all()] == ["plain"]
        assert HEADER_SECRET.encode() not in data_bytes(studio_home)
    finally:
        core.db.close()


def _legacy_row(core: StudioCore, name: str, headers: dict[str, str], *, default: bool = True) -> None:
    core.db.execute(
        "INSERT INTO profiles(name, base_url, key_source, key_env, proxy, headers, is_default, created_at)"
        " VALUES (?, 'http://127.0.0.1:1', 'env', 'RELAY_KEY', NULL, ?, ?, ?)",
        (name, json.dumps(headers), int(default), time.time()),
    )


def test_header_values_an_older_version_stored_move_to_the_keyring_at_open(
    studio_home: Path, memory_keyring: MemoryKeyring
) -> None:
    old = StudioCore.open(DataPaths(studio_home), secrets=SecretStore(Redactor(), memory_keyring))
    _legacy_row(old, "legacy", {"x-api-key": HEADER_SECRET})
    old.db.close()

    core = StudioCore.open(DataPaths(studio_home), secrets=SecretStore(Redactor(), memory_keyring))
    try:
        profile = core.profiles.get("legacy")
        assert profile.header_names == ("x-api-key",)
        assert core.profiles.custom_headers(profile) == {"x-api-key": HEADER_SECRET}
        assert json.loads(memory_keyring.entries[(KEYRING_SERVICE, "legacy#headers")]) == {
            "x-api-key": HEADER_SECRET}
        assert HEADER_SECRET not in core.db.query_one("SELECT headers FROM profiles")["headers"]
    finally:
        core.db.close()
    assert HEADER_SECRET.encode() not in b"".join(
        p.read_bytes() for p in studio_home.glob("*.sqlite3*") if p.is_file())


def test_without_a_keyring_older_header_values_stay_and_are_warned_about_once(
    studio_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    old = StudioCore.open(DataPaths(studio_home), secrets=SecretStore(Redactor(), MemoryKeyring()))
    _legacy_row(old, "legacy", {"x-api-key": HEADER_SECRET, "X-Region": "east"})
    _legacy_row(old, "legacy2", {"x-other": HEADER_SECRET + "2"}, default=False)
    old.db.close()

    import keyring

    previous = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())
    caplog.set_level(logging.WARNING, logger="studio")
    core = StudioCore.open(DataPaths(studio_home), secrets=SecretStore(Redactor()))
    try:
        profile = core.profiles.get("legacy")
        assert core.profiles.custom_headers(profile) == {"x-api-key": HEADER_SECRET, "X-Region": "east"}
        assert HEADER_SECRET not in core.redactor.redact(HEADER_SECRET)
        assert core.redactor.redact("north-east region") == "north-east region"  # not a credential
    finally:
        core.db.close()
        keyring.set_keyring(previous)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and HEADER_SECRET not in warnings[0].getMessage()


def test_a_pooled_client_scrubs_what_the_apps_redactor_scrubs(
    core: StudioCore, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = "relay-pooled-0123456789abcdef"
    monkeypatch.setenv("POOL_KEY", key)
    core.profiles.add("p", "http://127.0.0.1:1", key_env="POOL_KEY")
    client = core.clients.client_for(core.profiles.get("p"))
    out = client.redact("Incorrect API key provided: relay-pooled-0123456... (a relay's error message)")
    assert "relay-pooled-01" not in out and out.startswith("Incorrect API key provided: ***")


class RecordingKeyring(MemoryKeyring):
    """A keyring that notes every call made to it: (operation, entry)."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, str]] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append(("get", username))
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append(("set", username))
        super().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        self.calls.append(("delete", username))
        super().delete_password(service, username)


def _schema_v3_database(path: Path, headers: dict[str, str]) -> None:
    """A database as version 3 of the schema left it, whose one profile holds its header values."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    try:
        for script in MIGRATIONS[:3]:
            conn.executescript(script)
        conn.execute(
            "INSERT INTO profiles(name, base_url, key_source, key_env, proxy, headers, is_default, created_at)"
            " VALUES ('legacy', 'http://127.0.0.1:1', 'env', 'RELAY_KEY', NULL, ?, 1, 0)",
            (json.dumps(headers),),
        )
        conn.execute("PRAGMA user_version = 3")
        conn.commit()
    finally:
        conn.close()


def test_the_backup_an_upgrade_makes_keeps_no_header_values(
    studio_home: Path, memory_keyring: MemoryKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    _schema_v3_database(studio_home / "studio.sqlite3", {"x-api-key": HEADER_SECRET, "X-Region": "east"})
    older = studio_home / "backups" / "by-hand" / "studio-copy.sqlite3"  # a copy of its own, one folder down
    older.parent.mkdir(parents=True)
    shutil.copyfile(studio_home / "studio.sqlite3", older)
    (studio_home / "backups" / "notes.sqlite3").write_bytes(b"not a database at all" * 100)
    assert HEADER_SECRET.encode() in data_bytes(studio_home)

    caplog.set_level(logging.WARNING, logger="studio")
    core = StudioCore.open(DataPaths(studio_home), secrets=SecretStore(Redactor(), memory_keyring))
    try:
        assert core.db.schema_version == len(MIGRATIONS) > 3
        [backup] = (studio_home / "backups").glob("studio-v3-*.sqlite3")
        profile = core.profiles.get("legacy")
        assert core.profiles.custom_headers(profile) == {"x-api-key": HEADER_SECRET, "X-Region": "east"}
        leaks = [p for p in studio_home.rglob("*") if p.is_file() and HEADER_SECRET.encode() in p.read_bytes()]
        assert leaks == []
    finally:
        core.db.close()
    assert [p for p in studio_home.rglob("*") if p.is_file() and HEADER_SECRET.encode() in p.read_bytes()] == []
    for copy in (backup, older):  # still databases, their profile still there, with its header names
        conn = sqlite3.connect(copy)
        try:
            assert conn.execute("SELECT name, headers FROM profiles").fetchall() == [
                ("legacy", json.dumps(["x-api-key", "X-Region"]))]
        finally:
            conn.close()
    # the file that is no database was left alone, and said so; nothing else was warned about
    assert (studio_home / "backups" / "notes.sqlite3").read_bytes() == b"not a database at all" * 100
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "notes.sqlite3" in warnings[0] and HEADER_SECRET not in warnings[0]


def test_only_header_values_that_look_like_credentials_are_masked(
    core: StudioCore, memory_keyring: MemoryKeyring, studio_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELAY_KEY", KEY)
    headers = {"X-Region": "east", "Accept": "application/json", "x-api-key": HEADER_SECRET,
               "X-Session-Token": "tok1", "X-Trace-Id": "0123456789abcdef"}
    core.profiles.add("h", "http://127.0.0.1:1", key_env="RELAY_KEY", headers=headers)
    assert json.loads(memory_keyring.entries[(KEYRING_SERVICE, "h#headers")]) == headers  # all kept

    again = StudioCore.open(DataPaths(studio_home), secrets=SecretStore(Redactor(), memory_keyring))
    try:
        assert again.profiles.custom_headers(again.profiles.get("h")) == headers
        for redactor in (core.redactor, again.redactor):  # values stored, and values read back
            plain = "north-east region, application/json please"
            assert redactor.redact(plain) == plain
            assert redactor.redact(f"relay said {HEADER_SECRET}") == "relay said ***"
            assert redactor.redact("session tok1, trace 0123456789abcdef") == "session ***, trace ***"
    finally:
        again.db.close()


def test_opening_a_database_without_legacy_header_values_touches_neither_keyring_nor_file(
    studio_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring = RecordingKeyring()
    monkeypatch.setenv("RELAY_KEY", KEY)
    old = StudioCore.open(DataPaths(studio_home), secrets=SecretStore(Redactor(), keyring))
    old.profiles.add("names", "http://127.0.0.1:1", key_env="RELAY_KEY", headers={"x-api-key": HEADER_SECRET})
    old.profiles.add("none", "http://127.0.0.1:1", key_env="RELAY_KEY")
    _legacy_row(old, "empty", {}, default=False)  # an older version's row that had no headers
    old.db.close()
    keyring.calls.clear()

    core = StudioCore.open(DataPaths(studio_home), secrets=SecretStore(Redactor(), keyring))
    statements: list[str] = []
    core.db._conn.set_trace_callback(statements.append)
    try:
        assert [p.name for p in core.profiles.all()] == ["names", "none", "empty"]
        assert keyring.calls == []
        writes = [s for s in statements if s.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE", "PRAGMA"))]
        assert writes == []
    finally:
        core.db.close()


def test_the_values_of_several_older_profiles_move_with_one_checkpoint(studio_home: Path) -> None:
    keyring = RecordingKeyring()
    old = StudioCore.open(DataPaths(studio_home), secrets=SecretStore(Redactor(), keyring))
    _legacy_row(old, "a", {"x-api-key": HEADER_SECRET})
    _legacy_row(old, "b", {"x-api-key": HEADER_SECRET + "b"}, default=False)
    _legacy_row(old, "empty", {}, default=False)
    old.db.execute("INSERT INTO profiles(name, base_url, key_source, key_env, headers, created_at)"
                   " VALUES ('names', 'http://127.0.0.1:1', 'env', 'RELAY_KEY', '[\"x-api-key\"]', 0)")
    old.db.close()

    core = StudioCore.open(DataPaths(studio_home), secrets=SecretStore(Redactor(), keyring))
    statements: list[str] = []
    core.db._conn.set_trace_callback(statements.append)
    try:
        core.profiles.all()
        assert keyring.calls == [("set", "a#headers"), ("set", "b#headers")]
        assert len([s for s in statements if "wal_checkpoint" in s.lower()]) == 1
        rows = dict(core.db.query("SELECT name, headers FROM profiles").__iter__())
        assert HEADER_SECRET not in json.dumps(rows)
    finally:
        core.db.close()
    assert HEADER_SECRET.encode() not in data_bytes(studio_home)
