"""The Chat tab: conversation list, relay and model pickers, system prompt, transcript, attachments, input.

Bound to one `ChatViewModel`; it holds no state the view-model does not also hold, except what is
purely visual (which conversation row is selected, the text being typed).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QMimeData,
    QModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.viewmodels.chat import (
    AttachmentView,
    ChatViewModel,
    ConversationItem,
    MessageView,
    RelayChoice,
    Transcript,
)
from studio.views.banner import ErrorBanner
from studio.views.icons import icon
from studio.views.model_picker import ModelPicker
from studio.views.qt_images import QT_IMAGES
from studio.views.transcript import TranscriptView

_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: the welcome page's paragraph at most this wide (px)
WELCOME_WIDTH = 560


class PromptEdit(QPlainTextEdit):
    """The message box: Ctrl+Enter sends; pasted images and files become attachments; it grows with
    its text from `MIN_LINES` to `MAX_LINES` lines, then scrolls."""

    MIN_LINES = 2
    MAX_LINES = 12

    #: Ctrl+Enter was pressed
    submitted = Signal()
    #: an image was pasted (PNG bytes)
    imagePasted = Signal(bytes)
    #: local files were pasted or dropped
    filesPasted = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: self._fit())
        self._fit()

    def _fit(self) -> None:
        """As tall as its text (wrapped lines counted), within the line limits."""
        lines = int(self.document().documentLayout().documentSize().height())  # a plain layout counts lines
        lines = max(self.MIN_LINES, min(self.MAX_LINES, lines))
        margins = self.contentsMargins()
        height = (lines * self.fontMetrics().lineSpacing() + 2 * int(self.document().documentMargin())
                  + margins.top() + margins.bottom() + 2)
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()  # a new width wraps the text anew

    def keyPressEvent(self, event: QKeyEvent) -> None:
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and ctrl:
            self.submitted.emit()
            return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasImage() or source.hasUrls() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        files = [u.toLocalFile() for u in source.urls() if u.isLocalFile()] if source.hasUrls() else []
        if files:
            self.filesPasted.emit(files)
            return
        if source.hasImage():
            image = source.imageData()
            if isinstance(image, QImage) and not image.isNull():
                data = QByteArray()
                buffer = QBuffer(data)
                buffer.open(QIODevice.OpenModeFlag.WriteOnly)
                image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide6 wants str
                self.imagePasted.emit(bytes(data.data()))
                return
        super().insertFromMimeData(source)


class ChatTab(QWidget):
    #: the user asked to manage relay profiles (welcome page, error hints)
    profilesRequested = Signal()

    def __init__(self, vm: ChatViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vm = vm
        self.setAcceptDrops(True)
        self._build()
        self._connect_signals()

    # -- construction ----------------------------------------------------------------------------

    def _build(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_sidebar())
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_welcome())
        self.pages.addWidget(self._build_chat())
        self.pages.setCurrentIndex(1)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 760])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._conversation_items: list[ConversationItem] = []
        self._retranslate()

    def _retranslate(self) -> None:
        """Every text of the tab in the current language (at start and on a language switch)."""
        self.search.setPlaceholderText(self.tr("Search conversations"))
        self.new_button.setText(self.tr("New chat"))
        self.new_button.setToolTip(self.tr("Start a new conversation (Ctrl+N)"))
        self.welcome_title.setText(self.tr("Welcome to Relay Studio"))
        self.welcome_text.setText(self.tr(
            "Chat, images, video, music and audio through your AI relay. "
            "To begin, add the relay's base URL and your API key; the studio keeps the key safe: in your system "
            "keyring, or where there is none, in memory or in a file encrypted with your passphrase."
        ))
        self.welcome_button.setText(self.tr("Add a relay profile…"))
        self.model_picker.setToolTip(self.tr("Model (Ctrl+K to search)"))
        self.relay_label.setText(self.tr("Relay"))
        self.relay_picker.setToolTip(self.tr(
            "The relay profile this conversation's messages go to; \"routed\" marks the one chosen for chat "
            "under Routing in Relay profiles."))
        self._show_relays(self.vm.relay_choice)  # the "(routed)" mark
        self.system_toggle.setText(self.tr("System prompt"))
        self.system_edit.setPlaceholderText(self.tr("Instructions the model follows for this conversation"))
        self.model_label.setText(self.tr("Model"))
        self.prompt.setPlaceholderText(self.tr("Message — Ctrl+Enter to send; paste or drop images and files"))
        self.attach_button.setText(self.tr("Attach…"))
        self.send_button.setText(self.tr("Send"))
        self.send_button.setToolTip(self.tr("Send (Ctrl+Enter)"))
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the reply (Esc)"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self._show_conversations(self._conversation_items)  # "Untitled" rows

    def _build_sidebar(self) -> QWidget:
        side = QWidget(self)
        self.search = QLineEdit(side)
        self.search.setObjectName("conversationSearch")
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton(side)
        self.new_button.setObjectName("newChatButton")
        self.conversations = QStandardItemModel(self)
        self.conversation_list = QListView(side)
        self.conversation_list.setObjectName("conversationList")
        self.conversation_list.setModel(self.conversations)
        self.conversation_list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.conversation_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.conversation_list.setUniformItemSizes(True)
        self.conversation_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.conversation_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(side)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.new_button)
        layout.addWidget(self.search)
        layout.addWidget(self.conversation_list, 1)
        return side

    def _build_welcome(self) -> QWidget:
        page = QWidget(self)
        self.welcome_title = title = QLabel(page)
        title.setObjectName("welcomeTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        self.welcome_text = text = QLabel(page)
        text.setWordWrap(True)
        self.welcome_button = button = QPushButton(page)
        button.setObjectName("welcomeAddProfile")
        button.clicked.connect(self.profilesRequested)
        text.setMaximumWidth(WELCOME_WIDTH)  # a paragraph to read, not one line across a wide window
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        for widget in (title, text):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        return page

    def _build_chat(self) -> QWidget:
        page = QWidget(self)
        self.model_picker = ModelPicker(page)
        self.model_picker.setObjectName("modelPicker")
        self.model_picker.setMinimumContentsLength(20)
        self._model_names = self.model_picker.names
        self.relay_picker = QComboBox(page)
        self.relay_picker.setObjectName("relayPicker")
        # as wide as a short name whatever the profiles are called: a long one is elided, the header never grows
        self.relay_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.relay_picker.setMinimumContentsLength(10)
        self.relay_picker.setEnabled(False)
        self.system_toggle = QToolButton(page)
        self.system_toggle.setObjectName("systemPromptToggle")
        self.system_toggle.setCheckable(True)
        self.system_edit = QPlainTextEdit(page)
        self.system_edit.setObjectName("systemPrompt")
        self.system_edit.setMaximumHeight(80)
        self.system_edit.hide()
        top = QHBoxLayout()
        self.relay_label = QLabel(page)
        self.relay_label.setBuddy(self.relay_picker)
        top.addWidget(self.relay_label)
        top.addWidget(self.relay_picker)
        top.addSpacing(8)
        self.model_label = QLabel(page)
        self.model_label.setBuddy(self.model_picker)
        top.addWidget(self.model_label)
        top.addWidget(self.model_picker, 1)
        top.addWidget(self.system_toggle)

        self.banner = ErrorBanner(page)
        self.transcript = TranscriptView(page)

        self.attachment_bar = QWidget(page)
        self.attachment_bar.setObjectName("attachmentBar")
        self._attachment_layout = QHBoxLayout(self.attachment_bar)
        self._attachment_layout.setContentsMargins(0, 0, 0, 0)
        self._attachment_layout.addStretch(1)
        self.attachment_bar.hide()

        self.prompt = PromptEdit(page)
        self.prompt.setObjectName("promptEdit")
        self.attach_button = QToolButton(page)
        self.attach_button.setObjectName("attachButton")
        self.send_button = QPushButton(page)
        self.send_button.setObjectName("sendButton")
        self.send_button.setDefault(True)
        self.stop_button = QPushButton(page)
        self.stop_button.setObjectName("stopButton")
        self.stop_button.hide()
        self.attach_button.setIcon(icon("attach"))
        self.attach_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.send_button.setIcon(icon("send"))
        self.stop_button.setIcon(icon("stop"))
        buttons = QVBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.prompt, 1)
        bottom.addLayout(buttons)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.system_edit)
        layout.addWidget(self.banner)
        layout.addWidget(self.transcript, 1)
        layout.addWidget(self.attachment_bar)
        layout.addLayout(bottom)
        return page

    def _connect_signals(self) -> None:
        vm = self.vm
        vm.conversationsChanged.connect(self._show_conversations)
        vm.transcriptReset.connect(self._show_transcript)
        vm.turnStarted.connect(self._turn_started)
        vm.replyDelta.connect(self.transcript.append_delta)
        vm.replyFinished.connect(self.transcript.finish_turn)
        vm.modelsChanged.connect(self._show_models)
        vm.modelChanged.connect(self.model_picker.show_model)
        vm.relaysChanged.connect(self._show_relays)
        vm.attachmentsChanged.connect(self._show_attachments)
        vm.streamingChanged.connect(self._streaming_changed)
        vm.editRequested.connect(self._edit_requested)
        vm.editCancelled.connect(self.prompt.clear)
        vm.profilesAvailable.connect(lambda ok: self.pages.setCurrentIndex(1 if ok else 0))
        vm.systemPromptChanged.connect(self._show_system_prompt)
        vm.error.connect(self.banner.show_message)

        self.search.textChanged.connect(vm.searchConversations)
        self.new_button.clicked.connect(vm.newConversation)
        self.conversation_list.clicked.connect(self._conversation_clicked)
        self.conversation_list.activated.connect(self._conversation_clicked)
        self.conversation_list.customContextMenuRequested.connect(self._conversation_menu)
        self.model_picker.activated.connect(lambda _i: vm.setModel(self.model_picker.currentText()))
        self.relay_picker.activated.connect(self._relay_chosen)
        edit = self.model_picker.lineEdit()
        if edit is not None:  # the picker is editable: it always has one
            edit.editingFinished.connect(lambda: vm.setModel(self.model_picker.currentText()))
        self.system_toggle.toggled.connect(self.system_edit.setVisible)
        self.system_edit.textChanged.connect(lambda: vm.setSystemPrompt(self.system_edit.toPlainText()))
        self.attach_button.clicked.connect(self._choose_files)
        self.send_button.clicked.connect(self.send)
        self.stop_button.clicked.connect(vm.stop)
        self.prompt.submitted.connect(self.send)
        self.prompt.imagePasted.connect(vm.addPastedImage)
        self.prompt.filesPasted.connect(vm.addAttachments)
        self.transcript.messageAction.connect(self._message_action)
        self.transcript.versionChosen.connect(vm.chooseVersion)

        shortcut = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in ((QKeySequence(Qt.Key.Key_Escape), lambda: (vm.stop(), vm.cancelEdit())),
                           (QKeySequence("Ctrl+K"), self.focus_model_picker),
                           (QKeySequence("Ctrl+N"), vm.newConversation)):
            QShortcut(keys, self, slot, context=shortcut)

    # -- view-model → widgets --------------------------------------------------------------------

    @Slot(object)
    def _show_conversations(self, items: list[ConversationItem]) -> None:
        self._conversation_items = list(items)
        self.conversations.clear()
        for item in items:
            row = QStandardItem(item.title or self.tr("Untitled"))
            row.setData(item.id, _ID_ROLE)
            row.setToolTip(item.title)
            self.conversations.appendRow(row)
        self._select_current()

    def _select_current(self) -> None:
        current = self.vm.conversation_id
        for row in range(self.conversations.rowCount()):
            index = self.conversations.index(row, 0)
            if index.data(_ID_ROLE) == current:
                self.conversation_list.setCurrentIndex(index)
                return
        self.conversation_list.clearSelection()

    @Slot(object)
    def _show_transcript(self, transcript: Transcript) -> None:
        self.transcript.show_transcript(transcript)
        self._select_current()
        self.prompt.setFocus()

    @Slot(object, object)
    def _turn_started(self, user: MessageView, pending: MessageView) -> None:
        self.transcript.begin_turn(user, pending)

    @Slot(list)
    def _show_models(self, names: list[str]) -> None:
        self.model_picker.show_models(names, self.vm.model)

    @Slot(object)
    def _show_relays(self, choice: RelayChoice) -> None:
        """The profiles by name, routing's one marked, the one in use selected (enabled when there is a choice)."""
        picker = self.relay_picker
        picker.blockSignals(True)
        picker.clear()
        for name in choice.names:
            picker.addItem(self.tr("{name} (routed)").format(name=name) if name == choice.routed else name, name)
            picker.setItemData(picker.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        picker.setCurrentIndex(picker.findData(choice.current))
        picker.blockSignals(False)
        picker.setEnabled(choice.choosable)

    @Slot(int)
    def _relay_chosen(self, index: int) -> None:
        name = self.relay_picker.itemData(index)
        if isinstance(name, str):
            self.vm.setRelay(name)

    @Slot(object)
    def _show_attachments(self, items: list[AttachmentView]) -> None:
        while self._attachment_layout.count() > 1:
            taken = self._attachment_layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        for index, item in enumerate(items):
            chip = QToolButton(self.attachment_bar)
            chip.setObjectName("attachmentChip")
            preview = QPixmap()
            with QT_IMAGES:  # a worker may be reading (studio/views/qt_images.py); thumbnails are PNG
                loaded = item.thumbnail is not None and preview.loadFromData(item.thumbnail, "PNG")
            if loaded:
                chip.setIcon(QIcon(preview))
                chip.setIconSize(preview.size().scaled(QSize(48, 48), Qt.AspectRatioMode.KeepAspectRatio))
                chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
                chip.setText(f"{item.filename}  ✕")
            else:
                icon = "🖼" if item.kind == "image" else "📄"
                chip.setText(f"{icon} {item.filename}  ✕")
            chip.setToolTip(self.tr("Remove {0}").format(item.filename))
            chip.clicked.connect(lambda _=False, i=index: self.vm.removeAttachment(i))
            self._attachment_layout.insertWidget(index, chip)
        self.attachment_bar.setVisible(bool(items))

    @Slot(bool)
    def _streaming_changed(self, streaming: bool) -> None:
        self.send_button.setVisible(not streaming)
        self.stop_button.setVisible(streaming)
        self.new_button.setEnabled(not streaming)

    @Slot(str)
    def _show_system_prompt(self, text: str) -> None:
        if self.system_edit.toPlainText() != text:
            self.system_edit.blockSignals(True)
            self.system_edit.setPlainText(text)
            self.system_edit.blockSignals(False)
        if text:
            self.system_toggle.setChecked(True)

    @Slot(str)
    def _edit_requested(self, text: str) -> None:
        self.prompt.setPlainText(text)
        self.prompt.setFocus()
        self.banner.show_message("")

    # -- widgets → view-model --------------------------------------------------------------------

    @Slot()
    def send(self) -> None:
        if self.vm.streaming:  # keep what was typed; it can go once the reply ends
            return
        text = self.prompt.toPlainText()
        if not text.strip() and not self.attachment_bar.isVisible():
            return
        self.vm.setModel(self.model_picker.currentText())
        self.prompt.clear()
        self.vm.send(text)

    @Slot()
    def focus_model_picker(self) -> None:
        self.model_picker.open_search()

    @Slot(QModelIndex)
    def _conversation_clicked(self, index: QModelIndex) -> None:
        conversation_id = index.data(_ID_ROLE)
        if conversation_id is not None and conversation_id != self.vm.conversation_id:
            self.vm.openConversation(int(conversation_id))

    def _conversation_menu(self, pos: QPoint) -> None:
        index = self.conversation_list.indexAt(pos)
        if not index.isValid():
            return
        conversation_id = int(index.data(_ID_ROLE))
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        rename = menu.addAction(self.tr("Rename…"))
        delete = menu.addAction(self.tr("Delete"))
        chosen = menu.exec(self.conversation_list.viewport().mapToGlobal(pos))
        if chosen is rename:
            title, ok = QInputDialog.getText(self, self.tr("Rename conversation"), self.tr("Title"),
                                             text=index.data() or "")
            if ok:
                self.vm.renameConversation(conversation_id, title)
        elif chosen is delete:
            self.vm.deleteConversation(conversation_id)

    def _choose_files(self) -> None:
        kinds = self.tr("Images and documents (*.png *.jpg *.jpeg *.gif *.webp *.pdf *.txt *.md *.json *.csv);;"
                        "All files (*)")
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"), "", kinds)
        if paths:
            self.vm.addAttachments(paths)

    @Slot(str, int)
    def _message_action(self, action: str, message_id: int) -> None:
        if action == "edit":
            self.vm.beginEdit(message_id)
        elif action == "regenerate":
            self.vm.regenerate()

    # -- drag and drop ---------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            self.vm.addAttachments(files)
            event.acceptProposedAction()
