"""A job's life (docs/JOBS.md) as a state machine: every generation that takes time is a job.

    saved → submitting → submitted → running ⇄ stalled → downloading → done
       │         │            │          │                    └→ done_remote_only
       │         └→ unknown   └──────────┴→ failed | cancelled
       └→ cancelled          (a job being sent cannot be cancelled, its answer is kept; but one whose send
                              resumes stops between its parts: docs/JOBS.md#sends-that-resume)

`TRANSITIONS` is the whole rule book; `JobStore.transition` refuses anything else, so a bug cannot
quietly re-send a job whose outcome is unknown (that would charge twice).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, TypedDict

from studio.errors import ErrorInfo


class JobState(enum.StrEnum):
    SAVED = "saved"  # committed with its full request before anything is sent
    SUBMITTING = "submitting"  # the request has left (or is leaving); no answer yet
    UNKNOWN = "unknown"  # the app died or the link broke while submitting: never re-sent by itself
    SUBMITTED = "submitted"  # the relay accepted it; `remote_id` is known
    RUNNING = "running"  # the relay reports progress
    STALLED = "stalled"  # past the family's age limit without news; still polled
    DOWNLOADING = "downloading"  # results are being saved into the library
    DONE = "done"
    DONE_REMOTE_ONLY = "done_remote_only"  # finished, but the files could only be kept as links
    FAILED = "failed"
    CANCELLED = "cancelled"


#: states in which nothing more will happen to a job
TERMINAL = frozenset({JobState.DONE, JobState.DONE_REMOTE_ONLY, JobState.FAILED, JobState.CANCELLED})
#: states in which nothing happens to a job until the user acts: ended, or unknown (never resent by itself)
SETTLED = TERMINAL | {JobState.UNKNOWN}
#: states `retry` takes: submit again (failed, cancelled, unknown) or download again (link only)
RETRYABLE = frozenset({JobState.FAILED, JobState.CANCELLED, JobState.UNKNOWN, JobState.DONE_REMOTE_ONLY})
#: states a user may cancel (a job being sent keeps its answer; one with results is finished)
CANCELLABLE = frozenset({JobState.SAVED, JobState.SUBMITTED, JobState.RUNNING, JobState.STALLED, JobState.UNKNOWN})
#: states the runner resumes by itself at start-up (the remote id is known; polling is free)
RESUMABLE = frozenset({JobState.SUBMITTED, JobState.RUNNING, JobState.STALLED, JobState.DOWNLOADING})

TRANSITIONS: dict[JobState, frozenset[JobState]] = {
    JobState.SAVED: frozenset({JobState.SUBMITTING, JobState.CANCELLED, JobState.FAILED}),  # failed: never sent
    # no cancel while sending: the answer (a task id, paid results) must be kept whatever the user does; but a
    # send that resumes keeps each answer on disk as it comes (`sends_on`), and stops between them when cancelled
    JobState.SUBMITTING: frozenset({JobState.SUBMITTED, JobState.DOWNLOADING, JobState.UNKNOWN,
                                    JobState.FAILED, JobState.CANCELLED}),
    # "submit again" (a user's choice) or a family lookup that found the task
    JobState.UNKNOWN: frozenset({JobState.SUBMITTING, JobState.SUBMITTED, JobState.CANCELLED, JobState.FAILED}),
    JobState.SUBMITTED: frozenset({JobState.RUNNING, JobState.STALLED, JobState.DOWNLOADING, JobState.FAILED,
                                   JobState.CANCELLED}),
    JobState.RUNNING: frozenset({JobState.RUNNING, JobState.STALLED, JobState.DOWNLOADING, JobState.FAILED,
                                 JobState.CANCELLED}),
    JobState.STALLED: frozenset({JobState.RUNNING, JobState.DOWNLOADING, JobState.FAILED, JobState.CANCELLED}),
    JobState.DOWNLOADING: frozenset({JobState.DOWNLOADING, JobState.DONE, JobState.DONE_REMOTE_ONLY,
                                     JobState.FAILED}),
    JobState.DONE: frozenset(),
    JobState.DONE_REMOTE_ONLY: frozenset({JobState.DOWNLOADING}),  # "download now" from the link
    # retry: a failed job with a remote id polls again; without one it is submitted again
    JobState.FAILED: frozenset({JobState.SAVED, JobState.SUBMITTED}),
    # retry: relays offer no remote cancel, so a cancelled job with a task id may still finish there
    JobState.CANCELLED: frozenset({JobState.SAVED, JobState.SUBMITTED}),
}


def sends_on(job: Job) -> bool:
    """Whether `job` is being sent by a handler whose send resumes from what it saved (`Engine.resumable_submit`):
    the runner takes it up again by itself when its sender is gone, as it does a job with a task id."""
    return job.state is JobState.SUBMITTING and bool(job.engine.get("resumable_submit"))


def can_cancel(job: Job) -> bool:
    """Whether the user may cancel `job`: a state in `CANCELLABLE`, or a send that resumes (`sends_on`), which
    stops between its parts (what arrived is kept, a retry sends the rest)."""
    return job.state in CANCELLABLE or sends_on(job)


def resumes_by_itself(job: Job) -> bool:
    """Whether the runner picks `job` up by itself at start: its task id is known, or its send resumes."""
    return job.state in RESUMABLE or sends_on(job)


class IllegalTransition(RuntimeError):
    """A bug: the code asked for a state change the rule book forbids."""


def check_transition(current: JobState, target: JobState) -> None:
    if target not in TRANSITIONS[current]:
        raise IllegalTransition(f"a job cannot go from {current.value} to {target.value}")


class Engine(TypedDict, total=False):
    """The job runner's own bookkeeping on a job (`Job.engine`), never mixed with handler output."""

    #: the process sending the job (`processes.process_id`), so another does not call it unknown
    submitting_pid: str
    #: the process whose runner drives the job, so two processes never poll or save it twice
    runner_pid: str
    #: consecutive poll answers that were errors but not transient
    poll_errors: int
    #: indexes of the results that could only be kept as links
    remote_only: list[int]
    #: the relay itself reported the failure (a retry submits again instead of polling)
    failed_remotely: bool
    #: the kind of each result ("image", "video", "audio", "text"), as the handler typed it
    result_kinds: list[str]
    #: what each result's asset keeps in its metadata (`Result.meta`: a clip's title, tags, lyrics, duration,
    #: clip id), by result index, so a download after a restart still writes it
    result_metas: list[dict[str, Any]]
    #: the place in the library of this submission's result 0: a job sent again after some results were saved
    #: (a task that failed after a clip was done) saves the new ones after them, never over them
    result_base: int
    #: the job's handler keeps each paid answer of its send on disk as it comes (`FamilyHandler.resumable_submit`:
    #: a long transcription's or speech's parts), so a send its process left half done is sent on from there
    #: (never `unknown`) and the job may be cancelled while it is sent (docs/JOBS.md#sends-that-resume)
    resumable_submit: bool


@dataclass(frozen=True, slots=True)
class Job:
    """One row of the job store. `request` is the full request (never a key) so it can be resent."""

    id: str
    capability: str  # "image", "mj", "video", "music", …
    family: str  # which dialect: "openai-images", "midjourney", … (shown in the job's details)
    profile: str
    model: str
    prompt: str
    request: dict[str, Any]
    state: JobState
    remote_id: str | None = None
    progress: float | None = None  # 0..100 when the relay says
    error: str | None = None  # one English sentence (the CLI's)
    result_urls: tuple[str, ...] = ()
    created_at: float = 0.0
    updated_at: float = 0.0
    submitted_at: float | None = None
    #: what the family's handler reported (buttons, the relay's status, the reason a family was chosen)
    metadata: dict[str, Any] = field(default_factory=dict)
    #: the runner's own bookkeeping, apart from what handlers report (see `Engine`)
    engine: Engine = field(default_factory=lambda: Engine())
    #: text results (Midjourney describe's prompts, lyrics, a transcript), in order
    texts: tuple[str, ...] = ()
    #: `error` as a code and its arguments, for a front end to word in its own language (None when only
    #: the sentence says it: a row from before, a relay's own failure text)
    error_detail: ErrorInfo | None = None

    @property
    def finished(self) -> bool:
        return self.state in TERMINAL

    @property
    def temporary_links(self) -> tuple[str, ...]:
        """The links of the results that could only be kept as links, as they may be shown or opened:
        web links only (bytes a full disk could not take are kept as a `data:` link, not shown)."""
        indices = self.engine.get("remote_only") or range(len(self.result_urls))
        links = (self.result_urls[i] for i in indices if isinstance(i, int) and 0 <= i < len(self.result_urls))
        return tuple(link for link in links if link.startswith(("http://", "https://")))
