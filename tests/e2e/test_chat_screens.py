"""End-to-end: the real window's chat under Xvfb with a long code reply regenerated into two versions, the hover
buttons and the "Copied" toast; screenshots at 1024×700 and 1400×900 in English and Chinese, light and dark, land
in tests/artifacts/ (look at them)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, CliRunner
from tests.relay import RelayServer

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.mark.parametrize(("language", "theme"), [("en", "light"), ("zh_CN", "dark"), ("en", "dark"),
                                                 ("zh_CN", "light")])
def test_chat_with_a_long_code_reply_and_versions(display: str, cli: CliRunner, cli_env: dict[str, str],
                                                  relay: RelayServer, language: str, theme: str) -> None:
    assert cli("profile", "add", "local", "--base-url", relay.url, "--key-env", "RELAY_KEY").returncode == 0
    env = {**cli_env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "e2e" / "drive_chat.py"), relay.url,
                             str(ARTIFACTS), language, theme],
                            env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("chat "))
    facts = json.loads(line.removeprefix("chat "))
    assert facts == {"versions": True, "actions-1024": True, "horizontal-scroll-1024": 0, "actions-1400": True,
                     "horizontal-scroll-1400": 0, "toast": True}, facts
    for name in ("chat-1024", "chat-end-1024", "chat-1400", "chat-end-1400", "chat-top-1024", "chat-copied-1024"):
        assert (ARTIFACTS / f"{name}-{language}-{theme}.png").stat().st_size > 10_000
