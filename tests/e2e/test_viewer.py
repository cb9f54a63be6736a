"""End-to-end: the Gallery's viewer with its details under Xvfb, at 1024×700 and 1400×900, in English and
Chinese, light and dark (the player too); screenshots land in tests/artifacts/ (look at them)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.mark.parametrize(("language", "theme"), [("en", "light"), ("zh_CN", "dark"), ("en", "dark"),
                                                 ("zh_CN", "light")])
def test_viewer_with_its_details(large_display: str, cli_env: dict[str, str], language: str, theme: str) -> None:
    env = {**cli_env, "DISPLAY": large_display, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "e2e" / "drive_viewer.py"), str(ARTIFACTS),
                             language, theme], env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    for name in ("viewer-1024", "viewer-1400", "viewer-copied", "viewer-video"):
        shot = ARTIFACTS / f"{name}-{language}-{theme}.png"
        assert shot.stat().st_size > 10_000
