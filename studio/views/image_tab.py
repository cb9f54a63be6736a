"""The Image tab: a form (model, prompt, size, quality, count, reference images) and the results of
the job shown — its images, or a Midjourney grid cut in four with the task's buttons under it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QImage,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.jobs.model import SETTLED, JobState
from studio.viewmodels.dragdrop import asset_mime_data
from studio.viewmodels.image import (
    QUALITIES,
    SIZES,
    ButtonGroup,
    ButtonView,
    FormView,
    ImageViewModel,
    JobView,
    group_buttons,
)
from studio.viewmodels.jobs import state_text
from studio.views.banner import ErrorBanner
from studio.views.chat_tab import PromptEdit
from studio.views.flow_layout import FlowLayout
from studio.views.icons import icon
from studio.views.image_loader import ImageLoader
from studio.views.model_picker import ModelPicker
from studio.views.panes import family_box

if TYPE_CHECKING:
    from studio.gallery.store import Asset

PREVIEW = 320
THUMB = 72


class ImagePrompt(PromptEdit):
    """The image prompt: like the chat's box it grows with its text, from a few lines (a prompt is often long)."""

    MIN_LINES = 4


class ReferenceThumb(QWidget):
    """One reference image: its thumbnail with a small ✕ that removes it."""

    removeRequested = Signal(str)

    def __init__(self, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setFixedSize(THUMB + 8, THUMB + 8)
        self.setToolTip(path)
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setGeometry(4, 4, THUMB, THUMB)
        self.remove = QToolButton(self)
        self.remove.setObjectName("removeReference")
        self.remove.setIcon(icon("close"))
        self.remove.setIconSize(QSize(12, 12))
        self.remove.setToolTip(self.tr("Remove this reference image"))
        self.remove.setFixedSize(20, 20)
        self.remove.move(THUMB + 8 - 22, 2)
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self.path))

    def show_picture(self, pixmap: QPixmap) -> None:
        self.picture.setPixmap(pixmap.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))


class ReferenceList(QListWidget):
    """Reference images: thumbnails that accept dropped files (from the desktop or the gallery); when empty
    it says where they go."""

    filesDropped = Signal(list)
    #: a reference's ✕ was pressed (its path)
    removeRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referenceList")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setAcceptDrops(True)
        self.setDragDropMode(QListWidget.DragDropMode.DropOnly)
        self.setMinimumHeight(THUMB + 24)
        self.setMaximumHeight(THUMB * 2 + 36)
        # as tall as its rows of thumbnails (one when empty), not as tall as the form has room for
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.placeholder = ""  # set (translated) by the tab

    def sizeHint(self) -> QSize:
        per_row = max(1, self.viewport().width() // (THUMB + 8 + self.spacing()))
        rows = max(1, -(-self.count() // per_row))
        return QSize(super().sizeHint().width(), min(self.maximumHeight(), rows * (THUMB + 8) + 24))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.updateGeometry()  # another width fits another number of thumbnails a row

    def show_paths(self, paths: list[str]) -> None:
        self.clear()
        for path in paths:
            item = QListWidgetItem(self)
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setSizeHint(QSize(THUMB + 8, THUMB + 8))
            thumb = ReferenceThumb(path, self)
            thumb.removeRequested.connect(self.removeRequested)
            self.setItemWidget(item, thumb)
        self.updateGeometry()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Delete (or Backspace) removes the selected reference, as its ✕ does."""
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and item is not None:
            self.removeRequested.emit(str(item.data(Qt.ItemDataRole.UserRole)))
            return
        super().keyPressEvent(event)

    def thumb(self, row: int) -> ReferenceThumb | None:
        widget = self.itemWidget(self.item(row))
        return widget if isinstance(widget, ReferenceThumb) else None

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.count() == 0 and self.placeholder:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(8, 4, -8, -4),
                             int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.placeholder)
            painter.end()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            self.filesDropped.emit(files)
            event.acceptProposedAction()


class ResultList(QListWidget):
    """The results: dragged out with the app's asset payload (onto the Video tab's frames, the file manager)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.assets: dict[str, Asset] = {}  # by path, for the job shown

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        chosen = [self.assets[p] for p in (i.data(Qt.ItemDataRole.UserRole) for i in items) if p in self.assets]
        return asset_mime_data(chosen) if chosen else super().mimeData(list(items))


class ImageTab(QWidget):
    #: the user wants to see an image large (path)
    viewRequested = Signal(str)

    def __init__(self, vm: ImageViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vm = vm
        self._loader = ImageLoader(self)
        self._loader.loaded.connect(self._image_loaded)
        self._shown: JobView | None = None
        self._preview_of = ""  # the job whose forming grid the quadrants show
        self._reference_pictures: dict[str, QPixmap] = {}  # loaded once per reference, by path
        self._build()
        self._connect()

    # -- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = ErrorBanner(self)
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_form())
        splitter.addWidget(self._build_results())
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

    def _build_form(self) -> QWidget:
        form = QWidget(self)
        form.setMinimumWidth(300)
        form.setMaximumWidth(460)
        self.model_picker = ModelPicker(form)
        self.model_picker.setObjectName("imageModelPicker")
        self.prompt = ImagePrompt(form)
        self.prompt.setObjectName("imagePrompt")
        self.prompt.setPlaceholderText(self.tr("Describe the image (Ctrl+Enter to generate)"))
        self.size_box = QComboBox(form)
        self.size_box.setObjectName("imageSize")
        self.size_box.addItem(self.tr("Automatic"), "auto")
        for size in SIZES[1:]:
            self.size_box.addItem(size.replace("x", " × "), size)
        self.quality = QComboBox(form)
        self.quality.setObjectName("imageQuality")
        names = {"auto": self.tr("Automatic"), "low": self.tr("Low"), "medium": self.tr("Medium"),
                 "high": self.tr("High"), "standard": self.tr("Standard"), "hd": self.tr("HD")}
        for quality in QUALITIES:
            self.quality.addItem(names[quality], quality)
        self.count = QSpinBox(form)
        self.count.setObjectName("imageCount")
        self.count.setRange(1, 10)
        self.family = family_box(form, "imageFamily", self.vm.family_choices())
        self.mode = QComboBox(form)
        self.mode.setObjectName("mjMode")
        self.mode.setToolTip(self.tr("Midjourney speed mode"))
        self.mode.addItem(self.tr("Relay default"), "")
        self.mode.addItem(self.tr("Fast"), "fast")
        self.mode.addItem(self.tr("Relax"), "relax")
        self.mode.addItem(self.tr("Turbo"), "turbo")
        self.references = ReferenceList(form)
        self.add_reference = QPushButton(icon("image-add"), self.tr("Add images…"), form)
        self.clear_references = QPushButton(icon("eraser"), self.tr("Clear"), form)
        self.generate_button = QPushButton(icon("sparkle"), self.tr("Generate"), form)
        self.generate_button.setObjectName("generateButton")
        self.generate_button.setDefault(True)
        self.mj_tools = QPushButton(icon("wand"), self.tr("Midjourney tools"), form)  # with a menu: it draws its own ▾
        self.mj_tools.setObjectName("mjTools")
        tools = QMenu(self.mj_tools)
        for action, text, tip in (
            ("describe", self.tr("Describe the first reference"),
             self.tr("Four prompts for the first reference image")),
            ("blend", self.tr("Blend the references"), self.tr("Blend 2 to 5 reference images")),
            ("shorten", self.tr("Shorten the prompt"), self.tr("Shorter versions of the prompt")),
            ("swap-face", self.tr("Swap face"), self.tr("The face of the first reference onto the second")),
        ):
            item = tools.addAction(text)
            item.setToolTip(tip)
            item.setObjectName(f"mjTool-{action}")
            item.triggered.connect(lambda _=False, a=action: self._midjourney(a))
        self.mj_tools.setMenu(tools)

        fields = QFormLayout()
        fields.addRow(self.tr("Model"), self.model_picker)
        fields.addRow(self.tr("Format"), self.family)
        # one row per option; only those the chosen model's family takes are shown (`_show_form`)
        self._fields = fields
        self.option_rows: dict[str, QWidget] = {"size": self.size_box, "quality": self.quality, "n": self.count,
                                                "mode": self.mode}
        fields.addRow(self.tr("Size"), self.size_box)
        fields.addRow(self.tr("Quality"), self.quality)
        fields.addRow(self.tr("Count"), self.count)
        fields.addRow(self.tr("Speed"), self.mode)
        reference_buttons = QHBoxLayout()
        reference_buttons.addWidget(self.add_reference)
        reference_buttons.addWidget(self.clear_references)
        reference_buttons.addStretch(1)
        hint = QLabel(self.tr("Reference images"), form)
        explanation = self.tr("Reference images — drop files or gallery pictures here; with a mask they are "
                              "edited, with Midjourney they guide the grid.")
        hint.setToolTip(explanation)
        self.references.setToolTip(explanation)
        self.references.placeholder = self.tr("Drop images here")
        self._reference_widgets: tuple[QWidget, ...] = (hint, self.references, self.add_reference,
                                                        self.clear_references)
        layout = QVBoxLayout(form)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.addLayout(fields)
        layout.addWidget(QLabel(self.tr("Prompt"), form))
        layout.addWidget(self.prompt)
        layout.addWidget(hint)
        layout.addWidget(self.references)
        layout.addLayout(reference_buttons)
        actions = QHBoxLayout()
        actions.addWidget(self.generate_button, 1)
        actions.addWidget(self.mj_tools)
        layout.addLayout(actions)
        layout.addStretch(1)  # the room the prompt has not grown into: under Generate, not between the rows
        return form

    def _build_results(self) -> QWidget:
        results = QWidget(self)
        results.setMinimumWidth(240)  # what it holds wraps or scales: it never widens the window
        self.status = QLabel(self.tr("Results appear here. Every image is saved in the gallery."), results)
        self.status.setObjectName("imageStatus")
        self.status.setWordWrap(True)
        # a fixed place: two lines high whatever it says, the progress bar's room kept while it is hidden
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.status.setFixedHeight(self.status.fontMetrics().lineSpacing() * 2 + 4)
        self.progress = QProgressBar(results)
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(True)
        hold = self.progress.sizePolicy()
        hold.setRetainSizeWhenHidden(True)
        self.progress.setSizePolicy(hold)
        self.progress.hide()
        self.images = ResultList(results)
        self.images.setObjectName("imageResults")
        self.images.setViewMode(QListView.ViewMode.IconMode)
        self.images.setIconSize(QSize(PREVIEW, PREVIEW))
        self.images.setResizeMode(QListView.ResizeMode.Adjust)
        self.images.setMovement(QListView.Movement.Static)
        self.images.setSpacing(8)
        self.images.setDragEnabled(True)
        self.images.itemDoubleClicked.connect(self._open_item)

        self.mj_panel = QWidget(results)
        self.mj_panel.setObjectName("mjPanel")
        self._quadrant_grid = QGridLayout()
        self._quadrant_grid.setSpacing(6)
        self.quadrants: list[QLabel] = []
        for index in range(4):
            label = QLabel(self.mj_panel)
            label.setObjectName(f"mjQuadrant{index + 1}")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setMinimumSize(96, 96)
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            label.setFrameShape(QLabel.Shape.StyledPanel)
            self._quadrant_grid.addWidget(label, index // 2, index % 2)
            self.quadrants.append(label)
        self._button_rows = FlowLayout(spacing=6)
        mj_layout = QVBoxLayout(self.mj_panel)
        mj_layout.setContentsMargins(0, 0, 0, 0)
        mj_layout.addLayout(self._quadrant_grid, 1)
        mj_layout.addLayout(self._button_rows)
        self.mj_panel.hide()
        self.mj_buttons: list[QAbstractButton] = []  # every button shown, menu buttons included
        self.mj_actions: list[QAction] = []  # the choices inside the menus

        self.prompts = QListWidget(results)
        self.prompts.setObjectName("mjPrompts")
        self.prompts.setWordWrap(True)
        self.prompts.setToolTip(self.tr("Double-click a prompt to put it in the form"))
        self.prompts.itemDoubleClicked.connect(lambda item: self._fill(item.text(), ""))
        self.prompts.hide()
        layout = QVBoxLayout(results)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.images, 1)
        layout.addWidget(self.mj_panel, 3)
        layout.addWidget(self.prompts, 1)
        return results

    def _connect(self) -> None:
        vm = self.vm
        vm.error.connect(self.banner.show_message)
        vm.modelsChanged.connect(self._show_models)
        vm.modelChanged.connect(self.model_picker.show_model)
        vm.familyChanged.connect(self._show_family)
        self.family.activated.connect(lambda _index: vm.setFamily(self.family.currentData()))
        vm.referencesChanged.connect(self._show_references)
        vm.jobShown.connect(self._show_job)
        vm.formRequested.connect(self._fill)
        vm.previewShown.connect(self._show_preview)
        vm.busyChanged.connect(lambda busy: self.generate_button.setEnabled(not busy))
        vm.formChanged.connect(self._show_form)
        self.model_picker.currentTextChanged.connect(vm.setModel)
        self.prompt.submitted.connect(self.generate)
        self.prompt.filesPasted.connect(vm.addReferences)
        self.references.filesDropped.connect(vm.addReferences)
        self.references.removeRequested.connect(lambda path: vm.removeReference(vm.references.index(path))
                                                if path in vm.references else None)
        self.add_reference.clicked.connect(self._choose_references)
        self.clear_references.clicked.connect(vm.clearReferences)
        self.generate_button.clicked.connect(self.generate)

    # -- actions ---------------------------------------------------------------------------------

    @Slot()
    def generate(self) -> None:
        self.banner.clear()
        self.vm.generate(self.prompt.toPlainText(), self.size_box.currentData(), self.quality.currentData(),
                         self.count.value(), self.mode.currentData())

    def _midjourney(self, action: str) -> None:
        self.banner.clear()
        self.vm.midjourney(action, self.prompt.toPlainText(), self.mode.currentData())

    @Slot()
    def _choose_references(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Reference images"), "",
                                                self.tr("Images (*.png *.jpg *.jpeg *.webp *.gif)"))
        if files:
            self.vm.addReferences(files)

    def _press(self, button: ButtonView) -> None:
        prompt = ""
        if button.needs_mask and self._shown is not None and self._shown.images:
            from studio.views.mask_painter import MaskPainter

            painter = MaskPainter(self._shown.images[0], self._shown.prompt, self)
            if painter.exec() != MaskPainter.DialogCode.Accepted:
                return
            self.banner.clear()
            self.vm.pressButtonWithMask(button.custom_id, painter.prompt(), painter.painted_mask())
            return
        if button.needs_prompt:
            default = self._shown.prompt if self._shown else ""
            prompt, ok = QInputDialog.getText(self, button.text, self.tr("Prompt for this change"), text=default)
            if not ok:
                return
        self.banner.clear()
        self.vm.pressButton(button.custom_id, prompt, "")

    def _open_item(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.viewRequested.emit(path)

    # -- showing ---------------------------------------------------------------------------------

    @Slot(list)
    def _show_models(self, names: list[str]) -> None:
        self.model_picker.show_models(names, self.vm.model)

    @Slot(str)
    def _show_family(self, family: str) -> None:
        index = self.family.findData(family)
        self.family.setCurrentIndex(max(0, index))

    @Slot(str, str)
    def _fill(self, prompt: str, model: str) -> None:
        self.prompt.setPlainText(prompt)
        self.prompt.setFocus()

    @Slot(object)
    def _show_form(self, form: FormView) -> None:
        """Only the option rows the chosen model's family takes."""
        for option, widget in self.option_rows.items():
            self._fields.setRowVisible(widget, option in form.options)
        for widget in self._reference_widgets:
            widget.setVisible("references" in form.options)

    @Slot(list)
    def _show_references(self, paths: list[str]) -> None:
        self.references.show_paths(paths)
        self._reference_pictures = {p: pixmap for p, pixmap in self._reference_pictures.items() if p in paths}
        for row, path in enumerate(paths):
            thumb = self.references.thumb(row)
            if path in self._reference_pictures and thumb is not None:
                thumb.show_picture(self._reference_pictures[path])
            else:
                self._loader.load(f"ref:{path}", path, THUMB)

    @Slot(object)
    def _show_job(self, view: JobView) -> None:
        first = self._shown is None or self._shown.job_id != view.job_id
        previous = self._shown
        self._shown = view
        self.status.setText(self._status_text(view))
        self.status.setToolTip(view.why)
        running = view.state not in SETTLED
        self.progress.setVisible(running)
        self.progress.setValue(int(view.progress or 0))
        if view.error and view.state in (JobState.FAILED, JobState.UNKNOWN, JobState.DONE_REMOTE_ONLY):
            self.banner.show_message(view.error)
        midjourney = view.family == "midjourney" and not view.prompts
        previewing = self._preview_of == view.job_id and not (view.images or view.quadrants)
        self.mj_panel.setVisible(midjourney and bool(view.images or view.quadrants or previewing))
        self.images.setVisible(not midjourney and bool(view.images))
        files_changed = first or previous is None or (previous.images, previous.quadrants) != (
            view.images, view.quadrants)
        if files_changed and midjourney:
            self._show_quadrants(view)
        elif files_changed:
            self._show_images(view)
        if first or previous is None or previous.buttons != view.buttons:
            self._show_buttons(view.buttons)
        self.prompts.setVisible(bool(view.prompts))
        if first or previous is None or previous.prompts != view.prompts:
            self.prompts.clear()
            self.prompts.addItems(list(view.prompts))

    @Slot(str, list)
    def _show_preview(self, job_id: str, quadrants: list[QImage]) -> None:
        """The grid while Midjourney draws it (replaced by the saved grid when the job is done)."""
        view = self._shown
        if view is None or view.job_id != job_id or view.quadrants or view.images or len(quadrants) != 4:
            return
        self._preview_of = job_id
        self.mj_panel.setVisible(True)
        for label, image in zip(self.quadrants, quadrants, strict=True):
            label.setVisible(True)
            pixmap = QPixmap.fromImage(image)
            label.setProperty("fullPixmap", pixmap)
            label.setPixmap(pixmap.scaled(label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))

    def _status_text(self, view: JobView) -> str:
        text = state_text(view.state)
        if view.progress is not None and view.state not in SETTLED:
            text += f" · {view.progress:.0f}%"
        line = self.tr("{0} — {1}").format(text, view.sent_as)
        return self.tr("{0} · {1}").format(line, view.note) if view.note else line

    def _show_images(self, view: JobView) -> None:
        self.images.clear()
        self.images.assets = {str(a.path): a for a in view.assets}
        for path in view.images:
            item = QListWidgetItem(self.images)
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(view.prompt)
            item.setSizeHint(QSize(PREVIEW + 16, PREVIEW + 16))
            self._loader.load(f"result:{path}", path, PREVIEW)

    def _show_quadrants(self, view: JobView) -> None:
        for index, label in enumerate(self.quadrants):
            label.clear()
            label.setProperty("path", view.quadrants[index] if index < len(view.quadrants) else "")
            label.setProperty("fullPixmap", None)
            if index < len(view.quadrants):
                label.setText(str(index + 1))
                self._loader.load(f"quadrant:{index}:{view.quadrants[index]}", view.quadrants[index], PREVIEW)
        single = not view.quadrants and view.images
        if single:  # an upscale: the one picture, with its buttons under it
            self.quadrants[0].setProperty("path", view.images[0])
            self._loader.load(f"quadrant:0:{view.images[0]}", view.images[0], PREVIEW * 2)
        for index in range(1, 4):
            self.quadrants[index].setVisible(not single)

    def _show_buttons(self, buttons: tuple[ButtonView, ...]) -> None:
        """The task's buttons in their groups (the view-model's rule): compact numbered rows, short single
        buttons and one menu per kind of choice, wrapped so they never make the window wider."""
        while self._button_rows.count():
            item = self._button_rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.mj_buttons = []
        self.mj_actions = []
        for group in group_buttons(buttons):
            box = QWidget(self.mj_panel)
            box.setObjectName(f"mjGroup-{group.kind}")
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(2 if group.kind.startswith("pick-") else 6)
            if group.menu:
                row.addWidget(self._menu_button(group, box))
            else:
                for button in group.buttons:
                    row.addWidget(self._tool_button(button, box))
            self._button_rows.addWidget(box)

    def _tool_button(self, button: ButtonView, parent: QWidget) -> QToolButton:
        widget = QToolButton(parent)
        widget.setObjectName(f"mjButton-{button.name or button.custom_id}")
        text, tip = self._button_text(button)
        widget.setText(text)
        widget.setToolTip(tip)
        if button.name == "reroll":  # an icon, not the ⟳ glyph (not every system's font has it)
            widget.setIcon(icon("refresh"))
            widget.setAccessibleName(tip)
        if button.name[:1] in ("U", "V") and button.name[1:].isdigit():
            widget.setMinimumWidth(widget.fontMetrics().horizontalAdvance("U4") + 16)
        widget.clicked.connect(lambda _=False, b=button: self._press(b))
        self.mj_buttons.append(widget)
        return widget

    def _menu_button(self, group: ButtonGroup, parent: QWidget) -> QPushButton:
        names = {"upscale": self.tr("Upscale"), "vary": self.tr("Vary"), "zoom": self.tr("Zoom"),
                 "pan": self.tr("Pan")}
        tips = {"upscale": self.tr("A larger version of this picture"),
                "vary": self.tr("Variations of this picture, or of a region you paint"),
                "zoom": self.tr("Zoom out: more of the scene around this picture"),
                "pan": self.tr("Extend the picture to one side")}
        # words only: four icons would make the row wrap at 1024 px beside the Jobs panel (docs/UI.md)
        widget = QPushButton(names[group.kind], parent)  # a push button with a menu draws its own ▾
        widget.setObjectName(f"mjMenu-{group.kind}")
        widget.setToolTip(tips[group.kind])
        # as wide as its words and the ▾ (a push button's usual minimum would wrap the four menus at 1024 px)
        widget.setFixedWidth(widget.fontMetrics().horizontalAdvance(widget.text()) + 36)
        menu = QMenu(widget)
        for button in group.buttons:
            text, tip = self._button_text(button)
            action = menu.addAction(text)
            action.setObjectName(f"mjButton-{button.name or button.custom_id}")
            action.setToolTip(tip)
            action.triggered.connect(lambda _=False, b=button: self._press(b))
            self.mj_actions.append(action)
        menu.setToolTipsVisible(True)
        widget.setMenu(menu)
        self.mj_buttons.append(widget)
        return widget

    def _button_text(self, button: ButtonView) -> tuple[str, str]:
        """A button's words and its tooltip, in the user's language (emoji-only buttons get words too)."""
        name = button.name
        if name[:1] in ("U", "V") and name[1:].isdigit():
            tip = (self.tr("Upscale picture {0}") if name[0] == "U" else self.tr("Variations of picture {0}"))
            return name, tip.format(name[1:])
        if name == "reroll":
            return "⟳", self.tr("Reroll: a new grid from the same prompt")
        known = self._button_names().get(name)
        if known:
            return known, known
        if button.label:
            return button.label, button.label
        return button.text, self.tr("A Midjourney action the relay shows as {0}").format(button.text)

    def _button_names(self) -> dict[str, str]:
        """Words for the buttons (relays send some as an emoji only, and not every system has an emoji font)."""
        return {
            "pan-left": self.tr("← Pan left"), "pan-right": self.tr("→ Pan right"),
            "pan-up": self.tr("↑ Pan up"), "pan-down": self.tr("↓ Pan down"), "zoom-2x": self.tr("Zoom Out 2x"),
            "zoom-1.5x": self.tr("Zoom Out 1.5x"), "zoom-custom": self.tr("Custom Zoom…"),
            "vary-strong": self.tr("Vary (Strong)"), "vary-subtle": self.tr("Vary (Subtle)"),
            "vary-region": self.tr("Vary (Region)…"), "upscale-2x": self.tr("Upscale 2x"),
            "upscale-4x": self.tr("Upscale 4x"),
        }

    @Slot(str, QImage)
    def _image_loaded(self, key: str, image: QImage) -> None:
        kind, _, rest = key.partition(":")
        pixmap = QPixmap.fromImage(image) if not image.isNull() else QPixmap()
        if kind == "ref":
            for row in range(self.references.count()):
                thumb = self.references.thumb(row)
                if thumb is not None and thumb.path == rest and not pixmap.isNull():
                    self._reference_pictures[rest] = pixmap
                    thumb.show_picture(pixmap)
        elif kind == "result":
            for row in range(self.images.count()):
                item = self.images.item(row)
                if item.data(Qt.ItemDataRole.UserRole) == rest:
                    item.setIcon(QIcon(pixmap))
        elif kind == "quadrant" and not pixmap.isNull():
            index, _, path = rest.partition(":")
            label = self.quadrants[int(index)]
            if label.property("path") != path:  # a late picture of a job no longer shown
                return
            label.setPixmap(pixmap.scaled(label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))
            label.setProperty("fullPixmap", pixmap)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for label in self.quadrants:
            full = label.property("fullPixmap")
            if isinstance(full, QPixmap) and not full.isNull():
                label.setPixmap(full.scaled(label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation))
