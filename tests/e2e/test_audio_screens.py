"""End-to-end: the Audio tab in the real window under Xvfb with the real libvlc: a clip dropped on the tab is
transcribed through the relay test server and plays with the spoken line highlighted, then a voice-over is
made; screenshots at 1024×700 and 1400×900 in English and Chinese, light and dark, land in tests/artifacts/
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
def test_the_audio_tab_transcribes_a_dropped_clip_and_follows_its_playback(
        large_display: str, cli: CliRunner, cli_env: dict[str, str], relay: RelayServer, language: str,
        theme: str) -> None:
    try:
        import vlc  # noqa: F401  (python-vlc raises OSError/NameError when libvlc is missing)
    except (ImportError, OSError, NameError) as exc:
        pytest.skip(f"libvlc is not installed here ({exc})")
    # a voice at a reader's pace: the voice-over lasts seconds, so it is shown playing with its length
    assert cli("profile", "add", "local", "--base-url", relay.url + "/case/speech-paced", "--key-env",
               "RELAY_KEY").returncode == 0
    env = {**cli_env, "DISPLAY": large_display, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "e2e" / "drive_audio.py"), str(ARTIFACTS),
                             language, theme], env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["lines"] == 7 and seen["current"] == 2 and 4.0 <= seen["position"] < 6.0, seen
    assert seen["speech"] is True and seen["speech_length"] > 3.0 and 1.5 <= seen["speech_at"] < seen["speech_length"]
    for name in ("audio-transcript", "audio-speech"):
        for size in ("1024x700", "1400x900"):
            shot = ARTIFACTS / f"{name}-{size}-{language}-{theme}.png"
            assert shot.stat().st_size > 10_000, shot
    sent = [r for r in relay.requests if r.path.endswith("/v1/audio/transcriptions")]
    assert len(sent) == 1 and b'name="response_format"\r\n\r\nverbose_json' in sent[0].body
