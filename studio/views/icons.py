"""The studio's one icon set: line icons bundled as SVG in resources/icons/, drawn in the palette's colours.

A maintained font-icon library was measured first (qtawesome: ~140 ms to import and ~37 ms for its first
icon, against a start-up budget of 30 ms); this module costs ~4 ms to import beside the window's own modules
(QtSvg and a few Qt enums) and an SVG parse per icon the first time it is painted (~0.6 ms). Each SVG is
drawn black and recoloured when painted, from the palette of that moment: a theme switch recolours every
icon on screen without anyone setting it again. docs/UI.md lists the names and where each is used.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from studio.resources import resources

ICONS = resources() / "icons"
NAMES = ("attach", "audio", "chat", "clock", "close", "copy", "edit", "eraser", "extend", "external", "folder",
         "gallery", "image", "image-add", "loop", "music", "muted", "pause", "play", "refresh", "relay",
         "send", "shuffle", "sparkle", "star", "star-filled", "stop", "upscale", "video", "volume", "wand")

FAVORITE_TONE = "#f5c518"  # the gold of a favourite, in both themes (the gallery's ★ badge too)

_renderers: dict[str, QSvgRenderer] = {}
_icons: dict[tuple[str, str], QIcon] = {}


def _renderer(name: str) -> QSvgRenderer:
    renderer = _renderers.get(name)
    if renderer is None:
        renderer = _renderers[name] = QSvgRenderer(str(ICONS / f"{name}.svg"))
    return renderer


def _colour(mode: QIcon.Mode, fixed: str) -> QColor:
    palette = QGuiApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    if fixed:
        return QColor(fixed)
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    return palette.color(QPalette.ColorRole.ButtonText)


class _Engine(QIconEngine):
    """Renders one SVG at the size asked, in the colour of the current palette (or a fixed tone)."""

    def __init__(self, name: str, fixed: str = "") -> None:
        super().__init__()
        self._name = name
        self._fixed = fixed
        self._cache: dict[tuple[int, int, str], QPixmap] = {}

    def _image(self, size: QSize, mode: QIcon.Mode) -> QPixmap:
        colour = _colour(mode, self._fixed)
        key = (size.width(), size.height(), colour.name(QColor.NameFormat.HexArgb))
        pixmap = self._cache.get(key)
        if pixmap is None:
            image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            side = min(size.width(), size.height())
            _renderer(self._name).render(painter, QRectF((size.width() - side) / 2, (size.height() - side) / 2,
                                                         side, side))
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
            painter.fillRect(image.rect(), colour)
            painter.end()
            if len(self._cache) > 16:  # old colours and sizes after theme switches
                self._cache.clear()
            pixmap = self._cache[key] = QPixmap.fromImage(image)
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self._image(size, mode)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        pixmap = QPixmap(self._image(QSize(round(size.width() * scale), round(size.height() * scale)), mode))
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, ratio))

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def clone(self) -> QIconEngine:
        return _Engine(self._name, self._fixed)

    def isNull(self) -> bool:
        return False


def icon(name: str, tone: str = "") -> QIcon:
    """The icon `name` (one of NAMES), in the palette's button text colour, or in `tone` ("#rrggbb", "#aarrggbb")."""
    if name not in NAMES:
        raise ValueError(f"No icon is named {name!r}.")
    made = _icons.get((name, tone))
    if made is None:
        made = _icons[(name, tone)] = QIcon(_Engine(name, tone))
    return made
