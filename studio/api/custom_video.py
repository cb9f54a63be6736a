"""The `custom_video` routes some relays offer for models they run themselves (docs/PROTOCOLS.md#custom-video).

`POST /custom_video/model/{model}` with `{"prompt"}` answers `{"id", "model", "status"}`;
`GET /custom_video/fetch/{id}` answers `{"id", "model", "status", "error", "output"}`, `status` one of
SUBMITTED, QUEUED, IN_PROGRESS, SUCCESS, FAILURE and `output` the clip's link; `error` is a string
even on success (`""`), which the generic error reading would take for the relay's own error. Only `veo-2` is known to
be served this way, so the family is chosen by `--family custom-video` (or an override), never by name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from studio.api.errors import BadResponse
from studio.api.tasks import Phase, link_in, reason_of, text_id
from studio.api.videos import phase_of, task_payload

if TYPE_CHECKING:
    from studio.api.client import RelayClient

SUBMIT_ROUTE = "/custom_video/model"
FETCH_ROUTE = "/custom_video/fetch"


@dataclass(frozen=True, slots=True)
class CustomVideoTask:
    id: str
    status: str
    url: str | None = None
    error: str = ""

    @property
    def phase(self) -> Phase:
        return phase_of(self.status)


def _output_link(output: Any) -> str | None:
    """`output` as a link: a string, the first of a list, or an object's `url`."""
    if isinstance(output, list):
        output = output[0] if output else None
    if isinstance(output, Mapping):
        output = output.get("url") or output.get("video_url")
    return link_in(output)


def parse_task(payload: Any) -> CustomVideoTask:
    """A submit or fetch answer (also inside a `{"code": "success", "data": …}` envelope)."""
    if isinstance(payload, Mapping) and isinstance(payload.get("data"), Mapping) and "id" not in payload:
        payload = payload["data"]
    if not isinstance(payload, Mapping):
        raise BadResponse("The relay's custom video answer is not a JSON object.")
    task_id = text_id(payload.get("id") or payload.get("task_id"))
    if not task_id:
        raise BadResponse("The relay's custom video answer has no task id.")
    return CustomVideoTask(task_id, str(payload.get("status") or "").strip(),
                           _output_link(payload.get("output")), reason_of(payload.get("error")))


class CustomVideo:
    """The `custom_video` routes on a client."""

    def __init__(self, client: RelayClient) -> None:
        self._client = client

    async def create(self, prompt: str, *, model: str) -> CustomVideoTask:
        path = f"{SUBMIT_ROUTE}/{quote(model, safe='')}"
        return parse_task(task_payload(self._client, await self._client.request("POST", path,
                                                                                json_body={"prompt": prompt})))

    async def fetch(self, task_id: str) -> CustomVideoTask:
        path = f"{FETCH_ROUTE}/{quote(task_id, safe='')}"
        return parse_task(task_payload(self._client, await self._client.request("GET", path)))
