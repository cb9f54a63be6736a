"""Language and theme switched while the window is open: every tab, the Jobs dock, the menus and an open
dialog read in the new language and the palette follows, with no restart; and back again."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from studio.app import follow_choices, install_translators
from studio.services.core import StudioCore
from studio.viewmodels.chat import ChatViewModel
from studio.viewmodels.image import ImageViewModel
from studio.viewmodels.jobs import JobsViewModel
from studio.viewmodels.main import MainViewModel
from studio.viewmodels.profiles import ProfilesViewModel
from studio.views.banner import ErrorBanner
from studio.views.first_start import FirstStartDialog
from studio.views.main_window import MainWindow
from studio.views.profiles_dialog import ProfilesDialog
from studio.views.theme import apply_theme
from tests.conftest import KEY, ROOT
from tests.gui.conftest import Runner
from tests.relay import RelayServer

I18N = ROOT / "resources" / "i18n"  # the catalogue's sources, as packaging/i18n.py reads them


def catalogue() -> dict[str, str]:
    """English source → Chinese translation, for every finished entry of the zh_CN catalogue that reads
    differently in Chinese wherever it is used (a source kept in English in one context, "Base URL" in the
    profiles dialog, may show in English; plural entries are left out: what shows has the count put in)."""
    pairs: dict[str, str] = {}
    kept: set[str] = set()
    for message in ET.parse(I18N / "relay_studio_zh_CN.ts").getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if message.get("numerus") == "yes" or "{" in source:
            continue
        text = translation.text or "" if translation is not None else ""
        if translation is None or translation.get("type") or not text.strip() or text == source:
            kept.add(source)
        else:
            pairs.setdefault(source, text)
    return {source: text for source, text in pairs.items() if source not in kept}


def texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of every visible text under `root`: labels, buttons, tab titles, placeholders, group
    titles, and the actions of its menus and toolbars."""
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        name = f"{type(widget).__name__} {widget.objectName()}".strip()
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield name, widget.text()
        if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
            yield name, widget.placeholderText()
        if isinstance(widget, QGroupBox):
            yield name, widget.title()
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield name, widget.tabText(i)
        for action in widget.actions():
            if action.isVisible():
                yield f"{name} action", action.text()


@pytest.fixture
def window(gui_core: StudioCore, relay: RelayServer, qapp: QApplication, qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    gui_core.profiles.add("local", relay.url, key=KEY)
    installed = install_translators(qapp, "en")
    jobs = JobsViewModel(gui_core)
    main_vm = MainViewModel(gui_core)
    window = MainWindow(main_vm, ChatViewModel(gui_core), jobs, ImageViewModel(gui_core, jobs), None, lambda: None)
    qtbot.addWidget(window)
    follow_choices(qapp, window, main_vm, "en", "light")
    window.set_dark(apply_theme(qapp, "light"))
    yield window
    window.video_tab.shutdown()
    for translator in installed:
        qapp.removeTranslator(translator)  # type: ignore[arg-type]
    QLocale.setDefault(QLocale("en"))


def visible_texts(window: MainWindow, dialogs: list[QWidget], run_until: Runner) -> list[tuple[str, str]]:
    found = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        run_until(lambda: True)  # the tab laid out and shown (Qt's events run inside the asyncio loop)
        page = window.tabs.widget(index)
        found += [(f"tab {window.tabs.tabText(index)}: {where}", text) for where, text in texts(page)]
    found += [("tab bar", window.tabs.tabText(i)) for i in range(window.tabs.count())]
    found += [("jobs dock title", window.jobs_dock.windowTitle())]
    found += [(f"jobs dock: {where}", text) for where, text in texts(window.jobs_dock)]
    found += [(f"window: {where}", text) for where, text in texts(window.menuBar())]
    for menu in window.menuBar().actions():
        found += [(f"menu {menu.text()}", a.text()) for a in menu.menu().actions()] if menu.menu() else []
    found += [(f"window: {where}", text) for where, text in texts(window.statusBar())]
    for dialog in dialogs:
        found += [(f"{type(dialog).__name__}: {where}", text) for where, text in texts(dialog)]
    return found


def test_language_and_theme_switch_while_the_window_is_open(window: MainWindow, gui_core: StudioCore,
                                                            qapp: QApplication, run_until: Runner) -> None:
    english = catalogue()
    chinese = {text: source for source, text in english.items()}
    window.resize(1400, 900)
    window.show()
    for tab in (window.chat_tab, window.image_tab, window.video_tab, window.gallery_tab):  # the tabs are lazy
        assert tab is not None
    window.start_view_models()
    window.vm.refreshStatus()  # (the first may have run while the tabs were built, outside the loop)
    run_until(lambda: "Profile: local" in window.profile_label.text() and "12.66" in window.balance_label.text())
    dialogs: list[QWidget] = [ProfilesDialog(ProfilesViewModel(gui_core), window),
                              FirstStartDialog(ProfilesViewModel(gui_core), window)]
    for dialog in dialogs:
        dialog.show()
    before = visible_texts(window, dialogs, run_until)
    assert ("tab bar", "Gallery") in before
    assert any(text in english for _where, text in before), "the walk finds the English texts"

    window.vm.setLanguage("zh_CN")
    window.vm.setTheme("dark")
    balance = window.balance_label.text()
    run_until(lambda: window.tabs.tabText(0) != "Chat" and "12.66" in window.balance_label.text() != balance)
    after = visible_texts(window, dialogs, run_until)
    untranslated = sorted({f"{where}: {text!r}" for where, text in after if text in english})
    assert not untranslated, "\n".join(untranslated)
    assert window.tabs.tabText(0) == english["Chat"]
    assert window.gallery_tab.count_label.text() == "0 项"  # a plural form, with its count
    note = window.video_tab.family_note.text()  # composed: "Sent as: …", again in Chinese
    assert note and not note.startswith("Sent as"), note
    assert window.jobs_dock.windowTitle() == english["Jobs"]
    assert window.profile_label.text() != "Profile: local"
    assert not window.balance_label.text().startswith("Balance"), window.balance_label.text()
    assert QLocale().language() == QLocale.Language.Chinese  # dates read in Chinese
    window_colour = qapp.palette().color(QPalette.ColorRole.Window)
    assert window_colour.lightness() < 80, window_colour.name()
    assert window.chat_tab.transcript.palette().color(QPalette.ColorRole.Base).lightness() < 80
    assert window.chat_tab.transcript._dark  # what the transcript paints itself follows

    window.vm.setLanguage("en")
    window.vm.setTheme("light")
    run_until(lambda: window.tabs.tabText(0) == "Chat" and window.balance_label.text() == balance)
    back = visible_texts(window, dialogs, run_until)
    still = sorted({f"{where}: {text!r}" for where, text in back if text in chinese})
    assert not still, "\n".join(still)
    assert window.tabs.tabText(0) == "Chat"
    assert window.jobs_dock.windowTitle() == "Jobs"
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 150
    assert not window.chat_tab.transcript._dark
    for dialog in dialogs:
        dialog.close()
    banners = [b for b in window.findChildren(ErrorBanner) if b.isVisible()]
    assert not banners, [b.text for b in banners]  # nothing went wrong on the way


def test_the_catalogue_finds_a_shown_text_again_in_its_own_context_and_with_its_count(qapp: QApplication) -> None:
    from studio.app import switch_language
    from studio.views.retranslate import Catalogue

    installed = install_translators(qapp, "zh_CN")
    catalogue = Catalogue.latest(qapp)
    assert catalogue is not None and installed == catalogue.translators
    assert not any(type(t) is not QTranslator for t in installed)  # Qt's own: no Python runs when Qt translates
    chat = QCoreApplication.translate("MainWindow", "Chat")
    assert chat != "Chat" and catalogue.again("Chat", ("MainWindow",)) == chat
    assert catalogue.again("12 项") == "12 项" and catalogue.again("a prompt someone typed") is None
    try:
        switch_language(qapp, "en")
        # "chat" (a family's name) and "Chat" (the tab) read alike in Chinese: the widget's class decides
        assert catalogue.again(chat, ("MainWindow",)) == "Chat"
        assert catalogue.again("12 项") == "12 items" and catalogue.again("1 项") == "1 item"
    finally:
        catalogue.remove(qapp)
        QLocale.setDefault(QLocale("en"))
