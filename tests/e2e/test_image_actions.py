"""End-to-end: the real window under Xvfb shows a Midjourney grid and its U1 with the task's buttons grouped, at
1024×700 beside the Jobs panel without growing, and at 1400×900; screenshots in English and Chinese, light and
dark, land in tests/artifacts/ (look at them)."""

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
def test_grouped_midjourney_actions_fit_the_window(display: str, cli: CliRunner, cli_env: dict[str, str],
                                                   relay: RelayServer, language: str, theme: str) -> None:
    assert cli("profile", "add", "local", "--base-url", relay.url, "--key-env", "RELAY_KEY").returncode == 0
    env = {**cli_env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "e2e" / "drive_image_actions.py"), str(ARTIFACTS),
                             language, theme], env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("widths "))
    widths = json.loads(line.removeprefix("widths "))
    assert widths["window"] == widths["grid_window"] == widths["u1_window"] == 1024, widths
    assert widths["grid_dock"] >= widths["dock"] and widths["u1_dock"] >= widths["dock"], widths
    for name in ("image-grid-1024x700", "image-u1-1024x700", "image-references-1024x700", "image-u1-1400x900"):
        assert (ARTIFACTS / f"{name}-{language}-{theme}.png").stat().st_size > 10_000
