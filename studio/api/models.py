"""`GET /v1/models` (docs/PROTOCOLS.md#models): new-api (with `supported_endpoint_types`), one-api and
Anthropic-style lists, tolerant of missing fields; each model grouped by capability."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from studio.api.capabilities import capability_of
from studio.api.errors import BadResponse

if TYPE_CHECKING:
    from studio.api.client import RelayClient


@dataclass(frozen=True, slots=True)
class ModelInfo:
    id: str
    owned_by: str
    endpoint_types: tuple[str, ...]
    capability: str

    @property
    def family(self) -> str:
        """The request dialect a media model speaks (docs/PROTOCOLS.md#families); chat models speak "chat"."""
        if self.capability in ("chat", "embedding", "other", "speech"):
            return self.capability
        from studio.api.families import family_of

        return str(family_of(self.id, self.capability, self.endpoint_types).family)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "owned_by": self.owned_by,
            "endpoint_types": list(self.endpoint_types),
            "family": self.family,
            "capability": self.capability,
        }


class Models:
    """`client.models`."""

    path = "/v1/models"

    def __init__(self, client: RelayClient) -> None:
        self._client = client

    async def list(self) -> list[ModelInfo]:
        return parse_models(await self._client.get_json(self.path, deadline=self._client.timeouts.metadata))


def parse_models(payload: Any) -> list[ModelInfo]:
    items = payload.get("data") if isinstance(payload, dict) else payload
    if not isinstance(items, list):
        raise BadResponse("The relay's model list has no data.")
    seen: set[str] = set()
    models: list[ModelInfo] = []
    for item in items:
        model_id = item.get("id") if isinstance(item, dict) else item if isinstance(item, str) else None
        if not model_id or not isinstance(model_id, str) or model_id in seen:
            continue
        seen.add(model_id)
        raw = item if isinstance(item, dict) else {}
        types = raw.get("supported_endpoint_types") or ()
        endpoint_types = tuple(str(t) for t in types) if isinstance(types, list) else ()
        models.append(ModelInfo(model_id, str(raw.get("owned_by") or ""), endpoint_types,
                                capability_of(model_id, endpoint_types)))
    models.sort(key=lambda m: m.id.lower())
    return models
