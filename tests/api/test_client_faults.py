"""Error mapping and retries over real HTTP (no mocks of httpx)."""

from __future__ import annotations

import asyncio
import socket
import time

import pytest

from studio.api import errors as e
from studio.api.chattypes import ChatMessage, ChatRequest
from studio.api.client import RelayClient
from tests.conftest import FAST_RETRY, KEY
from tests.relay import RelayServer


def chat_once(relay: RelayServer, case: str | None = None, *, key: str = KEY, model: str = "gpt-4o",
              stream: bool = False) -> str:
    async def go() -> str:
        headers = {"X-Test-Case": case} if case else None
        async with RelayClient(relay.url, key, headers=headers, retry=FAST_RETRY) as c:
            req = ChatRequest(model=model, messages=[ChatMessage("user", "hi")])
            if stream:
                return "".join([ch.content async for ch in c.chat.stream(req)])
            return (await c.chat.create(req)).text

    return asyncio.run(go())


def test_wrong_key_is_auth_error_without_retry_and_without_the_key(relay: RelayServer) -> None:
    with pytest.raises(e.AuthError) as err:
        chat_once(relay, key="sk-wrong-key-123")
    assert "sk-wrong-key-123" not in str(err.value)
    assert err.value.request_id
    assert relay.hits("/v1/chat/completions") == 1


@pytest.mark.parametrize("stream", [False, True])
def test_429_with_retry_after_is_retried(relay: RelayServer, stream: bool) -> None:
    started = time.monotonic()
    assert chat_once(relay, "ratelimit-twice", stream=stream) == "Hello"
    assert relay.hits("/v1/chat/completions") == 3
    assert time.monotonic() - started >= 1.9  # Retry-After: 1, twice


def test_persistent_429_gives_up_after_three_tries(relay: RelayServer) -> None:
    with pytest.raises(e.RateLimited):
        chat_once(relay, "ratelimit")
    assert relay.hits("/v1/chat/completions") == 3


def test_empty_429_is_rate_limited(relay: RelayServer) -> None:
    with pytest.raises(e.RateLimited):
        chat_once(relay, "ratelimit-empty")


def test_html_502_fails_after_two_retries(relay: RelayServer) -> None:
    with pytest.raises(e.ServerError) as err:
        chat_once(relay, "html502", stream=True)
    assert "502 Bad Gateway" in str(err.value)
    assert relay.hits("/v1/chat/completions") == 3


def test_html_502_once_then_success(relay: RelayServer) -> None:
    assert chat_once(relay, "html502-once") == "Hello"


@pytest.mark.parametrize(
    ("case", "cls", "words"),
    [
        ("quota", e.QuotaExceeded, "用户额度不足"),
        ("upstream500", e.ServerError, "bad response status code 500"),
        ("nochannel", e.ModelUnavailable, "无可用渠道"),
        ("plain500", e.ServerError, "upstream connect error"),
        ("empty500", e.ServerError, "empty response body"),
        ("oneapi-error", e.ServerError, "当前分组上游负载已饱和"),
        ("cloudflare524", e.ServerError, "524: A timeout occurred"),
    ],
)
def test_error_shapes_over_http(relay: RelayServer, case: str, cls: type, words: str) -> None:
    with pytest.raises(cls) as err:
        chat_once(relay, case)
    assert words in str(err.value)
    assert "\n" not in str(err.value)


def test_success_false_and_html_200_are_clear(relay: RelayServer) -> None:
    with pytest.raises(e.RelayError, match="未登录"):
        chat_once(relay, "success-false")
    with pytest.raises(e.BadResponse, match="web page instead of JSON"):
        chat_once(relay, "html200")


def test_model_without_channel_is_not_retried(relay: RelayServer) -> None:
    with pytest.raises(e.ModelUnavailable):
        chat_once(relay, model="nope")
    assert relay.hits("/v1/chat/completions") == 1


def test_relay_that_is_down() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    async def go() -> None:
        async with RelayClient(f"http://127.0.0.1:{port}", KEY, retry=FAST_RETRY) as c:
            await c.models.list()

    with pytest.raises(e.NetworkError, match="Cannot reach the relay at 127.0.0.1"):
        asyncio.run(go())
