"""Kling video in Kling's own format, as relays pass it on or rewrite it (docs/PROTOCOLS.md#kling-video).

`POST /kling/v1/videos/text2video` (a prompt) or `/image2video` (a start frame as bare base64 in
`image`, an end frame in `image_tail`) creates a task; `GET /kling/v1/videos/{kind}/{task_id}` asks
about it with the kind it was created with. Two answer dialects reach the client:

* Kling's envelope (`studio.api.kling`), as pass-through relays send it: `data.task_status`
  `submitted`, `processing`, `succeed` or `failed` (`task_status_msg`), the clips in
  `data.task_result.videos[]` (`{"id", "url", "duration"}`);
* new-api's rewrite (`studio.api.newapi_tasks`): the submit is an OpenAI-video-like object with `id` /
  `task_id`, a query is new-api's task with Kling's raw answer inside it.

`parse_answer` reads either: the task id is `data.task_id`, else `task_id`, else `id`; the status is
Kling's (native, or nested in new-api's raw answer), else new-api's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from studio.api import newapi_tasks
from studio.api.errors import BadResponse
from studio.api.kling import envelope_data, phase_of, poll_data
from studio.api.tasks import Phase, progress_value, text_id

if TYPE_CHECKING:
    from studio.api.client import RelayClient

ROUTE = "/kling/v1/videos"
Kind = Literal["text2video", "image2video"]
KINDS: tuple[Kind, ...] = ("text2video", "image2video")
#: models that take no `mode` (chatgpt-web-midjourney-proxy leaves it out for them)
_NO_MODE = ("kling-v2-master", "kling-v2-1-master")


@dataclass(frozen=True, slots=True)
class KlingClip:
    url: str
    id: str | None = None
    duration: float | None = None


@dataclass(frozen=True, slots=True)
class KlingVideoTask:
    """A video task as either dialect describes it."""

    task_id: str
    status: str  # Kling's task_status (lower case) or new-api's status (as sent)
    phase: Phase
    reason: str = ""  # why it failed (Kling's task_status_msg or new-api's fail_reason)
    clips: tuple[KlingClip, ...] = ()
    progress: float | None = None  # only new-api gives a figure


def video_body(prompt: str, model: str, *, image: str | None = None, image_tail: str | None = None,
               mode: str | None = None, duration: str | None = None, aspect_ratio: str | None = None,
               cfg_scale: float | None = None, negative_prompt: str | None = None) -> dict[str, Any]:
    """The create body; the model goes as `model_name` (Kling) and `model` (new-api reads that one)."""
    body: dict[str, Any] = {"model_name": model, "model": model, "prompt": prompt}
    if mode and model.lower() in _NO_MODE:
        mode = None
    for key, value in (("negative_prompt", negative_prompt), ("image", image), ("image_tail", image_tail),
                       ("mode", mode), ("duration", duration), ("aspect_ratio", aspect_ratio),
                       ("cfg_scale", cfg_scale)):
        if value is not None and value != "":
            body[key] = value
    return body


def _clips(data: Any) -> tuple[KlingClip, ...]:
    result = data.get("task_result") if isinstance(data, dict) else None
    items = result.get("videos") if isinstance(result, dict) else None
    clips = []
    for item in items if isinstance(items, list) else []:
        url = item.get("url") if isinstance(item, dict) else None
        if isinstance(url, str) and url.strip():
            try:
                duration: float | None = float(item.get("duration"))
            except (TypeError, ValueError):
                duration = None
            clips.append(KlingClip(url.strip(), text_id(item.get("id")), duration))
    return tuple(clips)


def _native(data: dict[str, Any], fallback_id: str | None = None) -> KlingVideoTask:
    task_id = text_id(data.get("task_id")) or fallback_id
    if not task_id:
        raise BadResponse("The relay's Kling answer has no task id.")
    status = str(data.get("task_status") or "").strip().lower()
    return KlingVideoTask(task_id, status, phase_of(status), str(data.get("task_status_msg") or "").strip(),
                          _clips(data))


def _raw_kling(raw: Any) -> dict[str, Any] | None:
    """Kling's task inside new-api's: the raw answer is Kling's envelope (or, on some builds, its data)."""
    if isinstance(raw, dict) and isinstance(raw.get("data"), dict):
        raw = raw["data"]
    return raw if isinstance(raw, dict) and raw.get("task_status") else None


def _generic(payload: dict[str, Any]) -> KlingVideoTask:
    task = newapi_tasks.parse_generic(payload)
    if not task.task_id:
        raise BadResponse("The relay's Kling answer has no task id.")
    raw = _raw_kling(task.raw)
    clips = _clips(raw) if raw else ()
    if not clips and task.result_url:
        clips = (KlingClip(task.result_url),)
    if raw is not None:
        status = str(raw.get("task_status")).strip().lower()
        reason = str(raw.get("task_status_msg") or "").strip() or task.fail_reason
        return KlingVideoTask(task.task_id, status, phase_of(status), reason, clips, task.progress)
    return KlingVideoTask(task.task_id, task.status, task.phase, task.fail_reason, clips, task.progress)


def parse_answer(payload: Any, *, poll: bool = False) -> KlingVideoTask:
    """A submit's or a query's answer in either dialect; `KlingRefused` for Kling's non-zero code,
    `BadResponse` for a body that is neither. On a `poll` a code that only says Kling is busy is
    `RateLimited` or `ServerError` (`studio.api.kling.poll_data`): the task may still finish."""
    if newapi_tasks.is_generic(payload):
        return _generic(payload)
    if newapi_tasks.is_submit_object(payload):
        status = str(payload.get("status") or "").strip()
        task_id = newapi_tasks.submit_id(payload) or ""
        phase: Phase = "failed" if status.lower() == "failed" else "queued"
        return KlingVideoTask(task_id, status, phase, progress=progress_value(payload.get("progress")))
    data = poll_data(payload) if poll else envelope_data(payload)
    return _native(data, text_id(payload.get("task_id")) if isinstance(payload, dict) else None)


class KlingVideos:
    """Kling's video tasks on a client: create one, ask about it."""

    def __init__(self, client: RelayClient) -> None:
        self._client = client

    async def create(self, kind: Kind, body: dict[str, Any]) -> KlingVideoTask:
        return parse_answer(await self._client.post_json(f"{ROUTE}/{kind}", body))

    async def fetch(self, kind: Kind, task_id: str) -> KlingVideoTask:
        return parse_answer(await self._client.get_json(f"{ROUTE}/{kind}/{quote(task_id, safe='')}"), poll=True)
