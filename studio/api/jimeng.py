"""Jimeng (即梦) video through Volcengine's visual API, as relays pass it on (docs/PROTOCOLS.md#jimeng).

Both calls are `POST /jimeng/` with the action in the query string (`Action=CVSync2AsyncSubmitTask` or
`CVSync2AsyncGetResult`, `Version=2022-08-31`); the model is the body's `req_key`. Volcengine answers
`{"code", "message", "request_id", "data"}`: `code` 10000 is success, any other code a failure whose
reason is `message` - except, on a poll, the codes that only say Volcengine is busy (`RATE_LIMIT_CODES`,
`SERVER_CODES`), which are retried: the task may still finish. The submit's `data.task_id` names the
task; a result's `data.status` is `in_queue`, `generating` or `done` (with `data.video_url`). new-api
rewrites both actions into its task pipeline (`studio.api.newapi_tasks`): the submit is its video object,
a result its task with Volcengine's answer inside; while new-api's own status is not final, its copy of a
failed vendor call ends nothing. `parse_answer` reads either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from studio.api import newapi_tasks
from studio.api.errors import BadResponse
from studio.api.tasks import Phase, first_text, int_of, passing, phase_in

if TYPE_CHECKING:
    from studio.api.client import RelayClient

ROUTE = "/jimeng/"
VERSION = "2022-08-31"
SUBMIT = {"Action": "CVSync2AsyncSubmitTask", "Version": VERSION}
RESULT = {"Action": "CVSync2AsyncGetResult", "Version": VERSION}
#: Volcengine's code for success
SUCCESS = 10000
#: the codes of Volcengine's visual API table marked "may retry" that say nothing of the task: 50429 and
#: 50430, too many requests or tasks at once (its HTTP 429), 50500 and 50501, internal errors (its HTTP
#: 500); the review codes (504xx, 505xx) are the task's own answer
RATE_LIMIT_CODES = frozenset({50429, 50430})
SERVER_CODES = frozenset({50500, 50501})

_PHASES: dict[str, Phase] = {"in_queue": "queued", "generating": "running", "done": "succeeded",
                             "not_found": "failed", "expired": "failed"}


@dataclass(frozen=True, slots=True)
class JimengTask:
    task_id: str
    status: str  # Volcengine's (lower case) or new-api's (as sent)
    phase: Phase
    reason: str = ""
    video_url: str | None = None
    progress: float | None = None


def submit_body(prompt: str, model: str, *, image: str | None = None, aspect_ratio: str | None = None
                ) -> dict[str, Any]:
    """The submit: `image` is the start frame as bare base64 (Volcengine's `binary_data_base64` list)."""
    body: dict[str, Any] = {"req_key": model, "prompt": prompt}
    if image:
        body["binary_data_base64"] = [image]
    if aspect_ratio:
        body["aspect_ratio"] = aspect_ratio
    return body


def _volcengine(payload: dict[str, Any], task_id: str | None, *, poll: bool = False) -> JimengTask:
    code = int_of(payload.get("code"))
    raw_data = payload.get("data")
    data: dict[str, Any] = raw_data if isinstance(raw_data, dict) else {}
    found = str(data.get("task_id") or task_id or "").strip()
    if code is None:
        raise BadResponse("The relay's Jimeng answer has no readable code.")
    if code != SUCCESS:
        message = str(payload.get("message") or "").strip().rstrip(".") or "no reason given"
        busy = passing("Jimeng", code, message, rate_limits=RATE_LIMIT_CODES, server_side=SERVER_CODES,
                       request_id=str(payload.get("request_id") or "") or None) if poll else None
        if busy is not None:
            raise busy
        return JimengTask(found, str(code), "failed", f"{message} (code {code})")
    if not found:
        raise BadResponse("The relay's Jimeng answer has no task id.")
    status = str(data.get("status") or "").strip().lower()
    phase = phase_in(_PHASES, status)
    reason = f"the task is {status.replace('_', ' ')}" if phase == "failed" else ""
    return JimengTask(found, status, phase, reason, first_text(data, "video_url") or None)


def _speaks_volcengine(raw: Any) -> bool:
    """Whether new-api's task holds Volcengine's answer with something to say: a failure code or a status."""
    if not isinstance(raw, dict) or int_of(raw.get("code")) is None:
        return False
    data = raw.get("data")
    return int_of(raw.get("code")) != SUCCESS or (isinstance(data, dict) and bool(data.get("status")))


def parse_answer(payload: Any, task_id: str | None = None, *, poll: bool = False) -> JimengTask:
    """A submit's or a result's answer in either dialect; `task_id`: the task asked about. On a `poll`, a
    busy code is `RateLimited` or `ServerError` (the runner retries it) instead of the task's failure."""
    if newapi_tasks.is_generic(payload):
        generic = newapi_tasks.parse_generic(payload)
        raw = generic.raw
        if _speaks_volcengine(raw):
            # new-api's own status, when it gives one, decides whether a failed vendor call ends the task
            inner = _volcengine(raw, generic.task_id or task_id, poll=poll and not generic.status)
            if inner.phase == "failed" and generic.status and generic.phase in ("queued", "running"):
                return JimengTask(generic.task_id or inner.task_id, generic.status, generic.phase, "",
                                  generic.result_url, generic.progress)
            url = inner.video_url or generic.result_url
            return JimengTask(generic.task_id or inner.task_id, inner.status, inner.phase,
                              inner.reason or generic.fail_reason, url, generic.progress)
        return JimengTask(generic.task_id or task_id or "", generic.status, generic.phase, generic.fail_reason,
                          generic.result_url, generic.progress)
    if newapi_tasks.is_submit_object(payload):
        return JimengTask(newapi_tasks.submit_id(payload) or "", str(payload.get("status") or ""), "queued")
    if not isinstance(payload, dict):
        raise BadResponse("The relay's Jimeng answer is not a JSON object.")
    return _volcengine(payload, task_id, poll=poll)


class Jimeng:
    """Jimeng's video tasks on a client."""

    def __init__(self, client: RelayClient) -> None:
        self._client = client

    async def submit(self, body: dict[str, Any]) -> JimengTask:
        response = await self._client.request("POST", ROUTE, json_body=body, params=SUBMIT)
        return parse_answer(self._client.decode_json(response))

    async def result(self, model: str, task_id: str) -> JimengTask:
        response = await self._client.request("POST", ROUTE, json_body={"req_key": model, "task_id": task_id},
                                              params=RESULT)
        return parse_answer(self._client.decode_json(response), task_id, poll=True)
