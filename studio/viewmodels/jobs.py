"""The Jobs panel's state: every recent job live (state, progress, elapsed), and the user's choices.

The runner's plain `JobEvent`s arrive on the event loop (the Qt thread under qasync) and are turned
into model updates and Signals here; nothing else in the GUI listens to the runner. At start the
runner resumes every unfinished job, so jobs a crash interrupted carry on by themselves.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)

from studio.jobs.model import CANCELLABLE, RETRYABLE, SETTLED, Job, JobState
from studio.viewmodels.base import ViewModel

if TYPE_CHECKING:
    from studio.jobs.runner import JobEvent
    from studio.services.core import StudioCore

JOB_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
#: 0-100 while a job runs and reports progress, else -1 (the panel draws a bar)
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3
RECENT = 300

_Index = QModelIndex | QPersistentModelIndex


def state_text(state: JobState) -> str:
    """The state as the user reads it, translated."""
    return {
        JobState.SAVED: QCoreApplication.translate("JobState", "Saved"),
        JobState.SUBMITTING: QCoreApplication.translate("JobState", "Sending"),
        JobState.UNKNOWN: QCoreApplication.translate("JobState", "Unknown — may have been sent"),
        JobState.SUBMITTED: QCoreApplication.translate("JobState", "Queued"),
        JobState.RUNNING: QCoreApplication.translate("JobState", "Running"),
        JobState.STALLED: QCoreApplication.translate("JobState", "Stalled"),
        JobState.DOWNLOADING: QCoreApplication.translate("JobState", "Saving"),
        JobState.DONE: QCoreApplication.translate("JobState", "Done"),
        JobState.DONE_REMOTE_ONLY: QCoreApplication.translate("JobState", "Done — link only"),
        JobState.FAILED: QCoreApplication.translate("JobState", "Failed"),
        JobState.CANCELLED: QCoreApplication.translate("JobState", "Cancelled"),
    }[state]


#: what the retry action does: retry a failed or cancelled job, submit an unknown one again, or
#: download a link-only result now
RetryKind = Literal["retry", "submit-again", "download"]
_RETRY_KINDS: dict[JobState, RetryKind] = {JobState.UNKNOWN: "submit-again", JobState.DONE_REMOTE_ONLY: "download"}


@dataclass(frozen=True, slots=True)
class JobActions:
    """The actions a job's state allows; the Jobs panel only turns them into buttons and texts."""

    cancel: bool = False
    #: None when the job cannot be retried
    retry: RetryKind | None = None
    keep_waiting: bool = False
    #: the result is kept only as web links, which can be opened
    open_link: bool = False
    #: cancelling discards a job the relay may have run (and charged): labelled so, and asked first
    discard_asks: bool = False

    @classmethod
    def of(cls, job: Job | None) -> JobActions:
        if job is None:
            return cls()
        state = job.state
        retry: RetryKind | None = _RETRY_KINDS.get(state, "retry") if state in RETRYABLE else None
        return cls(cancel=state in CANCELLABLE, retry=retry, keep_waiting=state is JobState.STALLED,
                   open_link=state is JobState.DONE_REMOTE_ONLY and bool(job.temporary_links),
                   discard_asks=state is JobState.UNKNOWN)


def elapsed_text(job: Job, now: float) -> str:
    end = job.updated_at if job.state in SETTLED else now
    seconds = max(0, int(end - job.created_at))
    if seconds < 3600:
        return f"{seconds // 60}:{seconds % 60:02d}"
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class JobListModel(QAbstractTableModel):
    """Recent jobs, newest first. Columns: what (label or prompt), state with progress, elapsed time;
    the model and dialect are in the tooltip (the dock is narrow)."""

    COLUMNS = 3
    PROMPT, STATE, TIME = range(3)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: list[Job] = []
        self._rows: dict[str, int] = {}

    # -- Qt model API ----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # Qt's signature
        return 0 if parent.isValid() else len(self._jobs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Prompt"), self.tr("State"), self.tr("Time"))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._jobs):
            return None
        job = self._jobs[index.row()]
        if role == JOB_ID_ROLE:
            return job.id
        if role == STATE_ROLE:
            return job.state.value
        if role == PROGRESS_ROLE:
            running = job.state not in SETTLED
            return int(job.progress) if running and job.progress is not None else -1
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.STATE:
                text = state_text(job.state)
                if job.progress is not None and job.state not in SETTLED:
                    text += f" {job.progress:.0f}%"
                return text
            if column == self.TIME:
                return elapsed_text(job, time.time())
            return " ".join(str(job.metadata.get("label") or job.prompt).split())[:120] or job.model
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [job.prompt, self.tr("Model: {0} · dialect: {1} ({2})").format(
                job.model, job.family, job.metadata.get("family_reason", ""))]
            if job.error:
                lines.append(job.error)
            return "\n".join(lines)
        return None

    # -- updates ---------------------------------------------------------------------------------

    def reset(self, jobs: list[Job]) -> None:
        self.beginResetModel()
        self._jobs = list(jobs)
        self._reindex()
        self.endResetModel()

    def upsert(self, job: Job) -> None:
        row = self._rows.get(job.id)
        if row is None:
            self.beginInsertRows(QModelIndex(), 0, 0)
            self._jobs.insert(0, job)
            self._reindex()
            self.endInsertRows()
            return
        self._jobs[row] = job
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))

    def job(self, job_id: str) -> Job | None:
        row = self._rows.get(job_id)
        return self._jobs[row] if row is not None else None

    def job_at(self, row: int) -> Job | None:
        return self._jobs[row] if 0 <= row < len(self._jobs) else None

    def tick(self) -> None:
        """Refresh the elapsed column of jobs still running."""
        for row, job in enumerate(self._jobs):
            if job.state not in SETTLED:
                index = self.index(row, self.TIME)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    def _reindex(self) -> None:
        self._rows = {job.id: row for row, job in enumerate(self._jobs)}


class JobsViewModel(ViewModel):
    #: a job changed (state, progress, note); carries its id
    jobChanged = Signal(str)
    #: a job saved a file into the gallery; carries the asset id
    assetAdded = Signal(str)
    #: a note about a running job (a retried download, a network hiccup): job id, sentence
    jobNote = Signal(str, str)
    #: a picture of a job's work in progress is available: job id, link
    previewAvailable = Signal(str, str)

    def __init__(self, core: StudioCore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._core = core
        self.model = JobListModel(self)
        self._unsubscribe: Any = None
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self.model.tick)

    @property
    def core(self) -> StudioCore:
        return self._core

    @property
    def runner(self) -> Any:
        return self._core.jobs.runner

    @Slot()
    def start(self) -> None:
        self.spawn(self._start(), busy=False)

    async def _start(self) -> None:
        service = await asyncio.to_thread(lambda: self._core.jobs)  # marks dead submissions unknown
        await asyncio.to_thread(lambda: service.runner)  # built off the UI thread (its HTTP client loads certificates)
        jobs = await asyncio.to_thread(service.recent, limit=RECENT)
        self.model.reset(jobs)
        if self._unsubscribe is None:
            self._unsubscribe = self.runner.subscribe(self._on_event)
        self._clock.start()
        await self.runner.start()
        self.spawn(self.runner.watch(), busy=False)  # jobs a stopped CLI left behind are taken over

    def _on_event(self, event: JobEvent) -> None:
        self.model.upsert(event.job)
        if event.asset is not None:
            self.assetAdded.emit(event.asset.id)
        if event.note:
            self.jobNote.emit(event.job.id, event.note)
        if event.preview:
            self.previewAvailable.emit(event.job.id, event.preview)
        self.jobChanged.emit(event.job.id)

    def track(self, job: Job) -> None:
        """Show a job that was just saved (before its first event)."""
        self.model.upsert(job)
        self.jobChanged.emit(job.id)

    # -- the user's choices ----------------------------------------------------------------------

    def actions(self, job: Job | None) -> JobActions:
        """What the user may do with `job` in its present state (nothing when no job is selected)."""
        return JobActions.of(job)

    @Slot(str)
    def cancel(self, job_id: str) -> None:
        self.spawn(self.runner.cancel(job_id), busy=False)

    @Slot(str)
    def retry(self, job_id: str) -> None:
        """Retry a failed job, submit an unknown one again, or download a link-only result again."""
        self.spawn(self.runner.retry(job_id), busy=False)

    @Slot(str)
    def keepWaiting(self, job_id: str) -> None:  # Qt slot naming
        self.spawn(self.runner.keep_waiting(job_id), busy=False)

    async def shutdown(self) -> None:
        self._clock.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        await super().shutdown()
