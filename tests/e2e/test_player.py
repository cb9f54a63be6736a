"""The MediaPlayer in a real window under Xvfb with the real libvlc: a real MP4 plays inside the widget
(libvlc draws into its native window), its time advances to the end, and screenshots of the poster and
of the video playing land in tests/artifacts/ (look at them)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from PySide6.QtGui import QColor, QImage

from tests.conftest import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"


def test_a_real_mp4_plays_inside_the_player(display: str, cli_env: dict[str, str]) -> None:
    try:
        import vlc  # noqa: F401  (python-vlc raises OSError/NameError when libvlc is missing)
    except (ImportError, OSError, NameError) as exc:
        pytest.skip(f"libvlc is not installed here ({exc})")
    env = {**cli_env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "e2e" / "drive_player.py"), str(ARTIFACTS)],
                            env=env, cwd=ROOT, capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["platform"] == "xcb" and seen["embedded"] is True
    assert seen["duration"] == pytest.approx(3.0, abs=0.2)
    assert seen["states"][:4] == ["loading", "stopped", "playing", "ended"]  # (libvlc starts in a worker)
    first_run = seen["positions"][:seen["positions"].index(max(seen["positions"])) + 1]
    assert first_run == sorted(first_run) and len(set(first_run)) >= 8  # the time advanced, smoothly
    assert max(first_run) == pytest.approx(3.0, abs=0.2)
    assert seen["first_frame_s"] > 0  # it came (how fast is benchmarks/player.py's figure, not a test's: a busy CI)
    # the picture libvlc drew is in the widget: the clip's colour, not the black of an empty surface
    playing = QColor(seen["playing_colour"])
    assert playing.red() > 100 and playing.blue() > 60, seen["playing_colour"]
    for name in ("player-poster", "player-playing"):
        shot = QImage(str(ARTIFACTS / f"{name}.png"))
        assert shot.width() >= 600 and shot.height() >= 400, name
