"""End-to-end: the real window under Xvfb makes a Suno song through the relay test server; the Music tab lists
its two clips with covers, one playing in the player, at 1024×700 beside the Jobs panel and at 1400×900;
screenshots in English and Chinese, light and dark, land in tests/artifacts/ (look at them)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, CliRunner
from tests.e2e.drive_music import SONG
from tests.relay import RelayServer

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.mark.parametrize(("language", "theme"), [("en", "light"), ("zh_CN", "dark"), ("en", "dark"),
                                                 ("zh_CN", "light")])
def test_the_music_tab_lists_two_clips_and_plays_one(large_display: str, cli: CliRunner, cli_env: dict[str, str],
                                                     relay: RelayServer, language: str, theme: str) -> None:
    try:
        import vlc  # noqa: F401  (python-vlc raises OSError/NameError when libvlc is missing)
    except (ImportError, OSError, NameError) as exc:
        pytest.skip(f"libvlc is not installed here ({exc})")
    base = relay.url + "/case/suno-long"  # 40 s songs, to extend from the 30th second
    assert cli("profile", "add", "local", "--base-url", base, "--key-env", "RELAY_KEY").returncode == 0
    env = {**cli_env, "DISPLAY": large_display, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "e2e" / "drive_music.py"), str(ARTIFACTS),
                             language, theme], env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("seen "))
    seen = json.loads(line.removeprefix("seen "))
    assert seen["playing"] == "playing" and seen["window"] == 1024 and seen["extend_visible"] is True
    title = "Harbour Lights" if language == "en" else "港口的灯"
    assert seen["rows"] == [title, title] and seen["durations"] == ["0:40", "0:40"]
    assert len(set(seen["details"])) == 2, "the two takes are told apart"
    assert title in seen["status"] and "suno_" not in seen["status"]
    assert seen["lyrics_shown"] and seen["lyrics_shown"] in SONG[language][2]
    assert title in seen["extend_text"] and seen["extend_at"] == 30.0
    for name in ("music-1024x700", "music-1400x900", "music-extend-1400x900"):
        assert (ARTIFACTS / f"{name}-{language}-{theme}.png").stat().st_size > 10_000
    bodies = [json.loads(r.body) for r in relay.requests if r.path.endswith("/suno/submit/music")]
    assert len(bodies) == 1 and bodies[0]["title"] == title
