"""The `studio` CLI as a real subprocess against the relay test server (docs/ARCHITECTURE.md#cli-contract)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tests.relay import RelayServer

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def local(cli: CliRunner, relay: RelayServer) -> CliRunner:
    """A profile `local` pointing at the test server, key from $RELAY_KEY."""
    result = cli("profile", "add", "local", "--base-url", relay.url + "/v1/", "--key-env", "RELAY_KEY")
    assert result.returncode == 0, result.stderr
    return cli


def assert_clean_failure(result, code: int = 1) -> None:  # type: ignore[no-untyped-def]
    assert result.returncode == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "sk-test" not in result.stderr + result.stdout


def test_stream_and_no_stream(local: CliRunner) -> None:
    streamed = local("chat", "hi", "-m", "gpt-4o-mini")
    assert (streamed.returncode, streamed.stdout) == (0, "Hello\n"), streamed.stderr
    whole = local("chat", "hi", "-m", "gpt-4o-mini", "--no-stream")
    assert (whole.returncode, whole.stdout) == (0, "Hello\n"), whole.stderr


def test_json_output(local: CliRunner) -> None:
    result = local("chat", "hi", "-m", "gpt-4o", "--json")
    doc = json.loads(result.stdout)
    assert doc["reply"] == "Hello" and doc["model"] == "gpt-4o"
    assert isinstance(doc["conversation_id"], int)
    assert set(doc) >= {"conversation_id", "model", "reply", "reasoning", "usage"}


def test_claude_format_and_image(local: CliRunner, tmp_path: Path) -> None:
    assert local("chat", "hi", "-m", "claude-3-5-sonnet", "--api", "claude").stdout == "Hello\n"
    image = tmp_path / "a.png"
    image.write_bytes(PNG)
    result = local("chat", "what is this", "-m", "gpt-4o", "--image", str(image))
    assert result.stdout == "I see 1 image(s) and 0 file(s).\n", result.stderr


def test_continue_sends_the_history(local: CliRunner, relay: RelayServer) -> None:
    first = json.loads(local("chat", "first question", "-m", "gpt-4o", "--json").stdout)
    assert local("chat", "second question", "--continue", "last").returncode == 0
    messages = relay.requests[-1].json()["messages"]
    assert [m["content"] for m in messages] == ["first question", "Hello", "second question"]
    assert relay.requests[-1].json()["model"] == "gpt-4o"  # remembered from the conversation
    third = local("chat", "third", "--continue", str(first["conversation_id"]), "--json")
    assert json.loads(third.stdout)["conversation_id"] == first["conversation_id"]
    assert len(relay.requests[-1].json()["messages"]) == 5


@pytest.mark.parametrize("case", ["ratelimit-once", "slow-stream", "ping", "crlf", "nospace", "split-utf8",
                                  "usage-only", "html502-once"])
def test_faults_that_must_succeed(local: CliRunner, case: str) -> None:
    result = local("chat", "hi", "-m", f"case-{case}")
    assert result.returncode == 0, result.stderr
    assert result.stdout in ("Hello\n", "你好，世界\n")


def test_slow_first_byte_succeeds(local: CliRunner) -> None:
    result = local("chat", "hi", "-m", "case-slow-first-byte")
    assert (result.returncode, result.stdout) == (0, "Hello\n"), result.stderr


def test_malformed_chunk_warns_once_and_succeeds(local: CliRunner) -> None:
    result = local("chat", "echo:all of it", "-m", "case-malformed-chunk")
    assert (result.returncode, result.stdout) == (0, "all of it\n")
    assert result.stderr.count("warning:") == 1


def test_many_models(local: CliRunner, relay: RelayServer) -> None:
    listed = local("models", "--json", env={}, timeout=60)
    assert listed.returncode == 0
    relay_models = {m["id"] for m in json.loads(listed.stdout)}
    assert {"gpt-4o", "dall-e-3", "mj_imagine"} <= relay_models
    doc = json.loads(listed.stdout)[0]
    assert set(doc) >= {"id", "owned_by", "endpoint_types", "family"}


def test_two_thousand_models(cli: CliRunner, relay: RelayServer) -> None:
    cli("profile", "add", "big", "--base-url", relay.url + "/case/models-2000", "--key-env", "RELAY_KEY")
    result = cli("models", "--json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 2000
    assert cli("models", "--search", "gpt").returncode == 0


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("html502", "502 Bad Gateway"),
        ("midstream-error", "upstream stream error"),
        ("quota", "no quota left"),
    ],
)
def test_faults_that_must_fail_cleanly(local: CliRunner, case: str, words: str) -> None:
    result = local("chat", "hi", "-m", f"case-{case}")
    assert_clean_failure(result)
    assert words in result.stderr


def test_cut_stream_keeps_what_arrived_on_stdout(local: CliRunner) -> None:
    result = local("chat", "hi", "-m", "case-cut-stream")
    assert_clean_failure(result)
    assert result.stdout == "Hello wor\n"
    assert "cut the reply off" in result.stderr
    again = local("chat", "next", "--continue", "last", "-m", "gpt-4o")
    assert again.returncode == 0  # the partial reply was saved and is part of the history


def test_wrong_key(cli: CliRunner, relay: RelayServer) -> None:
    cli("profile", "add", "bad", "--base-url", relay.url, "--key-env", "WRONG_KEY")
    result = cli("chat", "hi", "-m", "gpt-4o", env={"WRONG_KEY": "sk-wrong-but-secret"})
    assert_clean_failure(result)
    assert "rejected the API key" in result.stderr
    assert "sk-wrong-but-secret" not in result.stderr


def test_relay_that_is_down(cli: CliRunner) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cli("profile", "add", "down", "--base-url", f"http://127.0.0.1:{port}/v1", "--key-env", "RELAY_KEY")
    result = cli("chat", "hi", "-m", "gpt-4o")
    assert_clean_failure(result)
    assert "Cannot reach the relay" in result.stderr


def test_platform_prefix_base_url(cli: CliRunner, relay: RelayServer) -> None:
    cli("profile", "add", "veo", "--base-url", relay.url + "/veo/v1/chat/completions", "--key-env", "RELAY_KEY")
    assert cli("profile", "list", "--json").stdout.count(relay.url + "/veo") == 1
    result = cli("chat", "hi", "-m", "gpt-4o")
    assert result.stdout == "Hello\n", result.stderr
    assert relay.requests[-1].path == "/veo/v1/chat/completions"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["chat", "", "-m", "gpt-4o"], "prompt is empty"),
        (["chat", "hi", "-m", "gpt-4o", "--image", "/nonexistent.png"], "does not exist"),
        (["chat", "hi", "-m", "gpt-4o", "--continue", "999"], "no conversation 999"),
        (["chat", "hi", "--profile", "nobody"], "no profile named"),
        (["route", "set", "painting", "local"], "Unknown capability"),
        (["chat"], "arguments are required"),
    ],
)
def test_input_errors_exit_2(local: CliRunner, args: list[str], words: str) -> None:
    result = local(*args)
    assert_clean_failure(result, code=2)
    assert words in result.stderr


def test_image_that_is_not_an_image(local: CliRunner, tmp_path: Path, relay: RelayServer) -> None:
    fake = tmp_path / "fake.png"
    fake.write_text("<html>not an image</html>")
    result = local("chat", "hi", "-m", "gpt-4o", "--image", str(fake))
    assert_clean_failure(result, code=2)
    assert relay.hits("/v1/chat/completions") == 0  # checked before anything is sent


def test_no_model_anywhere_is_a_usage_error(local: CliRunner) -> None:
    result = local("chat", "hi")
    assert_clean_failure(result, code=2)
    assert "studio route set chat" in result.stderr
    local("route", "set", "chat", "local", "--model", "gpt-4o")
    assert local("chat", "hi").stdout == "Hello\n"
