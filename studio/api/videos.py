"""OpenAI's Videos API as relays serve it (docs/PROTOCOLS.md#openai-videos).

`POST /v1/videos` creates a clip (JSON, or multipart when a start frame goes as `input_reference`),
`GET /v1/videos/{id}` asks about it, `POST /v1/videos/{id}/remix` makes a new clip from a finished one
and `GET /v1/videos/{id}/content` is the clip itself, served by the relay with the key. Seed 002's
`/{platform}/v1/videos` is the same API under a prefix of the base URL (`https://host/veo`).

Relays bend the video object in small ways, so it is read the tolerant way: `status` may be `""`
(new-api's submit) or `unknown`, `progress` an int or `"NN%"`, `created_at` a number or a string,
`task_id` a copy of `id`; a failed video's `error` is `{"code", "message"}` *with HTTP 200*, which
the generic error reading would take for the relay's own error. A finished video's file is a direct
link where the relay adds one (`url`, `video_url`, `metadata.url`), else `/content`.

The status and progress readers here serve the other task-style video families too.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from studio.api.errors import BadResponse

if TYPE_CHECKING:
    import httpx

    from studio.api.client import RelayClient

ROUTE = "/v1/videos"

Phase = Literal["queued", "running", "succeeded", "failed"]
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
    return _PHASES.get(status.strip().lower(), "running")


def progress_value(value: Any) -> float | None:
    """A progress figure 0-100 from an int, a float or a `"NN%"` string; None when there is none."""
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip().removesuffix("%").strip()
    try:
        number = float(text)
    except ValueError:
        return None
    return min(100.0, max(0.0, number)) if math.isfinite(number) else None


def epoch_seconds(value: Any) -> float | None:
    """A time as seconds since the epoch: a number, a numeric string (milliseconds when above 1e12) or
    an ISO 8601 string; None when unreadable."""
    if isinstance(value, bool) or value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        try:
            return datetime.fromisoformat(str(value).strip().replace("Z", "+00:00")).timestamp()
        except ValueError:
            return None
    if not math.isfinite(number) or number <= 0:
        return None
    return number / 1000.0 if number > 1e12 else number


def link_in(value: Any) -> str | None:
    """`value` when it is an http(s) link (spaces trimmed), else None."""
    if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")):
        return value.strip()
    return None


def reason_of(error: Any) -> str:
    """The sentence of a task's error: `{"message", "code"}`, a string, or nothing ("")."""
    if isinstance(error, Mapping):
        message = str(error.get("message") or "").strip()
        code = str(error.get("code") or "").strip()
        return message or code
    return str(error).strip() if isinstance(error, (str, int, float)) and not isinstance(error, bool) else ""


def _text_id(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return ""
    return str(value).strip()


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
    return isinstance(payload, Mapping) and bool(_text_id(payload.get("id")) or _text_id(payload.get("task_id"))) \
        and ("status" in payload or payload.get("object") == "video")


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
    video_id = _text_id(payload.get("id")) or _text_id(payload.get("task_id"))
    if not video_id:
        raise BadResponse("The relay's video answer has no video id.")
    metadata = payload.get("metadata")
    detail = payload.get("detail")
    url = (link_in(payload.get("url")) or link_in(payload.get("video_url"))
           or (link_in(metadata.get("url")) if isinstance(metadata, Mapping) else None)
           or (link_in(detail.get("url") or detail.get("video_url")) if isinstance(detail, Mapping) else None))
    status = str(payload.get("status") or "").strip().lower()
    progress = progress_value(payload.get("progress"))
    if phase_of(status) == "succeeded":
        progress = 100.0
    remixed = _text_id(payload.get("remixed_from_video_id")) or None
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
                     reference: tuple[str, bytes, str] | None = None) -> Video:
        """Create a clip; `reference` (name, bytes, mime) is the start frame, sent as `input_reference`
        in a multipart body (it should already match `size`)."""
        fields = {"model": model, "prompt": prompt}
        for key, value in (("seconds", seconds), ("size", size)):
            if value:
                fields[key] = str(value)
        if reference is None:
            response = await self._client.request("POST", ROUTE, json_body=fields)
        else:
            response = await self._client.request("POST", ROUTE, form=fields, files=[("input_reference", reference)])
        return read_video(self._client, response)

    async def retrieve(self, video_id: str) -> Video:
        response = await self._client.request("GET", f"{ROUTE}/{quote(video_id, safe='')}")
        return read_video(self._client, response)

    async def remix(self, video_id: str, prompt: str, *, model: str | None = None) -> Video:
        """A new clip from a finished one; `model` for relays that want it named (seed 002's platform form)."""
        body = {"prompt": prompt} if model is None else {"prompt": prompt, "model": model}
        response = await self._client.request("POST", f"{ROUTE}/{quote(video_id, safe='')}/remix", json_body=body)
        return read_video(self._client, response)
