"""The main window: tabs, status bar, window state, shortcuts, translation, bugs shown as one sentence."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from studio.app import install_translators
from studio.services.core import StudioCore
from studio.viewmodels.base import ViewModel
from studio.viewmodels.chat import ChatViewModel
from studio.viewmodels.gallery import GalleryViewModel
from studio.viewmodels.image import ImageViewModel
from studio.viewmodels.jobs import JobsViewModel
from studio.viewmodels.main import MainViewModel
from studio.views.main_window import MainWindow
from tests.conftest import KEY
from tests.gui.conftest import Runner
from tests.relay import RelayServer


def make_window(core: StudioCore, qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    jobs = JobsViewModel(core)
    window = MainWindow(MainViewModel(core), ChatViewModel(core), jobs, ImageViewModel(core, jobs),
                        GalleryViewModel(core), lambda: None)
    qtbot.addWidget(window)
    return window


def test_tabs_dock_and_status_bar(gui_core: StudioCore, relay: RelayServer, qtbot, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    gui_core.profiles.add("local", relay.url, key=KEY)
    window = make_window(gui_core, qtbot)
    window.show()
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["Chat", "Image", "Video", "Music", "Audio",
                                                                                "Gallery"]
    assert window.jobs_dock.isVisible()
    window.vm.refreshStatus()
    run_until(lambda: "12.66" in window.balance_label.text())
    assert window.profile_label.text() == "Profile: local"


def test_window_state_is_restored(gui_core: StudioCore, qtbot) -> None:  # type: ignore[no-untyped-def]
    first = make_window(gui_core, qtbot)
    first.show()
    first.resize(700, 500)  # the offscreen screen is 800x600
    first.tabs.setCurrentIndex(3)
    first.close()
    second = make_window(gui_core, qtbot)
    second.restore_state()
    second.show()
    assert second.tabs.currentIndex() == 3
    assert (second.width(), second.height()) == (700, 500)


def test_shortcuts_are_wired(gui_core: StudioCore, relay: RelayServer, qtbot, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    gui_core.profiles.add("local", relay.url, key=KEY)
    window = make_window(gui_core, qtbot)
    window.show()
    window.chat_vm.start()
    run_until(lambda: window.chat_tab.model_picker.count() > 0)
    shortcuts = {s.key().toString(): s for s in window.chat_tab.findChildren(QShortcut)}
    assert {"Esc", "Ctrl+K", "Ctrl+N"} <= set(shortcuts)
    resets: list[object] = []
    window.chat_vm.transcriptReset.connect(resets.append)
    shortcuts["Ctrl+N"].activated.emit()
    assert len(resets) == 1
    shortcuts["Ctrl+K"].activated.emit()
    assert window.chat_tab.model_picker.completer().popup().isVisible()
    assert window.profiles_action.shortcut() == QKeySequence("Ctrl+,")


def test_chinese_ui(gui_core: StudioCore, qapp: QApplication, qtbot) -> None:  # type: ignore[no-untyped-def]
    translators = install_translators(qapp, "zh_CN")
    try:
        assert translators, "the zh_CN catalogue was not compiled (run the setup command)"
        window = make_window(gui_core, qtbot)
        assert window.tabs.tabText(0) == "对话"
        assert window.chat_tab.send_button.text() == "发送"
        assert QCoreApplication.translate("Errors", "The relay failed") == "中转站出错"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)  # type: ignore[arg-type]


def test_a_bug_in_a_slot_becomes_one_logged_sentence(loop: object, run_until: Runner,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    vm = ViewModel()
    sentences: list[str] = []
    vm.error.connect(sentences.append)

    async def broken() -> None:
        raise ZeroDivisionError("boom")

    with caplog.at_level(logging.ERROR, logger="studio.gui"):
        vm.spawn(broken())
        run_until(lambda: bool(sentences))
    assert sentences == ["Something went wrong inside Relay Studio; the details are in the log file."]
    assert "ZeroDivisionError" in caplog.text
    assert not vm.busy


def test_unhandled_exceptions_go_to_the_banner_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    from studio.app import _install_excepthook

    shown: list[str] = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    _install_excepthook(shown.append)
    try:
        raise ValueError("a bug in a slot")
    except ValueError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert shown and "log file" in shown[0]


def test_a_finished_image_lands_in_the_gallery_and_can_be_reused(gui_core: StudioCore, relay: RelayServer,  # type: ignore[no-untyped-def]
                                                                  qtbot, run_until: Runner) -> None:
    from studio.viewmodels.gallery import GalleryListModel

    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    window = make_window(gui_core, qtbot)
    window.show()
    window.jobs_vm.start()
    window.gallery_vm.start()
    window.image_vm.setModel("dall-e-3")
    window.image_vm.generate("a red fox", "auto", "auto", 1, "")
    model = window.gallery_vm.list_model
    run_until(lambda: model.rowCount() == 1, message="the new image is in the gallery")
    asset_id = model.index(0, 0).data(GalleryListModel.AssetIdRole)
    run_until(lambda: asset_id is not None or model.index(0, 0).data(GalleryListModel.AssetIdRole))
    asset_id = model.index(0, 0).data(GalleryListModel.AssetIdRole)
    window.tabs.setCurrentWidget(window.gallery_tab)
    window.gallery_vm.rerun(asset_id)
    run_until(lambda: window.tabs.currentWidget() is window.image_tab)
    assert window.image_tab.prompt.toPlainText() == "a red fox"
    window.gallery_vm.useAsReference(asset_id)
    run_until(lambda: len(window.image_vm.references) == 1)
    window.gallery_action.trigger()
    assert window.tabs.currentWidget() is window.gallery_tab
