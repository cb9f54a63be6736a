"""Profiles, routing, models and balance through the CLI."""

from __future__ import annotations

import json

from tests.conftest import CliRunner
from tests.relay import RelayServer


def test_first_profile_is_default_and_use_switches(cli: CliRunner, relay: RelayServer) -> None:
    assert cli("profile", "list").stderr.startswith("No profiles yet")
    assert cli("profile", "add", "a", "--base-url", relay.url, "--key-env", "RELAY_KEY").returncode == 0
    assert cli("profile", "add", "b", "--base-url", relay.url + "/v1", "--key-stdin", input="sk-test\n").returncode == 0
    listed = {p["name"]: p for p in json.loads(cli("profile", "list", "--json").stdout)}
    assert listed["a"]["default"] and not listed["b"]["default"]
    assert listed["b"]["key_source"] == "keyring" and listed["a"]["key_source"] == "env:RELAY_KEY"
    assert all(set(p) >= {"name", "base_url", "key_source", "default"} for p in listed.values())
    assert json.loads(cli("profile", "use", "b", "--json").stdout)["default"] is True
    assert [p["name"] for p in json.loads(cli("profile", "list", "--json").stdout) if p["default"]] == ["b"]
    assert json.loads(cli("profile", "remove", "b", "--json").stdout) == {"name": "b", "removed": True}
    assert [p["name"] for p in json.loads(cli("profile", "list", "--json").stdout) if p["default"]] == ["a"]


def test_keyring_profile_works_end_to_end(cli: CliRunner, relay: RelayServer) -> None:
    cli("profile", "add", "k", "--base-url", relay.url, "--key-stdin", input="  sk-test  \n")
    assert cli("chat", "hi", "-m", "gpt-4o").stdout == "Hello\n"


def test_no_keyring_backend_says_so_and_stores_nothing(cli: CliRunner, relay: RelayServer) -> None:
    result = cli("profile", "add", "k", "--base-url", relay.url, "--key-stdin", input="sk-test\n",
                 env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    assert result.returncode == 2
    assert "--key-env" in result.stderr and "Traceback" not in result.stderr
    assert json.loads(cli("profile", "list", "--json").stdout) == []


def test_routing_sends_each_capability_to_its_profile(cli: CliRunner, relay: RelayServer) -> None:
    cli("profile", "add", "main", "--base-url", relay.url, "--key-env", "RELAY_KEY")
    cli("profile", "add", "other", "--base-url", relay.url + "/openai", "--key-env", "RELAY_KEY")
    routed = cli("route", "set", "chat", "other", "--model", "gpt-4o-mini", "--json")
    assert json.loads(routed.stdout) == {"capability": "chat", "profile": "other", "model": "gpt-4o-mini"}
    routes = {r["capability"]: r for r in json.loads(cli("route", "list", "--json").stdout)}
    assert routes["chat"] == {"capability": "chat", "profile": "other", "model": "gpt-4o-mini"}
    assert routes["image"]["profile"] == "main"  # falls back to the default profile
    assert cli("chat", "hi").stdout == "Hello\n"
    assert relay.requests[-1].path == "/openai/v1/chat/completions"
    assert relay.requests[-1].json()["model"] == "gpt-4o-mini"
    cli("chat", "hi", "--profile", "main", "-m", "gpt-4o")  # --profile overrides routing for one call
    assert relay.requests[-1].path == "/v1/chat/completions"


def test_balance_text_and_json(cli: CliRunner, relay: RelayServer) -> None:
    cli("profile", "add", "main", "--base-url", relay.url, "--key-env", "RELAY_KEY")
    doc = json.loads(cli("balance", "--json").stdout)
    assert {k: doc[k] for k in ("remaining", "used", "limit")} == {"remaining": 12.655, "used": 12.345, "limit": 25.0}
    assert "unit" in doc
    text = cli("balance").stdout
    assert "12.66" in text and "25.00" in text
    cli("profile", "add", "nobill", "--base-url", relay.url + "/case/billing-missing", "--key-env", "RELAY_KEY")
    missing = json.loads(cli("balance", "--profile", "nobill", "--json").stdout)
    assert missing["remaining"] is None and missing["limit"] is None
    assert "unknown" in cli("balance", "--profile", "nobill").stdout
    cli("profile", "add", "err", "--base-url", relay.url + "/case/billing-error", "--key-env", "RELAY_KEY")
    failed = cli("balance", "--profile", "err")
    assert failed.returncode == 1 and "record not found" in failed.stderr


def test_help_and_version(cli: CliRunner) -> None:
    assert cli("--help").returncode == 0
    assert "Relay Studio" in cli("--version").stdout
    assert cli().returncode == 2
    assert cli("profile").returncode == 2 and "add" in cli("profile").stderr


def test_a_bad_proxy_is_a_usage_error(cli: CliRunner, relay: RelayServer) -> None:
    result = cli("profile", "add", "p", "--base-url", relay.url, "--key-env", "RELAY_KEY", "--proxy", "ftp://x")
    assert result.returncode == 2 and "socks5://" in result.stderr


def test_models_and_balance_are_saved_for_the_window_and_dropped_with_a_changed_profile(
        cli: CliRunner, relay: RelayServer, studio_home) -> None:  # type: ignore[no-untyped-def]
    saved = studio_home / "cache" / "relays.json"
    assert cli("profile", "add", "a", "--base-url", relay.url, "--key-env", "RELAY_KEY").returncode == 0
    assert cli("models").returncode == 0 and cli("balance").returncode == 0
    entry = json.loads(saved.read_text())["a"]
    assert entry["models"]["value"] and entry["balance"]["value"] and entry["key"] == "env:RELAY_KEY"
    assert "sk-" not in saved.read_text()  # where the key comes from, never the key
    assert cli("profile", "add", "a", "--base-url", relay.url, "--key-stdin", input="sk-test\n").returncode == 0
    assert "a" not in json.loads(saved.read_text())  # another key: its models and balance may not be these
    assert cli("models").returncode == 0
    assert cli("profile", "remove", "a").returncode == 0
    assert json.loads(saved.read_text()) == {}
