"""The main window: tabs, status bar, window state, shortcuts, translation, bugs shown as one sentence."""

from __future__ import annotations

import asyncio
import json
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
    window.tabs.setCurrentWidget(window.gallery_page)
    window.gallery_vm.rerun(asset_id)
    run_until(lambda: window.tabs.currentWidget() is window.image_page)
    assert window.image_tab.prompt.toPlainText() == "a red fox"
    window.gallery_vm.useAsReference(asset_id)
    run_until(lambda: len(window.image_vm.references) == 1)
    window.gallery_action.trigger()
    assert window.tabs.currentWidget() is window.gallery_page


def test_tabs_are_built_when_first_shown(gui_core: StudioCore, relay: RelayServer, qtbot,  # type: ignore[no-untyped-def]
                                         run_until: Runner) -> None:
    """Only the tab on screen is built; another one is built (and loads its models, once the window has
    started its view-models) the first time it is shown."""
    gui_core.profiles.add("local", relay.url, key=KEY)
    window = make_window(gui_core, qtbot)
    window.show()
    assert window.chat_page.tab is not None
    assert (window.image_page.tab, window.gallery_page.tab, window.video_page.tab) == (None, None, None)
    window.start_view_models()
    run_until(lambda: window.chat_tab.model_picker.count() > 0, message="the chat's models")
    window.tabs.setCurrentWidget(window.image_page)
    assert window.image_page.tab is not None and window.gallery_page.tab is None
    run_until(lambda: window.image_tab.model_picker.count() > 0, message="the image models, loaded on first show")
    window.gallery_action.trigger()
    assert window.tabs.currentWidget() is window.gallery_page and window.gallery_page.tab is not None
    run_until(lambda: window.gallery_vm._started, message="the gallery loads when first shown")


def test_the_first_frame_imports_no_tab_it_does_not_show(cli_env: dict[str, str]) -> None:
    """`build_gui` and the first frame on the Chat tab: no Image, Gallery or Video view, no gallery or video
    view-model, no markdown renderer, no Pygments, no Pillow (each comes when it is needed)."""
    import subprocess

    from tests.conftest import ROOT

    deferred = ("studio.views.image_tab", "studio.views.gallery_tab", "studio.views.video_tab",
                "studio.viewmodels.gallery", "studio.viewmodels.video", "markdown_it", "pygments", "PIL",
                "studio.views.audio_tab", "studio.viewmodels.audio")
    script = (
        "import sys\n"
        "from studio.app import build_gui\n"
        "from studio.services.core import StudioCore\n"
        "gui = build_gui(StudioCore.open(), ['studio'], language='en', theme='light')\n"
        "gui.window.show(); gui.app.processEvents()\n"
        f"print('loaded', [m for m in {deferred!r} if m in sys.modules])\n"
        "gui.window.tabs.setCurrentWidget(gui.window.image_page); gui.app.processEvents()\n"
        "print('image', gui.window.image_page.tab is not None, 'studio.views.image_tab' in sys.modules)\n"
    )
    env = {**cli_env, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "loaded []" in result.stdout and "image True True" in result.stdout, result.stdout


def test_placeholder_tabs_promise_nothing_and_take_no_drop(gui_core: StudioCore, qtbot,  # type: ignore[no-untyped-def]
                                                           run_until: Runner) -> None:
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent
    from PySide6.QtWidgets import QLabel

    from studio.views.main_window import PlaceholderTab

    window = make_window(gui_core, qtbot)
    window.show()
    placeholders = [window.tabs.widget(i) for i in range(window.tabs.count())
                    if isinstance(window.tabs.widget(i), PlaceholderTab)]
    assert not {"Music", "Audio"} & {window.tabs.tabText(window.tabs.indexOf(p)) for p in placeholders}
    for page in placeholders:
        texts = [label.text() for label in page.findChildren(QLabel)]
        assert "Coming in a later version." in texts and not any("profile" in t.lower() for t in texts)
        assert not page.acceptDrops()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile("/tmp/picture.png")])
    bar = window.tabs.tabBar()

    def drag_over(index: int) -> None:
        point = bar.tabRect(index).center()
        QApplication.sendEvent(bar, QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                                    Qt.KeyboardModifier.NoModifier))
        QApplication.sendEvent(bar, QDragMoveEvent(point + QPoint(1, 0), Qt.DropAction.CopyAction, mime,
                                                   Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))

    for page in placeholders:
        drag_over(window.tabs.indexOf(page))
        qtbot.wait(1200)  # longer than the bar's switch-on-drag delay
        assert window.tabs.currentIndex() == 0, "a drag never switches to a placeholder tab"
    drag_over(window.tabs.indexOf(window.image_page))
    run_until(lambda: window.tabs.currentWidget() is window.image_page, message="a drag still switches to Image")


def test_the_status_bar_follows_the_current_tabs_route(gui_core: StudioCore, relay: RelayServer,  # type: ignore[no-untyped-def]
                                                       qtbot, run_until: Runner) -> None:
    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    gui_core.profiles.add("pictures", relay.url, key=KEY)
    gui_core.profiles.set_route("image", "pictures")
    window = make_window(gui_core, qtbot)
    window.tabs.setCurrentWidget(window.image_page)  # the last tab restored before the first frame: nothing yet
    window.tabs.setCurrentWidget(window.chat_page)
    window.show()
    qtbot.wait(100)
    assert window.profile_label.text() == "" and not relay.requests
    window.vm.refreshStatus()  # after the first frame
    run_until(lambda: window.profile_label.text() == "Profile: local" and "12.66" in window.balance_label.text())
    window.tabs.setCurrentWidget(window.image_page)
    run_until(lambda: window.profile_label.text() == "Profile: pictures", message="the Image tab's route")
    run_until(lambda: "12.66" in window.balance_label.text(), message="its balance")
    window.tabs.setCurrentWidget(window.video_page)
    run_until(lambda: window.profile_label.text() == "Profile: local", message="video is not routed: the default")
    window.tabs.setCurrentWidget(window.image_page)
    run_until(lambda: window.profile_label.text() == "Profile: pictures")
    window.tabs.setCurrentWidget(window.gallery_page)
    run_until(lambda: window.profile_label.text() == "Profile: local", message="the gallery shows the default")
    assert "12.66" in window.balance_label.text()


def test_an_error_banner_belongs_to_what_caused_it(gui_core: StudioCore, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(gui_core, qtbot)
    window.show()
    window.chat_tab.banner.show_message("The relay refused the key.")
    window.chat_vm.newConversation()  # another conversation: the error was the last one's
    assert window.chat_tab.banner.text == ""
    window.tabs.setCurrentWidget(window.image_page)
    window.show_error("Something went wrong inside Relay Studio; the details are in the log file.")
    assert window.image_tab.banner.text.startswith("Something went wrong") and window.chat_tab.banner.text == ""
    window.tabs.setCurrentWidget(window.music_page)  # the Music tab has its own banner
    window.show_error("The setting could not be saved.")
    assert window.music_tab.banner.text == "The setting could not be saved."


def test_the_last_model_of_each_tab_is_remembered(gui_core: StudioCore, relay: RelayServer, qtbot,  # type: ignore[no-untyped-def]
                                                  loop, run_until: Runner) -> None:
    from studio.viewmodels.video import VideoViewModel

    gui_core.profiles.add("local", relay.url, key=KEY)

    def view_models() -> tuple[ChatViewModel, ImageViewModel, VideoViewModel]:
        jobs = JobsViewModel(gui_core)
        return ChatViewModel(gui_core), ImageViewModel(gui_core, jobs), VideoViewModel(gui_core, jobs)

    first = view_models()
    for vm in first:
        vm.start()
    run_until(lambda: all(vm.model for vm in first), message="the routed defaults")
    chosen = ("gpt-4o-mini", "gpt-image-1", "kling-v1-6")
    assert all(vm.model != name for vm, name in zip(first, chosen, strict=True))
    first[0].setModel("deepseek-r1")  # changed twice quickly: the later choice is the one kept
    for vm, name in zip(first, chosen, strict=True):
        vm.setModel(name)
    keys = ("ui.last_model.chat", "ui.last_model.image", "ui.last_model.video")
    run_until(lambda: tuple(gui_core.settings.get(key) for key in keys) == chosen, message="saved off the UI thread")
    for vm in first:
        loop.run_until_complete(vm.shutdown())
    second = view_models()  # as at the next start
    for vm in second:
        vm.start()
    run_until(lambda: all(vm.model for vm in second) and all(not vm.busy for vm in second))
    assert tuple(vm.model for vm in second) == chosen
    for vm in second:
        loop.run_until_complete(vm.shutdown())


def test_a_start_with_fresh_saved_answers_asks_the_relay_nothing(gui_core: StudioCore, relay: RelayServer,
                                                                 cli_env: dict[str, str], run_until: Runner,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The model list and the balance a relay gave at the last start are shown again without asking it (nor
    loading the HTTP stack); the pickers are full at once."""
    import asyncio
    import subprocess

    from tests.conftest import ROOT

    monkeypatch.setenv("RELAY_KEY", KEY)
    profile = gui_core.profiles.add("local", relay.url, key_env="RELAY_KEY", make_default=True)

    fetched: list[bool] = []

    async def fetch() -> None:
        await gui_core.relay_cache.models(profile)
        await gui_core.relay_cache.balance(profile)
        fetched.append(True)

    asyncio.ensure_future(fetch())
    run_until(lambda: bool(fetched), message="the relay's answers saved")
    saved = json.loads(gui_core.relay_cache.path.read_text())
    for part in ("models", "balance"):
        saved["local"][part]["at"] -= 180  # saved three minutes ago: older than a tab switch's minute once was
    gui_core.relay_cache.path.write_text(json.dumps(saved))
    relay.reset()
    script = (
        "import asyncio, sys\n"
        "from studio.app import build_gui\n"
        "from studio.services.core import StudioCore\n"
        "gui = build_gui(StudioCore.open(), ['studio'], language='en', theme='light')\n"
        "gui.start()\n"
        "async def settle():\n"
        "    for _ in range(300):\n"
        "        await asyncio.sleep(0.01)\n"
        "        if gui.window.chat_tab.model_picker.count() and 'USD' in gui.window.balance_label.text(): break\n"
        "    await asyncio.sleep(0.3)\n"
        "gui.loop.run_until_complete(settle())\n"
        "print('models', gui.window.chat_tab.model_picker.count(), 'balance', gui.window.balance_label.text())\n"
        "print('httpx', 'httpx' in sys.modules)\n"
    )
    env = {**cli_env, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "httpx False" in result.stdout and "USD" in result.stdout, result.stdout
    assert int(result.stdout.split("models ")[1].split()[0]) > 0, result.stdout
    assert relay.hits("/v1/models") == 0 and relay.hits("/v1/dashboard/billing/subscription") == 0


def test_the_jobs_panel_follows_the_first_frame(gui_core: StudioCore, qtbot, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    """The first frame has the Jobs dock and its title; the panel is built in the next turn of the event loop
    (its rows are read after the first frame in any case), or at once when something asks for it."""
    from PySide6.QtCore import QEvent, QObject

    from studio.views.jobs_panel import JobsPanel

    window = make_window(gui_core, qtbot)
    at_first_paint: list[object] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
            if event.type() == QEvent.Type.Paint and not at_first_paint:
                at_first_paint.append(window.jobs_dock.widget())
            return False

    watch = Watch(window)
    window.installEventFilter(watch)
    window.show()
    run_until(lambda: isinstance(window.jobs_dock.widget(), JobsPanel), message="the panel built")
    assert at_first_paint and not isinstance(at_first_paint[0], JobsPanel)
    assert window.jobs_dock.windowTitle() == "Jobs" and window.jobs_panel is window.jobs_dock.widget()

    other = make_window(gui_core, qtbot)  # never shown: built when asked for
    assert isinstance(other.jobs_panel, JobsPanel) and other.jobs_dock.widget() is other.jobs_panel


def test_without_a_first_paint_what_follows_it_starts_anyway(gui_core: StudioCore, qtbot, run_until: Runner,  # type: ignore[no-untyped-def]
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A window that gets no paint (started minimized) still starts its view-models — once — after a short wait."""
    from studio.app import build_gui

    gui = build_gui(gui_core, ["studio"], language="en", theme="light")
    qtbot.addWidget(gui.window)
    started: list[bool] = []
    monkeypatch.setattr(gui, "_start_view_models", lambda: started.append(True))
    gui._paint_first_frame(within=0.2)  # never shown: no paint comes
    run_until(lambda: bool(started), message="the view-models started without a paint")
    gui._after_first_frame()  # a paint arriving later (the window restored) starts nothing twice
    assert started == [True] and not gui._painted


def test_nothing_new_starts_after_a_view_model_shut_down(loop: asyncio.AbstractEventLoop) -> None:
    """Work asked of a view-model while the window closes (a job settling as the runner stops asks for the
    balance) never runs against the core being closed."""
    ran: list[str] = []

    async def work(name: str) -> None:
        ran.append(name)

    vm = ViewModel()
    loop.run_until_complete(vm.spawn(work("before")))
    loop.run_until_complete(vm.shutdown())
    loop.run_until_complete(vm.spawn(work("after")))
    assert ran == ["before"]
