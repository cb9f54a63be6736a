"""What a family plugs into the job runner: how to submit, how to poll, how often.

A `FamilyHandler` knows one request dialect (docs/PROTOCOLS.md#families); the runner
owns everything else — the state machine, saving, retrying polls, downloads, events. Handlers are
stateless: everything they need is in the job's `request` and `metadata`, so a job resumes in a
fresh process.
"""

from __future__ import annotations

import contextlib
import importlib
import random
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol, TypedDict, get_args

from studio.errors import ErrorInfo, StudioError, error_info
from studio.storage.paths import inside

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.api.families import FamilySpec
    from studio.gallery.store import Asset
    from studio.jobs.model import Job


@dataclass(frozen=True, slots=True)
class PollPolicy:
    """Poll every `floor` seconds for the first `warmup` seconds, then back off by `growth` per poll
    up to `ceiling`. There is no try cap: after `stall_after` seconds without a result the job shows
    `stalled` and is still polled. `Retry-After` from the relay wins when it asks for longer."""

    floor: float = 5.0
    ceiling: float = 30.0
    growth: float = 1.25
    warmup: float = 60.0
    stall_after: float | None = 3600.0

    def interval(self, age: float, polls: int, scale: float = 1.0) -> float:
        """Seconds to the next poll, with ±10 % jitter so jobs started together do not poll in step."""
        if age < self.warmup:
            base = self.floor
        else:
            extra = max(0, polls - int(self.warmup / max(self.floor, 0.001)))
            base = min(self.ceiling, self.floor * self.growth ** extra)
        return base * scale * random.uniform(0.9, 1.1)


@dataclass(frozen=True, slots=True)
class Result:
    """One result of a job: a link to download, or bytes that came inline (b64, data: URLs). A result with
    neither holds the place of one that is not ready (or never will be) in a list whose places are fixed
    (see `Outcome`)."""

    url: str | None = None
    data: bytes | None = None
    kind: str = "image"
    #: the file name's ending for inline bytes whose kind alone does not tell it (a transcript's ".srt")
    suffix: str | None = None
    #: what the gallery keeps with this result's asset and can search: a clip's `title`, `tags`, `lyrics`,
    #: `duration` (seconds) and `clip_id` (the relay's id of this clip, for an extension of it)
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """True for a place holder: nothing to save at this place (yet)."""
        return self.url is None and self.data is None


#: the role kept in the metadata of a song's cover and video (`Result.meta["role"]`): they are assets of their
#: own, but the Gallery shows them through the song and lists them apart (docs/JOBS.md#what-a-results-asset-keeps)
ROLE_COVER = "cover"
ROLE_CLIP_VIDEO = "clip-video"
_ROLES = {"image": ROLE_COVER, "video": ROLE_CLIP_VIDEO}


def clip_result_meta(kind: str, meta: Mapping[str, Any]) -> dict[str, Any]:
    """The `Result.meta` of one of a song's results: the audio keeps all of the song's `meta` (its title, tags
    and lyrics are searched there only, so a search finds a song once); its cover and video keep the clip id and
    their role."""
    role = _ROLES.get(kind)
    if role is None:
        return dict(meta)
    return {"clip_id": meta.get("clip_id", ""), "role": role}


#: a result link on the relay itself (`relay:/v1/videos/{id}/content`): downloaded with the profile's
#: client, so the key goes with it to the relay's own origin and nowhere else (the link stores no key)
RELAY_LINK = "relay:"


def relay_link(path: str) -> str:
    """A result link to `path` on the job's relay (a path under the profile's base URL)."""
    return RELAY_LINK + path


#: where a task stands: waiting, at work, finished with its results, or failed with its reason
Phase = Literal["queued", "running", "succeeded", "failed"]
PHASES: frozenset[str] = frozenset(get_args(Phase))


@dataclass(slots=True)
class Outcome:
    """What a submit or a poll learned. A phase that is none of `Phase` is a bug and fails at once
    (never a job polled forever); `results` are files or links, `texts` are text results (Midjourney
    describe's prompts, lyrics, a transcript).

    Result `i` is the job's result `i` for good: its asset id and place come from it. A poll that answers
    `queued` or `running` may carry results that are final already (a Suno clip done while its sibling
    still streams): the runner saves those at once, as it saves a finished job's, with empty `Result()`s
    holding the places of the others (docs/JOBS.md#partial-results). Later answers, the final one too,
    must keep every result at its place; what is saved already is never fetched again."""

    phase: Phase = "queued"
    remote_id: str | None = None
    progress: float | None = None
    results: list[Result] = field(default_factory=list)
    error: str | None = None
    #: `error` as a code and its arguments (studio/errors.py `ErrorInfo`), stored with it for a front end to word
    error_detail: ErrorInfo | None = None
    metadata: dict[str, Any] = field(default_factory=dict)  # merged into the job's metadata
    preview: str | None = None  # a link to a picture of the work in progress (shown, never stored)
    texts: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.phase not in PHASES:
            raise ValueError(f"not a phase: {self.phase!r}")


#: what a failure says when the relay gives no reason
NO_REASON = "no reason given"


def task_failed(vendor: str, reason: str, what: str = "task") -> ErrorInfo:
    """The description of "<vendor> failed the <what>: <reason>." (vendor "": the relay itself; reason "":
    none given), for a front end to word in its own language with the relay's reason verbatim."""
    return error_info("task.failed", vendor=vendor, reason=reason, what=what)


#: a job's metadata key: True while the relay reports the task finished but gives no link the client can
#: read yet (the job keeps polling, the stall limit still marks it `stalled`, the user may cancel it), False
#: once a link came; the Jobs panel can show it as "finished without a link yet"
LINK_PENDING = "link_pending"


def link_pending(metadata: Mapping[str, Any] | None = None, *, remote_id: str | None = None) -> Outcome:
    """A poll of a task the relay reports finished without a readable link: still at work, never failed,
    since Retry on a failed job submits (and pays for) a new task while this one may still give its clip."""
    return Outcome(phase="running", remote_id=remote_id, progress=100.0,
                   metadata={**(metadata or {}), LINK_PENDING: True})


class SavedInput(TypedDict):
    """An input file the service copied into the library before the job was saved."""

    path: str  # relative to the data folder, inside INPUTS_FOLDER
    name: str  # the name the user knows it by
    mime: str


#: where the service copies a job's input files before the job is saved, relative to the data folder
INPUTS_FOLDER = "library/inputs"


def saved_inputs(request: Mapping[str, Any]) -> list[Mapping[str, object]]:
    """The input-file entries (`{"path", "name", "mime"}`) of a job's request: images, then the mask or
    a video's end frame."""
    entries = list(request.get("images") or [])
    for key in ("mask", "end"):
        if request.get(key):
            entries.append(request[key])
    return entries


def input_path(root: Path, entry: Mapping[str, object]) -> Path:
    """The saved input file of `entry`; `OutsideDataFolder` when the stored path leads out of the inputs
    folder (the database is input: a retry must never upload a file that is not the job's)."""
    return inside(root, str(entry.get("path") or ""), INPUTS_FOLDER)


def read_inputs(root: Path, entries: Sequence[Mapping[str, object]]) -> list[tuple[str, bytes, str]]:
    """(name, bytes, mime) of the job's saved input files (call in a thread). The entries come from the
    database, so they are read as input: `SavedInput` is what the service writes."""
    return [(str(e["name"]), input_path(root, e).read_bytes(), str(e["mime"])) for e in entries]


class Reporter(Protocol):
    """Called by a handler while a long submit runs (chat-format media, a transcription's parts): progress 0-100
    and a note in English, with the note as a code and its arguments where a front end should word it."""

    def __call__(self, progress: float | None, note: str, detail: ErrorInfo | None = None, /) -> None: ...


class SendingStopped(StudioError):
    """A `resumable_submit` handler's submit ended early because `stop_sending` asked it to: what arrived is on
    disk, and the runner marks the job cancelled (a retry sends the rest)."""


@dataclass(frozen=True, slots=True)
class HandlerContext:
    """What a handler is built with: the data folder (saved inputs) and the thumbnails folder."""

    root: Path
    thumbs: Path


class FamilyHandler:
    """Base of every family. Synchronous families answer the submit with `phase="succeeded"`.
    A family's `FamilySpec` (studio/api/families.py) names its handler class; the runner builds one
    per spec with the `HandlerContext`."""

    policy: ClassVar[PollPolicy] = PollPolicy()
    #: True when `poll` coalesces many jobs' polls into one request itself (the runner then does not
    #: queue polls one by one)
    batches_polls: ClassVar[bool] = False
    #: True when `submit` writes each paid answer to disk the moment it arrives and, called again, sends only
    #: what it has no answer for (a long transcription's or speech's parts): a submit cut short by a crash, a
    #: kill or a lost connection is sent on by the runner by itself, from where it stopped, never left
    #: `unknown` (docs/JOBS.md#sends-that-resume); at most the answers in flight are paid for twice
    resumable_submit: ClassVar[bool] = False

    def __init__(self, context: HandlerContext) -> None:
        self._root = context.root
        self._context = context
        self._stops: dict[str, threading.Event] = {}  # the submits running here that `stop_sending` can stop

    @contextlib.contextmanager
    def sending(self, job: Job) -> Iterator[None]:
        """Held by the runner around a submit: while it runs, `stop_sending` can reach it (`stop_asked`)."""
        event = self._stops[job.id] = threading.Event()
        try:
            yield
        finally:
            if self._stops.get(job.id) is event:
                del self._stops[job.id]

    def stop_asked(self, job: Job) -> threading.Event:
        """For a `resumable_submit` handler's submit: the event `stop_sending` sets. Once it is set the submit
        sends nothing more, lets what is in flight arrive and be saved, and raises `SendingStopped`. Thread-safe:
        a cut into parts in a worker thread watches it too. A submit called outside the runner gets one never set."""
        return self._stops.get(job.id) or threading.Event()

    def stop_sending(self, job_id: str) -> bool:
        """The runner's cancel of a job being sent (docs/JOBS.md#sends-that-resume): ask its submit to stop soon;
        False when no submit of that job runs here (it is still waiting for a slot, or never started)."""
        event = self._stops.get(job_id)
        if event is None:
            return False
        event.set()
        return True

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        raise NotImplementedError

    async def poll(self, job: Job, client: RelayClient) -> Outcome:
        raise NotImplementedError(f"{type(self).__name__} jobs are not polled")

    async def cancel(self, job: Job, client: RelayClient) -> None:
        """Ask the relay to stop the task of a job cancelled here (best effort, after the job is marked
        cancelled); most relays offer no remote cancel, so by default nothing is sent."""

    async def finished(self, job: Job, assets: list[Asset]) -> dict[str, Any]:
        """After the results are saved (e.g. split a Midjourney grid); returns metadata to merge."""
        return {}


def handlers_for(specs: Iterable[FamilySpec], context: HandlerContext) -> dict[tuple[str, str], FamilyHandler]:
    """One handler per runnable spec, keyed by (capability, family) as jobs are; a family that serves
    several capabilities with one class gets one instance per capability."""
    handlers: dict[tuple[str, str], FamilyHandler] = {}
    for spec in specs:
        if spec.handler is None:
            continue
        module, _, name = spec.handler.partition(":")
        factory = getattr(importlib.import_module(module), name)
        handlers[(spec.capability, spec.id)] = factory(context)
    return handlers
