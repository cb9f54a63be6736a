"""Custom header values of a profile are secrets: kept in the keyring, never in the database."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from pathlib import Path

import pytest
from keyring.backends import null

from studio.services.core import StudioCore
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
        assert [p.name for p in core.profiles.list()] == ["plain"]
        assert HEADER_SECRET.encode() not in data_bytes(studio_home)
    finally:
        core.db.close()


def _legacy_row(core: StudioCore, name: str, headers: dict[str, str]) -> None:
    core.db.execute(
        "INSERT INTO profiles(name, base_url, key_source, key_env, proxy, headers, is_default, created_at)"
        " VALUES (?, 'http://127.0.0.1:1', 'env', 'RELAY_KEY', NULL, ?, 1, ?)",
        (name, json.dumps(headers), time.time()),
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
    _legacy_row(old, "legacy", {"x-api-key": HEADER_SECRET})
    _legacy_row(old, "legacy2", {"x-other": HEADER_SECRET + "2"})
    old.db.close()

    import keyring

    previous = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())
    caplog.set_level(logging.WARNING, logger="studio")
    core = StudioCore.open(DataPaths(studio_home), secrets=SecretStore(Redactor()))
    try:
        profile = core.profiles.get("legacy")
        assert core.profiles.custom_headers(profile) == {"x-api-key": HEADER_SECRET}  # still works
        assert HEADER_SECRET not in core.redactor.redact(HEADER_SECRET)
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
