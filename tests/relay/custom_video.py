"""The ``custom_video`` routes (seed 004) for the relay test server.

Why this exists: ``custom_video`` is a small task API of its own - post a prompt to the model's route,
fetch the task until it ends (docs/PROTOCOLS.md#custom-video). ``server.py`` routes here:

    POST /custom_video/model/{model}   {"prompt"} -> {"id":"cv-N","model","status":"SUBMITTED"}
    GET  /custom_video/fetch/{id}      -> {"id","model","status","error","output"} (counts one fetch)

The lifecycle is driven by fetches: 1 ``QUEUED``, then N ``IN_PROGRESS`` (case ``cv-polls-N``, default 1),
then ``SUCCESS`` with ``output`` ``/files/<slug>-K.mp4`` (flavoured by a ``video-*`` case) and ``error: ""``
- or ``FAILURE`` with ``error`` FAIL_REASON when the prompt mentions ``fail``. A missing prompt: 400 in
new-api's error shape; an unknown id: 404 ``task not found``. State lives per ``RelayServer`` and outlives ``reset()``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from . import content, fixtures, videos
from .tasks import TaskStores

if TYPE_CHECKING:
    from .server import RelayServer, _Ctx, _Handler

SUBMIT = "/custom_video/model/"
FETCH = "/custom_video/fetch/"
FAIL_REASON = "the model could not make this video"
DEFAULT_POLLS = 1
_POLLS = re.compile(r"cv-polls-(\d+)")


@dataclass
class Task:
    id: str
    model: str
    prompt: str
    body: Any
    polls: int = DEFAULT_POLLS
    fails: bool = False
    fetches: int = 0
    output: str = ""

    def status(self) -> str:
        if self.fetches <= 1:
            return "QUEUED"
        if self.fetches <= 1 + self.polls:
            return "IN_PROGRESS"
        return "FAILURE" if self.fails else "SUCCESS"


_STORES: TaskStores[Task] = TaskStores()


def task(relay: RelayServer, task_id: str) -> dict[str, Any]:
    """A task as the test sees it, without counting a fetch. KeyError for an unknown id."""
    store = _STORES.of(relay)
    with store.lock:
        found = store.tasks[task_id]
        return {"fetches": found.fetches, "model": found.model, "body": found.body, "status": found.status()}


def submit(h: _Handler, ctx: _Ctx) -> None:
    """``POST /custom_video/model/{model}``."""
    if videos.route_missing(h, ctx):
        return
    model = unquote(ctx.route[len(SUBMIT):])
    body = ctx.data
    if not isinstance(body, dict) or not isinstance(body.get("prompt"), str) or not body["prompt"].strip():
        return h.send_json(400, fixtures.invalid_request("prompt is required"))
    polls = next((int(m.group(1)) for c in ctx.cases if (m := _POLLS.fullmatch(c))), DEFAULT_POLLS)
    store = _STORES.of(h.server.relay)
    with store.lock:
        new = Task(f"cv-{next(store.ids)}", model, body["prompt"], body, polls,
                   fails=content.mentions(body["prompt"], "fail"))
        store.tasks[new.id] = new
    h.send_json(200, {"id": new.id, "model": model, "status": "SUBMITTED"})


def fetch(h: _Handler, ctx: _Ctx) -> None:
    """``GET /custom_video/fetch/{id}``: counts one fetch."""
    task_id = ctx.route[len(FETCH):]
    store = _STORES.of(h.server.relay)
    with store.lock:
        found = store.tasks.get(task_id)
        if found is not None:
            found.fetches += 1
            status = found.status()
            if status == "SUCCESS" and not found.output:
                found.output = videos.clip_maker(h, ctx, found.prompt)()
            answer = {"id": found.id, "model": found.model, "status": status,
                      "error": FAIL_REASON if status == "FAILURE" else "",
                      "output": found.output if status == "SUCCESS" else ""}
    if found is None:
        return h.send_json(404, fixtures.e1(f"task not found: {task_id}", type_="invalid_request_error"))
    h.send_json(200, answer)


ROUTES: dict[tuple[str, str], Any] = {}
PREFIX_ROUTES: list[tuple[str, str, Any]] = [("POST", SUBMIT, submit), ("GET", FETCH, fetch)]
NATIVE_PREFIXES: tuple[str, ...] = ()
