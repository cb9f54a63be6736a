"""Vary (Region): paint the part of a Midjourney picture to redo, and say what should be there.

The mask is kept at the picture's own resolution (white = repaint, black = keep) while the user paints
on a scaled view of it; the picture is decoded in Qt's thread pool like every other preview.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, QSize, Qt, Slot
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from studio.views.icons import icon
from studio.views.image_loader import ImageLoader

VIEW_SIZE = 640


class MaskCanvas(QWidget):
    """The picture with the painted region over it in translucent red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("maskCanvas")
        self.setMinimumSize(240, 240)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._picture = QImage()
        self.mask_image = QImage()
        self.brush = 48  # in picture pixels
        self._last: QPointF | None = None

    def set_picture(self, picture: QImage) -> None:
        self._picture = picture
        self.mask_image = QImage(picture.size(), QImage.Format.Format_Grayscale8)
        self.mask_image.fill(0)
        self.brush = max(8, min(picture.width(), picture.height()) // 12)
        self.updateGeometry()
        self.update()

    def clear(self) -> None:
        if not self.mask_image.isNull():
            self.mask_image.fill(0)
            self.update()

    def painted(self) -> bool:
        if self.mask_image.isNull():
            return False
        return any(self.mask_image.pixelColor(x, y).value() for x in range(0, self.mask_image.width(), 8)
                   for y in range(0, self.mask_image.height(), 8))

    def sizeHint(self) -> QSize:  # Qt's name
        if self._picture.isNull():
            return QSize(VIEW_SIZE, VIEW_SIZE)
        return self._picture.size().scaled(QSize(VIEW_SIZE, VIEW_SIZE), Qt.AspectRatioMode.KeepAspectRatio)

    def _target(self) -> QRect:
        size = self._picture.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        return QRect(QPoint((self.width() - size.width()) // 2, (self.height() - size.height()) // 2), size)

    def _to_picture(self, point: QPointF) -> QPointF:
        target = self._target()
        scale = self._picture.width() / max(1, target.width())
        return QPointF((point.x() - target.x()) * scale, (point.y() - target.y()) * scale)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self._picture.isNull():
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Loading the picture…"))
            return
        target = self._target()
        painter.drawImage(target, self._picture)
        overlay = QImage(self.mask_image.size(), QImage.Format.Format_ARGB32_Premultiplied)
        overlay.fill(QColor(255, 40, 40, 150))
        overlay.setAlphaChannel(self.mask_image.convertToFormat(QImage.Format.Format_Alpha8))
        painter.setOpacity(0.55)
        painter.drawImage(target, overlay)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._last = self._to_picture(event.position())
        self._stroke(self._last, self._last)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._last is None:
            return
        point = self._to_picture(event.position())
        self._stroke(self._last, point)
        self._last = point

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._last = None

    def _stroke(self, start: QPointF, end: QPointF) -> None:
        if self.mask_image.isNull():
            return
        painter = QPainter(self.mask_image)
        pen = QPen(QColor(255, 255, 255), self.brush, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(start, end)
        painter.end()
        self.update()


class MaskPainter(QDialog):
    """Returns (prompt, mask) through `prompt()` and `mask()` after `exec()` is accepted."""

    def __init__(self, picture_path: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Vary (Region)"))
        self.canvas = MaskCanvas(self)
        self._loader = ImageLoader(self)
        self._loader.loaded.connect(self._loaded)
        self._loader.load("picture", picture_path, 2048)
        help_text = QLabel(self.tr("Paint over the part of the picture to redo, then say what should be there."),
                           self)
        help_text.setWordWrap(True)
        self.brush = QSlider(Qt.Orientation.Horizontal, self)
        self.brush.setObjectName("maskBrush")
        self.brush.setRange(4, 256)
        self.brush.valueChanged.connect(lambda value: setattr(self.canvas, "brush", value))
        clear = QPushButton(icon("eraser"), self.tr("Clear"), self)
        clear.clicked.connect(self.canvas.clear)
        self.prompt_edit = QLineEdit(prompt, self)
        self.prompt_edit.setObjectName("maskPrompt")
        self.prompt_edit.setPlaceholderText(self.tr("What should be in the painted region"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.problem = QLabel(self)
        self.problem.setObjectName("maskProblem")
        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("Brush"), self))
        tools.addWidget(self.brush, 1)
        tools.addWidget(clear)
        layout = QVBoxLayout(self)
        layout.addWidget(help_text)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(tools)
        layout.addWidget(self.prompt_edit)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    @Slot(str, QImage)
    def _loaded(self, _key: str, image: QImage) -> None:
        if image.isNull():
            self.problem.setText(self.tr("The picture cannot be read."))
            return
        self.canvas.set_picture(image)
        self.brush.setValue(self.canvas.brush)
        self.adjustSize()

    def _accept(self) -> None:
        if not self.canvas.painted():
            self.problem.setText(self.tr("Paint the region to change first."))
            return
        self.accept()

    def prompt(self) -> str:
        return self.prompt_edit.text().strip()

    def painted_mask(self) -> QImage:
        return self.canvas.mask_image
