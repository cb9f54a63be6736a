"""A dialog that plays one video or sound file in the app's MediaPlayer: the Gallery's preview of a
video or audio asset (pictures open in studio/views/image_viewer.py).

It starts playing as soon as it opens (whoever opened it asked to see the clip) and lets libvlc go of
its window when it closes, so a closed preview never keeps a decoder or a sound running.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QCloseEvent, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from studio.views.banner import ErrorBanner
from studio.views.player import MediaPlayer


class MediaViewer(QDialog):
    """Plays `path` (showing `poster`, else a frame the player takes itself, until the picture starts)."""

    def __init__(self, path: str | Path, parent: QWidget | None = None, *, poster: QImage | None = None,
                 autoplay: bool = True) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.setObjectName("mediaViewer")
        self.setWindowTitle(self.path.name)
        self.setSizeGripEnabled(True)
        self.banner = ErrorBanner(self)
        self.player = MediaPlayer(self)
        self.player.failed.connect(self.banner.show_message)
        close = QPushButton(self.tr("Close"), self)
        close.setObjectName("mediaViewerClose")
        close.clicked.connect(self.close)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.banner)
        layout.addWidget(self.player, 1)
        layout.addLayout(bar)
        QShortcut(QKeySequence("Space"), self, self.player.toggle)
        self._size_to_screen()
        self.player.load(self.path, poster)
        if autoplay and self.player.state in ("stopped", "loading"):  # (while libvlc starts: once it is up)
            self.player.play()

    def _size_to_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is None or screen.isEmpty():
            self.resize(960, 640)
        else:
            self.resize(min(1280, int(screen.width() * 0.7)), min(860, int(screen.height() * 0.75)))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.player.release()
        super().closeEvent(event)

    def done(self, result: int) -> None:  # Esc and the window's close button end here too
        self.player.release()
        super().done(result)
