"""Jimeng (即梦) video through Volcengine's visual API, passed on or rewritten by new-api, for the relay test
server.

Why this exists: both Jimeng calls are one route told apart by a query parameter, with Volcengine's own
success code (docs/PROTOCOLS.md#jimeng). ``server.py`` routes ``POST /jimeng/``:

    ?Action=CVSync2AsyncSubmitTask&Version=2022-08-31  {"req_key","prompt","binary_data_base64"?,"aspect_ratio"?}
    ?Action=CVSync2AsyncGetResult&Version=2022-08-31   {"req_key","task_id"}

No ``Action`` is HTTP 400 ``{"error":{"message":"Action query parameter is required",…}}`` (new-api's
middleware), an unknown one 400 too. Native answers: the submit ``{"code":10000,"message":"Success",
"data":{"task_id"}}``; a result ``{"code":10000,"data":{"status","video_url"}}`` with ``status``
``in_queue`` (query 1), ``generating`` (N queries, case ``jimeng-polls-N``), then ``done`` with a real MP4
of this server; for a prompt with ``fail`` the last answer is ``{"code":50413,"message":…,"data":null}``.
Case ``jimeng-newapi`` answers as new-api does: the submit its video object, a result its task
``{"code":"success","data":{"task_id","status","progress","fail_reason","result_url","data":<native>}}``;
``jimeng-newapi-busy`` the same, but while it is ``IN_PROGRESS`` its copy of Volcengine's answer is
``{"code":50500,"message":"Internal Error"}``; ``jimeng-newapi-unknown`` the same, ``UNKNOWN`` (no copy)
instead of ``IN_PROGRESS``. Case ``jimeng-busy-N``: the first N results answer (HTTP 200) Volcengine's busy
codes in turn, 50429 then 50500, without counting as queries. Case ``jimeng-nolink-once``: the first
``done`` answer has an empty ``video_url``, the next one the link.
The submit is checked (HTTP 400, ``{"code":50400,"message"}``): ``req_key`` and ``prompt`` strings,
``binary_data_base64`` a list of bare base64 pictures (no ``data:`` prefix), a known ``aspect_ratio``; a
result needs the task's own ``req_key``.
"""

from __future__ import annotations

import re
import uuid
from typing import TYPE_CHECKING, Any

from . import fixtures
from .video_tasks import VideoTask, VideoTasks, image_problem

if TYPE_CHECKING:
    from .server import RelayServer, _Ctx, _Handler

ROUTE = "/jimeng/"
VERSION = "2022-08-31"
ASPECT_RATIOS = ("16:9", "9:16", "1:1", "4:3", "3:4", "21:9")
FAIL_CODE = 50413
FAIL_REASON = "Post Text Risk Not Pass"
#: Volcengine's busy answers, in the order case ``jimeng-busy-N`` gives them
BUSY = ((50429, "Request Has Reached API Limit, Please Try Later"), (50500, "Internal Error"))
_BUSY_CASE = re.compile(r"jimeng-busy-(\d+)")
_NEWAPI_CASES = ("jimeng-newapi", "jimeng-newapi-busy", "jimeng-newapi-unknown")

TASKS: VideoTasks[Any] = VideoTasks("jimeng", "jm")


#: a task as a test sees it without counting a query, and every task's id (video_tasks.VideoTasks)
task, task_ids = TASKS.task, TASKS.ids


def _volcengine(data: dict[str, Any] | None, code: int = 10000, message: str = "Success") -> dict[str, Any]:
    return {"code": code, "message": message, "request_id": uuid.uuid4().hex, "data": data, "status": code,
            "time_elapsed": "12.3ms"}


def _problem(body: Any) -> str | None:
    if not isinstance(body, dict):
        return "request body must be a JSON object"
    if not isinstance(body.get("req_key"), str) or not body["req_key"]:
        return "req_key is required"
    if not isinstance(body.get("prompt"), str) or not body["prompt"].strip():
        return "prompt is required"
    images = body.get("binary_data_base64")
    if images is not None:
        if not isinstance(images, list) or len(images) != 1:
            return "binary_data_base64 must be a list of one image"
        if (problem := image_problem(images[0], "binary_data_base64", data_url=False)) is not None:
            return problem
        if images[0].startswith(("http://", "https://")):
            return "binary_data_base64 must be base64, not a link"
    if body.get("aspect_ratio", "16:9") not in ASPECT_RATIOS:
        return f"aspect_ratio must be one of {', '.join(ASPECT_RATIOS)}"
    return None


def _native(found: VideoTask, ctx: _Ctx, relay: RelayServer) -> dict[str, Any]:
    nolink = ctx.has("jimeng-nolink-once")
    stage = found.stage(extra_running=1 if nolink else 0)
    if stage == "failed":
        return _volcengine(None, FAIL_CODE, FAIL_REASON)
    if nolink and stage == "running" and found.queries == 2 + found.polls:  # "done", the link not there yet
        return _volcengine({"status": "done", "video_url": "", "resp_data": ""})
    status = {"queued": "in_queue", "running": "generating", "done": "done"}[stage]
    return _volcengine({"status": status, "video_url": found.links(ctx, relay)[0] if stage == "done" else "",
                        "resp_data": ""})


def _generic(found: VideoTask, ctx: _Ctx, relay: RelayServer) -> dict[str, Any]:
    stage = found.stage()
    status = {"queued": "QUEUED", "running": "IN_PROGRESS", "done": "SUCCESS", "failed": "FAILURE"}[stage]
    raw: dict[str, Any] = _native(found, ctx, relay)
    if stage == "running" and ctx.has("jimeng-newapi-busy"):
        raw = _volcengine(None, *BUSY[1])
    elif stage == "running" and ctx.has("jimeng-newapi-unknown"):
        status, raw = "UNKNOWN", {}
    data: dict[str, Any] = {"task_id": found.id, "action": "generate", "status": status,
                            "progress": f"{max(10, found.progress())}%",
                            "fail_reason": FAIL_REASON if stage == "failed" else "", "data": raw}
    if stage == "done":
        data["result_url"] = found.links(ctx, relay)[0]
    return {"code": "success", "message": "", "data": data}


def _submit(h: _Handler, ctx: _Ctx) -> None:
    problem = _problem(ctx.data)
    if problem is not None:
        return h.send_json(400, {"code": 50400, "message": problem, "request_id": uuid.uuid4().hex, "data": None})
    body: dict[str, Any] = ctx.data
    newapi = ctx.has(*_NEWAPI_CASES)
    found = TASKS.create(h, ctx, body["prompt"], body, newapi=newapi)
    if newapi:
        return h.send_json(200, {"id": found.id, "task_id": found.id, "object": "video", "model": body["req_key"],
                                 "status": "", "progress": 0, "created_at": int(found.created_at)})
    h.send_json(200, _volcengine({"task_id": found.id}))


def _result(h: _Handler, ctx: _Ctx) -> None:
    body = ctx.data if isinstance(ctx.data, dict) else {}
    task_id, req_key = body.get("task_id"), body.get("req_key")
    if not isinstance(task_id, str) or not task_id or not isinstance(req_key, str) or not req_key:
        return h.send_json(400, {"code": 50400, "message": "req_key and task_id are required", "data": None})
    relay = h.server.relay

    busy = next((int(m.group(1)) for c in ctx.cases if (m := _BUSY_CASE.fullmatch(c))), 0)

    def answer(found: VideoTask) -> dict[str, Any]:
        if found.body["req_key"] != req_key:
            found.queries -= 1
            return _volcengine(None, 50400, f"req_key {req_key} does not match the task")
        answered = found.extra.setdefault("busy_answers", 0)
        if answered < busy:  # Volcengine is busy: no news of the task, not counted
            found.queries -= 1
            found.extra["busy_answers"] = answered + 1
            return _volcengine(None, *BUSY[answered % len(BUSY)])
        return _generic(found, ctx, relay) if found.extra["newapi"] else _native(found, ctx, relay)

    reply = TASKS.query(h, task_id, answer)
    if reply is None:
        return h.send_json(404, {"code": 50404, "message": f"task {task_id} not found", "data": None})
    h.send_json(200, reply)


def dispatch(h: _Handler, ctx: _Ctx) -> None:
    """``POST /jimeng/?Action=…&Version=…``."""
    action = ctx.query_param("Action")
    if not action:
        return h.send_json(400, fixtures.e1("Action query parameter is required", param=False))
    if ctx.query_param("Version") != VERSION:
        return h.send_json(400, fixtures.e1(f"Version must be {VERSION}", param=False))
    if action == "CVSync2AsyncSubmitTask":
        return _submit(h, ctx)
    if action == "CVSync2AsyncGetResult":
        return _result(h, ctx)
    h.send_json(400, fixtures.e1(f"unsupported Action {action}", param=False))


ROUTES: dict[tuple[str, str], Any] = {("POST", ROUTE): dispatch}
PREFIX_ROUTES: list[tuple[str, str, Any]] = []
NATIVE_PREFIXES: tuple[str, ...] = ()
