"""new-api's own view of a task, as it answers for vendor routes it rewrites (docs/PROTOCOLS.md#kling-video).

new-api takes some vendor-native video routes (`/kling/v1/videos/*`, `/jimeng/?Action=…`) into its
generic task pipeline. Its submit then answers an OpenAI-video-like object
`{"id", "task_id", "object": "video", "status": "" | "queued", …}` instead of the vendor's body, and a
query answers `{"code": "success", "data": {task}}` where the task has new-api's own `status`
(`NOT_START`, `SUBMITTED`, `QUEUED`, `IN_PROGRESS`, `SUCCESS`, `FAILURE`, `UNKNOWN`), `progress` as
text (`"30%"`), the video link in `result_url` (older builds put it in `fail_reason`), and the vendor's
raw answer in `data`. The vendor modules read their raw answer themselves; this module reads the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Phase = Literal["queued", "running", "succeeded", "failed"]

_PHASES: dict[str, Phase] = {
    "not_start": "queued", "submitted": "queued", "queued": "queued", "in_progress": "running",
    "processing": "running", "success": "succeeded", "succeeded": "succeeded", "completed": "succeeded",
    "failure": "failed", "failed": "failed", "unknown": "failed",
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
        """`UNKNOWN` is new-api's word for a task it lost track of: a failure, never polled forever."""
        return _PHASES.get(self.status.lower(), "running" if self.status else "queued")


def is_generic(payload: Any) -> bool:
    """Whether an answer is new-api's task envelope `{"code": "success", "data": {…}}`."""
    return (isinstance(payload, dict) and isinstance(payload.get("code"), str)
            and payload["code"].strip().lower() == "success" and isinstance(payload.get("data"), dict))


def is_submit_object(payload: Any) -> bool:
    """Whether a submit answer is new-api's video object (an `id` or `task_id`, no vendor `code`)."""
    return isinstance(payload, dict) and "code" not in payload and bool(
        _text(payload.get("task_id")) or _text(payload.get("id")))


def submit_id(payload: dict[str, Any]) -> str | None:
    return _text(payload.get("task_id")) or _text(payload.get("id"))


def percent(value: Any) -> float | None:
    """`"30%"`, `"30"` or `30` as a figure from 0 to 100; None when unreadable."""
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip().rstrip("%").strip()
    try:
        number = float(text)
    except ValueError:
        return None
    return max(0.0, min(100.0, number)) if number == number else None


def parse_generic(payload: dict[str, Any]) -> GenericTask:
    """The task of an answer `is_generic` accepted."""
    data: dict[str, Any] = payload["data"]
    status = str(data.get("status") or "").strip()
    fail_reason = str(data.get("fail_reason") or "").strip()
    url = _link(data.get("result_url")) or _link(data.get("url"))
    if url is None and _PHASES.get(status.lower()) == "succeeded" and _link(fail_reason):
        url, fail_reason = fail_reason, ""  # older builds keep the link of a finished task here
    error = data.get("error")
    if not fail_reason and isinstance(error, dict):
        fail_reason = str(error.get("message") or "").strip()
    elif not fail_reason and isinstance(error, str):
        fail_reason = error.strip()
    return GenericTask(task_id=_text(data.get("task_id")) or _text(data.get("id")) or "", status=status,
                       progress=percent(data.get("progress")), result_url=url, fail_reason=fail_reason,
                       raw=data.get("data"))


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = str(value).strip()
    return text or None


def _link(value: Any) -> str | None:
    text = value.strip() if isinstance(value, str) else ""
    return text if text.startswith(("http://", "https://")) else None
