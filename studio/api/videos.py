"""OpenAI's Videos API as relays serve it (docs/PROTOCOLS.md#openai-videos).

`POST /v1/videos` creates a clip (JSON, or multipart when a start frame goes as `input_reference`),
`GET /v1/videos/{id}` asks about it, `POST /v1/videos/{id}/remix` makes a new clip from a finished one
and `GET /v1/videos/{id}/content` is the clip itself, served by the relay with the key. Seed 002's
`/{platform}/v1/videos` is the same API under a prefix of the base URL (`https://host/veo`), whose
multipart frames are repeated `input_reference[]` files.

Relays bend the video object in small ways, so it is read the tolerant way: `status` may be `""`
(new-api's submit) or `unknown`, `progress` an int or `"NN%"`, `created_at` a number or a string,
`task_id` a copy of `id`; a failed video's `error` is `{"code", "message"}` *with HTTP 200*, which
the generic error reading would take for the relay's own error. A finished video's file is a direct
link where the relay adds one (`url`, `video_url`, `metadata.url`), else `/content`.

`phase_of` (every video family's words for a state), `direct_link` and `task_payload` serve the other
OpenAI-style video families too; the readers of ids, progress and times are `studio.api.tasks`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from studio.api.errors import BadResponse
from studio.api.tasks import Phase, epoch_seconds, link_in, phase_in, progress_value, reason_of, text_id

if TYPE_CHECKING:
    import httpx

    from studio.api.client import RelayClient

ROUTE = "/v1/videos"

#: every spelling of a video task's state the video families use (lower case), by phase; a state not
#: listed is taken for work in progress (`unknown`, new-api's "we lost track for now", included)
_PHASES: dict[str, Phase] = {
    "": "queued", "queued": "queued", "queueing": "queued", "pending": "queued", "submitted": "queued",
    "not_start": "queued", "created": "queued",
    "in_progress": "running", "processing": "running", "running": "running", "unknown": "running",
    "completed": "succeeded", "succeeded": "succeeded", "success": "succeeded", "succeed": "succeeded",
    "done": "succeeded", "finished": "succeeded",
    "failed": "failed", "failure": "failed", "error": "failed", "cancelled": "failed", "canceled": "failed",
}


def phase_of(status: str) -> Phase:
    """The job phase of a task state as any video family spells it (case and spaces ignored)."""
    return phase_in(_PHASES, status.strip().lower())


@dataclass(frozen=True, slots=True)
class Video:
    """A video object as a create, a retrieve or a remix answers it."""

    id: str
    status: str  # as sent, lower case: queued, in_progress, completed, failed, unknown, "" (new-api's submit)
    progress: float | None = None
    error: str = ""  # why it failed (the error's message, else its code)
    url: str | None = None  # a direct link the relay added to a finished video
    model: str = ""
    seconds: str = ""
    size: str = ""
    created_at: float | None = None
    remixed_from: str | None = None

    @property
    def phase(self) -> Phase:
        return phase_of(self.status)


def _looks_like_task(payload: Any) -> bool:
    return isinstance(payload, Mapping) and bool(text_id(payload.get("id")) or text_id(payload.get("task_id"))) \
        and ("status" in payload or payload.get("object") == "video")


def direct_link(task: Mapping[str, Any]) -> str | None:
    """The link a relay added to a finished task: `url`, else `video_url`, else `metadata.url`."""
    metadata = task.get("metadata")
    return (link_in(task.get("url")) or link_in(task.get("video_url"))
            or (link_in(metadata.get("url")) if isinstance(metadata, Mapping) else None))


def task_payload(client: RelayClient, response: httpx.Response) -> Any:
    """The JSON of a 2xx task answer. A failed task carries its `error` with HTTP 200: an answer with an
    id and a status is read as the task it is, not as the relay's own error (anything else is read like
    any answer, with its error shapes)."""
    try:
        payload = json.loads(response.text)
    except ValueError:
        payload = None
    return payload if _looks_like_task(payload) else client.decode_json(response)


def parse_video(payload: Any) -> Video:
    """Read a video object; `BadResponse` when it has no id."""
    if not isinstance(payload, Mapping):
        raise BadResponse("The relay's video answer is not a JSON object.")
    video_id = text_id(payload.get("id")) or text_id(payload.get("task_id"))
    if not video_id:
        raise BadResponse("The relay's video answer has no video id.")
    detail = payload.get("detail")
    url = direct_link(payload) or (link_in(detail.get("url") or detail.get("video_url"))
                                   if isinstance(detail, Mapping) else None)
    status = str(payload.get("status") or "").strip().lower()
    progress = progress_value(payload.get("progress"))
    if phase_of(status) == "succeeded":
        progress = 100.0
    remixed = text_id(payload.get("remixed_from_video_id"))
    return Video(
        id=video_id, status=status, progress=progress, error=reason_of(payload.get("error")), url=url,
        model=str(payload.get("model") or ""), seconds=str(payload.get("seconds") or ""),
        size=str(payload.get("size") or ""), created_at=epoch_seconds(payload.get("created_at")),
        remixed_from=remixed,
    )


def read_video(client: RelayClient, response: httpx.Response) -> Video:
    """The video object of a 2xx answer (a failed one included, see `task_payload`)."""
    return parse_video(task_payload(client, response))


def content_path(video_id: str) -> str:
    """Where the relay serves a finished video's file (under the profile's base URL)."""
    return f"{ROUTE}/{quote(video_id, safe='')}/content"


class Videos:
    """The Videos API on a client: create, retrieve, remix."""

    def __init__(self, client: RelayClient) -> None:
        self._client = client

    async def create(self, prompt: str, *, model: str, seconds: str | None = None, size: str | None = None,
                     reference: tuple[str, bytes, str] | None = None, platform: bool = False) -> Video:
        """Create a clip; `reference` (name, bytes, mime) is the start frame, sent in a multipart body as
        `input_reference` (OpenAI's: it should already match `size`) or, in seed 002's platform form
        (`platform`), as one of its repeated `input_reference[]` files."""
        fields = {"model": model, "prompt": prompt}
        for key, value in (("seconds", seconds), ("size", size)):
            if value:
                fields[key] = str(value)
        if reference is None:
            response = await self._client.request("POST", ROUTE, json_body=fields)
        else:
            field = "input_reference[]" if platform else "input_reference"
            response = await self._client.request("POST", ROUTE, form=fields, files=[(field, reference)])
        return read_video(self._client, response)

    async def retrieve(self, video_id: str) -> Video:
        response = await self._client.request("GET", f"{ROUTE}/{quote(video_id, safe='')}")
        return read_video(self._client, response)

    async def remix(self, video_id: str, prompt: str, *, model: str | None = None) -> Video:
        """A new clip from a finished one; `model` for relays that want it named (seed 002's platform form)."""
        body = {"prompt": prompt} if model is None else {"prompt": prompt, "model": model}
        response = await self._client.request("POST", f"{ROUTE}/{quote(video_id, safe='')}/remix", json_body=body)
        return read_video(self._client, response)
