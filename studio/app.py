"""The GUI composition root: QApplication, the qasync loop, the translator, the core and the
view-models, wired once and handed to the main window.

Non-Qt modules are imported before PySide6 where start-up needs them (PySide6 replaces
`__import__`, which makes later imports slower); dialogs and anything else not needed for the
first frame are imported when first used.
"""

from __future__ import annotations

import asyncio  # loaded after the first frame when `gui_main` (studio/cli) made it lazy: studio/lazy_asyncio.py
import gc
import logging
import os
import sys
import time
from dataclasses import dataclass
from typing import Any

from studio.resources import resources
from studio.services.core import StudioCore  # before PySide6: see the module docstring

log = logging.getLogger("studio.gui")

#: the repository's resources/ folder, installed as the package `relay_studio_resources` (pyproject.toml);
#: a wheel's and the editable install's are real folders, so Qt gets file paths without extracting anything
RESOURCES = resources()
I18N = RESOURCES / "i18n"
#: set by benchmarks/startup.py: print when the first frame is painted, then RSS a second later, then quit
STARTUP_PROBE = "STUDIO_STARTUP_PROBE"


def create_event_loop(app: object) -> asyncio.AbstractEventLoop:
    """A qasync loop for `app`, with the async-generator hooks asyncio's own loops install.

    qasync's `run_forever` does not install them, so an async generator left by `break` or
    cancellation (an SSE stream) would be finalised by the garbage collector with an `aclose()`
    coroutine nobody awaits; with the hooks the loop schedules it properly.

    Blocking work (`asyncio.to_thread`: SQLite, file checks, decoding) runs on a plain thread pool
    rather than qasync's QThread executor, whose threads abort the process if Qt outlives them.
    """
    from concurrent.futures import ThreadPoolExecutor

    import qasync

    class QEventLoop(qasync.QEventLoop):  # type: ignore[misc]  # qasync ships no types
        def run_until_complete(self, future: Any) -> Any:
            """asyncio's meaning: run until `future` is done, and stop there. qasync's own runs Qt's events
            once more after the loop has stopped, where a task's next step finds no running loop and fails
            ("no running event loop"); what is still queued then runs the next time the loop does."""
            future = asyncio.ensure_future(future, loop=self)
            future.add_done_callback(self._stop_when_done)
            try:
                self.run_forever()
            finally:
                future.remove_done_callback(self._stop_when_done)
            if not future.done():
                raise RuntimeError("Event loop stopped before Future completed.")
            return future.result()

        def _stop_when_done(self, _future: Any) -> None:
            self.stop()

        def _add_callback(self, handle: asyncio.Handle, delay: float = 0) -> asyncio.Handle:
            """Every callback runs with this loop as the running one. qasync runs callbacks whenever Qt
            processes events — also outside `run_forever` (events processed between two runs, a test's
            `qtbot`) — where a task's step would find no running loop and fail; the caller keeps `handle`
            and may still cancel it."""
            loop = self

            def run() -> None:
                if handle.cancelled():
                    return
                if asyncio._get_running_loop() is not None:
                    handle._run()
                    return
                asyncio._set_running_loop(loop)
                try:
                    handle._run()
                finally:
                    asyncio._set_running_loop(None)

            super()._add_callback(asyncio.Handle(run, (), self), delay)
            return handle

    loop = QEventLoop(app, already_running=False)
    loop.set_default_executor(ThreadPoolExecutor(max_workers=4, thread_name_prefix="studio-io"))
    asyncio.set_event_loop(loop)
    sys.set_asyncgen_hooks(firstiter=loop._asyncgen_firstiter_hook, finalizer=loop._asyncgen_finalizer_hook)
    made: asyncio.AbstractEventLoop = loop
    return made


def pick_language(setting: str, system: str) -> str:
    """The UI language: the setting when it names one we ship, else the system's if Chinese."""
    if setting in ("en", "zh_CN"):
        return setting
    return "zh_CN" if system.lower().startswith("zh") else "en"


def install_translators(app: object, language: str) -> list[object]:
    """Install our catalogue (English: plural forms only) and Qt's own for `language` (held by a
    `studio.views.retranslate.Catalogue`, which also finds a shown text's source again for a switch), and make
    `language` the locale of dates and numbers; the translators installed, [] when our catalogue is missing."""
    from PySide6.QtCore import QLocale

    from studio.views.retranslate import Catalogue

    QLocale.setDefault(QLocale(language))  # dates and numbers read in the UI's language
    catalogue = Catalogue(app)  # type: ignore[arg-type]
    if not catalogue.load_language(str(I18N), language):
        log.warning("No compiled translation for %s in %s; run the setup command.", language, I18N)
        return []
    catalogue.install(app)  # type: ignore[arg-type]
    return list(catalogue.translators)


def switch_language(app: object, language: str) -> bool:
    """The UI language while the window is open: the catalogue loads `language` and is installed again, so
    every widget gets `QEvent.LanguageChange`; dates and numbers follow (`QLocale.setDefault`). False when
    the catalogue for `language` is missing (English shows)."""
    from PySide6.QtCore import QLocale

    from studio.views.retranslate import Catalogue

    catalogue = Catalogue.latest(app)  # type: ignore[arg-type]
    if catalogue is None:
        catalogue = Catalogue(app)  # type: ignore[arg-type]
    catalogue.remove(app)  # type: ignore[arg-type]
    QLocale.setDefault(QLocale(language))
    loaded: bool = catalogue.load_language(str(I18N), language)
    catalogue.install(app)  # type: ignore[arg-type]
    if not catalogue.translators:  # English without its plural catalogue: nothing installed, nothing said
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))  # type: ignore[arg-type]
    return loaded


def follow_choices(app: Any, window: Any, main_vm: Any, language: str, theme: str) -> None:
    """View → Language and View → Theme apply at once: the catalogue switches (every widget gets
    `QEvent.LanguageChange`), the palette is applied again and the window's own painting follows it.
    `language` and `theme` are those in use now; a "system" theme follows the OS when it switches."""
    from PySide6.QtCore import QLocale

    from studio.views.theme import apply_theme

    themes = [theme]
    languages = [language]

    def choose_theme(chosen: str) -> None:
        themes[0] = chosen
        window.set_dark(apply_theme(app, chosen))

    def choose_language(setting: str) -> None:
        wanted = pick_language(setting, QLocale.system().name())
        if wanted != languages[0]:
            languages[0] = wanted
            if not switch_language(app, wanted):
                log.warning("No compiled translation for %s in %s; run the setup command.", wanted, I18N)

    main_vm.themeChosen.connect(choose_theme)
    main_vm.languageChosen.connect(choose_language)
    app.styleHints().colorSchemeChanged.connect(
        lambda _scheme: themes[0] == "system" and window.set_dark(apply_theme(app, "system")))


def _install_excepthook(show: object) -> None:
    """A bug in a slot is logged (keys scrubbed) and shown as one sentence, never a dialog storm."""
    from studio.viewmodels.base import bug_sentence

    def hook(kind, value, tb):  # type: ignore[no-untyped-def]
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.error("unhandled exception", exc_info=(kind, value, tb))
        try:
            show(bug_sentence())  # type: ignore[operator]
        except Exception:
            pass

    sys.excepthook = hook


def _startup_probe(window: object, app: object) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer

    started = float(os.environ.get(STARTUP_PROBE) or "0") or None

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Paint and not getattr(self, "seen", False):
                self.seen = True
                elapsed = f" {time.time() - started:.4f}" if started else ""
                print(f"first-frame{elapsed}", flush=True)
                QTimer.singleShot(1000, report_rss)
            return False

    def report_rss() -> None:
        with open("/proc/self/status") as status:
            rss = next((line.split()[1] for line in status if line.startswith("VmRSS:")), "0")
        print(f"rss-kb {rss}", flush=True)
        app.quit()  # type: ignore[attr-defined]

    probe = FirstPaint(window)  # type: ignore[arg-type]
    window.installEventFilter(probe)  # type: ignore[attr-defined]


@dataclass
class Gui:
    """Everything `build_gui` wired together; `run` shows the window and runs the loop."""

    app: Any
    core: StudioCore
    window: Any
    main_vm: Any
    chat_vm: Any
    jobs_vm: Any
    _loop: Any = None
    _painted: bool = False
    _after_first_frame_done: bool = False

    @property
    def loop(self) -> Any:
        """The qasync loop (an asyncio loop that is also a context manager), made when first needed: the first
        frame is painted before it, so asyncio and qasync load after it (studio/lazy_asyncio.py)."""
        if self._loop is None:
            self._loop = create_event_loop(self.app)
        return self._loop

    @property
    def gallery_vm(self) -> Any:
        """Made by the window when the Gallery is first shown (or asked for here)."""
        return self.window.gallery_vm

    @property
    def image_vm(self) -> Any:
        """Made by the window when the Image tab is first shown (or asked for here)."""
        return self.window.image_vm

    @property
    def video_vm(self) -> Any:
        """Made by the window when the Video tab is first shown (or asked for here)."""
        return self.window.video_vm
    _keys_asked: bool = False

    def start(self) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        gui = self

        class AfterFirstPaint(QObject):
            """The first frame first: the event loop, the model list, the balance and their imports follow it."""

            def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
                if event.type() == QEvent.Type.Paint:
                    watched.removeEventFilter(self)
                    gui._painted = True
                    QTimer.singleShot(0, gui._after_first_frame)
                return False

        self._first_paint = AfterFirstPaint(self.window)
        self.window.installEventFilter(self._first_paint)
        self.window.show()

    def _after_first_frame(self) -> None:
        """Once: after the first paint, or after `_paint_first_frame` gave up waiting (a window started minimized
        gets no paint until it is restored, and its jobs resume all the same)."""
        if not self._after_first_frame_done:
            self._after_first_frame_done = True
            self._start_view_models()

    def _start_view_models(self) -> None:
        self.loop  # noqa: B018  # made now if the first frame came before it: what the view-models spawn runs on it
        if not self._keys_asked:
            self._keys_asked = True
            if ask_for_keys(self.core, self.window, self._start_view_models):
                return  # the view-models start (jobs resume) once the passphrase or a memory-only key was asked
        self.jobs_vm.start()  # resumes every unfinished job
        # the tabs built so far (the one on screen) load their models, the others when first shown; what the
        # first reply needs is imported when the first key is typed in the chat
        self.window.start_view_models(lambda: self.loop.run_in_executor(None, prefetch_modules))

    def run(self) -> int:
        self.start()
        self._paint_first_frame()
        with self.loop:
            self.loop.run_forever()  # until the application quits (its last window closed, or Quit)
            self.loop.run_until_complete(self.close())
        return 0

    def _paint_first_frame(self, within: float = 1.0) -> None:
        """Let Qt alone show the window before the event loop is made (at most `within` seconds; not at all for a
        window that starts minimized); without a paint by then, what follows the first frame starts anyway."""
        from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

        deadline = time.monotonic() + within
        waker = QTimer()  # WaitForMoreEvents sleeps until an event: this one comes at the deadline at the latest
        waker.start(int(within * 1000))
        while not self._painted and not self.window.isMinimized() and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        waker.stop()
        if not self._painted:
            QTimer.singleShot(0, self._after_first_frame)

    async def close(self) -> None:
        await asyncio.gather(self.chat_vm.shutdown(), self.main_vm.shutdown(), self.jobs_vm.shutdown(),
                             *(vm.shutdown() for vm in self.window.view_models_made()))
        await self.core.aclose()  # unfinished jobs resume at the next start
        await self.loop.shutdown_asyncgens()


def ask_for_keys(core: StudioCore, parent: Any, then: Any) -> bool:
    """At start, before anything reads a key: the encrypted key file's passphrase (once per run) when a
    profile keeps its key there, and the key of each profile an earlier run kept in memory only. Each is
    a dialog; `then()` runs when the last is answered (or dismissed). False, and nothing shown, when
    nothing needs asking (one query: no keyring, no key file is touched)."""
    service = core.profiles
    locked = service.needs_passphrase()
    gone = service.keys_gone()
    if not locked and not gone:
        return False
    from studio.viewmodels.profiles import ProfileItem, ProfilesViewModel
    from studio.views.first_start import FirstStartDialog, PassphraseDialog

    vm = ProfilesViewModel(core, parent)
    steps: list[Any] = [lambda: PassphraseDialog(vm, parent)] if locked else []
    steps += [lambda item=ProfileItem.from_profile(p): FirstStartDialog(vm, parent, item) for p in gone]

    shown: list[Any] = []  # the dialog on screen: with no parent nothing else keeps it alive

    def next_step(_result: int = 0) -> None:
        shown.clear()
        if not steps:
            vm.deleteLater()
            then()
            return
        dialog = steps.pop(0)()
        shown.append(dialog)
        dialog.finished.connect(next_step)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    next_step()
    return True


def prefetch_modules() -> None:
    """Import, in a worker thread while the first message is typed, what the first chat turn needs (the chat
    service, the markdown renderer with Pygments): otherwise the first reply pauses the UI ~60 ms."""
    import importlib

    for name in ("studio.services.chat", "studio.views.chat_markdown", "pygments.lexers.python",
                 "pygments.formatters.html"):
        try:
            importlib.import_module(name)
        except ImportError:  # a missing optional lexer must not matter
            pass


def build_gui(core: StudioCore, argv: list[str], *, language: str | None = None, theme: str | None = None) -> Gui:
    """Create the QApplication and the window over `core` (language/theme override the settings)."""
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName("Relay Studio")
    app.setOrganizationName("RelayStudio")
    app.setDesktopFileName("relay-studio")
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "relay-studio.svg")))  # vector: sharp at any DPI
    chosen = language or pick_language(str(core.settings.get("ui.language") or ""), QLocale.system().name())
    translators = install_translators(app, chosen)  # and the locale of dates and numbers

    from studio.viewmodels.chat import ChatViewModel
    from studio.viewmodels.jobs import JobsViewModel
    from studio.viewmodels.main import MainViewModel
    from studio.views.main_window import MainWindow
    from studio.views.theme import apply_theme

    main_vm = MainViewModel(core)
    dark = apply_theme(app, theme or main_vm.theme)
    chat_vm = ChatViewModel(core)
    jobs_vm = JobsViewModel(core)
    window: Any = None

    def open_profiles() -> None:
        from studio.viewmodels.profiles import ProfilesViewModel

        vm = ProfilesViewModel(core)
        dialog: Any
        if not core.profiles.all():  # the first start: one dialog, base URL and key
            from studio.views.first_start import FirstStartDialog

            dialog = FirstStartDialog(vm, window)
        else:
            from studio.views.profiles_dialog import ProfilesDialog

            dialog = ProfilesDialog(vm, window)
        dialog.finished.connect(lambda _result: (chat_vm.start(), window.profiles_changed(),
                                                 main_vm.refreshStatus()))
        dialog.open()

    window = MainWindow(main_vm, chat_vm, jobs_vm, None, None, open_profiles)  # the other tabs' made when needed
    window.set_dark(dark)
    follow_choices(app, window, main_vm, chosen, theme or main_vm.theme)
    window.restore_state()
    _install_excepthook(window.show_error)
    if os.environ.get(STARTUP_PROBE):
        print(f"language {chosen} {'loaded' if translators else 'missing'}", flush=True)
        _startup_probe(window, app)
    # Everything alive now lives as long as the window: keep it out of the cyclic collector, whose
    # full passes over ~200k Qt/Python objects otherwise pause a streaming reply for 15-40 ms. (`gui_main`
    # kept the collector off until here: it would only have walked these objects.)
    gc.freeze()
    gc.enable()
    return Gui(app, core, window, main_vm, chat_vm, jobs_vm)


def main(argv: list[str] | None = None) -> int:
    """Start the studio window; returns the process exit code."""
    from studio.errors import StudioError

    args = list(sys.argv if argv is None else argv)
    try:
        core = StudioCore.open()
        core.log_to_file()
    except StudioError as exc:  # a damaged, locked or read-only data folder: one sentence, no traceback
        return _cannot_start(args, str(exc))
    gui = build_gui(core, args)
    if core.db.replaced is not None:
        from PySide6.QtCore import QCoreApplication, QTimer

        sentence = QCoreApplication.translate(
            "App", "The database was damaged; it was copied aside to {0} and a new one was started.",
        ).format(core.db.replaced)
        QTimer.singleShot(0, lambda: gui.window.show_notice(sentence))
    return gui.run()


def _cannot_start(argv: list[str], sentence: str) -> int:
    """Say why the window cannot open, on stderr and in a message box, and return the exit code."""
    from PySide6.QtCore import QCoreApplication, QLocale
    from PySide6.QtWidgets import QApplication, QMessageBox

    sys.stderr.write(f"relay-studio: {sentence}\n")
    if os.environ.get(STARTUP_PROBE):  # an automated start (benchmarks, tests): no one to click the box
        return 1
    app = QApplication.instance() or QApplication(argv)
    install_translators(app, pick_language("", QLocale.system().name()))
    QMessageBox.critical(None, QCoreApplication.translate("App", "Relay Studio cannot start"), sentence)
    return 1
