"""End-to-end: the real window's chat header with two relay profiles under Xvfb, in English and Chinese, light and
dark, at 1024×700 and 1400×900: the window keeps its width, routing's relay is marked, the status bar shows the
chosen one; screenshots land in tests/artifacts/ (look at them)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, CliRunner
from tests.relay import RelayServer

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.mark.parametrize(("language", "theme"), [("en", "light"), ("zh_CN", "dark")])
def test_the_chat_header_with_two_relays(display: str, cli: CliRunner, cli_env: dict[str, str], relay: RelayServer,
                                         language: str, theme: str) -> None:
    for name, url in (("main-relay", relay.url), ("backup-relay", relay.url + "/case/models-2000")):
        assert cli("profile", "add", name, "--base-url", url, "--key-env", "RELAY_KEY").returncode == 0
    env = {**cli_env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "e2e" / "drive_chat_relay.py"), relay.url,
                             str(ARTIFACTS), language, theme],
                            env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("relay "))
    facts = json.loads(line.removeprefix("relay "))
    assert facts["width-1024"] == 1024 and facts["width-1400"] == 1400, facts
    routed = {"en": "main-relay (routed)", "zh_CN": "main-relay（路由）"}[language]
    assert facts["items"] == [routed, "backup-relay"], facts
    assert facts["status"].endswith("backup-relay"), facts
    for name in ("chat-relay-1024", "chat-relay-1400", "chat-relay-list-1024"):
        assert (ARTIFACTS / f"{name}-{language}-{theme}.png").stat().st_size > 10_000
