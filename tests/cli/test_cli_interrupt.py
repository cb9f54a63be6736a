"""Ctrl-C during a streamed reply: exit 130, what arrived is on stdout and saved in the conversation."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

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
