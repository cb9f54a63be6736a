"""Following one job in a tab's result area (the Image, Video and Music tabs, and each part of the Audio tab).

A result area shows one job at a time (`show`: a new one, or one picked in the Jobs panel). Each change the
runner reports for it rebuilds the job's view off the UI thread (the stores are read in a worker
thread) and hands it on (`JobFollower.jobShown`); changes that come while a rebuild runs collapse into one more
rebuild, and the view of a job no longer shown is dropped. `Following` is that machinery for one result
area; a view-model with several (the Audio tab's Transcribe and Speech) has one `Following` each.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

from studio.viewmodels.base import ModelChoice, ViewModel

if TYPE_CHECKING:
    from studio.services.core import StudioCore
    from studio.viewmodels.jobs import JobsViewModel

View = TypeVar("View")
Mark = TypeVar("Mark")


class Following(Generic[View, Mark]):
    """One result area following one job: `refresh` rebuilds its view with `snapshot` in a worker thread and hands
    it to `shown` (job id, view, and what `mark` said on the UI thread before the read: a front end's own state
    the view may be older than); refreshes while one runs collapse into one more, and a view of a job no longer
    followed is dropped. Its tasks are its owner's (`ViewModel.spawn`)."""

    def __init__(self, owner: ViewModel, snapshot: Callable[[str], View | None],
                 shown: Callable[[str, View, Mark], None], mark: Callable[[], Mark]) -> None:
        self._owner = owner
        self._snapshot = snapshot
        self._shown = shown
        self._mark = mark
        self.job_id: str | None = None
        self._running = False
        self._again = False

    def show(self, job_id: str | None) -> None:
        """Follow `job_id` (None: nothing) and build its view."""
        self.job_id = job_id
        self.refresh()

    def refresh(self) -> None:
        """Build the followed job's view again, off the UI thread."""
        if self.job_id is None:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self._owner.spawn(self._rebuild(), busy=False)

    async def _rebuild(self) -> None:
        try:
            while True:
                self._again = False
                job_id = self.job_id
                if job_id is None:
                    return
                mark = self._mark()
                view = await asyncio.to_thread(self._snapshot, job_id)
                if view is not None and job_id == self.job_id:
                    self._shown(job_id, view, mark)
                if not self._again:
                    return
        finally:
            self._running = False


class JobFollower(ModelChoice):
    """A model picker with a format (family) choice whose result area follows one job; subclasses make the
    view (`_snapshot`) and load what the chosen format means for the form (`_load_family`)."""

    _core: StudioCore

    #: the view of the job in the result area (each tab's own kind)
    jobShown = Signal(object)

    def __init__(self, jobs: JobsViewModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._following: Following[object, None] = Following(
            self, self._snapshot, lambda _job_id, view, _mark: self.jobShown.emit(view), lambda: None)
        jobs.jobChanged.connect(self._on_job_changed)

    @property
    def _current(self) -> str | None:
        """The job in the result area."""
        return self._following.job_id

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
        self._following.show(job_id)

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
        self._following.refresh()

    def _snapshot(self, job_id: str) -> object | None:
        """The view of the job (called in a worker thread); None when the job is gone."""
        raise NotImplementedError
