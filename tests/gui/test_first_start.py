"""The first start with no usable OS keyring, driven through the real dialogs against the relay test
server: Test works before Save, the key kept in memory or in the encrypted file leads to a working
chat, a restart asks the file's passphrase (a wrong one is one sentence), and no file of the data
folder holds the key in plain text."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from studio.app import ask_for_keys
from studio.services.core import StudioCore
from studio.storage.paths import DataPaths
from studio.storage.secrets import KEY_FILE_NAME, Redactor, SecretStore
from studio.viewmodels.chat import ChatViewModel, MessageView
from studio.viewmodels.profiles import ProfilesViewModel
from studio.views.first_start import FirstStartDialog, PassphraseDialog
from tests.conftest import FAST_RETRY
from tests.gui.conftest import Runner
from tests.relay import RelayServer

SECRET = "sk-firststart-0123456789abcdef"
PASSPHRASE = "correct horse battery"


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """The OS keyring fails, as on a minimal Linux desktop or a headless machine."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def dialogs_may_close(qapp: QApplication) -> Iterator[None]:
    """A closing dialog is the last window here: it must not quit the application (and stop the loop)."""
    previous = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    yield
    qapp.setQuitOnLastWindowClosed(previous)


@pytest.fixture
def secret_relay() -> Iterator[RelayServer]:
    with RelayServer(valid_key=SECRET) as relay:
        yield relay


@pytest.fixture
def open_core(studio_home: Path, loop: asyncio.AbstractEventLoop) -> Iterator[Any]:
    """`open_core()`: a new core on the same data folder, as a new run of the app makes."""
    made: list[StudioCore] = []

    def open_() -> StudioCore:
        core = StudioCore.open(DataPaths(studio_home), secrets=SecretStore(Redactor()), retry=FAST_RETRY)
        made.append(core)
        return core

    yield open_
    for core in made:
        loop.run_until_complete(core.clients.aclose())
        core.db.close()


def child(widget: QWidget, kind: type[Any], name: str) -> Any:
    found = widget.findChild(kind, name)
    assert found is not None, name
    return found


def fill_and_test(dialog: FirstStartDialog, relay: RelayServer, core: StudioCore, run_until: Runner) -> None:
    """The dialog offers both stores, one sentence each; Test connects before anything is saved."""
    run_until(lambda: child(dialog, QWidget, "keyStoreChoice").isVisible(), message="the store choice")
    assert not child(dialog, QLabel, "keyringNote").isVisible()
    memory, file = child(dialog, QRadioButton, "memoryRadio"), child(dialog, QRadioButton, "fileRadio")
    assert memory.isVisible() and file.isVisible() and memory.isChecked()
    sentences = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    assert any("Nothing is written to disk" in s for s in sentences)
    assert any("passphrase once each time it starts" in s for s in sentences)
    assert not any("studio profile" in s or "--key" in s for s in sentences)  # no command line in a window
    child(dialog, QLineEdit, "firstBaseUrl").setText(relay.url + "/v1")
    child(dialog, QLineEdit, "firstKey").setText(SECRET)
    child(dialog, QPushButton, "firstTest").click()
    result = child(dialog, QLabel, "firstTestResult")
    run_until(lambda: result.text().startswith("Connected"), message="the test result")
    assert relay.hits("/v1/models") == 1
    assert core.profiles.all() == []  # Test stored nothing


def chat_works(core: StudioCore, run_until: Runner, loop: asyncio.AbstractEventLoop) -> None:
    vm = ChatViewModel(core)
    replies: list[MessageView] = []
    errors: list[str] = []
    vm.replyFinished.connect(replies.append)
    vm.error.connect(lambda sentence: errors.append(sentence) if sentence else None)
    vm.setModel("gpt-4o")
    vm.send("hi")
    run_until(lambda: bool(replies) or bool(errors), message="the reply")
    loop.run_until_complete(vm.shutdown())
    assert errors == []
    assert (replies[-1].content, replies[-1].state) == ("Hello", "complete")


def assert_no_plaintext_key(home: Path) -> None:
    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".sqlite3" for p in files)
    for path in files:
        assert SECRET.encode() not in path.read_bytes(), path


def test_first_start_keeps_the_key_in_memory(
    no_keyring: None, secret_relay: RelayServer, open_core: Any, studio_home: Path, qtbot: QtBot,
    run_until: Runner, loop: asyncio.AbstractEventLoop,
) -> None:
    core = open_core()
    dialog = FirstStartDialog(ProfilesViewModel(core))
    qtbot.addWidget(dialog)
    dialog.show()
    fill_and_test(dialog, secret_relay, core, run_until)
    child(dialog, QPushButton, "firstSave").click()
    run_until(lambda: not dialog.isVisible(), message="the dialog closes")
    assert dialog.result() == FirstStartDialog.DialogCode.Accepted
    [profile] = core.profiles.all()
    assert (profile.name, profile.key_source, profile.is_default) == ("127.0.0.1", "memory", True)
    chat_works(core, run_until, loop)
    assert_no_plaintext_key(studio_home)
    assert not (studio_home / KEY_FILE_NAME).exists()

    # the next run has no key: it asks for it again, in the same dialog, before anything starts
    again = open_core()
    started: list[bool] = []
    assert ask_for_keys(again, None, lambda: started.append(True))
    asked = next(w for w in QApplication.topLevelWidgets() if isinstance(w, FirstStartDialog) and w.isVisible())
    qtbot.addWidget(asked)
    assert child(asked, QLineEdit, "firstBaseUrl").text() == profile.base_url
    run_until(lambda: child(asked, QPushButton, "firstSave").isEnabled())
    child(asked, QLineEdit, "firstKey").setText(SECRET)
    child(asked, QPushButton, "firstSave").click()
    run_until(lambda: started == [True], message="the start goes on")
    chat_works(again, run_until, loop)
    assert_no_plaintext_key(studio_home)


def test_first_start_keeps_the_key_in_the_encrypted_file(
    no_keyring: None, secret_relay: RelayServer, open_core: Any, studio_home: Path, qtbot: QtBot,
    run_until: Runner, loop: asyncio.AbstractEventLoop,
) -> None:
    core = open_core()
    dialog = FirstStartDialog(ProfilesViewModel(core))
    qtbot.addWidget(dialog)
    dialog.show()
    fill_and_test(dialog, secret_relay, core, run_until)
    child(dialog, QRadioButton, "fileRadio").click()
    child(dialog, QLineEdit, "passphraseEdit").setText(PASSPHRASE)
    child(dialog, QLineEdit, "passphraseConfirm").setText(PASSPHRASE + "x")
    child(dialog, QPushButton, "firstSave").click()
    banner = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    assert any("two passphrases differ" in text for text in banner)
    child(dialog, QLineEdit, "passphraseConfirm").setText(PASSPHRASE)
    child(dialog, QPushButton, "firstSave").click()
    run_until(lambda: not dialog.isVisible(), timeout=30, message="the dialog closes")
    [profile] = core.profiles.all()
    assert profile.key_source == "file"
    chat_works(core, run_until, loop)
    key_file = studio_home / KEY_FILE_NAME
    assert key_file.is_file() and key_file.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert_no_plaintext_key(studio_home)

    # a new run (a new core) asks the passphrase once, before anything reads a key
    again = open_core()
    started: list[bool] = []
    assert ask_for_keys(again, None, lambda: started.append(True))
    asked = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PassphraseDialog) and w.isVisible())
    qtbot.addWidget(asked)
    child(asked, QLineEdit, "unlockPassphrase").setText("wrong passphrase")
    child(asked, QPushButton, "unlockButton").click()
    message = child(asked, QLabel, "unlockMessage")
    run_until(lambda: message.isVisible(), timeout=30, message="the wrong-passphrase sentence")
    assert message.text() == "That passphrase does not open the key file; try again."
    assert started == []
    child(asked, QLineEdit, "unlockPassphrase").setText(PASSPHRASE)
    child(asked, QPushButton, "unlockButton").click()
    run_until(lambda: started == [True], timeout=30, message="the start goes on")
    chat_works(again, run_until, loop)
    assert_no_plaintext_key(studio_home)


def test_a_start_with_keys_at_hand_asks_nothing(open_core: Any, memory_keyring: Any) -> None:
    core = open_core()
    assert not ask_for_keys(core, None, lambda: None)  # no profile at all
    core.secrets._backend = memory_keyring
    core.profiles.add("ring", "http://127.0.0.1:9/v1", key=SECRET)
    assert not ask_for_keys(core, None, lambda: None)


def test_with_a_keyring_the_dialog_says_so_and_offers_no_choice(
    core: StudioCore, qtbot: QtBot, run_until: Runner
) -> None:
    dialog = FirstStartDialog(ProfilesViewModel(core))
    qtbot.addWidget(dialog)
    dialog.show()
    note = child(dialog, QLabel, "keyringNote")
    run_until(lambda: "keyring" in note.text() and child(dialog, QPushButton, "firstSave").isEnabled())
    assert not child(dialog, QWidget, "keyStoreChoice").isVisible()


@pytest.mark.parametrize("code", ["memory-gone", "file-locked", "keyring-missing", "no-keyring"])
def test_a_key_that_cannot_be_read_is_worded_for_the_window(code: str) -> None:
    """The core's sentence names CLI flags; the window's points at its own dialogs instead."""
    from studio.storage.secrets import SecretUnavailable
    from studio.viewmodels.errors import localized

    error = SecretUnavailable("add it with `studio profile add p --key-stdin`.", code=code, profile="myrelay")
    sentence = localized(error)
    assert sentence.endswith(".") and "studio profile" not in sentence and "--" not in sentence
    assert code == "no-keyring" or "myrelay" in sentence


def test_a_keyring_that_refuses_the_key_makes_the_dialog_offer_memory_and_the_file(
    studio_home: Path, secret_relay: RelayServer, qtbot: QtBot, run_until: Runner, loop: asyncio.AbstractEventLoop,
) -> None:
    core = StudioCore.open(DataPaths(studio_home), secrets=SecretStore(Redactor(), backend=fail.Keyring()),
                           retry=FAST_RETRY)
    try:
        dialog = FirstStartDialog(ProfilesViewModel(core))
        qtbot.addWidget(dialog)
        dialog.show()
        save = child(dialog, QPushButton, "firstSave")
        run_until(lambda: save.isEnabled())
        assert not child(dialog, QWidget, "keyStoreChoice").isVisible()
        child(dialog, QLineEdit, "firstBaseUrl").setText(secret_relay.url)
        child(dialog, QLineEdit, "firstKey").setText(SECRET)
        save.click()
        choice = child(dialog, QWidget, "keyStoreChoice")
        run_until(lambda: choice.isVisible(), message="the choice appears")
        banner = child(dialog, QWidget, "errorBanner").findChild(QLabel).text()
        assert "memory" in banner and SECRET not in banner and core.profiles.all() == []
        save.click()  # in memory, chosen for the user
        run_until(lambda: not dialog.isVisible(), message="the dialog closes")
        assert [p.key_source for p in core.profiles.all()] == ["memory"]
        chat_works(core, run_until, loop)
    finally:
        loop.run_until_complete(core.clients.aclose())
        core.db.close()
