"""Gallery thumbnails made ready to paint: the list model's PNG bytes decoded into a `QImage` in a worker
thread (never on the UI thread), wrapped into a `QPixmap` on the UI thread and kept in a bounded cache.

`ThumbnailPixmaps.pixmap(key)` answers from the cache; `request(key, data)` queues a decode, newest
request first, a couple at once (the list model already holds its loads back while the view scrolls, so
bytes arrive for the screen the scroll stops on). `ready(key)` says a pixmap was added, for the view to
repaint that cell. Workers report through one long-lived relay object, which a decoder gone meanwhile
simply no longer listens to.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QByteArray, QCoreApplication, QObject, Signal, Slot
from PySide6.QtGui import QImage, QPixmap

from studio.views.qt_images import QT_IMAGES

#: decoded thumbnails kept (~100 KB each at 160 px): many screens' worth, a bounded total
PIXMAP_CACHE = 600
#: decodes at once per decoder; the rest wait, newest request first
DECODES_IN_FLIGHT = 2
#: requests remembered while waiting; older ones (cells scrolled past) are forgotten and asked again if painted
QUEUE_LIMIT = 160

_tokens = itertools.count(1)
_relay: _DecodeRelay | None = None
_pool: ThreadPoolExecutor | None = None


class _DecodeRelay(QObject):
    """Lives in the GUI thread for the whole session; workers emit on it, decoders pick their token."""

    done = Signal(int, str, QImage)  # token, key, image (null when the bytes are not a picture)


def _decode_relay() -> _DecodeRelay:
    global _relay
    if _relay is None:
        _relay = _DecodeRelay(QCoreApplication.instance())
    return _relay


def _decode_pool() -> ThreadPoolExecutor:
    """A small pool of its own: a screen of thumbnails never waits behind a large picture being decoded
    for the viewer on Qt's global pool, and the queue order stays ours."""
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=DECODES_IN_FLIGHT, thread_name_prefix="studio-thumb-decode")
    return _pool


def decode_thumbnail(data: bytes) -> QImage:
    """Worker thread: PNG bytes → a QImage already in the format a QPixmap wants (null if undecodable).

    Thumbnails are stored as RGBA; most are fully opaque, and an opaque pixmap is copied onto the screen
    instead of blended (several times faster per cell while scrolling), so those become RGB32."""
    with QT_IMAGES:
        # thumbnails are PNG: no other reader is tried (the stubs say bytes; PySide6 takes str)
        image = QImage.fromData(QByteArray(data), "PNG")  # type: ignore[arg-type]
    if image.isNull():
        return image
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    alpha = bytes(image.constBits())[3::4]  # ARGB32 in memory order B, G, R, A
    if alpha.count(255) == len(alpha):
        return image.convertToFormat(QImage.Format.Format_RGB32)
    return image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)


def _decode(relay: _DecodeRelay, token: int, key: str, data: bytes) -> None:
    image = decode_thumbnail(data)
    try:
        relay.done.emit(token, key, image)
    except RuntimeError:
        pass  # the application is gone (shutdown): nobody to tell


class ThumbnailPixmaps(QObject):
    """Pixmaps by key (the asset id), decoded from PNG bytes off the UI thread; see the module docstring."""

    #: a pixmap for this key is in the cache now (repaint its cell)
    ready = Signal(str)

    def __init__(self, parent: QObject | None = None, *, cache_size: int = PIXMAP_CACHE,
                 in_flight: int = DECODES_IN_FLIGHT) -> None:
        super().__init__(parent)
        self._token = next(_tokens)
        self._cache_size = cache_size
        self._in_flight = in_flight
        self._pixmaps: OrderedDict[str, tuple[QPixmap, int, int]] = OrderedDict()
        self._queue: OrderedDict[str, bytes] = OrderedDict()
        self._running: set[str] = set()
        self._failed: set[str] = set()
        self._relay = _decode_relay()
        self._relay.done.connect(self._done)
        #: figure for tests and benchmarks: thumbnails decoded
        self.decoded = 0

    def pixmap(self, key: str) -> tuple[QPixmap, int, int] | None:
        """(pixmap, width, height) when decoded (it becomes the most recently used), else None."""
        found = self._pixmaps.get(key)
        if found is not None:
            self._pixmaps.move_to_end(key)
        return found

    def peek(self, key: str) -> QPixmap | None:
        """The cached pixmap without touching the cache order (tests, benchmarks)."""
        found = self._pixmaps.get(key)
        return found[0] if found is not None else None

    def request(self, key: str, data: bytes) -> None:
        """Decode `data` for `key` unless that is under way (or failed before); newest request first."""
        if key in self._running or key in self._failed or key in self._pixmaps:
            return
        if key in self._queue:
            self._queue.move_to_end(key)
        else:
            self._queue[key] = data
            if len(self._queue) > QUEUE_LIMIT:
                self._queue.popitem(last=False)
        self._start()

    def discard(self, key: str) -> None:
        """Forget `key` (its asset was deleted)."""
        self._pixmaps.pop(key, None)
        self._queue.pop(key, None)
        self._failed.discard(key)

    def _start(self) -> None:
        while len(self._running) < self._in_flight and self._queue:
            key, data = self._queue.popitem(last=True)
            self._running.add(key)
            _decode_pool().submit(_decode, self._relay, self._token, key, data)

    @Slot(int, str, QImage)
    def _done(self, token: int, key: str, image: QImage) -> None:
        if token != self._token:
            return
        self._running.discard(key)
        if image.isNull():
            self._failed.add(key)  # not a picture: the placeholder stays
        else:
            self.decoded += 1
            self._pixmaps[key] = (QPixmap.fromImage(image), image.width(), image.height())
            while len(self._pixmaps) > self._cache_size:
                self._pixmaps.popitem(last=False)
            self.ready.emit(key)
        self._start()
