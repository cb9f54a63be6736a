"""PixVerse's web format (as relays pass it on) for the relay test server.

Why this exists: a PixVerse video is named by a number and followed through its feed; an extension names
the video it continues (docs/PROTOCOLS.md#pixverse). ``server.py`` routes:

    POST /pixverse/generate          -> {"ErrCode":0,"ErrMsg":"Success","Resp":{"video_id":<number>}}
    GET  /pixverse/feed/{video_id}   -> {"ErrCode":0,"ErrMsg":"Success","Resp":{"video_id","video_status",…}}

Lifecycle by query count: ``video_status`` 5 for the first 1+N queries (case ``pixverse-polls-N``), then 1
with ``url`` (a real MP4 of this server) and ``first_frame``, or for a prompt with ``fail`` 100. The create
is checked (HTTP 200 with ``ErrCode`` 400017 and an ``ErrMsg``, as PixVerse refuses): ``prompt`` and
``model`` strings, ``duration`` 5 or 8, a known ``aspect_ratio``, ``img_url`` a link or ``data:`` URL of a
picture; an extension needs ``original_video_id`` - a number naming a finished video of this server -
with ``"extend": 1``. An unknown video is ``ErrCode`` 400018. Prompt word ``refuse``: ``ErrCode`` 500054 with
``REFUSAL`` (PixVerse's moderation at submit).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import content
from .video_tasks import VideoTask, VideoTasks, image_problem

if TYPE_CHECKING:
    from .server import RelayServer, _Ctx, _Handler

SUBMIT = "/pixverse/generate"
FEED = "/pixverse/feed"
ASPECT_RATIOS = ("16:9", "9:16", "1:1", "4:3", "3:4")
REFUSAL = "The content you entered may contain sensitive information"
_FIRST_ID = 123455

TASKS: VideoTasks[Any] = VideoTasks("pixverse", "px", make_id=lambda n: str(_FIRST_ID + n))


#: a task as a test sees it without counting a query, and every task's id (video_tasks.VideoTasks)
#: ``extra``: ``extends``, the video it continues
task, task_ids = TASKS.task, TASKS.ids


def _refusal(code: int, message: str) -> dict[str, Any]:
    return {"ErrCode": code, "ErrMsg": message, "Resp": None}


def _problem(body: Any) -> str | None:
    if not isinstance(body, dict):
        return "request body must be a JSON object"
    for name in ("prompt", "model"):
        if not isinstance(body.get(name), str) or not body[name].strip():
            return f"{name} is required"
    if body.get("duration", 5) not in (5, 8) or isinstance(body.get("duration"), bool):
        return "duration must be 5 or 8"
    if body.get("aspect_ratio", "16:9") not in ASPECT_RATIOS:
        return f"aspect_ratio must be one of {', '.join(ASPECT_RATIOS)}"
    if "img_url" in body and (problem := image_problem(body["img_url"], "img_url", data_url=True)) is not None:
        return problem
    if "original_video_id" in body and (isinstance(body["original_video_id"], bool)
                                        or not isinstance(body["original_video_id"], int) or body.get("extend") != 1):
        return "original_video_id must be a number, with extend 1"
    return None


def _video(found: VideoTask, ctx: _Ctx, relay: RelayServer) -> dict[str, Any]:
    stage = found.stage()
    status = {"queued": 5, "running": 5, "done": 1, "failed": 100}[stage]
    resp: dict[str, Any] = {"video_id": int(found.id), "video_status": status, "url": "", "prompt": found.prompt,
                            "model": found.body.get("model"), "video_duration": found.body.get("duration", 5)}
    if stage == "done":
        (url,) = found.links(ctx, relay)
        resp.update(url=url, first_frame=f"{ctx.base_url}/files/{found.id}.png")
    return {"ErrCode": 0, "ErrMsg": "Success", "Resp": resp}


def generate(h: _Handler, ctx: _Ctx) -> None:
    """``POST /pixverse/generate``."""
    problem = _problem(ctx.data)
    if problem is not None:
        return h.send_json(200, _refusal(400017, problem))
    body: dict[str, Any] = ctx.data
    if content.mentions(body["prompt"], "refuse"):
        return h.send_json(200, _refusal(500054, REFUSAL))
    extends = body.get("original_video_id")
    if extends is not None and TASKS.query(h, str(extends), lambda t: t.stage(), count=False) != "done":
        return h.send_json(200, _refusal(400018, f"video {extends} is not a finished video"))
    found = TASKS.create(h, ctx, body["prompt"], body, extends=extends)
    h.send_json(200, {"ErrCode": 0, "ErrMsg": "Success", "Resp": {"video_id": int(found.id)}})


def feed(h: _Handler, ctx: _Ctx) -> None:
    """``GET /pixverse/feed/{video_id}``: counts one query."""
    video_id = ctx.route[len(FEED) + 1:]
    answer = TASKS.query(h, video_id, lambda t: _video(t, ctx, h.server.relay))
    h.send_json(200, answer if answer is not None else _refusal(400018, f"video {video_id} does not exist"))


ROUTES: dict[tuple[str, str], Any] = {("POST", SUBMIT): generate}
PREFIX_ROUTES: list[tuple[str, str, Any]] = [("GET", f"{FEED}/", feed)]
NATIVE_PREFIXES: tuple[str, ...] = ()
