"""PixVerse video as relays pass on PixVerse's web format (docs/PROTOCOLS.md#pixverse).

`POST /pixverse/generate` (`prompt`, `model` - PixVerse's version, `v3.5` -, `quality`, `duration`,
`aspect_ratio`, `motion_mode`, `seed`, a start frame as `img_url`; an extension adds `original_video_id`,
`"extend": 1`, `"platform": "web"`) answers `{"ErrCode": 0, "ErrMsg", "Resp": {"video_id": 123}}` - the
id is a **number**. `GET /pixverse/feed/{video_id}` answers the video in `Resp`: `video_status` 1 is
done (`url`), 100 failed, anything else at work. A non-zero `ErrCode` is a refusal (`PixverseRefused`).
Known from one web client only, so read loosely.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from studio.api.errors import BadResponse
from studio.api.tasks import Phase, Refused, first_text, int_of, vendor_data

if TYPE_CHECKING:
    from studio.api.client import RelayClient

SUBMIT = "/pixverse/generate"
FEED = "/pixverse/feed"
DEFAULT_VERSION = "v3.5"
DONE, FAILED = 1, 100


class PixverseRefused(Refused):
    """The relay answered a PixVerse request with a non-zero `ErrCode` (its `ErrMsg` says why)."""

    vendor = "PixVerse"


@dataclass(frozen=True, slots=True)
class PixverseVideo:
    id: str
    status: int | None  # video_status
    url: str | None = None
    reason: str = ""

    @property
    def phase(self) -> Phase:
        if self.status == DONE:
            return "succeeded"
        if self.status == FAILED:
            return "failed"
        return "running"


def version_of(model: str) -> str:
    """PixVerse's version from a model id: `pixverse-v3.5` → `v3.5`, `pixverse` → the default."""
    name = model.strip()
    if name.lower().startswith("pixverse"):
        name = name[8:].lstrip("-_ ")
    return name or DEFAULT_VERSION


def generate_body(prompt: str, model: str, *, image: str | None = None, aspect: str | None = None,
                  duration: str | None = None, extend: int | None = None, seed: int | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"prompt": prompt, "model": version_of(model), "quality": "540p",
                            "duration": int(duration or 5), "aspect_ratio": aspect or "16:9", "motion_mode": "normal",
                            "seed": seed if seed is not None else random.randint(1, 2_147_483_647)}
    if image:
        body["img_url"] = image
    if extend is not None:
        body.update(original_video_id=extend, extend=1, platform="web")
    return body


def _resp(payload: Any) -> dict[str, Any]:
    return vendor_data(payload, PixverseRefused, code="ErrCode", message="ErrMsg", data="Resp", what="Resp")


def parse_submit(payload: Any) -> str:
    """The new video's id (a number on the wire, kept as text)."""
    video_id = int_of(_resp(payload).get("video_id"))
    if video_id is None:
        raise BadResponse("The relay's PixVerse answer has no video id.")
    return str(video_id)


def parse_feed(payload: Any, video_id: str) -> PixverseVideo:
    resp = _resp(payload)
    return PixverseVideo(str(int_of(resp.get("video_id")) or video_id), int_of(resp.get("video_status")),
                         first_text(resp, "url") or None, first_text(resp, "err_msg", "fail_reason", "message"))


class Pixverse:
    def __init__(self, client: RelayClient) -> None:
        self._client = client

    async def generate(self, body: dict[str, Any]) -> str:
        return parse_submit(await self._client.post_json(SUBMIT, body))

    async def feed(self, video_id: str) -> PixverseVideo:
        number = int_of(video_id)
        if number is None:
            raise BadResponse(f"{video_id!r} is not a PixVerse video id.")
        return parse_feed(await self._client.get_json(f"{FEED}/{number}"), video_id)
