"""The one media player of the app: a video (or a sound) plays inside a tab or a dialog, on libvlc.

libvlc decodes and draws; Qt only lends it a native window. The surface is a child widget with a native
window of its own (`WA_NativeWindow`) whose id goes to libvlc with the call of the platform (X11 window,
Windows HWND, macOS NSView). On a platform with no window to lend (offscreen, Wayland) the sound still
plays and the widget says the picture cannot be shown here.

python-vlc is imported and libvlc started in a worker thread (never at start-up, the app opens without it):
`warm_up()` starts it when the Video tab is built or the first preview opens, since a cold libvlc takes
seconds to find its plugins and the UI must not freeze meanwhile. A `load` before it is up shows the poster
at once, waits in the state "loading" and opens the file when it is (a `play` meanwhile plays then); the
media and player objects are made on the GUI thread after that (cheap). A machine without libvlc gets one
sentence and a button that opens the file in the system's player instead.
libvlc reports its events on its own threads, where Qt must not be touched, so the widget asks libvlc
for its time and state with a QTimer on the GUI thread instead of listening to them. The poster (a frame
near 1 s, or an audio file's cover) stays up until the first video frame is drawn, so a clip never
opens on a black rectangle and a sound keeps its picture.

Whoever owns a player calls `release()` (or `close()`) before throwing it away: libvlc stops drawing
into the native window before Qt destroys it.
"""

from __future__ import annotations

import importlib
import itertools
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QCloseEvent, QDesktopServices, QGuiApplication, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.viewmodels.durations import clock
from studio.views.icons import icon
from studio.views.qt_images import QT_IMAGES

#: how often the widget asks libvlc where it is (ms): smooth enough for a seek bar, cheap for the CPU
POLL_MS = 150
#: how far (s) the position runs on by the wall clock past libvlc's last reported time
_CARRY_ON = 0.5
#: a step back (s) smaller than this is libvlc's clock catching up with ours, not a seek
_JITTER = 0.3
#: how long (s) a seek may take to show in libvlc's time, and how far a time before it may lie
_SETTLE = 1.0
#: libvlc's command line for the app's one instance: no console chatter, no file name drawn on the video
VLC_ARGS = ("--quiet", "--no-video-title-show")
#: the platforms whose native window id libvlc can draw into
EMBEDDABLE = frozenset({"xcb", "windows", "cocoa"})

#: the longest side of the poster a player makes itself (a frame near 1 s, decoded by PyAV)
POSTER_SIDE = 960

STOPPED, PLAYING, PAUSED, ENDED, ERROR = "stopped", "playing", "paused", "ended", "error"
#: the state of a player whose file waits for libvlc to start
LOADING = "loading"


@dataclass(slots=True)
class _Libvlc:
    module: Any  # the python-vlc module (no type information shipped)
    instance: Any  # vlc.Instance, one for the whole process


def _load_vlc() -> _Libvlc:
    """Import python-vlc and start libvlc; raises what python-vlc raises when the library is missing."""
    module = importlib.import_module("vlc")
    arguments = list(VLC_ARGS)
    if QGuiApplication.platformName() not in EMBEDDABLE:
        arguments.append("--vout=dummy")  # nowhere to draw: frames are paced, never shown in a window of its own
    instance = module.Instance(arguments)
    if instance is None:  # libvlc_new failed: the library is there, its plugins are not
        raise OSError("libvlc could not start")
    return _Libvlc(module, instance)


_loaded: _Libvlc | None = None
_load_error: str | None = None
_loading = threading.Lock()  # one start at a time: the worker's, or a caller's that cannot wait
_starter: threading.Thread | None = None
_notice: _Started | None = None


class _Started(QObject):
    """Lives in the GUI thread for the whole session; the worker that starts libvlc emits `done` on it, so
    the players hear it (queued) on the GUI thread."""

    done = Signal()


def _started_notice() -> _Started:
    global _notice
    if _notice is None:
        _notice = _Started(QCoreApplication.instance())
    return _notice


def _start() -> None:
    """Any thread: import python-vlc and start libvlc unless that is done (waits for a start under way)."""
    global _loaded, _load_error
    with _loading:
        if _loaded is None and _load_error is None:
            try:
                _loaded = _load_vlc()
            except (ImportError, OSError, NameError, AttributeError, NotImplementedError) as exc:
                # python-vlc raises OSError/NameError (and some versions NotImplementedError) without libvlc
                _load_error = str(exc) or type(exc).__name__


def started() -> bool:
    """Whether libvlc's start is over (it runs, or `load_error()` says why not)."""
    return _loaded is not None or _load_error is not None


def warm_up() -> None:
    """GUI thread: start libvlc in a worker thread, unless it is started or starting."""
    global _starter
    notice = _started_notice()
    if started() or (_starter is not None and _starter.is_alive()):
        return

    def run() -> None:
        _start()
        try:
            notice.done.emit()
        except RuntimeError:  # the application is gone (it quit while libvlc started)
            pass

    _starter = threading.Thread(target=run, name="libvlc-start", daemon=True)
    _starter.start()


def libvlc() -> _Libvlc | None:
    """The process's libvlc, started now (on this thread) if no worker did yet, waiting for one under way;
    None (and `load_error()` says why) when it is missing."""
    _start()
    return _loaded


def load_error() -> str | None:
    return _load_error


def poster_image(path: Path, size: int = POSTER_SIDE) -> QImage:
    """Worker thread: the frame near 1 s of the video at `path` (studio/storage/media.py `poster`), or a
    null image when there is none (a sound without a cover, a file PyAV cannot read)."""
    try:
        media = importlib.import_module("studio.storage.media")
    except ImportError:
        return QImage()
    try:
        data = media.poster(path, at=1.0, size=size)
    except (StudioError, OSError, ValueError):
        return QImage()
    with QT_IMAGES:
        return QImage.fromData(data)


_tokens = itertools.count(1)
_relay: _PosterRelay | None = None


class _PosterRelay(QObject):
    """Lives in the GUI thread for the whole session; workers emit on it, players pick their token."""

    done = Signal(int, QImage)


def _poster_relay() -> _PosterRelay:
    global _relay
    if _relay is None:
        _relay = _PosterRelay(QCoreApplication.instance())
    return _relay


class _MakePoster(QRunnable):
    def __init__(self, token: int, path: Path) -> None:
        super().__init__()
        self._token = token
        self._path = path

    def run(self) -> None:
        _poster_relay().done.emit(self._token, poster_image(self._path))


class _Surface(QFrame):
    """The native window libvlc draws into (black behind the picture's letterbox)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("mediaPlayerSurface")
        if QGuiApplication.platformName() in EMBEDDABLE:  # elsewhere a native child window serves nothing
            self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow, True)
            self.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors, True)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), Qt.GlobalColor.black)
        self.setPalette(palette)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)


class _Poster(QLabel):
    """The poster scaled to fit, kept sharp on resize."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("mediaPlayerPoster")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(QSize(160, 90))
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setStyleSheet("#mediaPlayerPoster { background: black; color: #bbb; }")
        self._image = QImage()
        self._placeholder = ""

    def set_image(self, image: QImage | None, placeholder: str = "") -> None:
        """`image`, or `placeholder` in words when there is none."""
        self._image = QImage(image) if image is not None and not image.isNull() else QImage()
        self._placeholder = placeholder
        self._rescale()

    @property
    def image(self) -> QImage:
        return QImage(self._image)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self._image.isNull():
            self.setText(self._placeholder)  # (also drops an earlier pixmap)
            return
        ratio = self.devicePixelRatioF()
        size = self.size() * ratio
        scaled = self._image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                    Qt.TransformationMode.SmoothTransformation)
        pixmap = QPixmap.fromImage(scaled)
        pixmap.setDevicePixelRatio(ratio)
        self.setPixmap(pixmap)


class MediaPlayer(QWidget):
    """Plays one file at a time. Signals: `positionChanged(seconds)`, `durationChanged(seconds)`,
    `stateChanged("loading"|"stopped"|"playing"|"paused"|"ended"|"error")` ("loading": the file waits
    for libvlc to start), `failed(sentence)`."""

    positionChanged = Signal(float)
    durationChanged = Signal(float)
    stateChanged = Signal(str)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mediaPlayer")
        self._path: Path | None = None
        self._player: Any = None  # vlc.MediaPlayer, made on the first load
        self._media: Any = None
        self._state = STOPPED
        self._position = 0.0
        self._duration = 0.0
        self._loop = False
        self._volume = 80
        self._pending_seek: float | None = None
        self._play_when_started = False  # play was asked for while libvlc started
        self._showing_video = False
        self._seeking = False
        self._attached = False
        self._poster_token = 0
        self._vlc_ms = -1  # libvlc's last reported time and when it was seen (time.monotonic)
        self._vlc_at = 0.0
        self._settle_until = 0.0  # after a seek, until libvlc reports the new time
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        _poster_relay().done.connect(self._poster_made)
        _started_notice().done.connect(self._libvlc_started)
        self._build()

    # -- construction ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.poster = _Poster(self)
        self.surface = _Surface(self)
        self.missing = QWidget(self)
        self.missing.setObjectName("mediaPlayerMissing")
        self.missing_text = QLabel(self.tr(
            "Videos cannot be played inside the studio because VLC's library is not installed."), self.missing)
        self.missing_text.setObjectName("mediaPlayerMissingText")
        self.missing_text.setWordWrap(True)
        self.missing_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.open_external_button = QPushButton(self.tr("Open with the system player"), self.missing)
        self.open_external_button.setObjectName("mediaPlayerOpenExternal")
        self.open_external_button.clicked.connect(self.open_externally)
        missing_layout = QVBoxLayout(self.missing)
        missing_layout.addStretch(1)
        missing_layout.addWidget(self.missing_text)
        missing_layout.addWidget(self.open_external_button, 0, Qt.AlignmentFlag.AlignHCenter)
        missing_layout.addStretch(1)

        self.pages = QStackedLayout()
        self.pages.addWidget(self.poster)
        self.pages.addWidget(self.surface)
        self.pages.addWidget(self.missing)

        self.note = QLabel(self)
        self.note.setObjectName("mediaPlayerNote")
        self.note.setWordWrap(True)
        self.note.hide()

        self.play_button = QToolButton(self)
        self.play_button.setObjectName("mediaPlayerPlay")
        self.play_button.setIcon(icon("play"))
        self.play_button.setToolTip(self.tr("Play"))
        self.play_button.clicked.connect(self.toggle)
        self.seek_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.seek_slider.setObjectName("mediaPlayerSeek")
        self.seek_slider.setRange(0, 0)
        self.seek_slider.setToolTip(self.tr("Position"))
        self.seek_slider.sliderPressed.connect(self._seek_pressed)
        self.seek_slider.sliderMoved.connect(self._seek_moved)
        self.seek_slider.sliderReleased.connect(self._seek_released)
        self.seek_slider.actionTriggered.connect(self._seek_action)
        self.time_label = QLabel(self)
        self.time_label.setObjectName("mediaPlayerTime")
        self.time_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.volume_slider.setObjectName("mediaPlayerVolume")
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setValue(self._volume)
        self.volume_slider.setFixedWidth(90)
        self.volume_slider.setToolTip(self.tr("Volume"))
        self.volume_slider.valueChanged.connect(self.set_volume)
        self.volume_icon = volume_icon = QLabel(self)
        volume_icon.setObjectName("mediaPlayerVolumeIcon")
        volume_icon.setPixmap(icon("volume").pixmap(16, 16))
        self.loop_button = QToolButton(self)
        self.loop_button.setObjectName("mediaPlayerLoop")
        self.loop_button.setText(self.tr("Loop"))
        self.loop_button.setIcon(icon("loop"))
        self.loop_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.loop_button.setToolTip(self.tr("Play again from the start at the end"))
        self.loop_button.setCheckable(True)
        self.loop_button.toggled.connect(self.set_loop)

        self.controls = QWidget(self)
        self.controls.setObjectName("mediaPlayerControls")
        bar = QHBoxLayout(self.controls)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.play_button)
        bar.addWidget(self.seek_slider, 1)
        bar.addWidget(self.time_label)
        bar.addSpacing(6)
        bar.addWidget(volume_icon)
        bar.addWidget(self.volume_slider)
        bar.addWidget(self.loop_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self.pages, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.controls)
        self._show_time()
        self._set_controls_enabled(False)

    def _set_controls_enabled(self, enabled: bool) -> None:
        for widget in (self.play_button, self.seek_slider, self.volume_slider, self.loop_button):
            widget.setEnabled(enabled)

    # -- state readers ---------------------------------------------------------------------------

    @property
    def available(self) -> bool:
        """Whether libvlc could be loaded (asking waits for it, and opens a file waiting for it)."""
        vlc = libvlc()
        if self._state == LOADING:
            self._libvlc_started()
        return vlc is not None

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def state(self) -> str:
        return self._state

    @property
    def position(self) -> float:
        return self._position

    @property
    def duration(self) -> float:
        return self._duration

    @property
    def loop(self) -> bool:
        return self._loop

    @property
    def volume(self) -> int:
        return self._volume

    @property
    def showing_video(self) -> bool:
        """True once libvlc draws the picture (the poster is down)."""
        return self._showing_video

    @property
    def embedded(self) -> bool:
        """Whether this platform lends libvlc a window to draw the picture in."""
        return QGuiApplication.platformName() in EMBEDDABLE

    # -- the public commands ---------------------------------------------------------------------

    def load(self, path: Path | str, poster: QImage | None = None, *, duration: float | None = None) -> None:
        """Get `path` ready to play, showing `poster` until the first frame is drawn; without one the
        player decodes the frame near 1 s itself (in a worker thread) and shows it when it is ready. `duration`:
        the length when it is known already (the gallery's), shown before libvlc has read the file."""
        self._stop_player()
        self._path = Path(path)
        self.set_poster(poster)
        if (poster is None or poster.isNull()) and self._path.is_file():
            self._poster_token = next(_tokens)
            QThreadPool.globalInstance().start(_MakePoster(self._poster_token, self._path))
        self.pages.setCurrentWidget(self.poster)
        self._showing_video = False
        self._pending_seek = None
        self._play_when_started = False
        self._set_duration(duration if duration and duration > 0 else 0.0)
        self._jump(0.0)
        if not started():  # libvlc is starting in a worker: the file opens when it is up
            self._set_controls_enabled(False)
            self._set_state(LOADING)
            warm_up()
            return
        self._open()

    @Slot()
    def _libvlc_started(self) -> None:
        if self._state != LOADING:
            return
        play = self._play_when_started
        self._open()
        if play and self._state == STOPPED:
            self.play()

    def _open(self) -> None:
        """The file at `self._path` handed to libvlc (started by now)."""
        assert self._path is not None
        self._play_when_started = False
        vlc = libvlc()
        if vlc is None:
            self.pages.setCurrentWidget(self.missing)
            self._set_controls_enabled(False)
            self._set_state(ERROR)
            self.failed.emit(self.missing_text.text())
            return
        if not self._path.is_file():
            self._set_controls_enabled(False)
            self._set_state(ERROR)
            self.failed.emit(self.tr("The file {0} is missing; it may have been moved or deleted.").format(
                self._path))
            return
        if self._player is None:
            self._player = vlc.instance.media_player_new()
        media = vlc.instance.media_new_path(str(self._path))
        if not self.embedded:
            self.note.setText(self.tr("The picture cannot be shown on this display ({0}); only the sound plays.")
                              .format(QGuiApplication.platformName()))
            self.note.show()
        else:
            self.note.hide()
        media.parse_with_options(vlc.module.MediaParseFlag.local, 0)  # the duration before play
        if self._media is not None:
            self._media.release()
        self._media = media
        self._player.set_media(media)
        self._attached = False
        self._set_controls_enabled(True)
        self._set_state(STOPPED)
        self._timer.start()  # until the duration is known, then while playing

    def set_poster(self, image: QImage | None) -> None:
        """The picture shown before play and after the end (a cover for a sound)."""
        self._poster_token = 0  # a poster still being made for this file is no longer wanted
        self.poster.set_image(image, self.tr("No preview"))

    @Slot(int, QImage)
    def _poster_made(self, token: int, image: QImage) -> None:
        if token == self._poster_token:
            self._poster_token = 0
            if not image.isNull():
                self.poster.set_image(image, self.tr("No preview"))

    @Slot()
    def play(self) -> None:
        if self._state == LOADING:
            self._play_when_started = True
            return
        if self._player is None:
            return
        if self._state == ENDED:
            self._player.stop()
            self._jump(0.0)
        self._vlc_ms = -1
        self._attach()
        self._player.audio_set_volume(self._volume)
        if self._player.play() == -1:
            self._fail()
            return
        self._set_state(PLAYING)
        self._timer.start()

    @Slot()
    def pause(self) -> None:
        self._play_when_started = False
        if self._player is None or self._state != PLAYING:
            return
        self._player.set_pause(1)
        self._vlc_ms = -1
        self._set_state(PAUSED)

    @Slot()
    def toggle(self) -> None:
        if self._state == PLAYING or (self._state == LOADING and self._play_when_started):
            self.pause()
        else:
            self.play()

    @Slot()
    def stop(self) -> None:
        self._play_when_started = False
        if self._player is None:
            return
        self._player.stop()
        self._pending_seek = None
        self._show_poster()
        self._set_state(STOPPED)
        self._jump(0.0)

    def seek(self, seconds: float) -> None:
        """Jump to `seconds` (kept for the start when nothing plays yet)."""
        if self._state == LOADING:
            self._pending_seek = max(0.0, seconds)
            self._jump(self._pending_seek)
            return
        if self._player is None:
            return
        seconds = max(0.0, seconds if self._duration <= 0 else min(seconds, self._duration))
        if self._state in (PLAYING, PAUSED) and self._player.is_seekable():
            self._player.set_time(int(seconds * 1000))
            self._settle_until = time.monotonic() + _SETTLE
        else:
            self._pending_seek = seconds
        self._jump(seconds)

    @Slot(bool)
    def set_loop(self, on: bool) -> None:
        self._loop = bool(on)
        if self.loop_button.isChecked() != self._loop:
            self.loop_button.setChecked(self._loop)

    @Slot(int)
    def set_volume(self, percent: int) -> None:
        self._volume = max(0, min(100, int(percent)))
        if self.volume_slider.value() != self._volume:
            self.volume_slider.setValue(self._volume)
        if self._player is not None:
            self._player.audio_set_volume(self._volume)

    @Slot()
    def open_externally(self) -> None:
        """The file in the system's own player (the way out when libvlc is missing)."""
        if self._path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._path)))

    def release(self) -> None:
        """Stop and free libvlc's player (before the native window goes away); the widget can load again."""
        self._timer.stop()
        self._play_when_started = False
        if self._state == LOADING:  # the file waiting for libvlc is no longer wanted
            self._set_state(STOPPED)
        if self._player is not None:
            self._player.stop()
            self._player.release()
            self._player = None
        if self._media is not None:
            self._media.release()
            self._media = None
        self._attached = False

    # -- libvlc plumbing -------------------------------------------------------------------------

    def _attach(self) -> None:
        """Hand libvlc the surface's native window (once per player)."""
        if self._attached or not self.embedded:
            return
        handle = int(self.surface.winId())
        platform = QGuiApplication.platformName()
        if platform == "xcb":
            self._player.set_xwindow(handle)
        elif platform == "windows":
            self._player.set_hwnd(handle)
        elif platform == "cocoa":
            self._player.set_nsobject(handle)
        self._attached = True

    def _stop_player(self) -> None:
        if self._player is not None:
            self._player.stop()
        self._timer.stop()

    def _poll(self) -> None:
        """Every POLL_MS on the GUI thread: libvlc's time, length, state and whether a frame is up."""
        player = self._player
        vlc = _loaded
        if player is None or vlc is None:
            self._timer.stop()
            return
        if self._duration <= 0:
            length = player.get_length()
            if length <= 0 and self._media is not None:
                length = self._media.get_duration()
            if length > 0:
                self._set_duration(length / 1000)
        State = vlc.module.State
        state = player.get_state()
        if state == State.Error or (state == State.Ended and not self._has_tracks()):
            self._fail()  # (libvlc "ends" a file it found nothing playable in)
            return
        if state == State.Ended:
            if self._loop:
                player.stop()
                self._attach()
                player.play()
                self._jump(0.0)
                return
            self._jump(self._duration or self._position)
            self._show_poster()
            self._set_state(ENDED)
            self._timer.stop()
            return
        if state == State.Playing and self._pending_seek is not None and player.is_seekable():
            player.set_time(int(self._pending_seek * 1000))
            self._pending_seek = None
            return
        if state in (State.Playing, State.Paused):
            if not self._showing_video and self.embedded and player.has_vout() > 0:
                self._showing_video = True
                self.pages.setCurrentWidget(self.surface)
            self._follow_time(player.get_time(), state == State.Playing)
        if self._state == STOPPED and self._duration > 0:
            self._timer.stop()  # the duration is known; nothing moves until play

    def _follow_time(self, milliseconds: int, playing: bool) -> None:
        """libvlc moves its clock only a few times a second (every ~0.5 s for a silent clip): between
        two moves the position carries on by the wall clock, and a jitter backwards is not shown."""
        if milliseconds < 0 or self._pending_seek is not None:
            return
        now = time.monotonic()
        if now < self._settle_until and abs(milliseconds / 1000 - self._position) > _SETTLE:
            return  # libvlc still reports the time before the seek
        if milliseconds != self._vlc_ms:
            self._vlc_ms, self._vlc_at = milliseconds, now
            seconds = milliseconds / 1000
        else:
            seconds = milliseconds / 1000 + (min(now - self._vlc_at, _CARRY_ON) if playing else 0.0)
        if self._duration > 0:
            seconds = min(seconds, self._duration)
        if seconds == self._position or 0 < self._position - seconds < _JITTER:
            return
        self._position = seconds
        self.positionChanged.emit(seconds)
        self._show_time()

    def _jump(self, seconds: float) -> None:
        """The position set by us (load, seek, stop, end, loop), not followed from libvlc."""
        self._vlc_ms = -1
        self._position = seconds
        self.positionChanged.emit(seconds)
        self._show_time()

    def _has_tracks(self) -> bool:
        return self._media is not None and any(True for _ in (self._media.tracks_get() or ()))

    def _fail(self) -> None:
        self._timer.stop()
        self._show_poster()
        self._set_state(ERROR)
        name = self._path.name if self._path is not None else ""
        self.failed.emit(self.tr("{0} cannot be played: VLC could not read it.").format(name))

    # -- display ---------------------------------------------------------------------------------

    def _show_poster(self) -> None:
        self._showing_video = False
        if self.pages.currentWidget() is self.surface:
            self.pages.setCurrentWidget(self.poster)

    def _set_state(self, state: str) -> None:
        playing = state == PLAYING
        self.play_button.setIcon(icon("pause" if playing else "play"))
        self.play_button.setToolTip(self.tr("Pause") if playing else self.tr("Play"))
        if state != self._state:
            self._state = state
            self.stateChanged.emit(state)

    def _set_duration(self, seconds: float) -> None:
        if seconds == self._duration:
            return
        self._duration = seconds
        self.seek_slider.setRange(0, int(seconds * 1000))
        self.durationChanged.emit(seconds)
        self._show_time()

    def _show_time(self) -> None:
        if not self._seeking:
            self.seek_slider.blockSignals(True)
            self.seek_slider.setValue(int(self._position * 1000))
            self.seek_slider.blockSignals(False)
        duration = clock(round(self._duration)) if self._duration > 0 else "–:––"
        self.time_label.setText(self.tr("{0} / {1}").format(clock(self._position), duration))

    # -- the seek bar ----------------------------------------------------------------------------

    @Slot()
    def _seek_pressed(self) -> None:
        self._seeking = True

    @Slot(int)
    def _seek_moved(self, value: int) -> None:
        duration = clock(round(self._duration)) if self._duration > 0 else "–:––"
        self.time_label.setText(self.tr("{0} / {1}").format(clock(value / 1000), duration))

    @Slot()
    def _seek_released(self) -> None:
        self._seeking = False
        self.seek(self.seek_slider.value() / 1000)

    @Slot(int)
    def _seek_action(self, action: int) -> None:
        """A click beside the handle or a key press (not a drag): seek where the slider goes."""
        if action in (QAbstractSlider.SliderAction.SliderMove.value, QAbstractSlider.SliderAction.SliderNoAction.value):
            return
        if not self._seeking:
            self.seek(self.seek_slider.sliderPosition() / 1000)

    # -- lifetime --------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.release()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the label's pixmap is drawn once: again in the new theme
            self.volume_icon.setPixmap(icon("volume").pixmap(16, 16))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.DeferredDelete:
            self.release()  # deleteLater: libvlc lets go of the window before Qt destroys it
        return super().event(event)
