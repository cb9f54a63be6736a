"""Shared fixtures: the relay test server, an isolated data dir, an in-memory keyring, the CLI as a
real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from studio.api.client import RetryPolicy  # noqa: E402
from studio.services.core import StudioCore  # noqa: E402
from studio.storage.paths import DataPaths  # noqa: E402
from studio.storage.secrets import Redactor, SecretStore  # noqa: E402
from tests.relay import RelayServer  # noqa: E402
from tests.support.keyrings import MemoryKeyring  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
KEY = "sk-test"
#: short backoff so retry tests stay quick; Retry-After is still honoured as sent.
FAST_RETRY = RetryPolicy(backoff_base=0.05, backoff_max=0.2)


@pytest.fixture(scope="session")
def relay_server() -> Iterator[RelayServer]:
    server = RelayServer().start()
    yield server
    server.stop()


@pytest.fixture
def relay(relay_server: RelayServer) -> RelayServer:
    relay_server.reset()
    return relay_server


@pytest.fixture
def studio_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "studio-home"
    monkeypatch.setenv("STUDIO_HOME", str(home))
    return home


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def core(studio_home: Path, memory_keyring: MemoryKeyring) -> Iterator[StudioCore]:
    studio = StudioCore.open(DataPaths(studio_home), secrets=SecretStore(Redactor(), memory_keyring),
                             retry=FAST_RETRY)
    yield studio
    studio.db.close()


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


CliRunner = Callable[..., CliResult]


@pytest.fixture
def cli_env(studio_home: Path, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "STUDIO_"))}
    env.update(
        STUDIO_HOME=str(studio_home),
        PYTHONPATH=str(ROOT),
        PYTHON_KEYRING_BACKEND="tests.support.keyrings.FileKeyring",
        STUDIO_TEST_KEYRING=str(tmp_path / "test-keyring.json"),
        RELAY_KEY=KEY,
        PYTHONIOENCODING="utf-8",
    )
    return env


@pytest.fixture
def cli(cli_env: dict[str, str]) -> CliRunner:
    """Run `python -m studio ARGS` as a real subprocess; returns exit code, stdout, stderr."""

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None,
            timeout: float = 60) -> CliResult:
        proc = subprocess.run(
            [sys.executable, "-m", "studio", *args],
            input=input, capture_output=True, text=True, encoding="utf-8",
            env={**cli_env, **(env or {})}, cwd=ROOT, timeout=timeout,
        )
        return CliResult(proc.returncode, proc.stdout, proc.stderr)

    return run
