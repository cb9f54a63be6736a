"""new-api's generic video route (``/v1/video/generations``) for the relay test server.

Why this exists: the route is a task API whose answers changed between new-api builds - the clip's
link moved from ``fail_reason`` to ``result_url`` - and whose Gemini/Veo channels answer in a simpler
form (docs/PROTOCOLS.md#video-generations). A client is only trustworthy if it reads all of them from a
server that keeps the tasks. ``server.py`` routes here:

    POST /v1/video/generations          -> {"id","task_id","object":"video","model","status":"","progress":0,
                                            "created_at"}
    GET  /v1/video/generations/{id}     -> {"code":"success","message":"","data":{task}} (counts one query)

The lifecycle is driven by queries: 1 ``SUBMITTED`` (10%), then N ``UNKNOWN`` (case ``vg-unknown-N``,
default none), then M ``IN_PROGRESS`` (30%; case ``vg-polls-M``, default 1), then ``SUCCESS`` (100%) with
``result_url`` ``/files/<slug>-K.mp4`` (flavoured by a ``video-*`` case) - or ``FAILURE`` with
``fail_reason`` FAIL_REASON when the prompt mentions ``fail``. Case ``vg-old``: an older build, the link
in ``fail_reason`` and no ``result_url``. Case ``video-result-on-relay``: a newer build whose
``result_url`` is the relay's own ``<server>/v1/videos/{id}/content``, which wants the key (``videos.py``
serves it). Case ``vg-gemini`` (or a model starting ``veo``): the Gemini form, ``queued`` ->
``processing`` -> ``succeeded`` with ``url`` (``failed`` with ``error``). The task's raw upstream answer
sits in ``data``.

Checked like the relay checks it (400 ``invalid_request``): ``model`` and ``prompt``; ``image`` an
http(s) link or a data URL / base64 of a picture; ``duration`` a positive int; ``seconds`` a string of
digits; ``metadata`` an object (or a JSON string of one). An unknown id: 400 ``task_not_exist``.
State lives per ``RelayServer`` and outlives ``reset()``. Case ``vg-nolink-once``: the first ``SUCCESS``
answer has no link anywhere (nor a raw answer), the next one has it.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import content, fixtures, videos
from .tasks import TaskStores
from .video_tasks import stage_after

if TYPE_CHECKING:
    from .server import RelayServer, _Ctx, _Handler

ROUTE = "/v1/video/generations"
FAIL_REASON = "upstream task failed: the prompt was rejected"
DEFAULT_POLLS = 1
_POLLS = re.compile(r"vg-polls-(\d+)")
_UNKNOWNS = re.compile(r"vg-unknown-(\d+)")
_STATUS = {"queued": "SUBMITTED", "unknown": "UNKNOWN", "running": "IN_PROGRESS", "failed": "FAILURE",
           "done": "SUCCESS"}
_PROGRESS = {"SUBMITTED": "10%", "UNKNOWN": "30%", "IN_PROGRESS": "30%", "SUCCESS": "100%", "FAILURE": "100%"}
_GEMINI = {"SUBMITTED": "queued", "UNKNOWN": "processing", "IN_PROGRESS": "processing", "SUCCESS": "succeeded",
           "FAILURE": "failed"}


@dataclass
class Task:
    id: str
    model: str
    prompt: str
    body: dict[str, Any]
    form: str = "generic"  # generic, old, gemini
    polls: int = DEFAULT_POLLS
    unknowns: int = 0
    fails: bool = False
    nolink: bool = False  # the first SUCCESS answer comes without a link
    queries: int = 0
    submitted: int = field(default_factory=lambda: int(time.time()))
    file: str = ""
    on_relay: bool = False  # the link is the relay's own /v1/videos/{id}/content

    def _linkless(self) -> bool:
        """Whether this answer is the SUCCESS without a link of case ``vg-nolink-once``."""
        return self.nolink and self.queries == 2 + self.unknowns + self.polls

    def status(self) -> str:
        stage = stage_after(self.queries, self.polls, fails=self.fails, unknowns=self.unknowns,
                            extra_running=1 if self.nolink else 0)
        return "SUCCESS" if self._linkless() else _STATUS[stage]

    def data(self, make_link: Callable[[], str]) -> dict[str, Any]:
        status = self.status()
        linkless = self._linkless()
        if status == "SUCCESS" and not self.file and not linkless:
            self.file = make_link()
        if self.form == "gemini":
            error = {"code": "generation_failed", "message": FAIL_REASON} if status == "FAILURE" else None
            return {"task_id": self.id, "status": _GEMINI[status], "url": self.file if status == "SUCCESS" else "",
                    "format": "mp4", "metadata": None, "error": error}
        ended = status in ("SUCCESS", "FAILURE")
        raw: dict[str, Any] = {}
        if status == "SUCCESS" and not linkless:
            raw = {"code": 0, "data": {"task_id": f"up-{self.id}", "task_status": "succeed",
                                       "task_result": {"videos": [{"id": "v", "url": self.file, "duration": "5.1"}]}}}
        data: dict[str, Any] = {
            "task_id": self.id, "action": "generate" if self.body.get("image") else "textGenerate", "status": status,
            "fail_reason": FAIL_REASON if status == "FAILURE" else "", "submit_time": self.submitted,
            "start_time": self.submitted + 1 if self.queries > 1 else 0,
            "finish_time": self.submitted + 200 if ended else 0, "progress": _PROGRESS[status], "data": raw,
        }
        if status == "SUCCESS" and not linkless:
            if self.form == "old":
                data["fail_reason"] = self.file  # older builds kept the link there
            else:
                data["result_url"] = self.file
        return data


_STORES: TaskStores[Task] = TaskStores()


def task(relay: RelayServer, task_id: str) -> dict[str, Any]:
    """A task as the test sees it, without counting a query: ``queries``, ``body``, ``form``, ``status``.
    KeyError for an unknown id."""
    store = _STORES.of(relay)
    with store.lock:
        found = store.tasks[task_id]
        return {"queries": found.queries, "body": found.body, "form": found.form, "status": found.status()}


def content_status(relay: RelayServer, task_id: str) -> str:
    """How ``/v1/videos/{id}/content`` sees the task, in the Videos API's words (``completed``, ``failed``,
    ``in_progress``), without counting a query; "" for an unknown id."""
    store = _STORES.of(relay)
    with store.lock:
        found = store.tasks.get(task_id)
        status = found.status() if found is not None else ""
    return {"": "", "SUCCESS": "completed", "FAILURE": "failed"}.get(status, "in_progress")


def task_ids(relay: RelayServer) -> list[str]:
    store = _STORES.of(relay)
    with store.lock:
        return list(store.tasks)


def _image_problem(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return "image must be a URL or base64 data"
    if value.startswith(("http://", "https://")):
        return None
    try:
        decoded = content.parse_data_uri(value)
        data = decoded[1] if decoded else content.b64decode(value)
    except content.BadAttachment:
        return "image is not valid base64"
    return None if content.is_image(data) else "image is not a valid image"


def _problem(body: Any) -> str | None:
    if not isinstance(body, dict):
        return "invalid request body: expected a JSON object"
    for name in ("model", "prompt"):
        if not isinstance(body.get(name), str) or not body[name].strip():
            return f"{name} is required"
    if "image" in body:
        problem = _image_problem(body["image"])
        if problem:
            return problem
    duration = body.get("duration")
    if duration is not None and (isinstance(duration, bool) or not isinstance(duration, int) or duration <= 0):
        return "duration must be a positive integer"
    seconds = body.get("seconds")
    if seconds is not None and (not isinstance(seconds, str) or not seconds.isdigit()):
        return "seconds must be a string of digits"
    metadata = body.get("metadata")
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata)
        except ValueError:
            return "metadata is not valid JSON"
    if metadata is not None and not isinstance(metadata, dict):
        return "metadata must be an object"
    return None


def submit(h: _Handler, ctx: _Ctx) -> None:
    """``POST /v1/video/generations``."""
    if videos.route_missing(h, ctx):
        return
    body = ctx.data
    problem = _problem(body)
    if problem is not None:
        return h.send_json(400, fixtures.invalid_request(problem))
    polls = next((int(m.group(1)) for c in ctx.cases if (m := _POLLS.fullmatch(c))), DEFAULT_POLLS)
    unknowns = next((int(m.group(1)) for c in ctx.cases if (m := _UNKNOWNS.fullmatch(c))), 0)
    form = "gemini" if ctx.has("vg-gemini") or body["model"].lower().startswith("veo") else (
        "old" if ctx.has("vg-old") else "generic")
    store = _STORES.of(h.server.relay)
    with store.lock:
        new = Task(f"vid-{next(store.ids)}", body["model"], body["prompt"], body, form, polls, unknowns,
                   fails=content.mentions(body["prompt"], "fail"), on_relay=ctx.has("video-result-on-relay"))
        new.nolink = ctx.has("vg-nolink-once")
        store.tasks[new.id] = new
    h.send_json(200, {"id": new.id, "task_id": new.id, "object": "video", "model": new.model, "status": "",
                      "progress": 0, "created_at": new.submitted})


def query(h: _Handler, ctx: _Ctx) -> None:
    """``GET /v1/video/generations/{id}``: counts one query."""
    task_id = ctx.route[len(ROUTE) + 1:]
    store = _STORES.of(h.server.relay)
    with store.lock:
        found = store.tasks.get(task_id)
        if found is not None:
            found.queries += 1
            on_relay = f"{ctx.base_url}{videos.ROUTE}/{found.id}/content"
            data = found.data((lambda: on_relay) if found.on_relay else videos.clip_maker(h, ctx, found.prompt))
    if found is None:
        return h.send_json(400, {"code": "task_not_exist", "message": "task_not_exist", "data": None})
    h.send_json(200, {"code": "success", "message": "", "data": data})


ROUTES: dict[tuple[str, str], Any] = {("POST", ROUTE): submit}
PREFIX_ROUTES: list[tuple[str, str, Any]] = [("GET", ROUTE + "/", query)]
NATIVE_PREFIXES: tuple[str, ...] = ()
