"""Kling image generation (Kling's own format, as relays pass it on) for the relay test server.

Why this exists: Kling images are a task API - create a task, query it until it ends - and a client can
only be tested against a server that keeps the tasks and walks them through their states
(docs/PROTOCOLS.md#kling-images). ``server.py`` routes the two routes here:

    POST /kling/v1/images/generations            -> {"code":0,"message":"SUCCEED","request_id",
                                                     "data":{"task_id":"ki-N","task_status":"submitted",…}}
    GET  /kling/v1/images/generations/{task_id}  -> the task

The lifecycle is driven by how often a task was queried, never by the clock: query 1 ``submitted``,
queries 2 .. 1+N ``processing`` (N from the case ``kling-polls-N`` of the submit, default 1), then
``succeed`` with ``n`` pictures ``{"index", "url"}`` whose links are ``/files/<slug>-<k>.png`` on this
server (real PNGs), or ``failed`` with a ``task_status_msg`` when the prompt mentions ``fail``.

The submit is checked as Kling checks it (HTTP 400, Kling's body ``{"code":1201,"message",…}``):
a prompt, ``n`` from 1 to 9, a known ``aspect_ratio``, an ``image`` that is a URL or bare base64 of
an image (a ``data:`` prefix is refused). Prompt word ``refuse``: HTTP 200 with ``code`` 1301 (a
relay that answers Kling's refusals with 200); case ``kling-http-refusal``: the same body with HTTP
400; case ``kling-no-task``: HTTP 200, code 0, no task id. An unknown task id is HTTP 404, code 1203.
State lives per ``RelayServer`` and outlives ``reset()`` (task ids keep counting up).
"""

from __future__ import annotations

import re
import time
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import content, fixtures
from .tasks import TaskStores

if TYPE_CHECKING:
    from .server import RelayServer, _Ctx, _Handler

ROUTE = "/kling/v1/images/generations"
ASPECT_RATIOS = ("16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9")
MAX_IMAGES = 9
DEFAULT_POLLS = 1
FAIL_REASON = "Failure to pass the risk control system"
REFUSAL = "Content security policy violation"
_POLLS_CASE = re.compile(r"kling-polls-(\d+)")


@dataclass
class Task:
    id: str
    prompt: str
    n: int
    body: dict[str, Any]
    polls: int = DEFAULT_POLLS
    fails: bool = False
    queries: int = 0
    created_at: int = field(default_factory=lambda: int(time.time() * 1000))
    updated_at: int = 0
    urls: list[str] = field(default_factory=list)

    def status(self) -> str:
        if self.queries <= 1:
            return "submitted"
        if self.queries <= 1 + self.polls:
            return "processing"
        return "failed" if self.fails else "succeed"

    def data(self, files: str, next_number: Any) -> dict[str, Any]:
        status = self.status()
        if status == "succeed" and not self.urls:  # made once: every later query shows the same links
            self.urls = [f"{files}/{fixtures.slug(self.prompt)}-{next_number()}.png" for _ in range(self.n)]
        data: dict[str, Any] = {"task_id": self.id, "task_status": status,
                                "task_status_msg": FAIL_REASON if status == "failed" else "",
                                "created_at": self.created_at, "updated_at": self.updated_at or self.created_at}
        if status == "succeed":
            data["task_result"] = {"images": [{"index": i, "url": url} for i, url in enumerate(self.urls)]}
        return data


_STORES: TaskStores[Task] = TaskStores()


def task(relay: RelayServer, task_id: str) -> dict[str, Any]:
    """A task as the test sees it, without counting a query: ``queries``, ``polls``, ``n``, the submitted
    ``body`` and ``status``. KeyError for an unknown id."""
    store = _STORES.of(relay)
    with store.lock:
        found = store.tasks[task_id]
        return {"queries": found.queries, "polls": found.polls, "n": found.n, "body": found.body,
                "status": found.status()}


def task_ids(relay: RelayServer) -> list[str]:
    """Every Kling image task of this server, oldest first."""
    store = _STORES.of(relay)
    with store.lock:
        return list(store.tasks)


def _envelope(data: dict[str, Any] | None, code: int = 0, message: str = "SUCCEED") -> dict[str, Any]:
    return {"code": code, "message": message, "request_id": str(uuid.uuid4()), "data": data}


def _problem(body: Any) -> str | None:
    """Why Kling would refuse this body (code 1201), or None."""
    if not isinstance(body, dict):
        return "request body must be a JSON object"
    prompt = body.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        return "prompt is required"
    n = body.get("n", 1)
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_IMAGES:
        return f"n must be an integer from 1 to {MAX_IMAGES}"
    ratio = body.get("aspect_ratio")
    if ratio is not None and ratio not in ASPECT_RATIOS:
        return f"aspect_ratio must be one of {', '.join(ASPECT_RATIOS)}"
    image = body.get("image")
    if image is not None:
        if not isinstance(image, str) or image.startswith("data:"):
            return "image must be a URL or base64 without the data: prefix"
        if not image.startswith(("http://", "https://")):
            try:
                data = content.b64decode(image)
            except content.BadAttachment:
                return "image is not valid base64"
            if not content.is_image(data):
                return "image is not a JPG or PNG image"
    return None


def submit(h: _Handler, ctx: _Ctx) -> None:
    """``POST /kling/v1/images/generations``."""
    body = ctx.data
    if ctx.has("kling-no-task"):
        return h.send_json(200, _envelope({}, message=""))
    problem = _problem(body)
    if problem is not None:
        return h.send_json(400, _envelope(None, 1201, problem))
    if content.mentions(body["prompt"], "refuse") or ctx.has("kling-http-refusal"):
        return h.send_json(400 if ctx.has("kling-http-refusal") else 200, _envelope(None, 1301, REFUSAL))
    polls = next((int(m.group(1)) for c in ctx.cases if (m := _POLLS_CASE.fullmatch(c))), DEFAULT_POLLS)
    store = _STORES.of(h.server.relay)
    with store.lock:
        new = Task(f"ki-{next(store.ids)}", body["prompt"], int(body.get("n", 1)), body, polls=polls,
                   fails=content.mentions(body["prompt"], "fail"))
        store.tasks[new.id] = new
        data = {"task_id": new.id, "task_status": "submitted", "created_at": new.created_at,
                "updated_at": new.created_at}
    h.send_json(200, _envelope(data))


def query(h: _Handler, ctx: _Ctx) -> None:
    """``GET /kling/v1/images/generations/{task_id}``: counts one query."""
    task_id = ctx.route[len(ROUTE) + 1:]
    store = _STORES.of(h.server.relay)
    relay = h.server.relay
    with store.lock:
        found = store.tasks.get(task_id)
        if found is not None:
            found.queries += 1
            found.updated_at = int(time.time() * 1000)
            data = found.data(f"{ctx.base_url}/files", relay.next_file_number)
    if found is None:
        return h.send_json(404, _envelope(None, 1203, f"task {task_id} does not exist"))
    h.send_json(200, _envelope(data))
