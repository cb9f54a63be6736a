"""Pika's web format (as relays pass it on) for the relay test server.

Why this exists: the client follows a Pika generation through its feed (docs/PROTOCOLS.md#pika).
``server.py`` routes:

    POST /pika/generate     {"promptText","model","options":{"aspectRatio"?,"parameters":{…}},"image"?} -> {"id"}
    GET  /pika/feed/{id}    -> {"id","promptText","videos":[{"id","status","progress","resultUrl"?,…}]}

Lifecycle by query count: 1 ``queued`` with progress 0, 2 .. 1+N still ``queued`` with a rising progress
(as Pika reports it; case ``pika-polls-N``), then ``finished`` with ``resultUrl`` (a real MP4 of this
server) and ``videoPoster``, or for a prompt with ``fail`` ``error`` with an ``error`` text. The create is
checked (HTTP 400, new-api's error shape): ``promptText`` and ``model`` strings, ``options`` an object
whose ``aspectRatio`` (when sent) is a positive number, ``image`` a link or ``data:`` URL of a picture.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import fixtures
from .video_tasks import VideoTask, VideoTasks, image_problem

if TYPE_CHECKING:
    from .server import RelayServer, _Ctx, _Handler

SUBMIT = "/pika/generate"
FEED = "/pika/feed"
FAIL_REASON = "Your prompt was flagged as inappropriate"

TASKS: VideoTasks[Any] = VideoTasks("pika", "pk")


#: a task as a test sees it without counting a query, and every task's id (video_tasks.VideoTasks)
task, task_ids = TASKS.task, TASKS.ids


def _problem(body: Any) -> str | None:
    if not isinstance(body, dict):
        return "request body must be a JSON object"
    if not isinstance(body.get("promptText"), str) or not body["promptText"].strip():
        return "promptText is required"
    if not isinstance(body.get("model"), str) or not body["model"]:
        return "model is required"
    options = body.get("options")
    if not isinstance(options, dict):
        return "options is required"
    ratio = options.get("aspectRatio")
    if ratio is not None and (isinstance(ratio, bool) or not isinstance(ratio, (int, float)) or ratio <= 0):
        return "options.aspectRatio must be a positive number"
    if "image" in body and (problem := image_problem(body["image"], "image", data_url=True)) is not None:
        return problem
    return None


def _feed(found: VideoTask, ctx: _Ctx, relay: RelayServer) -> dict[str, Any]:
    stage = found.stage()
    video: dict[str, Any] = {"id": f"{found.id}-v", "status": "queued", "progress": found.progress(),
                             "seed": 1, "duration": 3}
    if stage == "done":
        (url,) = found.links(ctx, relay)
        video.update(status="finished", resultUrl=url, videoPoster=f"{ctx.base_url}/files/{found.id}.png")
    elif stage == "failed":
        video.update(status="error", error=FAIL_REASON)
    return {"id": found.id, "promptText": found.prompt, "videos": [video]}


def generate(h: _Handler, ctx: _Ctx) -> None:
    """``POST /pika/generate``."""
    problem = _problem(ctx.data)
    if problem is not None:
        return h.send_json(400, fixtures.invalid_request(problem))
    found = TASKS.create(h, ctx, ctx.data["promptText"], ctx.data)
    h.send_json(200, {"id": found.id})


def feed(h: _Handler, ctx: _Ctx) -> None:
    """``GET /pika/feed/{id}``: counts one query."""
    task_id = ctx.route[len(FEED) + 1:]
    answer = TASKS.query(h, task_id, lambda t: _feed(t, ctx, h.server.relay))
    if answer is None:
        return h.send_json(404, fixtures.invalid_request(f"generation {task_id} not found"))
    h.send_json(200, answer)


ROUTES: dict[tuple[str, str], Any] = {("POST", SUBMIT): generate}
PREFIX_ROUTES: list[tuple[str, str, Any]] = [("GET", f"{FEED}/", feed)]
NATIVE_PREFIXES: tuple[str, ...] = ()
