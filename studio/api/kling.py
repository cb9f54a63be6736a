"""What Kling's image and video tasks share (docs/PROTOCOLS.md#kling-images, docs/PROTOCOLS.md#kling-video).

Both answer in one envelope `{"code", "message", "request_id", "data"}`: `code` 0 is success, any
other code is a refusal whose sentence is `message` (`KlingRefused`). Both take an input picture as a
URL or bare base64 (Kling refuses a `data:` prefix) and name a task's state in the same words. This
module reads those once for both; the times Kling stamps (milliseconds on some relays, seconds on
others) are read by `studio.api.tasks.epoch_seconds`, as every task family's.
"""

from __future__ import annotations

import base64
from typing import Any

from studio.api.tasks import Phase, Refused, phase_in, vendor_data

#: Kling's `task_status` values, as phases (`succeed` is Kling's spelling)
PHASES: dict[str, Phase] = {"submitted": "queued", "processing": "running", "succeed": "succeeded",
                            "succeeded": "succeeded", "failed": "failed"}


class KlingRefused(Refused):
    """The relay answered a Kling request with a non-zero `code` (its `message` says why)."""

    vendor = "Kling"


def phase_of(status: str) -> Phase:
    """The job's phase for a lower-case `task_status`; one this client does not know is work in progress."""
    return phase_in(PHASES, status)


def bare_base64(data: bytes) -> str:
    """An input image as Kling wants it: base64 without a `data:` prefix."""
    return base64.b64encode(data).decode("ascii")


def envelope_data(payload: Any) -> dict[str, Any]:
    """The `data` object of a Kling envelope; `KlingRefused` for a non-zero code, `BadResponse` for a
    body that is not an envelope."""
    return vendor_data(payload, KlingRefused)
