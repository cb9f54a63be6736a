"""Bad input at the CLI's edges is one sentence and exit 2, never a traceback: base URLs that are not
http(s) web addresses, a prompt on stdin that is not UTF-8. A relay that never answers ends `models`
and `balance` within 30 s with one sentence."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT, CliResult, CliRunner
from tests.relay import RelayServer


def assert_one_sentence(result: CliResult, code: int) -> None:
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("studio: ") and lines[0].endswith("."), result.stderr


@pytest.mark.parametrize("url", ["http://[::1", "not a url", "http://host:99999", "javascript:alert(1)", "ftp://x"])
def test_profile_add_refuses_a_base_url_that_is_not_a_web_address(cli: CliRunner, url: str) -> None:
    result = cli("profile", "add", "bad", "--base-url", url, "--key-env", "RELAY_KEY")
    assert_one_sentence(result, 2)
    assert "base URL" in result.stderr
    assert cli("profile", "list", "--json").stdout.strip() == "[]"


def run_with_stdin(cli_env: dict[str, str], data: bytes, *args: str) -> CliResult:
    """The CLI with raw bytes on stdin (the `cli` fixture only sends text)."""
    proc = subprocess.run([sys.executable, "-m", "studio", *args], input=data, capture_output=True,
                          env=cli_env, cwd=ROOT, timeout=60)
    return CliResult(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


@pytest.mark.parametrize("command", [("chat", "-", "-m", "gpt-4o"), ("image", "-", "-m", "dall-e-3")])
def test_a_prompt_on_stdin_that_is_not_utf8_is_refused(cli: CliRunner, cli_env: dict[str, str],
                                                       relay: RelayServer, command: tuple[str, ...]) -> None:
    cli("profile", "add", "local", "--base-url", relay.url, "--key-env", "RELAY_KEY")
    result = run_with_stdin(cli_env, b"a red \xff\xfe fox", *command)
    assert_one_sentence(result, 2)
    assert "standard input is not valid UTF-8" in result.stderr
    assert not relay.requests  # nothing was sent


def test_a_utf8_prompt_on_stdin_is_sent_as_it_is(cli: CliRunner, cli_env: dict[str, str], relay: RelayServer) -> None:
    cli("profile", "add", "local", "--base-url", relay.url, "--key-env", "RELAY_KEY")
    result = run_with_stdin(cli_env, "echo:你好，世界\n".encode(), "chat", "-", "-m", "gpt-4o")
    assert (result.returncode, result.stdout) == (0, "你好，世界\n"), result.stderr


def test_a_relay_that_never_answers_ends_models_and_balance_within_30_s(cli: CliRunner,
                                                                        cli_env: dict[str, str]) -> None:
    from tests.api.test_metadata_timeout import BlackHole

    hole = BlackHole()
    procs: dict[str, subprocess.Popen[str]] = {}
    try:
        cli("profile", "add", "hole", "--base-url", hole.url, "--key-env", "RELAY_KEY")
        started = time.monotonic()
        procs |= {command: subprocess.Popen([sys.executable, "-m", "studio", command], env=cli_env, cwd=ROOT,
                                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for command in ("models", "balance")}  # side by side: one wait for both
        results = {}
        for command, proc in procs.items():
            out, err = proc.communicate(timeout=45)
            results[command] = CliResult(proc.returncode, out, err)
        elapsed = time.monotonic() - started
    finally:
        hole.close()
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
    assert elapsed < 30
    for result in results.values():
        assert_one_sentence(result, 1)
        assert "did not answer within 20 s" in result.stderr
