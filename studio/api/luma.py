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
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from studio.api.errors import BadResponse

if TYPE_CHECKING:
    from studio.api.client import RelayClient

ROUTE = "/luma/generations"

Phase = Literal["queued", "running", "succeeded", "failed"]
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
        phase = _PHASES.get(self.state, "running" if self.state else "queued")
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


def _link(value: Any) -> str | None:
    text = value.strip() if isinstance(value, str) else ""
    return text or None


def parse_generation(payload: Any) -> LumaGeneration:
    if isinstance(payload, list):
        payload = payload[0] if payload else None
    if not isinstance(payload, dict):
        raise BadResponse("The relay's Luma answer is not a generation.")
    raw_id = payload.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)) or not str(raw_id).strip():
        raise BadResponse("The relay's Luma answer has no generation id.")
    video = payload.get("video")
    url = None
    if isinstance(video, dict):
        url = _link(video.get("download_url")) or _link(video.get("url"))
    reason = next((str(payload[k]).strip() for k in ("failure_reason", "fail_reason", "error", "message")
                   if isinstance(payload.get(k), str) and payload[k].strip()), "")
    return LumaGeneration(str(raw_id).strip(), str(payload.get("state") or "").strip().lower(), url, reason)


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
