"""Following one job in a tab's result area (the Image and Video tabs).

A tab shows one job at a time (`show`: a new one, or one picked in the Jobs panel). Each change the
runner reports for it rebuilds the job's view off the UI thread (the stores are read in a worker
thread) and emits it as `jobShown`; changes that come while a rebuild runs collapse into one more
rebuild, and the view of a job no longer shown is dropped.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from studio.viewmodels.base import ModelChoice

if TYPE_CHECKING:
    from studio.services.core import StudioCore
    from studio.viewmodels.jobs import JobsViewModel


class JobFollower(ModelChoice):
    """A model picker with a format (family) choice whose result area follows one job; subclasses make the
    view (`_snapshot`) and load what the chosen format means for the form (`_load_family`)."""

    _core: StudioCore

    #: the view of the job in the result area (each tab's own kind)
    jobShown = Signal(object)

    def __init__(self, jobs: JobsViewModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._current: str | None = None
        self._refreshing = False
        self._again = False
        jobs.jobChanged.connect(self._on_job_changed)

    @Slot(str)
    def setFamily(self, family: str) -> None:
        """Remember which dialect the current model speaks ("" = let the table decide)."""
        if self._model:
            self.spawn(self._set_family(self._model, family), busy=False)

    async def _set_family(self, model: str, family: str) -> None:
        await asyncio.to_thread(self._core.jobs.set_family_override, model, family or None)
        await self._load_family(model)

    async def _load_family(self, model: str) -> None:
        raise NotImplementedError

    @Slot(str)
    def show(self, job_id: str) -> None:
        """Show a job in the result area (a new one, or one picked in the Jobs panel)."""
        self._current = job_id
        self._refresh()

    @Slot()
    def reshow(self) -> None:
        """Build the shown job's view again (its sentences in a language just chosen)."""
        if self._current is not None:
            self._refresh()

    @Slot(str)
    def _on_job_changed(self, job_id: str) -> None:
        if job_id == self._current:
            self._refresh()

    def _refresh(self) -> None:
        """Rebuild the snapshot off the UI thread; bursts of events collapse into one more rebuild."""
        if self._refreshing:
            self._again = True
            return
        self._refreshing = True
        self.spawn(self._rebuild(), busy=False)

    async def _rebuild(self) -> None:
        try:
            while True:
                self._again = False
                job_id = self._current
                if job_id is None:
                    return
                view = await asyncio.to_thread(self._snapshot, job_id)
                if view is not None and job_id == self._current:
                    self.jobShown.emit(view)
                if not self._again:
                    return
        finally:
            self._refreshing = False

    def _snapshot(self, job_id: str) -> object | None:
        """The view of the job (called in a worker thread); None when the job is gone."""
        raise NotImplementedError
