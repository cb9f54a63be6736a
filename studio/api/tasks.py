"""What the task-style families' answers have in common, read one way (docs/PROTOCOLS.md#video).

Relays and vendors send a task's id as text or as a number, a vendor's code as a number or as text,
progress as a figure or `"NN%"`, times as seconds, milliseconds or ISO 8601 text, links and reasons in
one of several fields, and refuse a task with a non-zero code in an HTTP 200 envelope (`vendor_data`
reads Kling's and PixVerse's). Some of those codes only say the vendor is busy (`passing`): on a poll
they are no news of the task. Each family's module keeps its own words for a task's states (`phase_in`
reads them); these readers are the rest, so every family reads an odd value the same way.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any, Literal

from studio.api.errors import BadResponse, RateLimited, RelayError, ServerError

Phase = Literal["queued", "running", "succeeded", "failed"]


def phase_in(phases: Mapping[str, Phase], status: str) -> Phase:
    """The phase `phases` gives `status`; a state it does not list is work in progress, none yet queued."""
    return phases.get(status, "running" if status else "queued")


def text_id(value: Any) -> str | None:
    """A task or clip id sent as text or as a number, stripped; None when absent or empty."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = str(value).strip()
    return text or None


def int_of(value: Any) -> int | None:
    """An integer (a code, an index, a numeric id) sent as a number or as text; None for anything else."""
    if isinstance(value, bool):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def progress_value(value: Any) -> float | None:
    """A progress figure 0-100 from an int, a float or a `"NN%"` string; None when there is none."""
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip().removesuffix("%").strip()
    try:
        number = float(text)
    except ValueError:
        return None
    return min(100.0, max(0.0, number)) if math.isfinite(number) else None


def epoch_seconds(value: Any) -> float | None:
    """A time as seconds since the epoch: a number, a numeric string (milliseconds when above 1e12) or
    an ISO 8601 string; None when unreadable."""
    if isinstance(value, bool) or value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        try:
            return datetime.fromisoformat(str(value).strip().replace("Z", "+00:00")).timestamp()
        except ValueError:
            return None
    if not math.isfinite(number) or number <= 0:
        return None
    return number / 1000.0 if number > 1e12 else number


def link_in(value: Any) -> str | None:
    """`value` when it is an http(s) link (spaces trimmed), else None."""
    if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")):
        return value.strip()
    return None


def first_text(fields: Mapping[str, Any], *keys: str) -> str:
    """The first of `keys` whose value is a non-empty string, stripped; "" when none is."""
    return next((fields[key].strip() for key in keys if isinstance(fields.get(key), str) and fields[key].strip()), "")


def reason_of(error: Any) -> str:
    """The sentence of a task's error: `{"message", "code"}`, a string, or nothing ("")."""
    if isinstance(error, Mapping):
        message = str(error.get("message") or "").strip()
        code = str(error.get("code") or "").strip()
        return message or code
    return str(error).strip() if isinstance(error, (str, int, float)) and not isinstance(error, bool) else ""


class Refused(RelayError):
    """A vendor's envelope refused the task (a non-zero code, with HTTP 200); `message` says why."""

    vendor = "The vendor"

    def _sentence(self) -> str:
        reason = self.message.rstrip(".") or "no reason given"
        return f"{self.vendor} refused the task: {reason} (code {self.code})."


def vendor_data(payload: Any, refused: type[Refused], *, code: str = "code", message: str = "message",
                data: str = "data", what: str = "task") -> dict[str, Any]:
    """The `data` object of a vendor's envelope `{code, message, data}` (the fields named as the vendor
    names them; a missing code is 0): `refused` for a non-zero code, `BadResponse` for a body that is not
    such an envelope."""
    vendor = refused.vendor
    if not isinstance(payload, dict):
        raise BadResponse(f"The relay's {vendor} answer is not a JSON object.")
    number = int_of(payload.get(code, 0))
    if number is None:
        raise BadResponse(f"The relay's {vendor} answer has no readable {code}.")
    if number != 0:
        request_id = str(payload.get("request_id") or "") or None
        raise refused(200, str(payload.get(message) or "").strip(), code=str(number), request_id=request_id)
    found = payload.get(data)
    if not isinstance(found, dict):
        raise BadResponse(f"The relay's {vendor} answer has no {what}.")
    return found


def passing(vendor: str, code: int | None, message: str, *, rate_limits: Collection[int],
            server_side: Collection[int], request_id: str | None = None) -> RateLimited | ServerError | None:
    """The error a poll raises for a vendor's code that only says the vendor is busy (`rate_limits`: too
    many requests or tasks at once; `server_side`: its own fault or timeout): `RateLimited` or
    `ServerError`, which the runner retries without failing the job, since the task itself may still
    finish. None for any other code (that one is the task's answer)."""
    kind: type[RateLimited] | type[ServerError]
    if code in rate_limits:
        kind = RateLimited
    elif code in server_side:
        kind = ServerError
    else:
        return None
    reason = " ".join(message.split()).rstrip(".") or "no reason given"
    return kind(0, f"{vendor} answered code {code}, {reason}", code=str(code), request_id=request_id)
