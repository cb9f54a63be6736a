"""Pika video as relays pass on Pika's web format (docs/PROTOCOLS.md#pika).

`POST /pika/generate` (`promptText`, `model` - Pika's version, `1.5` -, `options` with the aspect ratio as
a number and `parameters.negativePrompt`, an optional `image`) answers `{"id"}`; `GET /pika/feed/{id}`
answers the generation with its clips in `videos[]`, each with `status` (`queued`, `finished`, `error`),
`progress` (0-100) and, when finished, `resultUrl`. Known from one web client only, so read loosely.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from studio.api.errors import BadResponse
from studio.api.tasks import Phase, progress_value, text_id

if TYPE_CHECKING:
    from studio.api.client import RelayClient

SUBMIT = "/pika/generate"
FEED = "/pika/feed"
DEFAULT_VERSION = "1.5"


@dataclass(frozen=True, slots=True)
class PikaTask:
    id: str
    status: str  # of the first clip, lower case; "" while the feed lists none
    progress: float | None = None
    url: str | None = None
    reason: str = ""

    @property
    def phase(self) -> Phase:
        """`queued` with progress above 0 is at work (Pika keeps the word while the figure climbs)."""
        if self.status in ("finished", "succeeded", "success"):
            return "succeeded"
        if self.status in ("error", "failed"):
            return "failed"
        if self.status in ("", "queued", "pending"):
            return "running" if self.progress else "queued"
        return "running"


def version_of(model: str) -> str:
    """Pika's version from a model id: `pika-1.5` → `1.5`, `pika` → the default."""
    name = model.strip()
    if name.lower().startswith("pika"):
        name = name[4:].lstrip("-_ ")
    return name or DEFAULT_VERSION


def aspect_number(aspect: str | None) -> float:
    """`16:9` → 1.777…; Pika takes the ratio as a number (16:9 when none is given)."""
    width, _, height = (aspect or "16:9").partition(":")
    return float(width) / float(height)


def generate_body(prompt: str, model: str, *, image: str | None = None, aspect: str | None = None,
                  negative_prompt: str | None = None) -> dict[str, Any]:
    """With an image the clip takes the picture's shape, so no aspect ratio is sent (as Pika's web app)."""
    options: dict[str, Any] = {"frameRate": 24, "parameters": {"negativePrompt": negative_prompt or ""}}
    body: dict[str, Any] = {"promptText": prompt, "model": version_of(model), "options": options}
    if image:
        body["image"] = image
    else:
        options["aspectRatio"] = aspect_number(aspect)
    return body


def parse_submit(payload: Any) -> str:
    found = text_id(payload.get("id")) if isinstance(payload, dict) else None
    if not found:
        raise BadResponse("The relay's Pika answer has no task id.")
    return found


def parse_feed(payload: Any, task_id: str) -> PikaTask:
    if not isinstance(payload, dict):
        raise BadResponse("The relay's Pika answer is not a generation.")
    videos = payload.get("videos")
    first: dict[str, Any] = videos[0] if isinstance(videos, list) and videos and isinstance(videos[0], dict) else {}
    error = first.get("error")
    reason = error.strip() if isinstance(error, str) else str(error.get("message") or "") if isinstance(
        error, dict) else ""
    return PikaTask(text_id(payload.get("id")) or task_id, str(first.get("status") or "").strip().lower(),
                    progress_value(first.get("progress")), text_id(first.get("resultUrl")), reason)


class Pika:
    def __init__(self, client: RelayClient) -> None:
        self._client = client

    async def generate(self, body: dict[str, Any]) -> str:
        return parse_submit(await self._client.post_json(SUBMIT, body))

    async def feed(self, task_id: str) -> PikaTask:
        return parse_feed(await self._client.get_json(f"{FEED}/{quote(task_id, safe='')}"), task_id)
