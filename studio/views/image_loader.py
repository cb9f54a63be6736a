"""Decoding image files for display off the UI thread: a `QRunnable` per file on Qt's global pool
scales a `QImage` (safe outside the GUI thread) and hands it back through a queued signal; the view
turns it into a `QPixmap` on the UI thread (a HEIC photo, which Qt cannot read, is decoded by Pillow). Used
by the Image tab for results, grids and references, and the Video tab for its frames."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage, QImageReader

from studio.services.inputs import allow_heif
from studio.storage.filetypes import sniff_heif
from studio.views.qt_images import QT_IMAGES


class _Hub(QObject):
    """Where every decoded picture is announced: one object made on the UI thread that lives as long as the
    application, so a worker never emits through an object a closed view has deleted (which crashes)."""

    loaded = Signal(int, str, QImage)  # the asking loader's number, key, image (null when unreadable)


_HUB: _Hub | None = None
_NUMBERS = itertools.count(1)


def _hub() -> _Hub:
    global _HUB
    if _HUB is None:
        _HUB = _Hub()
    return _HUB


class _Load(QRunnable):
    def __init__(self, owner: int, key: str, path: str, size: int, hub: _Hub) -> None:
        super().__init__()
        self._owner, self._key, self._path, self._size, self._hub = owner, key, path, size, hub

    def run(self) -> None:
        with QT_IMAGES:
            reader = QImageReader(self._path)
            reader.setAutoTransform(True)
            full = reader.size()
            if full.isValid() and (full.width() > self._size or full.height() > self._size):
                reader.setScaledSize(full.scaled(QSize(self._size, self._size), Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
        if image.isNull():
            image = _heif_image(self._path, self._size)
        self._hub.loaded.emit(self._owner, self._key, image)


def _heif_image(path: str, size: int) -> QImage:
    """Worker thread: a HEIC photo (which Qt cannot read) decoded by Pillow, at most `size` on its longest
    side; a null image for anything else."""
    try:
        with open(path, "rb") as handle:
            if sniff_heif(handle.read(16)) is None:
                return QImage()
        from PIL import Image, ImageOps

        allow_heif()
        with Image.open(path) as opened:
            picture = ImageOps.exif_transpose(opened).convert("RGBA")
    except Exception:  # Pillow raises many kinds on damaged files; the view says it cannot show it
        return QImage()
    picture.thumbnail((size, size))
    data = picture.tobytes()
    image = QImage(data, picture.width, picture.height, 4 * picture.width, QImage.Format.Format_RGBA8888)
    return image.copy()  # (the QImage above borrows `data`)


class ImageLoader(QObject):
    """`load(key, path, size)`; `loaded(key, QImage)` arrives on the UI thread."""

    loaded = Signal(str, QImage)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._number = next(_NUMBERS)
        self._hub = _hub()
        # queued: delivered on the UI thread; Qt drops the connection when this loader is deleted, so a
        # picture that finishes after its view closed is simply not delivered
        self._hub.loaded.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def load(self, key: str, path: str, size: int) -> None:
        QThreadPool.globalInstance().start(_Load(self._number, key, path, size, self._hub))

    @Slot(int, str, QImage)
    def _deliver(self, owner: int, key: str, image: QImage) -> None:
        if owner == self._number:
            self.loaded.emit(key, image)
