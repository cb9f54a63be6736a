"""Ctrl-C during a streamed reply: exit 130, what arrived is on stdout and saved in the conversation."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from studio.storage.paths import DataPaths
from tests.conftest import ROOT, CliRunner
from tests.relay import RelayServer


def test_ctrl_c_keeps_the_partial_reply(cli: CliRunner, cli_env: dict[str, str], relay: RelayServer) -> None:
    cli("profile", "add", "local", "--base-url", relay.url, "--key-env", "RELAY_KEY")
    text = "echo:" + "one two three four five six seven eight nine ten " * 4
    proc = subprocess.Popen(
        [sys.executable, "-m", "studio", "chat", text, "-m", "case-slow-stream"],
        cwd=ROOT, env=cli_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.read(6)  # the reply has started
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    rest, err = proc.communicate(timeout=20)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    printed = (first + rest).strip()
    assert printed and text[5:].startswith(printed)

    # the partial reply was stored as interrupted, and the conversation can go on
    again = cli("chat", "go on", "--continue", "last", "-m", "gpt-4o", "--json")
    assert json.loads(again.stdout)["reply"] == "Hello"
    history = relay.requests[-1].json()["messages"]
    assert history[1]["role"] == "assistant" and history[1]["content"].strip() == printed


class _Reader:
    """Collects a child's stdout in a thread, so the test can look at what arrived so far."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        self._stream = proc.stdout
        self._chunks: list[bytes] = []
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while piece := os.read(self._stream.fileno(), 4096):
            self._chunks.append(piece)

    def text(self) -> str:
        return b"".join(self._chunks).decode("utf-8", "replace")

    def wait_for(self, length: int, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while len(self.text()) < length:
            assert time.monotonic() < deadline, "the reply did not start"
            time.sleep(0.05)
        return self.text()


def _reply_row(studio_home: Path, conversation_id: int) -> tuple[str, str]:
    db = sqlite3.connect(DataPaths(studio_home).database)
    try:
        row = db.execute("SELECT content, state FROM messages WHERE conversation_id = ? AND role = 'assistant'",
                         (conversation_id,)).fetchone()
    finally:
        db.close()
    assert row is not None
    return row[0], row[1]


LONG_ECHO = "echo:" + " ".join(f"w{i:03d}" for i in range(200))


def _start_chat(cli_env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "studio", "chat", LONG_ECHO, "-m", "case-slow-stream"],
        cwd=ROOT, env=cli_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def test_a_second_chat_does_not_stop_the_saves_of_a_live_stream(
        cli: CliRunner, cli_env: dict[str, str], relay: RelayServer, studio_home: Path) -> None:
    cli("profile", "add", "local", "--base-url", relay.url, "--key-env", "RELAY_KEY")
    writer = _start_chat(cli_env)
    try:
        reader = _Reader(writer)
        reader.wait_for(20)
        second = cli("chat", "hi", "-m", "gpt-4o")  # opens the chat service while the first still streams
        assert second.returncode == 0, second.stderr
        at_second = reader.text()
        time.sleep(3)
        later = reader.text()
        assert len(later) > len(at_second) + 10
        time.sleep(3.5)  # at least one periodic save after `later` was printed
        writer.kill()
        writer.wait(timeout=10)
    finally:
        if writer.poll() is None:
            writer.kill()
    content, state = _reply_row(studio_home, 1)
    assert content.startswith(later.strip()), (content, later)  # every save up to the kill
    assert state == "streaming"  # nobody has looked at it since its writer died

    # the next chat finds its writer gone: interrupted, the text kept
    assert cli("chat", "hi", "-m", "gpt-4o").returncode == 0
    assert _reply_row(studio_home, 1) == (content, "interrupted")


def test_sigterm_saves_the_partial_reply_and_exits_143(
        cli: CliRunner, cli_env: dict[str, str], relay: RelayServer, studio_home: Path) -> None:
    cli("profile", "add", "local", "--base-url", relay.url, "--key-env", "RELAY_KEY")
    proc = _start_chat(cli_env)
    try:
        reader = _Reader(proc)
        reader.wait_for(10)
        time.sleep(0.3)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    assert proc.returncode == 143, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    printed = reader.text().strip()
    assert printed and LONG_ECHO[5:].startswith(printed)
    content, state = _reply_row(studio_home, 1)
    assert (content.strip(), state) == (printed, "interrupted")
