"""End-to-end: the real window under Xvfb, at 1024×700 and 1400×900, keeps its Jobs dock the same size from the
empty panel to its first row and to many (thumbnails, chips, long prompts), with a prompt column that reads and
the whole prompt in a wrapped tooltip; screenshots in English and Chinese, light and dark, land in tests/artifacts/
(look at them)."""

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
def test_the_jobs_dock_keeps_its_size(display: str, cli: CliRunner, cli_env: dict[str, str], relay: RelayServer,
                                      language: str, theme: str) -> None:
    assert cli("profile", "add", "local", "--base-url", relay.url, "--key-env", "RELAY_KEY").returncode == 0
    env = {**cli_env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "e2e" / "drive_jobs_dock.py"), relay.url,
                             str(ARTIFACTS), language, theme], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("sizes "))
    sizes = json.loads(line.removeprefix("sizes "))
    assert sizes["empty"] == sizes["first"] == sizes["many"], sizes
    assert sizes["prompt"] >= 150, sizes
    for name in ("jobs-empty-1024x700", "jobs-panel-1024x700", "jobs-tooltip", "jobs-panel-1400x900"):
        assert (ARTIFACTS / f"{name}-{language}-{theme}.png").stat().st_size > 10_000
