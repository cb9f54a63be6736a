"""A real HTTP/1.1 relay (new-api / one-api look-alike) for tests, on 127.0.0.1.

Why this exists: the client must be tested against real sockets - keep-alive, chunked streaming,
bodies cut mid-stream, UTF-8 split across reads, slow first bytes, HTML error pages from a proxy -
none of which a mocked transport reproduces.  This module is about routing and transport; the
bodies live in ``fixtures.py`` and the reply rules in ``content.py``.

Fault cases are chosen per request by the ``X-Test-Case`` header (comma-separated list allowed),
a ``/case/<name>`` path prefix or a ``case-<name>`` model name; the list is in ``__init__``.
"""

from __future__ import annotations

import contextlib
import hmac
import itertools
import json
import re
import socket
import socketserver
import sys
import threading
import time
import traceback
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

from tests.support.media import PaddedFile, big_mp4, mp3_bytes, mp4_bytes, song_bytes

from . import (
    chat_video,
    content,
    custom_video,
    fixtures,
    ideogram,
    jimeng,
    kling_images,
    kling_video,
    luma,
    mj,
    pika,
    pixverse,
    replicate,
    runway,
    speech,
    suno,
    suno_chat,
    transcription,
    udio,
    video_generations,
    videos,
    vidu,
)

#: the video families' modules: each may define ``ROUTES`` ({(method, path): handler}), ``PREFIX_ROUTES``
#: ([(method, prefix, handler)]) and ``NATIVE_PREFIXES`` (first path segments before ``/v1/`` that are
#: the family's own API, not a platform prefix to strip, e.g. ``vidu`` for ``/vidu/v1/tasks``)
VIDEO_MODULES = (videos, video_generations, custom_video, kling_video, luma, vidu, runway, jimeng, pika, pixverse)
#: the music families' modules, wired the same way (Suno's and Udio's task routes)
MUSIC_MODULES = (suno, udio)
#: the audio routes' modules (speech to text), wired the same way
AUDIO_MODULES = (transcription,)
_TASK_MODULES = (*VIDEO_MODULES, *MUSIC_MODULES, *AUDIO_MODULES)
_NATIVE_PREFIXES = frozenset({"v1", "kling", *(p for m in _TASK_MODULES for p in getattr(m, "NATIVE_PREFIXES", ()))})

VALID_KEY = "sk-test"
SPLIT_UTF8_REPLY = "你好，世界"
JSON_TYPE = "application/json; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"
SSE_HEADERS = {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-cache",
    "Connection": "keep-alive",
    "X-Accel-Buffering": "no",
    "Transfer-Encoding": "chunked",
}
_REASONS = {524: "A Timeout Occurred"}
_BENCH_CACHE_LIMIT = 200_000
_SPLIT_PAUSE = 0.02

# Cases that make /v1/chat/completions and /v1/messages stream even without "stream": true.
FORCED_STREAM_CASES = (
    "slow-stream", "ping", "nospace", "crlf", "malformed-chunk", "cut-stream", "cut-clean", "midstream-error",
)

_CASE_PREFIX = re.compile(r"^/case/([^/]+)(/.*)?$")
_PLATFORM_PREFIX = re.compile(r"^/([^/]+)(/v1(?:/.*)?)$")
_MJ_MODE_PREFIX = re.compile(r"^/mj-(fast|relax|turbo)(/mj/.*)$")
_BENCH = re.compile(r"bench-(\d+)")


# --------------------------------------------------------------------------------------------------
# Request records and per-request context
# --------------------------------------------------------------------------------------------------


@dataclass
class RecordedRequest:
    """One request as the server received it (``path`` without the query string)."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        """The body parsed as JSON, or None when empty or not JSON."""
        return _parse_json(self.body)


def _parse_json(body: bytes) -> Any:
    if not body:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


@dataclass
class _Ctx:
    """What the routing code needs to know about one request."""

    method: str
    raw_path: str
    route: str
    headers: dict[str, str]
    data: Any
    body: bytes
    cases: tuple[str, ...]
    base_url: str
    query: str = ""
    mode: str = ""  # Midjourney speed mode from a /mj-fast|relax|turbo prefix: FAST, RELAX, TURBO or ""

    @property
    def model(self) -> str:
        model = self.data.get("model") if isinstance(self.data, dict) else None
        return model if isinstance(model, str) else ""

    def has(self, *names: str) -> bool:
        return any(name in self.cases for name in names)

    def query_param(self, name: str) -> str | None:
        values = urllib.parse.parse_qs(self.query, keep_blank_values=True).get(name)
        return values[0] if values else None

    def header_float(self, name: str, default: float) -> float:
        try:
            return float(self.headers.get(name, default))
        except ValueError:
            return default

    @property
    def bench_count(self) -> int | None:
        for case in self.cases:
            match = _BENCH.fullmatch(case)
            if match:
                return int(match.group(1))
        return None


def split_path(raw_path: str) -> tuple[str | None, str]:
    """Strip ``/case/<name>``, then a ``/{platform}`` segment before ``/v1/`` or a Midjourney mode
    prefix ``/mj-fast|mj-relax|mj-turbo`` before ``/mj/``; return (case, route)."""
    case, _, route = _split_path(raw_path)
    return case, route


def _split_path(raw_path: str) -> tuple[str | None, str | None, str]:
    """(case, MJ mode prefix - ``fast``/``relax``/``turbo`` or None, route)."""
    case = mode = None
    match = _CASE_PREFIX.match(raw_path)
    if match:
        case, raw_path = match.group(1), match.group(2) or "/"
    match = _PLATFORM_PREFIX.match(raw_path)
    if match and match.group(1) not in _NATIVE_PREFIXES:  # /kling/v1/... is Kling's own API, not a prefix
        raw_path = match.group(2)
    match = _MJ_MODE_PREFIX.match(raw_path)
    if match:
        mode, raw_path = match.group(1), match.group(2)
    return case, mode, raw_path


def find_cases(headers: dict[str, str], path_case: str | None, data: Any) -> tuple[str, ...]:
    """Header, then path prefix, then ``case-<name>`` model; plus the implicit model cases."""
    model = data.get("model") if isinstance(data, dict) else None
    model = model if isinstance(model, str) else ""
    header = headers.get("x-test-case", "")
    cases: tuple[str, ...] = ()
    if header.strip():
        cases = tuple(c.strip() for c in header.split(",") if c.strip())
    elif path_case:  # `/case/a,b/...` carries two
        cases = tuple(c for c in path_case.split(",") if c)
    elif model.startswith("case-"):
        cases = (model[len("case-"):],)
    if model == "nope":
        cases += ("nochannel",)
    if _BENCH.fullmatch(model):
        cases += (model,)
    return cases


# --------------------------------------------------------------------------------------------------
# Transport
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StreamStyle:
    """Transport variations applied to a list of SSE events."""

    delay: float = 0.0
    ping: bool = False
    nospace: bool = False
    crlf: bool = False
    split_utf8: bool = False
    cut: bool = False

    def apply(self, events: list[bytes]) -> list[bytes]:
        if self.ping:
            events = _interleave_pings(events)
        if self.nospace:
            events = [re.sub(rb"(?m)^data: ", b"data:", e) for e in events]
        if self.crlf:
            events = [e.replace(b"\n", b"\r\n") for e in events]
        return events


def _interleave_pings(events: list[bytes]) -> list[bytes]:
    out: list[bytes] = []
    for event in events:
        if out and out[-1] != fixtures.PING_COMMENT and event != fixtures.PING_COMMENT:
            out.append(fixtures.PING_COMMENT)
        out.append(event)
    return out


def utf8_split_points(data: bytes) -> list[int]:
    """Offsets cutting ``data`` into 2-3 pieces, inside multi-byte UTF-8 characters when there are any."""
    leads = [i for i, byte in enumerate(data) if byte >= 0xC0]
    if not leads:
        return [len(data) // 2] if len(data) > 1 else []
    return sorted({leads[0] + 1, leads[-1] + 1})


def frame(data: bytes) -> bytes:
    """One chunk of ``Transfer-Encoding: chunked``."""
    return b"%x\r\n%s\r\n" % (len(data), data)


@lru_cache(maxsize=4)
def _bench_frames(count: int) -> tuple[bytes, ...]:
    return tuple(frame(fixtures.bench_event(i)) for i in range(count))


def _bench_stream(count: int) -> Iterable[bytes]:
    if count <= _BENCH_CACHE_LIMIT:
        return _bench_frames(count)
    return (frame(fixtures.bench_event(i)) for i in range(count))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server_version = "relay-test/1.0"
    sys_version = ""
    server: _HTTPServer

    def version_string(self) -> str:
        return self.server_version

    # -- plumbing ------------------------------------------------------------------------------

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.untrack(self.connection)

    def log_message(self, format: str, *args: Any) -> None:  # stdlib signature
        if self.server.relay.verbose:
            super().log_message(format, *args)

    def do_GET(self) -> None:
        self._handle()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    def _handle(self) -> None:
        self._started = False
        try:
            ctx = self._read_ctx()
            _dispatch(self, ctx)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True
        except Exception:  # noqa: BLE001 - a test-server bug: answer 500 rather than hang the client
            traceback.print_exc(file=sys.stderr)
            self._fail_safely()

    def _fail_safely(self) -> None:
        self.close_connection = True
        if self._started:
            return
        with contextlib.suppress(OSError):
            self.send_json(500, fixtures.e1("relay test server error (request id: x)", code="test_server_bug"))

    def _read_ctx(self) -> _Ctx:
        raw_path, _, query = self.path.partition("?")
        headers = {k.lower(): v for k, v in self.headers.items()}
        body = self._read_body()
        self.server.relay._record(RecordedRequest(self.command, raw_path, query, headers, body))
        data = _parse_json(body)
        path_case, mode, route = _split_path(raw_path)
        cases = find_cases(headers, path_case, data)
        base_url = f"http://127.0.0.1:{self.server.server_port}"
        return _Ctx(self.command, raw_path, route, headers, data, body, cases, base_url, query, mj.mode_of(mode))

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked_body()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _read_chunked_body(self) -> bytes:
        parts: list[bytes] = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                break
            parts.append(self.rfile.read(size))
            self.rfile.readline()
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass  # trailers
        return b"".join(parts)

    def pause(self, seconds: float) -> None:
        """Sleep, but wake up at once when the server stops."""
        if seconds > 0:
            self.server.relay._stopping.wait(seconds)

    # -- responses -----------------------------------------------------------------------------

    def start_response(self, status: int, headers: dict[str, str]) -> None:
        self._started = True
        self.send_response(status, _REASONS.get(status))
        for name, value in headers.items():
            if name == "Connection" and self.close_connection:
                value = "close"  # the client asked to close; do not flip it back to keep-alive
            self.send_header(name, value)
        self.send_header("X-Oneapi-Request-Id", fixtures.REQUEST_ID)
        self.end_headers()

    def send_body(
        self, status: int, body: bytes, content_type: str | None = None,
        headers: dict[str, str] | None = None, *, split: bool = False,
    ) -> None:
        """A Content-Length response; ``split`` writes it in pieces cut inside UTF-8 characters."""
        all_headers = {"Content-Type": content_type} if content_type else {}
        all_headers["Content-Length"] = str(len(body))
        all_headers.update(headers or {})
        self.start_response(status, all_headers)
        if split:
            self._write_pieces(body, framed=False)
        elif body:
            self.wfile.write(body)

    def send_json(self, status: int, obj: Any, headers: dict[str, str] | None = None, *, split: bool = False) -> None:
        self.send_body(status, fixtures.dumps(obj), JSON_TYPE, headers, split=split)

    def send_text(self, status: int, text: str, content_type: str) -> None:
        self.send_body(status, text.encode("utf-8"), content_type)

    def send_stream(self, events: list[bytes], style: StreamStyle) -> None:
        """Chunked SSE: one event = one chunk = one write (unless ``split_utf8``)."""
        self.start_response(200, SSE_HEADERS)
        for i, event in enumerate(style.apply(events)):
            if i and style.delay:
                self.pause(style.delay)
            if style.split_utf8:
                self._write_pieces(event, framed=True)
            elif event:
                self.wfile.write(frame(event))
        self.end_stream(cut=style.cut)

    def send_bench(self, count: int, rate: float) -> None:
        """``count`` precomputed content chunks as fast as possible (or ``rate`` per second)."""
        self.start_response(200, SSE_HEADERS)
        write = self.wfile.write
        if rate > 0:
            self._write_paced(_bench_stream(count), rate)
        else:
            for chunk in _bench_stream(count):
                write(chunk)
        for event in fixtures.bench_tail_events(count):
            write(frame(event))
        self.end_stream(cut=False)

    def _write_paced(self, chunks: Iterable[bytes], rate: float) -> None:
        start = time.perf_counter()
        for i, chunk in enumerate(chunks):
            wait = start + i / rate - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            self.wfile.write(chunk)

    def _write_pieces(self, data: bytes, *, framed: bool) -> None:
        bounds = [0, *utf8_split_points(data), len(data)]
        for start, end in itertools.pairwise(bounds):
            self.pause(_SPLIT_PAUSE)
            piece = data[start:end]
            self.wfile.write(frame(piece) if framed else piece)

    def end_stream(self, *, cut: bool) -> None:
        """Terminate the chunked body, or shut the socket down without the last chunk."""
        if not cut:
            self.wfile.write(b"0\r\n\r\n")
            return
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], relay: RelayServer) -> None:
        self.relay = relay
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind calls socket.getfqdn(), a reverse DNS lookup that can take seconds.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)

    def track(self, conn: socket.socket) -> None:
        with self._connections_lock:
            self._connections.add(conn)

    def untrack(self, conn: socket.socket) -> None:
        with self._connections_lock:
            self._connections.discard(conn)

    def close_connections(self) -> None:
        """Shut down kept-alive connections so their handler threads end."""
        with self._connections_lock:
            connections = list(self._connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


# --------------------------------------------------------------------------------------------------
# Routing: faults, authentication, endpoints
# --------------------------------------------------------------------------------------------------

Handler = Callable[[_Handler, _Ctx], None]


@dataclass(frozen=True)
class _Route:
    handler: Handler
    auth: bool = True


# Faults a proxy in front of the relay produces: answered before routing and authentication.
_INFRA_FAULTS: dict[str, tuple[int, str, str | None]] = {
    "html502": (502, fixtures.NGINX_502_HTML, "text/html"),
    "cloudflare524": (524, fixtures.CLOUDFLARE_524_HTML, "text/html; charset=UTF-8"),
    "plain500": (500, fixtures.PLAIN_500_TEXT, "text/plain; charset=utf-8"),
    "empty500": (500, "", None),
    "ratelimit-empty": (429, "", None),
}

# Simple relay-level faults, answered after authentication: case -> (status, body).
_APP_FAULTS: dict[str, tuple[int, dict[str, Any]]] = {
    "quota": (403, fixtures.QUOTA_EXCEEDED),
    "oneapi-error": (500, fixtures.ONEAPI_ERROR),
    "success-false": (200, fixtures.SUCCESS_FALSE),
}

# Redirects before routing/auth: case -> host of the Location (localhost is another origin than 127.0.0.1).
_REDIRECTS = (("redirect-away", "localhost"), ("redirect-here", "127.0.0.1"))

_COUNTED_RATELIMITS = (("ratelimit-once", 1), ("ratelimit-twice", 2))


def _dispatch(h: _Handler, ctx: _Ctx) -> None:
    if ctx.has("slow-first-byte"):
        h.pause(ctx.header_float("x-test-delay", 2.0))
    if _infra_fault(h, ctx):
        return
    route = _find_route(ctx.method, ctx.route)
    if route is None:
        h.send_json(404, fixtures.invalid_url(ctx.method, ctx.raw_path))
    elif route.auth and not _authorized(ctx, h.server.relay.valid_key):
        h.send_json(401, fixtures.INVALID_TOKEN)
    elif not _app_fault(h, ctx):
        route.handler(h, ctx)


def _infra_fault(h: _Handler, ctx: _Ctx) -> bool:
    if ctx.has("drop-after-request"):  # the request arrived; the answer never leaves (a proxy died)
        h.close_connection = True
        h.connection.shutdown(socket.SHUT_RDWR)
        return True
    redirect = next((host for case, host in _REDIRECTS if ctx.has(case)), None)
    if redirect is not None:  # a 302 to the same route without the case prefix, on that host
        query = f"?{ctx.query}" if ctx.query else ""
        location = f"http://{redirect}:{h.server.server_port}{ctx.route}{query}"
        h.send_body(302, b"", headers={"Location": location})
        return True
    name = next((n for n in _INFRA_FAULTS if ctx.has(n)), None)
    if name is None and ctx.has("html502-once") and h.server.relay.consume("html502-once", 1):
        name = "html502"
    if name is None:
        return False
    status, text, content_type = _INFRA_FAULTS[name]
    if content_type:
        h.send_text(status, text, content_type)
    else:
        h.send_body(status, b"")
    return True


def _app_fault(h: _Handler, ctx: _Ctx) -> bool:
    relay = h.server.relay
    if ctx.has("ratelimit") or any(ctx.has(n) and relay.consume(n, limit) for n, limit in _COUNTED_RATELIMITS):
        h.send_json(429, fixtures.RATE_LIMITED, {"Retry-After": "1"})
    elif ctx.has("upstream500"):
        claude = ctx.route == "/v1/messages"
        h.send_json(500, fixtures.CLAUDE_UPSTREAM_500 if claude else fixtures.UPSTREAM_500)
    elif ctx.has("nochannel"):
        h.send_json(503, fixtures.no_channel(ctx.model or "gpt-4o"))
    elif ctx.has("html200"):
        h.send_text(200, fixtures.RELAY_WEB_UI_HTML, HTML_TYPE)
    else:
        fault = next((_APP_FAULTS[c] for c in ctx.cases if c in _APP_FAULTS), None)
        if fault is None:
            return False
        h.send_json(*fault)
    return True


def presented_key(ctx: _Ctx) -> str | None:
    """``x-api-key`` (only on /v1/messages and /v1/models, where it wins) or ``Bearer <key>``; on MJ
    routes ``mj-api-secret`` when Authorization is empty or ``midjourney-proxy`` (new-api;
    docs/PROTOCOLS.md#headers)."""
    if ctx.route == "/v1/messages" or ctx.route == "/v1/models" or ctx.route.startswith("/v1/models/"):
        api_key = ctx.headers.get("x-api-key")
        if api_key:
            return api_key
    auth = ctx.headers.get("authorization", "")
    secret = ctx.headers.get("mj-api-secret", "")
    if ctx.route.startswith("/mj/") and secret and auth in ("", "midjourney-proxy"):
        return secret.removeprefix("Bearer ")
    return auth[len("Bearer "):] if auth.startswith("Bearer ") else None


def _authorized(ctx: _Ctx, valid_key: str) -> bool:
    key = presented_key(ctx)
    if key is None:
        return False
    # Header values arrive decoded as latin-1: compare the raw bytes with the UTF-8 key.
    return key == valid_key or key.encode("latin-1", "replace") == valid_key.encode("utf-8")


def _find_route(method: str, route: str) -> _Route | None:
    found = _ROUTES.get((method, route))
    if found is not None:
        return found
    for prefix_method, prefix, prefix_route in _PREFIX_ROUTES:
        if method == prefix_method and route.startswith(prefix) and len(route) > len(prefix):
            return prefix_route
    return None


def stream_style(ctx: _Ctx) -> StreamStyle:
    return StreamStyle(
        delay=ctx.header_float("x-test-delay", 0.2) if ctx.has("slow-stream") else 0.0,
        ping=ctx.has("ping"),
        nospace=ctx.has("nospace"),
        crlf=ctx.has("crlf"),
        split_utf8=ctx.has("split-utf8"),
        cut=ctx.has("cut-stream"),
    )


def _wants_stream(ctx: _Ctx) -> bool:
    return ctx.data.get("stream") is True or ctx.has(*FORCED_STREAM_CASES)


# -- /v1/models ---------------------------------------------------------------------------------


def _model_catalogue(ctx: _Ctx) -> tuple[dict[str, Any], ...] | list[dict[str, Any]]:
    return fixtures.many_models(2000) if ctx.has("models-2000") else fixtures.DEFAULT_MODELS


def _models(h: _Handler, ctx: _Ctx) -> None:
    models = _model_catalogue(ctx)
    if "x-api-key" in ctx.headers and "anthropic-version" in ctx.headers:
        h.send_json(200, fixtures.anthropic_models_list(models))
    else:
        h.send_json(200, fixtures.models_list(models, success=not ctx.has("oneapi-models")))


def _model_detail(h: _Handler, ctx: _Ctx) -> None:
    model_id = ctx.route[len("/v1/models/"):]
    found = next((m for m in _model_catalogue(ctx) if m["id"] == model_id), None)
    if found is None:
        h.send_json(404, fixtures.model_not_found(model_id))
    else:
        h.send_json(200, found)


# -- /v1/chat/completions -----------------------------------------------------------------------


def _validate_chat(data: Any) -> str | None:
    if not isinstance(data, dict):
        return "invalid request body: expected a JSON object"
    if not isinstance(data.get("model"), str) or not data["model"]:
        return "model is required"
    messages = data.get("messages")
    if not isinstance(messages, list) or not messages:
        return "messages is required and must be a non-empty array"
    return None


def _include_usage(ctx: _Ctx) -> bool:
    options = ctx.data.get("stream_options")
    explicit_off = isinstance(options, dict) and options.get("include_usage") is False
    return not (explicit_off or ctx.has("no-usage"))


def _chat_body(ctx: _Ctx, reply: str) -> dict[str, Any]:
    if ctx.has("tool-call"):
        return fixtures.tool_call_completion(ctx.model)
    reasoning = "".join(fixtures.REASONING_PIECES) if ctx.has("reasoning") else None
    return fixtures.chat_completion(ctx.model, reply, reasoning=reasoning)


def _chat_events(ctx: _Ctx, reply: str) -> list[bytes]:
    model = ctx.model
    if ctx.has("cut-stream", "cut-clean"):
        events = fixtures.cut_stream_events(model)
    elif ctx.has("midstream-error"):
        events = fixtures.midstream_error_events(model)
    elif ctx.has("tool-call"):
        events = fixtures.tool_call_stream_events(model, include_usage=_include_usage(ctx))
    else:
        events = fixtures.chat_stream_events(
            model, reply, reasoning=ctx.has("reasoning"), include_usage=_include_usage(ctx)
        )
    if ctx.has("malformed-chunk"):
        events = fixtures.insert_malformed(events, fixtures.MALFORMED_CHAT_EVENT)
    return events


def _chat(h: _Handler, ctx: _Ctx) -> None:
    bench = ctx.bench_count
    if bench is not None:
        return h.send_bench(bench, ctx.header_float("x-test-rate", 0.0))
    problem = _validate_chat(ctx.data)
    if problem:
        return h.send_json(400, fixtures.invalid_request(problem))
    if content.is_image_model(ctx.model):
        return _chat_image(h, ctx)
    if content.is_video_model(ctx.model):
        return chat_video.reply(h, ctx, wants_stream=_wants_stream(ctx), include_usage=_include_usage(ctx))
    if suno_chat.is_song_model(ctx.model):
        return suno_chat.reply(h, ctx, wants_stream=_wants_stream(ctx), include_usage=_include_usage(ctx))
    try:
        reply = content.chat_reply(ctx.data["messages"])
    except content.BadAttachment as exc:
        return h.send_json(400, fixtures.invalid_request(f"invalid image data: {exc}"))
    if ctx.has("split-utf8"):
        reply = SPLIT_UTF8_REPLY
    if _wants_stream(ctx):
        h.send_stream(_chat_events(ctx, reply), stream_style(ctx))
    else:
        h.send_json(200, _chat_body(ctx, reply), split=ctx.has("split-utf8"))


def _chat_image(h: _Handler, ctx: _Ctx) -> None:
    """Chat-format image model (docs/PROTOCOLS.md#chat-format-media): progress quotes, then
    ``![image](<url>)`` in ``content``.
    The prompt decides: ``fail`` -> in-band failure (HTTP 200, no URL), ``b64`` -> data-URL image,
    ``two`` -> two images.  The image cases flavour the links like /v1/images/generations."""
    try:
        prompt = content.chat_prompt(ctx.data["messages"])
    except content.BadAttachment as exc:
        return h.send_json(400, fixtures.invalid_request(f"invalid image data: {exc}"))
    failed = content.mentions(prompt, "fail")
    count = 2 if content.mentions(prompt, "two") else 1
    if failed:
        links = []
    elif content.mentions(prompt, "b64"):
        links = [f"data:image/png;base64,{fixtures.png_base64()}"] * count
    else:
        links = _file_links(h, ctx, prompt, count)
    pieces = fixtures.chat_image_pieces(prompt, links, failed=failed)
    if _wants_stream(ctx):
        events = fixtures.chat_pieces_events(ctx.model, pieces, include_usage=_include_usage(ctx))
        if ctx.has("cut-stream"):  # the link never arrives: cut while the progress lines stream
            events = events[: len(events) // 2]
        h.send_stream(events, stream_style(ctx))
    else:
        h.send_json(200, fixtures.chat_completion(ctx.model, "".join(pieces)))


# -- /v1/messages (Claude native) ---------------------------------------------------------------


def _validate_messages(data: Any) -> str | None:
    if not isinstance(data, dict):
        return "invalid request body: expected a JSON object"
    for name in ("model", "max_tokens", "messages"):
        if data.get(name) in (None, "", []):
            return f"{name}: Field required"
    return None


def _claude_events(ctx: _Ctx, reply: str) -> list[bytes]:
    cut = ctx.has("cut-stream", "cut-clean")
    events = fixtures.claude_stream_events(
        ctx.model,
        fixtures.CUT_PIECES if cut else fixtures.split_text(reply),
        thinking=ctx.has("reasoning"),
        error_after_first=ctx.has("midstream-error"),
        complete=not cut,
    )
    if ctx.has("malformed-chunk"):
        events = fixtures.insert_malformed(events, fixtures.MALFORMED_CLAUDE_EVENT)
    return events


def _messages(h: _Handler, ctx: _Ctx) -> None:
    problem = _validate_messages(ctx.data)
    if problem:
        return h.send_json(400, fixtures.claude_invalid_request(problem))
    try:
        reply = content.claude_reply(ctx.data["messages"])
    except content.BadAttachment as exc:
        return h.send_json(400, fixtures.claude_invalid_request(f"invalid image data: {exc}"))
    if ctx.has("split-utf8"):
        reply = SPLIT_UTF8_REPLY
    if _wants_stream(ctx):
        h.send_stream(_claude_events(ctx, reply), stream_style(ctx))
        return
    thinking = "".join(fixtures.REASONING_PIECES) if ctx.has("reasoning") else None
    h.send_json(200, fixtures.claude_message(ctx.model, reply, thinking=thinking), split=ctx.has("split-utf8"))


# -- billing ------------------------------------------------------------------------------------


def _billing_guard(h: _Handler, ctx: _Ctx) -> bool:
    """Answer the billing fault cases; True when a response was sent."""
    if ctx.has("billing-missing"):
        h.send_json(404, fixtures.invalid_url(ctx.method, ctx.raw_path))
    elif ctx.has("billing-error"):
        h.send_json(200, fixtures.BILLING_ERROR)
    else:
        return False
    return True


def _subscription(h: _Handler, ctx: _Ctx) -> None:
    if not _billing_guard(h, ctx):
        limit = fixtures.UNLIMITED if ctx.has("billing-unlimited") else 25.0
        h.send_json(200, fixtures.billing_subscription(limit))


def _usage(h: _Handler, ctx: _Ctx) -> None:
    if not _billing_guard(h, ctx):
        h.send_json(200, fixtures.billing_usage(0 if ctx.has("billing-unlimited") else 1234.5))


# -- media and the other OpenAI endpoints -------------------------------------------------------


def _files(h: _Handler, ctx: _Ctx) -> None:
    """``/files/<name>.png|.mp3|.mp4``, the result-link flavours ``/files/<flavour>/<name>.png|.mp4`` and
    ``/files/song/<name>.mp3`` (a 40 s MP3)."""
    flavour, _, name = ctx.route[len("/files/"):].rpartition("/")
    name = name.lower()
    if flavour in _FILE_FLAVOURS and name.endswith(".png"):
        _FILE_FLAVOURS[flavour](h, ctx, name)
    elif flavour in _VIDEO_FLAVOURS and name.endswith(".mp4"):
        _VIDEO_FLAVOURS[flavour](h, ctx, name)
    elif not flavour and name.endswith(".mp3"):
        h.send_body(200, mp3_bytes(), "audio/mpeg")
    elif flavour == "song" and name.endswith(".mp3"):  # a song's length (tests/relay/suno.py, case suno-long)
        h.send_body(200, song_bytes(), "audio/mpeg")
    else:
        h.send_json(404, fixtures.invalid_url(ctx.method, ctx.raw_path))


def _plain_file(h: _Handler, ctx: _Ctx, name: str) -> None:
    _send_ranged(h, ctx, fixtures.png_bytes(), "image/png")


def _signed_file(h: _Handler, ctx: _Ctx, name: str) -> None:
    """An OSS/S3-style presigned link: 403 + XML ``AccessDenied`` once ``Expires`` is past or the
    ``Signature`` does not match, like a CDN link fetched too late."""
    expires, signature = ctx.query_param("Expires") or "", ctx.query_param("Signature") or ""
    if not expires.isdigit() or not hmac.compare_digest(signature, fixtures.file_signature(name, int(expires))):
        return _storage_error(h, 403, "AccessDenied", "The request signature we calculated does not match.")
    if int(expires) < time.time():
        return _storage_error(h, 403, "AccessDenied", "Request has expired.")
    _send_ranged(h, ctx, fixtures.png_bytes(), "image/png")


def _html_file(h: _Handler, ctx: _Ctx, name: str) -> None:
    """A CDN that lies: 200 and ``Content-Type: image/png``, but the body is an HTML error page."""
    h.send_text(200, fixtures.CDN_ERROR_HTML, "image/png")


def _once_file(h: _Handler, ctx: _Ctx, name: str) -> None:
    """The PNG on the first GET of this exact path, 404 afterwards (``reset()`` forgets)."""
    if h.server.relay.consume(f"files-once:{ctx.route}", 1):
        _send_ranged(h, ctx, fixtures.png_bytes(), "image/png")
    else:
        _storage_error(h, 404, "NoSuchKey", "The specified key does not exist.")


def _slow_file(h: _Handler, ctx: _Ctx, name: str) -> None:
    """The PNG in ``_SLOW_PIECES`` writes ``_SLOW_PAUSE`` s apart, so a client can be stopped mid-download."""
    body = fixtures.png_bytes()
    if ctx.headers.get("range"):  # a resumed download gets the rest at once
        return _send_ranged(h, ctx, body, "image/png")
    h.start_response(200, {"Content-Type": "image/png", "Content-Length": str(len(body))})
    size = -(-len(body) // _SLOW_PIECES)
    for i in range(0, len(body), size):
        if i:
            h.pause(_SLOW_PAUSE)
        h.wfile.write(body[i : i + size])


def _big_file(h: _Handler, ctx: _Ctx, name: str) -> None:
    """A large PNG (``fixtures.big_png_bytes``) with Range support, for disks that fill up."""
    _send_ranged(h, ctx, fixtures.big_png_bytes(), "image/png")


def _chunked_file(h: _Handler, ctx: _Ctx, name: str) -> None:
    """The large PNG sent chunked, with no ``Content-Length``: the client cannot know its size ahead."""
    body = fixtures.big_png_bytes()
    h.start_response(200, {"Content-Type": "image/png", "Transfer-Encoding": "chunked"})
    for i in range(0, len(body), 64 * 1024):
        h.wfile.write(frame(body[i : i + 64 * 1024]))
    h.wfile.write(b"0\r\n\r\n")


def _storage_error(h: _Handler, status: int, code: str, message: str) -> None:
    h.send_text(status, fixtures.storage_error_xml(code, message), "application/xml")


_SLOW_PIECES = 20
_SLOW_PAUSE = 0.1
_FILE_FLAVOURS: dict[str, Callable[[_Handler, _Ctx, str], None]] = {
    "": _plain_file, "signed": _signed_file, "html": _html_file, "once": _once_file, "slow": _slow_file,
    "big": _big_file, "chunked": _chunked_file,
}


# -- video result links: the PNG flavours for MP4s, and large files ----------------------------------

#: `/files/slow/<n>.mp4`: a valid MP4 this large, sent in `_SLOW_PIECES` writes `_SLOW_PAUSE` s apart
SLOW_VIDEO_SIZE = 64 * 1024 * 1024


def _plain_video(h: _Handler, ctx: _Ctx, name: str) -> None:
    _send_ranged(h, ctx, mp4_bytes(), "video/mp4")


def _signed_video(h: _Handler, ctx: _Ctx, name: str) -> None:
    """A presigned link that expires after ONE fetch: the first GET with a valid signature gets the MP4,
    every later one 403 ``Request has expired`` (a resume with Range included)."""
    expires, signature = ctx.query_param("Expires") or "", ctx.query_param("Signature") or ""
    if not expires.isdigit() or not hmac.compare_digest(signature, fixtures.file_signature(name, int(expires))):
        return _storage_error(h, 403, "AccessDenied", "The request signature we calculated does not match.")
    if int(expires) < time.time() or not h.server.relay.consume(f"files-signed:{ctx.route}", 1):
        return _storage_error(h, 403, "AccessDenied", "Request has expired.")
    _send_ranged(h, ctx, mp4_bytes(), "video/mp4")


def _once_video(h: _Handler, ctx: _Ctx, name: str) -> None:
    """The MP4 on the first GET of this exact path, 404 afterwards (``reset()`` forgets)."""
    if h.server.relay.consume(f"files-once:{ctx.route}", 1):
        _send_ranged(h, ctx, mp4_bytes(), "video/mp4")
    else:
        _storage_error(h, 404, "NoSuchKey", "The specified key does not exist.")


def _big_video(h: _Handler, ctx: _Ctx, name: str) -> None:
    """A valid ~200 MB MP4 (``big_mp4()``: padding never held in memory) with Range."""
    _send_ranged(h, ctx, big_mp4(), "video/mp4")


def _slow_video(h: _Handler, ctx: _Ctx, name: str) -> None:
    """A valid ``SLOW_VIDEO_SIZE`` MP4 in ``_SLOW_PIECES`` writes ``_SLOW_PAUSE`` s apart (a client can be
    killed half-way); a resumed download (Range) gets the rest at once."""
    body = big_mp4(SLOW_VIDEO_SIZE)
    if ctx.headers.get("range"):
        return _send_ranged(h, ctx, body, "video/mp4")
    h.start_response(200, {"Content-Type": "video/mp4", "Content-Length": str(len(body)), "Accept-Ranges": "bytes"})
    size = -(-len(body) // _SLOW_PIECES)
    for i in range(0, len(body), size):
        if i:
            h.pause(_SLOW_PAUSE)
        _write_range(h, body, i, i + size)


def _html_video(h: _Handler, ctx: _Ctx, name: str) -> None:
    h.send_text(200, fixtures.CDN_ERROR_HTML, "video/mp4")


_VIDEO_FLAVOURS: dict[str, Callable[[_Handler, _Ctx, str], None]] = {
    "": _plain_video, "signed": _signed_video, "once": _once_video, "big": _big_video, "slow": _slow_video,
    "html": _html_video,
}
#: video cases choosing the folder of the links `video_link` makes (``video-signed`` signs them)
_VIDEO_FOLDERS = (("video-once", "once"), ("video-big", "big"), ("video-slow", "slow"), ("video-html", "html"))


def video_link(h: _Handler, ctx: _Ctx, prompt: str) -> str:
    """A result link to an MP4 under ``/files/`` named ``<slug>-<n>.mp4`` (unique for the server's life), in
    the flavour the request's case asks for: ``video-big`` (~200 MB), ``video-slow`` (``SLOW_VIDEO_SIZE``,
    paced), ``video-once`` (one GET), ``video-signed`` (signed, good for one fetch), ``video-html`` (a web
    page); otherwise the small test MP4. ``image-keyed`` puts the caller's key in it, as in picture links."""
    name = f"{fixtures.slug(prompt)}-{h.server.relay.next_file_number()}.mp4"
    base = f"{ctx.base_url}/files"
    if ctx.has("video-signed"):
        expires = int(time.time()) + _SIGNED_TTL
        signature = urllib.parse.quote(fixtures.file_signature(name, expires), safe="")
        return f"{base}/signed/{name}?Expires={expires}&Signature={signature}"
    folder = next((folder for case, folder in _VIDEO_FOLDERS if ctx.has(case)), None)
    link = f"{base}/{folder}/{name}" if folder else f"{base}/{name}"
    return link + _keyed_query(ctx) if ctx.has("image-keyed") else link


def _send_ranged(h: _Handler, ctx: _Ctx, body: bytes | PaddedFile, content_type: str) -> None:
    """Honour `Range: bytes=N-` (206 + Content-Range) so clients can resume a download; case
    `cut-download` sends half the file then drops the connection."""
    start, size = 0, len(body)
    match = re.fullmatch(r"bytes=(\d+)-", ctx.headers.get("range", "").strip())
    if match and int(match.group(1)) >= size:  # nothing left to send, as real servers answer
        return h.send_body(416, b"", "text/plain", {"Content-Range": f"bytes */{size}"})
    if match:
        start = int(match.group(1))
    if ctx.has("cut-download") and start == 0:
        h.start_response(200, {"Content-Type": content_type, "Content-Length": str(size)})
        _write_range(h, body, 0, size // 2)
        h.wfile.flush()
        h.close_connection = True
        h.connection.shutdown(socket.SHUT_RDWR)
        return
    headers = {"Accept-Ranges": "bytes"}
    if start:
        headers["Content-Range"] = f"bytes {start}-{size - 1}/{size}"
    if isinstance(body, bytes):
        return h.send_body(206 if start else 200, body[start:], content_type, headers)
    h.start_response(206 if start else 200, {"Content-Type": content_type, "Content-Length": str(size - start),
                                             **headers})
    _write_range(h, body, start, size)


def _write_range(h: _Handler, body: bytes | PaddedFile, start: int, end: int) -> None:
    if isinstance(body, bytes):
        h.wfile.write(body[start:end])
    else:
        for piece in body.pieces(start, end):
            h.wfile.write(piece)


def _json_body(h: _Handler, ctx: _Ctx, required: str) -> dict[str, Any] | None:
    """The JSON object body, or None after answering 400 when ``required`` is missing."""
    if isinstance(ctx.data, dict) and ctx.data.get(required) not in (None, "", []):
        return ctx.data
    h.send_json(400, fixtures.invalid_request(f"{required} is required"))
    return None


def _embeddings(h: _Handler, ctx: _Ctx) -> None:
    data = _json_body(h, ctx, "input")
    if data is not None:
        count = len(data["input"]) if isinstance(data["input"], list) else 1
        h.send_json(200, fixtures.embeddings_response(ctx.model or "text-embedding-3-small", count))


# Image cases choosing the folder of the result links (``image-signed`` / ``image-expired`` sign them).
_LINK_FOLDERS = (("image-html", "html"), ("image-once", "once"), ("image-slow", "slow"),
                 ("image-big", "big"), ("image-chunked", "chunked"))
_SIGNED_TTL = 3600


def _file_links(h: _Handler, ctx: _Ctx, prompt: str, count: int) -> list[str]:
    """``count`` result URLs under ``/files/``, each with a name unique for the server's life
    (``<slug>-<n>.png``), in the flavour the request's image case asks for."""
    names = [f"{fixtures.slug(prompt)}-{h.server.relay.next_file_number()}.png" for _ in range(count)]
    return [_file_link(ctx, name) for name in names]


def _file_link(ctx: _Ctx, name: str) -> str:
    base = f"{ctx.base_url}/files"
    if ctx.has("image-signed", "image-expired"):
        expires = int(time.time()) + (-_SIGNED_TTL if ctx.has("image-expired") else _SIGNED_TTL)
        signature = urllib.parse.quote(fixtures.file_signature(name, expires), safe="")
        return f"{base}/signed/{name}?Expires={expires}&Signature={signature}"
    folder = next((folder for case, folder in _LINK_FOLDERS if ctx.has(case)), None)
    link = f"{base}/{folder}/{name}" if folder else f"{base}/{name}"
    if ctx.has("image-keyed"):  # a relay that puts the caller's key in its links (it happens)
        link += _keyed_query(ctx)
    return link


def _keyed_query(ctx: _Ctx) -> str:
    key = ctx.headers.get("authorization", "").removeprefix("Bearer ").strip()
    return f"?key={urllib.parse.quote(key, safe='')}&size=1024"


def _image_count(value: Any) -> int | None:
    """``n`` (1-10, default 1; multipart sends it as text); None when invalid."""
    if value is None or value == "":
        return 1
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().isdigit():
        return None
    count = int(value)
    return count if 1 <= count <= 10 else None


@dataclass(frozen=True)
class _ImageJob:
    """What an image request asks for, from a JSON (generations) or multipart (edits) body."""

    prompt: str
    model: str
    response_format: str | None
    count: int
    revised_prompt: str | None = None  # edits report what they received here


def _send_images(h: _Handler, ctx: _Ctx, job: _ImageJob) -> None:
    """URL items (flavoured by the image cases) or ``b64_json`` items (explicit, or gpt-image-1 by default)."""
    revised = {"revised_prompt": job.revised_prompt} if job.revised_prompt is not None else {}
    if job.response_format == "b64_json" or (job.response_format is None and job.model == "gpt-image-1"):
        prefixed = job.response_format is None and not ctx.has("bare-b64")
        items = [{**fixtures.image_b64_item(prefixed=prefixed), **revised} for _ in range(job.count)]
    else:
        links = _file_links(h, ctx, job.prompt, job.count)
        revised = revised or {"revised_prompt": "a cat"}
        items = [{"url": {"url": url} if ctx.has("image-url-object") else url, **revised} for url in links]
    h.send_json(200, fixtures.images_response(items))


def _image_generations(h: _Handler, ctx: _Ctx) -> None:
    data = _json_body(h, ctx, "prompt")
    if data is None:
        return
    count = _image_count(data.get("n"))
    if count is None:
        return h.send_json(400, fixtures.invalid_request("n must be an integer from 1 to 10"))
    fmt = data.get("response_format")
    _send_images(h, ctx, _ImageJob(str(data["prompt"]), ctx.model, fmt if isinstance(fmt, str) else None, count))


def _multipart_field(body: bytes, name: str) -> str | None:
    match = re.search(rb'name="' + re.escape(name.encode()) + rb'"\r\n(?:[^\r\n]+\r\n)*\r\n([^\r\n]*)', body)
    return match.group(1).decode("utf-8", "replace") if match else None


class _BadEdit(ValueError):
    """An image edit request the relay refuses with 400 invalid_request."""


def _edit_inputs(ctx: _Ctx) -> tuple[dict[str, str], list[bytes | None], bytes | None]:
    """(text fields, images, mask) of an edit: multipart ``image``/``image[]``/``mask`` files, or the
    JSON form (``image`` = data URL / base64 / http URL, or a list of them; URLs give None)."""
    if isinstance(ctx.data, dict):
        images = ctx.data.get("image")
        images = images if isinstance(images, list) else [images] if images else []
        fields = {k: str(v) for k, v in ctx.data.items() if isinstance(v, (str, int)) and not isinstance(v, bool)}
        mask = ctx.data.get("mask")
        return fields, [_json_image(v, "image") for v in images], _json_image(mask, "mask") if mask else None
    parts = content.parse_multipart(ctx.headers.get("content-type", ""), ctx.body)
    fields = {p.name: p.text for p in parts if p.filename is None}
    files: list[bytes | None] = [p.data for p in parts if p.name in ("image", "image[]")]
    mask = next((p.data for p in parts if p.name == "mask"), None)
    return fields, files, mask


def _json_image(value: Any, name: str) -> bytes | None:
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return None
    try:
        decoded = content.parse_data_uri(value) if isinstance(value, str) else None
        data = decoded[1] if decoded else content.b64decode(str(value))
    except content.BadAttachment as exc:
        raise _BadEdit(f"{name} is not a valid image") from exc
    return data


def _image_edits(h: _Handler, ctx: _Ctx) -> None:
    """Multipart (or JSON) edit: every ``image``/``image[]`` and the ``mask`` must be real images."""
    try:
        fields, images, mask = _edit_inputs(ctx)
    except _BadEdit as exc:
        return h.send_json(400, fixtures.invalid_request(str(exc)))
    problem = _edit_problem(fields, images, mask)
    if problem is not None:
        return h.send_json(400, fixtures.invalid_request(problem))
    revised = f"edited {len(images)} image(s), mask: {'yes' if mask is not None else 'no'}"
    count = _image_count(fields.get("n")) or 1
    job = _ImageJob(fields["prompt"], fields.get("model", ""), fields.get("response_format"), count, revised)
    _send_images(h, ctx, job)


def _edit_problem(fields: dict[str, str], images: list[bytes | None], mask: bytes | None) -> str | None:
    if not fields.get("prompt"):
        return "prompt is required"
    if not images:
        return "image is required"
    if any(image is not None and not content.is_image(image) for image in images):
        return "image is not a valid image"
    if mask is not None and not content.is_image(mask):
        return "mask is not a valid image"
    if _image_count(fields.get("n")) is None:
        return "n must be an integer from 1 to 10"
    return None


def _not_implemented(h: _Handler, ctx: _Ctx) -> None:
    h.send_json(501, fixtures.NOT_IMPLEMENTED)


def _image_variations(h: _Handler, ctx: _Ctx) -> None:
    """new-api and one-api answer 501; case ``openai-variations`` answers like OpenAI (one image in)."""
    if not ctx.has("openai-variations"):
        return _not_implemented(h, ctx)
    try:
        fields, images, _mask = _edit_inputs(ctx)
    except _BadEdit as exc:
        return h.send_json(400, fixtures.invalid_request(str(exc)))
    if len(images) != 1 or images[0] is None or not content.is_image(images[0]):
        return h.send_json(400, fixtures.invalid_request("image is required"))
    count = _image_count(fields.get("n")) or 1
    _send_images(h, ctx, _ImageJob("variation", fields.get("model", ""), fields.get("response_format"), count,
                                   "a variation"))


def _moderations(h: _Handler, ctx: _Ctx) -> None:
    if _json_body(h, ctx, "input") is not None:
        h.send_json(200, fixtures.MODERATION)


def _responses(h: _Handler, ctx: _Ctx) -> None:
    data = _json_body(h, ctx, "input")
    if data is None:
        return
    text = data["input"] if isinstance(data["input"], str) else ""
    reply, model = content.text_reply(text), ctx.model or "gpt-4o"
    if data.get("stream") is True:
        h.send_stream(fixtures.response_stream_events(model, reply), stream_style(ctx))
    else:
        h.send_json(200, fixtures.response_object(model, reply))


# -- Midjourney (mj.py) -------------------------------------------------------------------------


def _mj(h: _Handler, ctx: _Ctx) -> None:
    """Every ``/mj/...`` route: ``mj.MjStore`` answers under the state lock; PNG bodies for /mj/image."""
    request = mj.MjRequest(ctx.method, ctx.route, ctx.data, ctx.cases, ctx.mode, ctx.base_url)
    reply = h.server.relay._mj_dispatch(request)
    if isinstance(reply.body, bytes):
        h.send_body(reply.status, reply.body, "image/png")
    else:
        h.send_json(reply.status, reply.body)


_ROUTES: dict[tuple[str, str], _Route] = {
    ("GET", "/v1/models"): _Route(_models),
    ("POST", "/v1/chat/completions"): _Route(_chat),
    ("POST", "/v1/messages"): _Route(_messages),
    ("GET", "/v1/dashboard/billing/subscription"): _Route(_subscription),
    ("GET", "/dashboard/billing/subscription"): _Route(_subscription),
    ("GET", "/v1/dashboard/billing/usage"): _Route(_usage),
    ("GET", "/dashboard/billing/usage"): _Route(_usage),
    ("POST", "/v1/embeddings"): _Route(_embeddings),
    ("POST", "/v1/images/generations"): _Route(_image_generations),
    ("POST", "/v1/images/edits"): _Route(_image_edits),
    ("POST", "/v1/images/variations"): _Route(_image_variations),
    ("POST", speech.ROUTE): _Route(speech.answer),
    ("POST", "/v1/moderations"): _Route(_moderations),
    ("POST", "/v1/responses"): _Route(_responses),
    **{("POST", path): _Route(_mj) for path in mj.POST_ROUTES},
    **{key: _Route(handler) for key, handler in replicate.ROUTES.items()},
    **{("POST", path): _Route(handler, auth=False) for path, handler in ideogram.ROUTES.items()},
    ("POST", kling_images.ROUTE): _Route(kling_images.submit),
    **{key: _Route(handler) for m in _TASK_MODULES for key, handler in getattr(m, "ROUTES", {}).items()},
}

_PREFIX_ROUTES: list[tuple[str, str, _Route]] = [
    ("GET", "/v1/models/", _Route(_model_detail)),
    *((method, prefix, _Route(handler, auth)) for method, prefix, handler, auth in replicate.PREFIX_ROUTES),
    ("GET", "/files/", _Route(_files, auth=False)),
    ("GET", "/mj/task/", _Route(_mj)),
    ("GET", "/mj/image/", _Route(_mj, auth=False)),
    ("GET", kling_images.ROUTE + "/", _Route(kling_images.query)),
    *((method, prefix, _Route(handler)) for m in _TASK_MODULES for method, prefix, handler in
      getattr(m, "PREFIX_ROUTES", ())),
]


# --------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------


@dataclass
class _State:
    requests: list[RecordedRequest] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)
    mj: mj.MjStore = field(default_factory=mj.MjStore)
    lock: threading.Lock = field(default_factory=threading.Lock)


class RelayServer:
    """The test relay. ``with RelayServer() as relay: ... relay.url ...``"""

    def __init__(self, port: int = 0, *, valid_key: str = VALID_KEY, verbose: bool = False) -> None:
        self.valid_key = valid_key
        self.verbose = verbose
        self._port = port
        self._state = _State()
        self._file_numbers = itertools.count(1)
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> Self:
        """Bind 127.0.0.1 and serve in a daemon thread."""
        if self._httpd is not None:
            return self
        self._stopping.clear()
        self._httpd = _HTTPServer(("127.0.0.1", self._port), self)
        self._port = self._httpd.server_port
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
            name=f"relay-test-server:{self._port}", daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake sleeping handlers and shut down open connections."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stopping.set()
        httpd.shutdown()
        httpd.close_connections()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=2)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._port == 0:
            raise RuntimeError("RelayServer(port=0) has no port before start()")
        return self._port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- recorded traffic ----------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received, in arrival order (live list)."""
        return self._state.requests

    def reset(self) -> None:
        """Forget recorded requests, every once/twice counter (``/files/once/`` links too) and the
        Midjourney tasks (task ids and file names keep counting up, so they never repeat)."""
        with self._state.lock:
            self._state.requests.clear()
            self._state.counters.clear()
            self._state.mj.clear()

    def mj_task(self, task_id: str) -> dict[str, Any]:
        """Snapshot of a Midjourney task as ``/fetch`` would show it now - without counting a fetch -
        plus ``fetches``, ``polls`` (from ``mj-polls-N``) and ``hash`` (the buttons' uuid).
        KeyError for an unknown id."""
        with self._state.lock:
            return self._state.mj.snapshot(task_id, self.url)

    def mj_task_ids(self) -> list[str]:
        """Ids of every Midjourney task, oldest first (modal-waiting ones included)."""
        with self._state.lock:
            return list(self._state.mj.tasks)

    def hits(self, path_suffix: str) -> int:
        """How many recorded requests have a path ending with ``path_suffix``."""
        with self._state.lock:
            return sum(1 for r in self._state.requests if r.path.endswith(path_suffix))

    # -- used by the handler -------------------------------------------------------------------

    def _record(self, request: RecordedRequest) -> None:
        with self._state.lock:
            self._state.requests.append(request)

    def next_file_number(self) -> int:
        """A number for a unique result file name (never reset)."""
        return next(self._file_numbers)

    def _mj_dispatch(self, request: mj.MjRequest) -> mj.MjReply:
        with self._state.lock:
            return self._state.mj.dispatch(request)

    def consume(self, case: str, limit: int) -> bool:
        """Count one use of ``case``; True while the count is within ``limit`` (once=1, twice=2)."""
        with self._state.lock:
            used = self._state.counters.get(case, 0)
            self._state.counters[case] = used + 1
            return used < limit
