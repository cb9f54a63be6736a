"""The inline error banner: one sentence above the content, closable; never a modal storm."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget


class ErrorBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#errorBanner { background: palette(base); border: 1px solid #d9534f; border-radius: 4px; }"
            "#errorBanner QLabel { color: #d9534f; }"
        )
        self._label = QLabel(self)
        self._label.setObjectName("errorBannerText")
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self._label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    @property
    def text(self) -> str:
        parent = self.parentWidget()
        return self._label.text() if parent is not None and self.isVisibleTo(parent) else ""

    @Slot(str)
    def show_message(self, text: str) -> None:
        """Show `text`; an empty string hides the banner."""
        if not text:
            self.clear()
            return
        self._label.setText(text)
        self.show()

    @Slot()
    def clear(self) -> None:
        self._label.clear()
        self.hide()
