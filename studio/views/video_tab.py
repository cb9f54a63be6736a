"""The Video tab: a form (model, format, prompt, start and end frames, the options the model's family
takes) and the job shown — its live progress, then the video playing in the player, with Remix / Extend /
Upscale where the family has them.

Which options and frames apply is the view-model's `OptionsView`; this module only shows them. Frame
slots take drops from the Gallery, the Image tab's results and the file manager (one payload for the
app: `studio.viewmodels.dragdrop`) and show the picture, decoded off the UI thread. The player
(python-vlc) is created with the first video shown; libvlc starts in a worker thread when the tab is built
(`player.warm_up`), so neither the window nor the tab waits for it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.jobs.model import SETTLED, JobState
from studio.viewmodels.dragdrop import accepts, dropped
from studio.viewmodels.jobs import state_text
from studio.viewmodels.video import END, START, Frame, OptionsView, VideoJobView, VideoViewModel
from studio.views.banner import ErrorBanner
from studio.views.chat_tab import PromptEdit
from studio.views.icons import icon
from studio.views.image_loader import ImageLoader
from studio.views.model_picker import ModelPicker
from studio.views.panes import family_box, side_by_side
from studio.views.player import MediaPlayer, warm_up

FRAME_THUMB = 150
#: lengths offered where a family takes any number of seconds
COMMON_SECONDS = ("4", "5", "6", "8", "10")
COMMON_SIZES = ("1280x720", "720x1280", "1920x1080", "1080x1920", "1024x1024")
COMMON_ASPECTS = ("16:9", "9:16", "1:1", "4:3", "3:4")


class FrameSlot(QFrame):
    """A start or end frame: the picture, or "drop a picture here"; takes drops and has a remove button."""

    #: a picture was dropped: its file, and its gallery id ("" for a file from elsewhere)
    pictureDropped = Signal(str, str)
    chooseRequested = Signal()
    clearRequested = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAcceptDrops(True)
        self.setMinimumWidth(FRAME_THUMB + 16)
        self.title = QLabel(title, self)
        self.title.setObjectName("frameTitle")
        self.picture = QLabel(self)
        self.picture.setObjectName("framePicture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(FRAME_THUMB, FRAME_THUMB * 9 // 16 + 24)
        self.picture.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.picture.setWordWrap(True)
        self.picture.setEnabled(False)
        self.note = QLabel(self)
        self.note.setObjectName("frameNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #d9534f;")
        self.note.hide()
        self.choose = QToolButton(self)
        self.choose.setText(self.tr("Choose…"))
        self.choose.setToolTip(self.tr("Choose a picture file"))
        self.remove = QToolButton(self)
        self.remove.setObjectName("frameRemove")
        self.remove.setText(self.tr("Remove"))
        self.remove.setToolTip(self.tr("Take the picture out of this slot"))
        for button, name in ((self.choose, "folder"), (self.remove, "close")):
            button.setIcon(icon(name))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.choose.clicked.connect(self.chooseRequested)
        self.remove.clicked.connect(self.clearRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addStretch(1)
        buttons.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self._full = QPixmap()
        self.frame: Frame | None = None
        self.show_empty()

    def show_empty(self) -> None:
        self.frame = None
        self._full = QPixmap()
        self.picture.clear()
        self.picture.setText(self.tr("Drop a picture here"))
        self.picture.setEnabled(False)
        self.picture.setToolTip("")
        self.remove.setVisible(False)

    def show_frame(self, frame: Frame) -> None:
        self.frame = frame
        self.picture.setText(self.tr("Loading…"))
        self.picture.setToolTip(frame.path)
        self.remove.setVisible(True)

    def show_picture(self, image: QImage) -> None:
        self.picture.setEnabled(True)
        if image.isNull():
            self.picture.setText(self.tr("The picture cannot be shown"))
            return
        self._full = QPixmap.fromImage(image)
        self._fit()

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def _fit(self) -> None:
        if not self._full.isNull():
            self.picture.setPixmap(self._full.scaled(self.picture.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                     Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if accepts(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if accepts(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        items = dropped(event.mimeData())
        if items:
            first = items[0]
            self.pictureDropped.emit(str(first.path), first.asset_id or "")
            event.acceptProposedAction()


class ChoiceBox(QComboBox):
    """An option's values: "relay default" first, then the family's choices (or common values, editable,
    where the family takes any)."""

    def __init__(self, names: dict[str, str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = names or {}
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)

    def set_choices(self, default: str, values: tuple[str, ...], free: bool) -> None:
        kept = self.value()
        self.setEditable(free)
        self.clear()
        self.addItem(default, "")
        for value in values:
            self.addItem(self._names.get(value, value), value)
        index = self.findData(kept)
        if index >= 0:
            self.setCurrentIndex(index)
        elif free and kept:
            self.setEditText(kept)
        else:
            self.setCurrentIndex(0)

    def value(self) -> str:
        if self.isEditable():
            text = self.currentText().strip()
            index = self.findText(text)
            if index >= 0:
                return str(self.itemData(index) or "")
            return text
        return str(self.currentData() or "")

    def set_value(self, value: str) -> None:
        index = self.findData(value)
        if index >= 0:
            self.setCurrentIndex(index)
        elif self.isEditable():
            self.setEditText(value)


class VideoTab(QWidget):
    def __init__(self, vm: VideoViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vm = vm
        self._loader = ImageLoader(self)
        self._loader.loaded.connect(self._picture_loaded)
        self._shown: VideoJobView | None = None
        self._options: OptionsView | None = None
        self._profile = ""  # the re-run job's profile the note names
        self._loaded_video = ""
        self.player: MediaPlayer | None = None  # made with the first video
        warm_up()  # libvlc starts off the UI thread now, so the first video does not wait for it
        self._build()
        self._connect()
        if vm.options is not None:
            self._show_options(vm.options)
        if vm.profile:
            self._show_profile(vm.profile)
        for slot in (START, END):
            frame = vm.frame(slot)
            if frame is not None:
                self._show_frame(slot, frame)

    # -- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = ErrorBanner(self)
        splitter = side_by_side(self, "videoSplitter", self._build_form(), self._build_result(), (400, 760))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

    def _build_form(self) -> QWidget:
        form = QWidget(self)
        form.setMinimumWidth(340)
        form.setMaximumWidth(520)
        self.model_picker = ModelPicker(form)
        self.model_picker.setObjectName("videoModelPicker")
        choices = self.vm.family_choices()
        self.family = family_box(form, "videoFamily", ((family, self.family_label(family, label))
                                                       for family, label in choices))
        self.family_note = QLabel(form)
        self.family_note.setObjectName("videoFamilyNote")
        self.family_note.setWordWrap(True)
        self.family_note.setEnabled(False)
        self.profile_note = QLabel(form)  # shown while new jobs go to a re-run job's profile
        self.profile_note.setObjectName("videoProfileNote")
        self.profile_note.setWordWrap(True)
        self.profile_note.setEnabled(False)
        self.profile_note.hide()
        self.prompt = PromptEdit(form)
        self.prompt.setObjectName("videoPrompt")
        self.prompt.setPlaceholderText(self.tr("Describe the video (Ctrl+Enter to generate)"))
        self.prompt.setMinimumHeight(70)

        self.start_slot = FrameSlot(self.tr("Start frame"), form)
        self.start_slot.setObjectName("startFrame")
        self.end_slot = FrameSlot(self.tr("End frame"), form)
        self.end_slot.setObjectName("endFrame")
        frames = QHBoxLayout()
        frames.addWidget(self.start_slot, 1)
        frames.addWidget(self.end_slot, 1)

        self.seconds = ChoiceBox(parent=form)
        self.seconds.setObjectName("videoSeconds")
        self.size_box = ChoiceBox(parent=form)
        self.size_box.setObjectName("videoSize")
        self.aspect = ChoiceBox(parent=form)
        self.aspect.setObjectName("videoAspect")
        self.ratio = ChoiceBox(parent=form)
        self.ratio.setObjectName("videoRatio")
        self.mode = ChoiceBox({"std": self.tr("Standard"), "pro": self.tr("Professional")}, form)
        self.mode.setObjectName("videoMode")
        self.cfg_scale = QDoubleSpinBox(form)
        self.cfg_scale.setObjectName("videoCfgScale")
        self.cfg_scale.setRange(-0.1, 1.0)
        self.cfg_scale.setSingleStep(0.1)
        self.cfg_scale.setDecimals(2)
        self.cfg_scale.setSpecialValueText(self.tr("Relay default"))
        self.cfg_scale.setValue(-0.1)
        self.cfg_scale.setToolTip(self.tr("How closely the video follows the prompt, from 0 to 1"))
        self.negative = QLineEdit(form)
        self.negative.setObjectName("videoNegative")
        self.negative.setPlaceholderText(self.tr("What the video should not show"))
        self.loop = QCheckBox(self.tr("Loop the video (the end joins the start)"), form)
        self.loop.setObjectName("videoLoop")

        self.generate_button = QPushButton(self.tr("Generate"), form)
        self.generate_button.setObjectName("videoGenerate")
        self.generate_button.setDefault(True)
        self.generate_button.setIcon(icon("sparkle"))

        top = QFormLayout()
        top.addRow(self.tr("Model"), self.model_picker)
        top.addRow(self.tr("Format"), self.family)
        self.options_form = QFormLayout()
        self.options_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._option_rows: dict[str, QWidget] = {
            "seconds": self.seconds, "size": self.size_box, "aspect": self.aspect, "ratio": self.ratio,
            "mode": self.mode, "cfg_scale": self.cfg_scale, "negative_prompt": self.negative, "loop": self.loop,
        }
        labels = {"seconds": self.tr("Length (s)"), "size": self.tr("Size"), "aspect": self.tr("Aspect ratio"),
                  "ratio": self.tr("Ratio"), "mode": self.tr("Mode"), "cfg_scale": self.tr("Prompt strength"),
                  "negative_prompt": self.tr("Avoid"), "loop": ""}
        for name, widget in self._option_rows.items():
            if labels[name]:
                self.options_form.addRow(labels[name], widget)
            else:
                self.options_form.addRow(widget)
        self.no_options = QLabel(self.tr("This model takes no further options."), form)
        self.no_options.setObjectName("videoNoOptions")
        self.no_options.setEnabled(False)

        layout = QVBoxLayout(form)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.addLayout(top)
        layout.addWidget(self.family_note)
        layout.addWidget(self.profile_note)
        layout.addWidget(QLabel(self.tr("Prompt"), form))
        layout.addWidget(self.prompt, 2)
        layout.addLayout(frames, 2)
        layout.addLayout(self.options_form)
        layout.addWidget(self.no_options)
        layout.addWidget(self.generate_button)
        self._show_option_rows(())
        return form

    def _build_result(self) -> QWidget:
        result = QWidget(self)
        self.status = QLabel(self.tr("The video appears here and plays once it is ready. Every video is saved "
                                     "in the gallery."), result)
        self.status.setObjectName("videoStatus")
        self.status.setWordWrap(True)
        self.progress = QProgressBar(result)
        self.progress.setObjectName("videoProgress")
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.note = QLabel(result)
        self.note.setObjectName("videoNote")
        self.note.setWordWrap(True)
        self.note.setEnabled(False)
        self.note.hide()
        self.stage = QStackedWidget(result)
        self.stage.setObjectName("videoStage")
        self.stage.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.placeholder = QLabel(self.tr("No video yet"), self.stage)
        self.placeholder.setObjectName("videoPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)
        self.stage.addWidget(self.placeholder)
        self.action_buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        tips = {"remix": self.tr("A new video from this one, changed as the prompt says"),
                "extend": self.tr("Continue this video, as the prompt says"),
                "upscale": self.tr("This video at a higher resolution")}
        for name, text in (("remix", self.tr("Remix")), ("extend", self.tr("Extend")),
                           ("upscale", self.tr("Upscale"))):
            button = QPushButton(icon({"remix": "shuffle"}.get(name, name)), text, result)
            button.setObjectName(f"video-{name}")
            button.setToolTip(tips[name])
            button.clicked.connect(lambda _=False, n=name: self._act(n))
            button.hide()
            actions.addWidget(button)
            self.action_buttons[name] = button
        actions.addStretch(1)
        layout = QVBoxLayout(result)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.note)
        layout.addWidget(self.stage, 1)
        layout.addLayout(actions)
        return result

    def family_label(self, family: str, label: str) -> str:
        """A family's name in pickers and status lines: the built-in ones translated, never its id."""
        names = {
            "chat": self.tr("Chat format"), "openai-video": self.tr("Videos API (/v1/videos)"),
            "video-generations": self.tr("Video generations (/v1/video/generations)"),
            "custom-video": self.tr("Custom video (/custom_video)"),
        }
        return names.get(family, label)

    def _connect(self) -> None:
        vm = self.vm
        vm.error.connect(self.banner.show_message)
        vm.modelsChanged.connect(self._show_models)
        vm.modelChanged.connect(self.model_picker.show_model)
        vm.optionsChanged.connect(self._show_options)
        vm.familyChanged.connect(self._show_family)
        vm.profileChanged.connect(self._show_profile)
        vm.frameChanged.connect(self._show_frame)
        vm.jobShown.connect(self._show_job)
        vm.formRequested.connect(self._fill)
        vm.busyChanged.connect(lambda busy: self.generate_button.setEnabled(not busy))
        self.family.activated.connect(lambda _index: vm.setFamily(self.family.currentData()))
        self.model_picker.currentTextChanged.connect(vm.setModel)
        self.prompt.submitted.connect(self.generate)
        self.prompt.filesPasted.connect(self._files_pasted)
        self.generate_button.clicked.connect(self.generate)
        for slot, widget in ((START, self.start_slot), (END, self.end_slot)):
            widget.pictureDropped.connect(lambda path, asset, s=slot: self._set_frame(s, path, asset))
            widget.chooseRequested.connect(lambda s=slot: self._choose_frame(s))
            widget.clearRequested.connect(lambda s=slot: vm.clearFrame(s))

    # -- actions ---------------------------------------------------------------------------------

    def option_values(self) -> dict[str, Any]:
        """The values of the options shown (those the model takes); the rest stay out of the request."""
        shown = self._options.options if self._options is not None else ()
        values: dict[str, Any] = {
            "seconds": self.seconds.value(), "size": self.size_box.value(), "aspect": self.aspect.value(),
            "ratio": self.ratio.value(), "mode": self.mode.value(),
            "cfg_scale": self.cfg_scale.value() if self.cfg_scale.value() >= 0 else None,
            "negative_prompt": self.negative.text(), "loop": self.loop.isChecked(),
        }
        return {name: value for name, value in values.items() if name in shown}

    @Slot()
    def generate(self) -> None:
        self.banner.clear()
        self.vm.generate(self.prompt.toPlainText(), self.option_values())

    def _act(self, action: str) -> None:
        self.banner.clear()
        self.vm.act(action, self.prompt.toPlainText(), {})

    @Slot(list)
    def _files_pasted(self, files: list[str]) -> None:
        """A picture dropped or pasted on the prompt becomes the start frame."""
        if files:
            self._set_frame(START, files[0], "")

    def _set_frame(self, slot: str, path: str, asset_id: str) -> None:
        self.banner.clear()
        self.vm.setFrame(slot, path, asset_id)

    def _choose_frame(self, slot: str) -> None:
        title = self.tr("Start frame") if slot == START else self.tr("End frame")
        path, _ = QFileDialog.getOpenFileName(self, title, "", self.tr("Pictures (*.png *.jpg *.jpeg *.webp *.heic)"))
        if path:
            self._set_frame(slot, path, "")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()

    def _retranslate(self) -> None:
        """The texts composed from what is shown, again in the new language (the catalogue's own texts are
        asked for again by the main window: studio/views/retranslate.py)."""
        self.mode._names = {"std": self.tr("Standard"), "pro": self.tr("Professional")}
        if self._options is not None:
            self._show_options(self._options)
        view = self._shown
        if view is not None:
            self.status.setText(self._status_text(view))
            if not view.video:
                self._show_placeholder(view)
        self._show_profile(self._profile)

    # -- showing ---------------------------------------------------------------------------------

    @Slot(list)
    def _show_models(self, names: list[str]) -> None:
        self.model_picker.show_models(names, self.vm.model)

    @Slot(str)
    def _show_family(self, family: str) -> None:
        self.family.setCurrentIndex(max(0, self.family.findData(family)))

    @Slot(str)
    def _show_profile(self, profile: str) -> None:
        self._profile = profile
        self.profile_note.setText(self.tr("Sent through the profile “{0}”, as the re-run job was.").format(profile)
                                  if profile else "")
        self.profile_note.setVisible(bool(profile))

    @Slot(object)
    def _show_options(self, view: OptionsView) -> None:
        self._options = view
        default = self.tr("Relay default")
        free = {"seconds": COMMON_SECONDS, "size": COMMON_SIZES, "aspect": COMMON_ASPECTS, "ratio": (),
                "mode": ()}
        for name, box in (("seconds", self.seconds), ("size", self.size_box), ("aspect", self.aspect),
                          ("ratio", self.ratio), ("mode", self.mode)):
            allowed = view.choices.get(name)
            box.set_choices(default, allowed if allowed else free[name], free=not allowed)
        self._show_option_rows(view.options)
        label = self.family_label(view.family, view.label) if view.family else ""
        if view.problem:
            self.family_note.setText(view.problem)
        elif label:
            self.family_note.setText(self.tr("Sent as: {0}").format(label))
        else:
            self.family_note.clear()
        self.family_note.setVisible(bool(self.family_note.text()))
        self._show_slot_notes()

    def _show_option_rows(self, options: tuple[str, ...]) -> None:
        for name, widget in self._option_rows.items():
            self.options_form.setRowVisible(widget, name in options)
        self.no_options.setVisible(self._options is not None and not options and not self._options.problem)

    def _show_slot_notes(self) -> None:
        """A slot the model does not take is hidden, unless it holds a picture (which must then go)."""
        view = self._options
        for slot, widget, takes in ((START, self.start_slot, view is None or view.start_frame),
                                    (END, self.end_slot, view is not None and view.end_frame)):
            widget.setVisible(takes or widget.frame is not None)
            if widget.frame is not None and not takes:
                widget.set_note(self.tr("This model takes no start frame; remove the picture.") if slot == START
                                else self.tr("This model takes no end frame; remove the picture."))
            else:
                widget.set_note("")

    @Slot(str, object)
    def _show_frame(self, slot: str, frame: Frame | None) -> None:
        widget = self.start_slot if slot == START else self.end_slot
        if frame is None:
            widget.show_empty()
        else:
            widget.show_frame(frame)
            self._loader.load(f"{slot}:{frame.path}", frame.path, FRAME_THUMB * 2)
        self._show_slot_notes()

    @Slot(str, QImage)
    def _picture_loaded(self, key: str, image: QImage) -> None:
        slot, _, path = key.partition(":")
        widget = self.start_slot if slot == START else self.end_slot
        if widget.frame is not None and widget.frame.path == path:  # not a late picture of a frame replaced
            widget.show_picture(image)

    @Slot(str, dict)
    def _fill(self, prompt: str, values: dict[str, Any]) -> None:
        self.prompt.setPlainText(prompt)
        for name, box in (("seconds", self.seconds), ("size", self.size_box), ("aspect", self.aspect),
                          ("ratio", self.ratio), ("mode", self.mode)):
            box.set_value(str(values.get(name, "")))
        cfg = values.get("cfg_scale")
        self.cfg_scale.setValue(float(cfg) if isinstance(cfg, (int, float)) else -0.1)
        self.negative.setText(str(values.get("negative_prompt") or ""))
        self.loop.setChecked(bool(values.get("loop")))
        self.prompt.setFocus()

    @Slot(object)
    def _show_job(self, view: VideoJobView) -> None:
        self._shown = view
        running = view.state not in SETTLED
        self.status.setText(self._status_text(view))
        self.progress.setVisible(running)
        if view.progress is None and running:
            self.progress.setRange(0, 0)  # busy: the relay gives no figure
        else:
            self.progress.setRange(0, 100)
            self.progress.setValue(int(view.progress or 0))
        self.note.setText(view.note)
        self.note.setVisible(bool(view.note) and running)
        if view.error and view.state in (JobState.FAILED, JobState.UNKNOWN, JobState.DONE_REMOTE_ONLY):
            self.banner.show_message(view.error)
        for name, button in self.action_buttons.items():
            button.setVisible(name in view.actions)
        if view.video:
            self._play(view.video)
        else:
            self._show_placeholder(view)

    def _status_text(self, view: VideoJobView) -> str:
        label = self.family_label(view.family, view.family_label)  # the bar under it shows the figure
        return self.tr("{0} — {1} · {2}").format(state_text(view.state), view.model, label)

    def _show_placeholder(self, view: VideoJobView) -> None:
        self._loaded_video = ""
        if self.player is not None:
            self.player.stop()
        if view.state in (JobState.FAILED, JobState.CANCELLED):
            self.placeholder.setText(self.tr("No video: the job ended without one."))
        elif view.state is JobState.DONE_REMOTE_ONLY:
            self.placeholder.setText(self.tr("The video could not be saved; the Jobs panel can download it again."))
        elif view.state is JobState.DONE and view.images:
            self.placeholder.setText(self.tr("The model answered with a picture instead of a video; it is in the "
                                             "gallery."))
        else:
            self.placeholder.setText(self.tr("The video is being made; it plays here once it is ready."))
        self.stage.setCurrentWidget(self.placeholder)

    def _play(self, path: str) -> None:
        if path == self._loaded_video:
            return
        player = self._ensure_player()
        self._loaded_video = path
        self.stage.setCurrentWidget(player)
        player.set_loop(True)
        player.load(path)
        player.play()

    def _ensure_player(self) -> MediaPlayer:
        if self.player is None:
            self.player = MediaPlayer(self.stage)
            self.player.setObjectName("videoPlayer")
            self.player.failed.connect(self.banner.show_message)
            self.stage.addWidget(self.player)
        return self.player

    def shutdown(self) -> None:
        """Stop playback and free libvlc's player (the window is closing)."""
        if self.player is not None:
            self.player.release()
