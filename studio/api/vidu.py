"""Vidu's task API as relays pass it on under `/vidu/v1` (docs/PROTOCOLS.md#vidu).

`POST /vidu/v1/tasks` creates a task: `text2video` or `img2video` from `input.prompts` (a text part, and
an image part with the start frame as a data URL) with `settings` (style, aspect ratio, duration,
model), or `upscale` of a finished clip (`input.creation_id`). A task is asked for with
`GET /vidu/v1/tasks?id=<id>` (the route relays copy from Vidu's studio API); relays that route by path
answer that with 404, and are then asked `GET /vidu/v1/tasks/{id}`. A task's `state` is `created`,
`queueing`, `processing`, `success` or `failed` (with `err_code`); a finished one lists its clips in
`creations[]`, each with its own id (what an upscale names) and a link (`nomark_uri`, `url` or `uri`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from studio.api.errors import BadResponse, NotFound
from studio.api.tasks import Phase, first_text, phase_in, text_id

if TYPE_CHECKING:
    from studio.api.client import RelayClient

ROUTE = "/vidu/v1/tasks"
DEFAULT_DURATION = 4
DEFAULT_ASPECT = "16:9"
#: how a relay answers a query: `?id=` (the studio API's form) or `/{id}`
Query = Literal["query", "path"]

_PHASES: dict[str, Phase] = {"created": "queued", "queueing": "queued", "queued": "queued", "pending": "queued",
                             "processing": "running", "success": "succeeded", "succeeded": "succeeded",
                             "completed": "succeeded", "failed": "failed", "failure": "failed"}


@dataclass(frozen=True, slots=True)
class ViduCreation:
    id: str
    url: str
    cover: str | None = None


@dataclass(frozen=True, slots=True)
class ViduTask:
    id: str
    state: str  # lower case, as sent
    err_code: str = ""
    creations: tuple[ViduCreation, ...] = ()

    @property
    def phase(self) -> Phase:
        return phase_in(_PHASES, self.state)


def video_body(prompt: str, model: str, *, image: str | None = None, aspect_ratio: str | None = None,
               duration: str | int | None = None) -> dict[str, Any]:
    """A `text2video` task, or `img2video` with the start frame (a link or data URL)."""
    prompts: list[dict[str, Any]] = [{"type": "text", "content": prompt, "enhance": True}]
    if image:
        prompts.append({"type": "image", "content": image})
    return {"input": {"prompts": prompts}, "type": "img2video" if image else "text2video",
            "settings": {"style": "general", "aspect_ratio": aspect_ratio or DEFAULT_ASPECT,
                         "duration": int(duration or DEFAULT_DURATION), "model": model}}


def upscale_body(creation_id: str) -> dict[str, Any]:
    """An `upscale` task of one finished clip."""
    return {"input": {"creation_id": creation_id}, "type": "upscale",
            "settings": {"model": "stable", "duration": DEFAULT_DURATION}}


def _creations(items: Any) -> tuple[ViduCreation, ...]:
    found = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        url = first_text(item, "nomark_uri", "url", "uri")
        if url:
            found.append(ViduCreation(text_id(item.get("id")) or "", url,
                                      first_text(item, "cover_url", "cover_uri") or None))
    return tuple(found)


def parse_task(payload: Any, task_id: str | None = None) -> ViduTask:
    """A task object (also inside `{"data": …}`, or the one with `task_id` in a list of them)."""
    if isinstance(payload, dict) and "state" not in payload and isinstance(payload.get("data"), (dict, list)):
        payload = payload["data"]
    if isinstance(payload, list):
        payload = next((t for t in payload
                        if isinstance(t, dict) and (task_id is None or text_id(t.get("id")) == task_id)), None)
    if not isinstance(payload, dict):
        raise BadResponse("The relay's Vidu answer is not a task.")
    found = text_id(payload.get("id")) or text_id(payload.get("task_id"))
    if not found:
        raise BadResponse("The relay's Vidu answer has no task id.")
    return ViduTask(found, str(payload.get("state") or "").strip().lower(), str(payload.get("err_code") or "").strip(),
                    _creations(payload.get("creations")))


class Vidu:
    """Vidu's tasks on a client."""

    def __init__(self, client: RelayClient) -> None:
        self._client = client

    async def create(self, body: dict[str, Any]) -> ViduTask:
        return parse_task(await self._client.post_json(ROUTE, body))

    async def fetch(self, task_id: str, how: Query = "query") -> tuple[ViduTask, Query]:
        """The task, and the form of query the relay answered (keep it for the next poll)."""
        if how == "query":
            try:
                return parse_task(await self._client.get_json(ROUTE, params={"id": task_id}), task_id), "query"
            except NotFound:
                pass
        return parse_task(await self._client.get_json(f"{ROUTE}/{quote(task_id, safe='')}"), task_id), "path"
