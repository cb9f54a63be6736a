"""Balance: `/v1/dashboard/billing/subscription` + `/usage` (docs/PROTOCOLS.md#balance).

`total_usage` is in hundredths of the display unit; remaining = hard limit − usage / 100. Relays
answer errors here with HTTP 200 and an `{"error": …}` body, which `decode_json` raises. A figure
the relay does not give stays None ("unknown"), never 0; a hard limit of 100,000,000 means an
unlimited token.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from studio.api.errors import NotFound, NotImplementedByRelay

if TYPE_CHECKING:
    from studio.api.client import RelayClient

UNLIMITED = 100_000_000


@dataclass(frozen=True, slots=True)
class Balance:
    remaining: float | None
    used: float | None
    limit: float | None
    unit: str = "USD"
    unlimited: bool = False
    #: unix seconds when the token expires; None for never or unknown.
    access_until: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "remaining": self.remaining,
            "used": self.used,
            "limit": self.limit,
            "unit": self.unit,
            "unlimited": self.unlimited,
            "access_until": self.access_until,
        }


class Billing:
    """`client.billing`."""

    def __init__(self, client: RelayClient) -> None:
        self._client = client

    async def balance(self) -> Balance:
        subscription, usage = await asyncio.gather(
            self._optional("/v1/dashboard/billing/subscription"),
            self._optional("/v1/dashboard/billing/usage"),
        )
        return balance_from(subscription, usage)

    async def _optional(self, path: str) -> Any:
        try:
            return await self._client.get_json(path, deadline=self._client.timeouts.metadata)
        except (NotFound, NotImplementedByRelay):
            return None


def balance_from(subscription: Any, usage: Any) -> Balance:
    limit = _number(subscription.get("hard_limit_usd")) if isinstance(subscription, dict) else None
    used_raw = _number(usage.get("total_usage")) if isinstance(usage, dict) else None
    used = round(used_raw / 100.0, 6) if used_raw is not None else None
    access = _number(subscription.get("access_until")) if isinstance(subscription, dict) else None
    access_until = int(access) if access else None
    if limit is not None and limit >= UNLIMITED:
        return Balance(None, used, None, unlimited=True, access_until=access_until)
    remaining = round(limit - used, 6) if limit is not None and used is not None else None
    return Balance(remaining, used, limit, access_until=access_until)


def _number(value: Any) -> float | None:
    try:
        return float(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None
