"""The media player offscreen: without libvlc it says so in one sentence and offers the system player;
with the real libvlc (the picture drawn nowhere: offscreen lends no window) a real MP4 loads with its
duration, plays with its time advancing, pauses, seeks, loops, stops and ends. The picture in a real
window is tested under Xvfb (tests/e2e/test_player.py)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QImage

import studio.views.player as player_module
from studio.viewmodels.durations import clock
from studio.views.player import MediaPlayer
from tests.support.media import mp4_bytes


class Recorder:
    def __init__(self, player: MediaPlayer) -> None:
        self.positions: list[float] = []
        self.durations: list[float] = []
        self.states: list[str] = []
        self.failures: list[str] = []
        player.positionChanged.connect(self.positions.append)
        player.durationChanged.connect(self.durations.append)
        player.stateChanged.connect(self.states.append)
        player.failed.connect(self.failures.append)


class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    path = tmp_path / "clip.mp4"
    path.write_bytes(mp4_bytes(seconds=3))
    return path


@pytest.fixture
def make_player(qtbot):  # type: ignore[no-untyped-def]
    made: list[MediaPlayer] = []

    def make() -> MediaPlayer:
        player = MediaPlayer()
        qtbot.addWidget(player)
        player.resize(480, 360)
        player.show()
        made.append(player)
        return player

    yield make
    for player in made:
        player.release()


@pytest.fixture
def real_libvlc() -> None:
    if player_module.libvlc() is None:
        pytest.skip(f"libvlc is not installed here ({player_module.load_error()})")


@pytest.mark.parametrize("error", [OSError("libvlc.so.5: cannot open shared object file"),
                                   NameError("name 'dll' is not defined")])
def test_without_libvlc_one_sentence_and_the_system_player(make_player, clip: Path,  # type: ignore[no-untyped-def]
                                                           monkeypatch: pytest.MonkeyPatch, qtbot,
                                                           error: Exception) -> None:
    def missing() -> None:
        raise error

    monkeypatch.setattr(player_module, "_load_vlc", missing)
    monkeypatch.setattr(player_module, "_loaded", None)
    monkeypatch.setattr(player_module, "_load_error", None)
    player = make_player()
    seen = Recorder(player)
    player.load(clip, QImage())
    assert player.available is False
    assert player.path == clip
    sentence = "Videos cannot be played inside the studio because VLC's library is not installed."
    assert player.pages.currentWidget() is player.missing
    assert player.missing_text.text() == sentence and player.missing_text.isVisible()
    assert player.open_external_button.isVisible()
    assert player.open_external_button.text() == "Open with the system player"
    assert seen.failures == [sentence] and seen.states == ["loading", "error"]  # (libvlc's start was tried)
    assert not player.play_button.isEnabled()
    player.play()  # nothing to play: no crash, no state change
    player.seek(1.0)
    assert seen.states == ["loading", "error"]

    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        qtbot.mouseClick(player.open_external_button, player_module.Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [url.toLocalFile() for url in catcher.urls] == [str(clip)]


def test_vlc_is_not_imported_until_the_first_load(make_player, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    calls: list[int] = []
    monkeypatch.setattr(player_module, "_load_vlc", lambda: calls.append(1) or player_module._Libvlc(None, None))
    monkeypatch.setattr(player_module, "_loaded", None)
    monkeypatch.setattr(player_module, "_load_error", None)
    make_player()
    assert calls == []


def test_load_returns_at_once_while_libvlc_starts_in_a_worker(  # type: ignore[no-untyped-def]
        real_libvlc: None, make_player, clip: Path, monkeypatch: pytest.MonkeyPatch, qtbot) -> None:
    running = player_module.libvlc()
    threads: list[str] = []

    def slow_start() -> player_module._Libvlc:
        threads.append(threading.current_thread().name)
        time.sleep(0.5)  # a cold libvlc looking for its plugins
        assert running is not None
        return running

    monkeypatch.setattr(player_module, "_load_vlc", slow_start)
    monkeypatch.setattr(player_module, "_loaded", None)
    monkeypatch.setattr(player_module, "_load_error", None)
    player = make_player()
    seen = Recorder(player)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    began = time.monotonic()
    player.load(clip)
    player.play()  # asked for while libvlc starts: it plays once libvlc is up
    returned = time.monotonic() - began
    assert returned < 0.2, returned
    assert player.state == "loading" and not player.play_button.isEnabled()
    assert player.pages.currentWidget() is player.poster
    qtbot.waitUntil(lambda: player.state == "playing", timeout=10_000)
    took = time.monotonic() - began
    timer.stop()
    assert took >= 0.5 and threads == ["libvlc-start"]  # made in the worker, once
    during = [t for t in ticks if t - began < 0.5]
    assert len(during) >= 10, ticks  # the UI thread kept turning while libvlc started
    assert max(b - a for a, b in zip([began, *during], during, strict=False)) < 0.2
    assert seen.states == ["loading", "stopped", "playing"] and seen.failures == []
    qtbot.waitUntil(lambda: player.position > 0, timeout=10_000)


def test_clock() -> None:
    assert [clock(s) for s in (0, 3.9, 5, 65, 600, 3723, -1, float("nan"))] == [
        "0:00", "0:03", "0:05", "1:05", "10:00", "1:02:03", "0:00", "0:00"]


def test_loads_with_poster_and_duration_then_plays_pauses_seeks_stops(  # type: ignore[no-untyped-def]
        real_libvlc: None, make_player, clip: Path, qtbot) -> None:
    player = make_player()
    seen = Recorder(player)
    poster = QImage(160, 96, QImage.Format.Format_RGB32)
    poster.fill(0x336699)
    player.load(str(clip), poster)
    assert player.available and player.path == clip and player.state == "stopped"
    assert player.pages.currentWidget() is player.poster and not player.poster.image.isNull()
    assert player.play_button.isEnabled()
    assert not player.embedded and "cannot be shown on this display" in player.note.text()
    qtbot.waitUntil(lambda: player.duration > 0, timeout=10_000)  # parsed before play
    assert player.duration == pytest.approx(3.0, abs=0.2) and seen.durations[-1] == player.duration
    assert player.time_label.text() == "0:00 / 0:03"

    player.play()
    assert seen.states[-1] == "playing"
    qtbot.waitUntil(lambda: player.position >= 0.5, timeout=10_000)
    assert seen.positions == sorted(seen.positions)  # the time only moves forward
    assert player.time_label.text().endswith("/ 0:03")
    assert player.seek_slider.value() == pytest.approx(player.position * 1000, abs=1)

    player.toggle()
    assert player.state == "paused"
    paused_at = player.position
    qtbot.wait(400)
    assert player.position == pytest.approx(paused_at, abs=0.2)

    player.seek(2.0)
    assert seen.positions[-1] == 2.0 and player.time_label.text() == "0:02 / 0:03"
    player.set_volume(35)
    assert player.volume == 35 and player.volume_slider.value() == 35
    player.set_volume(250)
    assert player.volume == 100

    player.stop()
    assert player.state == "stopped" and player.position == 0.0 and seen.positions[-1] == 0.0
    assert seen.failures == []


def test_ends_and_loops(real_libvlc: None, make_player, clip: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    player = make_player()
    seen = Recorder(player)
    player.load(clip)
    assert player.poster.text() == "No preview"
    player.seek(2.4)  # before play: kept for the start
    player.play()
    qtbot.waitUntil(lambda: player.state == "ended", timeout=10_000)
    assert seen.states == ["playing", "ended"]
    assert player.position == pytest.approx(3.0, abs=0.2)
    assert min(p for p in seen.positions if p > 0) >= 2.0  # started from the seek, not from 0

    player.set_loop(True)
    assert player.loop_button.isChecked()
    seen.positions.clear()
    player.play()  # after the end: from the start again
    qtbot.waitUntil(lambda: any(p >= 2.5 for p in seen.positions), timeout=10_000)
    qtbot.waitUntil(lambda: seen.positions[-1] < 1.0, timeout=5_000)  # looped back
    assert player.state == "playing" and seen.states[-1] == "playing"
    player.loop_button.click()
    assert player.loop is False


def test_without_a_poster_the_player_makes_one_from_the_frame_near_one_second(  # type: ignore[no-untyped-def]
        make_player, clip: Path, qtbot) -> None:
    pytest.importorskip("studio.storage.media")
    player = make_player()
    player.load(clip)
    assert player.poster.image.isNull() and player.poster.text() == "No preview"
    qtbot.waitUntil(lambda: not player.poster.image.isNull(), timeout=10_000)
    image = player.poster.image
    assert (image.width(), image.height()) == (160, 96)  # the clip's own size (never enlarged)
    # mp4_bytes draws a white bar moving left to right: near 1 s of 3 it is about a third of the way
    row = [image.pixelColor(x, 48).lightness() for x in range(160)]
    bar = row.index(max(row))
    assert 40 <= bar <= 70, bar

    player.load(clip, QImage())  # a poster being made for an earlier load does not land on a later one
    player.set_poster(None)
    qtbot.wait(300)
    assert player.poster.image.isNull()


def test_a_missing_or_unreadable_file_is_one_sentence(real_libvlc: None, make_player, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      qtbot) -> None:
    player = make_player()
    seen = Recorder(player)
    player.load(tmp_path / "gone.mp4")
    assert seen.states == ["error"]
    assert seen.failures == [f"The file {tmp_path / 'gone.mp4'} is missing; it may have been moved or deleted."]

    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"this is not a video at all " * 100)
    seen.failures.clear()
    player.load(junk)
    player.play()
    qtbot.waitUntil(lambda: player.state == "error", timeout=10_000)
    assert seen.failures == ["junk.mp4 cannot be played: VLC could not read it."]
    assert player.pages.currentWidget() is player.poster


def test_release_frees_libvlc_and_the_widget_can_load_again(real_libvlc: None, make_player,  # type: ignore[no-untyped-def]
                                                            clip: Path, qtbot) -> None:
    player = make_player()
    player.load(clip)
    player.play()
    qtbot.waitUntil(lambda: player.position > 0, timeout=10_000)
    player.release()
    assert player._player is None and not player._timer.isActive()
    player.load(clip)
    player.play()
    qtbot.waitUntil(lambda: player.position > 0, timeout=10_000)
    player.close()
    assert player._player is None
