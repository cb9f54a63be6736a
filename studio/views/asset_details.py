"""What the Gallery adds to its viewers (studio/views/image_viewer.py, studio/views/media_viewer.py): walking
to the previous and next asset of the gallery's current filter (buttons and the arrow keys), a details side
panel (a song's title, prompt, model, size or duration, date, job; Copy prompt, Re-run, and Transcribe or
Extend where the asset allows them), "Save as…" and a short "Copied" note.

The rules — which neighbour comes next, what can be re-run, how the facts are worded, the copy itself in a
worker thread — are `GalleryViewModel`'s; this module only places them in a viewer. A viewer shows one kind
of file, so when the neighbour is of the other kind (a video after a picture) `GalleryBrowser.handoff` asks
the Gallery tab to open the other viewer in the same place.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QSize, QStandardPaths, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from studio.gallery.store import Asset
    from studio.viewmodels.gallery import AssetDetails, GalleryViewModel

#: the side panel's width: a prompt of a few lines reads well, the picture keeps most of the window
PANEL_WIDTH = 290
#: how long the "Copied" note stays
NOTE_MS = 1600

#: kept for the session: whether viewers open with their details shown, and the last "Save as…" folder
_state: dict[str, object] = {"details": True, "folder": ""}


class CopiedNote(QLabel):
    """A short note ("Copied", "Saved to …") over the bottom of its window, gone after a moment."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("viewerNote")
        self.setStyleSheet("#viewerNote { background: rgba(20, 20, 20, 210); color: white; border-radius: 6px;"
                           " padding: 6px 14px; }")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def say(self, text: str, over: QRect) -> None:
        """Show `text` centred near the bottom of `over` (the picture's area, in the parent's coordinates)."""
        self.setText(text)
        self.adjustSize()
        width = min(self.width(), max(80, over.width() - 24))
        self.resize(width, self.height())
        self.move(over.x() + (over.width() - width) // 2, max(0, over.bottom() - self.height() - 16))
        self.show()
        self.raise_()
        self._timer.start(NOTE_MS)


class DetailsPanel(QFrame):
    """The asset's prompt (selectable, scrolled when long), Copy prompt and Re-run, Transcribe and Extend
    (shown only for an asset that allows them), then its facts."""

    copyPromptRequested = Signal()
    rerunRequested = Signal()
    transcribeRequested = Signal()
    extendRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewerDetails")
        self.setFixedWidth(PANEL_WIDTH)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._details: AssetDetails | None = None
        self.prompt_caption = self._caption()
        self.prompt = QTextEdit(self)
        self.prompt.setObjectName("viewerDetailsPrompt")
        self.prompt.setReadOnly(True)
        self.prompt.setAcceptRichText(False)
        self.prompt.setFrameShape(QFrame.Shape.NoFrame)
        self.prompt.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # selectable with the mouse only: ← and → stay the viewer's even after a click in the prompt
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.prompt.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.prompt.document().setDocumentMargin(0)
        self.prompt.viewport().setAutoFillBackground(False)
        self.prompt.setStyleSheet("QTextEdit { background: transparent; }")
        self.copy_prompt_button = QPushButton(self)
        self.copy_prompt_button.setObjectName("viewerCopyPrompt")
        self.copy_prompt_button.setAutoDefault(False)
        self.copy_prompt_button.clicked.connect(self.copyPromptRequested)
        self.rerun_button = QPushButton(self)
        self.rerun_button.setObjectName("viewerRerun")
        self.rerun_button.setAutoDefault(False)
        self.rerun_button.clicked.connect(self.rerunRequested)
        self.transcribe_button = QPushButton(self)
        self.transcribe_button.setObjectName("viewerTranscribe")
        self.transcribe_button.setAutoDefault(False)
        self.transcribe_button.clicked.connect(self.transcribeRequested)
        self.transcribe_button.hide()
        self.extend_button = QPushButton(self)
        self.extend_button.setObjectName("viewerExtend")
        self.extend_button.setAutoDefault(False)
        self.extend_button.clicked.connect(self.extendRequested)
        self.extend_button.hide()
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.copy_prompt_button)
        buttons.addWidget(self.rerun_button)
        buttons.addStretch(1)
        sound_buttons = QHBoxLayout()  # a second row: the panel is narrow, and most assets have neither
        sound_buttons.setSpacing(6)
        sound_buttons.addWidget(self.transcribe_button)
        sound_buttons.addWidget(self.extend_button)
        sound_buttons.addStretch(1)

        self.facts = QFormLayout()
        self.facts.setContentsMargins(0, 0, 0, 0)
        self.facts.setHorizontalSpacing(12)
        self.facts.setVerticalSpacing(6)
        self.facts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.facts.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self._values: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("title", "style", "model", "size", "duration", "created", "relay"):
            caption = self._caption()
            value = QLabel(self)
            value.setObjectName(f"viewerDetails_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setTextFormat(Qt.TextFormat.PlainText)
            self.facts.addRow(caption, value)
            self._values[key] = (caption, value)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 4, 8, 4)
        layout.setSpacing(8)
        layout.addWidget(self.prompt_caption)
        layout.addWidget(self.prompt)
        layout.addLayout(buttons)
        layout.addLayout(sound_buttons)
        layout.addSpacing(10)
        layout.addLayout(self.facts)
        layout.addStretch(1)
        self.retranslate()

    def _caption(self) -> QLabel:
        label = QLabel(self)
        label.setProperty("role", "caption")
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        label.setFont(font)
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        return label

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_prompt()

    def _fit_prompt(self) -> None:
        """The prompt takes the height its text needs, up to half the panel; longer ones scroll."""
        document = self.prompt.document()
        document.setTextWidth(PANEL_WIDTH - 22)  # the panel's width inside its margins
        needed = int(document.size().height()) + 4
        room = max(self.prompt.fontMetrics().height() * 3, self.height() // 2)
        self.prompt.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if needed > room
                                               else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.prompt.setFixedHeight(min(needed, room))

    def retranslate(self) -> None:
        self.prompt_caption.setText(self.tr("Prompt"))
        self.copy_prompt_button.setText(self.tr("Copy prompt"))
        self.rerun_button.setText(self.tr("Re-run"))
        self.transcribe_button.setText(self.tr("Transcribe"))
        self.transcribe_button.setToolTip(self.tr("Open the Audio tab to turn its speech into text"))
        self.extend_button.setText(self.tr("Extend"))
        self.extend_button.setToolTip(self.tr("Open the Music tab to continue this song"))
        for key, text in (("title", self.tr("Title")), ("style", self.tr("Style")), ("model", self.tr("Model")),
                          ("size", self.tr("Size")),
                          ("duration", self.tr("Length")), ("created", self.tr("Created")),
                          ("relay", self.tr("Relay"))):
            self._values[key][0].setText(text)
        if self._details is not None:
            self.show_details(self._details)

    @property
    def details(self) -> AssetDetails | None:
        return self._details

    def value(self, key: str) -> str:
        """The text shown for `key` (title, style, model, size, duration, created, relay); "" for a hidden row."""
        caption, label = self._values[key]
        return label.text() if not label.isHidden() else ""

    def show_details(self, details: AssetDetails) -> None:
        self._details = details
        self.prompt.setPlainText(details.prompt or self.tr("(no prompt)"))
        self.prompt.setEnabled(bool(details.prompt))
        self.copy_prompt_button.setEnabled(bool(details.prompt))
        self.rerun_button.setEnabled(not details.rerun_problem)
        self.rerun_button.setToolTip(details.rerun_problem or (
            self.tr("Open the Video tab with this video's prompt and options") if details.kind == "video"
            else self.tr("Open the Image tab with this prompt and model")))
        self.rerun_button.setVisible(details.kind != "audio")  # a sound is never re-run from here
        self.transcribe_button.setVisible(details.can_transcribe)
        self.extend_button.setVisible(details.can_extend)
        self._fit_prompt()
        values = {"title": details.title, "style": details.style, "model": details.model, "size": details.size,
                  "duration": details.duration, "created": details.created, "relay": details.relay}
        for key, text in values.items():
            caption, label = self._values[key]
            label.setText(text)
            self.facts.setRowVisible(label, bool(text))


class GalleryBrowser(QObject):
    """One viewer's walk through the gallery: the previous/next buttons and position, the arrow keys, the
    details panel, Copy prompt, Re-run and "Save as…". The viewer calls `bar_widgets()` and `panel` to place
    them and gets `showAsset(asset)` for an asset of its own kind, or `handoff` for the other viewer."""

    #: show this asset (of a kind the viewer shows): the viewer loads its file
    showAsset = Signal(object)
    #: the neighbour is shown by the other viewer: (asset id, path, kind)
    handoff = Signal(str, str, str)
    #: a sentence for the viewer's note ("Prompt copied", "Saved to …")
    noted = Signal(str)
    #: a sentence for the viewer's error banner (the copy could not be saved)
    failed = Signal(str)
    #: the viewer should close (Re-run sent the user to a tab)
    closeRequested = Signal()
    #: the asset now shown (its id), for the grid to follow
    current = Signal(str)
    #: both neighbours of the shown asset are known: those there are (a viewer may prepare them)
    neighboursKnown = Signal(list)

    def __init__(self, vm: GalleryViewModel, asset_id: str, kinds: frozenset[str], viewer: QWidget) -> None:
        super().__init__(viewer)
        self.vm = vm
        self.asset_id = asset_id
        self.asset: Asset | None = None
        self._kinds = kinds
        self._viewer = viewer
        self._neighbours: dict[int, Asset | None] = {}
        self._stepping = False
        self.panel = DetailsPanel(viewer)
        self.panel.setVisible(bool(_state["details"]))
        self.panel.copyPromptRequested.connect(self.copy_prompt)
        self.panel.rerunRequested.connect(self.rerun)
        self.panel.transcribeRequested.connect(self.transcribe)
        self.panel.extendRequested.connect(self.extend)
        self.previous_button = self._tool("viewerPrevious", lambda: self.step(-1))
        self.next_button = self._tool("viewerNext", lambda: self.step(1))
        self.recolour()
        self.position_label = QLabel(viewer)
        self.position_label.setObjectName("viewerPosition")
        self.position_label.setMinimumWidth(self.position_label.fontMetrics().horizontalAdvance("000 / 000") + 8)
        self.position_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.save_button = QPushButton(viewer)
        self.save_button.setObjectName("viewerSaveAs")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_as)
        self.details_button = QToolButton(viewer)
        self.details_button.setObjectName("viewerDetailsToggle")
        self.details_button.setCheckable(True)
        self.details_button.setChecked(bool(_state["details"]))
        self.details_button.toggled.connect(self.set_details_shown)
        for key, step in ((Qt.Key.Key_Left, -1), (Qt.Key.Key_Right, 1)):
            QShortcut(QKeySequence(key), viewer, lambda s=step: self.step(s))
        QShortcut(QKeySequence("I"), viewer, self.details_button.toggle)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), viewer, self.save_as)
        self._relook = QTimer(self)  # the grid's list changed (a filter, a new result, a deletion): look again
        self._relook.setSingleShot(True)
        self._relook.setInterval(0)
        self._relook.timeout.connect(self._list_changed)
        model = vm.list_model
        for changed in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            changed.connect(self._relook.start)
        self._set_nav_enabled()
        self.retranslate()
        vm.fetch_asset(asset_id, self._fetched)

    def _tool(self, name: str, slot: object) -> QToolButton:
        button = QToolButton(self._viewer)
        button.setObjectName(name)
        button.setAutoRaise(True)
        button.setIconSize(QSize(20, 20))
        button.clicked.connect(slot)
        return button

    def recolour(self) -> None:
        """Arrows in the palette's text colours (the viewer calls it again when the theme changes)."""
        palette = self._viewer.palette()
        for button, direction in ((self.previous_button, -1), (self.next_button, 1)):
            button.setIcon(chevron_icon(direction, palette))

    def retranslate(self) -> None:
        self.previous_button.setToolTip(self.tr("Previous (←)"))
        self.next_button.setToolTip(self.tr("Next (→)"))
        self.save_button.setText(self.tr("Save as…"))
        self.save_button.setToolTip(self.tr("Save a copy of the file somewhere else (Ctrl+S)"))
        # the words say the state: a checked tool button looks alike unchecked in some themes
        self.details_button.setText(self.tr("Hide details") if self.details_button.isChecked()
                                    else self.tr("Show details"))
        self.details_button.setToolTip(self.tr("Show or hide the prompt, model, size and date (I)"))
        if self.asset is not None:
            self._show_position()
            self.panel.show_details(self.vm.details(self.asset))

    def bar_widgets(self) -> tuple[list[QWidget], list[QWidget]]:
        """(what goes at the bar's start: previous, position, next), (what goes before Close)."""
        return [self.previous_button, self.position_label, self.next_button], [self.save_button, self.details_button]

    @property
    def alive(self) -> bool:
        return shiboken6.isValid(self) and shiboken6.isValid(self._viewer)

    # -- the current asset -----------------------------------------------------------------------

    def _fetched(self, asset: Asset) -> None:
        if self.alive and asset.id == self.asset_id:
            self._set_asset(asset)

    def _set_asset(self, asset: Asset) -> None:
        self.asset = asset
        self.asset_id = asset.id
        self.current.emit(asset.id)
        self.panel.show_details(self.vm.details(asset))
        self._show_position()
        self._neighbours.clear()
        self._set_nav_enabled()
        self._look_around(asset.id)

    def _look_around(self, asset_id: str) -> None:
        for step in (-1, 1):
            self.vm.neighbour(asset_id, step, functools.partial(self._neighbour_known, asset_id, step))

    def _neighbour_known(self, asset_id: str, step: int, found: Asset | None) -> None:
        if self.alive and asset_id == self.asset_id:
            self._neighbours[step] = found
            self._set_nav_enabled()
            if len(self._neighbours) == 2:
                self.neighboursKnown.emit([n for n in self._neighbours.values() if n is not None])

    def _show_position(self) -> None:
        place = self.vm.position(self.asset_id)
        self.position_label.setText(self.tr("{0} / {1}").format(*place) if place else "")

    def _set_nav_enabled(self) -> None:
        self.previous_button.setEnabled(self._neighbours.get(-1) is not None)
        self.next_button.setEnabled(self._neighbours.get(1) is not None)
        self.save_button.setEnabled(self.asset is not None)

    @Slot()
    def _list_changed(self) -> None:
        """The position and both neighbours again, for the list as it is now (the shown asset stays)."""
        if self.alive and self.asset is not None:
            self._show_position()
            self._look_around(self.asset.id)

    # -- actions ---------------------------------------------------------------------------------

    def step(self, step: int) -> None:
        """Show the previous (-1) or next (+1) asset; nothing at either end."""
        if self.asset is None or self._stepping:
            return
        self._stepping = True
        self.vm.neighbour(self.asset_id, step, self._stepped)

    def _stepped(self, found: Asset | None) -> None:
        if not self.alive:
            return
        self._stepping = False
        if found is None:
            return
        if found.kind in self._kinds:
            self._set_asset(found)
            self.showAsset.emit(found)
        else:
            self.handoff.emit(found.id, str(found.path), found.kind)

    @Slot(bool)
    def set_details_shown(self, shown: bool) -> None:
        _state["details"] = shown
        self.panel.setVisible(shown)
        if self.details_button.isChecked() != shown:
            self.details_button.setChecked(shown)
        self.retranslate()

    @Slot()
    def copy_prompt(self) -> None:
        if self.asset is not None and self.asset.prompt:
            QGuiApplication.clipboard().setText(self.asset.prompt)
            self.noted.emit(self.tr("Prompt copied"))

    @Slot()
    def rerun(self) -> None:
        if self.asset is not None and not self.vm.rerun_problem(self.asset):
            self.vm.rerun(self.asset.id)
            self.closeRequested.emit()

    @Slot()
    def transcribe(self) -> None:
        if self.asset is not None and self.vm.allows(self.asset, "transcribe"):
            self.vm.transcribe(self.asset.id)
            self.closeRequested.emit()

    @Slot()
    def extend(self) -> None:
        if self.asset is not None and self.vm.allows(self.asset, "extend"):
            self.vm.extend(self.asset.id)
            self.closeRequested.emit()

    @Slot()
    def save_as(self) -> None:
        """Ask where (the system's save dialog, which asks before replacing a file), then copy in a worker."""
        asset = self.asset
        if asset is None:
            return
        folder = str(_state["folder"] or "") or _default_folder(asset.kind)
        chosen, _filter = QFileDialog.getSaveFileName(
            self._viewer, self.tr("Save a copy"), str(Path(folder) / self.vm.suggested_name(asset)),
            self.tr("{0} files (*{1})").format(asset.path.suffix.lstrip(".").upper(), asset.path.suffix.lower())
            + ";;" + self.tr("All files (*)"))
        if not chosen:
            return
        _state["folder"] = str(Path(chosen).parent)
        self.save_button.setEnabled(False)
        self.vm.export(asset.id, chosen, self._saved, replace=Path(chosen).exists())

    def _saved(self, path: str, problem: str) -> None:
        if not self.alive:
            return
        self.save_button.setEnabled(self.asset is not None)
        if problem:
            self.failed.emit(problem)
        else:
            self.noted.emit(self.tr("Saved to {0}").format(path))


def chevron_icon(direction: int, palette: QPalette, side: int = 20) -> QIcon:
    """A ‹ (direction -1) or › (+1) drawn in the palette's button text colour, and its disabled shade."""
    icon = QIcon()
    for mode, group in ((QIcon.Mode.Normal, QPalette.ColorGroup.Active),
                        (QIcon.Mode.Active, QPalette.ColorGroup.Active),
                        (QIcon.Mode.Disabled, QPalette.ColorGroup.Disabled)):
        colour = QColor(palette.color(group, QPalette.ColorRole.ButtonText))
        if mode == QIcon.Mode.Disabled:
            colour.setAlpha(90)
        ratio = 2.0
        pixmap = QPixmap(int(side * ratio), int(side * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(colour, 2.2)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        tip, back = (side * 0.36, side * 0.62) if direction < 0 else (side * 0.64, side * 0.38)
        path = QPainterPath(QPointF(back, side * 0.22))
        path.lineTo(QPointF(tip, side * 0.5))
        path.lineTo(QPointF(back, side * 0.78))
        painter.drawPath(path)
        painter.end()
        icon.addPixmap(pixmap, mode)
    return icon


def _default_folder(kind: str) -> str:
    location = {"video": QStandardPaths.StandardLocation.MoviesLocation,
                "audio": QStandardPaths.StandardLocation.MusicLocation}.get(
        kind, QStandardPaths.StandardLocation.PicturesLocation)
    found = QStandardPaths.writableLocation(location)
    return found if found and Path(found).is_dir() else str(Path.home())

