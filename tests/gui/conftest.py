"""GUI test fixtures: a qasync event loop on the pytest-qt QApplication, and a helper that runs the
loop until a condition holds (signals are recorded by plain slots)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from studio.app import create_event_loop
from studio.services.core import StudioCore
from studio.viewmodels.gallery import GalleryViewModel
from studio.views.gallery_tab import GalleryTab


@pytest.fixture(autouse=True)
def _locale_restored() -> Iterator[None]:
    """A test that installs a translator (`install_translators`) also makes its language the default locale of
    dates and numbers: the next test starts with the locale before it."""
    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.fixture(scope="session")
def _session_loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    """One qasync loop for the whole session, as in the app. Closing a qasync loop while Qt still
    holds its timers and notifiers makes a later `processEvents` crash, so it is never closed."""
    event_loop = create_event_loop(qapp)
    yield event_loop
    event_loop.run_until_complete(event_loop.shutdown_asyncgens())


@pytest.fixture
def loop(_session_loop: asyncio.AbstractEventLoop) -> Iterator[asyncio.AbstractEventLoop]:
    """The session's loop; tasks a test leaves behind are cancelled after it."""
    yield _session_loop
    pending = [t for t in asyncio.all_tasks(_session_loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        _session_loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))


Runner = Callable[..., None]


@pytest.fixture
def run_until(loop: asyncio.AbstractEventLoop) -> Runner:
    """Run the event loop until `predicate()` is true (fails after `timeout` seconds)."""

    def run(predicate: Callable[[], bool], timeout: float = 15.0, message: str = "") -> None:
        async def wait() -> None:
            deadline = time.monotonic() + timeout
            while not predicate():
                if time.monotonic() > deadline:
                    raise AssertionError(f"timed out waiting: {message or predicate}")
                await asyncio.sleep(0.01)

        loop.run_until_complete(wait())

    return run


@pytest.fixture
def gui_core(core: StudioCore, loop: asyncio.AbstractEventLoop) -> Iterator[StudioCore]:
    """The core for GUI tests; its HTTP clients are closed while the loop still runs."""
    yield core
    loop.run_until_complete(core.clients.aclose())


@pytest.fixture
def make_gallery_tab(gui_core: StudioCore, qtbot, loop) -> Iterator[Callable[..., GalleryTab]]:  # type: ignore[no-untyped-def]
    """`make_gallery_tab(size=(800, 600))`: a shown, started Gallery tab on the core; each one's view-model
    is shut down after the test, as the app does at exit (nothing keeps loading into a closed database)."""
    made: list[GalleryTab] = []

    def make(size: tuple[int, int] = (800, 600)) -> GalleryTab:
        tab = GalleryTab(GalleryViewModel(gui_core))
        qtbot.addWidget(tab)
        tab.resize(*size)
        tab.show()
        tab.vm.start()
        made.append(tab)
        return tab

    yield make
    for tab in made:
        loop.run_until_complete(tab.vm.shutdown())
