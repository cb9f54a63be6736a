"""Kling video (Kling's own format, passed on or rewritten by new-api) for the relay test server.

Why this exists: the client must follow a Kling video task in both dialects relays answer it in
(docs/PROTOCOLS.md#kling-video), and must send its frames the way Kling takes them. ``server.py`` routes:

    POST /kling/v1/videos/text2video | /image2video       -> create
    GET  /kling/v1/videos/{text2video|image2video}/{id}   -> the task (only under the kind it was made with)

Native answers are Kling's envelope ``{"code":0,"message","request_id","data":{task}}``: ``task_status``
``submitted`` (query 1), ``processing`` (N queries, case ``kling-polls-N``), then ``succeed`` with
``task_result.videos[{"id","url","duration"}]`` (a real MP4 of this server) or, for a prompt with
``fail``, ``failed`` with ``task_status_msg``. Case ``kling-newapi`` answers as new-api does: the create
``{"id","task_id","object":"video","status":"",…}``, a query ``{"code":"success","data":{"task_id",
"status":"SUBMITTED|IN_PROGRESS|SUCCESS|FAILURE","progress":"NN%","fail_reason","result_url",
"data":<Kling's answer, whose task_id is the upstream's own>}}``; ``kling-newapi-unknown`` the same,
``UNKNOWN`` (no copy of Kling's answer) instead of ``IN_PROGRESS``. Case ``kling-busy-N``: the first N
queries answer (HTTP 200) Kling's busy codes in turn, 1303, 5000, 1302, without counting as queries.

The create is checked as Kling checks it (HTTP 400, ``{"code":1201,"message",…,"data":null}``): a prompt
for text2video, an ``image`` for image2video that is a URL or bare base64 of a picture (a ``data:``
prefix is refused; ``image_tail`` the same), ``mode`` std/pro, ``duration`` the string "5" or "10",
a known ``aspect_ratio``, ``cfg_scale`` from 0 to 1. An unknown task (or the wrong kind) is HTTP 404,
code 1203.
"""

from __future__ import annotations

import re
import time
import uuid
from typing import TYPE_CHECKING, Any

from .video_tasks import VideoTask, VideoTasks, image_problem

if TYPE_CHECKING:
    from .server import RelayServer, _Ctx, _Handler

ROUTE = "/kling/v1/videos"
KINDS = ("text2video", "image2video")
ASPECT_RATIOS = ("16:9", "9:16", "1:1")
FAIL_REASON = "Failure to pass the risk control system"
#: Kling's busy answers, in the order case ``kling-busy-N`` gives them
BUSY = ((1303, "parallel task over resource pack limit"), (5000, "server error"), (1302, "rate limit exceeded"))
_BUSY_CASE = re.compile(r"kling-busy-(\d+)")

TASKS: VideoTasks[Any] = VideoTasks("kling", "kv")


#: a task as a test sees it without counting a query, and every task's id (video_tasks.VideoTasks)
#: ``extra``: ``kind`` (text2video or image2video)
task, task_ids = TASKS.task, TASKS.ids


def _envelope(data: dict[str, Any] | None, code: int = 0, message: str = "SUCCEED") -> dict[str, Any]:
    return {"code": code, "message": message, "request_id": str(uuid.uuid4()), "data": data}


def _problem(kind: str, body: Any) -> str | None:
    """Why Kling would refuse this create (code 1201), or None."""
    if not isinstance(body, dict):
        return "request body must be a JSON object"
    prompt = body.get("prompt")
    if kind == "text2video" and (not isinstance(prompt, str) or not prompt.strip()):
        return "prompt is required"
    if kind == "image2video" and "image" not in body:
        return "image is required"
    if kind == "text2video" and ("image" in body or "image_tail" in body):
        return "text2video takes no image"
    for name in ("image", "image_tail"):
        if name in body and (problem := image_problem(body[name], name, data_url=False)) is not None:
            return problem
    if body.get("mode", "std") not in ("std", "pro"):
        return "mode must be std or pro"
    duration = body.get("duration", "5")
    if duration not in ("5", "10"):
        return 'duration must be the string "5" or "10"'
    if body.get("aspect_ratio", "16:9") not in ASPECT_RATIOS:
        return f"aspect_ratio must be one of {', '.join(ASPECT_RATIOS)}"
    cfg = body.get("cfg_scale", 0.5)
    if isinstance(cfg, bool) or not isinstance(cfg, (int, float)) or not 0 <= cfg <= 1:
        return "cfg_scale must be a number from 0 to 1"
    model = body.get("model_name", body.get("model", "kling-v1"))
    if not isinstance(model, str) or not model:
        return "model_name must be a string"
    return None


def _native(found: VideoTask, ctx: _Ctx, relay: RelayServer, task_id: str) -> dict[str, Any]:
    stage = found.stage()
    status = {"queued": "submitted", "running": "processing", "done": "succeed", "failed": "failed"}[stage]
    created = int(found.created_at * 1000)
    data: dict[str, Any] = {"task_id": task_id, "task_status": status,
                            "task_status_msg": FAIL_REASON if stage == "failed" else "",
                            "created_at": created, "updated_at": int(time.time() * 1000)}
    if stage == "done":
        (url,) = found.links(ctx, relay)
        data["task_result"] = {"videos": [{"id": f"{found.id}-v1", "url": url, "duration": "5.1"}]}
    return data


def _generic(found: VideoTask, ctx: _Ctx, relay: RelayServer) -> dict[str, Any]:
    stage = found.stage()
    status = {"queued": "SUBMITTED", "running": "IN_PROGRESS", "done": "SUCCESS", "failed": "FAILURE"}[stage]
    raw = _envelope(_native(found, ctx, relay, f"up-{found.id}"))
    if stage == "running" and ctx.has("kling-newapi-unknown"):
        status, raw = "UNKNOWN", {}
    data: dict[str, Any] = {
        "task_id": found.id, "action": "generate" if found.extra["kind"] == "image2video" else "textGenerate",
        "status": status, "progress": f"{max(10, found.progress())}%",
        "fail_reason": FAIL_REASON if stage == "failed" else "", "submit_time": int(found.created_at),
        "start_time": 0, "finish_time": 0, "data": raw,
    }
    if stage == "done":
        data["result_url"] = found.links(ctx, relay)[0]
    return {"code": "success", "message": "", "data": data}


def submit(h: _Handler, ctx: _Ctx) -> None:
    """``POST /kling/v1/videos/{kind}``."""
    kind = ctx.route.rsplit("/", 1)[1]
    problem = _problem(kind, ctx.data)
    if problem is not None:
        return h.send_json(400, _envelope(None, 1201, problem))
    body: dict[str, Any] = ctx.data
    newapi = ctx.has("kling-newapi", "kling-newapi-unknown")
    found = TASKS.create(h, ctx, str(body.get("prompt") or ""), body, kind=kind, newapi=newapi)
    if newapi:
        model = body.get("model") or body.get("model_name") or "kling-v1"
        return h.send_json(200, {"id": found.id, "task_id": found.id, "object": "video", "model": model,
                                 "status": "", "progress": 0, "created_at": int(found.created_at)})
    created = int(found.created_at * 1000)
    h.send_json(200, _envelope({"task_id": found.id, "task_status": "submitted", "created_at": created,
                                "updated_at": created}))


def query(h: _Handler, ctx: _Ctx) -> None:
    """``GET /kling/v1/videos/{kind}/{task_id}``: counts one query."""
    kind, _, task_id = ctx.route[len(ROUTE) + 1:].partition("/")
    relay = h.server.relay
    busy = next((int(m.group(1)) for c in ctx.cases if (m := _BUSY_CASE.fullmatch(c))), 0)

    def answer(found: VideoTask) -> dict[str, Any] | None:
        if found.extra["kind"] != kind:  # Kling keeps each kind's tasks apart
            found.queries -= 1
            return None
        answered = found.extra.setdefault("busy_answers", 0)
        if answered < busy:  # Kling is busy: no news of the task, not counted
            found.queries -= 1
            found.extra["busy_answers"] = answered + 1
            return _envelope(None, *BUSY[answered % len(BUSY)])
        if found.extra["newapi"]:
            return _generic(found, ctx, relay)
        return _envelope(_native(found, ctx, relay, found.id))

    body = TASKS.query(h, task_id, answer)
    if body is None:
        return h.send_json(404, _envelope(None, 1203, f"task {task_id} does not exist"))
    h.send_json(200, body)


ROUTES: dict[tuple[str, str], Any] = {("POST", f"{ROUTE}/{kind}"): submit for kind in KINDS}
PREFIX_ROUTES: list[tuple[str, str, Any]] = [("GET", f"{ROUTE}/{kind}/", query) for kind in KINDS]
NATIVE_PREFIXES: tuple[str, ...] = ("kling",)
