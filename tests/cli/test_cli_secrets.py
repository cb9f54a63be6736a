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
