"""Quick self-tests of the relay test server, using only the standard library's HTTP clients.

Why this exists: every client test depends on this server speaking the fixtures correctly; these
tests pin its behaviour down independently of the project's own (httpx-based) client.
"""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from tests.relay import VALID_KEY, RelayServer
from tests.relay.fixtures import png_base64

Response = tuple[int, dict[str, str], bytes]


@pytest.fixture(scope="module")
def relay() -> Iterator[RelayServer]:
    with RelayServer() as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh(relay: RelayServer) -> None:
    relay.reset()


def _headers(key: str | None, extra: dict[str, str] | None, has_body: bool) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {key}"} if key is not None else {}
    if has_body:
        headers["Content-Type"] = "application/json"
    headers.update(extra or {})
    return headers


def call(
    conn: http.client.HTTPConnection, method: str, path: str, body: Any = None, *,
    key: str | None = VALID_KEY, headers: dict[str, str] | None = None,
) -> Response:
    data = json.dumps(body).encode() if body is not None else None
    conn.request(method, path, body=data, headers=_headers(key, headers, data is not None))
    resp = conn.getresponse()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()


def fetch(relay: RelayServer, method: str, path: str, body: Any = None, **kwargs: Any) -> Response:
    conn = http.client.HTTPConnection("127.0.0.1", relay.port, timeout=5)
    try:
        return call(conn, method, path, body, **kwargs)
    finally:
        conn.close()


def chat_body(text: str = "hi", **extra: Any) -> dict[str, Any]:
    return {"model": "gpt-4o", "messages": [{"role": "user", "content": text}], **extra}


def sse_payloads(raw: bytes) -> list[str]:
    """``data`` payloads of an SSE body (with or without the space after ``data:``)."""
    lines = raw.decode("utf-8").replace("\r\n", "\n").split("\n")
    return [line[5:].lstrip(" ") for line in lines if line.startswith("data:")]


def stream_text(raw: bytes) -> str:
    text = ""
    for payload in sse_payloads(raw):
        if payload == "[DONE]":
            break
        chunk = json.loads(payload)
        if chunk.get("choices"):
            text += chunk["choices"][0]["delta"].get("content") or ""
    return text


def test_bad_key_gives_fixture_a1(relay: RelayServer) -> None:
    status, headers, body = fetch(relay, "GET", "/v1/models", key="sk-bad")
    assert status == 401
    assert json.loads(body)["error"]["message"].startswith("无效的令牌 (request id: ")
    assert headers["x-oneapi-request-id"]
    assert fetch(relay, "GET", "/v1/models", key=None)[0] == 401


def test_key_is_compared_byte_for_byte() -> None:
    with RelayServer(valid_key="sk-a&b+c=d") as server:
        assert fetch(server, "GET", "/v1/models", key="sk-a&b+c=d")[0] == 200
        assert fetch(server, "GET", "/v1/models", key="sk-a%26b%2Bc%3Dd")[0] == 401
        assert fetch(server, "GET", "/v1/models", key="sk-a&b c=d")[0] == 401


def test_models_list_with_urllib(relay: RelayServer) -> None:
    req = urllib.request.Request(f"{relay.url}/v1/models", headers={"Authorization": f"Bearer {VALID_KEY}"})
    with urllib.request.urlopen(req, timeout=5) as resp:
        body = json.loads(resp.read())
    assert body["success"] is True and body["object"] == "list"
    ids = [m["id"] for m in body["data"]]
    assert ids[:2] == ["gpt-4o", "mj_imagine"] and "sora-2" in ids


def test_unknown_path_and_platform_prefix(relay: RelayServer) -> None:
    status, _, body = fetch(relay, "GET", "/v1/unknown")
    assert status == 404 and json.loads(body)["error"]["message"] == "Invalid URL (GET /v1/unknown)"
    status, _, body = fetch(relay, "GET", "/openai/v1/models")
    assert status == 200 and json.loads(body)["data"]
    assert relay.hits("/v1/models") == 1


def test_non_stream_chat_is_fixture_10(relay: RelayServer) -> None:
    status, headers, body = fetch(relay, "POST", "/v1/chat/completions", chat_body())
    assert status == 200 and headers["content-length"] == str(len(body))
    reply = json.loads(body)
    assert reply["choices"][0]["message"] == {"role": "assistant", "content": "Hello"}
    assert reply["usage"] == {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
    assert relay.requests[-1].json()["model"] == "gpt-4o"


def test_stream_ends_with_done_and_keeps_connection(relay: RelayServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", relay.port, timeout=5)
    try:
        status, headers, raw = call(conn, "POST", "/v1/chat/completions", chat_body("echo: 你好", stream=True))
        assert status == 200 and headers["content-type"] == "text/event-stream"
        assert headers["transfer-encoding"] == "chunked"
        assert raw.startswith(b": PING\n\n") and b"\ndata:{" in raw
        assert sse_payloads(raw)[-1] == "[DONE]"
        assert stream_text(raw) == "你好"
        assert call(conn, "GET", "/v1/models")[0] == 200  # same socket, still usable
    finally:
        conn.close()


def test_case_prefix_html502(relay: RelayServer) -> None:
    status, headers, body = fetch(relay, "GET", "/case/html502/v1/models")
    assert status == 502 and headers["content-type"].startswith("text/html")
    assert b"<title>502 Bad Gateway</title>" in body


def test_ratelimit_once_then_ok(relay: RelayServer) -> None:
    case = {"X-Test-Case": "ratelimit-once"}
    status, headers, _ = fetch(relay, "POST", "/v1/chat/completions", chat_body(), headers=case)
    assert status == 429 and headers["retry-after"] == "1"
    assert fetch(relay, "POST", "/v1/chat/completions", chat_body(), headers=case)[0] == 200
    relay.reset()
    assert fetch(relay, "POST", "/v1/chat/completions", chat_body(), headers=case)[0] == 429


def test_cut_stream_body_is_incomplete(relay: RelayServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", relay.port, timeout=5)
    try:
        conn.request("POST", "/v1/chat/completions", body=json.dumps(chat_body(model="case-cut-stream")),
                     headers=_headers(VALID_KEY, None, True))
        resp = conn.getresponse()
        assert resp.status == 200
        with pytest.raises(http.client.IncompleteRead) as info:
            resp.read()
        assert b'"content":"lo wor"' in info.value.partial and b"[DONE]" not in info.value.partial
    finally:
        conn.close()


def test_split_utf8_reassembles(relay: RelayServer) -> None:
    _, _, raw = fetch(relay, "POST", "/v1/chat/completions", chat_body(stream=True),
                      headers={"X-Test-Case": "split-utf8"})
    assert stream_text(raw) == "你好，世界"


def test_attachments_are_decoded_and_checked(relay: RelayServer) -> None:
    pdf = base64.b64encode(b"%PDF-1.4 tiny").decode()
    image: dict[str, Any] = {"url": f"data:image/png;base64,{png_base64()}", "detail": "auto"}
    parts: list[dict[str, Any]] = [
        {"type": "text", "text": "what is this?"},
        {"type": "image_url", "image_url": image},
        {"type": "file", "file": {"file_data": f"data:application/pdf;base64,{pdf}", "filename": "a.pdf"}},
    ]
    body = {"model": "gpt-4o", "messages": [{"role": "user", "content": parts}]}
    _, _, reply = fetch(relay, "POST", "/v1/chat/completions", body)
    assert json.loads(reply)["choices"][0]["message"]["content"] == "I see 1 image(s) and 1 file(s)."
    image["url"] = "data:image/png;base64," + base64.b64encode(b"not an image").decode()
    status, _, reply = fetch(relay, "POST", "/v1/chat/completions", body)
    assert status == 400 and "invalid image data" in json.loads(reply)["error"]["message"]


def test_claude_messages(relay: RelayServer) -> None:
    body: dict[str, Any] = {"model": "claude-3-5-sonnet", "messages": [{"role": "user", "content": "hi"}]}
    status, _, reply = fetch(relay, "POST", "/v1/messages", body, key=None, headers={"x-api-key": VALID_KEY})
    assert status == 400 and json.loads(reply)["error"]["message"] == "max_tokens: Field required"
    body.update(max_tokens=64, stream=True)
    status, _, raw = fetch(relay, "POST", "/v1/messages", body, key=None, headers={"x-api-key": VALID_KEY})
    events = [line for line in raw.decode().split("\n") if line.startswith("event:")]
    assert status == 200 and events[0] == "event: message_start" and events[-1] == "event: message_stop"
    assert b"[DONE]" not in raw


def test_billing_with_and_without_v1(relay: RelayServer) -> None:
    assert json.loads(fetch(relay, "GET", "/v1/dashboard/billing/subscription")[2])["hard_limit_usd"] == 25.0
    assert json.loads(fetch(relay, "GET", "/dashboard/billing/usage")[2])["total_usage"] == 1234.5
    status, _, body = fetch(relay, "GET", "/case/billing-error/v1/dashboard/billing/usage")
    assert status == 200 and json.loads(body)["error"]["message"] == "record not found"


def test_files_png_needs_no_key(relay: RelayServer) -> None:
    try:
        with urllib.request.urlopen(f"{relay.url}/files/cat.png", timeout=5) as resp:
            assert resp.read().startswith(b"\x89PNG\r\n\x1a\n")
    except urllib.error.HTTPError as exc:  # pragma: no cover - makes the failure readable
        pytest.fail(f"GET /files/cat.png -> {exc.code}")
