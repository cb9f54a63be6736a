"""Fixtures of the CLI tests: `studio` as a real subprocess with a profile on the relay test server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from studio.storage.db import Database
from studio.storage.settings import Settings
from tests.conftest import CliRunner
from tests.relay import RelayServer


def fast_polls(home: Path) -> None:
    db = Database(home / "studio.sqlite3")
    Settings(db).set("jobs.poll_scale", 0.01)
    db.close()


@pytest.fixture
def studio_cli(cli: CliRunner, relay: RelayServer, studio_home: Path) -> CliRunner:
    result = cli("profile", "add", "local", "--base-url", relay.url, "--key-env", "RELAY_KEY", "--default")
    assert result.returncode == 0, result.stderr
    fast_polls(studio_home)
    return cli


@pytest.fixture
def case_cli(cli: CliRunner, relay: RelayServer, studio_home: Path) -> Callable[[str], CliRunner]:
    """`case_cli(case)`: the CLI with its default profile on the relay's `/case/<case>`."""

    def with_case(case: str) -> CliRunner:
        result = cli("profile", "add", "local", "--base-url", f"{relay.url}/case/{case}", "--key-env", "RELAY_KEY",
                     "--default")
        assert result.returncode == 0, result.stderr
        fast_polls(studio_home)
        return cli

    return with_case
