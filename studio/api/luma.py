"""Luma Dream Machine generations, as relays pass them on (docs/PROTOCOLS.md#luma).

`POST /luma/generations` creates a generation from `user_prompt` (with frames as `image_url` /
`image_end_url`), `POST /luma/generations/{id}/extend` continues a finished one, and
`GET /luma/generations/{id}` asks about it. A create may answer the generation itself or a
one-element array of it. `state` is `pending` (or `queued`), `processing` (or `dreaming`),
`completed` or `failed`; a generation is only finished when it is `completed` **and** its `video` has a
link (`download_url`, else `url`): relays report `completed` a little before the file is there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from studio.api.errors import BadResponse
from studio.api.tasks import Phase, first_text, phase_in, text_id

if TYPE_CHECKING:
    from studio.api.client import RelayClient

ROUTE = "/luma/generations"

_PHASES: dict[str, Phase] = {"pending": "queued", "queued": "queued", "processing": "running",
                             "dreaming": "running", "completed": "succeeded", "failed": "failed"}


@dataclass(frozen=True, slots=True)
class LumaGeneration:
    id: str
    state: str  # lower case, as sent
    video_url: str | None = None
    reason: str = ""

    @property
    def phase(self) -> Phase:
        """`completed` without a link is still at work; a state this client does not know too."""
        phase = phase_in(_PHASES, self.state)
        if phase == "succeeded" and not self.video_url:
            return "running"
        return phase


def generation_body(prompt: str, *, loop: bool = False, image_url: str | None = None,
                    image_end_url: str | None = None, expand_prompt: bool = True) -> dict[str, Any]:
    """The create (and extend) body; frames are links or data URLs."""
    body: dict[str, Any] = {"user_prompt": prompt, "expand_prompt": expand_prompt, "loop": loop}
    if image_url:
        body["image_url"] = image_url
    if image_end_url:
        body["image_end_url"] = image_end_url
    return body


def parse_generation(payload: Any) -> LumaGeneration:
    if isinstance(payload, list):
        payload = payload[0] if payload else None
    if not isinstance(payload, dict):
        raise BadResponse("The relay's Luma answer is not a generation.")
    generation_id = text_id(payload.get("id"))
    if not generation_id:
        raise BadResponse("The relay's Luma answer has no generation id.")
    video = payload.get("video")
    url = (first_text(video, "download_url", "url") or None) if isinstance(video, dict) else None
    reason = first_text(payload, "failure_reason", "fail_reason", "error", "message")
    return LumaGeneration(generation_id, str(payload.get("state") or "").strip().lower(), url, reason)


class Luma:
    """Luma's generations on a client."""

    def __init__(self, client: RelayClient) -> None:
        self._client = client

    async def create(self, body: dict[str, Any]) -> LumaGeneration:
        return parse_generation(await self._client.post_json(ROUTE, body))

    async def extend(self, generation_id: str, body: dict[str, Any]) -> LumaGeneration:
        return parse_generation(await self._client.post_json(f"{ROUTE}/{quote(generation_id, safe='')}/extend", body))

    async def fetch(self, generation_id: str) -> LumaGeneration:
        return parse_generation(await self._client.get_json(f"{ROUTE}/{quote(generation_id, safe='')}"))
