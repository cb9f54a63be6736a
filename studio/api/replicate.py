"""Replicate-style predictions (docs/PROTOCOLS.md#replicate).

A model is named `owner/name` (`black-forest-labs/flux-schnell`) or by a version id (64 hex
characters). `POST /v1/models/{owner}/{name}/predictions {"input": {...}}` or `POST /v1/predictions
{"version": "<id>", "input": {...}}` creates a prediction; `GET /v1/predictions/{id}` reads it and
`POST /v1/predictions/{id}/cancel` stops it. Every route is asked of the relay (its base URL), never
of the `urls` a prediction carries: those name the upstream's host, where the relay's key is no key.

A prediction's `output` depends on the model: a link, a list of links, or text (a string, or a list
of tokens a language model streamed, joined here). `error` is a string on Replicate, sometimes an
object (`{"detail": …}`) behind a relay.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from studio.api.errors import BadResponse
from studio.api.sizes import nearest_ratio
from studio.errors import InputError

if TYPE_CHECKING:
    import httpx

    from studio.api.client import RelayClient

#: the two shapes of a Replicate model name (matched on the lower-case name)
MODEL_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]*/[a-z0-9][a-z0-9_.-]*$")
VERSION_ID = re.compile(r"^[0-9a-f]{64}$")
#: `owner/name:version`, taken when the family is chosen by hand (not claimed by name)
_PINNED = re.compile(r"^([a-z0-9][a-z0-9_.-]*/[a-z0-9][a-z0-9_.-]*):([0-9a-f]{64})$")
#: the aspect ratios sizes are mapped to (new-api relay/channel/replicate, `mapOpenAISizeToFlux`)
ASPECT_RATIOS = ("1:1", "16:9", "9:16", "3:2", "2:3", "4:5", "5:4", "3:4", "4:3")

_LINK = re.compile(r"^(https?://\S+|data:[^,\s]*,\S*)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Prediction:
    id: str
    status: str  # starting, processing, succeeded, failed, canceled, aborted (or what else a relay sent)
    links: tuple[str, ...] = ()  # output files: http(s) or data: links
    text: str | None = None  # text output (a string, or streamed tokens joined)
    error: str = ""
    predict_time: float | None = None

    @property
    def phase(self) -> Literal["queued", "running", "succeeded", "failed"]:
        if self.status == "succeeded":
            return "succeeded"
        if self.status in ("failed", "canceled", "aborted"):
            return "failed"
        if self.status == "processing":
            return "running"
        return "queued"  # starting, or a status this client does not know: keep asking


def route_for(model: str) -> tuple[str, dict[str, Any]]:
    """(path, body without `input`) of the create route for `model`; `InputError` for another shape."""
    name = model.strip()
    lowered = name.lower()
    if VERSION_ID.match(lowered):
        return "/v1/predictions", {"version": lowered}
    pinned = _PINNED.match(lowered)
    if pinned:
        return "/v1/predictions", {"version": pinned.group(2)}
    if MODEL_NAME.match(lowered):
        owner, model_name = name.split("/")
        return f"/v1/models/{quote(owner, safe='')}/{quote(model_name, safe='')}/predictions", {}
    raise InputError(f"{model} is not a Replicate model name; write it as owner/name or give its 64-character "
                     "version id.")


def aspect_ratio(size: str | None) -> str | None:
    """The aspect ratio nearest to a `WIDTHxHEIGHT` size (None for "auto", nothing, or no size)."""
    return nearest_ratio(size, ASPECT_RATIOS)


def is_link(text: str) -> bool:
    return bool(_LINK.match(text.strip()))


def _output(value: Any) -> tuple[tuple[str, ...], str | None]:
    """(links, text) of an `output`: links are kept; strings that are not links are text (list items
    joined as streamed tokens); an object gives its links, or else itself as JSON text."""
    if value is None:
        return (), None
    if isinstance(value, str):
        return ((value.strip(),), None) if is_link(value) else ((), value)
    if isinstance(value, list):
        strings = [v for v in value if isinstance(v, str)]
        links = tuple(s.strip() for s in strings if is_link(s))
        if links:
            return links, None
        if strings and len(strings) == len(value):
            return (), "".join(strings)
    if isinstance(value, dict):
        found: list[str] = []
        for item in value.values():
            for candidate in item if isinstance(item, list) else [item]:
                if isinstance(candidate, str) and is_link(candidate):
                    found.append(candidate.strip())
        if found:
            return tuple(found), None
    return (), json.dumps(value, ensure_ascii=False, indent=2)


def _error(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("detail") or value.get("message") or value.get("code") or ""
    return str(value or "").strip()


def parse_prediction(payload: Any) -> Prediction:
    if not isinstance(payload, dict) or not payload.get("id"):
        raise BadResponse("The relay's Replicate answer is not a prediction.")
    links, text = _output(payload.get("output"))
    metrics = payload.get("metrics")
    seconds = metrics.get("predict_time") if isinstance(metrics, dict) else None
    try:
        predict_time = float(seconds) if seconds is not None else None
    except (TypeError, ValueError):
        predict_time = None
    status = str(payload.get("status") or "").strip().lower()
    return Prediction(id=str(payload["id"]), status=status, links=links, text=text,
                      error=_error(payload.get("error")), predict_time=predict_time)


class Predictions:
    """`Predictions(client)`: the three routes of docs/PROTOCOLS.md#replicate."""

    def __init__(self, client: RelayClient) -> None:
        self._client = client

    async def create(self, model: str, input: dict[str, Any]) -> Prediction:
        path, body = route_for(model)
        return self._read(await self._client.request("POST", path, json_body={**body, "input": input}))

    async def get(self, prediction_id: str) -> Prediction:
        return self._read(await self._client.request("GET", f"/v1/predictions/{quote(prediction_id, safe='')}"))

    async def cancel(self, prediction_id: str) -> Prediction:
        path = f"/v1/predictions/{quote(prediction_id, safe='')}/cancel"
        return self._read(await self._client.request("POST", path))

    def _read(self, response: httpx.Response) -> Prediction:
        """A prediction as sent: a failed one carries `error` as a string, which the client's generic
        reading would take for an error answer; anything else is read the generic way."""
        try:
            payload = json.loads(response.text)
        except ValueError:
            payload = None
        if isinstance(payload, dict) and payload.get("id") and "status" in payload:
            return parse_prediction(payload)
        return parse_prediction(self._client.decode_json(response))
