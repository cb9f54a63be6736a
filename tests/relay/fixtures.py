"""Response bodies and SSE event builders of the relay test server.

Why this exists: the wire formats a relay (new-api / one-api) speaks are pinned down in
``docs/PROTOCOLS.md``.  Keeping every literal body and event shape here lets ``server.py`` stay about
routing and transport, and lets tests import the exact fixture values they expect to see.

Conventions: JSON is compact and non-ASCII is sent as raw UTF-8 (like Go's ``encoding/json``).
SSE builders return complete events as bytes, ``\\n`` line endings and ``data: `` with a space;
transport variations (CRLF, no space, pings, splitting) are applied by the server.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import struct
import zlib
from functools import lru_cache
from typing import Any

REQUEST_ID = "20250101000000000000001"
CREATED = 1700000000
MODEL_CREATED = 1626777600

JsonObj = dict[str, Any]


def dumps(obj: Any) -> bytes:
    """Compact JSON, raw UTF-8 (no \\u escapes), as new-api writes it."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --------------------------------------------------------------------------------------------------
# Errors (docs/PROTOCOLS.md#shapes)
# --------------------------------------------------------------------------------------------------


def e1(message: str, *, type_: str = "new_api_error", code: str | None = "", param: bool = True) -> JsonObj:
    """new-api OpenAI-format error. Middleware errors omit ``param``."""
    err: JsonObj = {"message": message, "type": type_}
    if param:
        err["param"] = ""
    err["code"] = code
    return {"error": err}


def e3(type_: str, message: str) -> JsonObj:
    """new-api Claude-format error used on ``/v1/messages``."""
    return {"type": "error", "error": {"type": type_, "message": message}}


INVALID_TOKEN = e1(f"无效的令牌 (request id: {REQUEST_ID})", param=False)
RATE_LIMITED = e1("您已达到请求数限制：1分钟内最多请求10次", param=False)
QUOTA_EXCEEDED = e1("用户额度不足, 剩余额度: 0 (request id: x)", code="insufficient_user_quota")
UPSTREAM_500 = e1(
    "bad response status code 500 (request id: x)", type_="upstream_error", code="bad_response_status_code"
)
NOT_IMPLEMENTED = e1("API not implemented", code="api_not_implemented")
BILLING_ERROR = {"error": {"message": "record not found", "type": "new_api_error"}}
CLAUDE_UPSTREAM_500 = e3("upstream_error", "bad response status code 500 (request id: x)")
ONEAPI_ERROR = {"error": {"message": "当前分组上游负载已饱和，请稍后再试 (request id: x)", "type": "one_api_error"}}
SUCCESS_FALSE = {"success": False, "message": "无权进行此操作，未登录且未提供 access token"}


def no_channel(model: str) -> JsonObj:
    """No channel serves this model."""
    message = f"分组 default 下模型 {model} 无可用渠道（distributor） (request id: x)"
    return e1(message, code="model_not_found", param=False)


def invalid_url(method: str, path: str) -> JsonObj:
    """gin's NoRoute answer (new-api on an unknown path)."""
    return e1(f"Invalid URL ({method} {path})", type_="invalid_request_error")


def invalid_request(message: str) -> JsonObj:
    """new-api's 400 before a stream starts."""
    return e1(f"{message} (request id: x)", code="invalid_request")


def claude_invalid_request(message: str) -> JsonObj:
    return e3("invalid_request_error", message)


def model_not_found(model: str) -> JsonObj:
    return e1(f"The model '{model}' does not exist", type_="invalid_request_error", code="model_not_found")


PLAIN_500_TEXT = "upstream connect error or disconnect/reset before headers"

NGINX_502_HTML = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)

CLOUDFLARE_524_HTML = """<!DOCTYPE html>
<html lang="en-US">
<head>
<title>api.example.com | 524: A timeout occurred</title>
<meta charset="UTF-8" />
<meta name="robots" content="noindex, nofollow" />
</head>
<body>
<div id="cf-wrapper">
<h1><span class="cf-error-type">Error</span> <span class="cf-error-code">524</span></h1>
<h2 class="cf-subheadline">A timeout occurred</h2>
<p>The origin web server timed out responding to this request.</p>
<p>Cloudflare Ray ID: <strong>8f1e2d3c4b5a6978</strong> &bull; Your IP: 127.0.0.1 &bull;
Performance &amp; security by Cloudflare</p>
</div>
</body>
</html>
"""

RELAY_WEB_UI_HTML = """<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>New API</title>
<script type="module" crossorigin src="/assets/index-3f2a1b.js"></script>
<link rel="stylesheet" href="/assets/index-9c8d7e.css">
</head>
<body>
<noscript>You need to enable JavaScript to run this app.</noscript>
<div id="root"></div>
</body>
</html>
"""


# --------------------------------------------------------------------------------------------------
# Models (docs/PROTOCOLS.md#models)
# --------------------------------------------------------------------------------------------------


def model_entry(model_id: str, owned_by: str, endpoint_types: list[str]) -> JsonObj:
    return {
        "id": model_id,
        "object": "model",
        "created": MODEL_CREATED,
        "owned_by": owned_by,
        "supported_endpoint_types": endpoint_types,
    }


DEFAULT_MODELS: list[JsonObj] = [
    model_entry("gpt-4o", "openai", ["openai"]),
    model_entry("mj_imagine", "custom", []),
    model_entry("gpt-4o-mini", "openai", ["openai"]),
    model_entry("claude-3-5-sonnet", "anthropic", ["anthropic", "openai"]),
    model_entry("deepseek-r1", "deepseek", ["openai"]),
    model_entry("dall-e-3", "openai", ["image-generation"]),
    model_entry("gpt-image-1", "openai", ["image-generation"]),
    model_entry("sora-2", "openai", ["openai-video"]),
    model_entry("suno_music", "custom", []),
    model_entry("whisper-1", "openai", ["openai"]),
    model_entry("tts-1", "openai", ["openai"]),
    model_entry("text-embedding-3-small", "openai", ["embeddings"]),
]

# (id prefix, owned_by, supported_endpoint_types) used to fill the 2,000-model list.
_MODEL_FAMILIES: list[tuple[str, str, list[str]]] = [
    ("gpt-4o-2024", "openai", ["openai"]),
    ("claude-3-7-sonnet", "anthropic", ["anthropic", "openai"]),
    ("flux-1-dev", "black-forest-labs", ["image-generation"]),
    ("mj_variation", "custom", []),
    ("suno_lyrics", "custom", []),
    ("kling-v1-6", "kuaishou", ["openai-video"]),
    ("qwen2.5-72b-instruct", "alibaba", ["openai"]),
    ("deepseek-v3", "deepseek", ["openai"]),
    ("gemini-2.0-flash", "google", ["gemini", "openai"]),
    ("text-embedding-3-large", "openai", ["embeddings"]),
    ("jina-reranker-v2", "jina", ["jina-rerank"]),
    ("o3-mini", "openai", ["openai", "openai-response"]),
    ("tts-1-hd", "openai", ["openai"]),
    ("whisper-large-v3", "openai", ["openai"]),
]


@lru_cache(maxsize=4)
def many_models(count: int = 2000) -> tuple[JsonObj, ...]:
    """``count`` unique models: the default list, then numbered members of every family."""
    models = list(DEFAULT_MODELS)
    extras = [("flux-pro", "black-forest-labs", ["image-generation"]), ("sora-2-pro", "openai", ["openai-video"])]
    models += [model_entry(*e) for e in extras]
    i = 0
    while len(models) < count:
        prefix, owner, types = _MODEL_FAMILIES[i % len(_MODEL_FAMILIES)]
        models.append(model_entry(f"{prefix}-{i:04d}", owner, list(types)))
        i += 1
    return tuple(models[:count])


def models_list(models: list[JsonObj] | tuple[JsonObj, ...], *, success: bool = True) -> JsonObj:
    """new-api list (``success`` key) or one-api list (no ``success``)."""
    body: JsonObj = {"success": True} if success else {}
    body.update({"object": "list", "data": list(models)})
    return body


def anthropic_models_list(models: list[JsonObj] | tuple[JsonObj, ...]) -> JsonObj:
    """List served when both ``x-api-key`` and ``anthropic-version`` are sent."""
    data = [
        {"id": m["id"], "created_at": "2024-07-20T00:00:00Z", "display_name": m["id"], "type": "model"}
        for m in models
    ]
    return {"data": data, "first_id": data[0]["id"], "has_more": False, "last_id": data[-1]["id"]}


# --------------------------------------------------------------------------------------------------
# SSE primitives (docs/PROTOCOLS.md#streaming)
# --------------------------------------------------------------------------------------------------

PING_COMMENT = b": PING\n\n"
DONE = b"data: [DONE]\n\n"


def sse_data(obj: Any, *, space: bool = True) -> bytes:
    """One OpenAI-style event ``data: <json>`` + blank line."""
    return (b"data: " if space else b"data:") + dumps(obj) + b"\n\n"


def sse_event(event: str, obj: Any) -> bytes:
    """One named event (Claude / Responses style)."""
    return b"event: " + event.encode() + b"\ndata: " + dumps(obj) + b"\n\n"


def split_text(text: str, size: int = 3) -> list[str]:
    """Content pieces of about ``size`` characters (``Hello`` -> ``Hel``, ``lo``)."""
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


# --------------------------------------------------------------------------------------------------
# Chat completions (docs/PROTOCOLS.md#chat)
# --------------------------------------------------------------------------------------------------

REASONING_PIECES = ["Let me think", " about it."]
TOOL_CALL_ARGUMENT_PIECES = ['{"city":', '"Paris"}']
CUT_PIECES = ["Hel", "lo wor"]


def chat_usage(completion_tokens: int) -> JsonObj:
    return {"prompt_tokens": 1, "completion_tokens": completion_tokens, "total_tokens": 1 + completion_tokens}


def chat_completion(model: str, reply: str, *, reasoning: str | None = None) -> JsonObj:
    """A non-stream chat completion (plus ``reasoning_content`` for the ``reasoning`` case)."""
    message: JsonObj = {"role": "assistant", "content": reply}
    if reasoning is not None:
        message["reasoning_content"] = reasoning
    return _completion(model, message, "stop", max(1, len(reply) // 4))


def tool_call_completion(model: str) -> JsonObj:
    """Non-stream variant of ``tool_call_stream_events``."""
    call = {
        "id": "call_1",
        "type": "function",
        "function": {"name": "get_weather", "arguments": "".join(TOOL_CALL_ARGUMENT_PIECES)},
    }
    message: JsonObj = {"role": "assistant", "content": None, "tool_calls": [call]}
    return _completion(model, message, "tool_calls", 5)


def _completion(model: str, message: JsonObj, finish: str, completion_tokens: int) -> JsonObj:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": CREATED,
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": chat_usage(completion_tokens),
    }


def chat_chunk(model: str, delta: JsonObj, finish: str | None = None) -> JsonObj:
    """Ordinary chunk; new-api always writes ``"usage": null``."""
    return {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        "usage": None,
    }


def chat_usage_chunk(model: str, completion_tokens: int) -> JsonObj:
    """Last chunk before ``[DONE]``: empty ``choices`` + usage (new-api sends it by default; docs/PROTOCOLS.md#chat)."""
    return {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": model,
        "choices": [],
        "usage": chat_usage(completion_tokens),
    }


def chat_stream_events(
    model: str, reply: str, *, reasoning: bool = False, include_usage: bool = True
) -> list[bytes]:
    """A streamed chat reply (reasoning deltas too with ``reasoning``): ping, role, pieces, finish, usage, [DONE].

    The first content line is written ``data:`` without the space, as relays send it (docs/PROTOCOLS.md#streaming).
    """
    events = [PING_COMMENT, sse_data(chat_chunk(model, {"role": "assistant"}))]
    if reasoning:
        events += [sse_data(chat_chunk(model, {"reasoning_content": p})) for p in REASONING_PIECES]
    pieces = split_text(reply)
    for i, piece in enumerate(pieces):
        events.append(sse_data(chat_chunk(model, {"content": piece}), space=i != 0))
    events.append(sse_data(chat_chunk(model, {}, "stop")))
    if include_usage:
        events.append(sse_data(chat_usage_chunk(model, len(pieces))))
    events.append(DONE)
    return events


def tool_call_stream_events(model: str, *, include_usage: bool = True) -> list[bytes]:
    """A streamed tool call: header, two argument fragments, ``finish_reason: tool_calls``."""
    first = {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {"index": 0, "id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": ""}}
        ],
    }
    events = [sse_data(chat_chunk(model, first))]
    for piece in TOOL_CALL_ARGUMENT_PIECES:
        delta = {"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}
        events.append(sse_data(chat_chunk(model, delta)))
    events.append(sse_data(chat_chunk(model, {}, "tool_calls")))
    if include_usage:
        events.append(sse_data(chat_usage_chunk(model, 5)))
    events.append(DONE)
    return events


def cut_stream_events(model: str) -> list[bytes]:
    """A stream cut mid-reply: role + ``Hel`` + ``lo wor``; no finish_reason, no [DONE]."""
    events = [sse_data(chat_chunk(model, {"role": "assistant"}))]
    events += [sse_data(chat_chunk(model, {"content": p})) for p in CUT_PIECES]
    return events


MIDSTREAM_ERROR = {
    "error": {"message": "upstream stream error (request id: x)", "type": "upstream_error", "code": "bad_response"}
}


def midstream_error_events(model: str) -> list[bytes]:
    """Content ``Hel``, then an error object in the stream, then [DONE]."""
    return [
        sse_data(chat_chunk(model, {"role": "assistant"})),
        sse_data(chat_chunk(model, {"content": "Hel"})),
        sse_data(MIDSTREAM_ERROR),
        DONE,
    ]


MALFORMED_CHAT_EVENT = b'data: {"id":"c1","choices":[{"delta":{"content":\n\n'
MALFORMED_CLAUDE_EVENT = (
    b'event: content_block_delta\n'
    b'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":\n\n'
)


def insert_malformed(events: list[bytes], malformed: bytes) -> list[bytes]:
    """Insert one truncated-JSON event in the middle; every valid event is kept."""
    middle = max(1, len(events) // 2)
    return [*events[:middle], malformed, *events[middle:]]


# --------------------------------------------------------------------------------------------------
# Chat-format media (docs/PROTOCOLS.md#chat-format-media)
# --------------------------------------------------------------------------------------------------

CHAT_IMAGE_QUEUED = "> 排队中."
CHAT_IMAGE_FAILURE = "\n生成失败: upstream error"


def chat_image_pieces(prompt: str, links: list[str], *, failed: bool = False) -> list[str]:
    """The ``content`` deltas of a chat-format image model (gpt-4o-image style): the echoed parameter
    block, quoted progress lines, then one markdown image per link; or the in-band failure text."""
    if failed:
        return [CHAT_IMAGE_QUEUED, CHAT_IMAGE_FAILURE]
    params = json.dumps({"prompt": prompt, "size": "1024x1024"}, ensure_ascii=False)
    pieces = [f"```json\n{params}\n```\n\n", CHAT_IMAGE_QUEUED, "\n> 生成中...", "\n>🏃 进度 36..", "61..",
              "\n\n> 生成完成 ✅\n\n"]
    pieces += [("\n" if i else "") + f"![image]({link})" for i, link in enumerate(links)]
    return pieces


def chat_pieces_events(model: str, pieces: list[str], *, include_usage: bool = True) -> list[bytes]:
    """A chat stream carrying exactly ``pieces`` as content deltas: role chunk (``content: ""``, as G4F
    sends it), the pieces, ``finish_reason: stop``, the usage chunk and ``[DONE]``."""
    events = [sse_data(chat_chunk(model, {"role": "assistant", "content": ""}))]
    events += [sse_data(chat_chunk(model, {"content": piece})) for piece in pieces]
    events.append(sse_data(chat_chunk(model, {}, "stop")))
    if include_usage:
        events.append(sse_data(chat_usage_chunk(model, len(pieces))))
    events.append(DONE)
    return events


# --------------------------------------------------------------------------------------------------
# Benchmark stream
# --------------------------------------------------------------------------------------------------

_BENCH_HEAD = (
    b'data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1,"model":"bench",'
    b'"choices":[{"index":0,"delta":{"content":"'
)
_BENCH_TAIL = b'"},"finish_reason":null}],"usage":null}\n\n'


_BENCH_PARAGRAPH = 60  # tokens per paragraph: a reply reads as paragraphs, not one 350 KB line


def bench_event(index: int) -> bytes:
    """One realistic new-api content chunk; the token text varies with ``index``, and every
    ``_BENCH_PARAGRAPH`` tokens a paragraph ends (a JSON-escaped blank line)."""
    end = b"\\n\\n" if index % _BENCH_PARAGRAPH == _BENCH_PARAGRAPH - 1 else b""
    return b"%stok%d %s%s" % (_BENCH_HEAD, index, end, _BENCH_TAIL)


def bench_tail_events(count: int) -> list[bytes]:
    """Finish chunk, usage chunk and [DONE] after ``count`` content chunks."""
    finish = chat_chunk("bench", {}, "stop")
    usage = chat_usage_chunk("bench", count)
    finish["id"] = usage["id"] = "chatcmpl-bench"
    return [sse_data(finish), sse_data(usage), DONE]


# --------------------------------------------------------------------------------------------------
# Claude native (docs/PROTOCOLS.md#claude)
# --------------------------------------------------------------------------------------------------

CLAUDE_OVERLOADED = e3("overloaded_error", "Overloaded")


def claude_message(model: str, reply: str, *, thinking: str | None = None) -> JsonObj:
    """A non-stream Claude message (with a leading thinking block for the ``reasoning`` case)."""
    content: list[JsonObj] = []
    if thinking is not None:
        content.append({"type": "thinking", "thinking": thinking, "signature": "sig-1"})
    content.append({"type": "text", "text": reply})
    return {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": "end_turn",
        "usage": {"input_tokens": 1, "output_tokens": max(1, len(reply) // 4)},
    }


def _claude_start(model: str) -> bytes:
    message: JsonObj = {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "usage": {"input_tokens": 1, "output_tokens": 0},
    }
    return sse_event("message_start", {"type": "message_start", "message": message})


def _claude_block_start(index: int, block: JsonObj) -> bytes:
    return sse_event("content_block_start", {"type": "content_block_start", "index": index, "content_block": block})


def _claude_delta(index: int, delta: JsonObj) -> bytes:
    return sse_event("content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta})


def _claude_block_stop(index: int) -> bytes:
    return sse_event("content_block_stop", {"type": "content_block_stop", "index": index})


def _claude_thinking_block() -> list[bytes]:
    events = [_claude_block_start(0, {"type": "thinking", "thinking": ""})]
    events += [_claude_delta(0, {"type": "thinking_delta", "thinking": p}) for p in REASONING_PIECES]
    events.append(_claude_delta(0, {"type": "signature_delta", "signature": "sig-1"}))
    events.append(_claude_block_stop(0))
    return events


def claude_stream_events(
    model: str,
    pieces: list[str],
    *,
    thinking: bool = False,
    error_after_first: bool = False,
    complete: bool = True,
) -> list[bytes]:
    """A Claude stream: message_start, ping, [thinking block], text block, message_delta, message_stop.

    ``error_after_first`` ends the stream with an ``event: error`` after the first text delta;
    ``complete=False`` stops right after the text deltas (for the cut cases).
    """
    events = [_claude_start(model), sse_event("ping", {"type": "ping"})]
    if thinking:
        events += _claude_thinking_block()
    index = 1 if thinking else 0
    events.append(_claude_block_start(index, {"type": "text", "text": ""}))
    for i, piece in enumerate(pieces):
        events.append(_claude_delta(index, {"type": "text_delta", "text": piece}))
        if error_after_first and i == 0:
            return [*events, sse_event("error", CLAUDE_OVERLOADED)]
    if not complete:
        return events
    message_delta = {
        "type": "message_delta",
        "delta": {"stop_reason": "end_turn", "stop_sequence": None},
        "usage": {"output_tokens": len(pieces)},
    }
    events += [_claude_block_stop(index), sse_event("message_delta", message_delta)]
    events.append(sse_event("message_stop", {"type": "message_stop"}))
    return events


# --------------------------------------------------------------------------------------------------
# Billing (docs/PROTOCOLS.md#balance)
# --------------------------------------------------------------------------------------------------


def billing_subscription(limit: float = 25.0) -> JsonObj:
    return {
        "object": "billing_subscription",
        "has_payment_method": True,
        "soft_limit_usd": limit,
        "hard_limit_usd": limit,
        "system_hard_limit_usd": limit,
        "access_until": 0,
    }


def billing_usage(total: float = 1234.5) -> JsonObj:
    return {"object": "list", "total_usage": total}


UNLIMITED = 100000000


# --------------------------------------------------------------------------------------------------
# Midjourney envelopes (docs/PROTOCOLS.md#submit-envelope); the task objects live in ``mj.py``
# --------------------------------------------------------------------------------------------------


def mj_submit(code: int, description: str, result: str | None = None, properties: JsonObj | None = None) -> JsonObj:
    """The HTTP 200 submit envelope of midjourney-proxy."""
    return {"code": code, "description": description, "result": result, "properties": properties or {}}


def mj_relay_error(description: str, code: int = 4) -> JsonObj:
    """new-api's HTTP 400 MJ failure; ``description`` is ``"<desc> <result>"`` with an empty result,
    hence the trailing space (``"task_no_found "``)."""
    return {"description": f"{description} ", "type": "upstream_error", "code": code}


# --------------------------------------------------------------------------------------------------
# Media and the other OpenAI endpoints (images: docs/PROTOCOLS.md#images)
# --------------------------------------------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_from_rows(width: int, height: int, rows: list[bytes]) -> bytes:
    """A valid 8-bit RGB PNG from ``height`` rows of ``width`` RGB pixels each (no Pillow needed)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 on every row
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(raw))
        + _png_chunk(b"IEND", b"")
    )


Rgb = tuple[int, int, int]


@lru_cache(maxsize=16)
def png_bytes(width: int = 2, height: int = 2, rgb: Rgb = (255, 128, 0)) -> bytes:
    """A tiny valid single-colour RGB PNG."""
    return png_from_rows(width, height, [bytes(rgb) * width] * height)


@lru_cache(maxsize=1)
def big_png_bytes(size: int = 400) -> bytes:
    """A ``size`` x ``size`` PNG of noise (about 470 KB: it does not compress), for downloads that must
    not fit on a small disk."""
    import random

    noise = random.Random(7)
    return png_from_rows(size, size, [noise.randbytes(size * 3) for _ in range(size)])


# Midjourney grid quadrants, in button order: U1 top-left, U2 top-right, U3 bottom-left, U4 bottom-right.
GRID_COLOURS: tuple[Rgb, Rgb, Rgb, Rgb] = ((255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0))
GRID_SIZE = 128


@lru_cache(maxsize=4)
def grid_png_bytes(size: int = GRID_SIZE, colours: tuple[Rgb, Rgb, Rgb, Rgb] = GRID_COLOURS) -> bytes:
    """A ``size`` x ``size`` 2x2 grid PNG, one solid colour per quadrant, so a client can split it and a
    test can check which quadrant ended up where."""
    half = size // 2
    top = bytes(colours[0]) * half + bytes(colours[1]) * (size - half)
    bottom = bytes(colours[2]) * half + bytes(colours[3]) * (size - half)
    return png_from_rows(size, size, [top] * half + [bottom] * (size - half))


def png_base64() -> str:
    return base64.b64encode(png_bytes()).decode("ascii")


# An ID3v2 header followed by one silent MPEG-1 Layer III frame header and padding.
MP3_BYTES = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + b"\x00" * 413


def slug(text: str) -> str:
    """File-name-safe slug of a prompt (``cat`` -> ``cat``)."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:32] or "image"


def image_b64_item(*, prefixed: bool) -> JsonObj:
    """``b64_json`` with a data-URI prefix (docs/PROTOCOLS.md#images), or bare base64."""
    b64 = png_base64()
    return {"b64_json": f"data:image/png;base64,{b64}" if prefixed else b64}


def images_response(items: list[JsonObj]) -> JsonObj:
    """An images answer: ``{"url", "revised_prompt"}`` items or ``b64_json`` items, ``n`` of them."""
    return {"created": CREATED, "data": items}


# --------------------------------------------------------------------------------------------------
# Result links that fail (expired signatures, CDNs answering HTML, one-shot links)
# --------------------------------------------------------------------------------------------------

_FILE_SECRET = b"relay-test-cdn-secret"


def file_signature(name: str, expires: int) -> str:
    """The ``Signature`` query value of ``/files/signed/<name>?Expires=<expires>`` - base64 (so it may
    hold ``+``, ``/``, ``=``), sent URL-quoted like an OSS/S3 presigned link."""
    digest = hmac.new(_FILE_SECRET, f"{name}\n{expires}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest[:18]).decode("ascii")


def storage_error_xml(code: str, message: str) -> str:
    """An object-storage (OSS/S3) error document, as a CDN serves it for a refused link."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n'
        f"  <Code>{code}</Code>\n  <Message>{message}</Message>\n"
        "  <RequestId>65F0A1B2C3D4E5F60718293A</RequestId>\n  <HostId>files.example.com</HostId>\n</Error>\n"
    )


CDN_ERROR_HTML = """<!DOCTYPE html>
<html>
<head><title>403 Forbidden</title></head>
<body>
<h1>403 Forbidden</h1>
<p>You don't have permission to access this resource. The link may have expired.</p>
<hr><address>cdn-cache/2.4 (edge-17)</address>
</body>
</html>
"""


def embeddings_response(model: str, count: int) -> JsonObj:
    """An embeddings answer (one vector per input)."""
    data = [
        {"object": "embedding", "index": i, "embedding": [0.1 + i, 0.2 + i, 0.3 + i]} for i in range(count)
    ]
    return {"object": "list", "data": data, "model": model, "usage": {"prompt_tokens": count, "total_tokens": count}}


TRANSCRIPTION_TEXT = "hello world"
TRANSCRIPTION_SRT = "1\n00:00:00,000 --> 00:00:01,000\nhello world\n"

MODERATION = {
    "id": "modr-1",
    "model": "omni-moderation-latest",
    "results": [{"flagged": False, "categories": {"violence": False}, "category_scores": {"violence": 0.01}}],
}


def response_object(model: str, reply: str, *, status: str = "completed") -> JsonObj:
    """A Responses API object."""
    output = [
        {
            "id": "msg_1",
            "type": "message",
            "role": "assistant",
            "status": status,
            "content": [{"type": "output_text", "text": reply, "annotations": []}],
        }
    ]
    return {
        "id": "resp_1",
        "object": "response",
        "created_at": CREATED,
        "status": status,
        "model": model,
        "output": output if status == "completed" else [],
        "usage": {"input_tokens": 1, "output_tokens": 1, "total_tokens": 2},
    }


def response_stream_events(model: str, reply: str) -> list[bytes]:
    """A Responses API stream: created, output_text deltas, completed."""
    created = {"type": "response.created", "response": response_object(model, "", status="in_progress")}
    events = [sse_event("response.created", created)]
    for piece in split_text(reply):
        delta = {"type": "response.output_text.delta", "item_id": "msg_1", "output_index": 0, "content_index": 0,
                 "delta": piece}
        events.append(sse_event("response.output_text.delta", delta))
    done = {"type": "response.completed", "response": response_object(model, reply)}
    events.append(sse_event("response.completed", done))
    return events
