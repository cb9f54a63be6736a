"""A dialog that shows one image file large: zoom (wheel, + and −, Fit, 100 %), drag to pan, copy the picture.

The file is decoded by a `QRunnable` on Qt's global thread pool (`QImageReader` is safe outside the GUI
thread), so a fifty-megapixel picture never freezes the window; the image comes back through a queued
signal of one long-lived relay object, which a viewer closed meanwhile simply no longer listens to. A
missing or unreadable file is said in one sentence instead. Used by the Gallery and the Image tab; opened
from the Gallery (with its view-model and the asset's id) it also walks through the gallery's current filter
with the arrow keys and shows the asset's details beside the picture (studio/views/asset_details.py).
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRunnable, QSize, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QImageReader,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.views.banner import ErrorBanner
from studio.views.qt_images import QT_IMAGES

if TYPE_CHECKING:
    from studio.gallery.store import Asset
    from studio.viewmodels.gallery import GalleryViewModel
    from studio.views.asset_details import GalleryBrowser

MIN_ZOOM = 0.02
MAX_ZOOM = 32.0
#: one wheel notch or one +/− press
ZOOM_STEP = 1.25
#: neighbours decoded ahead (one each way) ...
AHEAD = 2
#: ... when they are no larger than this (a decoded picture takes 4 bytes a pixel)
AHEAD_MAX_PIXELS = 24_000_000
_MISSING = "\0missing"

_tokens = itertools.count(1)
_relay: _DecodeRelay | None = None
#: tokens of decodes a viewer still waits for: one queued behind others and no longer wanted (the user went
#: on to the next picture, or closed the viewer) is skipped instead of decoding a large file for nothing
_wanted: set[int] = set()


class _DecodeRelay(QObject):
    """Lives in the GUI thread for the whole session; workers emit on it, viewers pick their token."""

    done = Signal(int, QImage, str)  # token, image (null on failure), "" or why it failed


def _decode_relay() -> _DecodeRelay:
    global _relay
    if _relay is None:
        _relay = _DecodeRelay(QCoreApplication.instance())
    return _relay


class _Decode(QRunnable):
    def __init__(self, token: int, path: Path) -> None:
        super().__init__()
        self._token = token
        self._path = path

    def run(self) -> None:
        if self._token not in _wanted:
            return
        image, problem = decode_image(self._path)
        _decode_relay().done.emit(self._token, image, problem)


def decode_image(path: Path) -> tuple[QImage, str]:
    """Worker thread: the image (EXIF orientation applied) in a format a QPixmap takes without
    converting, or a null image and the reason."""
    if not path.is_file():
        return QImage(), _MISSING
    with QT_IMAGES:
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        image = reader.read()
        problem = reader.errorString() if image.isNull() else ""
    if image.isNull():
        return QImage(), problem
    wanted = QImage.Format.Format_ARGB32_Premultiplied if image.hasAlphaChannel() else QImage.Format.Format_RGB32
    return image.convertToFormat(wanted), ""


class _ImageView(QGraphicsView):
    """Wheel zooms (with or without Ctrl: there is nothing to scroll that dragging cannot reach)."""

    def __init__(self, viewer: ImageViewer) -> None:
        super().__init__(viewer)
        self._viewer = viewer

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta:
            self._viewer.zoom_by(ZOOM_STEP ** (delta / 120), under_mouse=True)
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._viewer._refit()


class ImageViewer(QDialog):
    """Shows `path`; `loaded(True)` once the image is on screen, `loaded(False)` with `message` set.

    With `gallery` and `asset_id` it is the Gallery's viewer: ← and → (and the buttons) show the previous and
    next asset of the gallery's filter, a details panel sits beside the picture, "Save as…" copies the file;
    `handoff` asks for the other viewer when the neighbour is a video or a sound."""

    loaded = Signal(bool)
    #: the neighbour is not a picture: (asset id, path, kind) for the Gallery tab to open in its viewer
    handoff = Signal(str, str, str)

    def __init__(self, path: str | Path, parent: QWidget | None = None, *, gallery: GalleryViewModel | None = None,
                 asset_id: str = "") -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.setObjectName("imageViewer")
        self.setWindowTitle(self.path.name)
        self.setSizeGripEnabled(True)
        self._zoom = 1.0
        self._fitting = True
        self._image_size = QSize()
        self._image = QImage()
        self._token = 0
        self._listening = False
        #: pictures decoded ahead (the gallery's neighbours) and the decodes of those still running
        self._ahead: dict[Path, QImage] = {}
        self._pending_ahead: dict[int, Path] = {}
        self.browser: GalleryBrowser | None = None
        if gallery is not None and asset_id:
            from studio.views.asset_details import GalleryBrowser

            self.browser = GalleryBrowser(gallery, asset_id, frozenset({"image"}), self)
        self._build()
        self._size_to_screen()
        self._decode(self.path)

    # -- construction ----------------------------------------------------------------------------

    def _build(self) -> None:
        from studio.views.asset_details import CopiedNote

        self.scene = QGraphicsScene(self)
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self.item)
        self.view = _ImageView(self)
        self.view.setObjectName("imageViewerView")
        self.view.setScene(self.scene)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.view.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.view.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.message = QLabel(self)
        self.message.setObjectName("imageViewerMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.message)
        self.pages.addWidget(self.view)
        self.banner = ErrorBanner(self)
        self.note = CopiedNote(self)

        self.zoom_out_button = self._tool("imageViewerZoomOut", "−", self.zoom_out)
        self.zoom_in_button = self._tool("imageViewerZoomIn", "+", self.zoom_in)
        self.fit_button = self._tool("imageViewerFit", "", self.fit)
        self.actual_button = self._tool("imageViewer100", "", self.actual_size)
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("imageViewerZoom")
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("imageViewerCopy")
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_image)
        self.close_button = QPushButton(self)
        self.close_button.setAutoDefault(False)
        self.close_button.setObjectName("imageViewerClose")
        self.close_button.clicked.connect(self.close)
        bar = QHBoxLayout()
        bar.setSpacing(4)
        start, end = self.browser.bar_widgets() if self.browser is not None else ([], [])
        for widget in start:
            bar.addWidget(widget)
        if start:
            bar.addSpacing(12)
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_button, self.actual_button,
                       self.zoom_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.copy_button, *end, self.close_button):
            bar.addWidget(widget)
        body = QHBoxLayout()
        body.setSpacing(0)
        body.addWidget(self.pages, 1)
        if self.browser is not None:
            body.addWidget(self.browser.panel)
            self.browser.showAsset.connect(self._show_asset)
            self.browser.neighboursKnown.connect(self._neighbours_known)
            self.browser.handoff.connect(self.handoff)
            self.browser.noted.connect(self.say)
            self.browser.failed.connect(self.banner.show_message)
            self.browser.closeRequested.connect(self.close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        layout.addLayout(bar)
        self._bar = bar
        self._set_controls_enabled(False)
        self._retranslate()
        self._recolour()
        self.view.setFocus()  # the keys are the picture's (no button takes Enter or Space)

        for keys, slot in ((("+", "=", "Ctrl++", "Ctrl+="), self.zoom_in), (("-", "Ctrl+-"), self.zoom_out),
                           (("0", "Ctrl+0"), self.fit), (("1",), self.actual_size)):
            for key in keys:
                QShortcut(QKeySequence(key), self, slot)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Copy), self, self.copy_image)

    def _retranslate(self) -> None:
        self.zoom_out_button.setToolTip(self.tr("Zoom out (−)"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in (+)"))
        self.fit_button.setText(self.tr("Fit"))
        self.fit_button.setToolTip(self.tr("Fit to the window (0)"))
        self.actual_button.setText(self.tr("100 %"))
        self.actual_button.setToolTip(self.tr("Actual size (1)"))
        self.copy_button.setText(self.tr("Copy image"))
        self.copy_button.setToolTip(self.tr("Put the picture on the clipboard (Ctrl+C)"))
        self.close_button.setText(self.tr("Close"))
        if self._token:  # still decoding
            self.message.setText(self.tr("Loading…"))
        if self.ready:
            self._show_zoom()
        if self.browser is not None:
            self.browser.retranslate()

    def _recolour(self) -> None:
        """A neutral backdrop a shade off the window's colour, so the picture's own edges show."""
        window = self.palette().color(QPalette.ColorRole.Window)
        self.view.setBackgroundBrush(window.darker(112) if window.lightness() > 128 else window.darker(130))
        if self.browser is not None:
            self.browser.recolour()

    def done(self, result: int) -> None:  # Close, Esc and the window's close button end here
        for token in (self._token, *self._pending_ahead):  # decodes still queued are skipped
            _wanted.discard(token)
        self._pending_ahead.clear()
        self._ahead.clear()
        if self._listening:
            _decode_relay().done.disconnect(self._decoded)
            self._listening = False
        super().done(result)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._recolour()
        super().changeEvent(event)

    def _tool(self, name: str, text: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.clicked.connect(slot)
        return button

    def _size_to_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is None or screen.isEmpty():
            self.resize(1000, 760)
        else:
            self.resize(min(1400, int(screen.width() * 0.8)), min(1000, int(screen.height() * 0.85)))

    def _set_controls_enabled(self, enabled: bool) -> None:
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_button, self.actual_button,
                       self.copy_button):
            widget.setEnabled(enabled)

    # -- state readers ---------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def fitting(self) -> bool:
        return self._fitting

    @property
    def image_size(self) -> QSize:
        """The decoded image's size (empty until loaded or when the file could not be read)."""
        return QSize(self._image_size)

    @property
    def ready(self) -> bool:
        return not self._image_size.isEmpty()

    @property
    def image(self) -> QImage:
        """The decoded picture (null until loaded)."""
        return QImage(self._image)

    # -- decoding --------------------------------------------------------------------------------

    def _decode(self, path: Path) -> None:
        _wanted.discard(self._token)  # a file still being decoded is no longer wanted
        self._token = self._start_decode(path)
        self.message.setText(self.tr("Loading…"))

    def _start_decode(self, path: Path) -> int:
        token = next(_tokens)
        _wanted.add(token)
        if not self._listening:
            _decode_relay().done.connect(self._decoded)
            self._listening = True
        QThreadPool.globalInstance().start(_Decode(token, path))
        return token

    def load(self, path: str | Path) -> None:
        """Show another file in this window (the gallery's next or previous picture): at once when it was
        decoded ahead, else after its decode."""
        self.path = Path(path)
        self.setWindowTitle(self.path.name)
        self._image_size = QSize()
        self._image = QImage()
        self.item.setPixmap(QPixmap())
        self.zoom_label.clear()
        self.banner.clear()
        self._set_controls_enabled(False)
        ready = self._ahead.pop(self.path, None)
        if ready is not None:
            _wanted.discard(self._token)
            self._token = 0
            self._show_image(ready)
            return
        self.pages.setCurrentWidget(self.message)
        self._decode(self.path)

    def decode_ahead(self, paths: list[Path]) -> None:
        """Decode these pictures (the neighbours) in the background, so stepping to one shows it at once;
        pictures decoded ahead that are no longer neighbours are forgotten."""
        wanted = [p for p in paths[:AHEAD] if p != self.path]
        for path in list(self._ahead):
            if path not in wanted:
                del self._ahead[path]
        pending = set(self._pending_ahead.values())
        for path in wanted:
            if path not in self._ahead and path not in pending:
                self._pending_ahead[self._start_decode(path)] = path

    @property
    def decoded_ahead(self) -> list[Path]:
        return list(self._ahead)

    def _show_asset(self, asset: Asset) -> None:
        self.load(asset.path)

    def _neighbours_known(self, neighbours: list[Asset]) -> None:
        self.decode_ahead([a.path for a in neighbours if a.kind == "image"
                           and (a.width or 0) * (a.height or 0) <= AHEAD_MAX_PIXELS])

    @Slot(int, QImage, str)
    def _decoded(self, token: int, image: QImage, problem: str) -> None:
        ahead = self._pending_ahead.pop(token, None)
        if ahead is not None:
            _wanted.discard(token)
            if not image.isNull() and ahead != self.path:
                self._ahead[ahead] = image
            return
        if token != self._token:
            return
        _wanted.discard(token)
        self._token = 0
        if image.isNull():
            if problem == _MISSING:
                text = self.tr("The file {0} is missing; it may have been moved or deleted.").format(self.path)
            else:
                text = self.tr("{0} cannot be shown: it is not an image this app can read ({1}).").format(
                    self.path.name, problem or self.tr("unknown error"))
            self.message.setText(text)
            self.zoom_label.clear()
            self.loaded.emit(False)
            return
        self._show_image(image)

    def _show_image(self, image: QImage) -> None:
        self._image_size = image.size()
        self._image = image
        self.item.setPixmap(QPixmap.fromImage(image))
        self.scene.setSceneRect(self.item.boundingRect())
        self.pages.setCurrentWidget(self.view)
        self._set_controls_enabled(True)
        self._fitting = True
        self._refit()
        self.loaded.emit(True)

    # -- zoom ------------------------------------------------------------------------------------

    @Slot()
    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    @Slot()
    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def zoom_by(self, factor: float, *, under_mouse: bool = False) -> None:
        self.set_zoom(self._zoom * factor, under_mouse=under_mouse)

    @Slot()
    def actual_size(self) -> None:
        self.set_zoom(1.0)

    @Slot()
    def fit(self) -> None:
        """The whole picture in the window (small pictures are enlarged to fill it)."""
        self._fitting = True
        self._refit(enlarge=True)

    def set_zoom(self, zoom: float, *, under_mouse: bool = False) -> None:
        if not self.ready:
            return
        self._fitting = False
        self._apply(max(MIN_ZOOM, min(MAX_ZOOM, zoom)), under_mouse)

    def _refit(self, enlarge: bool = False) -> None:
        """In fit mode the picture follows the window's size; on opening it is never enlarged."""
        if not self._fitting or not self.ready:
            return
        viewport = self.view.viewport().size()
        width, height = self._image_size.width(), self._image_size.height()
        scale = min((viewport.width() - 4) / width, (viewport.height() - 4) / height)
        if not enlarge:
            scale = min(scale, 1.0)
        self._apply(max(MIN_ZOOM, min(MAX_ZOOM, scale)), False)

    def _apply(self, zoom: float, under_mouse: bool) -> None:
        anchor = (QGraphicsView.ViewportAnchor.AnchorUnderMouse if under_mouse
                  else QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.view.setTransformationAnchor(anchor)
        self._zoom = zoom
        self.view.setTransform(QTransform.fromScale(zoom, zoom))
        self.view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self._show_zoom()

    def _show_zoom(self) -> None:
        self.zoom_label.setText(self.tr("{0} × {1} px · {2} %").format(
            self._image_size.width(), self._image_size.height(), round(self._zoom * 100)))

    # -- copy and notes --------------------------------------------------------------------------

    @Slot()
    def copy_image(self) -> None:
        """The picture (as decoded, full size) on the clipboard, and a note that says so."""
        if self._image.isNull():
            return
        QGuiApplication.clipboard().setImage(self._image)
        self.say(self.tr("Image copied"))

    @Slot(str)
    def say(self, text: str) -> None:
        """A short note over the bottom of the picture."""
        self.note.say(text, self.pages.geometry())
