"""The Jobs panel's state: every recent job live (state, progress, elapsed), and the user's choices.

The runner's plain `JobEvent`s arrive on the event loop (the Qt thread under qasync) and are turned
into model updates and Signals here; nothing else in the GUI listens to the runner. At start the
runner resumes every unfinished job, so jobs a crash interrupted carry on by themselves; with none, the
runner (and every family's handler it imports) is built only when a job is started or acted on.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
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

from studio.jobs.model import RETRYABLE, SETTLED, Job, JobState, can_cancel, resumes_by_itself
from studio.viewmodels.base import ViewModel
from studio.viewmodels.errors import stored_error, worded
from studio.viewmodels.families import model_line, reason_text

if TYPE_CHECKING:
    from studio.errors import ErrorInfo
    from studio.jobs.runner import JobEvent, JobRunner
    from studio.services.core import StudioCore

JOB_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
#: 0-100 while a job runs and reports progress, else -1 (the panel draws a bar)
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3
#: how the state looks: one of TONES (the panel colours its chip by it)
TONE_ROLE = Qt.ItemDataRole.UserRole + 4
RECENT = 300
#: a job that ran at least this long and settles while the window is not focused counts as unseen news
NEWS_AFTER = 5.0
#: the size of the gallery thumbnail a job's row shows (scaled down; the gallery's own cached size)
THUMB_SIZE = 160
#: seconds between looks for jobs another process left unfinished, before the runner is built
WATCH_EVERY = 30.0

Tone = Literal["queued", "running", "done", "failed", "unknown", "cancelled"]
TONES: tuple[Tone, ...] = ("queued", "running", "done", "failed", "unknown", "cancelled")
_TONES: dict[JobState, Tone] = {
    JobState.SAVED: "queued", JobState.SUBMITTING: "queued", JobState.SUBMITTED: "queued",
    JobState.RUNNING: "running", JobState.DOWNLOADING: "running", JobState.STALLED: "unknown",
    JobState.UNKNOWN: "unknown", JobState.DONE: "done", JobState.DONE_REMOTE_ONLY: "done",
    JobState.FAILED: "failed", JobState.CANCELLED: "cancelled",
}


def state_tone(state: JobState) -> Tone:
    """How a state looks in a chip: waiting, at work, done, failed, in doubt, or cancelled."""
    return _TONES[state]

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


def chip_text(state: JobState) -> str:
    """The state in a few words for its chip in the Jobs panel (`state_text` says it in full)."""
    return {
        JobState.UNKNOWN: QCoreApplication.translate("JobState", "Unknown"),
        JobState.DONE_REMOTE_ONLY: QCoreApplication.translate("JobState", "Link only"),
    }.get(state) or state_text(state)


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
    #: the job saved its results into the gallery, where they can be shown
    show_in_gallery: bool = False
    #: the job can be opened in its tab and its prompt copied (any job)
    open: bool = False

    @classmethod
    def of(cls, job: Job | None) -> JobActions:
        if job is None:
            return cls()
        state = job.state
        retry: RetryKind | None = _RETRY_KINDS.get(state, "retry") if state in RETRYABLE else None
        return cls(cancel=can_cancel(job), retry=retry, keep_waiting=state is JobState.STALLED,
                   open_link=state is JobState.DONE_REMOTE_ONLY and bool(job.temporary_links),
                   discard_asks=state is JobState.UNKNOWN, show_in_gallery=state is JobState.DONE, open=True)


def elapsed_text(job: Job, now: float) -> str:
    end = job.updated_at if job.state in SETTLED else now
    seconds = max(0, int(end - job.created_at))
    if seconds < 3600:
        return f"{seconds // 60}:{seconds % 60:02d}"
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class JobListModel(QAbstractTableModel):
    """Recent jobs, newest first. Columns: what (label or prompt), state with progress, elapsed time;
    the model and its request format are in the tooltip (the dock is narrow)."""

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
        if role == TONE_ROLE:
            return state_tone(job.state)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.STATE:
                text = chip_text(job.state)
                if job.progress is not None and job.state not in SETTLED:
                    text += f" {job.progress:.0f}%"
                return text
            if column == self.TIME:
                return elapsed_text(job, time.time())
            return " ".join(str(job.metadata.get("label") or job.prompt).split())[:120] or job.model
        if role == Qt.ItemDataRole.ToolTipRole:
            first = state_text(job.state) if column == self.STATE else job.prompt
            return "\n".join(line for line in (first, *job_details(job).lines) if line)
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

    def retranslate(self) -> None:
        """The language changed: the headers and every row are worded again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self._jobs:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._jobs) - 1, self.COLUMNS - 1))

    def refresh(self, job_id: str) -> None:
        """Repaint a job's row (its thumbnail arrived)."""
        row = self._rows.get(job_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))

    def tick(self) -> None:
        """Refresh the elapsed column of jobs still running."""
        for row, job in enumerate(self._jobs):
            if job.state not in SETTLED:
                index = self.index(row, self.TIME)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    def _reindex(self) -> None:
        self._rows = {job.id: row for row, job in enumerate(self._jobs)}


@dataclass(frozen=True, slots=True)
class JobDetails:
    """What a job's details say, in the user's words."""

    sent_as: str  # the model and request format: "mj_imagine · Midjourney"
    why: str  # why that format, one sentence ("" when not recorded)
    note: str  # the latest note of a job at work ("" once settled)
    error: str

    @property
    def lines(self) -> list[str]:
        return [line for line in (self.sent_as, self.why, self.note, self.error) if line]


def job_details(job: Job, note: str = "") -> JobDetails:
    return JobDetails(
        sent_as=model_line(job.model, job.family, job.capability),
        why=reason_text(str(job.metadata.get("family_reason", "")), job.family, job.capability),
        note=note if job.state not in SETTLED else "", error=stored_error(job))


class JobsViewModel(ViewModel):
    #: a job changed (state, progress, note); carries its id
    jobChanged = Signal(str)
    #: a job saved a file into the gallery; carries the asset id
    assetAdded = Signal(str)
    #: a note about a running job (a retried download, a network hiccup): job id, sentence
    jobNote = Signal(str, str)
    #: a picture of a job's work in progress is available: job id, link
    previewAvailable = Signal(str, str)
    #: the PNG thumbnail of a job's first result was read (off the UI thread): job id, bytes
    thumbnailLoaded = Signal(str, bytes)
    #: how many jobs finished or failed while the window was not focused (0 once seen)
    unseenChanged = Signal(int)
    #: a job that ran a while settled while the window was not focused: job id, whether it succeeded
    newsArrived = Signal(str, bool)
    #: a job this window followed settled (done, failed, cancelled or in doubt): its id (the balance moved)
    jobSettled = Signal(str)

    def __init__(self, core: StudioCore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._core = core
        self.model = JobListModel(self)
        self._unsubscribe: Any = None
        self._driving = False  # the runner was built and is followed (see `runner`)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self.model.tick)
        self._notes: dict[str, tuple[ErrorInfo | None, str]] = {}  # the latest note by job, as described
        self._thumbs_asked: set[str] = set()
        self._window_active = True
        self._unseen: set[str] = set()

    @property
    def core(self) -> StudioCore:
        return self._core

    @property
    def runner(self) -> JobRunner:
        """The job runner, followed from its first use on: built here when nothing built it yet (`ready` builds it
        off the UI thread first), started (it resumes what is unfinished) and watched for jobs a CLI left."""
        runner = self._core.jobs.runner
        if not self._driving:
            self._driving = True
            self._unsubscribe = runner.subscribe(self._on_event)
            self.spawn(self._drive(runner), busy=False)
        return runner

    async def ready(self) -> JobRunner:
        """The runner, built off the UI thread: it imports every family's handler and its HTTP client loads
        certificates, which a start with no unfinished job never needs."""
        await asyncio.to_thread(lambda: self._core.jobs.runner)
        return self.runner

    @property
    def running(self) -> bool:
        """Whether the runner was built (a job is unfinished, or one was started or acted on in this run)."""
        return self._driving

    @Slot()
    def start(self) -> None:
        self.spawn(self._start(), busy=False)

    async def _start(self) -> None:
        service = await asyncio.to_thread(lambda: self._core.jobs)  # marks dead submissions unknown
        jobs = await asyncio.to_thread(service.recent, limit=RECENT)
        self.model.reset(jobs)
        self._clock.start()
        unfinished = any(resumes_by_itself(job) for job in jobs)
        if not unfinished:  # one older than the list shows
            older: list[Job] = await asyncio.to_thread(service.store.resumable)
            unfinished = bool(older)
        if unfinished:
            await self.ready()
        else:
            self.spawn(self._wait_for_work(), busy=False)

    async def _drive(self, runner: JobRunner) -> None:
        await runner.start()
        await runner.watch()  # jobs a stopped CLI left behind are taken over

    async def _wait_for_work(self) -> None:
        """Until the runner is needed: look every `WATCH_EVERY` seconds for a job some other process left
        unfinished (a `studio jobs resume` stopped with Ctrl-C) and build the runner to take it over."""
        while not self.running:
            await asyncio.sleep(WATCH_EVERY)
            left: list[Job] = await asyncio.to_thread(self._core.jobs.store.resumable)
            if left and not self.running:
                await self.ready()

    def _on_event(self, event: JobEvent) -> None:
        before = self.model.job(event.job.id)
        self.model.upsert(event.job)
        if event.asset is not None:
            self.assetAdded.emit(event.asset.id)
            if event.job.id in self._thumbs_asked:  # a row without its picture yet: ask again
                self._thumbs_asked.discard(event.job.id)
                self.model.refresh(event.job.id)
        if event.note:
            self._notes[event.job.id] = (event.detail, event.note)
            self.jobNote.emit(event.job.id, event.note)
        if before is not None and before.state not in SETTLED and event.job.state in SETTLED:
            self._settled(event.job)
            self.jobSettled.emit(event.job.id)
        if event.preview:
            self.previewAvailable.emit(event.job.id, event.preview)
        self.jobChanged.emit(event.job.id)

    def track(self, job: Job) -> None:
        """Show a job that was just saved (before its first event)."""
        self.model.upsert(job)
        self.jobChanged.emit(job.id)

    # -- what the panel shows --------------------------------------------------------------------

    def details(self, job: Job) -> JobDetails:
        """A job's details, with its latest note in the user's words."""
        return job_details(job, self.note(job.id))

    def note(self, job_id: str) -> str:
        """The runner's latest note on a job, in the user's language now ("" when there is none)."""
        detail, note = self._notes.get(job_id, (None, ""))
        return worded(detail, note) if note else ""

    def want_thumbnail(self, job_id: str) -> None:
        """The panel paints a row without a thumbnail: read the job's first result's (once; off the UI
        thread) and emit it as `thumbnailLoaded`. A job without a picture shows none."""
        if job_id in self._thumbs_asked:
            return
        self._thumbs_asked.add(job_id)
        self.spawn(self._load_thumbnail(job_id), busy=False)

    async def _load_thumbnail(self, job_id: str) -> None:
        data = await asyncio.to_thread(self._thumbnail, job_id)
        if data:
            self.thumbnailLoaded.emit(job_id, data)

    def _thumbnail(self, job_id: str) -> bytes | None:
        gallery = self._core.gallery
        for asset in gallery.for_job(job_id):
            if asset.kind in ("image", "video"):  # a video's thumbnail is its poster
                return gallery.thumbnails.get_or_make(asset.id, asset.path, THUMB_SIZE)
        return None

    def gallery_asset(self, job_id: str) -> str | None:
        """The id of the job's first result in the gallery, or None (call in a worker thread)."""
        assets = self._core.gallery.for_job(job_id)
        return assets[0].id if assets else None

    # -- news while the window is away -----------------------------------------------------------

    @property
    def unseen(self) -> int:
        return len(self._unseen)

    @Slot(bool)
    def setWindowActive(self, active: bool) -> None:  # Qt slot naming
        """The window gained or lost the focus; gaining it counts the news as seen."""
        self._window_active = active
        if active and self._unseen:
            self._unseen.clear()
            self.unseenChanged.emit(0)

    def news(self, job_id: str) -> tuple[str, str]:
        """(title, sentence) of a desktop notification about a job that settled: what it made and how it
        ended, and its prompt (or its error)."""
        job = self.model.job(job_id)
        if job is None:
            return "", ""
        what = {"image": self.tr("image"), "mj": self.tr("image"), "video": self.tr("video"),
                "music": self.tr("song")}.get(job.capability, self.tr("job"))
        prompt = " ".join(str(job.metadata.get("label") or job.prompt).split())
        prompt = prompt if len(prompt) <= 80 else prompt[:79] + "…"
        if job.state in (JobState.DONE, JobState.DONE_REMOTE_ONLY):
            return self.tr("Your {0} is ready").format(what), prompt
        return self.tr("Your {0} failed").format(what), stored_error(job) or prompt

    def _settled(self, job: Job) -> None:
        if self._window_active or job.updated_at - job.created_at < NEWS_AFTER:
            return
        if job.state is JobState.CANCELLED:
            return  # the user's own doing
        self._unseen.add(job.id)
        self.unseenChanged.emit(len(self._unseen))
        self.newsArrived.emit(job.id, job.state in (JobState.DONE, JobState.DONE_REMOTE_ONLY))

    # -- the user's choices ----------------------------------------------------------------------

    def actions(self, job: Job | None) -> JobActions:
        """What the user may do with `job` in its present state (nothing when no job is selected)."""
        return JobActions.of(job)

    @Slot(str)
    def cancel(self, job_id: str) -> None:
        self.spawn(self._act(lambda runner: runner.cancel(job_id)), busy=False)

    @Slot(str)
    def retry(self, job_id: str) -> None:
        """Retry a failed job, submit an unknown one again, or download a link-only result again."""
        self.spawn(self._act(lambda runner: runner.retry(job_id)), busy=False)

    @Slot(str)
    def keepWaiting(self, job_id: str) -> None:  # Qt slot naming
        self.spawn(self._act(lambda runner: runner.keep_waiting(job_id)), busy=False)

    async def _act(self, action: Callable[[JobRunner], Awaitable[object]]) -> None:
        await action(await self.ready())

    async def shutdown(self) -> None:
        self._clock.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        await super().shutdown()
