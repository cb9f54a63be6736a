"""OpenAI's Videos API (``/v1/videos``) for the relay test server, as new-api serves it.

Why this exists: a Videos API job is a task - create, retrieve until it ends, then fetch the file from
the relay itself with the key - and a client can only be tested against a server that keeps the tasks
and walks them through their states (docs/PROTOCOLS.md#openai-videos). ``server.py`` routes here:

    POST /v1/videos                      JSON or multipart (``input_reference`` file) -> video object
    GET  /v1/videos/{id}                 -> the video object (counts one query)
    GET  /v1/videos/{id}/content         -> the MP4 (Range honoured; ``?variant=thumbnail`` a PNG)
    POST /v1/videos/{id}/remix           {"prompt"} -> a new video object with ``remixed_from_video_id``

Seed 002's ``/{platform}/v1/videos`` reaches the same routes (the server strips the platform segment);
its objects carry ``created_at`` as a string and a ``detail`` object, and the task remembers the platform.
Its multipart create takes the frames as repeated ``input_reference[]`` files (a plain ``input_reference``
file is refused, 400) and checks no size. ``/content`` also serves a finished task of the generic route
(``video_generations.py``), as new-api proxies every task's file there.

The lifecycle is driven by queries, never the clock: query 1 ``queued`` (progress 0), then N
``unknown`` queries (case ``videos-unknown-N``, default none), then M ``in_progress`` (case
``videos-polls-M``, default 2: progress 33, 66), then ``completed`` (100) - or ``failed`` with
``error: {"code": "moderation_blocked", "message": FAIL_REASON}`` when the prompt mentions ``fail``.
Non-terminal answers carry ``openai-poll-after-ms: 500``. A completed object names no file (the client
fetches ``/content``) unless a case adds a direct link: ``videos-url`` (``url``), ``videos-video-url``
(``video_url``, B8.9), ``videos-metadata-url`` (``metadata.url``); the links are ``/files/<slug>-N.mp4``
in the flavour of a ``video-*`` case (``server.video_link``).
Case ``videos-empty-status``: the create answers ``status: ""`` (older new-api); case ``no-video``: every
video route of this module and of ``video_generations.py`` / ``custom_video.py`` answers 404 ``Invalid URL``.

Checked like the relay checks: ``model`` and ``prompt`` required; for ``sora-2`` the sizes 720x1280 and
1280x720, for ``sora-2-pro`` also 1792x1024 and 1024x1792 (400 ``invalid_size``); ``seconds`` 4, 8 or 12
for sora models; an ``input_reference`` must be a picture of exactly the requested size (default
720x1280). Unknown ids: 404 ``Task not found``; ``/content`` or a remix of an unfinished video: 400
``Task is not completed yet, current status: IN_PROGRESS``. State lives per ``RelayServer`` and
outlives ``reset()``.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tests.support.media import mp4_bytes

from . import content, fixtures
from .tasks import TaskStores
from .video_tasks import stage_after

if TYPE_CHECKING:
    from .server import RelayServer, _Ctx, _Handler

ROUTE = "/v1/videos"
FAIL_REASON = "Your request was blocked by our moderation system"
DEFAULT_POLLS = 2
POLL_AFTER_MS = "500"
SORA_SIZES = {"sora-2": ("720x1280", "1280x720"),
              "sora-2-pro": ("720x1280", "1280x720", "1792x1024", "1024x1792")}
SORA_SECONDS = ("4", "8", "12")
_POLLS = re.compile(r"videos-polls-(\d+)")
_UNKNOWNS = re.compile(r"videos-unknown-(\d+)")
_URL_CASES = (("videos-url", "url"), ("videos-video-url", "video_url"), ("videos-metadata-url", "metadata"))
_STATUS = {"queued": "queued", "unknown": "unknown", "running": "in_progress", "failed": "failed",
           "done": "completed"}
_INTERNAL = {"queued": "QUEUED", "unknown": "UNKNOWN", "in_progress": "IN_PROGRESS", "failed": "FAILURE",
             "completed": "SUCCESS"}


@dataclass
class Video:
    id: str
    model: str
    prompt: str
    fields: dict[str, Any]
    reference: tuple[int, int] | None = None  # the input_reference picture's size
    platform: str | None = None
    polls: int = DEFAULT_POLLS
    unknowns: int = 0
    fails: bool = False
    link_field: str | None = None
    remixed_from: str | None = None
    queries: int = 0
    contents: int = 0
    created_at: int = field(default_factory=lambda: int(time.time()))
    file: str = ""

    def status(self) -> str:
        return _STATUS[stage_after(self.queries, self.polls, fails=self.fails, unknowns=self.unknowns)]

    def progress(self, status: str) -> int:
        if status in ("completed", "failed"):
            return 100
        if status == "in_progress":
            step = self.queries - 1 - self.unknowns
            return 100 * step // (self.polls + 1)
        return 0

    def body(self, status: str, make_link: Callable[[], str]) -> dict[str, Any]:
        seconds, size = str(self.fields.get("seconds") or "4"), str(self.fields.get("size") or "720x1280")
        created: Any = str(self.created_at) if self.platform else self.created_at
        body: dict[str, Any] = {"id": self.id, "task_id": self.id, "object": "video", "model": self.model,
                                "status": status, "progress": self.progress(status), "created_at": created,
                                "seconds": seconds, "size": size}
        if self.remixed_from:
            body["remixed_from_video_id"] = self.remixed_from
        if status == "completed":
            body.update(completed_at=self.created_at + 120, expires_at=self.created_at + 86520)
            if self.link_field:
                if not self.file:
                    self.file = make_link()
                if self.link_field == "metadata":
                    body["metadata"] = {"url": self.file}
                else:
                    body[self.link_field] = self.file
        if status == "failed":
            body["error"] = {"code": "moderation_blocked", "message": FAIL_REASON}
        if self.platform:
            body["detail"] = {"platform": self.platform, "state": _INTERNAL[status]}
        return body


_STORES: TaskStores[Video] = TaskStores()


def task(relay: RelayServer, video_id: str) -> dict[str, Any]:
    """A video as the test sees it, without counting a query: ``queries``, ``contents`` (file fetches),
    ``fields`` (the create's text fields), ``reference`` (the frame's size), ``platform``,
    ``remixed_from`` and ``status``. KeyError for an unknown id."""
    store = _STORES.of(relay)
    with store.lock:
        found = store.tasks[video_id]
        return {"queries": found.queries, "contents": found.contents, "fields": dict(found.fields),
                "reference": found.reference, "platform": found.platform, "remixed_from": found.remixed_from,
                "model": found.model, "prompt": found.prompt, "status": found.status()}


def task_ids(relay: RelayServer) -> list[str]:
    """Every video of this server, oldest first."""
    store = _STORES.of(relay)
    with store.lock:
        return list(store.tasks)


def _error(message: str, code: str | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"message": message, "type": "invalid_request_error"}
    if code:
        error["code"] = code
    return {"error": error}


def clip_maker(h: _Handler, ctx: _Ctx, prompt: str) -> Callable[[], str]:
    """What makes a finished task's clip link: ``server.video_link`` (``/files/<slug>-N.mp4`` in the flavour
    the request's ``video-*`` case asks for), called once, when the task first shows its link."""
    from .server import video_link  # the server imports this module: its helpers are read at call time

    return lambda: video_link(h, ctx, prompt)


def route_missing(h: _Handler, ctx: _Ctx) -> bool:
    """Case ``no-video``: answer as a relay that has none of the OpenAI-style video routes (gin's 404
    ``Invalid URL``); True when it did."""
    if not ctx.has("no-video"):
        return False
    h.send_json(404, fixtures.invalid_url(ctx.method, ctx.raw_path))
    return True


def platform_of(ctx: _Ctx) -> str | None:
    """The ``/{platform}`` segment the server stripped before ``/v1/`` (seed 002), or None."""
    before = ctx.raw_path[: len(ctx.raw_path) - len(ctx.route)] if ctx.raw_path.endswith(ctx.route) else ""
    before = re.sub(r"^/case/[^/]+", "", before).strip("/")
    return before or None


class _Refused(ValueError):
    pass


def _picture_size(data: bytes) -> tuple[int, int]:
    from PIL import Image

    if not content.is_image(data):
        raise _Refused("input_reference is not a valid image")
    with Image.open(io.BytesIO(data)) as picture:
        return picture.size


def _reference_of(value: Any) -> tuple[int, int] | None:
    """The size of a JSON ``input_reference`` (a data URL, ``{"image_url": …}``); None for a plain URL."""
    if isinstance(value, dict):
        value = value.get("image_url")
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, str) or value.startswith(("http://", "https://")):
        return None
    try:
        decoded = content.parse_data_uri(value)
        data = decoded[1] if decoded else content.b64decode(value)
    except content.BadAttachment as exc:
        raise _Refused("input_reference is not a valid image") from exc
    return _picture_size(data)


def _create_fields(ctx: _Ctx, platform: str | None) -> tuple[dict[str, Any], tuple[int, int] | None]:
    if isinstance(ctx.data, dict):
        fields = {k: v for k, v in ctx.data.items() if k != "input_reference"}
        return fields, _reference_of(ctx.data.get("input_reference"))
    parts = content.parse_multipart(ctx.headers.get("content-type", ""), ctx.body)
    if not parts:
        raise _Refused("request body must be JSON or multipart/form-data")
    fields = {p.name: p.text for p in parts if p.filename is None}
    # seed 002's platform models repeat the array field; OpenAI's own Sora keeps its form under any prefix
    platform = platform if not str(fields.get("model") or "").startswith("sora") else None
    name = "input_reference[]" if platform else "input_reference"
    if platform and any(p.name == "input_reference" and p.filename is not None for p in parts):
        raise _Refused("input_reference files go as input_reference[]")
    files = [p for p in parts if p.name == name and p.filename is not None]
    return fields, _picture_size(files[0].data) if files else None


def _problem(fields: dict[str, Any], reference: tuple[int, int] | None, platform: str | None) -> str | None:
    if not isinstance(fields.get("model"), str) or not fields["model"]:
        return "model is required"
    if not isinstance(fields.get("prompt"), str) or not fields["prompt"].strip():
        return "prompt is required"
    model = fields["model"]
    if model in SORA_SIZES and not platform:
        size = str(fields.get("size") or "720x1280")
        if size not in SORA_SIZES[model]:
            return f"invalid_size: {model} does not support size {size}"
        if str(fields.get("seconds") or "4") not in SORA_SECONDS:
            return f"seconds must be one of {', '.join(SORA_SECONDS)}"
        if reference is not None and f"{reference[0]}x{reference[1]}" != size:
            return (f"Inpaint image must match the requested width and height ({size}), "
                    f"got {reference[0]}x{reference[1]}")
    return None


def _cases(ctx: _Ctx) -> dict[str, Any]:
    polls = next((int(m.group(1)) for c in ctx.cases if (m := _POLLS.fullmatch(c))), DEFAULT_POLLS)
    unknowns = next((int(m.group(1)) for c in ctx.cases if (m := _UNKNOWNS.fullmatch(c))), 0)
    link = next((name for case, name in _URL_CASES if ctx.has(case)), None)
    return {"polls": polls, "unknowns": unknowns, "link_field": link}


def _new_id(store: Any, platform: str | None) -> str:
    return f"{'pv' if platform else 'video'}-{next(store.ids)}"


def _send(h: _Handler, status: str, body: dict[str, Any]) -> None:
    headers = {} if status in ("completed", "failed") else {"openai-poll-after-ms": POLL_AFTER_MS}
    h.send_json(200, body, headers)


def create(h: _Handler, ctx: _Ctx) -> None:
    """``POST /v1/videos``."""
    if route_missing(h, ctx):
        return
    platform = platform_of(ctx)
    try:
        fields, reference = _create_fields(ctx, platform)
        problem = _problem(fields, reference, platform)
    except _Refused as exc:
        problem, fields, reference = str(exc), {}, None
    if problem is not None:
        return h.send_json(400, _error(problem, "invalid_size" if problem.startswith("invalid_size") else None))
    store = _STORES.of(h.server.relay)
    with store.lock:
        video = Video(_new_id(store, platform), fields["model"], fields["prompt"], fields, reference, platform,
                      fails=content.mentions(fields["prompt"], "fail"), **_cases(ctx))
        store.tasks[video.id] = video
        body = video.body("queued", clip_maker(h, ctx, video.prompt))
    if ctx.has("videos-empty-status"):
        body["status"] = ""
    _send(h, "queued", body)


def _parts(ctx: _Ctx) -> tuple[str, str]:
    """(video id, what follows it: "", "content" or "remix")."""
    rest = ctx.route[len(ROUTE) + 1:]
    video_id, _, tail = rest.partition("/")
    return video_id, tail


def get(h: _Handler, ctx: _Ctx) -> None:
    """``GET /v1/videos/{id}`` (counts one query) and ``GET /v1/videos/{id}/content``."""
    video_id, tail = _parts(ctx)
    if tail not in ("", "content"):
        return h.send_json(404, fixtures.invalid_url(ctx.method, ctx.raw_path))
    store = _STORES.of(h.server.relay)
    status = ""
    with store.lock:
        video = store.tasks.get(video_id)
        if video is not None and tail == "":
            video.queries += 1
            status = video.status()
            body = video.body(status, clip_maker(h, ctx, video.prompt))
        elif video is not None:
            status = video.status()
            if status == "completed":
                video.contents += 1
    if video is None and tail == "content":  # a task of the generic route: its file is served here too
        from . import video_generations  # it imports this module

        status = video_generations.content_status(h.server.relay, video_id)
    if not status:
        return h.send_json(404, _error("Task not found"))
    if tail == "":
        return _send(h, status, body)
    if status != "completed":
        return h.send_json(400, _error(f"Task is not completed yet, current status: {_INTERNAL[status]}"))
    from .server import _send_ranged  # the server imports this module: its helpers are read at call time

    if ctx.query_param("variant") == "thumbnail":
        return h.send_body(200, fixtures.png_bytes(16, 9), "image/png")
    _send_ranged(h, ctx, mp4_bytes(), "video/mp4")


def remix(h: _Handler, ctx: _Ctx) -> None:
    """``POST /v1/videos/{id}/remix``: a new video from a completed one."""
    source_id, tail = _parts(ctx)
    if tail != "remix":
        return h.send_json(404, fixtures.invalid_url(ctx.method, ctx.raw_path))
    data = ctx.data if isinstance(ctx.data, dict) else {}
    prompt = data.get("prompt")
    platform = platform_of(ctx)
    store = _STORES.of(h.server.relay)
    with store.lock:
        source = store.tasks.get(source_id)
        status = source.status() if source is not None else ""
    if source is None:
        return h.send_json(404, _error("Task not found"))
    if not isinstance(prompt, str) or not prompt.strip():
        return h.send_json(400, _error("prompt is required"))
    if platform and not data.get("model"):
        return h.send_json(400, _error("model is required"))
    if status != "completed":
        return h.send_json(400, _error(f"Task is not completed yet, current status: {_INTERNAL[status]}"))
    with store.lock:
        fields = {**source.fields, "prompt": prompt}
        video = Video(_new_id(store, platform), source.model, prompt, fields, None, platform,
                      fails=content.mentions(prompt, "fail"), remixed_from=source.id, **_cases(ctx))
        store.tasks[video.id] = video
        body = video.body("queued", clip_maker(h, ctx, video.prompt))
    _send(h, "queued", body)


ROUTES: dict[tuple[str, str], Any] = {("POST", ROUTE): create}
PREFIX_ROUTES: list[tuple[str, str, Any]] = [("GET", ROUTE + "/", get), ("POST", ROUTE + "/", remix)]
NATIVE_PREFIXES: tuple[str, ...] = ()
