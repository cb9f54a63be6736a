"""End-to-end: the real window's first start under Xvfb with the OS keyring failing: the welcome page opens the
one first-start dialog, Test connects before Save, the in-memory / encrypted-file choice is offered; screenshots
at 1024×700 and 1400×900 in English and Chinese, light and dark, land in tests/artifacts/ (look at them)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.relay import RelayServer

ARTIFACTS = ROOT / "tests" / "artifacts"
SECRET = "sk-screens-0123456789abcdef"


@pytest.mark.parametrize(("language", "theme"), [("en", "light"), ("zh_CN", "dark"), ("en", "dark"),
                                                 ("zh_CN", "light")])
def test_first_start_without_a_keyring(large_display: str, cli_env: dict[str, str], language: str, theme: str) -> None:
    env = {**cli_env, "DISPLAY": large_display, "QT_QPA_PLATFORM": "xcb",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    with RelayServer(valid_key=SECRET) as relay:
        result = subprocess.run([sys.executable, str(ROOT / "tests" / "e2e" / "drive_first_start.py"), str(ARTIFACTS),
                                 language, theme, relay.url + "/v1", SECRET],
                                env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and SECRET not in result.stdout + result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("dialog "))
    dialog = json.loads(line.removeprefix("dialog "))
    assert dialog["clipped"] == [], dialog
    assert dialog["width"] <= 1024 and dialog["height"] <= 700 and dialog["x"] >= 0 and dialog["y"] >= 0, dialog
    assert ("Connected" in dialog["result"]) if language == "en" else dialog["result"], dialog
    for name in ("first-start-1024x700", "first-start-1400x900", "passphrase-1024x700"):
        assert (ARTIFACTS / f"{name}-{language}-{theme}.png").stat().st_size > 10_000
