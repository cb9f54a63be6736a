"""Runway video in its two task dialects relays serve (docs/PROTOCOLS.md#runway).

* the official API, passed on under `/runwayml/v1`: `POST /runwayml/v1/image_to_video` (`model`,
  `promptImage` - the start frame, or `[{"uri", "position": "first" | "last"}]` with an end frame -
  `promptText`, `duration`, `ratio`; header `X-Runway-Version`) answers `{"id"}`, and
  `GET /runwayml/v1/tasks/{id}` the task: `status` `PENDING`, `RUNNING` (`progress` 0-1), `SUCCEEDED`
  (`output[]` links) or `FAILED` (`failure`, `failureCode`). It always needs a start frame.
* the reverse ("逆向") form of Runway's web app: `POST /runway/v1/tasks` (older relays: `/runway/tasks`)
  `{"taskType", "internal": false, "options": {…text_prompt, seconds…}}` answers `{"task": {…}}`, polled
  with `GET <the same route>/{id}`: `task.status` the same words, `progressRatio` a fraction as text,
  `artifacts[].url`. It makes a clip from a prompt alone.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from studio.api.errors import BadResponse, NotFound
from studio.api.tasks import Phase, phase_in, text_id

if TYPE_CHECKING:
    from studio.api.client import RelayClient

OFFICIAL_CREATE = "/runwayml/v1/image_to_video"
OFFICIAL_TASKS = "/runwayml/v1/tasks"
#: the reverse form's routes, the newer first
REVERSE_ROUTES = ("/runway/v1/tasks", "/runway/tasks")
#: the API version Runway's official API wants in every request
VERSION_HEADERS = {"X-Runway-Version": "2024-11-06"}
#: the reverse form's task types; a model of another name is sent as the first
REVERSE_TASK_TYPES = ("gen3a_turbo", "gen3a", "europa", "gen2")
Dialect = Literal["official", "reverse"]

_PHASES: dict[str, Phase] = {"PENDING": "queued", "THROTTLED": "queued", "QUEUED": "queued", "RUNNING": "running",
                             "SUCCEEDED": "succeeded", "FAILED": "failed", "CANCELLED": "failed",
                             "CANCELED": "failed"}


@dataclass(frozen=True, slots=True)
class RunwayTask:
    id: str
    status: str  # upper case, as Runway spells it
    progress: float | None = None  # 0-100
    outputs: tuple[str, ...] = ()
    reason: str = ""

    @property
    def phase(self) -> Phase:
        return phase_in(_PHASES, self.status)


def official_body(prompt: str, model: str, *, start: str, end: str | None = None, duration: str | None = None,
                  ratio: str | None = None) -> dict[str, Any]:
    """`image_to_video`: frames are links or data URLs."""
    image: str | list[dict[str, str]] = start if end is None else [
        {"uri": start, "position": "first"}, {"uri": end, "position": "last"}]
    body: dict[str, Any] = {"model": model, "promptImage": image}
    if prompt:
        body["promptText"] = prompt
    if duration:
        body["duration"] = int(duration)
    if ratio:
        body["ratio"] = ratio
    return body


def reverse_body(prompt: str, model: str, *, duration: str | None = None, ratio: str | None = None,
                 seed: int | None = None) -> dict[str, Any]:
    """The reverse form's task from a prompt alone; `ratio` ("1280:768") becomes `width` and `height`."""
    options: dict[str, Any] = {"name": prompt[:60], "seconds": int(duration or 5), "text_prompt": prompt,
                               "seed": seed if seed is not None else random.randint(1, 4_294_967_294),
                               "exploreMode": False, "watermark": False, "enhance_prompt": True, "resolution": "720p"}
    if ratio:
        width, _, height = ratio.partition(":")
        options["width"], options["height"] = int(width), int(height)
    task_type = model if model in REVERSE_TASK_TYPES else REVERSE_TASK_TYPES[0]
    return {"taskType": task_type, "internal": False, "options": options}


def _fraction(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, min(100.0, number * 100.0)) if number == number else None


def _reason(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("message") or value.get("errorMessage") or value.get("reason")
    return value.strip() if isinstance(value, str) else ""


def parse_official(payload: Any) -> RunwayTask:
    if not isinstance(payload, dict) or not text_id(payload.get("id")):
        raise BadResponse("The relay's Runway answer has no task id.")
    outputs = tuple(u.strip() for u in payload.get("output") or [] if isinstance(u, str) and u.strip()) if isinstance(
        payload.get("output"), list) else ()
    reason = _reason(payload.get("failure"))
    code = text_id(payload.get("failureCode"))
    if code:
        reason = f"{reason} ({code})" if reason else code
    return RunwayTask(str(text_id(payload["id"])), str(payload.get("status") or "").strip().upper(),
                      _fraction(payload.get("progress")), outputs, reason)


def parse_reverse(payload: Any) -> RunwayTask:
    task = payload.get("task") if isinstance(payload, dict) else None
    if not isinstance(task, dict) or not text_id(task.get("id")):
        raise BadResponse("The relay's Runway answer has no task.")
    artifacts = task.get("artifacts")
    outputs = tuple(a["url"].strip() for a in artifacts if isinstance(a, dict) and isinstance(a.get("url"), str)
                    and a["url"].strip()) if isinstance(artifacts, list) else ()
    return RunwayTask(str(text_id(task["id"])), str(task.get("status") or "").strip().upper(),
                      _fraction(task.get("progressRatio")), outputs, _reason(task.get("error")))


class Runway:
    """Runway's tasks on a client, in either dialect."""

    def __init__(self, client: RelayClient) -> None:
        self._client = client

    async def create_official(self, body: dict[str, Any]) -> RunwayTask:
        return parse_official(await self._client.post_json(OFFICIAL_CREATE, body, headers=VERSION_HEADERS))

    async def fetch_official(self, task_id: str) -> RunwayTask:
        return parse_official(await self._client.get_json(f"{OFFICIAL_TASKS}/{quote(task_id, safe='')}",
                                                          headers=VERSION_HEADERS))

    async def create_reverse(self, body: dict[str, Any]) -> tuple[RunwayTask, str]:
        """The task and the route that took it; a relay without the newer route answers 404 (nothing was
        made), and is asked at the older one."""
        for route in REVERSE_ROUTES[:-1]:
            try:
                return parse_reverse(await self._client.post_json(route, body)), route
            except NotFound:
                continue
        return parse_reverse(await self._client.post_json(REVERSE_ROUTES[-1], body)), REVERSE_ROUTES[-1]

    async def fetch_reverse(self, route: str, task_id: str) -> RunwayTask:
        if route not in REVERSE_ROUTES:
            route = REVERSE_ROUTES[0]
        return parse_reverse(await self._client.get_json(f"{route}/{quote(task_id, safe='')}"))
