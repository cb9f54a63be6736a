"""Ideogram's native routes for the relay test server: ``POST /ideogram/{generate,remix,upscale,describe}``.

Why this exists: Ideogram is a synchronous image API with its own wire format (docs/PROTOCOLS.md#ideogram)
- a JSON ``image_request`` for generate, multipart with ``image_file`` and ``image_request`` as a JSON
string for remix and upscale, a describe that answers text - and its own way of refusing (an image judged
unsafe comes back with ``is_image_safe: false`` and no link).  ``server.py`` only routes the four paths
here (``ROUTES``, registered without the server's own key check: these routes accept the key as
``Authorization: Bearer`` or as ``Api-Key``, as relays document both).

Replies: generate and remix answer ``num_images`` (1-8) images whose links are real ``/files/<slug>-<n>.png``
of this server; upscale one 2048 px image; describe ``{"descriptions": [{"text": "a cat"}]}``.  The
request is checked like Ideogram checks it (a missing prompt, an unknown ``aspect_ratio``, ``model`` or
``magic_prompt_option``, a count out of range, an ``image_file`` that is not an image, an
``image_request`` that is not JSON -> 400 in the relay's ``{"error": {...}}`` envelope).
Prompt words: ``unsafe`` -> every image withheld (``is_image_safe: false``, no ``url``); ``blocked`` ->
422, Ideogram's safety refusal as a relay passes it on.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import content, fixtures

if TYPE_CHECKING:
    from .server import _Ctx, _Handler

ASPECT_RATIOS = ("ASPECT_1_1", "ASPECT_10_16", "ASPECT_16_10", "ASPECT_9_16", "ASPECT_16_9", "ASPECT_3_2",
                 "ASPECT_2_3", "ASPECT_4_3", "ASPECT_3_4", "ASPECT_1_3", "ASPECT_3_1")
MODELS = ("V_1", "V_1_TURBO", "V_2", "V_2_TURBO", "V_2A", "V_2A_TURBO")
MAGIC_PROMPT = ("AUTO", "ON", "OFF")
MAX_IMAGES = 8
SEED = 123
CREATED = "2024-08-01T00:00:00Z"
DESCRIPTION = "a cat"
SAFETY_MESSAGE = "Prompt or provided image failed the safety checks"


class _Refused(ValueError):
    """A request Ideogram refuses: (HTTP status, message)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _authorized(h: _Handler, ctx: _Ctx) -> bool:
    key = h.server.relay.valid_key
    bearer = ctx.headers.get("authorization", "")
    presented = {bearer.removeprefix("Bearer ").strip() if bearer.startswith("Bearer ") else None,
                 ctx.headers.get("api-key")}
    return any(k is not None and (k == key or k.encode("latin-1", "replace") == key.encode("utf-8"))
               for k in presented)


def _route(body: Callable[[_Handler, _Ctx], Any]) -> Callable[[_Handler, _Ctx], None]:
    """Key check, then ``body``'s answer (a JSON object) or its refusal in the relay's error envelope."""

    def handle(h: _Handler, ctx: _Ctx) -> None:
        if not _authorized(h, ctx):
            return h.send_json(401, fixtures.INVALID_TOKEN)
        try:
            answer = body(h, ctx)
        except _Refused as exc:
            code = "ideogram_safety_check" if exc.status == 422 else "invalid_request"
            return h.send_json(exc.status, fixtures.e1(f"{exc} (request id: x)", type_="upstream_error", code=code))
        h.send_json(200, answer)

    return handle


# -- reading requests -------------------------------------------------------------------------------


def _image_request(value: Any, *, prompt_required: bool) -> dict[str, Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise _Refused("image_request is not valid JSON") from None
    if value is None and not prompt_required:
        return {}
    if not isinstance(value, dict):
        raise _Refused("image_request is required")
    if prompt_required and not (isinstance(value.get("prompt"), str) and value["prompt"].strip()):
        raise _Refused("image_request.prompt is required")
    for name, allowed in (("aspect_ratio", ASPECT_RATIOS), ("model", MODELS), ("magic_prompt_option", MAGIC_PROMPT)):
        if name in value and value[name] not in allowed:
            raise _Refused(f"image_request.{name} must be one of {', '.join(allowed)}")
    count = value.get("num_images", 1)
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_IMAGES:
        raise _Refused(f"image_request.num_images must be an integer from 1 to {MAX_IMAGES}")
    return value


def _multipart(ctx: _Ctx) -> tuple[bytes, Any]:
    """(the ``image_file`` bytes, the ``image_request`` text or None) of a multipart body."""
    parts = content.parse_multipart(ctx.headers.get("content-type", ""), ctx.body)
    image = next((p for p in parts if p.name == "image_file" and p.filename is not None), None)
    if image is None:
        raise _Refused("image_file is required")
    if not content.is_image(image.data):
        raise _Refused("image_file is not a valid image")
    text = next((p.text for p in parts if p.name == "image_request" and p.filename is None), None)
    return image.data, text


# -- answers ----------------------------------------------------------------------------------------


def _resolution(aspect: str) -> str:
    _, w, h = aspect.split("_")
    ratio = int(w) / int(h)
    width = round(1024 * math.sqrt(ratio) / 64) * 64
    height = round(1024 / math.sqrt(ratio) / 64) * 64
    return f"{width}x{height}"


def _images(h: _Handler, ctx: _Ctx, request: dict[str, Any], count: int, resolution: str) -> dict[str, Any]:
    prompt = str(request.get("prompt") or "")
    if content.mentions(prompt, "blocked"):
        raise _Refused(SAFETY_MESSAGE, status=422)
    unsafe = content.mentions(prompt, "unsafe")
    seed = request.get("seed") if isinstance(request.get("seed"), int) else SEED
    items = []
    for _ in range(count):
        item: dict[str, Any] = {"prompt": prompt, "resolution": resolution, "is_image_safe": not unsafe,
                                "seed": seed, "style_type": request.get("style_type") or "GENERAL"}
        if not unsafe:
            number = h.server.relay.next_file_number()
            item["url"] = f"{ctx.base_url}/files/{fixtures.slug(prompt or 'upscaled')}-{number}.png"
        items.append(item)
    return {"created": CREATED, "data": items}


def generate(h: _Handler, ctx: _Ctx) -> dict[str, Any]:
    body = ctx.data if isinstance(ctx.data, dict) else None
    if body is None:
        raise _Refused("the body must be a JSON object with image_request")
    request = _image_request(body.get("image_request"), prompt_required=True)
    aspect = request.get("aspect_ratio", "ASPECT_1_1")
    return _images(h, ctx, request, request.get("num_images", 1), _resolution(aspect))


def remix(h: _Handler, ctx: _Ctx) -> dict[str, Any]:
    _image, text = _multipart(ctx)
    request = _image_request(text, prompt_required=True)
    weight = request.get("image_weight", 50)
    if isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= 100:
        raise _Refused("image_request.image_weight must be an integer from 1 to 100")
    return _images(h, ctx, request, request.get("num_images", 1), _resolution(request.get("aspect_ratio",
                                                                                          "ASPECT_1_1")))


def upscale(h: _Handler, ctx: _Ctx) -> dict[str, Any]:
    _image, text = _multipart(ctx)
    request = _image_request(text, prompt_required=False)
    return _images(h, ctx, request, 1, "2048x2048")


def describe(h: _Handler, ctx: _Ctx) -> dict[str, Any]:
    _multipart(ctx)
    return {"descriptions": [{"text": DESCRIPTION}]}


#: path -> handler, for ``server._ROUTES`` (registered with ``auth=False``: the key is checked here)
ROUTES: dict[str, Callable[[_Handler, _Ctx], None]] = {
    "/ideogram/generate": _route(generate),
    "/ideogram/remix": _route(remix),
    "/ideogram/upscale": _route(upscale),
    "/ideogram/describe": _route(describe),
}
