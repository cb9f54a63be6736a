"""Kling image generation in Kling's own format, as relays pass it on (docs/PROTOCOLS.md#kling-images).

`POST /kling/v1/images/generations` creates a task and `GET /kling/v1/images/generations/{task_id}`
asks about it. Both answer an envelope `{"code", "message", "request_id", "data"}`: `code` 0 is
success, any other code is a refusal whose sentence is `message` (`KlingRefused`). A task's
`task_status` is `submitted`, `processing`, `succeed` or `failed` (with `task_status_msg` as the
reason); a finished task lists its pictures in `task_result.images` as `{"index", "url"}`. A
reference image is a URL or bare base64: Kling refuses a `data:` prefix.
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from studio.api.errors import BadResponse, RelayError
from studio.api.sizes import nearest_ratio

if TYPE_CHECKING:
    from studio.api.client import RelayClient

ROUTE = "/kling/v1/images/generations"
#: the aspect ratios Kling's image generation takes (width:height)
ASPECT_RATIOS = ("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3")
#: how many pictures one task may make
MAX_IMAGES = 9

Phase = Literal["queued", "running", "succeeded", "failed"]
_PHASES: dict[str, Phase] = {"submitted": "queued", "processing": "running", "succeed": "succeeded",
                             "succeeded": "succeeded", "failed": "failed"}


class KlingRefused(RelayError):
    """The relay answered a Kling request with a non-zero `code` (its `message` says why)."""

    def _sentence(self) -> str:
        reason = self.message.rstrip(".") or "no reason given"
        return f"Kling refused the task: {reason} (code {self.code})."


@dataclass(frozen=True, slots=True)
class KlingImage:
    index: int
    url: str


@dataclass(frozen=True, slots=True)
class KlingTask:
    """A task as a submit or a query describes it; times are seconds since the epoch (None when absent)."""

    task_id: str
    status: str  # submitted, processing, succeed, failed (lower case; anything else is kept as sent)
    status_msg: str = ""
    images: tuple[KlingImage, ...] = ()
    created_at: float | None = None
    updated_at: float | None = None

    @property
    def phase(self) -> Phase:
        """The job's phase; a status this client does not know is taken for work in progress."""
        return _PHASES.get(self.status, "running" if self.status else "queued")


def aspect_ratio_for(size: str | None) -> str | None:
    """The supported aspect ratio nearest to a `WIDTHxHEIGHT` size; None for no size or `auto`."""
    return nearest_ratio(size, ASPECT_RATIOS)


def bare_base64(data: bytes) -> str:
    """An input image as Kling wants it: base64 without a `data:` prefix."""
    return base64.b64encode(data).decode("ascii")


def _epoch(value: Any) -> float | None:
    """A Kling time (milliseconds when above 1e12, else seconds; a number or a numeric string)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number) or number <= 0:
        return None
    return number / 1000.0 if number > 1e12 else number


def _code(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def envelope_data(payload: Any) -> dict[str, Any]:
    """The `data` object of a Kling envelope; `KlingRefused` for a non-zero code, `BadResponse` for a
    body that is not an envelope."""
    if not isinstance(payload, dict):
        raise BadResponse("The relay's Kling answer is not a JSON object.")
    code = _code(payload.get("code", 0))
    if code is None:
        raise BadResponse("The relay's Kling answer has no readable code.")
    if code != 0:
        request_id = str(payload.get("request_id") or "") or None
        raise KlingRefused(200, str(payload.get("message") or "").strip(), code=str(code), request_id=request_id)
    data = payload.get("data")
    if not isinstance(data, dict):
        raise BadResponse("The relay's Kling answer has no task.")
    return data


def parse_task(payload: Any) -> KlingTask:
    data = envelope_data(payload)
    task_id = data.get("task_id")
    if not isinstance(task_id, (str, int)) or isinstance(task_id, bool) or not str(task_id).strip():
        raise BadResponse("The relay's Kling answer has no task id.")
    result = data.get("task_result")
    items = result.get("images") if isinstance(result, dict) else None
    found: list[tuple[int, int, str]] = []
    for position, item in enumerate(items if isinstance(items, list) else []):
        url = item.get("url") if isinstance(item, dict) else None
        if isinstance(url, str) and url.strip():
            index = _code(item.get("index"))
            found.append((position if index is None else index, position, url.strip()))
    images = tuple(KlingImage(index, url) for index, _, url in sorted(found))
    return KlingTask(
        task_id=str(task_id).strip(), status=str(data.get("task_status") or "").strip().lower(),
        status_msg=str(data.get("task_status_msg") or "").strip(), images=images,
        created_at=_epoch(data.get("created_at")), updated_at=_epoch(data.get("updated_at")),
    )


class KlingImages:
    """Kling's image tasks on a client: create one, ask about it."""

    def __init__(self, client: RelayClient) -> None:
        self._client = client

    async def generate(self, prompt: str, *, model: str, n: int = 1, aspect_ratio: str | None = None,
                       image: str | None = None, image_fidelity: float | None = None,
                       negative_prompt: str | None = None) -> KlingTask:
        """Create the task; `image` is a URL or bare base64 (`bare_base64`)."""
        body: dict[str, Any] = {"model_name": model, "prompt": prompt, "n": n}
        for key, value in (("negative_prompt", negative_prompt), ("aspect_ratio", aspect_ratio), ("image", image),
                           ("image_fidelity", image_fidelity)):
            if value is not None and value != "":
                body[key] = value
        return parse_task(await self._client.post_json(ROUTE, body))

    async def fetch(self, task_id: str) -> KlingTask:
        return parse_task(await self._client.get_json(f"{ROUTE}/{quote(task_id, safe='')}"))
