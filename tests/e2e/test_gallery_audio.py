"""End-to-end: the Gallery's audio cells under Xvfb (a clip's cover, waveforms, a placeholder, duration badges),
a clip's context menu (Transcribe, Extend) and a song in the viewer, in English and Chinese, light and dark;
screenshots land in tests/artifacts/ (look at them)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.mark.parametrize(("language", "theme"), [("en", "light"), ("zh_CN", "dark"), ("en", "dark"),
                                                 ("zh_CN", "light")])
def test_gallery_with_audio_cells(large_display: str, cli_env: dict[str, str], language: str, theme: str) -> None:
    env = {**cli_env, "DISPLAY": large_display, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "e2e" / "drive_gallery_audio.py"), str(ARTIFACTS),
                             language, theme], env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    for name in ("gallery-audio", "gallery-audio-menu", "gallery-audio-viewer", "gallery-audio-parts"):
        shot = ARTIFACTS / f"{name}-{language}-{theme}.png"
        assert shot.stat().st_size > 10_000
