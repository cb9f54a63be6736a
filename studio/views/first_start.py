"""The first start: one dialog that connects the studio to a relay (base URL, key, Test, Save), and
the small dialog that unlocks the encrypted key file once per run.

Why a dialog of its own rather than the Profiles dialog: a new user needs two fields, not a list, a
routing table and a choice of key sources. Test works before Save (nothing is stored until the relay
answered or the user chose to save anyway). Where the OS keyring cannot keep the key (minimal Linux
desktops, headless machines) the dialog offers, one sentence each, to keep it in memory until the
studio quits or in a local file encrypted with a passphrase; never in plain text, and never by
pointing at a command line. The same dialog asks a key again when an earlier run kept it in memory.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QIcon, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from studio.viewmodels.profiles import ProfileItem, ProfilesViewModel
from studio.views.banner import ErrorBanner

_OK_STYLE = "color: #2e7d32;"
_FAIL_STYLE = "color: #c62828;"


def _note(text: str, parent: QWidget, name: str = "") -> QLabel:
    """A wrapped sentence in the palette's secondary text colour."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # follows the theme when it changes
    if name:
        label.setObjectName(name)
    return label


def _title(text: str, parent: QWidget) -> QLabel:
    """The dialog's heading (a window manager may show no title bar)."""
    title = QLabel(text, parent)
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    title.setFont(font)
    return title


def text_width(widget: QWidget, characters: int) -> int:
    """The width of `characters` letters of running Latin text. Not `averageCharWidth`: with a CJK face drawing
    the UI font (studio/views/theme.py) that is a CJK glyph's width, nearly twice a letter's."""
    return round(widget.fontMetrics().horizontalAdvance("abcdefghijklmnopqrstuvwxyz") / 26 * characters)


def fit_height(dialog: QDialog) -> None:
    """Give `dialog` the height its shown rows need at its width: Qt sizes a window before its wrapped
    sentences know their width, and squeezes them when a row appears later."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    if layout.hasHeightForWidth():
        height = layout.totalHeightForWidth(dialog.width())
    else:
        height = layout.totalSizeHint().height()
    dialog.resize(dialog.width(), max(height, layout.totalMinimumSize().height()))


class FirstStartDialog(QDialog):
    """Base URL, API key, Test, Save; and where to keep the key when no OS keyring can."""

    def __init__(self, vm: ProfilesViewModel, parent: QWidget | None = None,
                 profile: ProfileItem | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self._profile = profile  # a profile whose key an earlier run kept in memory: asked again
        self._keyring: bool | None = None  # None until the check answered
        self._file_exists = False
        self.setObjectName("firstStartDialog")
        self.setWindowTitle(self.tr("Connect your relay") if profile is None else self.tr("Enter the API key again"))
        self.setMinimumWidth(text_width(self, 82))

        self._banner = ErrorBanner(self)
        title = _title(self.windowTitle(), self)
        title.setObjectName("firstStartTitle")
        if profile is None:
            intro = self.tr("Paste your relay's address and your API key. Test checks them before anything is saved.")
        else:
            intro = self.tr("The API key of {name} was kept in memory only, so it is gone since the studio quit. "
                            "Paste it again to go on.").format(name=profile.name)
        self._intro = _note(intro, self, "firstStartIntro")

        self._base_url = QLineEdit(self)
        self._base_url.setObjectName("firstBaseUrl")
        self._base_url.setPlaceholderText("https://relay.example/v1")
        self._key = QLineEdit(self)
        self._key.setObjectName("firstKey")
        self._key.setEchoMode(QLineEdit.EchoMode.Password)
        self._key.setPlaceholderText(self.tr("Paste the relay's API key"))
        if profile is not None:
            self._base_url.setText(profile.base_url)
        self._test_button = QPushButton(self.tr("Test"), self)
        self._test_button.setObjectName("firstTest")
        self._test_button.setAutoDefault(False)
        self._test_button.clicked.connect(self._test)
        self._test_label = QLabel(self)
        self._test_label.setObjectName("firstTestResult")
        self._test_label.setWordWrap(True)
        self._test_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        test_row = QHBoxLayout()
        test_row.addWidget(self._test_button, 0, Qt.AlignmentFlag.AlignTop)
        test_row.addWidget(self._test_label, 1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Base URL"), self._base_url)
        form.addRow(self.tr("API key"), self._key)
        form.addRow("", test_row)

        self._store_box = self._build_store_choice()
        self._keyring_note = _note(self.tr("Checking where the key can be kept safely…"), self, "keyringNote")

        buttons = QDialogButtonBox(self)
        self._save_button = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self._save_button.setObjectName("firstSave")
        self._save_button.setDefault(True)
        self._save_button.setEnabled(False)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)  # Qt's own text, in every language
        cancel.setIcon(QIcon())  # like Save: text only
        cancel.setObjectName("firstCancel")
        cancel.setAutoDefault(False)
        self._save_button.clicked.connect(self._save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self._banner)
        layout.addWidget(title)
        layout.addWidget(self._intro)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addWidget(self._keyring_note)
        layout.addWidget(self._store_box)
        layout.addStretch(1)
        layout.addWidget(buttons)

        vm.error.connect(self._on_error)
        vm.keyStores.connect(self._on_key_stores)
        vm.draftTested.connect(self._on_tested)
        vm.saved.connect(self._on_saved)
        vm.busyChanged.connect(self._on_busy)
        (self._key if profile is not None else self._base_url).setFocus()

    def _build_store_choice(self) -> QWidget:
        box = QWidget(self)
        box.setObjectName("keyStoreChoice")
        heading = QLabel(self.tr("This computer has no system keyring to keep the key safely. Keep it:"), box)
        heading.setWordWrap(True)
        self._memory_radio = QRadioButton(self.tr("In memory until the studio quits"), box)
        self._memory_radio.setObjectName("memoryRadio")
        memory_note = _note(self.tr("Nothing is written to disk; you paste the key again at the next start."), box)
        self._file_radio = QRadioButton(self.tr("In an encrypted file, locked by a passphrase"), box)
        self._file_radio.setObjectName("fileRadio")
        self._file_note = _note(self.tr("The key is saved encrypted in the studio's data folder; the studio asks "
                                        "for the passphrase once each time it starts."), box)
        group = QButtonGroup(box)
        group.addButton(self._memory_radio)
        group.addButton(self._file_radio)
        self._memory_radio.setChecked(True)
        self._file_radio.toggled.connect(self._on_store)
        self._passphrase = QLineEdit(box)
        self._passphrase.setObjectName("passphraseEdit")
        self._passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self._confirm = QLineEdit(box)
        self._confirm.setObjectName("passphraseConfirm")
        self._confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self._confirm.setPlaceholderText(self.tr("The same passphrase again"))
        self._passphrase_form = QWidget(box)
        pass_form = QFormLayout(self._passphrase_form)
        pass_form.setContentsMargins(24, 0, 0, 0)
        pass_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        pass_form.addRow(self.tr("Passphrase"), self._passphrase)
        self._confirm_label = QLabel(self.tr("Confirm"), self._passphrase_form)
        pass_form.addRow(self._confirm_label, self._confirm)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(heading)
        for radio, note in ((self._memory_radio, memory_note), (self._file_radio, self._file_note)):
            layout.addSpacing(4)
            layout.addWidget(radio)
            note.setContentsMargins(24, 0, 0, 0)
            layout.addWidget(note)
        layout.addWidget(self._passphrase_form)
        box.hide()
        self._on_store()
        return box

    # -- the view-model's news -------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._keyring is None:
            self._vm.checkKeyStores()
            # a form's width, not the window's: the wrapped sentences would otherwise ask for one long line
            self.resize(self.minimumWidth(), self.height())
        self._fit()

    @Slot(bool, bool)
    def _on_key_stores(self, keyring: bool, file_exists: bool) -> None:
        self._keyring, self._file_exists = keyring, file_exists
        if keyring:
            self._keyring_note.setText(self.tr("The key is kept in your system's keyring."))
        self._keyring_note.setVisible(keyring)
        self._store_box.setVisible(not keyring)
        if file_exists:
            self._file_radio.setChecked(True)
            self._file_note.setText(self.tr("The studio already keeps keys in an encrypted file: enter its "
                                            "passphrase to add this one."))
        self._on_store()
        self._save_button.setEnabled(True)

    @Slot(bool, str)
    def _on_tested(self, ok: bool, sentence: str) -> None:
        self._test_button.setEnabled(True)
        self._test_label.setStyleSheet(_OK_STYLE if ok else _FAIL_STYLE)
        self._test_label.setText(sentence)
        self._fit()

    @Slot(str)
    def _on_error(self, sentence: str) -> None:
        self._banner.show_message(sentence)
        self._fit()

    def _fit(self) -> None:
        fit_height(self)

    @Slot(str)
    def _on_saved(self, _name: str) -> None:
        self._key.clear()
        self._passphrase.clear()
        self._confirm.clear()
        self.accept()

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        self._save_button.setEnabled(not busy and self._keyring is not None)

    # -- the user's actions ----------------------------------------------------------------------

    @Slot()
    def _on_store(self) -> None:
        file = self._file_radio.isChecked()
        self._passphrase_form.setVisible(file)
        new_file = file and not self._file_exists
        self._confirm.setVisible(new_file)
        self._confirm_label.setVisible(new_file)
        self._passphrase.setPlaceholderText(self.tr("Choose a passphrase") if new_file
                                            else self.tr("The key file's passphrase"))
        if self.isVisible():
            self._fit()

    @Slot()
    def _test(self) -> None:
        self._test_button.setEnabled(False)
        self._test_label.setStyleSheet("")
        self._test_label.setText(self.tr("Testing the connection…"))
        proxy = (self._profile.proxy or "") if self._profile is not None else ""
        self._vm.testDraft(self._base_url.text(), self._key.text(), proxy)

    @Slot()
    def _save(self) -> None:
        if self._keyring is None:
            return
        store = "keyring" if self._keyring else ("file" if self._file_radio.isChecked() else "memory")
        passphrase = self._passphrase.text() if store == "file" else ""
        if store == "file" and not self._file_exists and passphrase != self._confirm.text():
            self._banner.show_message(self.tr("The two passphrases differ; type the same one twice."))
            return
        self._vm.saveFirst(self._profile.name if self._profile else "", self._base_url.text(), self._key.text(),
                           store, passphrase)


class PassphraseDialog(QDialog):
    """Asks the encrypted key file's passphrase, once per run; a wrong one is one sentence, and again."""

    def __init__(self, vm: ProfilesViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(self.tr("Unlock your API keys"))
        self.setMinimumWidth(text_width(self, 60))
        text = _note(self.tr("Your relay keys are kept in an encrypted file on this computer. Enter its "
                             "passphrase to use them until the studio quits."), self)
        text.setForegroundRole(QPalette.ColorRole.WindowText)
        self._edit = QLineEdit(self)
        self._edit.setObjectName("unlockPassphrase")
        self._edit.setEchoMode(QLineEdit.EchoMode.Password)
        self._edit.setPlaceholderText(self.tr("Passphrase"))
        self._edit.returnPressed.connect(self._unlock)
        self._message = QLabel(self)
        self._message.setObjectName("unlockMessage")
        self._message.setWordWrap(True)
        self._message.setStyleSheet(_FAIL_STYLE)
        self._message.hide()
        buttons = QDialogButtonBox(self)
        self._unlock_button = buttons.addButton(self.tr("Unlock"), QDialogButtonBox.ButtonRole.AcceptRole)
        self._unlock_button.setObjectName("unlockButton")
        self._unlock_button.setDefault(True)
        later = buttons.addButton(self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setAutoDefault(False)
        self._unlock_button.clicked.connect(self._unlock)
        later.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(_title(self.windowTitle(), self))
        layout.addWidget(text)
        layout.addWidget(self._edit)
        layout.addWidget(self._message)
        layout.addWidget(buttons)
        vm.unlocked.connect(self._on_unlocked)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height(self)

    @Slot()
    def _unlock(self) -> None:
        self._unlock_button.setEnabled(False)
        self._message.hide()
        self._vm.unlock(self._edit.text())

    @Slot(str)
    def _on_unlocked(self, sentence: str) -> None:
        self._unlock_button.setEnabled(True)
        if not sentence:
            self._edit.clear()
            self.accept()
            return
        self._message.setText(sentence)
        self._message.show()
        fit_height(self)
        self._edit.selectAll()
        self._edit.setFocus()
