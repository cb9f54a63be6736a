"""new-api's generic video route, `/v1/video/generations` (docs/PROTOCOLS.md#video-generations).

new-api puts every video channel it knows (Kling, Jimeng, Vidu, Sora, Gemini/Veo, …) behind one route:
`POST /v1/video/generations` with `model`, `prompt`, an optional `image`, the length, the size and a
`metadata` object for what only some channels take; the answer is a video-like object whose `id` (or
`task_id`) is the task. `GET /v1/video/generations/{id}` answers an envelope
`{"code": "success", "data": <task>}` whose task comes in two forms:

- the generic task DTO: `status` NOT_START / SUBMITTED / QUEUED / IN_PROGRESS / SUCCESS / FAILURE /
  UNKNOWN, `progress` "NN%", the clip's link in `result_url` (newer builds) or, in older builds, in
  `fail_reason` (which then is no reason at all), the channel's raw answer in `data`;
- the simple form of the Gemini/Veo channels: `status` queued / processing / succeeded / failed, `url`.

Both are read into one `GenerationTask`: the fields new-api's task DTO shares with the rewritten vendor
routes by `studio.api.newapi_tasks.read_task`, the phase by `studio.api.videos.phase_of` (here `UNKNOWN`
keeps the job polling, as on `/v1/videos`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from studio.api.errors import BadResponse
from studio.api.newapi_tasks import read_task
from studio.api.tasks import Phase, link_in, text_id
from studio.api.videos import direct_link, phase_of, task_payload

if TYPE_CHECKING:
    from studio.api.client import RelayClient

ROUTE = "/v1/video/generations"


@dataclass(frozen=True, slots=True)
class GenerationTask:
    task_id: str
    status: str  # as sent (SUCCESS, IN_PROGRESS, succeeded, "" …)
    progress: float | None = None
    url: str | None = None  # the finished clip's link
    reason: str = ""  # why it failed

    @property
    def phase(self) -> Phase:
        return phase_of(self.status)


def _unwrap(payload: Any) -> Any:
    """The task inside new-api's `{"code": "success", "data": …}` envelope (or the payload itself)."""
    if isinstance(payload, Mapping) and "code" in payload and "data" in payload:
        return payload.get("data")
    return payload


def _raw_video_url(raw: Any) -> str | None:
    """A clip's link in a channel's own answer kept in `data` (Kling's `task_result.videos[].url`)."""
    for _ in range(3):  # the raw answer may itself be an envelope: {"code":0,"data":{"task_result":…}}
        if not isinstance(raw, Mapping):
            return None
        result = raw.get("task_result")
        videos = result.get("videos") if isinstance(result, Mapping) else None
        for item in videos if isinstance(videos, list) else []:
            link = link_in(item.get("url")) if isinstance(item, Mapping) else None
            if link:
                return link
        raw = raw.get("data")
    return None


def parse_task(payload: Any) -> GenerationTask:
    """A submit answer or a poll answer, in any of the forms above; `BadResponse` without a task id."""
    task = _unwrap(payload)
    if task is not payload and (found := text_id(task)):  # {"code": "success", "data": "task_…"}
        return GenerationTask(found, "")
    if not isinstance(task, Mapping):
        raise BadResponse("The relay's video answer is not a task.")
    generic = read_task(task)
    if not generic.task_id:
        raise BadResponse("The relay's video answer has no task id.")
    phase = phase_of(generic.status)
    url = (generic.result_url or direct_link(task) or _raw_video_url(generic.raw)) if phase == "succeeded" else None
    progress = 100.0 if phase == "succeeded" else generic.progress
    return GenerationTask(generic.task_id, generic.status, progress, url, generic.fail_reason)


class VideoGenerations:
    """new-api's generic video route on a client: create a task, ask about it."""

    def __init__(self, client: RelayClient) -> None:
        self._client = client

    async def create(self, prompt: str, *, model: str, image: str | None = None, seconds: str | None = None,
                     size: str | None = None, mode: str | None = None,
                     metadata: Mapping[str, Any] | None = None) -> GenerationTask:
        """`image`: the start frame as a URL or a data URL. The length goes both as `duration` (an int,
        what older builds read) and as `seconds` (the string newer builds read)."""
        body: dict[str, Any] = {"model": model, "prompt": prompt}
        if image:
            body["image"] = image
        if seconds:
            body["duration"] = int(seconds)
            body["seconds"] = str(seconds)
        if size:
            body["size"] = size
        if mode:
            body["mode"] = mode
        if metadata:
            body["metadata"] = dict(metadata)
        return parse_task(task_payload(self._client, await self._client.request("POST", ROUTE, json_body=body)))

    async def fetch(self, task_id: str) -> GenerationTask:
        response = await self._client.request("GET", f"{ROUTE}/{quote(task_id, safe='')}")
        return parse_task(task_payload(self._client, response))
