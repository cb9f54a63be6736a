"""The Audio tab: two parts behind a switch. Transcribe: a recording (dropped anywhere on the part, picked,
or dragged from the Gallery) with its model, language, prompt and translation, then the transcript as a table
of timed lines under the player: the line spoken is highlighted as it plays, a click on a line seeks there, a
double-click edits its words, and the lines are saved as SRT, WebVTT or text. Speech: a text, its model,
voice (with a short sample), format and speed, then the voice-over in the player.

What may be done and why not is the view-model's (`studio.viewmodels.audio`); this module only shows it. The
players are made with the first file each part plays; libvlc starts in a worker thread when the tab is built
(`player.warm_up`), so neither the window nor the tab waits for it.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QImage,
    QPainter,
    QPalette,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.jobs.model import SETTLED, JobState
from studio.viewmodels.audio import AudioViewModel, Line, Source, SpeechView, TranscriptionView, export_stem
from studio.viewmodels.dragdrop import accepts, dropped
from studio.viewmodels.jobs import state_text
from studio.views.banner import ErrorBanner
from studio.views.icons import icon
from studio.views.model_picker import ModelPicker
from studio.views.panes import side_by_side
from studio.views.player import PLAYING, MediaPlayer, warm_up

#: languages offered (ISO-639-1, what the route takes); any other code may be typed
LANGUAGES = ("en", "zh", "ja", "ko", "de", "fr", "es", "it", "pt", "ru", "ar", "hi")
SPEECH_FORMATS = ("mp3", "wav", "opus", "aac", "flac")
RECORDINGS = "*.mp3 *.wav *.m4a *.aac *.flac *.ogg *.oga *.opus *.webm *.mp4 *.mov *.mkv *.mpeg *.mpga"
TRANSCRIBE, SPEECH = 0, 1
#: seconds the lines stay where the user scrolled them before they follow the playback again
USER_SCROLL_HOLD = 4.0
#: how tall the player stands for a sound (its waveform and controls); a video takes the room it gets
SOUND_STAGE = 150
#: the waveform's colours: played and still to come (on the player's black)
PLAYED, TO_COME, PLAYHEAD = QColor(90, 170, 255), QColor(70, 78, 94), QColor(235, 240, 250)
#: the loudest bar's share of the stage's height (the rest is room around the sound)
WAVE_HEIGHT = 0.62


def waveform_image(heights: list[float], size: QSize, played: float) -> QImage:
    """A sound's loudness as bars mirrored about the middle, the part played (0-1) in the bright colour."""
    width, height = max(160, size.width()), max(60, size.height())
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(0, 0, 0))
    if not heights:
        return image
    painter = QPainter(image)
    step = width / len(heights)
    bar = max(1.0, step * 0.6)
    middle = height / 2
    for index, value in enumerate(heights):
        tall = max(2.0, value * height * WAVE_HEIGHT)
        colour = PLAYED if (index + 0.5) / len(heights) <= played else TO_COME
        painter.fillRect(QRectF(index * step, middle - tall / 2, bar, tall), colour)
    if 0.0 < played < 1.0:  # where the playback is: a thin line across the stage
        painter.fillRect(QRectF(played * width - 1, height * 0.08, 2, height * 0.84), PLAYHEAD)
    painter.end()
    return image


def language_name(code: str) -> str:
    """A language as its speakers write it ("中文", "Deutsch"), capitalised; the code when Qt knows no name."""
    from PySide6.QtCore import QLocale

    name = QLocale(code).nativeLanguageName()
    return (name[:1].upper() + name[1:]) if name else code


def stamp(seconds: float | None) -> str:
    """A line's start as m:ss (h:mm:ss past an hour); "" for a line without times."""
    if seconds is None:
        return ""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class DropArea(QFrame):
    """Where a recording goes: says what it takes and which recording is set; takes drops."""

    #: a file was dropped: its path, and its gallery id ("" for a file from elsewhere)
    fileDropped = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audioDropArea")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAcceptDrops(True)
        self.setMinimumHeight(96)
        self.hint = QLabel(self.tr("Drop an audio or video file here, or drag one from the Gallery"), self)
        self.hint.setObjectName("audioDropHint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setEnabled(False)
        self.name = QLabel(self)
        self.name.setObjectName("audioSourceName")
        self.name.setWordWrap(True)
        self.name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bold = self.name.font()
        bold.setBold(True)
        self.name.setFont(bold)
        self.name.hide()
        self.choose = QToolButton(self)
        self.choose.setObjectName("audioChoose")
        self.choose.setText(self.tr("Choose…"))
        self.choose.setToolTip(self.tr("Choose an audio or video file"))
        self.choose.setIcon(icon("folder"))
        self.choose.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.mark = QLabel(self)
        self.mark.setObjectName("audioDropMark")
        self.mark.setPixmap(icon("audio").pixmap(36, 36))
        self.mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.mark.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addStretch(1)
        layout.addWidget(self.mark)
        layout.addWidget(self.name)
        layout.addWidget(self.hint)
        layout.addSpacing(4)
        layout.addWidget(self.choose, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def show_source(self, source: Source | None) -> None:
        self.name.setText(source.name if source is not None else "")
        self.name.setToolTip(source.path if source is not None else "")
        self.name.setVisible(source is not None)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if accepts(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if accepts(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        items = dropped(event.mimeData())
        if items:
            self.fileDropped.emit(str(items[0].path), items[0].asset_id or "")
            event.acceptProposedAction()


class LinesTable(QTableWidget):
    """The transcript: a time column and the words (double-click to edit); the line spoken is highlighted."""

    #: a line was clicked (its index)
    lineClicked = Signal(int)
    #: a line's words were edited: index, text
    lineEdited = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setObjectName("audioLines")
        self.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Line")])
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setWordWrap(True)
        self.setShowGrid(False)
        self.setAlternatingRowColors(False)
        self.setToolTip(self.tr("Click a line to play from there; double-click it to correct its words"))
        self._lines: tuple[Line, ...] = ()
        self._current = -1
        self._filling = False
        self._scrolled_at = -USER_SCROLL_HOLD  # when the user last scrolled the lines (time.monotonic)
        # a click seeks once it is sure to be no double-click (which edits the line, and must not seek nor play)
        self._click = QTimer(self)
        self._click.setSingleShot(True)
        self._click.setInterval(QApplication.doubleClickInterval())
        self._click.timeout.connect(self._clicked)
        self._clicked_row = -1
        self.cellClicked.connect(self._cell_clicked)
        self.cellDoubleClicked.connect(lambda _row, _col: self._click.stop())
        self.verticalScrollBar().actionTriggered.connect(self._user_scrolled)
        self.itemChanged.connect(self._changed)

    def _cell_clicked(self, row: int, _column: int) -> None:
        self._clicked_row = row
        self._click.start()

    def _clicked(self) -> None:
        if self.state() != QAbstractItemView.State.EditingState:  # a click that closes an editor only closes it
            self.lineClicked.emit(self._clicked_row)

    def _user_scrolled(self, *_args: object) -> None:
        self._scrolled_at = time.monotonic()

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._user_scrolled()
        super().wheelEvent(event)

    def _follows(self) -> bool:
        """Whether the table may scroll to the line spoken: not while a line is edited, nor for a few seconds
        after the user scrolled to read elsewhere."""
        return (self.state() != QAbstractItemView.State.EditingState
                and time.monotonic() - self._scrolled_at >= USER_SCROLL_HOLD)

    @property
    def current(self) -> int:
        return self._current

    def show_lines(self, lines: tuple[Line, ...]) -> None:
        if lines == self._lines:
            return
        self._lines = lines
        self._filling = True
        try:
            self.setRowCount(len(lines))
            for row, line in enumerate(lines):
                time = QTableWidgetItem(stamp(line.start))
                time.setFlags(Qt.ItemFlag.ItemIsEnabled)
                time.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
                time.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                words = QTableWidgetItem(line.text)
                words.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsEditable)
                self.setItem(row, 0, time)
                self.setItem(row, 1, words)
            self.setColumnHidden(0, not any(line.start is not None for line in lines))
            self.resizeRowsToContents()
        finally:
            self._filling = False
        self._current = -1

    def set_current(self, index: int) -> None:
        """Highlight the line spoken now (and keep it in view)."""
        if index == self._current:
            return
        self._filling = True
        try:
            for row, on in ((self._current, False), (index, True)):
                if not 0 <= row < self.rowCount():
                    continue
                for column in (0, 1):
                    item = self.item(row, column)
                    if item is None:
                        continue
                    highlight = QColor(self.palette().color(QPalette.ColorRole.Highlight))
                    highlight.setAlpha(110)
                    item.setBackground(QBrush(highlight) if on else QBrush())
                    font = QFont(self.font())
                    font.setBold(on)
                    item.setFont(font)
        finally:
            self._filling = False
        self._current = index
        if 0 <= index < self.rowCount() and self._follows():
            item = self.item(index, 1)
            if item is not None:
                self.scrollToItem(item, QAbstractItemView.ScrollHint.EnsureVisible)

    def _changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 1:
            return
        row = item.row()
        text = item.text()
        if 0 <= row < len(self._lines):
            line = self._lines[row]
            if not text.strip():
                self._filling = True
                item.setText(line.text)  # nothing lost: the words stay
                self._filling = False
            else:  # the table holds the edit too: a later refusal puts back these words, not the relay's
                self._lines = (*self._lines[:row], Line(text.strip(), line.start, line.end), *self._lines[row + 1:])
        self.lineEdited.emit(row, text)


class AudioTab(QWidget):
    def __init__(self, vm: AudioViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vm = vm
        self.setAcceptDrops(True)  # a recording dropped anywhere on the tab is transcribed
        self._transcript: TranscriptionView | None = None
        self._speech: SpeechView | None = None
        self._loaded: dict[int, str] = {}
        self._waves: dict[str, list[float]] = {}  # file → its waveform bars
        self._drawn: dict[int, int] = {}  # part → the bars drawn played (to redraw only when that changes)
        self.players: dict[int, MediaPlayer] = {}
        self.sample_player: MediaPlayer | None = None
        warm_up()
        self._build()
        self._connect()
        if vm.source is not None:
            self._show_source(vm.source)

    # -- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = ErrorBanner(self)
        self.transcribe_mode = QToolButton(self)
        self.transcribe_mode.setObjectName("audioModeTranscribe")
        self.transcribe_mode.setText(self.tr("Transcribe"))
        self.transcribe_mode.setToolTip(self.tr("Speech to text: subtitles and transcripts"))
        self.speech_mode = QToolButton(self)
        self.speech_mode.setObjectName("audioModeSpeech")
        self.speech_mode.setText(self.tr("Speech"))
        self.speech_mode.setToolTip(self.tr("Text to speech: a voice-over"))
        self.modes = QButtonGroup(self)
        switch = QHBoxLayout()
        switch.setSpacing(0)
        for index, (button, name) in enumerate(((self.transcribe_mode, "audio"), (self.speech_mode, "volume"))):
            button.setCheckable(True)
            button.setIcon(icon(name))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setMinimumWidth(130)
            self.modes.addButton(button, index)
            switch.addWidget(button)
        switch.addStretch(1)
        self.transcribe_mode.setChecked(True)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("audioPages")
        self.pages.addWidget(self._build_transcribe())
        self.pages.addWidget(self._build_speech())
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(switch)
        layout.addWidget(self.pages, 1)

    def _splitter(self, form: QWidget, result: QWidget, name: str) -> QSplitter:
        return side_by_side(self, name, form, result, (360, 760))

    def _build_transcribe(self) -> QWidget:
        form = QWidget(self)
        form.setMinimumWidth(300)
        form.setMaximumWidth(460)
        self.drop_area = DropArea(form)
        self.transcribe_model = ModelPicker(form)
        self.transcribe_model.setObjectName("audioTranscribeModel")
        self.language = QComboBox(form)
        self.language.setObjectName("audioLanguage")
        self.language.setEditable(True)
        self.language.setToolTip(self.tr("The language spoken (any other may be typed as a two-letter code such as "
                                         "nl); automatic when left empty"))
        self.language.addItem(self.tr("Automatic"), "")
        for code in LANGUAGES:
            self.language.addItem(language_name(code), code)
        self.prompt = QLineEdit(form)
        self.prompt.setObjectName("audioPrompt")
        self.prompt.setPlaceholderText(self.tr("Names and words to expect (optional)"))
        self.translate = QCheckBox(self.tr("Translate into English"), form)
        self.translate.setObjectName("audioTranslate")
        self.translate.setToolTip(self.tr("English text of speech in any language (whisper-1 only)"))
        self.transcribe_button = QPushButton(icon("sparkle"), self.tr("Transcribe"), form)
        self.transcribe_button.setObjectName("audioTranscribe")
        self.transcribe_button.setDefault(True)
        fields = QFormLayout()
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        fields.addRow(self.tr("Model"), self.transcribe_model)
        fields.addRow(self.tr("Language"), self.language)
        fields.addRow(self.tr("Prompt"), self.prompt)
        fields.addRow(self.translate)
        layout = QVBoxLayout(form)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.addWidget(self.drop_area, 1)  # a large target: most of the form's height
        layout.addLayout(fields)
        layout.addWidget(self.transcribe_button)

        result = QWidget(self)
        self.transcribe_status = QLabel(self._idle_text(), result)
        self.transcribe_status.setObjectName("audioTranscribeStatus")
        self.transcribe_status.setWordWrap(True)
        self.transcribe_progress = QProgressBar(result)
        self.transcribe_progress.setObjectName("audioTranscribeProgress")
        self.transcribe_progress.setRange(0, 100)
        self.transcribe_progress.hide()
        self.transcribe_note = QLabel(result)
        self.transcribe_note.setObjectName("audioTranscribeNote")
        self.transcribe_note.setWordWrap(True)
        self.transcribe_note.setEnabled(False)
        self.transcribe_note.hide()
        self.transcribe_stage = QStackedWidget(result)
        self.transcribe_stage.setObjectName("audioTranscribeStage")
        self.transcribe_stage.setMinimumHeight(150)
        self.transcribe_stage.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.transcribe_placeholder = self._placeholder(self.tr("Nothing to play yet"), self.transcribe_stage)
        self.lines = LinesTable(result)
        self.lines_note = QLabel(result)
        self.lines_note.setObjectName("audioLinesNote")
        self.lines_note.setWordWrap(True)
        self.lines_note.setEnabled(False)
        self.lines_note.hide()
        self.export_buttons: dict[str, QPushButton] = {}
        exports = QHBoxLayout()
        for kind, text in (("srt", self.tr("Save as SRT…")), ("vtt", self.tr("Save as WebVTT…")),
                           ("txt", self.tr("Save as text…"))):
            button = QPushButton(icon("folder"), text, result)
            button.setObjectName(f"audioExport-{kind}")
            button.clicked.connect(lambda _=False, k=kind: self._export(k))
            exports.addWidget(button)
            self.export_buttons[kind] = button
        exports.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical, result)
        splitter.setObjectName("audioTranscribeSplit")
        splitter.addWidget(self.transcribe_stage)
        splitter.addWidget(self.lines)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        column = QVBoxLayout(result)
        column.setContentsMargins(8, 0, 0, 0)
        column.addWidget(self.transcribe_status)
        column.addWidget(self.transcribe_progress)
        column.addWidget(self.transcribe_note)
        column.addWidget(splitter, 1)
        column.addWidget(self.lines_note)
        column.addLayout(exports)
        self._show_exports()
        return self._splitter(form, result, "audioTranscribeSplitter")

    def _build_speech(self) -> QWidget:
        form = QWidget(self)
        form.setMinimumWidth(300)
        form.setMaximumWidth(460)
        self.text = QPlainTextEdit(form)
        self.text.setObjectName("audioSpeechText")
        self.text.setPlaceholderText(self.tr("The text to speak; a long text is spoken in parts and joined"))
        self.speech_model = ModelPicker(form)
        self.speech_model.setObjectName("audioSpeechModel")
        self.voice = QComboBox(form)
        self.voice.setObjectName("audioVoice")
        self._show_voices()
        self.sample = QToolButton(form)
        self.sample.setObjectName("audioSample")
        self.sample.setIcon(icon("play"))
        self.sample.setText(self.tr("Sample"))
        self.sample.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.sample.setToolTip(self.tr("Hear a short sample of this voice. It is made once through the relay (a "
                                       "sentence is paid for) and kept on this computer, so hearing it again is "
                                       "free."))
        voice_row = QHBoxLayout()
        voice_row.addWidget(self.voice, 1)
        voice_row.addWidget(self.sample)
        self.instructions = QLineEdit(form)
        self.instructions.setObjectName("audioInstructions")
        self.instructions.setPlaceholderText(self.tr("How to speak: tone, accent, pace"))
        self.instructions_note = QLabel(self.tr("Only gpt-4o-mini-tts takes instructions."), form)
        self.instructions_note.setObjectName("audioInstructionsNote")
        self.instructions_note.setEnabled(False)
        self.instructions_note.setWordWrap(True)
        self.format = QComboBox(form)
        self.format.setObjectName("audioFormat")
        for fmt in SPEECH_FORMATS:
            self.format.addItem(fmt.upper(), fmt)
        self.speed = QDoubleSpinBox(form)
        self.speed.setObjectName("audioSpeed")
        self.speed.setRange(0.25, 4.0)
        self.speed.setSingleStep(0.05)
        self.speed.setValue(1.0)
        self.speed.setSuffix("×")
        self.speed.setToolTip(self.tr("1 is the voice's normal pace"))
        self.speak_button = QPushButton(icon("sparkle"), self.tr("Speak"), form)
        self.speak_button.setObjectName("audioSpeak")
        fields = QFormLayout()
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        fields.addRow(self.tr("Model"), self.speech_model)
        fields.addRow(self.tr("Voice"), voice_row)
        fields.addRow(self.tr("Instructions"), self.instructions)
        fields.addRow("", self.instructions_note)
        fields.addRow(self.tr("Format"), self.format)
        fields.addRow(self.tr("Speed"), self.speed)
        layout = QVBoxLayout(form)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.addWidget(QLabel(self.tr("Text"), form))
        layout.addWidget(self.text, 1)
        layout.addLayout(fields)
        layout.addWidget(self.speak_button)

        result = QWidget(self)
        self.speech_status = QLabel(self.tr("The voice-over plays here once it is ready. Every voice-over is saved "
                                            "in the gallery."), result)
        self.speech_status.setObjectName("audioSpeechStatus")
        self.speech_status.setWordWrap(True)
        self.speech_stage = QStackedWidget(result)
        self.speech_stage.setObjectName("audioSpeechStage")
        self.speech_stage.setFixedHeight(SOUND_STAGE)
        self.speech_placeholder = self._placeholder(self.tr("No voice-over yet"), self.speech_stage)
        self.spoken = QLabel(result)
        self.spoken.setObjectName("audioSpoken")
        self.spoken.setWordWrap(True)
        self.spoken.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.spoken.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.spoken.setEnabled(False)
        column = QVBoxLayout(result)
        column.setContentsMargins(8, 0, 0, 0)
        column.addWidget(self.speech_status)
        column.addWidget(self.speech_stage)
        column.addWidget(self.spoken, 1)
        self._show_instructions()
        return self._splitter(form, result, "audioSpeechSplitter")

    def _placeholder(self, text: str, stage: QStackedWidget) -> QLabel:
        label = QLabel(text, stage)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setEnabled(False)
        stage.addWidget(label)
        return label

    def _connect(self) -> None:
        vm = self.vm
        vm.error.connect(self.banner.show_message)
        vm.transcribeModelsChanged.connect(lambda names: self._show_models(self.transcribe_model, names))
        vm.speechModelsChanged.connect(lambda names: self._show_models(self.speech_model, names))
        vm.sourceChanged.connect(self._show_source)
        vm.transcriptionShown.connect(self._show_transcription)
        vm.currentLineChanged.connect(self.lines.set_current)
        vm.seekRequested.connect(self._seek)
        vm.speechShown.connect(self._show_speech)
        vm.sampleReady.connect(self._play_sample)
        vm.exported.connect(lambda path: self.banner.clear())
        vm.waveformReady.connect(self._waveform_ready)
        vm.partRequested.connect(lambda part: self.show_part(SPEECH if part == "speech" else TRANSCRIBE))
        vm.busyChanged.connect(self._busy)
        self.modes.idClicked.connect(self.show_part)
        self.drop_area.fileDropped.connect(self._dropped)
        self.drop_area.choose.clicked.connect(self._choose)
        self.transcribe_button.clicked.connect(self.transcribe)
        self.lines.lineClicked.connect(vm.seekLine)
        self.lines.lineEdited.connect(vm.editLine)
        self.speak_button.clicked.connect(self.speak)
        self.sample.clicked.connect(lambda: vm.playSample(str(self.voice.currentData()),
                                                          self.speech_model.currentText()))
        self.transcribe_model.currentTextChanged.connect(self._transcribe_model_changed)
        self.speech_model.currentTextChanged.connect(lambda _text: self._speech_model_changed())

    # -- actions ---------------------------------------------------------------------------------

    def transcribe_options(self) -> dict[str, Any]:
        typed = self.language.currentText().strip()
        index = self.language.findText(typed)
        language = self.language.itemData(index) if index >= 0 else typed
        return {"model": self.transcribe_model.currentText().strip(), "language": str(language or "").strip(),
                "prompt": self.prompt.text().strip(), "translate": self.translate.isChecked()}

    def speech_options(self) -> dict[str, Any]:
        return {"model": self.speech_model.currentText().strip(), "voice": self.voice.currentData(),
                "format": self.format.currentData(), "speed": self.speed.value(),
                "instructions": self.instructions.text() if self.instructions.isEnabled() else ""}

    @Slot()
    def transcribe(self) -> None:
        self.banner.clear()
        self.vm.transcribe(self.transcribe_options())

    @Slot()
    def speak(self) -> None:
        self.banner.clear()
        self.vm.speak(self.text.toPlainText(), self.speech_options())

    @Slot(int)
    def show_part(self, index: int) -> None:
        """Show Transcribe (0) or Speech (1)."""
        self.pages.setCurrentIndex(index)
        self.vm.setPart("speech" if index == SPEECH else "transcribe")  # the status bar follows its route
        button = self.modes.button(index)
        if button is not None and not button.isChecked():
            button.setChecked(True)
        other = self.players.get(1 - index)
        if other is not None and other.state == PLAYING:
            other.pause()

    def _dropped(self, path: str, asset_id: str) -> None:
        self.banner.clear()
        self.show_part(TRANSCRIBE)
        self.vm.transcribeDropped(path, asset_id, self.transcribe_options())

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Recording to transcribe"), "",
                                              self.tr("Audio and video ({0})").format(RECORDINGS))
        if path:
            self.banner.clear()
            self.vm.setSource(path, "")

    def _export(self, kind: str) -> None:
        problem = self.vm.export_problem(kind)
        if problem:
            self.banner.show_message(problem)
            return
        view = self._transcript
        stem = (export_stem(view.name) if view is not None else "") or self.tr("transcript")
        suffix = "." + kind
        names = {"srt": self.tr("SubRip subtitles (*.srt)"), "vtt": self.tr("WebVTT subtitles (*.vtt)"),
                 "txt": self.tr("Text (*.txt)")}
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the transcript"), stem + suffix, names[kind])
        if path:
            if not path.lower().endswith(suffix):
                path += suffix
            self.vm.export(kind, path)

    def _seek(self, seconds: float) -> None:
        player = self.players.get(TRANSCRIBE)
        if player is None:
            return
        player.seek(seconds)
        if player.state != PLAYING:
            player.play()

    def _transcribe_model_changed(self, model: str) -> None:
        translates = self.vm.can_translate(model)
        self.translate.setEnabled(translates)
        if not translates:
            self.translate.setChecked(False)

    def _speech_model_changed(self) -> None:
        self._show_voices()
        self._show_instructions()

    def _show_voices(self) -> None:
        """The voices the speech model takes; the one chosen stays where the model has it (else Alloy)."""
        voices = self.vm.voices_for(self.speech_model.currentText().strip())
        chosen = self.voice.currentData() or "alloy"
        if [self.voice.itemData(i) for i in range(self.voice.count())] == list(voices):
            return
        self.voice.blockSignals(True)
        self.voice.clear()
        for voice in voices:
            self.voice.addItem(voice.capitalize(), voice)
        self.voice.setCurrentIndex(max(0, self.voice.findData(chosen if chosen in voices else "alloy")))
        self.voice.blockSignals(False)

    def _show_instructions(self) -> None:
        takes = self.vm.takes_instructions(self.speech_model.currentText())
        self.instructions.setEnabled(takes)
        self.instructions_note.setVisible(not takes)

    def _busy(self, busy: bool) -> None:
        self.transcribe_button.setEnabled(not busy)
        self.speak_button.setEnabled(not busy)

    # -- drops anywhere on the tab ---------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if accepts(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if accepts(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        items = dropped(event.mimeData())
        if items:
            self._dropped(str(items[0].path), items[0].asset_id or "")
            event.acceptProposedAction()

    # -- showing ---------------------------------------------------------------------------------

    def _show_models(self, picker: ModelPicker, names: list[str]) -> None:
        """The list of models; the one in the box stays (the first listed, the last one used, when it is empty)."""
        picker.show_models(names, picker.currentText().strip() or (names[0] if names else ""))

    @Slot(object)
    def _show_source(self, source: Source | None) -> None:
        """The recording set: named in the drop area, and ready to play before it is transcribed."""
        self.drop_area.show_source(source)
        if source is not None:
            self.show_part(TRANSCRIBE)
            self.transcribe_stage.setMaximumHeight(16777215 if source.video else SOUND_STAGE)
            self._load(TRANSCRIBE, source.path, play=False)

    @Slot(object)
    def _show_transcription(self, view: TranscriptionView | None) -> None:
        self._transcript = view
        running = view is not None and view.state not in SETTLED
        self.transcribe_progress.setVisible(running)
        self.transcribe_note.setVisible(running and view is not None and bool(view.note))
        if view is not None and running:
            if view.progress is None:
                self.transcribe_progress.setRange(0, 0)  # busy: no figure yet
            else:
                self.transcribe_progress.setRange(0, 100)
                self.transcribe_progress.setValue(int(view.progress))
            self.transcribe_note.setText(view.note)
        if view is None:  # another recording was set: its transcript is still to come
            self.transcribe_status.setText(self._idle_text())
            self.lines.show_lines(())
            self._show_exports()
            return
        self.transcribe_status.setText(self._transcription_text(view))
        if view.error and view.state in (JobState.FAILED, JobState.UNKNOWN, JobState.DONE_REMOTE_ONLY):
            self.banner.show_message(view.error)
        self.lines.show_lines(view.lines)
        self.lines.set_current(self.vm.current_line)
        if view.media:
            self.transcribe_stage.setMaximumHeight(16777215 if view.video else SOUND_STAGE)
            self._load(TRANSCRIBE, view.media, play=False)
        self._show_exports()

    def _idle_text(self) -> str:
        return self.tr("The transcript appears here, line by line, and follows the playback. Every transcript is "
                       "saved in the gallery.")

    def _transcription_text(self, view: TranscriptionView) -> str:
        if view.state is JobState.DONE and view.lines:
            count = self.tr("%n line(s)", "", len(view.lines))
            return self.tr("{0} — {1} · {2} · {3}").format(state_text(view.state), view.name, view.model, count)
        return self.tr("{0} — {1} · {2}").format(state_text(view.state), view.name, view.model)

    def _show_exports(self) -> None:
        for kind, button in self.export_buttons.items():
            problem = self.vm.export_problem(kind)
            button.setEnabled(bool(self.vm.lines))  # a refusal says why in the banner
            button.setToolTip(problem)
        untimed = bool(self.vm.lines) and bool(self.vm.export_problem("srt"))
        self.lines_note.setText(self.vm.export_problem("srt") if untimed else "")
        self.lines_note.setVisible(untimed)

    @Slot(object)
    def _show_speech(self, view: SpeechView) -> None:
        self._speech = view
        running = view.state not in SETTLED
        self.speech_status.setText(self.tr("{0} — {1} · {2}").format(state_text(view.state), view.model,
                                                                    view.voice.capitalize()))
        if view.error and view.state in (JobState.FAILED, JobState.UNKNOWN, JobState.DONE_REMOTE_ONLY):
            self.banner.show_message(view.error)
        self.spoken.setText(view.text)
        if view.audio:
            # it plays by itself only when it was just made while the user waited for it: a refresh (a job
            # event, a language switch) or a job opened again leaves the player (and a sample playing) alone
            self._load(SPEECH, view.audio, play=view.fresh, duration=view.duration)
        elif running:
            self.speech_placeholder.setText(self.tr("The voice-over is being made; it plays here once it is ready."))
            self.speech_stage.setCurrentWidget(self.speech_placeholder)

    @Slot(str, str)
    def _play_sample(self, _voice: str, path: str) -> None:
        """A voice's sample plays in a player of its own (no controls shown): the voice-over stays in its player."""
        if self.sample_player is None:
            self.sample_player = MediaPlayer(self)
            self.sample_player.setObjectName("audioSamplePlayer")
            self.sample_player.failed.connect(self.banner.show_message)
            self.sample_player.hide()
        speech = self.players.get(SPEECH)
        if speech is not None and speech.state == PLAYING:
            speech.pause()
        if self.sample_player.path is None or str(self.sample_player.path) != path:
            self.sample_player.load(path)
        self.sample_player.play()

    def _load(self, part: int, path: str, *, play: bool, duration: float | None = None) -> None:
        player = self._ensure_player(part)
        stage = self.transcribe_stage if part == TRANSCRIBE else self.speech_stage
        stage.setCurrentWidget(player)
        if path == self._loaded.get(part):
            return
        self._loaded[part] = path
        player.load(path, duration=duration)
        self._drawn.pop(part, None)
        self._draw_waveform(part)
        if play:
            player.play()

    @Slot(str, list)
    def _waveform_ready(self, path: str, heights: list[float]) -> None:
        self._waves[path] = heights
        for part, loaded in self._loaded.items():
            if loaded == path:
                self._drawn.pop(part, None)
                self._draw_waveform(part)

    def _draw_waveform(self, part: int, seconds: float | None = None) -> None:
        """The sound's waveform as the player's picture, the part played so far brighter."""
        player = self.players.get(part)
        heights = self._waves.get(self._loaded.get(part, ""))
        if player is None or not heights:
            return
        position = player.position if seconds is None else seconds
        played = position / player.duration if player.duration > 0 else 0.0
        bars = int(played * len(heights))
        if self._drawn.get(part) == bars:
            return
        self._drawn[part] = bars
        player.set_poster(waveform_image(heights, player.poster.size(), played))

    def _ensure_player(self, part: int) -> MediaPlayer:
        player = self.players.get(part)
        if player is None:
            stage = self.transcribe_stage if part == TRANSCRIBE else self.speech_stage
            player = MediaPlayer(stage)
            player.setObjectName("audioTranscribePlayer" if part == TRANSCRIBE else "audioSpeechPlayer")
            player.failed.connect(self.banner.show_message)
            if part == TRANSCRIBE:
                player.positionChanged.connect(self.vm.setPosition)
            player.positionChanged.connect(lambda seconds, p=part: self._draw_waveform(p, seconds))
            stage.addWidget(player)
            self.players[part] = player
        return player

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()

    def _retranslate(self) -> None:
        """The texts composed from what is shown, again in the new language."""
        self.lines.setHorizontalHeaderLabels([self.lines.tr("Time"), self.lines.tr("Line")])
        if self._transcript is not None:
            self.transcribe_status.setText(self._transcription_text(self._transcript))
        if self._speech is not None:
            self._show_speech(self._speech)
        self._show_exports()

    def shutdown(self) -> None:
        """Stop playback and free libvlc's players (the window is closing)."""
        for player in [*self.players.values(), *([self.sample_player] if self.sample_player else [])]:
            player.release()

