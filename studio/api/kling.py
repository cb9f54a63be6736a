"""What Kling's image and video tasks share (docs/PROTOCOLS.md#kling-images, docs/PROTOCOLS.md#kling-video).

Both answer in one envelope `{"code", "message", "request_id", "data"}`: `code` 0 is success, any
other code is a refusal whose sentence is `message` (`KlingRefused`). Both take an input picture as a
URL or bare base64 (Kling refuses a `data:` prefix), and stamp tasks with times that are milliseconds
on some relays and seconds on others. This module reads those once for both.
"""

from __future__ import annotations

import base64
import math
from typing import Any, Literal

from studio.api.errors import BadResponse, RelayError

Phase = Literal["queued", "running", "succeeded", "failed"]
#: Kling's `task_status` values, as phases (`succeed` is Kling's spelling)
PHASES: dict[str, Phase] = {"submitted": "queued", "processing": "running", "succeed": "succeeded",
                            "succeeded": "succeeded", "failed": "failed"}


class KlingRefused(RelayError):
    """The relay answered a Kling request with a non-zero `code` (its `message` says why)."""

    def _sentence(self) -> str:
        reason = self.message.rstrip(".") or "no reason given"
        return f"Kling refused the task: {reason} (code {self.code})."


def phase_of(status: str) -> Phase:
    """The job's phase for a lower-case `task_status`; one this client does not know is work in progress."""
    return PHASES.get(status, "running" if status else "queued")


def bare_base64(data: bytes) -> str:
    """An input image as Kling wants it: base64 without a `data:` prefix."""
    return base64.b64encode(data).decode("ascii")


def epoch(value: Any) -> float | None:
    """A Kling time (milliseconds when above 1e12, else seconds; a number or a numeric string)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number) or number <= 0:
        return None
    return number / 1000.0 if number > 1e12 else number


def code_of(value: Any) -> int | None:
    """An integer code sent as a number or as text; None for anything else."""
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
    code = code_of(payload.get("code", 0))
    if code is None:
        raise BadResponse("The relay's Kling answer has no readable code.")
    if code != 0:
        request_id = str(payload.get("request_id") or "") or None
        raise KlingRefused(200, str(payload.get("message") or "").strip(), code=str(code), request_id=request_id)
    data = payload.get("data")
    if not isinstance(data, dict):
        raise BadResponse("The relay's Kling answer has no task.")
    return data


def text_id(value: Any) -> str | None:
    """A task or clip id sent as text or as a number, stripped; None when absent or empty."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = str(value).strip()
    return text or None
