"""The Profiles dialog: relays on the left, the selected one's form on the right, routing below.

Widgets only: every change goes to the `ProfilesViewModel`, which does the disk, keyring and network
work off the UI thread and answers with signals. The API key field is write-only — a saved key is
never read back into it; for a keyring profile it stays empty and "empty" means "keep the stored key".
Errors land in the inline banner, never in a message box.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.api.capabilities import CAPABILITIES
from studio.viewmodels.profiles import ProfileItem, ProfilesViewModel, RouteItem
from studio.views.banner import ErrorBanner

_NAME_ROLE = Qt.ItemDataRole.UserRole
_OK_STYLE = "color: #2e7d32;"
_FAIL_STYLE = "color: #c62828;"


class ProfilesDialog(QDialog):
    """Add, edit, remove and test relay profiles, and route each capability to one of them."""

    def __init__(self, vm: ProfilesViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self._items: dict[str, ProfileItem] = {}
        self._routes: dict[str, RouteItem] = {}
        self._editing = ""  # name of the profile in the form; "" while adding a new one
        self._testing = ""  # name whose connection test is running
        self._syncing = False  # True while the table is filled from the view-model
        self.setWindowTitle(self.tr("Relay profiles"))
        self.resize(900, 600)

        self._banner = ErrorBanner(self)
        self._build_list()
        self._build_form()
        self._build_routes()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        # no default button: Enter in a routing cell must not save the form or close the dialog
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)

        top = QHBoxLayout()
        top.addWidget(self._list_box, 1)
        top.addWidget(self._form_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self._banner)
        layout.addLayout(top, 0)
        layout.addWidget(self._routes_box, 1)  # the table gets the height; the form keeps its own
        layout.addWidget(buttons)

        vm.error.connect(self._banner.show_message)
        vm.profilesChanged.connect(self._on_profiles)
        vm.routesChanged.connect(self._on_routes)
        vm.testOutcome.connect(self._on_test_outcome)
        vm.testResult.connect(self._on_test_result)
        vm.saved.connect(self._on_saved)
        vm.busyChanged.connect(self._on_busy)
        vm.keyStores.connect(self._on_key_stores)
        self._new_profile()

    # -- building --------------------------------------------------------------------------------

    def _build_list(self) -> None:
        self._list_box = QGroupBox(self.tr("Profiles"), self)
        self._list = QListWidget(self._list_box)
        self._list.setObjectName("profileList")
        self._list.setMinimumHeight(self.fontMetrics().height() * 4)
        self._list.currentItemChanged.connect(self._on_current)
        self._add_button = self._button(self.tr("Add"), "addButton", self._new_profile)
        self._remove_button = self._button(self.tr("Remove"), "removeButton", self._remove)
        self._default_button = self._button(self.tr("Make default"), "defaultButton", self._make_default)
        row = QHBoxLayout()
        for button in (self._add_button, self._remove_button, self._default_button):
            row.addWidget(button)
        layout = QVBoxLayout(self._list_box)
        layout.addWidget(self._list)
        layout.addLayout(row)

    def _build_form(self) -> None:
        self._form_box = QGroupBox(self.tr("Profile"), self)
        self._name = self._line("nameEdit", self.tr("e.g. main"))
        self._base_url = self._line("baseUrlEdit", "https://relay.example/v1")
        self._keyring_radio = QRadioButton(self.tr("OS keyring"), self._form_box)
        self._keyring_radio.setObjectName("keyringRadio")
        self._env_radio = QRadioButton(self.tr("Environment variable"), self._form_box)
        self._env_radio.setObjectName("envRadio")
        # where no OS keyring can keep the key (shown then, or for a profile that uses them)
        self._memory_radio = QRadioButton(self.tr("In memory"), self._form_box)
        self._memory_radio.setObjectName("memoryRadio")
        self._memory_radio.setToolTip(self.tr("The key stays in memory until the studio quits; nothing is "
                                              "written to disk."))
        self._file_radio = QRadioButton(self.tr("Encrypted file"), self._form_box)
        self._file_radio.setObjectName("fileRadio")
        self._file_radio.setToolTip(self.tr("The key is saved in a file encrypted with a passphrase, asked once "
                                            "each time the studio starts."))
        group = QButtonGroup(self._form_box)
        source = QHBoxLayout()
        for radio in (self._keyring_radio, self._memory_radio, self._file_radio, self._env_radio):
            group.addButton(radio)
            radio.toggled.connect(self._on_key_source)
            source.addWidget(radio)
        source.addStretch(1)
        self._memory_radio.hide()
        self._file_radio.hide()
        self._keyring_ok: bool | None = None  # whether the OS keyring can keep keys here; None until known
        self._file_exists = False
        self._key = self._line("keyEdit", "")
        self._key.setEchoMode(QLineEdit.EchoMode.Password)
        self._passphrase = self._line("profilePassphrase", "")
        self._passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self._confirm = self._line("profilePassphraseConfirm", self.tr("The same passphrase again"))
        self._confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self._key_env = self._line("keyEnvEdit", self.tr("e.g. RELAY_API_KEY"))
        self._proxy = self._line("proxyEdit", self.tr("optional, e.g. http://127.0.0.1:7890"))
        self._save_button = self._button(self.tr("Save"), "saveButton", self._save)
        for edit in (self._name, self._base_url, self._key, self._key_env, self._proxy):
            edit.returnPressed.connect(self._save)
        self._test_button = self._button(self.tr("Test connection"), "testButton", self._test)
        self._test_label = QLabel(self._form_box)
        self._test_label.setObjectName("testResultLabel")
        self._test_label.setWordWrap(True)
        self._test_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self._test_button)
        actions.addWidget(self._save_button)

        form = QFormLayout()
        self._form = form
        form.addRow(self.tr("Name"), self._name)
        form.addRow(self.tr("Base URL"), self._base_url)
        form.addRow(self.tr("Key source"), source)
        form.addRow(self.tr("API key"), self._key)
        form.addRow(self.tr("Passphrase"), self._passphrase)
        form.addRow(self.tr("Confirm"), self._confirm)
        form.addRow(self.tr("Env var name"), self._key_env)
        form.addRow(self.tr("Proxy"), self._proxy)
        layout = QVBoxLayout(self._form_box)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(self._test_label)
        layout.addStretch(1)

    def _build_routes(self) -> None:
        self._routes_box = QGroupBox(self.tr("Routing"), self)
        table = QTableWidget(len(CAPABILITIES), 3, self._routes_box)
        table.setObjectName("routeTable")
        table.setHorizontalHeaderLabels([self.tr("Capability"), self.tr("Profile"), self.tr("Default model")])
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        labels = self._capability_labels()
        self._route_profiles: dict[str, QComboBox] = {}
        self._route_models: dict[str, QLineEdit] = {}
        for row, capability in enumerate(CAPABILITIES):
            label = QTableWidgetItem(labels.get(capability, capability))
            label.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, 0, label)
            combo = QComboBox(table)
            combo.setObjectName(f"routeProfile_{capability}")
            combo.addItem(self.tr("Default profile"), "")
            combo.currentIndexChanged.connect(lambda _i, c=capability: self._route_edited(c))
            model = QLineEdit(table)
            model.setObjectName(f"routeModel_{capability}")
            model.setPlaceholderText(self.tr("any (chosen per request)"))
            model.setFrame(False)
            model.editingFinished.connect(lambda c=capability: self._route_edited(c))
            table.setCellWidget(row, 1, combo)
            table.setCellWidget(row, 2, model)
            self._route_profiles[capability] = combo
            self._route_models[capability] = model
        self._table = table
        layout = QVBoxLayout(self._routes_box)
        layout.addWidget(table)

    def _capability_labels(self) -> dict[str, str]:
        return {
            "chat": self.tr("Chat"),
            "image": self.tr("Images"),
            "mj": self.tr("Midjourney"),
            "video": self.tr("Video"),
            "music": self.tr("Music"),
            "transcribe": self.tr("Transcription"),
            "speech": self.tr("Speech"),
        }

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self._form_box)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # -- the view-model's news -------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Reload on every show: the CLI may have changed profiles while the dialog was closed."""
        super().showEvent(event)
        self._vm.load()
        self._vm.checkKeyStores()

    @Slot(bool, bool)
    def _on_key_stores(self, keyring: bool, file_exists: bool) -> None:
        self._keyring_ok, self._file_exists = keyring, file_exists
        if not keyring:
            self._keyring_radio.setToolTip(self.tr("This computer has no system keyring that keeps keys safely."))
            if self._keyring_radio.isChecked() and self._editing not in self._items:
                self._memory_radio.setChecked(True)
        self._show_sources()

    @Slot(object)
    def _on_profiles(self, items: list[ProfileItem]) -> None:
        self._items = {item.name: item for item in items}
        self._list.blockSignals(True)
        self._list.clear()
        for item in items:
            text = self.tr("{name} (default)").format(name=item.name) if item.is_default else item.name
            row = QListWidgetItem(text, self._list)
            row.setData(_NAME_ROLE, item.name)
            row.setToolTip(item.base_url)
            if item.is_default:
                font = QFont(row.font())
                font.setBold(True)
                row.setFont(font)
        self._list.blockSignals(False)
        if self._editing and self._editing not in self._items:
            self._new_profile()  # the profile in the form is gone
        else:
            self._select(self._editing)
        if not self._editing and not self._name.text() and items:
            self._select(items[0].name)
            self._fill(items[0])
        self._fill_route_profiles(list(self._items))
        self._update_buttons()

    @Slot(object)
    def _on_routes(self, routes: list[RouteItem]) -> None:
        self._routes = {r.capability: r for r in routes}
        self._syncing = True
        try:
            for route in routes:
                combo = self._route_profiles.get(route.capability)
                model = self._route_models.get(route.capability)
                if combo is None or model is None:
                    continue
                index = combo.findData(route.profile or "")
                combo.setCurrentIndex(max(index, 0))
                if not model.hasFocus() and model.text() != (route.model or ""):
                    model.setText(route.model or "")
        finally:
            self._syncing = False

    @Slot(str)
    def _on_saved(self, name: str) -> None:
        self._key.clear()
        self._passphrase.clear()
        self._confirm.clear()
        self._vm.checkKeyStores()  # a first key in the encrypted file has just made the file
        self._editing = name
        self._select(name)
        item = self._items.get(name)
        if item is not None:
            self._fill(item)

    @Slot(str, bool)
    def _on_test_outcome(self, name: str, ok: bool) -> None:
        if name == self._editing:
            self._test_label.setStyleSheet(_OK_STYLE if ok else _FAIL_STYLE)

    @Slot(str, str)
    def _on_test_result(self, name: str, sentence: str) -> None:
        if name == self._testing:
            self._testing = ""
        if name == self._editing:
            self._test_label.setText(sentence)
        self._update_buttons()

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        self._save_button.setEnabled(not busy)

    # -- the user's actions ----------------------------------------------------------------------

    @Slot()
    def _new_profile(self) -> None:
        self._editing = ""
        self._list.blockSignals(True)
        self._list.clearSelection()
        self._list.setCurrentRow(-1)
        self._list.blockSignals(False)
        for edit in (self._name, self._base_url, self._key, self._key_env, self._proxy, self._passphrase,
                     self._confirm):
            edit.clear()
        (self._memory_radio if self._keyring_ok is False else self._keyring_radio).setChecked(True)
        self._show_sources()
        self._clear_test()
        self._update_buttons()
        self._name.setFocus()

    def _on_current(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        item = self._items.get(current.data(_NAME_ROLE)) if current is not None else None
        if item is not None and item.name != self._editing:
            self._fill(item)
        self._update_buttons()

    def _fill(self, item: ProfileItem) -> None:
        if item.name != self._editing:
            self._clear_test()
        self._editing = item.name
        self._name.setText(item.name)
        self._base_url.setText(item.base_url)
        self._key.clear()
        self._key_env.setText(item.key_env or "")
        self._proxy.setText(item.proxy or "")
        self._passphrase.clear()
        self._confirm.clear()
        self._source_radio(item.key_source).setChecked(True)
        self._show_sources()
        self._update_buttons()

    def _source_radio(self, source: str) -> QRadioButton:
        return {"env": self._env_radio, "memory": self._memory_radio, "file": self._file_radio}.get(
            source, self._keyring_radio)

    def _chosen_source(self) -> str:
        for source in ("env", "memory", "file"):
            if self._source_radio(source).isChecked():
                return source
        return "keyring"

    def _show_sources(self) -> None:
        """In memory and Encrypted file where no OS keyring can keep keys, or for a profile that uses them."""
        stored = self._items.get(self._editing)
        for source, radio in (("memory", self._memory_radio), ("file", self._file_radio)):
            radio.setVisible(self._keyring_ok is False or (stored is not None and stored.key_source == source))
        self._on_key_source()

    @Slot()
    def _on_key_source(self) -> None:
        source = self._chosen_source()
        self._key.setEnabled(source != "env")
        self._key_env.setEnabled(source == "env")
        stored = self._items.get(self._editing)
        file = source == "file"
        new_file = file and not self._file_exists
        for edit, shown in ((self._passphrase, file), (self._confirm, new_file)):
            edit.setVisible(shown)
            label = self._form.labelForField(edit)
            if label is not None:
                label.setVisible(shown)
        self._passphrase.setPlaceholderText(self.tr("Choose a passphrase for the new key file") if new_file
                                            else self.tr("The key file's passphrase, asked once per run"))
        kept = {
            "keyring": self.tr("Stored in the keyring — leave empty to keep it"),
            "memory": self.tr("Kept in memory until the studio quits — leave empty to keep it"),
            "file": self.tr("Stored in the encrypted file — leave empty to keep it"),
        }
        if stored is not None and stored.key_source == source and source in kept:
            self._key.setPlaceholderText(kept[source])
        else:
            self._key.setPlaceholderText(self.tr("Paste the relay's API key"))

    @Slot()
    def _save(self) -> None:
        source = self._chosen_source()
        if source == "file" and not self._file_exists and self._passphrase.text() != self._confirm.text():
            self._banner.show_message(self.tr("The two passphrases differ; type the same one twice."))
            return
        self._vm.saveKeyed(
            self._name.text(),
            self._base_url.text(),
            self._key.text() if source != "env" else "",
            self._key_env.text() if source == "env" else "",
            self._proxy.text(),
            False,
            self._editing,
            source if source != "env" else "",
            self._passphrase.text() if source == "file" else "",
        )

    @Slot()
    def _test(self) -> None:
        if not self._editing:
            return
        self._testing = self._editing
        self._test_label.setStyleSheet("")
        self._test_label.setText(self.tr("Testing the connection…"))
        self._update_buttons()
        self._vm.testConnection(self._editing)

    @Slot()
    def _remove(self) -> None:
        name = self._selected()
        if name:
            self._vm.remove(name)

    @Slot()
    def _make_default(self) -> None:
        name = self._selected()
        if name:
            self._vm.makeDefault(name)

    def _route_edited(self, capability: str) -> None:
        if self._syncing:
            return
        profile = str(self._route_profiles[capability].currentData() or "")
        model = self._route_models[capability].text().strip()
        known = self._routes.get(capability)
        if known is not None and (known.profile or "", known.model or "") == (profile, model):
            return  # focus left the field without a change
        self._vm.setRoute(capability, profile, model)

    # -- helpers ---------------------------------------------------------------------------------

    def _selected(self) -> str:
        current = self._list.currentItem()
        return str(current.data(_NAME_ROLE)) if current is not None else ""

    def _select(self, name: str) -> None:
        self._list.blockSignals(True)
        for row in range(self._list.count()):
            item = self._list.item(row)
            if item.data(_NAME_ROLE) == name:
                self._list.setCurrentItem(item)
                break
        self._list.blockSignals(False)

    def _fill_route_profiles(self, names: list[str]) -> None:
        self._syncing = True
        try:
            for capability, combo in self._route_profiles.items():
                wanted = self._routes.get(capability)
                combo.clear()
                combo.addItem(self.tr("Default profile"), "")
                for name in names:
                    combo.addItem(name, name)
                index = combo.findData((wanted.profile if wanted else None) or "")
                combo.setCurrentIndex(max(index, 0))
        finally:
            self._syncing = False

    def _clear_test(self) -> None:
        self._test_label.clear()
        self._test_label.setStyleSheet("")

    def _update_buttons(self) -> None:
        selected = bool(self._selected())
        item = self._items.get(self._selected())
        self._remove_button.setEnabled(selected)
        self._default_button.setEnabled(item is not None and not item.is_default)
        self._test_button.setEnabled(bool(self._editing) and not self._testing)
