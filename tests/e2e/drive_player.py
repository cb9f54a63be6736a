"""Plays a real MP4 in the MediaPlayer on an X display (Xvfb, real libvlc drawing into the widget's
native window), saves screenshots of the poster and of the video playing, and prints what it saw as
one JSON line. Run by tests/e2e/test_player.py and benchmarks/player.py in their own process (the
offscreen GUI tests own the QApplication of the pytest process).

With --no-shots (benchmarks/player.py) nothing is saved and play follows load at once, as when a user
opens a clip: `open_to_first_frame_s` is load() -> the poster swapped for libvlc's picture (what the user
sees, to within one poll of the player), `vout_s` the same up to libvlc's video output being up (polled
here every few ms); cold in this fresh process (python-vlc imported, libvlc started), then warm.
`load_s` is how long the cold `load()` call itself held the UI thread and `stall_s` the longest the UI
thread went without turning its event loop from load() to the first frame (libvlc starts in a worker).

usage: drive_player.py OUT_DIR [--no-shots]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from studio.views.player import MediaPlayer
from tests.support.media import mp4_bytes

#: the longest one turn of the event loop took in `wait_for` since it was last reset (s)
longest_turn = 0.0


def wait_for(predicate: Callable[[], bool], timeout: float = 15.0) -> float:
    """Run Qt's loop until `predicate()` holds; the seconds it took (raises on timeout)."""
    global longest_turn
    started = time.monotonic()
    while not predicate():
        if time.monotonic() - started > timeout:
            raise SystemExit(f"timed out waiting for {predicate}")
        turn = time.monotonic()
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        longest_turn = max(longest_turn, time.monotonic() - turn)
        time.sleep(0.002)
    return time.monotonic() - started


def settle(seconds: float) -> None:
    deadline = time.monotonic() + seconds
    wait_for(lambda: time.monotonic() >= deadline)


def colour_inside(image: QImage, widget: QWidget, window: QWidget) -> QColor:
    """The colour a tenth of the way across `widget`, half way down (beside mp4_bytes' white bar)."""
    rect = widget.rect()
    point = widget.mapTo(window, rect.topLeft()) + type(rect.topLeft())(rect.width() // 10, rect.height() // 2)
    ratio = image.devicePixelRatio() or 1.0
    return image.pixelColor(int(point.x() * ratio), int(point.y() * ratio))


def main() -> int:
    global longest_turn
    out = Path(sys.argv[1])
    shots = "--no-shots" not in sys.argv
    out.mkdir(parents=True, exist_ok=True)
    clip = Path(tempfile.mkdtemp(prefix="player-")) / "clip.mp4"
    clip.write_bytes(mp4_bytes(seconds=3, width=320, height=192))
    app = QApplication([sys.argv[0]])
    window = QWidget()
    window.setWindowTitle("MediaPlayer")
    player = MediaPlayer(window)
    QVBoxLayout(window).addWidget(player)
    window.resize(640, 460)
    window.show()
    wait_for(lambda: window.windowHandle() is not None and window.windowHandle().isExposed())
    positions: list[float] = []
    states: list[str] = []
    player.positionChanged.connect(positions.append)
    player.stateChanged.connect(states.append)

    screen = app.primaryScreen()
    longest_turn = 0.0
    opened = time.monotonic()
    player.load(clip)  # first load: python-vlc imported, libvlc started (in a worker); the poster too
    load_s = time.monotonic() - opened
    poster_s = 0.0
    if shots:
        poster_s = wait_for(lambda: not player.poster.image.isNull())
        settle(0.2)  # the poster painted
        screen.grabWindow(window.winId()).save(str(out / "player-poster.png"))
    played = time.monotonic()
    player.play()
    vout_s = wait_for(lambda: player._player is not None and player._player.has_vout() > 0)
    first_frame_s = vout_s + wait_for(lambda: player.showing_video)
    open_to_frame_s = time.monotonic() - opened
    stall_s = max(load_s, longest_turn)
    wait_for(lambda: player.position >= 1.2)
    shot = screen.grabWindow(window.winId())
    if shots:
        shot.save(str(out / "player-playing.png"))
    colour = colour_inside(shot.toImage(), player.surface, window)
    wait_for(lambda: player.state == "ended", timeout=10)

    # the file again in the same player: libvlc already running (the warm figure)
    again = time.monotonic()
    player.load(clip)
    player.play()
    warm_vout_s = wait_for(lambda: player._player.has_vout() > 0)
    warm_s = warm_vout_s + wait_for(lambda: player.showing_video)
    player.release()
    print(json.dumps({
        "platform": QApplication.platformName(), "embedded": player.embedded, "states": states,
        "positions": positions, "duration": player.duration, "poster_s": poster_s,
        "first_frame_s": first_frame_s, "open_to_first_frame_s": open_to_frame_s,
        "vout_s": (played - opened) + vout_s, "warm_first_frame_s": warm_s, "warm_vout_s": warm_vout_s,
        "playing_colour": colour.name(),
        "played_at": played - opened, "resumed_at": again - opened, "load_s": load_s, "stall_s": stall_s,
    }), flush=True)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
