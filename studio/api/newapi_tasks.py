"""new-api's own view of a video task (docs/PROTOCOLS.md#video-generations, docs/PROTOCOLS.md#kling-video).

new-api runs its video channels through one task pipeline: its generic route `/v1/video/generations`
(`studio.api.video_generations`) and the vendor-native routes it rewrites (`/kling/v1/videos/*`,
`/jimeng/?Action=…`). A submit on a rewritten route answers an OpenAI-video-like object
`{"id", "task_id", "object": "video", "status": "" | "queued", …}` instead of the vendor's body, and a
query answers `{"code": "success", "data": {task}}` where the task has new-api's own `status`
(`NOT_START`, `SUBMITTED`, `QUEUED`, `IN_PROGRESS`, `SUCCESS`, `FAILURE`, `UNKNOWN`), `progress` as
text (`"30%"`), the video link in `result_url` (older builds put it in `fail_reason`), and the vendor's
raw answer in `data`. `read_task` reads that task for every route; the vendor modules read their raw
answer themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from studio.api.tasks import Phase, link_in, phase_in, progress_value, reason_of, text_id

#: new-api's states as the rewritten vendor routes read them (lower case); `unknown` is work in progress,
#: as on the generic route (`studio.api.videos.phase_of`)
_PHASES: dict[str, Phase] = {
    "not_start": "queued", "submitted": "queued", "queued": "queued", "in_progress": "running",
    "processing": "running", "unknown": "running", "success": "succeeded", "succeeded": "succeeded",
    "completed": "succeeded", "failure": "failed", "failed": "failed",
}


@dataclass(frozen=True, slots=True)
class GenericTask:
    """new-api's task: its public id, status and the fields beside the vendor's raw answer (`raw`)."""

    task_id: str
    status: str  # as sent, upper case for new-api's own set
    progress: float | None = None
    result_url: str | None = None
    fail_reason: str = ""
    raw: Any = None

    @property
    def phase(self) -> Phase:
        """`UNKNOWN` (new-api lost track of the channel's task for now; its own video view shows it as
        queued) is still at work: the clip may yet finish, so failing the job would make a retry pay twice.
        The poll policy's stall limit marks a task that never ends `stalled`."""
        return phase_in(_PHASES, self.status.lower())


def is_generic(payload: Any) -> bool:
    """Whether an answer is new-api's task envelope `{"code": "success", "data": {…}}`."""
    return (isinstance(payload, dict) and isinstance(payload.get("code"), str)
            and payload["code"].strip().lower() == "success" and isinstance(payload.get("data"), dict))


def is_submit_object(payload: Any) -> bool:
    """Whether a submit answer is new-api's video object (an `id` or `task_id`, no vendor `code`)."""
    return isinstance(payload, dict) and "code" not in payload and bool(submit_id(payload))


def submit_id(payload: dict[str, Any]) -> str | None:
    return text_id(payload.get("task_id")) or text_id(payload.get("id"))


def read_task(task: Mapping[str, Any]) -> GenericTask:
    """new-api's task object (the `data` of its envelope). A link in `fail_reason` is the clip's (older
    builds keep it there), never a reason; without a `fail_reason` the reason is the task's `error`."""
    fail_reason = str(task.get("fail_reason") or "").strip()
    url = link_in(task.get("result_url")) or link_in(task.get("url")) or link_in(fail_reason)
    if link_in(fail_reason):
        fail_reason = ""
    return GenericTask(task_id=text_id(task.get("task_id")) or text_id(task.get("id")) or "",
                       status=str(task.get("status") or "").strip(), progress=progress_value(task.get("progress")),
                       result_url=url, fail_reason=fail_reason or reason_of(task.get("error")), raw=task.get("data"))


def parse_generic(payload: dict[str, Any]) -> GenericTask:
    """The task of an answer `is_generic` accepted."""
    return read_task(payload["data"])
