"""Models, balance and the Claude native format against the relay test server."""

from __future__ import annotations

import asyncio

import pytest

from studio.api import errors as e
from studio.api.chattypes import Attachment, ChatMessage, ChatRequest, ChatStreamState
from studio.api.client import RelayClient
from tests.conftest import FAST_RETRY, KEY
from tests.relay import RelayServer


def make(relay: RelayServer, case: str | None = None, prefix: str = "") -> RelayClient:
    return RelayClient(relay.url + prefix, KEY, headers={"X-Test-Case": case} if case else None, retry=FAST_RETRY)


def test_models_grouped_by_capability(relay: RelayServer) -> None:
    async def go():  # type: ignore[no-untyped-def]
        async with make(relay) as c:
            return await c.models.list()

    models = {m.id: m for m in asyncio.run(go())}
    assert models["gpt-4o"].capability == "chat"
    assert models["dall-e-3"].capability == "image"
    assert models["mj_imagine"].capability == "mj"
    assert models["sora-2"].capability == "video"
    assert models["gpt-4o"].endpoint_types == ("openai",)


@pytest.mark.parametrize("case", ["models-2000", "oneapi-models"])
def test_large_and_one_api_lists(relay: RelayServer, case: str) -> None:
    async def go():  # type: ignore[no-untyped-def]
        async with make(relay, case) as c:
            return await c.models.list()

    models = asyncio.run(go())
    assert len(models) == (2000 if case == "models-2000" else len(models))
    assert len({m.id for m in models}) == len(models) > 0


def balance(relay: RelayServer, case: str | None = None, prefix: str = ""):  # type: ignore[no-untyped-def]
    async def go():  # type: ignore[no-untyped-def]
        async with make(relay, case, prefix) as c:
            return await c.billing.balance()

    return asyncio.run(go())


def test_balance(relay: RelayServer) -> None:
    b = balance(relay)
    assert (b.limit, b.used, b.remaining) == (25.0, 12.345, 12.655)


def test_balance_error_with_http_200_is_an_error_not_zero(relay: RelayServer) -> None:
    with pytest.raises(e.RelayError, match="record not found"):
        balance(relay, "billing-error")


def test_balance_unknown_and_unlimited(relay: RelayServer) -> None:
    missing = balance(relay, "billing-missing")
    assert (missing.limit, missing.used, missing.remaining) == (None, None, None)
    assert balance(relay, "billing-unlimited").unlimited


def claude(relay: RelayServer, case: str | None = None, *, stream: bool = True, attachments=()):  # type: ignore[no-untyped-def]
    async def go():  # type: ignore[no-untyped-def]
        req = ChatRequest(model="claude-3-5-sonnet", messages=[ChatMessage("user", "hi", attachments)],
                          system="be brief", max_tokens=64)
        async with make(relay, case) as c:
            if not stream:
                return await c.claude.create(req)
            state = ChatStreamState()
            async for chunk in c.claude.stream(req):
                state.feed(chunk)
            return state.reply()

    return asyncio.run(go())


@pytest.mark.parametrize("stream", [True, False])
def test_claude_native(relay: RelayServer, stream: bool) -> None:
    reply = claude(relay, stream=stream)
    assert reply.text == "Hello"
    assert reply.finish_reason == "end_turn"
    assert reply.usage is not None and reply.usage.completion_tokens
    sent = relay.requests[-1]
    assert sent.path == "/v1/messages"
    assert sent.headers["anthropic-version"] == "2023-06-01"
    body = sent.json()
    assert body["max_tokens"] == 64 and body["system"] == "be brief"


def test_claude_thinking_and_documents(relay: RelayServer) -> None:
    reply = claude(relay, "reasoning")
    assert reply.reasoning and reply.text == "Hello"
    png = Attachment("image", "image/png", "a.png", b"\x89PNG\r\n\x1a\n" + b"0" * 8)
    pdf = Attachment("file", "application/pdf", "a.pdf", b"%PDF-1.4 x")
    assert claude(relay, attachments=(png, pdf)).text == "I see 1 image(s) and 1 file(s)."
    blocks = relay.requests[-1].json()["messages"][0]["content"]
    assert [b["type"] for b in blocks] == ["image", "document", "text"]


def test_claude_errors(relay: RelayServer) -> None:
    with pytest.raises(e.ServerError, match="bad response status code 500"):
        claude(relay, "upstream500")
    with pytest.raises(e.StreamError, match="Overloaded"):
        claude(relay, "midstream-error")
    with pytest.raises(e.StreamInterrupted):
        claude(relay, "cut-stream")
