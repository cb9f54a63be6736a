"""The relay picker in the chat header, against the relay test server: routing's profile preselected and
marked, another relay chosen takes the next message (the server sees the path of that profile's base URL)
and the model follows, a conversation reopened gets its relay and model back, a removed profile falls
back to routing without an error, and the status bar shows the chat's relay."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from studio.services.core import StudioCore
from studio.viewmodels.chat import ChatViewModel
from studio.views.chat_tab import ChatTab
from tests.conftest import KEY
from tests.gui.conftest import Runner
from tests.gui.test_main_window import make_window
from tests.relay import RelayServer

#: the second profile's base URL ends in this: the server lists 2,000 models there and records the path
BACKUP = "/case/models-2000"
ONLY_ON_BACKUP = "qwen2.5-72b-instruct-0006"  # a chat model the backup relay lists and the local one does not
FIRST = "claude-3-5-sonnet"  # the first chat model of the local relay's list


@pytest.fixture
def tab(gui_core: StudioCore, relay: RelayServer, qtbot, run_until: Runner) -> Iterator[ChatTab]:  # type: ignore[no-untyped-def]
    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    gui_core.profiles.add("backup", relay.url + BACKUP, key=KEY)
    widget = ChatTab(ChatViewModel(gui_core))
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    widget.vm.start()
    run_until(lambda: widget._model_names.rowCount() > 0, message="models loaded")
    yield widget


def items(tab: ChatTab) -> list[str]:
    return [tab.relay_picker.itemText(i) for i in range(tab.relay_picker.count())]


def choose_relay(tab: ChatTab, name: str) -> None:
    """What a click on the picker's row does."""
    index = tab.relay_picker.findData(name)
    assert index >= 0, name
    tab.relay_picker.setCurrentIndex(index)
    tab.relay_picker.activated.emit(index)


def idle(tab: ChatTab) -> bool:
    return not tab.vm.streaming and tab.send_button.isVisible()


def send(tab: ChatTab, qtbot, run_until: Runner, text: str) -> None:  # type: ignore[no-untyped-def]
    tab.prompt.setPlainText(text)
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    run_until(lambda: idle(tab) and text.removeprefix("echo:") in tab.transcript.toPlainText().split("Assistant")[-1])


def chat_paths(relay: RelayServer) -> list[str]:
    return [r.path for r in relay.requests if r.path.endswith("/chat/completions")]


def test_routings_relay_is_preselected_and_another_takes_the_next_message(tab: ChatTab, qtbot, relay: RelayServer,  # type: ignore[no-untyped-def]
                                                                         run_until: Runner) -> None:
    assert items(tab) == ["local (routed)", "backup"] and tab.relay_picker.currentData() == "local"
    assert tab.relay_picker.isEnabled() and tab.vm.relay == "local"
    assert tab.model_picker.currentText() == FIRST
    choose_relay(tab, "backup")
    run_until(lambda: tab._model_names.rowCount() > 300, message="the backup relay's models")
    assert tab.model_picker.currentText() == FIRST, "both relays offer it: it stays"
    send(tab, qtbot, run_until, "echo:to the backup")
    assert chat_paths(relay)[-1] == BACKUP + "/v1/chat/completions"
    assert tab.banner.isHidden()

    tab.model_picker.setEditText(ONLY_ON_BACKUP)
    tab.vm.setModel(ONLY_ON_BACKUP)
    choose_relay(tab, "local")
    run_until(lambda: 0 < tab._model_names.rowCount() < 300, message="the local relay's models")
    assert tab.vm.model == tab.model_picker.currentText() == FIRST, "not offered there: the relay's first"
    send(tab, qtbot, run_until, "echo:back home")
    assert chat_paths(relay)[-1] == "/v1/chat/completions"
    assert relay.requests[-1].json()["model"] == FIRST


def test_a_reopened_conversation_gets_its_relay_and_model_back(tab: ChatTab, qtbot, relay: RelayServer,  # type: ignore[no-untyped-def]
                                                              run_until: Runner) -> None:
    choose_relay(tab, "backup")
    run_until(lambda: tab._model_names.rowCount() > 300)
    tab.model_picker.setEditText(ONLY_ON_BACKUP)
    send(tab, qtbot, run_until, "echo:first on the backup")
    first = tab.vm.conversation_id
    tab.vm.newConversation()
    choose_relay(tab, "local")
    run_until(lambda: tab.vm.model == FIRST and tab._model_names.rowCount() < 300)
    send(tab, qtbot, run_until, "echo:second at home")
    assert tab.vm.conversation_id != first

    assert first is not None
    tab.vm.openConversation(first)
    run_until(lambda: tab.vm.conversation_id == first and tab._model_names.rowCount() > 300)
    assert tab.relay_picker.currentData() == "backup" and tab.model_picker.currentText() == ONLY_ON_BACKUP
    send(tab, qtbot, run_until, "echo:again")
    assert chat_paths(relay)[-1] == BACKUP + "/v1/chat/completions"
    assert relay.requests[-1].json()["model"] == ONLY_ON_BACKUP


def test_a_removed_profile_falls_back_to_routing_without_an_error(tab: ChatTab, qtbot, relay: RelayServer,  # type: ignore[no-untyped-def]
                                                                 gui_core: StudioCore, run_until: Runner) -> None:
    gui_core.profiles.set_route("chat", "local", "gpt-4o")  # the local relay's default model for chat
    choose_relay(tab, "backup")
    run_until(lambda: tab._model_names.rowCount() > 300)
    tab.model_picker.setEditText(ONLY_ON_BACKUP)
    send(tab, qtbot, run_until, "echo:on the backup")
    conversation = tab.vm.conversation_id
    assert conversation is not None
    tab.vm.newConversation()

    gui_core.profiles.remove("backup")
    tab.vm.start()  # what closing the Relay profiles dialog does
    run_until(lambda: tab.relay_picker.count() == 1 and tab._model_names.rowCount() < 300)
    assert items(tab) == ["local (routed)"] and tab.vm.relay == "local"
    assert tab.relay_picker.isVisible() and not tab.relay_picker.isEnabled(), "shown, nothing to choose"
    assert tab.vm.model == "gpt-4o", "the removed relay's model is not offered here: routing's default"

    tab.vm.setModel(ONLY_ON_BACKUP)  # as the conversation left it
    tab.vm.openConversation(conversation)
    run_until(lambda: tab.vm.conversation_id == conversation and tab.vm.model == "gpt-4o")
    assert tab.relay_picker.currentData() == "local" and tab.banner.isHidden()
    send(tab, qtbot, run_until, "echo:still here")
    assert chat_paths(relay)[-1] == "/v1/chat/completions" and tab.banner.isHidden()


def test_the_picker_follows_routing_and_profiles_added_or_renamed(tab: ChatTab, gui_core: StudioCore,  # type: ignore[no-untyped-def]
                                                                 relay: RelayServer, run_until: Runner) -> None:
    gui_core.profiles.set_route("chat", "backup")
    gui_core.profiles.add("third", relay.url, key=KEY)
    tab.vm.start()
    run_until(lambda: tab.relay_picker.count() == 3 and tab._model_names.rowCount() > 300)
    assert items(tab) == ["local", "backup (routed)", "third"] and tab.vm.relay == "backup", "nothing chosen: routing's"

    choose_relay(tab, "third")  # chosen: a later routing change leaves it
    gui_core.profiles.set_route("chat", "local")
    tab.vm.start()
    run_until(lambda: items(tab)[0] == "local (routed)")
    assert tab.vm.relay == "third"

    gui_core.profiles.remove("third")  # a rename is a remove and an add for the picker
    gui_core.profiles.add("third-renamed", relay.url, key=KEY)
    tab.vm.start()
    run_until(lambda: "third-renamed" in items(tab))
    assert tab.vm.relay == "local" and tab.relay_picker.currentData() == "local"


def test_the_status_bar_shows_the_chats_relay_and_the_header_keeps_a_1024_window(  # type: ignore[no-untyped-def]
        gui_core: StudioCore, relay: RelayServer, qtbot, run_until: Runner) -> None:
    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    gui_core.profiles.add("a-relay-profile-with-a-very-long-name-indeed", relay.url + BACKUP, key=KEY)
    window = make_window(gui_core, qtbot)
    window.resize(1024, 700)
    window.show()
    chat = window.chat_tab
    width = window.width()
    window.start_view_models()
    run_until(lambda: window.profile_label.text() == "Profile: local" and chat.relay_picker.count() == 2)
    run_until(lambda: chat._model_names.rowCount() > 0)
    QApplication.processEvents()
    assert window.width() == width == 1024 and window.minimumSizeHint().width() <= 1024

    long_name = "a-relay-profile-with-a-very-long-name-indeed"
    choose_relay(chat, long_name)
    run_until(lambda: window.profile_label.text() == f"Profile: {long_name}", message="the chat's relay")
    run_until(lambda: chat._model_names.rowCount() > 300)
    QApplication.processEvents()
    assert window.width() == 1024
    header = [chat.relay_label, chat.relay_picker, chat.model_label, chat.model_picker, chat.system_toggle]
    page = chat.pages.currentWidget()
    for widget in header:  # nothing of the header cut off at the right
        assert widget.isVisible() and widget.mapTo(page, widget.rect().topRight()).x() <= page.width(), widget

    window.tabs.setCurrentWidget(window.image_page)  # the Image tab follows its own route
    run_until(lambda: window.profile_label.text() == "Profile: local")
    window.tabs.setCurrentWidget(window.chat_page)
    run_until(lambda: window.profile_label.text() == f"Profile: {long_name}")


def test_the_status_bar_forgets_a_chosen_relay_once_its_profile_is_removed(gui_core: StudioCore, relay: RelayServer,
                                                                          run_until: Runner) -> None:
    from studio.viewmodels.main import MainViewModel

    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    gui_core.profiles.add("backup", relay.url + BACKUP, key=KEY)
    vm = MainViewModel(gui_core)
    shown: list[str] = []
    vm.statusChanged.connect(lambda profile, _balance: shown.append(profile))
    vm.setChosenProfile("chat", "backup")
    vm.refreshStatus()
    run_until(lambda: shown[-1:] == ["backup"])
    vm.setCapability("image")  # another tab: its own route
    run_until(lambda: shown[-1:] == ["local"])
    vm.setCapability("chat")
    run_until(lambda: shown[-1:] == ["backup"])
    gui_core.profiles.remove("backup")
    vm.refreshStatus()
    run_until(lambda: shown[-1:] == ["local"], message="routing's profile again, no error")


def test_a_language_switch_keeps_the_relay_in_use(tab: ChatTab, qapp, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    from studio.app import install_translators

    choose_relay(tab, "backup")
    run_until(lambda: tab._model_names.rowCount() > 300)
    translators = install_translators(qapp, "zh_CN")
    try:
        QApplication.processEvents()
        assert tab.relay_picker.count() == 2 and tab.relay_picker.currentData() == "backup"
        assert tab.vm.relay == "backup" and tab.relay_label.text()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    QApplication.processEvents()
    assert items(tab) == ["local (routed)", "backup"] and tab.relay_label.text() == "Relay"
