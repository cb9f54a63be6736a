"""GUI test fixtures: a qasync event loop on the pytest-qt QApplication, and a helper that runs the
loop until a condition holds (signals are recorded by plain slots)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from studio.app import create_event_loop
from studio.services.core import StudioCore


@pytest.fixture
def loop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    event_loop = create_event_loop(qapp)
    yield event_loop
    pending = [t for t in asyncio.all_tasks(event_loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        event_loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    event_loop.run_until_complete(event_loop.shutdown_asyncgens())
    event_loop.close()
    asyncio.set_event_loop(None)


Runner = Callable[..., None]


@pytest.fixture
def run_until(loop: qasync.QEventLoop) -> Runner:
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
def gui_core(core: StudioCore, loop: qasync.QEventLoop) -> Iterator[StudioCore]:
    """The core for GUI tests; its HTTP clients are closed while the loop still runs."""
    yield core
    loop.run_until_complete(core.clients.aclose())
