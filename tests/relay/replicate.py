"""Replicate-style predictions for the relay test server (docs/PROTOCOLS.md#replicate).

Why this exists: a prediction is a task - create it, read it until it ends, maybe cancel it - and a
client can only be tested against a server that keeps predictions and walks them through their states.
``server.py`` routes these here (``ROUTES``, ``PREFIX_ROUTES``):

    POST /v1/models/{owner}/{name}/predictions  {"input": {...}}                -> 201, the prediction
    POST /v1/predictions  {"version": "<64 hex>", "input": {...}}               -> 201, the prediction
    GET  /v1/predictions/{id}                                                   -> the prediction
    POST /v1/predictions/{id}/cancel                                            -> the prediction, canceled
    GET  /files/replicate/<name>.webp|.mp3  (no auth)                           -> a real WebP / MP3

A new prediction is ``starting`` (``id`` ``rp-N``, ``urls.get`` / ``urls.cancel`` on this server).
Its lifecycle is driven by how often it was read, never by the clock: reads 1 .. N ``processing``
(N from the case ``replicate-polls-N`` of the create, default 1), then ``succeeded`` with
``metrics.predict_time`` 1.2, or ``failed`` with ``error`` "NSFW" when the prompt mentions ``fail``.
A cancel ends an unfinished prediction ``canceled``.

What ``output`` is depends on the model (docs/PROTOCOLS.md#replicate):

* ``meta/llama-text``: text, as a language model streams it - a list of string tokens (the first
  tokens already while ``processing``), UTF-8 beyond ASCII;
* ``black-forest-labs/flux-1.1-pro``: one link as a string (a WebP);
* ``meta/musicgen``: one link as a string (an MP3);
* any other ``owner/name``, and every version id: a list of ``num_outputs`` (1-4, default 1) WebP links.

Refusals as Replicate words them (HTTP 422, ``{"title", "detail", "status"}``): no ``input.prompt``,
``num_outputs`` out of range, ``aspect_ratio`` not one it knows, ``image`` that is not a data URL of an
image, a ``version`` that is not 64 hex characters. An unknown prediction is 404 ``{"detail": "Not
found."}``. State lives per ``RelayServer`` and outlives ``reset()`` (ids keep counting up).
"""

from __future__ import annotations

import base64
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tests.support.media import mp3_bytes

from . import content, fixtures
from .tasks import TaskStores

if TYPE_CHECKING:
    from .server import RelayServer, _Ctx, _Handler

TEXT_MODEL = "meta/llama-text"
SINGLE_LINK_MODEL = "black-forest-labs/flux-1.1-pro"
AUDIO_MODEL = "meta/musicgen"
#: the version a prediction made through a model route reports
MODEL_VERSION = "5599ed30703defd1d160a25a63321b4dec97101d98b4674bcc56e41f62f35637"
ASPECT_RATIOS = ("1:1", "16:9", "21:9", "3:2", "2:3", "4:5", "5:4", "3:4", "4:3", "9:16", "9:21")
MAX_OUTPUTS = 4
DEFAULT_POLLS = 1
PREDICT_TIME = 1.2
FAILURE = "NSFW"
#: an 8x8 lossless WebP (made with Pillow once; the server stays stdlib-only)
WEBP_BYTES = base64.b64decode("UklGRh4AAABXRUJQVlA4TBEAAAAvB8ABAAdQlCJXq/+BiOh/AAA=")
FILES = "/files/replicate/"
_POLLS_CASE = re.compile(r"replicate-polls-(\d+)")
_VERSION = re.compile(r"^[0-9a-f]{64}$")
_MODEL_ROUTE = re.compile(r"^/v1/models/([^/]+)/([^/]+)/predictions$")
_FINAL = frozenset({"succeeded", "failed", "canceled"})


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime())


def tokens(prompt: str) -> list[str]:
    """What the text model streams for ``prompt``: words, each but the first with its leading space."""
    words = f"A short story about {prompt.strip()} — 猫 included.".split(" ")
    return [words[0], *(" " + w for w in words[1:])]


@dataclass
class Prediction:
    id: str
    model: str
    version: str
    input: dict[str, Any]
    polls: int = DEFAULT_POLLS
    fails: bool = False
    reads: int = 0
    canceled: bool = False
    created_at: str = field(default_factory=_now)
    started_at: str | None = None
    completed_at: str | None = None
    files: list[str] = field(default_factory=list)  # made once, on the first read that succeeds

    def status(self) -> str:
        if self.canceled:
            return "canceled"
        if self.reads == 0:
            return "starting"
        if self.reads <= self.polls:
            return "processing"
        return "failed" if self.fails else "succeeded"

    def _output(self, base_url: str, status: str, next_number: Any) -> Any:
        if self.model == TEXT_MODEL:
            words = tokens(str(self.input.get("prompt", "")))
            return words if status == "succeeded" else words[:2] if status == "processing" else None
        if status != "succeeded":
            return None
        if not self.files:
            if self.model == AUDIO_MODEL:
                self.files = [f"{self.id}.mp3"]
            else:
                count = 1 if self.model == SINGLE_LINK_MODEL else int(self.input.get("num_outputs") or 1)
                self.files = [f"{self.id}-{next_number()}.webp" for _ in range(count)]
        links = [f"{base_url}{FILES}{name}" for name in self.files]
        return links[0] if self.model in (SINGLE_LINK_MODEL, AUDIO_MODEL) else links

    def wire(self, base_url: str, next_number: Any) -> dict[str, Any]:
        status = self.status()
        if status != "starting" and self.started_at is None:
            self.started_at = _now()
        if status in _FINAL and self.completed_at is None:
            self.completed_at = _now()
        link = f"{base_url}/v1/predictions/{self.id}"
        return {
            "id": self.id, "model": self.model, "version": self.version, "status": status, "input": self.input,
            "output": self._output(base_url, status, next_number),
            "error": FAILURE if status == "failed" else None,
            "logs": "" if status == "starting" else "Running predict()...\n",
            "created_at": self.created_at, "started_at": self.started_at, "completed_at": self.completed_at,
            "urls": {"get": link, "cancel": f"{link}/cancel"},
            "metrics": {"predict_time": PREDICT_TIME} if status == "succeeded" else {},
        }


_STORES: TaskStores[Prediction] = TaskStores()


def prediction(relay: RelayServer, prediction_id: str) -> dict[str, Any]:
    """A prediction as the test sees it, without counting a read: ``model``, ``version``, ``input``,
    ``reads``, ``polls`` and ``status``. KeyError for an unknown id."""
    store = _STORES.of(relay)
    with store.lock:
        found = store.tasks[prediction_id]
        return {"model": found.model, "version": found.version, "input": found.input, "reads": found.reads,
                "polls": found.polls, "status": found.status()}


def _refuse(h: _Handler, status: int, title: str, detail: str) -> None:
    h.send_json(status, {"title": title, "detail": detail, "status": status})


def _input_problem(body: Any) -> str | None:
    """Why Replicate would refuse this body's ``input`` (HTTP 422), or None."""
    model_input = body.get("input") if isinstance(body, dict) else None
    if not isinstance(model_input, dict):
        return "- input: Invalid type. Expected: object"
    prompt = model_input.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        return "- input: prompt is required"
    outputs = model_input.get("num_outputs", 1)
    if isinstance(outputs, bool) or not isinstance(outputs, int) or not 1 <= outputs <= MAX_OUTPUTS:
        return f"- input.num_outputs: Must be from 1 to {MAX_OUTPUTS}"
    ratio = model_input.get("aspect_ratio")
    if ratio is not None and ratio not in ASPECT_RATIOS:
        return f"- input.aspect_ratio: aspect_ratio must be one of: {', '.join(ASPECT_RATIOS)}"
    image = model_input.get("image")
    if image is not None:
        decoded = content.parse_data_uri(image) if isinstance(image, str) else None
        if decoded is None or not content.is_image(decoded[1]):
            return "- input.image: Does not match format 'uri'"
    return None


def _create(h: _Handler, ctx: _Ctx, model: str, version: str) -> None:
    problem = _input_problem(ctx.data)
    if problem is not None:
        return _refuse(h, 422, "Input validation failed", problem)
    model_input = dict(ctx.data["input"])
    polls = next((int(m.group(1)) for c in ctx.cases if (m := _POLLS_CASE.fullmatch(c))), DEFAULT_POLLS)
    relay = h.server.relay
    store = _STORES.of(relay)
    with store.lock:
        new = Prediction(f"rp-{next(store.ids)}", model, version, model_input, polls=polls,
                         fails=content.mentions(model_input["prompt"], "fail"))
        store.tasks[new.id] = new
        body = new.wire(ctx.base_url, relay.next_file_number)
    h.send_json(201, body)


def create_for_model(h: _Handler, ctx: _Ctx) -> None:
    """``POST /v1/models/{owner}/{name}/predictions``."""
    match = _MODEL_ROUTE.match(ctx.route)
    if match is None:
        return h.send_json(404, {"detail": "Not found."})
    _create(h, ctx, f"{match.group(1)}/{match.group(2)}", MODEL_VERSION)


def create_for_version(h: _Handler, ctx: _Ctx) -> None:
    """``POST /v1/predictions`` with a ``version``."""
    version = ctx.data.get("version") if isinstance(ctx.data, dict) else None
    if not isinstance(version, str) or not _VERSION.match(version):
        return _refuse(h, 422, "Invalid version or not permitted",
                       "The specified version does not exist (or perhaps you don't have permission to use it?)")
    _create(h, ctx, "replicate/some-model", version)


def _read(h: _Handler, ctx: _Ctx, prediction_id: str, *, cancel: bool) -> None:
    relay = h.server.relay
    store = _STORES.of(relay)
    with store.lock:
        found = store.tasks.get(prediction_id)
        if found is not None:
            if cancel:
                found.canceled = found.canceled or found.status() not in _FINAL
            else:
                found.reads += 1
            body = found.wire(ctx.base_url, relay.next_file_number)
    if found is None:
        return h.send_json(404, {"detail": "Not found."})
    h.send_json(200, body)


def get_or_cancel(h: _Handler, ctx: _Ctx) -> None:
    """``GET /v1/predictions/{id}`` (counts one read) and ``POST /v1/predictions/{id}/cancel``."""
    rest = ctx.route[len("/v1/predictions/"):]
    if ctx.method == "POST" and rest.endswith("/cancel"):
        return _read(h, ctx, rest[: -len("/cancel")], cancel=True)
    if ctx.method == "GET" and "/" not in rest:
        return _read(h, ctx, rest, cancel=False)
    h.send_json(404, {"detail": "Not found."})


def files(h: _Handler, ctx: _Ctx) -> None:
    """``GET /files/replicate/<name>.webp|.mp3`` (no auth)."""
    name = ctx.route[len(FILES):].lower()
    if "/" not in name and name.endswith(".webp"):
        return h.send_body(200, WEBP_BYTES, "image/webp")
    if "/" not in name and name.endswith(".mp3"):
        return h.send_body(200, mp3_bytes(), "audio/mpeg")
    h.send_json(404, fixtures.invalid_url(ctx.method, ctx.raw_path))


#: exact routes for ``server._ROUTES``: (method, path) -> handler
ROUTES = {("POST", "/v1/predictions"): create_for_version}
#: prefix routes for ``server._PREFIX_ROUTES``, ahead of its ``/files/`` entry: (method, prefix, handler, auth)
PREFIX_ROUTES = (
    ("POST", "/v1/models/", create_for_model, True),
    ("GET", "/v1/predictions/", get_or_cancel, True),
    ("POST", "/v1/predictions/", get_or_cancel, True),
    ("GET", FILES, files, False),
)
