"""End-to-end: the real window under Xvfb sends a chat through the relay test server; screenshots
in English and Chinese, light and dark, land in tests/artifacts/ (look at them)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, CliRunner
from tests.relay import RelayServer

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.mark.parametrize(("language", "theme"), [("en", "light"), ("zh_CN", "dark"), ("en", "dark"),
                                                 ("zh_CN", "light")])
def test_real_window_sends_a_chat(display: str, cli: CliRunner, cli_env: dict[str, str], relay: RelayServer,
                                  language: str, theme: str) -> None:
    assert cli("profile", "add", "local", "--base-url", relay.url, "--key-env", "RELAY_KEY").returncode == 0
    env = {**cli_env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "e2e" / "drive_window.py"), relay.url,
                             str(ARTIFACTS), language, theme],
                            env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    for name in ("chat", "typing", "image-tab", "image-mj", "jobs-running", "gallery", "video-frame", "video-running",
                 "video-playing", "gallery-video"):
        shot = ARTIFACTS / f"{name}-{language}-{theme}.png"
        assert shot.stat().st_size > 10_000
    sent = [r for r in relay.requests if r.path.endswith("/chat/completions")]
    assert sent and sent[-1].json()["messages"][-1]["content"].startswith("echo:Here is")
    videos = [r for r in relay.requests if r.method == "POST" and r.path.endswith("/v1/videos")]
    assert len(videos) == 2 and all(b'name="input_reference"' in r.body for r in videos), "the dropped frame was sent"


def test_studio_gui_entry_point_starts_paints_and_quits(cli: CliRunner, cli_env: dict[str, str],
                                                        relay: RelayServer) -> None:
    """`studio gui` itself (main → build_gui → run): the start-up probe quits it after the first frame."""
    cli("profile", "add", "local", "--base-url", relay.url, "--key-env", "RELAY_KEY")
    env = {**cli_env, "QT_QPA_PLATFORM": "offscreen", "STUDIO_STARTUP_PROBE": repr(time.time())}
    result = subprocess.run([sys.executable, "-m", "studio", "gui"], env=env, cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "first-frame" in result.stdout and "rss-kb" in result.stdout
    assert "Traceback" not in result.stderr


def test_studio_gui_starts_over_a_damaged_database_and_refuses_a_read_only_folder(
        cli_env: dict[str, str], studio_home: Path) -> None:
    """A damaged database is moved aside and the window opens (it says so); a data folder that cannot be
    written is one sentence, exit 1, no traceback."""
    from tests.cli.test_cli_untrusted_state import read_only

    studio_home.mkdir(parents=True)
    (studio_home / "studio.sqlite3").write_bytes(b"not a database " * 500)
    env = {**cli_env, "QT_QPA_PLATFORM": "offscreen", "STUDIO_STARTUP_PROBE": repr(time.time())}
    opened = subprocess.run([sys.executable, "-m", "studio", "gui"], env=env, cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert opened.returncode == 0 and "first-frame" in opened.stdout, opened.stderr[-2000:]
    assert "Traceback" not in opened.stderr
    assert list((studio_home / "backups").glob("studio-damaged-*.sqlite3"))
    with read_only(studio_home):
        refused = subprocess.run([sys.executable, "-m", "studio", "gui"], env=env, cwd=ROOT, capture_output=True,
                                 text=True, timeout=60)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.strip().startswith("relay-studio: The data folder") and "cannot be written" in refused.stderr
