"""Kling image generation in Kling's own format, as relays pass it on (docs/PROTOCOLS.md#kling-images).

`POST /kling/v1/images/generations` creates a task and `GET /kling/v1/images/generations/{task_id}`
asks about it. Both answer Kling's envelope (`studio.api.kling`: `code` 0 is success, any other code
is `KlingRefused`). A task's `task_status` is `submitted`, `processing`, `succeed` or `failed` (with
`task_status_msg` as the reason); a finished task lists its pictures in `task_result.images` as
`{"index", "url"}`. A reference image is a URL or bare base64 (`studio.api.kling.bare_base64`): Kling
refuses a `data:` prefix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from studio.api.errors import BadResponse
from studio.api.kling import envelope_data, phase_of, poll_data
from studio.api.sizes import nearest_ratio
from studio.api.tasks import Phase, epoch_seconds, int_of

if TYPE_CHECKING:
    from studio.api.client import RelayClient

ROUTE = "/kling/v1/images/generations"
#: the aspect ratios Kling's image generation takes (width:height)
ASPECT_RATIOS = ("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3")
#: how many pictures one task may make
MAX_IMAGES = 9


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
        return phase_of(self.status)


def aspect_ratio_for(size: str | None) -> str | None:
    """The supported aspect ratio nearest to a `WIDTHxHEIGHT` size; None for no size or `auto`."""
    return nearest_ratio(size, ASPECT_RATIOS)


def parse_task(payload: Any, *, poll: bool = False) -> KlingTask:
    """A submit's or (`poll`) a query's answer; on a poll a passing busy code is retried, not the task's end."""
    data = poll_data(payload) if poll else envelope_data(payload)
    task_id = data.get("task_id")
    if not isinstance(task_id, (str, int)) or isinstance(task_id, bool) or not str(task_id).strip():
        raise BadResponse("The relay's Kling answer has no task id.")
    result = data.get("task_result")
    items = result.get("images") if isinstance(result, dict) else None
    found: list[tuple[int, int, str]] = []
    for position, item in enumerate(items if isinstance(items, list) else []):
        url = item.get("url") if isinstance(item, dict) else None
        if isinstance(url, str) and url.strip():
            index = int_of(item.get("index"))
            found.append((position if index is None else index, position, url.strip()))
    images = tuple(KlingImage(index, url) for index, _, url in sorted(found))
    return KlingTask(
        task_id=str(task_id).strip(), status=str(data.get("task_status") or "").strip().lower(),
        status_msg=str(data.get("task_status_msg") or "").strip(), images=images,
        created_at=epoch_seconds(data.get("created_at")), updated_at=epoch_seconds(data.get("updated_at")),
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
        return parse_task(await self._client.get_json(f"{ROUTE}/{quote(task_id, safe='')}"), poll=True)
