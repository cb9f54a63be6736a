"""Vidu's task API (the studio API as relays pass it on under ``/vidu/v1``) for the relay test server.

Why this exists: a Vidu task is asked for with a query parameter, not a path segment, on the relays that
copy Vidu's studio API, and an upscale names a clip by its creation id (docs/PROTOCOLS.md#vidu).
``server.py`` routes:

    POST /vidu/v1/tasks           -> the task object + "server_id"
    GET  /vidu/v1/tasks?id=<id>   -> the task (case ``vidu-path-only``: 404 Invalid URL, as a relay without it)
    GET  /vidu/v1/tasks/{id}      -> the task

Lifecycle by query count: 1 ``queueing``, 2 .. 1+N ``processing`` (case ``vidu-polls-N``), then
``success`` with ``creations[{"id","uri","cover_uri","video":{…}}]`` (a real MP4 of this server), or for a
prompt with ``fail`` ``failed`` with ``err_code`` ``AuditFailed``. The create is checked as G4F's
validator does (HTTP 400 in new-api's error shape): ``type`` one of ``text2video``, ``img2video``,
``character2video``, ``upscale``; ``input.prompts`` with a text part (text2video) or an image part whose
``content`` is a link or ``data:`` URL of a picture (img2video); ``settings.style`` ``general``/``anime``,
``aspect_ratio`` 16:9/9:16/1:1, ``duration`` an integer 1-10, ``model`` a string. An upscale needs
``input.creation_id`` naming a clip of a finished task of this server.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from . import fixtures
from .video_tasks import VideoTask, VideoTasks, image_problem

if TYPE_CHECKING:
    from .server import RelayServer, _Ctx, _Handler

ROUTE = "/vidu/v1/tasks"
TYPES = ("text2video", "img2video", "character2video", "upscale")
ASPECT_RATIOS = ("16:9", "9:16", "1:1")
ERR_CODE = "AuditFailed"
_FIRST_ID = 2369218477629200
_CLIP_OFFSET = 1_000_000_000

TASKS: VideoTasks[Any] = VideoTasks("vidu", "vd", make_id=lambda n: str(_FIRST_ID + n))


#: a task as a test sees it without counting a query, and every task's id (video_tasks.VideoTasks)
#: ``extra``: ``type``, ``upscales``: the clip upscaled
task, task_ids = TASKS.task, TASKS.ids


def clip_id(task_id: str) -> str:
    """The creation id of a task's clip."""
    return str(int(task_id) + _CLIP_OFFSET)


def _problem(body: Any) -> str | None:
    if not isinstance(body, dict):
        return "request body must be a JSON object"
    kind = body.get("type")
    if kind not in TYPES:
        return f"type must be one of {', '.join(TYPES)}"
    source = body.get("input")
    if not isinstance(source, dict):
        return "input is required"
    settings = body.get("settings")
    if not isinstance(settings, dict):
        return "settings is required"
    duration = settings.get("duration")
    if isinstance(duration, bool) or not isinstance(duration, int) or not 1 <= duration <= 10:
        return "settings.duration must be an integer from 1 to 10"
    if not isinstance(settings.get("model"), str) or not settings["model"]:
        return "settings.model is required"
    if kind == "upscale":
        return None if isinstance(source.get("creation_id"), str) and source["creation_id"] else (
            "input.creation_id is required")
    if settings.get("style", "general") not in ("general", "anime"):
        return "settings.style must be general or anime"
    if settings.get("aspect_ratio", "16:9") not in ASPECT_RATIOS:
        return f"settings.aspect_ratio must be one of {', '.join(ASPECT_RATIOS)}"
    prompts = source.get("prompts")
    if not isinstance(prompts, list) or not prompts:
        return "input.prompts is required"
    for part in prompts:
        if not isinstance(part, dict) or part.get("type") not in ("text", "image") or not isinstance(
                part.get("content"), str):
            return "every input.prompts entry needs a type (text or image) and a content string"
        if part["type"] == "image" and (problem := image_problem(part["content"], "image content",
                                                                 data_url=True)) is not None:
            return problem
    kinds = [part["type"] for part in prompts]
    if kind == "text2video" and (kinds.count("text") != 1 or "image" in kinds or not prompts[0]["content"].strip()):
        return "text2video takes one text prompt"
    if kind == "img2video" and "image" not in kinds:
        return "img2video needs an image prompt"
    return None


def _task(found: VideoTask, ctx: _Ctx, relay: RelayServer) -> dict[str, Any]:
    stage = found.stage()
    state = {"queued": "queueing", "running": "processing", "done": "success", "failed": "failed"}[stage]
    created = datetime.datetime.fromtimestamp(found.created_at, datetime.UTC).isoformat().replace("+00:00", "Z")
    body = found.body
    answer: dict[str, Any] = {"id": found.id, "type": body["type"], "state": state, "creations": [],
                              "err_code": ERR_CODE if stage == "failed" else "", "created_at": created,
                              "input": body["input"], "settings": body["settings"]}
    if stage == "done":
        (url,) = found.links(ctx, relay)
        answer["creations"] = [{"id": clip_id(found.id), "task_id": found.id, "type": body["type"], "uri": url,
                                "cover_uri": f"{ctx.base_url}/files/{fixtures.slug(found.prompt or 'cover')}.png",
                                "video": {"duration": 4, "fps": 16, "resolution": {"width": 688, "height": 384}}}]
    return answer


def create(h: _Handler, ctx: _Ctx) -> None:
    """``POST /vidu/v1/tasks``."""
    problem = _problem(ctx.data)
    if problem is not None:
        return h.send_json(400, fixtures.invalid_request(problem))
    body: dict[str, Any] = ctx.data
    upscales = body["input"].get("creation_id") if body["type"] == "upscale" else None
    if upscales is not None:
        source = str(int(upscales) - _CLIP_OFFSET) if upscales.isdigit() else ""
        if TASKS.query(h, source, lambda t: t.stage(), count=False) != "done":
            return h.send_json(400, fixtures.invalid_request(f"creation {upscales} does not exist"))
    texts = [p["content"] for p in body["input"].get("prompts") or [] if p.get("type") == "text"]
    found = TASKS.create(h, ctx, texts[0] if texts else "", body, type=body["type"], upscales=upscales)
    answer = TASKS.query(h, found.id, lambda t: _task(t, ctx, h.server.relay), count=False)
    h.send_json(200, {**(answer or {}), "server_id": "s1"})


def _answer(h: _Handler, ctx: _Ctx, task_id: str) -> None:
    answer = TASKS.query(h, task_id, lambda t: _task(t, ctx, h.server.relay))
    if answer is None:
        return h.send_json(404, fixtures.invalid_request(f"task {task_id} not found"))
    h.send_json(200, answer)


def by_query(h: _Handler, ctx: _Ctx) -> None:
    """``GET /vidu/v1/tasks?id=<id>``: counts one query."""
    if ctx.has("vidu-path-only"):
        return h.send_json(404, fixtures.invalid_url(ctx.method, ctx.raw_path))
    task_id = ctx.query_param("id")
    if not task_id:
        return h.send_json(400, fixtures.invalid_request("id is required"))
    _answer(h, ctx, task_id)


def by_path(h: _Handler, ctx: _Ctx) -> None:
    """``GET /vidu/v1/tasks/{id}``: counts one query."""
    _answer(h, ctx, ctx.route[len(ROUTE) + 1:])


ROUTES: dict[tuple[str, str], Any] = {("POST", ROUTE): create, ("GET", ROUTE): by_query}
PREFIX_ROUTES: list[tuple[str, str, Any]] = [("GET", f"{ROUTE}/", by_path)]
NATIVE_PREFIXES: tuple[str, ...] = ("vidu",)
