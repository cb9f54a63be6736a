"""Luma Dream Machine generations (as relays pass them on) for the relay test server.

Why this exists: Luma's quirk is a generation reported ``completed`` before its file exists; a client
that stops there saves nothing (docs/PROTOCOLS.md#luma). ``server.py`` routes:

    POST /luma/generations               -> a new generation (case ``luma-array``: wrapped in a one-element array)
    POST /luma/generations/{id}/extend   -> a new generation continuing a completed one
    GET  /luma/generations/{id}          -> the generation

Lifecycle by query count: 1 ``pending``, 2 .. 1+N ``processing`` (case ``luma-polls-N``), one
``completed`` with ``"video": null``, then ``completed`` with ``video.url`` / ``download_url`` (a real MP4
of this server); a prompt with ``fail`` ends ``failed`` with ``failure_reason``. The create is checked:
``user_prompt`` a non-empty string, ``expand_prompt`` / ``loop`` booleans, ``image_url`` /
``image_end_url`` links or ``data:`` URLs of a picture (HTTP 400 in new-api's error shape otherwise).
Extending a generation that is not completed with a video is HTTP 400; an unknown id is 404.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from . import fixtures
from .video_tasks import VideoTask, VideoTasks, image_problem

if TYPE_CHECKING:
    from .server import RelayServer, _Ctx, _Handler

ROUTE = "/luma/generations"
FAIL_REASON = "Prompt contains disallowed content"

TASKS: VideoTasks[Any] = VideoTasks("luma", "lu")


#: a task as a test sees it without counting a query, and every task's id (video_tasks.VideoTasks)
#: ``extra``: ``extends``, the generation it continues
task, task_ids = TASKS.task, TASKS.ids


def _problem(body: Any) -> str | None:
    if not isinstance(body, dict):
        return "request body must be a JSON object"
    prompt = body.get("user_prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        return "user_prompt is required"
    for name in ("expand_prompt", "loop"):
        if name in body and not isinstance(body[name], bool):
            return f"{name} must be a boolean"
    for name in ("image_url", "image_end_url"):
        if body.get(name) is not None and (problem := image_problem(body[name], name, data_url=True)) is not None:
            return problem
    return None


def _stage(found: VideoTask) -> str:
    stage = found.stage(extra_running=1)  # the last running answer is "completed" without a video
    if stage == "running" and found.queries == 2 + found.polls:
        return "completed-early"
    return stage


def _generation(found: VideoTask, ctx: _Ctx, relay: RelayServer) -> dict[str, Any]:
    stage = _stage(found)
    state = {"queued": "pending", "running": "processing", "completed-early": "completed", "done": "completed",
             "failed": "failed"}[stage]
    created = datetime.datetime.fromtimestamp(found.created_at, datetime.UTC).isoformat().replace("+00:00", "Z")
    answer: dict[str, Any] = {"id": found.id, "prompt": found.prompt, "state": state, "created_at": created,
                              "video": None, "liked": None, "estimate_wait_seconds": None, "thumbnail": None}
    if stage == "done":
        (url,) = found.links(ctx, relay)
        answer["video"] = {"url": url, "download_url": url, "width": 1360, "height": 752, "thumbnail": None}
    if stage == "failed":
        answer["failure_reason"] = FAIL_REASON
    return answer


def _create(h: _Handler, ctx: _Ctx, extends: str | None = None) -> None:
    problem = _problem(ctx.data)
    if problem is not None:
        return h.send_json(400, fixtures.invalid_request(problem))
    found = TASKS.create(h, ctx, ctx.data["user_prompt"], ctx.data, extends=extends)
    answer = TASKS.query(h, found.id, lambda t: _generation(t, ctx, h.server.relay), count=False)
    h.send_json(200, [answer] if ctx.has("luma-array") else answer)


def create(h: _Handler, ctx: _Ctx) -> None:
    """``POST /luma/generations``."""
    _create(h, ctx)


def extend(h: _Handler, ctx: _Ctx) -> None:
    """``POST /luma/generations/{id}/extend``."""
    source, _, rest = ctx.route[len(ROUTE) + 1:].partition("/")
    if rest != "extend":
        return h.send_json(404, fixtures.invalid_url(ctx.method, ctx.raw_path))
    stage = TASKS.query(h, source, _stage, count=False)
    if stage is None:
        return h.send_json(404, fixtures.invalid_request(f"generation {source} not found"))
    if stage != "done":
        return h.send_json(400, fixtures.invalid_request(f"generation {source} is not completed"))
    _create(h, ctx, extends=source)


def fetch(h: _Handler, ctx: _Ctx) -> None:
    """``GET /luma/generations/{id}``: counts one query."""
    generation_id = ctx.route[len(ROUTE) + 1:]
    answer = TASKS.query(h, generation_id, lambda t: _generation(t, ctx, h.server.relay))
    if answer is None:
        return h.send_json(404, fixtures.invalid_request(f"generation {generation_id} not found"))
    h.send_json(200, answer)


ROUTES: dict[tuple[str, str], Any] = {("POST", ROUTE): create}
PREFIX_ROUTES: list[tuple[str, str, Any]] = [("POST", f"{ROUTE}/", extend), ("GET", f"{ROUTE}/", fetch)]
NATIVE_PREFIXES: tuple[str, ...] = ()
