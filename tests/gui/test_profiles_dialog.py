"""The Profiles dialog and its view-model against the relay test server, driven through real widgets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QPushButton, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from studio.services.core import StudioCore
from studio.services.profiles import Route
from studio.storage.paths import DataPaths
from studio.storage.secrets import KEYRING_SERVICE, Redactor, SecretStore
from studio.viewmodels.profiles import ProfileItem, ProfilesViewModel
from studio.views.profiles_dialog import ProfilesDialog
from tests.conftest import FAST_RETRY, KEY
from tests.gui.conftest import Runner
from tests.relay import RelayServer
from tests.support.keyrings import MemoryKeyring


class Recorder:
    """Every signal of the view-model as (name, args)."""

    NAMES = ("error", "busyChanged", "profilesChanged", "routesChanged", "testResult", "testOutcome", "saved")

    def __init__(self, vm: ProfilesViewModel) -> None:
        self.events: list[tuple[str, tuple[Any, ...]]] = []
        for name in self.NAMES:
            getattr(vm, name).connect(lambda *args, _n=name: self.events.append((_n, args)))

    def of(self, name: str) -> list[tuple[Any, ...]]:
        return [args for n, args in self.events if n == name]


class Ui:
    """The dialog's widgets by object name, and the few gestures the tests repeat."""

    def __init__(self, dialog: ProfilesDialog, qtbot: QtBot, run_until: Runner) -> None:
        self.dialog, self.qtbot, self.run_until = dialog, qtbot, run_until

    def get(self, kind: type[Any], name: str) -> Any:
        widget = self.dialog.findChild(kind, name)
        assert widget is not None, name
        return widget

    @property
    def profiles(self) -> QListWidget:
        return self.get(QListWidget, "profileList")

    def edit(self, name: str) -> QLineEdit:
        return self.get(QLineEdit, name)

    def button(self, name: str) -> QPushButton:
        return self.get(QPushButton, name)

    @property
    def banner(self) -> str:
        frame: QWidget = self.get(QWidget, "errorBanner")
        return frame.findChild(QLabel).text() if frame.isVisible() else ""

    @property
    def test_label(self) -> QLabel:
        return self.get(QLabel, "testResultLabel")

    def rows(self) -> list[str]:
        return [self.profiles.item(i).text() for i in range(self.profiles.count())]

    def type_into(self, name: str, text: str) -> None:
        edit = self.edit(name)
        edit.clear()
        self.qtbot.keyClicks(edit, text)

    def click(self, name: str) -> None:
        self.qtbot.mouseClick(self.button(name), Qt.MouseButton.LeftButton)

    def choose(self, profile: str) -> None:
        items = self.profiles.findItems(profile, Qt.MatchFlag.MatchStartsWith)
        assert items, profile
        rect = self.profiles.visualItemRect(items[0])
        self.qtbot.mouseClick(self.profiles.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert self.edit("nameEdit").text() == profile

    def save_and_wait(self, rec: Recorder) -> None:
        """Click Save and run the loop until it was saved or an error sentence arrived."""
        def answers() -> int:
            return len(rec.of("saved")) + len([e for e in rec.of("error") if e[0]])

        before = answers()
        self.click("saveButton")
        self.run_until(lambda: answers() > before)

    def test_connection(self) -> str:
        self.click("testButton")
        self.run_until(lambda: self.button("testButton").isEnabled())
        return self.test_label.text()


def open_dialog(core: StudioCore, qtbot: QtBot, run_until: Runner) -> tuple[Ui, Recorder]:
    vm = ProfilesViewModel(core)
    rec = Recorder(vm)
    dialog = ProfilesDialog(vm)
    qtbot.addWidget(dialog)
    dialog.show()
    run_until(lambda: rec.of("routesChanged"))
    return Ui(dialog, qtbot, run_until), rec


@pytest.fixture
def ui(gui_core: StudioCore, qtbot: QtBot, run_until: Runner) -> Iterator[tuple[Ui, Recorder]]:
    yield open_dialog(gui_core, qtbot, run_until)


def data_bytes(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file())


def test_adding_a_profile_keeps_the_key_in_the_keyring_only(
    ui: tuple[Ui, Recorder], gui_core: StudioCore, relay: RelayServer, memory_keyring: MemoryKeyring,
    studio_home: Path,
) -> None:
    view, rec = ui
    assert view.rows() == [] and view.edit("keyEdit").echoMode() == QLineEdit.EchoMode.Password
    view.type_into("nameEdit", "local")
    view.type_into("baseUrlEdit", relay.url + "/v1/chat/completions")
    view.type_into("keyEdit", KEY)
    view.save_and_wait(rec)

    assert rec.of("saved") == [("local",)] and view.banner == ""
    assert memory_keyring.entries == {(KEYRING_SERVICE, "local"): KEY}
    assert KEY.encode() not in data_bytes(studio_home)  # the database (and its WAL) never saw it
    profile = gui_core.profiles.get("local")
    assert (profile.base_url, profile.key_source, profile.is_default) == (relay.url, "keyring", True)
    assert view.rows() == ["local (default)"]
    key = view.edit("keyEdit")
    assert key.text() == "" and "keyring" in key.placeholderText()
    items: list[ProfileItem] = rec.of("profilesChanged")[-1][0]
    assert items == [ProfileItem("local", relay.url, "keyring", None, True, None)]
    assert all(KEY not in repr(args) for _, args in rec.events)  # no signal ever carried the key


def test_editing_with_an_empty_key_keeps_it_and_renaming_moves_it(
    gui_core: StudioCore, qtbot: QtBot, run_until: Runner, relay: RelayServer, memory_keyring: MemoryKeyring,
) -> None:
    gui_core.profiles.add("local", "https://old.example", key=KEY)
    gui_core.profiles.add("spare", "https://spare.example", key="sk-spare")
    gui_core.profiles.set_route("chat", "local", "gpt-4o")
    view, rec = open_dialog(gui_core, qtbot, run_until)
    run_until(lambda: len(view.rows()) == 2)
    view.choose("local")
    assert view.edit("keyEdit").text() == ""

    view.type_into("baseUrlEdit", relay.url)
    view.save_and_wait(rec)
    assert gui_core.profiles.get("local").base_url == relay.url
    assert memory_keyring.entries[(KEYRING_SERVICE, "local")] == KEY

    view.type_into("nameEdit", "renamed")
    view.save_and_wait(rec)
    assert rec.of("saved")[-1] == ("renamed",) and view.banner == ""
    assert memory_keyring.entries == {(KEYRING_SERVICE, "renamed"): KEY, (KEYRING_SERVICE, "spare"): "sk-spare"}
    assert gui_core.profiles.store.get("local") is None
    renamed = gui_core.profiles.get("renamed")
    assert renamed.is_default and renamed.base_url == relay.url
    chat = gui_core.profiles.resolve("chat")
    assert (chat.profile.name, chat.model) == ("renamed", "gpt-4o")  # the route followed the rename
    assert view.rows() == ["spare", "renamed (default)"]
    assert "12 models" in view.test_connection()  # and the moved key works


def test_test_connection_says_models_and_balance_or_the_auth_error(
    gui_core: StudioCore, qtbot: QtBot, run_until: Runner, relay: RelayServer,
) -> None:
    gui_core.profiles.add("good", relay.url, key=KEY)
    gui_core.profiles.add("bad", relay.url, key="sk-wrong-key")
    view, rec = open_dialog(gui_core, qtbot, run_until)
    run_until(lambda: len(view.rows()) == 2)

    view.choose("good")
    sentence = view.test_connection()
    assert sentence == "Connected: 12 models; balance 12.66 USD remaining."
    assert "#2e7d32" in view.test_label.styleSheet()
    assert relay.hits("/v1/models") >= 1 and relay.hits("/v1/dashboard/billing/usage") == 1

    view.choose("bad")
    assert view.test_label.text() == ""  # the old result belonged to another profile
    sentence = view.test_connection()
    assert "rejected the API key" in sentence and "\n" not in sentence
    assert "sk-wrong-key" not in sentence and "#c62828" in view.test_label.styleSheet()
    assert all("sk-wrong-key" not in repr(args) for _, args in rec.events)

    # a corrected key is used at once, not the client cached with the wrong one
    view.type_into("keyEdit", KEY)
    view.save_and_wait(rec)
    assert view.test_connection().startswith("Connected: 12 models")
    assert view.banner == ""


def test_a_bad_base_url_is_one_sentence_in_the_banner(
    ui: tuple[Ui, Recorder], gui_core: StudioCore, memory_keyring: MemoryKeyring,
) -> None:
    view, rec = ui
    view.type_into("nameEdit", "broken")
    view.type_into("baseUrlEdit", "ftp://x")
    view.type_into("keyEdit", KEY)
    view.save_and_wait(rec)
    banner = view.banner
    assert "http://" in banner and "ftp://" in banner and "\n" not in banner and KEY not in banner
    assert gui_core.profiles.all() == [] and memory_keyring.entries == {}
    assert view.edit("keyEdit").text() == KEY  # kept so the user can fix the URL and save again
    assert rec.of("saved") == []


def test_routing_a_capability_to_a_profile_and_model(
    gui_core: StudioCore, qtbot: QtBot, run_until: Runner, relay: RelayServer,
) -> None:
    gui_core.profiles.add("main", relay.url, key=KEY)
    gui_core.profiles.add("media", relay.url, key=KEY)
    view, rec = open_dialog(gui_core, qtbot, run_until)
    run_until(lambda: len(view.rows()) == 2)
    combo: QComboBox = view.get(QComboBox, "routeProfile_chat")
    assert [combo.itemText(i) for i in range(combo.count())] == ["Default profile", "main", "media"]
    assert view.get(QWidget, "routeTable").rowCount() == 7

    combo.setCurrentIndex(combo.findData("media"))
    model = view.edit("routeModel_chat")
    model.setFocus()
    qtbot.keyClicks(model, "gpt-4o-mini")
    qtbot.keyClick(model, Qt.Key.Key_Return)

    def chat_route() -> tuple[str, str | None]:
        route = next(r for r in gui_core.profiles.routes() if r.capability == "chat")
        assert isinstance(route, Route)
        return route.profile.name, route.model

    run_until(lambda: chat_route() == ("media", "gpt-4o-mini"))
    assert view.banner == "" and [e for e in rec.of("error") if e[0]] == []

    # back to "Default profile": the model stays, the default profile serves it
    combo.setCurrentIndex(0)
    run_until(lambda: gui_core.profiles.store.route("chat").profile is None)  # type: ignore[union-attr]
    assert chat_route() == ("main", "gpt-4o-mini")
    assert combo.currentIndex() == 0 and model.text() == "gpt-4o-mini"


@pytest.fixture(params=["declares-none", "raises"])
def keyless_core(request: pytest.FixtureRequest, tmp_path: Path, loop: Any) -> Iterator[StudioCore]:
    """A core whose keyring cannot keep keys: none installed, or a backend that refuses."""
    previous = keyring.get_keyring()
    if request.param == "declares-none":
        keyring.set_keyring(fail.Keyring())
        secrets = SecretStore(Redactor(), backend=None)
    else:
        secrets = SecretStore(Redactor(), backend=fail.Keyring())
    core = StudioCore.open(DataPaths(tmp_path / "keyless-home"), secrets=secrets, retry=FAST_RETRY)
    try:
        yield core
    finally:
        loop.run_until_complete(core.clients.aclose())
        core.db.close()
        keyring.set_keyring(previous)


def test_without_a_keyring_the_dialog_keeps_the_key_in_memory_or_the_encrypted_file(
    keyless_core: StudioCore, qtbot: QtBot, run_until: Runner, relay: RelayServer, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level("DEBUG", logger="studio")
    view, rec = open_dialog(keyless_core, qtbot, run_until)
    memory, file = view.get(QRadioButton, "memoryRadio"), view.get(QRadioButton, "fileRadio")
    answers: list[tuple[bool, bool]] = []
    view.dialog._vm.keyStores.connect(lambda *args: answers.append(args))
    view.dialog._vm.checkKeyStores()
    run_until(lambda: bool(answers), message="the keyring was asked")
    # none installed: memory and the file are offered at once, memory chosen; one that refuses says so later
    assert memory.isVisible() == (answers[0] == (False, False)) == memory.isChecked()
    view.type_into("nameEdit", "local")
    view.type_into("baseUrlEdit", relay.url)
    keyring_radio = view.get(QRadioButton, "keyringRadio")
    if keyring_radio.isChecked():  # a keyring that claims to be there: it refuses, the other stores appear
        view.type_into("keyEdit", KEY)
        view.save_and_wait(rec)
        banner = view.banner
        assert "memory" in banner.lower() and KEY not in banner and "\n" not in banner
        assert "studio profile" not in banner and "--key" not in banner  # no command line in a window
        assert keyless_core.profiles.all() == [] and rec.of("saved") == []
    run_until(lambda: memory.isVisible() and file.isVisible(), message="memory and file offered")
    assert KEY.encode() not in data_bytes(tmp_path / "keyless-home")

    # the encrypted file: a passphrase typed twice
    qtbot.mouseClick(file, Qt.MouseButton.LeftButton)
    assert view.edit("profilePassphrase").isVisible() and view.edit("profilePassphraseConfirm").isVisible()
    view.type_into("keyEdit", KEY)
    view.type_into("profilePassphrase", "a passphrase")
    view.type_into("profilePassphraseConfirm", "a passphrase")
    view.save_and_wait(rec)
    assert view.banner == ""
    profile = keyless_core.profiles.get("local")
    assert profile.key_source == "file"
    assert view.test_connection().startswith("Connected: 12 models")
    assert view.edit("keyEdit").placeholderText().startswith("Stored in the encrypted file")

    # moved to memory without typing the key again: the file's entry goes
    qtbot.mouseClick(memory, Qt.MouseButton.LeftButton)
    view.save_and_wait(rec)
    assert keyless_core.profiles.get("local").key_source == "memory"
    key_file = keyless_core.secrets.key_file
    assert key_file is not None and key_file.get("local") is None
    assert view.test_connection().startswith("Connected: 12 models")
    assert KEY.encode() not in data_bytes(tmp_path / "keyless-home")
    assert KEY not in caplog.text

    # an environment variable still works
    monkeypatch.setenv("STUDIO_TEST_RELAY_KEY", KEY)
    qtbot.mouseClick(view.get(QRadioButton, "envRadio"), Qt.MouseButton.LeftButton)
    assert not view.edit("keyEdit").isEnabled()
    view.type_into("keyEnvEdit", "STUDIO_TEST_RELAY_KEY")
    view.save_and_wait(rec)
    profile = keyless_core.profiles.get("local")
    assert (profile.key_source, profile.key_env) == ("env", "STUDIO_TEST_RELAY_KEY")
    assert view.test_connection().startswith("Connected: 12 models")


def test_remove_and_make_default(
    gui_core: StudioCore, qtbot: QtBot, run_until: Runner, relay: RelayServer, memory_keyring: MemoryKeyring,
) -> None:
    gui_core.profiles.add("first", relay.url, key=KEY)
    gui_core.profiles.add("second", relay.url, key="sk-second")
    view, rec = open_dialog(gui_core, qtbot, run_until)
    run_until(lambda: len(view.rows()) == 2)
    view.choose("second")
    view.click("defaultButton")
    run_until(lambda: view.rows() == ["first", "second (default)"])
    assert not view.button("defaultButton").isEnabled()

    view.click("removeButton")
    run_until(lambda: view.rows() == ["first (default)"])
    assert (KEYRING_SERVICE, "second") not in memory_keyring.entries
    assert view.edit("nameEdit").text() == "first"
    assert [e for e in rec.of("error") if e[0]] == []


def test_editing_and_renaming_keep_custom_headers_in_the_keyring(
    gui_core: StudioCore, qtbot: QtBot, run_until: Runner, relay: RelayServer, memory_keyring: MemoryKeyring,
    studio_home: Path,
) -> None:
    secret = "hdr-gui-0123456789-secret"
    gui_core.profiles.add("local", "https://old.example", key=KEY, headers={"X-Relay-Token": secret})
    view, rec = open_dialog(gui_core, qtbot, run_until)
    run_until(lambda: len(view.rows()) == 1)
    view.choose("local")

    view.type_into("baseUrlEdit", relay.url)  # the key left empty: kept, and so are the headers
    view.save_and_wait(rec)
    assert gui_core.profiles.get("local").header_names == ("X-Relay-Token",)
    view.type_into("nameEdit", "renamed")
    view.save_and_wait(rec)
    assert rec.of("saved")[-1] == ("renamed",) and view.banner == ""
    assert set(memory_keyring.entries) == {(KEYRING_SERVICE, "renamed"), (KEYRING_SERVICE, "renamed#headers")}
    assert "12 models" in view.test_connection()
    assert relay.requests[-1].headers.get("x-relay-token") == secret  # the moved values are still sent
    assert secret.encode() not in data_bytes(studio_home)
    assert all(secret not in repr(args) for _, args in rec.events)
