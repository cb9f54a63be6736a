"""A dialog that plays one video or sound file in the app's MediaPlayer: the Gallery's preview of a
video or audio asset (pictures open in studio/views/image_viewer.py).

It starts playing as soon as it opens (whoever opened it asked to see the clip) and lets libvlc go of
its window when it closes, so a closed preview never keeps a decoder or a sound running. Opened from the
Gallery (with its view-model and the asset's id) it also walks through the gallery's current filter with the
arrow keys and shows the asset's details beside the player (studio/views/asset_details.py); a song with a
cover (a Suno clip) shows the cover instead of the note while it plays, read off the UI thread, and one whose
job saved the clip's video offers to play that video ("Play its video", then "Play the song" to go back).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtGui import QCloseEvent, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from studio.views.banner import ErrorBanner
from studio.views.image_loader import ImageLoader
from studio.views.player import LOADING, STOPPED, MediaPlayer

#: the longest side of a song's cover in the player
COVER_SIDE = 1024

if TYPE_CHECKING:
    from studio.gallery.store import Asset
    from studio.viewmodels.gallery import GalleryViewModel
    from studio.views.asset_details import GalleryBrowser


class MediaViewer(QDialog):
    """Plays `path` (showing `poster`, else a frame the player takes itself, until the picture starts); `duration`
    is its length when the gallery knows it (the player then shows that, as the cell's badge and the details do).

    With `gallery` and `asset_id` it is the Gallery's player: ← and → show the previous and next asset of the
    gallery's filter, a details panel sits beside the player; `handoff` asks for the image viewer when the
    neighbour is a picture."""

    #: the neighbour is a picture: (asset id, path, kind) for the Gallery tab to open in the image viewer
    handoff = Signal(str, str, str)

    def __init__(self, path: str | Path, parent: QWidget | None = None, *, poster: QImage | None = None,
                 autoplay: bool = True, gallery: GalleryViewModel | None = None, asset_id: str = "",
                 duration: float | None = None) -> None:
        super().__init__(parent)
        from studio.views.asset_details import CopiedNote

        self.path = Path(path)
        self.setObjectName("mediaViewer")
        self.setWindowTitle(self.path.name)
        self.setSizeGripEnabled(True)
        self.browser: GalleryBrowser | None = None
        if gallery is not None and asset_id:
            from studio.views.asset_details import GalleryBrowser

            self.browser = GalleryBrowser(gallery, asset_id, frozenset({"video", "audio"}), self)
        self.banner = ErrorBanner(self)
        self.player = MediaPlayer(self)
        self.player.failed.connect(self.banner.show_message)
        self.note = CopiedNote(self)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("mediaViewerClose")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        self.video_button = QPushButton(self)  # a song's clip video, when its job saved one
        self.video_button.setObjectName("mediaViewerClipVideo")
        self.video_button.setAutoDefault(False)
        self.video_button.hide()
        self.video_button.clicked.connect(self._toggle_video)
        self._song: tuple[Path, float] | None = None  # the song (and its length) whose video plays now
        self._video: tuple[Path, float | None] | None = None
        start, end = self.browser.bar_widgets() if self.browser is not None else ([], [])
        bar = QHBoxLayout()
        bar.setSpacing(4)
        for widget in start:
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (*end, self.video_button, self.close_button):
            bar.addWidget(widget)
        body = QHBoxLayout()
        body.setSpacing(0)
        body.addWidget(self.player, 1)
        if self.browser is not None:
            body.addWidget(self.browser.panel)
            self.browser.showAsset.connect(self._show_asset)
            self.browser.handoff.connect(self.handoff)
            self.browser.noted.connect(self.say)
            self.browser.failed.connect(self.banner.show_message)
            self.browser.closeRequested.connect(self.close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        layout.addLayout(bar)
        QShortcut(QKeySequence("Space"), self, self.player.toggle)
        self._retranslate()
        self._size_to_screen()
        self.player.load(self.path, poster, duration=duration)  # the gallery's measured length, as its badge says
        self._gallery = gallery
        self._asset_id = asset_id
        self._covers = ImageLoader(self)
        self._covers.loaded.connect(self._cover_loaded)
        self._ask_cover(asset_id)
        if autoplay and self.player.state in (STOPPED, LOADING):  # (while libvlc starts: once it is up)
            self.player.play()

    def _retranslate(self) -> None:
        self.close_button.setText(self.tr("Close"))
        self.video_button.setText(self.tr("Play the song") if self._song is not None else self.tr("Play its video"))
        if self.browser is not None:
            self.browser.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        elif event.type() == QEvent.Type.PaletteChange and self.browser is not None:
            self.browser.recolour()
        super().changeEvent(event)

    def _show_asset(self, asset: Asset) -> None:
        """The gallery's next or previous video or sound, playing at once as the first one did."""
        poster = None
        if asset.kind == "audio":
            from studio.views.gallery_tab import audio_poster

            poster = audio_poster()
        self.path = asset.path
        self._song = self._video = None
        self.video_button.hide()
        self._retranslate()
        self.setWindowTitle(self.path.name)
        self.banner.clear()
        self.player.load(self.path, poster, duration=asset.duration)
        self._asset_id = asset.id
        if asset.kind == "audio":
            self._ask_cover(asset.id)
        if self.player.state in (STOPPED, LOADING):
            self.player.play()

    def _ask_cover(self, asset_id: str) -> None:
        if self._gallery is not None and asset_id:
            self._gallery.cover_of(asset_id, self._cover_found)
            self._gallery.parts_of(asset_id, self._parts_found)

    def _parts_found(self, asset_id: str, parts: list[Asset]) -> None:
        video = next((p for p in parts if p.kind == "video"), None)
        if video is not None and asset_id == self._asset_id and shiboken6.isValid(self.video_button):
            self._video = (video.path, video.duration)
            self.video_button.show()

    @Slot()
    def _toggle_video(self) -> None:
        """Play the song's clip video in the player, or the song again."""
        if self._video is None:
            return
        if self._song is None:
            self._song = (self.path, self.player.duration)
            self.player.load(self._video[0], duration=self._video[1])
        else:
            from studio.views.gallery_tab import audio_poster

            self.player.load(self._song[0], audio_poster(), duration=self._song[1])
            self._song = None
            self._ask_cover(self._asset_id)
        self._retranslate()
        self.player.play()

    def _cover_found(self, asset_id: str, path: str) -> None:
        if path and asset_id == self._asset_id and shiboken6.isValid(self._covers):  # (not closed meanwhile)
            self._covers.load(asset_id, path, COVER_SIDE)

    @Slot(str, QImage)
    def _cover_loaded(self, asset_id: str, image: QImage) -> None:
        if asset_id == self._asset_id and not image.isNull():
            self.player.set_poster(image)

    def say(self, text: str) -> None:
        """A short note over the bottom of the player."""
        self.note.say(text, self.player.geometry())

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
