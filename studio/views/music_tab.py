"""The Music tab: a song form (model, format, inspiration or custom mode with a lyrics editor that Suno can
fill, style, title, instrumental, model version) and the job shown as a list of clips — cover, title,
length and a play button each — playing in the app's player, with "Extend from here" at the player's
position and "Re-run".

What the form may send, and why not, is the view-model's `FormCheck`; which fields apply is the chosen
format's `FamilyView`. This module only shows them and sends each edit back (`MusicViewModel.setForm`).
Covers are decoded off the UI thread (`ImageLoader`); libvlc starts in a worker thread when the tab is
built (`player.warm_up`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QImage, QPixmap, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.jobs.model import SETTLED, JobState
from studio.viewmodels.durations import clock
from studio.viewmodels.jobs import state_text
from studio.viewmodels.music import (
    CUSTOM,
    INSPIRATION,
    ClipView,
    ExtendSource,
    FamilyView,
    FormCheck,
    MusicJobView,
    MusicViewModel,
)
from studio.views.banner import ErrorBanner
from studio.views.icons import icon
from studio.views.image_loader import ImageLoader
from studio.views.model_picker import ModelPicker
from studio.views.panes import family_box, side_by_side
from studio.views.player import LOADING, PLAYING, MediaPlayer, warm_up

COVER = 56
#: the player's height: the cover as its poster, and its controls
PLAYER_HEIGHT = 190


class ClipRow(QFrame):
    """One song: its cover, title, which take it is, style and length, a play button, and its lyrics behind a
    toggle (in the tooltip too)."""

    playRequested = Signal(str)  # asset id

    def __init__(self, clip: ClipView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clip = clip
        self.setObjectName("clipRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("loaded", False)  # the clip in the player (playing or paused)
        self.setStyleSheet('#clipRow[loaded="true"] { border: 2px solid palette(highlight); border-radius: 4px; }')
        self.playing = False
        self.cover = QLabel(self)
        self.cover.setObjectName("clipCover")
        self.cover.setFixedSize(COVER, COVER)
        self.cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cover.setPixmap(icon("music").pixmap(28, 28))
        self.title = QLabel(self)
        self.title.setObjectName("clipTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.details = QLabel(self)
        self.details.setObjectName("clipDetails")
        self.details.setEnabled(False)
        self.details.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.duration = QLabel(self)
        self.duration.setObjectName("clipDuration")
        self.play = QToolButton(self)
        self.play.setObjectName("clipPlay")
        self.play.setIcon(icon("play"))
        self.play.setAutoRaise(True)
        self.play.setIconSize(self.play.iconSize() * 1.4)
        self.play.clicked.connect(lambda: self.playRequested.emit(self.clip.asset_id))
        self.lyrics_toggle = QToolButton(self)
        self.lyrics_toggle.setObjectName("clipLyricsToggle")
        self.lyrics_toggle.setCheckable(True)
        self.lyrics_toggle.setAutoRaise(True)
        self.lyrics_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.lyrics_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.lyrics_toggle.toggled.connect(self._show_lyrics)
        self.lyrics = QLabel(self)
        self.lyrics.setObjectName("clipLyrics")
        self.lyrics.setWordWrap(True)
        self.lyrics.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lyrics.setTextFormat(Qt.TextFormat.PlainText)
        self.lyrics.setContentsMargins(COVER + 12, 0, 6, 2)
        self.lyrics.hide()
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addStretch(1)
        words.addWidget(self.title)
        words.addWidget(self.details)
        words.addStretch(1)
        line = QHBoxLayout()
        line.addWidget(self.cover)
        line.addLayout(words, 1)
        line.addWidget(self.lyrics_toggle)
        line.addWidget(self.duration)
        line.addWidget(self.play)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(line)
        layout.addWidget(self.lyrics)
        self.show_clip(clip)

    def show_clip(self, clip: ClipView) -> None:
        self.clip = clip
        title = clip.title or self.tr("Untitled")
        self.title.setToolTip(title)
        self.details.setToolTip(clip.tags)
        self.details.setVisible(bool(self._details_text()))
        self.lyrics.setText(clip.lyrics.strip())
        self.lyrics_toggle.setText(self.tr("Lyrics"))
        self.lyrics_toggle.setToolTip(clip.lyrics.strip())
        self.cover.setToolTip(clip.lyrics.strip())
        self.lyrics_toggle.setVisible(bool(clip.lyrics.strip()))
        self._show_lyrics(self.lyrics_toggle.isChecked())
        self._elide()
        self.duration.setText(clip.duration_text)
        self.set_playing(self.playing, self.property("loaded") is True)

    def _details_text(self) -> str:
        """Which take the song is (a job makes two of one song) and its style."""
        take = self.tr("Take {0}").format(self.clip.take) if self.clip.take else ""
        return " · ".join(part for part in (take, self.clip.tags) if part)

    def _show_lyrics(self, shown: bool) -> None:
        shown = shown and bool(self.clip.lyrics.strip())
        self.lyrics.setVisible(shown)
        self.lyrics_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _elide(self) -> None:
        """The title and style cut with "…" where the row is too narrow for them (whole in the tooltips)."""
        for label, text in ((self.title, self.clip.title or self.tr("Untitled")), (self.details, self._details_text())):
            width = max(20, label.width())
            label.setText(label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def set_cover(self, image: QImage) -> None:
        if not image.isNull():
            pixmap = QPixmap.fromImage(image).scaled(COVER, COVER, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                                                     Qt.TransformationMode.SmoothTransformation)
            self.cover.setPixmap(pixmap)

    def set_playing(self, playing: bool, loaded: bool) -> None:
        self.playing = playing
        if (self.property("loaded") is True) != loaded:
            self.setProperty("loaded", loaded)
            self.style().unpolish(self)
            self.style().polish(self)
        self.play.setIcon(icon("pause" if playing else "play"))
        self.play.setToolTip(self.tr("Pause") if playing else self.tr("Play"))


class MusicTab(QWidget):
    def __init__(self, vm: MusicViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vm = vm
        self._loader = ImageLoader(self)
        self._loader.loaded.connect(self._cover_loaded)
        self._shown: MusicJobView | None = None
        self._options: FamilyView | None = None
        self._check: FormCheck | None = None
        self._extend: ExtendSource | None = None
        self._profile = ""
        self._filling = False
        self._busy = False
        self.rows: dict[str, ClipRow] = {}
        self._covers: dict[str, QImage] = {}
        self._loaded_clip = ""  # the asset id of the clip in the player
        self.player: MediaPlayer | None = None  # made with the first clip played
        warm_up()
        self._build()
        self._connect()
        if vm.options is not None:
            self._show_options(vm.options)
        if vm.profile:
            self._show_profile(vm.profile)
        self._show_extend(vm.extending)
        self._fill_from(vm.form)
        self._show_check(vm.check())

    # -- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = ErrorBanner(self)
        splitter = side_by_side(self, "musicSplitter", self._build_form(), self._build_result(), (330, 750))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

    def _build_form(self) -> QWidget:
        form = QWidget(self)
        form.setMinimumWidth(300)
        form.setMaximumWidth(500)
        self.model_picker = ModelPicker(form)
        self.model_picker.setObjectName("musicModelPicker")
        self.family = family_box(form, "musicFamily", self.vm.family_choices())
        self.family_note = QLabel(form)
        self.family_note.setObjectName("musicFamilyNote")
        self.family_note.setWordWrap(True)
        self.family_note.setEnabled(False)
        self.profile_note = QLabel(form)
        self.profile_note.setObjectName("musicProfileNote")
        self.profile_note.setWordWrap(True)
        self.profile_note.setEnabled(False)
        self.profile_note.hide()

        self.inspiration_mode = QRadioButton(self.tr("Describe it"), form)
        self.inspiration_mode.setObjectName("musicInspiration")
        self.inspiration_mode.setToolTip(self.tr("A line about the song; Suno writes the words and the music"))
        self.custom_mode = QRadioButton(self.tr("Write the lyrics"), form)
        self.custom_mode.setObjectName("musicCustom")
        self.custom_mode.setToolTip(self.tr("Your lyrics, style and title"))
        self.modes = QButtonGroup(form)
        self.modes.addButton(self.inspiration_mode)
        self.modes.addButton(self.custom_mode)
        self.inspiration_mode.setChecked(True)
        modes = QHBoxLayout()
        modes.addWidget(self.inspiration_mode)
        modes.addWidget(self.custom_mode)
        modes.addStretch(1)

        self.pages = QStackedWidget(form)
        self.pages.setObjectName("musicPages")
        inspiration = QWidget(self.pages)
        self.prompt = QLineEdit(inspiration)
        self.prompt.setObjectName("musicPrompt")
        self.prompt.setPlaceholderText(self.tr("An upbeat song about a rainy Monday"))
        self.prompt.setClearButtonEnabled(True)
        inspiration_layout = QVBoxLayout(inspiration)
        inspiration_layout.setContentsMargins(0, 0, 0, 0)
        inspiration_layout.addWidget(QLabel(self.tr("What is the song about?"), inspiration))
        inspiration_layout.addWidget(self.prompt)
        inspiration_layout.addStretch(1)
        self.pages.addWidget(inspiration)

        custom = QWidget(self.pages)
        self.title_edit = QLineEdit(custom)
        self.title_edit.setObjectName("musicTitle")
        self.title_edit.setPlaceholderText(self.tr("Optional"))
        self.tags = QLineEdit(custom)
        self.tags.setObjectName("musicTags")
        self.tags.setPlaceholderText(self.tr("dream pop, female vocals"))
        self.idea = QLineEdit(custom)
        self.idea.setObjectName("musicIdea")
        self.idea.setPlaceholderText(self.tr("What the lyrics are about"))
        self.write_button = QPushButton(icon("wand"), self.tr("Write lyrics for me"), custom)
        self.write_button.setObjectName("musicWriteLyrics")
        self.write_button.setToolTip(self.tr("Suno writes lyrics about this idea into the editor"))
        self.lyrics = QPlainTextEdit(custom)
        self.lyrics.setObjectName("musicLyrics")
        self.lyrics.setPlaceholderText(self.tr("[Verse]\nYour lyrics here…\n\n[Chorus]\n…"))
        self.lyrics.setMinimumHeight(90)
        self.lyrics_offer = QFrame(custom)  # Suno's lyrics came after the user changed the editor: asked first
        self.lyrics_offer.setObjectName("musicLyricsOffer")
        self.lyrics_offer.setFrameShape(QFrame.Shape.StyledPanel)
        self.lyrics_offer_text = QLabel(self.tr("Suno's lyrics are ready."), self.lyrics_offer)
        self.lyrics_offer_text.setWordWrap(True)
        self.lyrics_replace = QPushButton(self.tr("Replace mine"), self.lyrics_offer)
        self.lyrics_replace.setObjectName("musicLyricsReplace")
        self.lyrics_replace.setToolTip(self.tr("Put Suno's lyrics in the editor (Ctrl+Z brings yours back)"))
        self.lyrics_keep = QPushButton(self.tr("Keep mine"), self.lyrics_offer)
        self.lyrics_keep.setObjectName("musicLyricsKeep")
        self.lyrics_keep.setToolTip(self.tr("Leave the editor as it is (Suno's lyrics stay in the Jobs panel)"))
        offer_layout = QHBoxLayout(self.lyrics_offer)
        offer_layout.setContentsMargins(6, 4, 4, 4)
        offer_layout.addWidget(self.lyrics_offer_text, 1)
        offer_layout.addWidget(self.lyrics_replace)
        offer_layout.addWidget(self.lyrics_keep)
        self.lyrics_offer.hide()
        self._offered: tuple[str, str] | None = None  # (title, lyrics) waiting for Replace / Keep mine
        self.lyrics_count = QLabel(custom)
        self.lyrics_count.setObjectName("musicLyricsCount")
        self.lyrics_count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.lyrics_count.setEnabled(False)
        fields = QFormLayout()
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title_label = QLabel(self.tr("Title"), custom)
        fields.addRow(self.title_label, self.title_edit)
        fields.addRow(self.tr("Style"), self.tags)
        self.custom_fields = fields
        writer = QHBoxLayout()
        writer.addWidget(self.idea, 1)
        writer.addWidget(self.write_button)
        custom_layout = QVBoxLayout(custom)
        custom_layout.setContentsMargins(0, 0, 0, 0)
        custom_layout.addLayout(fields)
        custom_layout.addWidget(QLabel(self.tr("Lyrics"), custom))
        custom_layout.addLayout(writer)
        custom_layout.addWidget(self.lyrics_offer)
        custom_layout.addWidget(self.lyrics, 1)
        custom_layout.addWidget(self.lyrics_count)
        self.pages.addWidget(custom)

        self.instrumental = QCheckBox(self.tr("Instrumental (no singing)"), form)
        self.instrumental.setObjectName("musicInstrumental")
        self.version = QComboBox(form)
        self.version.setObjectName("musicVersion")
        self.version.setToolTip(self.tr("The model version the song is made with"))

        self.extend_box = QFrame(form)
        self.extend_box.setObjectName("musicExtend")
        self.extend_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.extend_text = QLabel(self.extend_box)
        self.extend_text.setObjectName("musicExtendText")
        self.extend_text.setWordWrap(True)
        self.extend_at = QDoubleSpinBox(self.extend_box)
        self.extend_at.setObjectName("musicExtendAt")
        self.extend_at.setDecimals(1)
        self.extend_at.setSuffix(self.tr(" s"))
        self.extend_at.setToolTip(self.tr("The second of the song the continuation starts from"))
        self.extend_clear = QToolButton(self.extend_box)
        self.extend_clear.setObjectName("musicExtendClear")
        self.extend_clear.setIcon(icon("close"))
        self.extend_clear.setToolTip(self.tr("Make a new song instead"))
        extend_layout = QHBoxLayout(self.extend_box)
        extend_layout.setContentsMargins(6, 4, 4, 4)
        extend_layout.addWidget(self.extend_text, 1)
        extend_layout.addWidget(self.extend_at)
        extend_layout.addWidget(self.extend_clear)
        self.extend_box.hide()

        self.hint = QLabel(form)
        self.hint.setObjectName("musicHint")
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        self.generate_button = QPushButton(icon("sparkle"), self.tr("Generate"), form)
        self.generate_button.setObjectName("musicGenerate")
        self.generate_button.setDefault(True)

        top = QFormLayout()
        top.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        top.addRow(self.tr("Model"), self.model_picker)
        top.addRow(self.tr("Format"), self.family)
        self.options_form = QFormLayout()
        self.options_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.options_form.addRow(self.tr("Version"), self.version)
        self.options_form.addRow(self.instrumental)

        layout = QVBoxLayout(form)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.addLayout(top)
        layout.addWidget(self.family_note)
        layout.addWidget(self.profile_note)
        layout.addLayout(modes)
        layout.addWidget(self.pages, 1)
        layout.addLayout(self.options_form)
        layout.addWidget(self.extend_box)
        layout.addWidget(self.hint)
        layout.addWidget(self.generate_button)
        return form

    def _build_result(self) -> QWidget:
        result = QWidget(self)
        self.status = QLabel(self.tr("Suno makes two songs at a time; each appears here as soon as it is saved "
                                     "(every song is kept in the gallery)."), result)
        self.status.setObjectName("musicStatus")
        self.status.setWordWrap(True)
        self.progress = QProgressBar(result)
        self.progress.setObjectName("musicProgress")
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.note = QLabel(result)
        self.note.setObjectName("musicNote")
        self.note.setWordWrap(True)
        self.note.setEnabled(False)
        self.note.hide()
        self.clip_area = QScrollArea(result)
        self.clip_area.setObjectName("musicClips")
        self.clip_area.setWidgetResizable(True)
        self.clip_area.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget(self.clip_area)
        self.clip_list = QVBoxLayout(holder)
        self.clip_list.setContentsMargins(0, 0, 0, 0)
        self.placeholder = QLabel(self.tr("No songs yet"), holder)
        self.placeholder.setObjectName("musicPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)
        self.clip_list.addWidget(self.placeholder)
        self.waiting = QLabel(holder)
        self.waiting.setObjectName("musicWaiting")
        self.waiting.setWordWrap(True)
        self.waiting.setEnabled(False)
        self.waiting.hide()
        self.clip_list.addWidget(self.waiting)
        self.failed = QLabel(holder)
        self.failed.setObjectName("musicFailed")
        self.failed.setWordWrap(True)
        self.failed.setStyleSheet("color: #d9534f;")
        self.failed.hide()
        self.clip_list.addWidget(self.failed)
        self.clip_list.addStretch(1)
        self.clip_area.setWidget(holder)
        self.player_place = QVBoxLayout()
        self.player_place.setContentsMargins(0, 0, 0, 0)
        self.extend_button = QPushButton(icon("extend"), self.tr("Extend from here"), result)
        self.extend_button.setObjectName("musicExtendHere")
        self.extend_button.setToolTip(self.tr("Continue the song playing from the player's position"))
        self.extend_button.hide()
        self.rerun_button = QPushButton(icon("refresh"), self.tr("Re-run"), result)
        self.rerun_button.setObjectName("musicRerun")
        self.rerun_button.setToolTip(self.tr("Put this job's settings back in the form, to change and send again"))
        self.rerun_button.hide()
        actions = QHBoxLayout()
        actions.addWidget(self.extend_button)
        actions.addWidget(self.rerun_button)
        actions.addStretch(1)
        layout = QVBoxLayout(result)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.note)
        layout.addLayout(self.player_place)  # the song playing above the list, its actions under it
        layout.addLayout(actions)
        layout.addWidget(self.clip_area, 1)
        return result

    def _connect(self) -> None:
        vm = self.vm
        vm.error.connect(self.banner.show_message)
        vm.modelsChanged.connect(lambda names: self.model_picker.show_models(names, vm.model))
        vm.modelChanged.connect(self.model_picker.show_model)
        vm.optionsChanged.connect(self._show_options)
        vm.familyChanged.connect(lambda family: self.family.setCurrentIndex(max(0, self.family.findData(family))))
        vm.profileChanged.connect(self._show_profile)
        vm.checkChanged.connect(self._show_check)
        vm.formRequested.connect(self._fill)
        vm.lyricsWritten.connect(self._lyrics_written)
        vm.lyricsOffered.connect(self._lyrics_offered)
        vm.lyricsBusyChanged.connect(self._lyrics_busy)
        vm.extendChanged.connect(self._show_extend)
        vm.jobShown.connect(self._show_job)
        vm.busyChanged.connect(self._set_busy)
        self.family.activated.connect(lambda _index: vm.setFamily(self.family.currentData()))
        self.model_picker.currentTextChanged.connect(vm.setModel)
        self.modes.buttonToggled.connect(lambda _button, _on: self._mode_changed())
        for edit in (self.prompt, self.title_edit, self.tags, self.idea):
            edit.textChanged.connect(self._push)
        self.prompt.returnPressed.connect(self.generate)
        self.lyrics.textChanged.connect(self._push)
        self.instrumental.toggled.connect(self._push)
        self.version.currentIndexChanged.connect(self._push)
        self.write_button.clicked.connect(self._write_lyrics)
        self.generate_button.clicked.connect(self.generate)
        self.extend_at.valueChanged.connect(vm.setExtendAt)
        self.extend_clear.clicked.connect(vm.clearExtend)
        self.extend_button.clicked.connect(self._extend_here)
        self.rerun_button.clicked.connect(self._rerun)
        self.lyrics_replace.clicked.connect(self._replace_lyrics)
        self.lyrics_keep.clicked.connect(self._keep_lyrics)

    # -- the form --------------------------------------------------------------------------------

    def form_values(self) -> dict[str, Any]:
        return {
            "mode": CUSTOM if self.custom_mode.isChecked() else INSPIRATION, "prompt": self.prompt.text(),
            "lyrics": self.lyrics.toPlainText(), "title": self.title_edit.text(), "tags": self.tags.text(),
            "instrumental": self.instrumental.isChecked(), "version": str(self.version.currentData() or ""),
            "idea": self.idea.text(),
        }

    @Slot()
    def _push(self) -> None:
        if not self._filling:
            self.vm.setForm(self.form_values())

    def _mode_changed(self) -> None:
        self.pages.setCurrentIndex(1 if self.custom_mode.isChecked() else 0)
        self._push()

    @Slot()
    def generate(self) -> None:
        if not self.generate_button.isEnabled():  # Enter in the description while Generate is off sends nothing
            return
        self.banner.clear()
        self.vm.setForm(self.form_values())
        self.vm.generate()

    def _write_lyrics(self) -> None:
        self.banner.clear()
        self.vm.setForm(self.form_values())
        self.vm.writeLyrics()

    @Slot(dict)
    def _fill(self, values: dict[str, Any]) -> None:
        self._filling = True
        try:
            if "mode" in values:
                (self.custom_mode if values["mode"] == CUSTOM else self.inspiration_mode).setChecked(True)
                self.pages.setCurrentIndex(1 if values["mode"] == CUSTOM else 0)
            for name, edit in (("prompt", self.prompt), ("title", self.title_edit), ("tags", self.tags),
                               ("idea", self.idea)):
                if name in values:
                    edit.setText(str(values[name]))
            if "lyrics" in values:
                self._set_lyrics(str(values["lyrics"]))
            if "instrumental" in values:
                self.instrumental.setChecked(bool(values["instrumental"]))
            if "version" in values:
                self._choose_version(str(values["version"]))
        finally:
            self._filling = False
        self._push()
        (self.lyrics if self.custom_mode.isChecked() else self.prompt).setFocus()

    def _set_lyrics(self, text: str) -> None:
        """Replace the editor's words as one edit, so Ctrl+Z brings back what was there (setPlainText would
        clear the undo history)."""
        if self.lyrics.toPlainText() == text:
            return
        cursor = self.lyrics.textCursor()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        self.lyrics.setTextCursor(cursor)

    def _fill_from(self, form: Any) -> None:
        self._fill({"mode": form.mode, "prompt": form.prompt, "lyrics": form.lyrics, "title": form.title,
                    "tags": form.tags, "instrumental": form.instrumental, "version": form.version, "idea": form.idea})

    def _choose_version(self, version: str) -> None:
        index = self.version.findData(version)
        if index < 0 and version:
            self.version.addItem(version, version)
            index = self.version.count() - 1
        self.version.setCurrentIndex(max(0, index))

    @Slot(str, str)
    def _lyrics_written(self, title: str, text: str) -> None:
        self._keep_lyrics()
        self._fill({"mode": CUSTOM, "lyrics": text, "title": title})

    @Slot(str, str)
    def _lyrics_offered(self, title: str, text: str) -> None:
        self._offered = (title, text)
        self.lyrics_offer_text.setToolTip(text)  # a look at them before choosing
        self.lyrics_offer.show()

    def _replace_lyrics(self) -> None:
        if self._offered is not None:
            title, text = self._offered
            values: dict[str, Any] = {"mode": CUSTOM, "lyrics": text}
            if not self.title_edit.text().strip():
                values["title"] = title
            self._fill(values)
        self._keep_lyrics()

    def _keep_lyrics(self) -> None:
        self._offered = None
        self.lyrics_offer.hide()

    @Slot(bool)
    def _lyrics_busy(self, busy: bool) -> None:
        self.write_button.setText(self.tr("Writing…") if busy else self.tr("Write lyrics for me"))
        if busy:
            self.write_button.setEnabled(False)

    @Slot(bool)
    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.rerun_button.setEnabled(not busy)
        self._show_check(self._check or self.vm.check())

    @Slot(object)
    def _show_check(self, check: FormCheck) -> None:
        self._check = check
        self.generate_button.setEnabled(check.can_generate and not self._busy)
        self.hint.setText(check.hint)
        self.hint.setVisible(bool(check.hint))
        self.write_button.setEnabled(check.can_write_lyrics)
        self.lyrics_count.setText(self.tr("{0} of {1} characters").format(check.lyrics_length, check.lyrics_limit))
        self.lyrics_count.setEnabled(check.over_limit)
        self.lyrics_count.setStyleSheet("color: #d9534f;" if check.over_limit else "")

    @Slot(object)
    def _show_options(self, view: FamilyView) -> None:
        self._options = view
        kept = str(self.version.currentData() or "")
        self._filling = True
        try:
            self.version.clear()
            if view.default_version:
                self.version.addItem(self.tr("The model's ({0})").format(view.default_version), "")
            else:
                self.version.addItem(self.tr("The model's"), "")
            for version in view.versions:
                self.version.addItem(version, version)
            self._choose_version(kept)
        finally:
            self._filling = False
        self.options_form.setRowVisible(self.version, len(view.versions) > 0 or bool(view.default_version))
        takes = set(view.options) if not view.problem else {"lyrics", "title", "tags", "instrumental"}
        self.custom_fields.setRowVisible(self.title_edit, "title" in takes)
        self.options_form.setRowVisible(self.instrumental, "instrumental" in takes)
        if view.problem:
            self.family_note.setText(view.problem)
        elif view.label:
            self.family_note.setText(self.tr("Sent as: {0}").format(view.label))
        else:
            self.family_note.clear()
        self.family_note.setVisible(bool(self.family_note.text()))
        self._push()

    @Slot(str)
    def _show_profile(self, profile: str) -> None:
        self._profile = profile
        self.profile_note.setText(self.tr("Sent through the profile “{0}”, as the re-run job was.").format(profile)
                                  if profile else "")
        self.profile_note.setVisible(bool(profile))

    @Slot(object)
    def _show_extend(self, source: ExtendSource | None) -> None:
        self._extend = source
        self.extend_box.setVisible(source is not None)
        self.generate_button.setText(self.tr("Extend") if source is not None else self.tr("Generate"))
        self.generate_button.setIcon(icon("extend" if source is not None else "sparkle"))
        if source is None:
            return
        if source.take:  # the two takes of a song share its title
            self.extend_text.setText(self.tr("Continues take {0} of “{1}” from").format(source.take, source.title))
        else:
            self.extend_text.setText(self.tr("Continues “{0}” from").format(source.title))
        self.extend_at.blockSignals(True)
        self.extend_at.setRange(0.0, source.duration or 36000.0)
        self.extend_at.setValue(source.at)
        self.extend_at.blockSignals(False)
        self.custom_mode.setChecked(True)

    # -- the result ------------------------------------------------------------------------------

    @Slot(object)
    def _show_job(self, view: MusicJobView) -> None:
        if self._shown is not None and self._shown.job_id != view.job_id:
            self._clear_rows()
        self._shown = view
        running = view.state not in SETTLED
        self.status.setText(self._status_text(view))
        self.progress.setVisible(running)
        if view.progress is None and running:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, 100)
            self.progress.setValue(int(view.progress or 0))
        self.note.setText(view.note)
        self.note.setVisible(bool(view.note) and running)
        if view.error and view.state in (JobState.FAILED, JobState.UNKNOWN, JobState.DONE_REMOTE_ONLY):
            self.banner.show_message(view.error)
        self._show_clips(view)
        self.rerun_button.setVisible(view.can_rerun and not view.lyrics)
        self._show_extend_button()

    def _status_text(self, view: MusicJobView) -> str:
        if view.lyrics:
            if view.state in (JobState.DONE, JobState.DONE_REMOTE_ONLY):
                return self.tr("Lyrics written — they are in the lyrics editor.")
            return self.tr("{0} — lyrics").format(state_text(view.state))
        if not view.name:
            return self.tr("{0} — {1}").format(state_text(view.state), view.family_label)
        name = self.status.fontMetrics().elidedText(view.name, Qt.TextElideMode.ElideRight, 360)
        if view.continued_at is not None:
            return self.tr("{0} — “{1}”, continued from {2} · {3}").format(
                state_text(view.state), name, clock(int(view.continued_at)), view.family_label)
        return self.tr("{0} — “{1}” · {2}").format(state_text(view.state), name, view.family_label)

    def _show_clips(self, view: MusicJobView) -> None:
        wanted = [c.asset_id for c in view.clips]
        for asset_id in [a for a in self.rows if a not in wanted]:
            self.rows.pop(asset_id).deleteLater()
        self._prune_covers()
        for index, clip in enumerate(view.clips):
            row = self.rows.get(clip.asset_id)
            if row is None:
                row = self.rows[clip.asset_id] = ClipRow(clip, self.clip_area.widget())
                row.playRequested.connect(self._play_clip)
                self.clip_list.insertWidget(1 + index, row)
                if clip.cover:
                    self._loader.load(clip.asset_id, clip.cover, COVER * 2)
            else:
                if clip.cover and clip.cover != row.clip.cover:
                    self._loader.load(clip.asset_id, clip.cover, COVER * 2)
                row.show_clip(clip)
            row.set_playing(self._is_playing(clip.asset_id), clip.asset_id == self._loaded_clip)
        self.placeholder.setVisible(not view.clips)
        self.placeholder.setText(self._placeholder_text(view))
        if view.waiting and view.clips:
            self.waiting.setText(self.tr("%n more song(s) on the way…", "", view.waiting))
        self.waiting.setVisible(bool(view.waiting and view.clips))
        reasons = [r for r in view.failed]
        self.failed.setText("\n".join(self.tr("A song failed: {0}").format(r or self.tr("no reason given"))
                                      for r in reasons))
        self.failed.setVisible(bool(reasons))

    def _placeholder_text(self, view: MusicJobView) -> str:
        if view.lyrics:
            return self.tr("Lyrics jobs make no songs; the words go into the lyrics editor.")
        if view.state in (JobState.FAILED, JobState.CANCELLED):
            return self.tr("No songs: the job ended without any.")
        if view.state is JobState.DONE_REMOTE_ONLY:
            return self.tr("The songs could not be saved; the Jobs panel can download them again.")
        return self.tr("The songs are being made; each one is listed here as soon as it is ready.")

    def _clear_rows(self) -> None:
        for row in self.rows.values():
            row.deleteLater()
        self.rows.clear()
        self._prune_covers()

    def _prune_covers(self) -> None:
        """Keep the decoded covers of the rows listed and of the clip in the player (its poster), no others:
        a session of many jobs does not hold every cover it ever showed."""
        for asset_id in [a for a in self._covers if a not in self.rows and a != self._loaded_clip]:
            del self._covers[asset_id]

    @Slot(str, QImage)
    def _cover_loaded(self, asset_id: str, image: QImage) -> None:
        if asset_id not in self.rows and asset_id != self._loaded_clip:
            return  # a cover of a job no longer shown
        self._covers[asset_id] = image
        row = self.rows.get(asset_id)
        if row is not None:
            row.set_cover(image)
        if asset_id == self._loaded_clip and self.player is not None:
            self.player.set_poster(image)

    # -- playing ---------------------------------------------------------------------------------

    def _is_playing(self, asset_id: str) -> bool:
        return (asset_id == self._loaded_clip and self.player is not None
                and self.player.state in (PLAYING, LOADING))

    @Slot(str)
    def _play_clip(self, asset_id: str) -> None:
        row = self.rows.get(asset_id)
        if row is None:
            return
        player = self._ensure_player()
        if asset_id == self._loaded_clip:
            player.toggle()
            return
        self._loaded_clip = asset_id
        self._prune_covers()
        cover = self._covers.get(asset_id)
        player.load(row.clip.path, cover if cover is not None else QImage())
        player.play()
        self._player_state()

    def _ensure_player(self) -> MediaPlayer:
        if self.player is None:
            self.player = MediaPlayer(self)
            self.player.setObjectName("musicPlayer")
            self.player.setFixedHeight(PLAYER_HEIGHT)
            self.player.failed.connect(self.banner.show_message)
            self.player.stateChanged.connect(lambda _state: self._player_state())
            self.player_place.addWidget(self.player)
        return self.player

    def _player_state(self) -> None:
        for asset_id, row in self.rows.items():
            row.set_playing(self._is_playing(asset_id), asset_id == self._loaded_clip)
        self._show_extend_button()

    def _show_extend_button(self) -> None:
        row = self.rows.get(self._loaded_clip)
        self.extend_button.setVisible(row is not None and row.clip.extendable)

    def _extend_here(self) -> None:
        row = self.rows.get(self._loaded_clip)
        if row is None or self.player is None:
            return
        self.banner.clear()
        self.vm.extendFromHere(row.clip.asset_id, float(self.player.position))

    def _rerun(self) -> None:
        if self._shown is not None:
            self.banner.clear()
            self.vm.rerun(self._shown.job_id)

    # -- language --------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()

    def _retranslate(self) -> None:
        """The texts composed from what is shown, again in the new language."""
        if self._options is not None:
            self._show_options(self._options)
        self._show_profile(self._profile)
        self._show_extend(self._extend)
        self._lyrics_busy(self.vm.writing_lyrics)
        self.vm.setForm(self.form_values())  # the hint, in the new language
        if self._shown is not None:
            self.status.setText(self._status_text(self._shown))
            self._show_clips(self._shown)
            for row in self.rows.values():
                row.show_clip(row.clip)

    def shutdown(self) -> None:
        """Stop playback and free libvlc's player (the window is closing)."""
        if self.player is not None:
            self.player.release()

