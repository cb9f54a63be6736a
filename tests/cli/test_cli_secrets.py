"""Secrets at the CLI: a keyring that would not keep the key safe is no keyring at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CliRunner


@pytest.mark.parametrize("backend", ["keyring.backends.null.Keyring", "keyrings.alt.file.PlaintextKeyring"])
def test_an_insecure_keyring_is_refused_in_one_sentence(cli: CliRunner, tmp_path: Path, backend: str) -> None:
    data_home = tmp_path / "xdg-data"  # where keyrings.alt would write its base64 file
    result = cli("profile", "add", "x", "--base-url", "http://127.0.0.1:1", "--key-stdin",
                 input="sk-insecure-0123456789\n",
                 env={"PYTHON_KEYRING_BACKEND": backend, "XDG_DATA_HOME": str(data_home)})
    assert result.returncode == 2, result
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--key-env" in lines[0] and "Traceback" not in result.stderr
    assert "sk-insecure" not in result.stderr
    assert not data_home.exists() or not any(p.is_file() for p in data_home.rglob("*"))
    assert json.loads(cli("profile", "list", "--json").stdout) == []


HEADER_SECRET = "hdr-cli-0123456789-secret"


def test_a_custom_header_without_a_usable_keyring_is_refused_in_one_sentence(cli: CliRunner) -> None:
    result = cli("profile", "add", "x", "--base-url", "http://127.0.0.1:1", "--key-env", "RELAY_KEY",
                 "--header", f"x-api-key: {HEADER_SECRET}",
                 env={"PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"})
    assert result.returncode == 2, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "header values are kept in the system keyring" in lines[0].lower()
    assert HEADER_SECRET not in result.stderr and "Traceback" not in result.stderr
    assert json.loads(cli("profile", "list", "--json").stdout) == []


def test_profile_list_shows_header_names_never_values(cli: CliRunner, tmp_path: Path) -> None:
    added = cli("profile", "add", "x", "--base-url", "http://127.0.0.1:1", "--key-env", "RELAY_KEY",
                "--header", f"x-api-key: {HEADER_SECRET}")
    assert added.returncode == 0 and HEADER_SECRET not in added.stderr + added.stdout
    listed = json.loads(cli("profile", "list", "--json").stdout)
    assert listed[0]["headers"] == ["x-api-key"]
    table = cli("profile", "list").stdout
    assert "HEADERS" in table and "x-api-key" in table
    assert HEADER_SECRET not in table + json.dumps(listed)
    assert HEADER_SECRET in (tmp_path / "test-keyring.json").read_text()  # the (test) keyring has it
