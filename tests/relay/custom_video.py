"""The ``custom_video`` routes (seed 004) for the relay test server.

Why this exists: ``custom_video`` is a small task API of its own - post a prompt to the model's route,
fetch the task until it ends (docs/PROTOCOLS.md#custom-video). ``server.py`` routes here:

    POST /custom_video/model/{model}   {"prompt"} -> {"id":"cv-N","model","status":"SUBMITTED"}
    GET  /custom_video/fetch/{id}      -> {"id","model","status","error","output"} (counts one fetch)

The lifecycle is driven by fetches: 1 ``QUEUED``, then N ``IN_PROGRESS`` (case ``cv-polls-N``, default 1),
then ``SUCCESS`` with ``output`` ``/files/<slug>-K.mp4`` (flavoured by a ``video-*`` case) and ``error: ""``
- or ``FAILURE`` with ``error`` FAIL_REASON when the prompt mentions ``fail``. Case ``cv-nolink-once``: the
first ``SUCCESS`` answer has an empty ``output``, the next one the link. A missing prompt: 400 in
new-api's error shape; an unknown id: 404 ``task not found``. State lives per ``RelayServer`` and outlives ``reset()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from . import fixtures, videos
from .video_tasks import VideoTask, VideoTasks

if TYPE_CHECKING:
    from .server import _Ctx, _Handler

SUBMIT = "/custom_video/model/"
FETCH = "/custom_video/fetch/"
FAIL_REASON = "the model could not make this video"
_STATUS = {"queued": "QUEUED", "running": "IN_PROGRESS", "done": "SUCCESS", "failed": "FAILURE"}

#: the tasks (``cv-N``; case ``cv-polls-N``), on the vendor-native families' store: their life is the same
TASKS: VideoTasks[Any] = VideoTasks("cv", "cv")
#: a task as a test sees it without counting a fetch (``queries``), and every task's id; ``extra``: ``model``
task, task_ids = TASKS.task, TASKS.ids


def submit(h: _Handler, ctx: _Ctx) -> None:
    """``POST /custom_video/model/{model}``."""
    if videos.route_missing(h, ctx):
        return
    model = unquote(ctx.route[len(SUBMIT):])
    body = ctx.data
    if not isinstance(body, dict) or not isinstance(body.get("prompt"), str) or not body["prompt"].strip():
        return h.send_json(400, fixtures.invalid_request("prompt is required"))
    found = TASKS.create(h, ctx, body["prompt"], body, model=model)
    h.send_json(200, {"id": found.id, "model": model, "status": "SUBMITTED"})


def fetch(h: _Handler, ctx: _Ctx) -> None:
    """``GET /custom_video/fetch/{id}``: counts one fetch."""
    task_id = ctx.route[len(FETCH):]

    nolink = ctx.has("cv-nolink-once")

    def answer(found: VideoTask) -> dict[str, Any]:
        status = _STATUS[found.stage(extra_running=1 if nolink else 0)]
        if nolink and status == "IN_PROGRESS" and found.queries == 2 + found.polls:  # finished, no link yet
            return {"id": found.id, "model": found.extra["model"], "status": "SUCCESS", "error": "", "output": ""}
        if status == "SUCCESS" and not found.urls:
            found.urls = [videos.clip_maker(h, ctx, found.prompt)()]
        return {"id": found.id, "model": found.extra["model"], "status": status,
                "error": FAIL_REASON if status == "FAILURE" else "",
                "output": found.urls[0] if status == "SUCCESS" else ""}

    answered = TASKS.query(h, task_id, answer)
    if answered is None:
        return h.send_json(404, fixtures.e1(f"task not found: {task_id}", type_="invalid_request_error"))
    h.send_json(200, answered)


ROUTES: dict[tuple[str, str], Any] = {}
PREFIX_ROUTES: list[tuple[str, str, Any]] = [("POST", SUBMIT, submit), ("GET", FETCH, fetch)]
NATIVE_PREFIXES: tuple[str, ...] = ()
