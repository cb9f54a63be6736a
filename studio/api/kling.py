"""What Kling's image and video tasks share (docs/PROTOCOLS.md#kling-images, docs/PROTOCOLS.md#kling-video).

Both answer in one envelope `{"code", "message", "request_id", "data"}`: `code` 0 is success, any
other code is a refusal whose sentence is `message` (`KlingRefused`), except on a poll, where a code that
only says Kling is busy (`PASSING_CODES`) is retried (`poll_data`). Both take an input picture as a
URL or bare base64 (Kling refuses a `data:` prefix) and name a task's state in the same words. This
module reads those once for both; the times Kling stamps (milliseconds on some relays, seconds on
others) are read by `studio.api.tasks.epoch_seconds`, as every task family's.
"""

from __future__ import annotations

import base64
from typing import Any

from studio.api.tasks import Phase, Refused, int_of, passing, phase_in, vendor_data

#: Kling's `task_status` values, as phases (`succeed` is Kling's spelling)
PHASES: dict[str, Phase] = {"submitted": "queued", "processing": "running", "succeed": "succeeded",
                            "succeeded": "succeeded", "failed": "failed"}


#: Kling's codes that say nothing of a task, from its API's error table: 1302 too many requests, 1303 more
#: tasks at once than the resource pack allows (its HTTP 429 codes), 5000 server error, 5001 unavailable,
#: 5002 timeout (its 5xx codes); 1304, the IP allow-list, is the account's and stays a refusal
RATE_LIMIT_CODES = frozenset({1302, 1303})
SERVER_CODES = frozenset({5000, 5001, 5002})


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


def poll_data(payload: Any) -> dict[str, Any]:
    """`envelope_data` for a poll: a code of `RATE_LIMIT_CODES` or `SERVER_CODES` (a relay that answers
    them with HTTP 200) is `RateLimited` or `ServerError`, which the runner retries, never the task's end."""
    try:
        return envelope_data(payload)
    except KlingRefused as refused:
        busy = passing("Kling", int_of(refused.code), refused.message, rate_limits=RATE_LIMIT_CODES,
                       server_side=SERVER_CODES, request_id=refused.request_id)
        if busy is None:
            raise
        raise busy from refused

