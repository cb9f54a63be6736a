"""The job runner: drives every job through its life (docs/JOBS.md) on one asyncio loop.

Each job is its own task, so a slow poll never holds another job's download. Every step is
committed to the store before the next one starts: the row exists before the request leaves, the
remote id is saved the moment it is known, and results are streamed into the library at once.
At start the runner marks submissions a dead process left half-sent as `unknown` (never re-sent
by itself) and resumes every job whose remote id is known, and every half-sent job whose handler resumes
its send from what it saved (`FamilyHandler.resumable_submit`). Two processes never drive the same job:
each claims it in the store first.

The runner is Qt-free; front ends `subscribe` to plain `JobEvent`s (the GUI's view-models turn
them into Signals, the CLI prints them to stderr).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import logging
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from studio.api.chatmedia import data_url, decode_data_url
from studio.api.client import KEY_SEALS, sending_once
from studio.api.errors import ApiError, BadResponse, NetworkError, RateLimited, RelayError, ServerError
from studio.errors import Described, ErrorInfo, InputError, StudioError, cause_info, error_info
from studio.jobs.downloads import Downloader, DownloadFailed, write_file
from studio.jobs.handlers import RELAY_LINK, FamilyHandler, Outcome, Result, SendingStopped, input_path, saved_inputs
from studio.jobs.model import (
    CANCELLABLE,
    RESUMABLE,
    RETRYABLE,
    SETTLED,
    Engine,
    IllegalTransition,
    Job,
    JobState,
    sends_on,
)
from studio.jobs.store import OWNER_PID, RUNNER_PID, JobStore
from studio.storage.db import DatabaseError
from studio.storage.disk import DiskFull, disk_full, ensure_margin, is_no_room
from studio.storage.filetypes import MEDIA, decodes, extension_for, sniff_kind
from studio.storage.paths import OutsideDataFolder
from studio.storage.processes import alive, process_id

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.gallery.store import Asset, GalleryStore

log = logging.getLogger(__name__)

#: network failures in which the request never reached the relay: safe to call a plain failure.
_NOT_SENT = frozenset({"refused", "dns", "tls", "proxy", "connect-timeout"})
#: answers to a submit that do not say whether the relay took it (a timeout page, a gateway error)
_AMBIGUOUS_STATUSES = frozenset({408, 500, 502, 503, 504, 520, 521, 522, 523, 524})

_POLLING = frozenset({JobState.SUBMITTED, JobState.RUNNING, JobState.STALLED})
#: consecutive poll answers that are errors but not transient (401, 404, 400) before a job fails.
_HARD_POLL_ERRORS = 3
#: tries, and the first pause between them (doubling), to save a submit's answer the store refused
_SAVE_TRIES = 4
_SAVE_PAUSE = 0.5
#: requests in flight at once per kind: hundreds of jobs sending in one burst would stall the event loop
#: (the GUI's) inside httpcore's pool; queued work waits its turn instead
MAX_CONCURRENT_POLLS = 12
MAX_CONCURRENT_SUBMITS = 8
MAX_CONCURRENT_DOWNLOADS = 6
#: seconds between looks at the store, while a send that resumes runs, for a cancel from another process
CANCEL_CHECK = 1.0


class AnswerNotSaved(StudioError):
    """A submit's answer (a paid task) could not be saved; the sentence names its task id."""


@dataclass(frozen=True, slots=True)
class _Unsaved:
    """A submit's answer waiting to be saved: the job as sent, the answer, and what to store."""

    job: Job
    outcome: Outcome
    target: JobState
    fields: dict[str, Any]
    sentence: str


@dataclass(frozen=True, slots=True)
class JobEvent:
    """Something happened to `job` (its state, progress or note); `asset` when a result was saved."""

    job: Job
    asset: Asset | None = None
    note: str = ""  # one English sentence
    preview: str = ""  # a link to a picture of the work in progress (Midjourney's forming grid)
    #: the note as a code and its arguments, for a front end to word in its own language (None: only `note`)
    detail: ErrorInfo | None = None


Listener = Callable[[JobEvent], None]


class JobRunner:
    def __init__(
        self,
        store: JobStore,
        gallery: GalleryStore,
        handlers: Mapping[tuple[str, str], FamilyHandler],
        client_for: Callable[[str], RelayClient],
        *,
        downloader: Downloader | None = None,
        poll_scale: float = 1.0,
        download_attempts: int = 4,
        min_free: int = 0,
        redact: Callable[[str], str] = lambda text: text,
    ) -> None:
        self._store = store
        self._gallery = gallery
        self._handlers = dict(handlers)
        self._client_for = client_for  # profile name → client; may read the keyring (run in a thread)
        self._downloader = downloader or Downloader()
        self._poll_scale = poll_scale
        self._download_attempts = max(1, download_attempts)
        self._min_free = min_free  # bytes the disk must have free before a paid request is sent
        self._redact = redact  # scrubs keys out of what is stored (errors, result links)
        #: result links as the relay gave them, by job id; the store keeps them with any key masked
        self._links: dict[str, tuple[str, ...]] = {}
        self._tasks: dict[str, asyncio.Task[Job]] = {}
        self._listeners: list[Listener] = []
        self._stall_reset: dict[str, float] = {}
        self._slots: dict[str, asyncio.Semaphore] = {}  # made on the loop that uses them
        #: answers to submits the store could not take yet, by job id (see `_record`)
        self._unsaved: dict[str, _Unsaved] = {}

    # -- events ----------------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _note(self, job: Job, problem: StudioError) -> None:
        """Tell the front ends about a passing problem of a job at work (a retried download, a network hiccup)."""
        detail = problem.describe()
        self._emit(job, note=str(problem), detail=self._masked(detail) if detail else None)

    def _emit(self, job: Job, asset: Asset | None = None, note: str = "", preview: str = "",
              detail: ErrorInfo | None = None) -> None:
        event = JobEvent(job, asset, note, preview, detail)
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a front end's bug must not stop a paid-for job
                log.exception("job listener failed")

    # -- public API ------------------------------------------------------------------------------

    async def start(self) -> list[Job]:
        """Mark interrupted submissions `unknown` and resume every job with a known remote id, and every
        half-sent one whose send resumes (`FamilyHandler.resumable_submit`)."""
        await self._mark_interrupted()
        resumed = await asyncio.to_thread(self._store.resumable)
        for job in resumed:
            self.run(job.id)
        return resumed

    async def _mark_interrupted(self) -> None:
        """Jobs left `submitting` by a process that is gone become `unknown` (never re-sent by themselves)."""
        for job in await asyncio.to_thread(self._store.mark_interrupted_submissions):
            self._emit(job)

    async def watch(self, interval: float = 30.0) -> None:
        """For long-lived front ends (the GUI): every `interval` seconds, take over unfinished jobs whose
        driver went away (a `studio jobs resume` stopped with Ctrl-C while the window was open)."""
        while True:
            await asyncio.sleep(interval)
            await self._save_unsaved()
            for job in await asyncio.to_thread(self._store.resumable):
                if not self.active(job.id):
                    self.run(job.id)  # returns at once when a live process still holds the claim

    def run(self, job_id: str) -> asyncio.Task[Job]:
        """Drive a job (saved, or resumable) in the background; the same task if already driven."""
        task = self._tasks.get(job_id)
        if task is None or task.done():
            task = asyncio.get_running_loop().create_task(self._drive(job_id), name=f"job-{job_id}")
            self._tasks[job_id] = task
            task.add_done_callback(functools.partial(self._forget, job_id))
        return task

    def _forget(self, job_id: str, task: asyncio.Task[Job]) -> None:
        if self._tasks.get(job_id) is task:
            del self._tasks[job_id]

    def active(self, job_id: str) -> bool:
        task = self._tasks.get(job_id)
        return task is not None and not task.done()

    def idle(self) -> bool:
        """Whether no job is being driven by this runner (every task it started has ended)."""
        return not any(not task.done() for task in list(self._tasks.values()))

    async def wait(self, job_id: str, *, until: Callable[[Job], bool] | None = None,
                   interval: float = 1.0) -> Job:
        """Follow a job until it ends (or `until(job)` holds). A job nobody drives is taken over; one
        that another live process drives is watched in the store every `interval` seconds."""
        stop = until or (lambda job: job.state in SETTLED)
        changed = asyncio.Event()

        def on_event(event: JobEvent) -> None:
            if event.job.id == job_id:
                changed.set()

        unsubscribe = self.subscribe(on_event)
        try:
            while True:
                changed.clear()
                if job_id in self._unsaved:  # its answer is only in memory: say so, with its task id
                    raise AnswerNotSaved(self._unsaved[job_id].sentence)
                job = await self._get(job_id)
                task = self._tasks.get(job_id)
                if stop(job):
                    if until is None and task is not None and not task.done():
                        await asyncio.wait({task})  # its last step (the event, the claim) completes first
                    return job
                if task is None:
                    if _driven_elsewhere(job):  # another live process sends or polls it: wait for that driver
                        await asyncio.sleep(interval)
                        continue
                    if job.state is JobState.SUBMITTING and not sends_on(job):  # its sender died mid-send
                        await self._mark_interrupted()  # the outcome is unknown
                        continue
                    if job.state not in RESUMABLE | {JobState.SAVED} and not sends_on(job):
                        return job
                    task = self.run(job_id)  # a send that resumes from what it saved is taken over too
                waiter = asyncio.ensure_future(changed.wait())
                await asyncio.wait({waiter, task}, return_when=asyncio.FIRST_COMPLETED)
                waiter.cancel()
                if task.done():
                    if not task.cancelled() and task.exception() is not None:
                        raise task.exception()  # type: ignore[misc]  # a bug: let the front end report it
                    if job_id in self._unsaved:
                        continue  # said at the top of the loop
                    job = await self._get(job_id)
                    if stop(job):
                        return job
                    await asyncio.sleep(interval)  # another live process took it meanwhile: the top decides
        finally:
            unsubscribe()

    async def cancel(self, job_id: str) -> Job:
        """Stop a job that has no results yet: polling stops, and a family with a remote cancel
        (`FamilyHandler.cancel`) is asked to stop the task, best effort (most relays offer none)."""
        job = await self._get(job_id)
        if sends_on(job):
            return await self._cancel_sending(job)
        if job.state not in CANCELLABLE:
            raise InputError(_not_cancellable(job.state))
        task = self._tasks.get(job_id)
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        try:
            job = await self._move(await self._get(job_id), JobState.CANCELLED, error=None)
        except IllegalTransition:  # the job moved on while it was being stopped
            job = await self._get(job_id)
            if job.state is JobState.SUBMITTING:  # stopped in the middle of sending: say so, never resend
                return await self._move(job, JobState.UNKNOWN, error=Described(
                    "The job was cancelled while it was being sent; the relay may have received it.",
                    "runner.cancelled-while-sending"))
            if job.state in RESUMABLE:
                self.run(job_id)  # results on their way are still saved
            raise InputError(_not_cancellable(job.state)) from None
        await asyncio.to_thread(self._store.release, job_id)
        handler = self._handlers.get((job.capability, job.family))
        if handler is not None and job.remote_id:
            try:  # the job is cancelled here whatever the relay answers
                await handler.cancel(job, await asyncio.to_thread(self._client_for, job.profile))
            except Exception as exc:
                log.warning("job %s: the relay could not be asked to stop its task: %s", job_id, self._redact(str(exc)))
        return job

    async def _cancel_sending(self, job: Job) -> Job:
        """Cancel a job whose send resumes (docs/JOBS.md#sends-that-resume). Sent here: its submit is asked to stop
        (`FamilyHandler.stop_sending`), sends nothing more, lets the parts in flight arrive and be saved, and the
        job ends cancelled; one still waiting for a submit slot has sent nothing and is simply stopped. Sent by a
        process that is gone, or by another live one (which finds the row cancelled within `CANCEL_CHECK` seconds
        and stops the same way), it is marked cancelled here."""
        task = self._tasks.get(job.id)
        handler = self._handlers.get((job.capability, job.family))
        if task is not None and not task.done():
            if handler is not None and handler.stop_sending(job.id):
                await asyncio.wait({task})
                job = await self._get(job.id)
                if job.state is JobState.CANCELLED:
                    return job
                raise InputError(_not_cancellable(job.state))  # it ended meanwhile: its results are kept
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            job = await self._get(job.id)
        try:
            return await self._move(job, JobState.CANCELLED, error=None, engine=_without(job.engine, OWNER_PID))
        except IllegalTransition:
            job = await self._get(job.id)
            if job.state is JobState.CANCELLED:
                return job
            raise InputError(_not_cancellable(job.state)) from None

    @contextlib.contextmanager
    def _cancels_seen(self, job: Job, handler: FamilyHandler) -> Iterator[None]:
        """Around a send that resumes: a cancel from another process stops it (`_stop_when_cancelled`)."""
        watcher = asyncio.create_task(self._stop_when_cancelled(job.id, handler)) if handler.resumable_submit \
            else None
        try:
            yield
        finally:
            if watcher is not None:
                watcher.cancel()

    async def _stop_when_cancelled(self, job_id: str, handler: FamilyHandler) -> None:
        """While a send that resumes runs here: stop it when another process marked the job cancelled."""
        while True:
            await asyncio.sleep(CANCEL_CHECK)
            try:
                job = await self._get(job_id)
            except (KeyError, DatabaseError):
                continue
            if job.state is not JobState.SUBMITTING:
                handler.stop_sending(job_id)
                return

    async def retry(self, job_id: str) -> Job:
        """A failed or cancelled job: poll again when the relay has it, otherwise submit it again.
        An `unknown` job is submitted again (the user chose to); `done_remote_only` downloads again."""
        job = await self._get(job_id)
        if job.state not in RETRYABLE:
            raise InputError(f"Job {job.id} is {job.state.value}; only failed, cancelled, unknown or link-only "
                             "jobs can be retried.")
        if job.state is JobState.UNKNOWN:
            target = JobState.SUBMITTING
        elif job.state is JobState.DONE_REMOTE_ONLY:
            target = JobState.DOWNLOADING
        elif (job.state in (JobState.FAILED, JobState.CANCELLED) and job.remote_id
              and not job.engine.get("failed_remotely")):
            target = JobState.SUBMITTED  # we gave up or stopped polling: the relay still has the task
        else:
            target = JobState.SAVED
        engine = _without(job.engine, "failed_remotely", "poll_errors")
        fresh: dict[str, Any] = {}
        if target in (JobState.SUBMITTING, JobState.SAVED):  # a new task: what the old one saved stays
            saved = await self._saved(job)
            if saved:  # and the new results go after it (docs/JOBS.md#partial-results)
                engine = cast(Engine, {**_without(engine, "result_kinds", "result_metas"),
                                       "result_base": _base(job) + max(saved) + 1})
                fresh = {"result_urls": ()}
        if target is JobState.SUBMITTING:
            job = await self._move(job, target, error=None, engine={**engine, OWNER_PID: process_id()}, **fresh)
        elif target is JobState.SAVED:
            job = await self._move(job, target, error=None, progress=None, remote_id=None, result_urls=(),
                                   texts=(), engine=engine)
        else:
            job = await self._move(job, target, error=None, engine=engine)
        self.run(job.id)
        return job

    async def keep_waiting(self, job_id: str) -> None:
        """A stalled job: the user chose to wait longer; the age limit starts again."""
        self._stall_reset[job_id] = time.time()

    async def aclose(self) -> None:
        """Stop driving (jobs keep their state and resume next start) and close the downloader."""
        tasks = [t for t in self._tasks.values() if not t.done()]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        await self._downloader.aclose()

    def _slot(self, kind: str) -> asyncio.Semaphore:
        slot = self._slots.get(kind)
        if slot is None:
            limit = {"poll": MAX_CONCURRENT_POLLS, "submit": MAX_CONCURRENT_SUBMITS}.get(kind, MAX_CONCURRENT_DOWNLOADS)
            slot = self._slots[kind] = asyncio.Semaphore(limit)
        return slot

    async def fetch_preview(self, url: str, limit: int = 20 * 1024 * 1024) -> bytes | None:
        """The bytes of a work-in-progress picture (no key sent), or None when it cannot be had."""
        try:
            return await self._downloader.fetch_bytes(url, limit=limit, kind="image")
        except ApiError:
            return None

    # -- store helpers ---------------------------------------------------------------------------

    async def _get(self, job_id: str) -> Job:
        job = await asyncio.to_thread(self._store.get, job_id)
        if job is None:
            raise KeyError(job_id)
        return job

    async def _move(self, job: Job, target: JobState, **fields: Any) -> Job:
        if target in SETTLED:  # nothing left to drive: release the claim with it
            fields["engine"] = _without(fields.get("engine", job.engine), RUNNER_PID)
        moved = await asyncio.to_thread(self._store.transition, job.id, target, **await self._scrubbed(job, fields))
        self._emit(moved)
        return moved

    async def _update(self, job: Job, **fields: Any) -> Job:
        updated = await asyncio.to_thread(self._store.update, job.id, **await self._scrubbed(job, fields))
        self._emit(updated)
        return updated

    async def _scrubbed(self, job: Job, fields: dict[str, Any]) -> dict[str, Any]:
        """`fields` as they may be stored: no key the relay echoed in an error, a reply kept in the metadata,
        a text, or put in a result link. The profile's key in a link is sealed (put back when the link is
        fetched, in any process); other credentials are masked, and the link as given is kept in memory for
        this process's downloads."""
        error = fields.get("error")
        if isinstance(error, StudioError):  # its English sentence, and its code for front ends to word again
            fields["error"], fields["error_detail"] = str(error), error.describe()
        if fields.get("error"):
            fields["error"] = self._redact(fields["error"])
        if fields.get("error_detail"):
            fields["error_detail"] = self._masked(fields["error_detail"])
        for name in ("metadata", "texts"):
            if fields.get(name):
                fields[name] = self._masked(fields[name])
        if "result_urls" in fields:
            links = tuple(fields["result_urls"])
            seal = await self._sealer(job)
            stored = tuple(self._redact(seal(url)) if url and not url.startswith("data:") else url for url in links)
            if stored != links:
                self._links[job.id] = links
            else:  # links kept from an earlier answer (results saved while the job ran) are out of date
                self._links.pop(job.id, None)
            fields["result_urls"] = stored
        return fields

    def _masked(self, value: Any) -> Any:
        """`value` (a job's metadata or texts: JSON-like) with keys and credential parameters masked in
        every string, as in errors."""
        if isinstance(value, str):
            return self._redact(value)
        if isinstance(value, Mapping):
            return {key: self._masked(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(self._masked(item) for item in value)
        return value

    async def _sealer(self, job: Job) -> Callable[[str], str]:
        try:
            return (await asyncio.to_thread(self._client_for, job.profile)).seal
        except StudioError:  # the profile's key cannot be read now: masking alone keeps it out
            return lambda text: text

    # -- driving ---------------------------------------------------------------------------------

    async def _drive(self, job_id: str) -> Job:
        job = await asyncio.to_thread(self._store.claim, job_id)
        if job is None:  # another live process drives it
            return await self._get(job_id)
        try:
            handler = self._handlers.get((job.capability, job.family))
            if handler is None:
                if job.state in SETTLED:
                    return job
                return await self._move(job, JobState.FAILED, error=Described(
                    f"This version of Relay Studio cannot run {job.family} jobs.", "runner.unsupported-family",
                    family=job.family))
            if job.state in (JobState.SAVED, JobState.SUBMITTING):
                job = await self._submit(job, handler)
            polls = 0
            client = await asyncio.to_thread(self._client_for, job.profile) if job.state in _POLLING else None
            while job.state in _POLLING:
                job, healthy = await self._poll(job, handler, polls, client)
                polls += 1
                if not healthy:  # the profile may have changed (a new key): ask the pool again
                    client = await asyncio.to_thread(self._client_for, job.profile)
            if job.state is JobState.DOWNLOADING:
                job = await self._download(job, handler)
            return job
        except IllegalTransition:  # changed by someone else meanwhile (cancelled from another process)
            return await self._get(job_id)
        except AnswerNotSaved:  # kept in memory; `wait` tells the front end, `watch` saves it later
            return self._unsaved[job_id].job
        except StudioError as exc:  # e.g. the disk is full while a result is saved
            return await self._fail_safely(job_id, exc)
        except Exception:
            log.exception("job %s stopped by a bug", job_id)
            return await self._fail_safely(job_id, Described(
                "Relay Studio failed while running this job; the details are in the log file. Retry it to continue.",
                "runner.bug"))
        finally:
            with contextlib.suppress(Exception):
                await asyncio.shield(asyncio.to_thread(self._store.release, job_id))

    async def _submit(self, job: Job, handler: FamilyHandler) -> Job:
        client = await asyncio.to_thread(self._client_for, job.profile)  # a missing key fails before sending
        try:  # checked before anything is sent, so a refusal costs nothing
            await asyncio.to_thread(self._check_before_sending, job)
        except (OutsideDataFolder, DiskFull) as exc:
            log.warning("job %s not sent: %s", job.id, exc)
            return await self._move(job, JobState.FAILED, engine=_without(job.engine, OWNER_PID), error=Described(
                f"{str(exc).rstrip('.')}; nothing was sent.", "runner.nothing-sent", cause=cause_info(exc)))
        resumes = cast(Engine, {"resumable_submit": True} if handler.resumable_submit else {})
        if job.state is JobState.SAVED:
            job = await self._move(job, JobState.SUBMITTING, engine={**job.engine, OWNER_PID: process_id(), **resumes})
        elif job.engine.get(OWNER_PID) != process_id() or resumes.items() - job.engine.items():
            # a send taken over from a dead process (or submitted again): this process is its sender now
            job = await self._update(job, engine={**job.engine, OWNER_PID: process_id(), **resumes})

        def report(progress: float | None, note: str, detail: ErrorInfo | None = None, /) -> None:
            nonlocal job
            if progress is not None:
                job = _replace_progress(job, progress)
            self._emit(job, note=note, detail=detail)

        try:
            async with self._slot("submit"):
                # never repeated by the client on an ambiguous answer; a send that resumes can be stopped
                with sending_once(), handler.sending(job), self._cancels_seen(job, handler):
                    outcome = await handler.submit(job, client, report)
        except SendingStopped:  # cancelled between parts: what arrived is on disk, a retry sends the rest
            return await self._move(job, JobState.CANCELLED, error=None, engine=_without(job.engine, OWNER_PID))
        except NetworkError as exc:
            sent = _without(job.engine, OWNER_PID)
            if exc.reason in _NOT_SENT or handler.resumable_submit:  # a retry sends only what has no answer
                return await self._move(job, JobState.FAILED, error=exc, engine=sent)
            return await self._move(job, JobState.UNKNOWN, error=_unknown(exc), engine=sent)
        except (RelayError, BadResponse) as exc:
            sent = _without(job.engine, OWNER_PID)
            ambiguous = isinstance(exc, BadResponse) or getattr(exc, "status", 0) in _AMBIGUOUS_STATUSES
            if ambiguous and not handler.resumable_submit:
                return await self._move(job, JobState.UNKNOWN, engine=sent, error=Described(
                    f"{str(exc).rstrip('.')}; the relay may still have started the job. Check its task list, "
                    "then submit again or discard.", "runner.maybe-started", cause=cause_info(exc)))
            return await self._move(job, JobState.FAILED, error=exc, engine=sent)
        except ApiError as exc:
            return await self._move(job, JobState.FAILED, error=exc, engine=_without(job.engine, OWNER_PID))
        metadata = self._masked({**job.metadata, **outcome.metadata})  # also saved below without `_scrubbed`
        engine = _without(job.engine, OWNER_PID)
        if outcome.phase == "failed" and any(not r.empty for r in outcome.results):  # finished ones are kept
            job = await self._record(job, outcome, JobState.SUBMITTED, remote_id=outcome.remote_id,
                                     submitted_at=time.time(), metadata=metadata, engine=engine)
            return await self._fail_keeping(job, outcome, metadata)
        if outcome.phase == "failed":
            return await self._record(job, outcome, JobState.FAILED, remote_id=outcome.remote_id,
                                      error=_outcome_error(outcome), metadata=metadata,
                                      engine={**engine, "failed_remotely": True})
        if outcome.phase == "succeeded":
            try:
                results = await self._results(job, outcome, engine)
            except ApiError as exc:
                return await self._move(job, JobState.FAILED, error=exc, metadata=metadata, engine=engine)
            return await self._record(job, outcome, JobState.DOWNLOADING, remote_id=outcome.remote_id,
                                      submitted_at=time.time(), progress=100.0, metadata=metadata, **results)
        if not outcome.remote_id:
            return await self._move(job, JobState.FAILED, metadata=metadata, engine=engine, error=Described(
                "The relay accepted the job but gave no task id.", "runner.no-task-id"))
        try:
            return await self._record(job, outcome, JobState.SUBMITTED, remote_id=outcome.remote_id,
                                      submitted_at=time.time(), progress=outcome.progress, metadata=metadata,
                                      engine=engine)
        except IllegalTransition:  # moved meanwhile by another process: the task id is kept all the same
            await asyncio.to_thread(self._store.update, job.id, remote_id=outcome.remote_id, metadata=metadata)
            raise

    async def _results(self, job: Job, outcome: Outcome, engine: Engine) -> dict[str, Any]:
        """The fields a finished answer sets: its links (inline bytes saved now, unless saved while the job
        ran), its texts, and the kind and meta of each result, recorded from the handler's typed results."""
        saved = await self._saved(job) if any(r.data is not None for r in outcome.results) else set()
        urls = await self._save_inline(job, outcome.results, saved)
        return {"result_urls": urls, "texts": tuple(outcome.texts),
                "engine": {**engine, "result_kinds": [r.kind for r in outcome.results],
                           "result_metas": [self._masked(dict(r.meta)) for r in outcome.results]}}

    async def _record(self, job: Job, outcome: Outcome, target: JobState, **fields: Any) -> Job:
        """Save the relay's answer to a submit. It was paid for, so a store that cannot take it (a full
        disk, a lock) is tried again; if it still cannot, the answer stays in memory (written at the next
        `watch` round) and `AnswerNotSaved` names the task id, so the job is never paid for twice."""
        problem: StudioError | None = None
        for attempt in range(_SAVE_TRIES):
            try:
                job = await self._move(job, target, **fields)
                self._unsaved.pop(job.id, None)
                return job
            except DatabaseError as exc:
                problem = exc
                log.warning("the answer to job %s could not be saved (try %d): %s", job.id, attempt + 1, exc)
                await asyncio.sleep(_SAVE_PAUSE * 2 ** attempt)
        task = f" (task id {outcome.remote_id})" if outcome.remote_id else ""
        sentence = (f"The relay accepted the job{task}, but it could not be saved: {str(problem).rstrip('.')}; "
                    "Relay Studio keeps trying while it runs and never sends the job again.")
        self._unsaved[job.id] = _Unsaved(job, outcome, target, fields, sentence)
        self._emit(job, note=sentence)
        raise AnswerNotSaved(sentence)

    async def _save_unsaved(self) -> None:
        """Try again to save answers the store could not take (see `_record`)."""
        for job_id, unsaved in list(self._unsaved.items()):
            try:
                saved = await self._record(unsaved.job, unsaved.outcome, unsaved.target, **unsaved.fields)
            except AnswerNotSaved:
                continue  # still refused: the next round tries again
            except IllegalTransition:  # moved meanwhile (cancelled from another process): keep the task id
                self._unsaved.pop(job_id, None)
                with contextlib.suppress(StudioError):
                    await asyncio.to_thread(self._store.update, job_id, remote_id=unsaved.outcome.remote_id)
                continue
            if saved.state in RESUMABLE:
                self.run(job_id)

    def _check_before_sending(self, job: Job) -> None:
        """A paid request leaves only when its inputs are the job's own files and the disk has room for
        its answer: a task id that cannot be saved is a task paid twice (call in a thread)."""
        for entry in saved_inputs(job.request):
            input_path(self._gallery.root, entry)
        for folder in (self._gallery.root, self._gallery.root / "library"):
            ensure_margin(folder, self._min_free)

    async def _poll(self, job: Job, handler: FamilyHandler, polls: int, client: RelayClient | None,
                    ) -> tuple[Job, bool]:
        """One poll; returns the job and whether the client answered normally."""
        age = time.time() - (job.submitted_at or job.created_at)
        await asyncio.sleep(handler.policy.interval(age, polls, self._poll_scale) if polls else 0)
        if client is None:
            client = await asyncio.to_thread(self._client_for, job.profile)
        hard_errors = int(job.engine.get("poll_errors", 0))
        try:
            if handler.batches_polls:
                outcome = await handler.poll(job, client)
            else:
                async with self._slot("poll"):
                    outcome = await handler.poll(job, client)
        except (NetworkError, RateLimited, ServerError, BadResponse) as exc:
            delay = getattr(exc, "retry_after", None)
            self._note(job, exc)
            if delay:
                await asyncio.sleep(min(float(delay), 300.0))
            return await self._maybe_stall(job, handler), False
        except ApiError as exc:
            hard_errors += 1
            if hard_errors >= _HARD_POLL_ERRORS:
                return await self._move(job, JobState.FAILED, error=exc), False
            return await self._update(job, engine={**job.engine, "poll_errors": hard_errors}), False
        if hard_errors:
            job = await self._update(job, engine=_without(job.engine, "poll_errors"))
        return await self._apply(job, handler, outcome), True

    async def _apply(self, job: Job, handler: FamilyHandler, outcome: Outcome) -> Job:
        # masked as stored, so a poll whose answer holds a key is no news each time
        metadata = self._masked({**job.metadata, **outcome.metadata}) if outcome.metadata else job.metadata
        if outcome.preview and outcome.phase in ("queued", "running"):
            self._emit(job, preview=outcome.preview)
        if outcome.phase == "failed":
            return await self._fail_keeping(job, outcome, metadata)
        if outcome.phase == "succeeded":
            try:
                results = await self._results(job, outcome, job.engine)
            except ApiError as exc:
                return await self._move(job, JobState.FAILED, error=exc, metadata=metadata)
            return await self._move(job, JobState.DOWNLOADING, progress=100.0, metadata=metadata, **results)
        news = outcome.progress != job.progress or metadata != job.metadata
        if (outcome.phase == "running" and job.state is JobState.SUBMITTED) or (job.state is JobState.STALLED and news):
            job = await self._move(job, JobState.RUNNING, progress=outcome.progress, metadata=metadata)
            return await self._save_ready(job, outcome.results)
        if news:
            job = await self._update(job, progress=outcome.progress, metadata=metadata)
        return await self._maybe_stall(await self._save_ready(job, outcome.results), handler)

    async def _fail_keeping(self, job: Job, outcome: Outcome, metadata: dict[str, Any]) -> Job:
        """End a job whose task failed, keeping what it paid for: the results the answer hands over as final
        (a Suno clip done before, or as, its task failed) and those whose download failed while the job ran
        are saved first (docs/JOBS.md#partial-results); then the job fails with the relay's reason, or ends
        "link only" when one of them still cannot be downloaded (a retry downloads it, never sends again)."""
        job = await self._save_ready(job, outcome.results, fetch=False)
        have = await self._saved(job)
        links = self._links.get(job.id, job.result_urls)
        pending = [(i, url) for i, url in enumerate(links) if url and i not in have]
        kinds = _padded(job.engine.get("result_kinds"), len(links), MEDIA)
        problems = await asyncio.gather(*(self._fetch(job, i, url, kinds[i]) for i, url in pending))
        failed = [i for (i, _), problem in zip(pending, problems, strict=True) if problem is not None]
        if failed:
            job = await self._move(job, JobState.DOWNLOADING, metadata=metadata)
            return await self._move(job, JobState.DONE_REMOTE_ONLY, error=_links_kept(problems, failed),
                                    engine={**job.engine, "remote_only": failed})
        return await self._move(job, JobState.FAILED, error=_outcome_error(outcome), metadata=metadata,
                                engine={**job.engine, "failed_remotely": True})

    async def _maybe_stall(self, job: Job, handler: FamilyHandler) -> Job:
        limit = handler.policy.stall_after
        if limit is None or job.state is JobState.STALLED:
            return job
        started = max(job.submitted_at or job.created_at, self._stall_reset.get(job.id, 0.0))
        if time.time() - started > limit * self._poll_scale:
            return await self._move(job, JobState.STALLED)
        return job

    async def _fail_safely(self, job_id: str, problem: StudioError) -> Job:
        """End a job an unexpected error stopped, in the state that loses least: a send whose answer was
        lost is `unknown`, a download is `done_remote_only` (its links kept), anything else `failed`
        with its task id (a retry polls again)."""
        job = await self._get(job_id)
        target = {JobState.SUBMITTING: JobState.UNKNOWN, JobState.DOWNLOADING: JobState.DONE_REMOTE_ONLY}.get(
            job.state, JobState.FAILED)
        if sends_on(job):  # a send that resumes from what it saved: a retry sends only what has no answer
            target = JobState.FAILED
        if job.state in SETTLED:
            return job
        try:
            return await self._move(job, target, error=problem)
        except IllegalTransition:
            return await self._get(job_id)
        except DatabaseError as exc:  # the store cannot take it either: the row keeps its last saved state
            log.warning("job %s could not be marked %s: %s", job_id, target.value, exc)
            return job

    # -- results ---------------------------------------------------------------------------------

    async def _saved(self, job: Job) -> set[int]:
        """The indices of this submission's results already in the library."""
        base = _base(job)
        return {a.result_index - base for a in await asyncio.to_thread(self._gallery.for_job, job.id)
                if a.result_index is not None and a.result_index >= base}

    async def _save_ready(self, job: Job, results: list[Result], *, fetch: bool = True) -> Job:
        """Save the results a running job's handler reports final already (docs/JOBS.md#partial-results),
        as a finished job's are: their links, kinds and metas are stored first (a restart knows them), then
        each is written or downloaded (links only when `fetch`), with the same events. A download that fails
        now is only noted: the job's end tries it again. Results saved before are left alone."""
        if all(r.empty for r in results):
            return job
        saved = await self._saved(job)
        fresh = [(i, r) for i, r in enumerate(results) if not r.empty and i not in saved]
        if not fresh:
            return job
        size = max(len(results), len(job.result_urls))
        links = _padded(self._links.get(job.id, job.result_urls), size, "")
        kinds = _padded(job.engine.get("result_kinds"), size, MEDIA)
        metas = _padded(job.engine.get("result_metas"), size, {})
        for index, result in enumerate(results):
            kinds[index] = result.kind
            if not result.empty:
                metas[index] = self._masked(dict(result.meta))
        for index, result in fresh:  # bytes: "" once written, a `data:` link when the disk had no room
            links[index] = await self._write_inline(job, index, result) if result.data is not None else result.url
        job = await self._update(job, result_urls=links,
                                 engine={**job.engine, "result_kinds": kinds, "result_metas": metas})
        links = list(self._links.get(job.id, links))
        if fetch:
            await asyncio.gather(*(self._fetch(job, i, links[i], kinds[i]) for i, r in fresh if r.data is None))
        return job

    async def _save_inline(self, job: Job, results: list[Result], saved: set[int] | frozenset[int] = frozenset(),
                           ) -> list[str]:
        """Write results that came as bytes into the library now (but those at the `saved` places); return
        the link list (one entry per result, "" for inline ones) to download next. Bytes a full disk cannot
        take are kept as a `data:` link, so the job ends "link only" and "download again" saves them once
        there is room."""
        urls = []
        for index, result in enumerate(results):
            if result.data is not None and index in saved:
                urls.append("")
            elif result.data is not None:
                urls.append(await self._write_inline(job, index, result))
            else:
                urls.append(result.url or "")
        return urls

    async def _write_inline(self, job: Job, index: int, result: Result) -> str:
        """Write result `index`, which came as bytes, into the library: "" once saved, or the bytes as a
        `data:` link when the disk has no room for them."""
        assert result.data is not None
        try:
            asset = await asyncio.to_thread(self._store_bytes, job, index, result)
        except DownloadFailed as exc:
            if not exc.no_room:
                raise
            mime = sniff_kind(result.data[:32], result.kind) or "application/octet-stream"
            return data_url(mime, result.data)
        self._emit(job, asset)
        return ""

    def _store_bytes(self, job: Job, index: int, result: Result) -> Asset:
        """Write a result that came as bytes into the library, checked like a download (call in a thread)."""
        assert result.data is not None
        mime = sniff_kind(result.data[:32], result.kind)
        if mime is None:
            raise BadResponse(f"The relay's {result.kind} data is not a valid {result.kind}.")
        path = self._gallery.new_path(_asset_id(job.id, _base(job) + index), result.suffix or extension_for(mime),
                                      job.created_at)
        try:
            write_file(path, result.data)
        except OSError as exc:
            path.with_name(path.name + ".part").unlink(missing_ok=True)
            if is_no_room(exc):
                raise DownloadFailed(str(disk_full(path.parent, len(result.data))), no_room=True) from None
            raise StudioError(f"The result could not be saved in the library ({exc.strerror or exc}).") from None
        if not decodes(path, mime):
            path.unlink(missing_ok=True)
            raise BadResponse(f"The relay's {result.kind} data is damaged (it does not decode).")
        return self._add_asset(job, index, path, mime, None, result.meta or None)

    def _add_asset(self, job: Job, index: int, path: Path, mime: str, url: str | None,
                   meta: Mapping[str, Any] | None = None) -> Asset:
        """Record a saved result; its metadata is the family and the result's `meta` (given, or the one the
        job stored for `index`)."""
        if meta is None:
            meta = _stored_meta(job, index)
        return self._gallery.add(
            path=path, kind=mime.split("/", 1)[0], mime=mime, prompt=job.prompt, model=job.model,
            profile=job.profile, job_id=job.id, result_index=_base(job) + index,
            remote_url=self._redact(url) if url else None, asset_id=_asset_id(job.id, _base(job) + index),
            metadata={**self._masked(dict(meta)), "family": job.family},
        )

    async def _download(self, job: Job, handler: FamilyHandler) -> Job:
        have = await self._saved(job)
        links = self._links.get(job.id, job.result_urls)
        pending = [(i, url) for i, url in enumerate(links) if url and i not in have]
        kinds = job.engine.get("result_kinds") or []
        problems = await asyncio.gather(*(
            # a link whose kind was never recorded (a row from before kinds were) is taken for what it is
            self._fetch(job, i, url, kinds[i] if i < len(kinds) else MEDIA) for i, url in pending
        ))
        failed = [i for (i, _), problem in zip(pending, problems, strict=True) if problem is not None]
        base = _base(job)  # the after-download step sees this submission's files only
        assets = [a for a in await asyncio.to_thread(self._gallery.for_job, job.id) if (a.result_index or 0) >= base]
        if failed:
            return await self._move(job, JobState.DONE_REMOTE_ONLY, error=_links_kept(problems, failed),
                                    engine={**job.engine, "remote_only": failed})
        try:
            extra = await handler.finished(job, assets) if assets else {}
        except Exception:  # a grid that cannot be split still leaves its files done and listed
            log.exception("after-download step of job %s failed", job.id)
            extra = {}
        self._links.pop(job.id, None)
        return await self._move(job, JobState.DONE, progress=100.0, error=None, metadata={**job.metadata, **extra})

    async def _fetch(self, job: Job, index: int, url: str, kind: str) -> DownloadFailed | None:
        """Save result `index` into the library; None when it is saved, else the last failure."""
        if url.startswith("data:"):
            try:
                data = await asyncio.to_thread(decode_data_url, url)
                asset = await asyncio.to_thread(self._store_bytes, job, index, Result(data=data, kind=kind))
            except ApiError as exc:
                self._note(job, exc)
                return DownloadFailed.because(exc)
            self._emit(job, asset)
            return None
        target = self._gallery.new_path(_asset_id(job.id, _base(job) + index), ".download", job.created_at)
        problem = DownloadFailed("The result could not be downloaded.", info=error_info("download.failed"))
        relay = None  # the profile's client, for a file on the relay itself: the key goes with it there only
        try:
            client = await asyncio.to_thread(self._client_for, job.profile)
        except StudioError as exc:
            if url.startswith(RELAY_LINK) or any(mark in url for mark in KEY_SEALS):
                return DownloadFailed.because(exc)
            client = None  # a file host's link needs no key
        if client is not None and url.startswith(RELAY_LINK):
            relay, url = client.http, url[len(RELAY_LINK):]
        elif client is not None and client.is_home(url):  # new-api's result_url at its own /v1/videos/…/content
            relay, url = client.http, client.unseal(url)  # a link the relay put the key in was stored sealed
        elif client is not None:
            url = client.seal(url)  # the key belongs to the relay: a link elsewhere never carries it
        report = _DownloadReport(lambda note, detail: self._emit(job, note=note, detail=detail))
        for attempt in range(1, self._download_attempts + 1):
            try:
                async with self._slot("download"):
                    saved = await self._downloader.fetch(url, target, kind=kind, http=relay, progress=report)
            except (NetworkError, DownloadFailed) as exc:
                self._note(job, exc)
                problem = DownloadFailed.because(exc)
                if problem.no_room:  # trying again at once cannot help: the user must free some space
                    return problem
                if attempt < self._download_attempts:
                    await asyncio.sleep(2.0 ** attempt * self._poll_scale)
                continue
            stored = job.result_urls[index] if index < len(job.result_urls) else None  # sealed and masked
            asset = await asyncio.to_thread(self._add_asset, job, index, saved.path, saved.mime, stored)
            self._emit(job, asset)
            return None
        return problem


class _DownloadReport:
    """Turns a download's byte counts into a note at most every second ("Downloading: 120 of 480 MB
    (25 %)"): large videos take minutes, and a figure that moves says the app is at work."""

    def __init__(self, emit: Callable[[str, ErrorInfo], None], every: float = 1.0) -> None:
        self._emit = emit
        self._every = every
        self._last = 0.0

    def __call__(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - self._last < self._every and (total is None or done < total):
            return
        self._last = now
        mb = 1024 * 1024
        size = f"{done / mb:.0f}"
        if total:
            whole, percent = f"{total / mb:.0f}", 100 * done // total
            self._emit(f"Downloading: {size} of {whole} MB ({percent} %)",
                       error_info("download.progress", done=size, total=whole, percent=percent))
        else:
            self._emit(f"Downloading: {size} MB", error_info("download.size", done=size))


def _links_kept(problems: Sequence[DownloadFailed | None], failed: list[int]) -> Described:
    """What a job says when results `failed` could not be downloaded and their links are kept."""
    full = next((p for p in problems if p is not None and p.no_room), None)
    if full:
        return Described(f"{str(full).rstrip('.')}; the relay's temporary link is kept: free some space, then "
                         "download again.", "runner.no-room-link-kept", cause=cause_info(full))
    return Described(f"{len(failed)} result(s) could not be downloaded; the relay's temporary link may still work.",
                     "runner.links-kept", count=len(failed))


def _without(engine: Engine, *keys: str) -> Engine:
    """`engine` less `keys` (a copy: jobs are immutable snapshots)."""
    return cast(Engine, {k: v for k, v in engine.items() if k not in keys})


def _driven_elsewhere(job: Job) -> bool:
    """Whether another live process drives `job` (holds its claim, or is sending it)."""
    me = process_id()
    drivers = [job.engine.get(RUNNER_PID)]
    if job.state is JobState.SUBMITTING:
        drivers.append(job.engine.get(OWNER_PID))
    return any(d not in (None, me) and alive(d) for d in drivers)


def _not_cancellable(state: JobState) -> str:
    if state is JobState.SUBMITTING:
        return "The job is being sent; it can be cancelled once the relay has answered."
    if state is JobState.DOWNLOADING:
        return "The job's results are being saved; they are kept."
    return "The job has already ended."


def _asset_id(job_id: str, index: int) -> str:
    """Stable per (job, result): a resumed download finds its `.part` file and its row again."""
    return hashlib.sha1(f"{job_id}:{index}".encode()).hexdigest()[:12]


def _base(job: Job) -> int:
    """The library place of the current submission's result 0 (see `Engine.result_base`)."""
    base = job.engine.get("result_base")
    return base if isinstance(base, int) and base >= 0 else 0


def _padded(stored: Any, size: int, filler: Any) -> list[Any]:
    """A copy of a stored list (anything else counts as empty: the database is input), at least `size` long."""
    items = list(stored) if isinstance(stored, (list, tuple)) else []
    return items + [filler] * (size - len(items))


def _stored_meta(job: Job, index: int) -> Mapping[str, Any]:
    """The `Result.meta` the job stored for result `index` (empty for rows from before metas were kept, and
    for anything but a JSON object: the database is input)."""
    metas = job.engine.get("result_metas")
    meta = metas[index] if isinstance(metas, list) and 0 <= index < len(metas) else None
    return meta if isinstance(meta, Mapping) else {}


def _replace_progress(job: Job, progress: float) -> Job:
    from dataclasses import replace

    return replace(job, progress=progress)


def _unknown(exc: NetworkError) -> Described:
    return Described(f"{str(exc).rstrip('.')} after the request was sent; the relay may have started the job. "
                     "Check the relay's task list, then submit again or discard.", "runner.unknown-after-send",
                     cause=cause_info(exc))


def _outcome_error(outcome: Outcome) -> StudioError | str:
    """The error a failed outcome stores: the handler's sentence (with its code, when it gave one)."""
    if not outcome.error:
        return Described("The relay reported a failure.", "runner.relay-failed")
    if outcome.error_detail:
        return Described(outcome.error, outcome.error_detail["code"], **outcome.error_detail["args"])
    return outcome.error
