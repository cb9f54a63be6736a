"""What every view-model shares: running async work from slots without ever losing an error.

A slot calls `self.spawn(coro)`. The coroutine runs on the qasync loop (the Qt thread, so no
locking); a `StudioError` becomes the one-sentence `error` signal the view shows in its banner; any
other exception is a bug: it is logged with its traceback (keys scrubbed by the log filter) and the
banner gets a generic sentence. Nothing reaches `sys.excepthook`, and busy flags are always reset.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from studio.errors import StudioError
from studio.viewmodels.errors import localized

if TYPE_CHECKING:
    from studio.api.models import ModelInfo
    from studio.services.core import StudioCore
    from studio.services.profiles import Route
    from studio.storage.settings import Settings

log = logging.getLogger("studio.gui")


async def routed_models(core: StudioCore, capability: str, routed_model: Callable[[str], None] | None = None,
                        *, profile: str | None = None) -> tuple[Route, list[ModelInfo]]:
    """The route of `capability` (through the profile named `profile` when one is chosen) and its relay's model
    list (the saved one when fresh, else asked; the keyring and the network off the UI thread); `routed_model`
    gets the route's default model before the list is fetched (to show it at once)."""
    route = await asyncio.to_thread(lambda: core.profiles.resolve(capability, profile=profile))
    if routed_model is not None and route.model:
        routed_model(route.model)
    return route, await core.relay_cache.models(route.profile)  # the saved list when fresh: no network


async def _nothing() -> None:
    """What a view-model runs for work asked of it after `shutdown`."""


def bug_sentence() -> str:
    return QCoreApplication.translate(
        "ViewModel", "Something went wrong inside Relay Studio; the details are in the log file."
    )


class ViewModel(QObject):
    #: one sentence for the inline error banner ("" clears it)
    error = Signal(str)
    #: True while work started by this view-model is running
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._busy = 0
        self._shut = False  # `shutdown` ran: the window is closing and the core goes next

    @property
    def busy(self) -> bool:
        return self._busy > 0

    def spawn(self, coro: Coroutine[Any, Any, Any], *, busy: bool = True) -> asyncio.Task[Any]:
        """Run `coro` on the event loop; report its failure instead of raising. After `shutdown` nothing new
        starts (a job settling while the runner stops would otherwise ask a closed client for the balance)."""
        if self._shut:
            coro.close()
            coro = _nothing()
        task = asyncio.ensure_future(self._guard(coro, busy))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _guard(self, coro: Coroutine[Any, Any, Any], busy: bool) -> Any:
        if busy:
            self._set_busy(+1)
        try:
            return await coro
        except asyncio.CancelledError:
            return None
        except StudioError as exc:
            self.error.emit(localized(exc))
        except Exception:
            log.exception("unexpected error in %s", type(self).__name__)
            self.error.emit(bug_sentence())
        finally:
            if busy:
                self._set_busy(-1)
        return None

    def _set_busy(self, delta: int) -> None:
        was = self.busy
        self._busy += delta
        if self.busy != was:
            self.busyChanged.emit(self.busy)

    async def shutdown(self) -> None:
        """Cancel whatever is still running (window closing), and start nothing from now on."""
        self._shut = True
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)


class ModelChoice(ViewModel):
    """A view-model with a model picker: the relay's list of models and the one chosen."""

    #: list[str] of model ids; then the selected one
    modelsChanged = Signal(list)
    modelChanged = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = ""
        self._remembering: asyncio.Lock | None = None  # made in the loop's time, not at construction

    @property
    def model(self) -> str:
        return self._model

    def _remember_model(self, settings: Settings, key: str) -> None:
        """Save the model chosen now as the setting `key`, read at the next start (off the UI thread; when the
        model changes twice quickly the later choice is the one written last)."""
        self.spawn(self._save_model(settings, key), busy=False)

    async def _save_model(self, settings: Settings, key: str) -> None:
        if self._remembering is None:
            self._remembering = asyncio.Lock()
        async with self._remembering:  # first come, first served: the last task writes the current model
            await asyncio.to_thread(settings.set, key, self._model)

    @Slot(str)
    def setModel(self, name: str) -> None:  # Qt slot naming
        self._set_model(name.strip())

    def _set_model(self, name: str) -> None:
        if name != self._model:
            self._model = name
            self.modelChanged.emit(name)
            self._model_changed(name)

    def _model_changed(self, name: str) -> None:
        """Called after the model changed (subclasses load what depends on it)."""

    def _adopt_model(self, name: str) -> None:
        """The routed default, unless a model is already chosen."""
        if not self._model:
            self._set_model(name)

    def _show_models(self, names: list[str]) -> None:
        self.modelsChanged.emit(names)
        if not self._model and names:
            self._set_model(names[0])
