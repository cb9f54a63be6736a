"""Runway's official API and its reverse ("逆向") web form, as relays serve them, for the relay test server.

Why this exists: a Runway job goes to one of two dialects (docs/PROTOCOLS.md#runway) and each must be
followed to its clip. ``server.py`` routes:

    POST /runwayml/v1/image_to_video              -> {"id"}
    GET  /runwayml/v1/tasks/{id}                  -> {"id","status","progress","output","failure","failureCode"}
    POST /runway/v1/tasks | /runway/tasks         -> {"task":{…},"server_id"}
    GET  /runway/v1/tasks/{id} | /runway/tasks/{id} -> {"task":{"id","status","progressRatio","artifacts"}}

Lifecycle by query count: 1 ``PENDING``, 2 .. 1+N ``RUNNING`` (case ``runway-polls-N``; ``progress`` a
fraction, ``progressRatio`` the same as text), then ``SUCCEEDED`` with a real MP4 of this server, or for a
prompt with ``fail`` ``FAILED`` (official: ``failure`` + ``failureCode``; reverse: ``error``). The official
create wants ``X-Runway-Version: 2024-11-06``, a ``promptImage`` (a link or ``data:`` URL of a picture, or
``[{"uri","position":"first"|"last"}]``), ``duration`` 5 or 10, a known ``ratio``; an error is HTTP 400
``{"error": "…"}`` as Runway answers. The reverse create wants ``taskType`` (gen3a_turbo, gen3a, europa,
gen2), ``internal`` a boolean and ``options`` with ``text_prompt`` and ``seconds`` 5 or 10. Case
``runway-legacy``: a relay with only ``/runway/tasks`` (``/runway/v1/tasks`` is 404 Invalid URL).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import fixtures
from .video_tasks import VideoTask, VideoTasks, image_problem

if TYPE_CHECKING:
    from .server import RelayServer, _Ctx, _Handler

OFFICIAL_CREATE = "/runwayml/v1/image_to_video"
OFFICIAL_TASKS = "/runwayml/v1/tasks"
REVERSE_ROUTES = ("/runway/v1/tasks", "/runway/tasks")
VERSION = "2024-11-06"
RATIOS = ("1280:768", "768:1280", "1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672")
TASK_TYPES = ("gen3a_turbo", "gen3a", "europa", "gen2")
FAIL_REASON = "The prompt was flagged by the content moderation system"
FAIL_CODE = "SAFETY.INPUT.TEXT"

TASKS: VideoTasks[Any] = VideoTasks("runway", "rw")


#: a task as a test sees it without counting a query, and every task's id (video_tasks.VideoTasks)
#: ``extra``: ``dialect``, ``route``, ``headers``: the create's ``x-runway-version``
task, task_ids = TASKS.task, TASKS.ids


def _official_problem(ctx: _Ctx) -> str | None:
    if ctx.headers.get("x-runway-version") != VERSION:
        return f"X-Runway-Version must be {VERSION}"
    body = ctx.data
    if not isinstance(body, dict):
        return "request body must be a JSON object"
    if not isinstance(body.get("model"), str) or not body["model"]:
        return "model is required"
    image = body.get("promptImage")
    if isinstance(image, list):
        positions = [item.get("position") for item in image if isinstance(item, dict)]
        if len(positions) != len(image) or not 1 <= len(image) <= 2 or positions[0] != "first" or (
                len(positions) == 2 and positions[1] != "last"):
            return "promptImage must be [{uri, position: first}] with an optional {uri, position: last}"
        for item in image:
            if (problem := image_problem(item.get("uri"), "promptImage uri", data_url=True)) is not None:
                return problem
    elif (problem := image_problem(image, "promptImage", data_url=True)) is not None:
        return problem
    if "promptText" in body and (not isinstance(body["promptText"], str) or len(body["promptText"]) > 1000):
        return "promptText must be a string of at most 1000 characters"
    if body.get("duration", 5) not in (5, 10) or isinstance(body.get("duration"), bool):
        return "duration must be 5 or 10"
    if body.get("ratio", RATIOS[0]) not in RATIOS:
        return f"ratio must be one of {', '.join(RATIOS)}"
    return None


def _reverse_problem(body: Any) -> str | None:
    if not isinstance(body, dict):
        return "request body must be a JSON object"
    if body.get("taskType") not in TASK_TYPES:
        return f"taskType must be one of {', '.join(TASK_TYPES)}"
    if not isinstance(body.get("internal"), bool):
        return "internal must be a boolean"
    options = body.get("options")
    if not isinstance(options, dict):
        return "options is required"
    if not options.get("init_image") and (not isinstance(options.get("text_prompt"), str)
                                          or not options["text_prompt"].strip()):
        return "options.text_prompt is required without an init_image"
    if options.get("seconds") not in (5, 10) or isinstance(options.get("seconds"), bool):
        return "options.seconds must be 5 or 10"
    return None


def _status(found: VideoTask) -> str:
    return {"queued": "PENDING", "running": "RUNNING", "done": "SUCCEEDED", "failed": "FAILED"}[found.stage()]


def _official(found: VideoTask, ctx: _Ctx, relay: RelayServer) -> dict[str, Any]:
    status = _status(found)
    answer: dict[str, Any] = {"id": found.id, "status": status, "createdAt": "2025-01-01T00:00:00Z"}
    if status == "RUNNING":
        answer["progress"] = found.progress() / 100
    elif status == "SUCCEEDED":
        answer["output"] = found.links(ctx, relay)
    elif status == "FAILED":
        answer.update(failure=FAIL_REASON, failureCode=FAIL_CODE)
    return answer


def _reverse(found: VideoTask, ctx: _Ctx, relay: RelayServer) -> dict[str, Any]:
    status = _status(found)
    answer: dict[str, Any] = {"id": found.id, "status": status, "progressRatio": f"{found.progress() / 100:g}",
                              "artifacts": [], "error": None}
    if status == "SUCCEEDED":
        (url,) = found.links(ctx, relay)
        answer["artifacts"] = [{"url": url, "previewUrls": [f"{ctx.base_url}/files/{found.id}.png"],
                                "metadata": {"frameRate": 24, "duration": 5, "dimensions": [1280, 768]}}]
    elif status == "FAILED":
        answer["error"] = FAIL_REASON
    return {"task": answer}


def create_official(h: _Handler, ctx: _Ctx) -> None:
    """``POST /runwayml/v1/image_to_video``."""
    problem = _official_problem(ctx)
    if problem is not None:
        return h.send_json(400, {"error": problem})
    found = TASKS.create(h, ctx, str(ctx.data.get("promptText") or ""), ctx.data, dialect="official",
                         headers=ctx.headers.get("x-runway-version"))
    h.send_json(200, {"id": found.id})


def fetch_official(h: _Handler, ctx: _Ctx) -> None:
    """``GET /runwayml/v1/tasks/{id}``: counts one query."""
    task_id = ctx.route[len(OFFICIAL_TASKS) + 1:]
    answer = TASKS.query(h, task_id, lambda t: _official(t, ctx, h.server.relay)
                         if t.extra["dialect"] == "official" else None)
    if answer is None:
        return h.send_json(404, {"error": "Task not found."})
    h.send_json(200, answer)


def create_reverse(h: _Handler, ctx: _Ctx) -> None:
    """``POST /runway/v1/tasks`` or ``/runway/tasks``."""
    if ctx.route == REVERSE_ROUTES[0] and ctx.has("runway-legacy"):
        return h.send_json(404, fixtures.invalid_url(ctx.method, ctx.raw_path))
    problem = _reverse_problem(ctx.data)
    if problem is not None:
        return h.send_json(400, fixtures.invalid_request(problem))
    found = TASKS.create(h, ctx, ctx.data["options"].get("text_prompt") or "", ctx.data, dialect="reverse",
                         route=ctx.route)
    answer = TASKS.query(h, found.id, lambda t: _reverse(t, ctx, h.server.relay), count=False)
    h.send_json(200, {**(answer or {}), "server_id": "s1"})


def fetch_reverse(h: _Handler, ctx: _Ctx) -> None:
    """``GET /runway/v1/tasks/{id}`` or ``/runway/tasks/{id}``: counts one query."""
    route, _, task_id = ctx.route.rpartition("/")
    if route == REVERSE_ROUTES[0] and ctx.has("runway-legacy"):
        return h.send_json(404, fixtures.invalid_url(ctx.method, ctx.raw_path))
    answer = TASKS.query(h, task_id, lambda t: _reverse(t, ctx, h.server.relay)
                         if t.extra["dialect"] == "reverse" else None)
    if answer is None:
        return h.send_json(404, fixtures.invalid_request(f"task {task_id} not found"))
    h.send_json(200, answer)


ROUTES: dict[tuple[str, str], Any] = {("POST", OFFICIAL_CREATE): create_official,
                                      **{("POST", route): create_reverse for route in REVERSE_ROUTES}}
PREFIX_ROUTES: list[tuple[str, str, Any]] = [("GET", f"{OFFICIAL_TASKS}/", fetch_official),
                                             *(("GET", f"{route}/", fetch_reverse) for route in REVERSE_ROUTES)]
NATIVE_PREFIXES: tuple[str, ...] = ("runwayml", "runway")
