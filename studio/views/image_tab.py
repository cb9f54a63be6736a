"""The Image tab: a form (model, prompt, size, quality, count, reference images) and the results of
the job shown — its images, or a Midjourney grid cut in four with the task's buttons under it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QSize, Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QIcon, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
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
from studio.viewmodels.image import QUALITIES, SIZES, ButtonView, ImageViewModel, JobView
from studio.viewmodels.jobs import state_text
from studio.views.banner import ErrorBanner
from studio.views.chat_tab import PromptEdit
from studio.views.image_loader import ImageLoader
from studio.views.model_picker import ModelPicker

if TYPE_CHECKING:
    from studio.gallery.store import Asset

PREVIEW = 320
THUMB = 72


class ReferenceList(QListWidget):
    """Reference images: thumbnails that accept dropped files (from the desktop or the gallery)."""

    filesDropped = Signal(list)

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
        self.setMinimumHeight(THUMB // 2 + 24)
        self.setMaximumHeight(THUMB * 2 + 36)

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
        self._build()
        self._connect()

    # -- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = ErrorBanner(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
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
        self.prompt = PromptEdit(form)
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
        self.family = QComboBox(form)
        self.family.setObjectName("imageFamily")
        self.family.setToolTip(self.tr("Which request format the model speaks; remembered for this model"))
        self.family.addItem(self.tr("Automatic"), "")
        labels = {"openai-images": self.tr("Images API (/v1/images)"), "chat": self.tr("Chat format"),
                  "midjourney": self.tr("Midjourney")}  # the built-in families' names, translated
        for family, label in self.vm.family_choices():
            self.family.addItem(labels.get(family, label), family)
        self.mode = QComboBox(form)
        self.mode.setObjectName("mjMode")
        self.mode.setToolTip(self.tr("Midjourney speed mode"))
        self.mode.addItem(self.tr("Relay default"), "")
        self.mode.addItem(self.tr("Fast"), "fast")
        self.mode.addItem(self.tr("Relax"), "relax")
        self.mode.addItem(self.tr("Turbo"), "turbo")
        self.references = ReferenceList(form)
        self.add_reference = QPushButton(self.tr("Add images…"), form)
        self.clear_references = QPushButton(self.tr("Clear"), form)
        self.generate_button = QPushButton(self.tr("Generate"), form)
        self.generate_button.setObjectName("generateButton")
        self.generate_button.setDefault(True)
        self.mj_tools = QToolButton(form)
        self.mj_tools.setObjectName("mjTools")
        self.mj_tools.setText(self.tr("Midjourney tools"))
        self.mj_tools.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
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
        fields.addRow(self.tr("Size"), self._pair(self.size_box, self.tr("Quality"), self.quality))
        fields.addRow(self.tr("Count"), self._pair(self.count, self.tr("MJ speed"), self.mode))
        reference_buttons = QHBoxLayout()
        reference_buttons.addWidget(self.add_reference)
        reference_buttons.addWidget(self.clear_references)
        reference_buttons.addStretch(1)
        hint = QLabel(self.tr("Reference images"), form)
        explanation = self.tr("Reference images — drop files or gallery pictures here; with a mask they are "
                              "edited, with Midjourney they guide the grid.")
        hint.setToolTip(explanation)
        self.references.setToolTip(explanation)
        layout = QVBoxLayout(form)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.addLayout(fields)
        layout.addWidget(QLabel(self.tr("Prompt"), form))
        layout.addWidget(self.prompt, 2)
        layout.addWidget(hint)
        layout.addWidget(self.references)
        layout.addLayout(reference_buttons)
        actions = QHBoxLayout()
        actions.addWidget(self.generate_button, 1)
        actions.addWidget(self.mj_tools)
        layout.addLayout(actions)
        return form

    def _pair(self, first: QWidget, label: str, second: QWidget) -> QWidget:
        """Two fields on one form row (keeps the form short enough for small screens)."""
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(first, 1)
        layout.addWidget(QLabel(label, row))
        layout.addWidget(second, 1)
        return row

    def _build_results(self) -> QWidget:
        results = QWidget(self)
        self.status = QLabel(self.tr("Results appear here. Every image is saved in the gallery."), results)
        self.status.setObjectName("imageStatus")
        self.status.setWordWrap(True)
        self.progress = QProgressBar(results)
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(True)
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
        self._button_rows = QVBoxLayout()
        mj_layout = QVBoxLayout(self.mj_panel)
        mj_layout.setContentsMargins(0, 0, 0, 0)
        mj_layout.addLayout(self._quadrant_grid, 1)
        mj_layout.addLayout(self._button_rows)
        self.mj_panel.hide()
        self.mj_buttons: list[QPushButton] = []

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
        self.model_picker.currentTextChanged.connect(vm.setModel)
        self.prompt.submitted.connect(self.generate)
        self.prompt.filesPasted.connect(vm.addReferences)
        self.references.filesDropped.connect(vm.addReferences)
        self.references.itemDoubleClicked.connect(lambda item: vm.removeReference(self.references.row(item)))
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

    @Slot(list)
    def _show_references(self, paths: list[str]) -> None:
        self.references.clear()
        for path in paths:
            item = QListWidgetItem(self.references)
            item.setToolTip(path)
            item.setData(Qt.ItemDataRole.UserRole, path)
            self._loader.load(f"ref:{path}", path, THUMB)

    @Slot(object)
    def _show_job(self, view: JobView) -> None:
        first = self._shown is None or self._shown.job_id != view.job_id
        previous = self._shown
        self._shown = view
        self.status.setText(self._status_text(view))
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
        return self.tr("{0} — {1} via {2} ({3})").format(text, view.model, view.family, view.family_reason)

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
        while self._button_rows.count():
            row = self._button_rows.takeAt(0)
            layout = row.layout() if row is not None else None
            while layout is not None and layout.count():
                item = layout.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.deleteLater()
        self.mj_buttons = []
        upscale = [b for b in buttons if b.name in ("U1", "U2", "U3", "U4", "reroll")]
        variation = [b for b in buttons if b.name in ("V1", "V2", "V3", "V4")]
        others = [b for b in buttons if b not in upscale and b not in variation]
        for group in (upscale, variation, others[:6], others[6:]):
            if not group:
                continue
            row = QHBoxLayout()
            for button in group:
                widget = QPushButton(button.label or self._button_names().get(button.name) or button.text,
                                     self.mj_panel)
                widget.setObjectName(f"mjButton-{button.name or button.custom_id}")
                widget.setToolTip(button.name or button.custom_id)
                widget.clicked.connect(lambda _=False, b=button: self._press(b))
                row.addWidget(widget)
                self.mj_buttons.append(widget)
            row.addStretch(1)
            self._button_rows.addLayout(row)

    def _button_names(self) -> dict[str, str]:
        """Words for the buttons relays send as an emoji only (not every system has an emoji font)."""
        return {
            "reroll": self.tr("⟳ Reroll"), "pan-left": self.tr("← Pan"), "pan-right": self.tr("Pan →"),
            "pan-up": self.tr("↑ Pan"), "pan-down": self.tr("↓ Pan"), "zoom-2x": self.tr("Zoom Out 2x"),
            "zoom-1.5x": self.tr("Zoom Out 1.5x"), "zoom-custom": self.tr("Custom Zoom"),
            "vary-strong": self.tr("Vary (Strong)"), "vary-subtle": self.tr("Vary (Subtle)"),
            "vary-region": self.tr("Vary (Region)"), "upscale-2x": self.tr("Upscale 2x"),
            "upscale-4x": self.tr("Upscale 4x"),
        }

    @Slot(str, QImage)
    def _image_loaded(self, key: str, image: QImage) -> None:
        kind, _, rest = key.partition(":")
        pixmap = QPixmap.fromImage(image) if not image.isNull() else QPixmap()
        if kind == "ref":
            for row in range(self.references.count()):
                item = self.references.item(row)
                if item.data(Qt.ItemDataRole.UserRole) == rest:
                    item.setIcon(QIcon(pixmap))
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
