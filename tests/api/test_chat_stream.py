"""Chat completions over real HTTP against the relay test server: streaming tolerance, faults."""

from __future__ import annotations

import asyncio
import logging

import pytest

from studio.api import errors as e
from studio.api.chattypes import Attachment, ChatChunk, ChatMessage, ChatRequest, ChatStreamState
from studio.api.client import RelayClient, Timeouts
from tests.conftest import FAST_RETRY, KEY
from tests.relay import RelayServer

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF = b"%PDF-1.4\n%test\n"


def client(relay: RelayServer, *, prefix: str = "", case: str | None = None, read: float = 30,
           key: str = KEY) -> RelayClient:
    headers = {"X-Test-Case": case} if case else None
    return RelayClient(relay.url + prefix + "/v1/", key, headers=headers, retry=FAST_RETRY,
                       timeouts=Timeouts(connect=5, read=read))


def request(text: str = "hi", model: str = "gpt-4o", **kw: object) -> ChatRequest:
    return ChatRequest(model=model, messages=[ChatMessage("user", text, **kw)])  # type: ignore[arg-type]


async def collect(c: RelayClient, req: ChatRequest) -> tuple[ChatStreamState, list[ChatChunk]]:
    state, chunks = ChatStreamState(), []
    async with c:
        async for chunk in c.chat.stream(req):
            state.feed(chunk)
            chunks.append(chunk)
    return state, chunks


def run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


def test_stream_fixture_with_ping_nospace_and_usage_chunk(relay: RelayServer) -> None:
    state, chunks = run(collect(client(relay), request()))
    assert state.text == "Hello"
    assert state.finish_reason == "stop"
    assert state.usage is not None and state.usage.total_tokens is not None
    assert len(chunks) >= 3
    sent = relay.requests[-1]
    assert sent.path == "/v1/chat/completions"
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert sent.json()["stream"] is True


def test_non_stream_reply(relay: RelayServer) -> None:
    async def go():  # type: ignore[no-untyped-def]
        async with client(relay) as c:
            return await c.chat.create(request())

    reply = run(go())
    assert reply.text == "Hello" and reply.finish_reason == "stop"
    assert reply.usage is not None and reply.usage.total_tokens == 2


@pytest.mark.parametrize("case", ["ping", "nospace", "crlf", "usage-only", "no-usage", "slow-stream"])
def test_stream_variants_give_the_same_text(relay: RelayServer, case: str) -> None:
    state, _ = run(collect(client(relay, case=case), request("echo:Hello, 世界")))
    assert state.text == "Hello, 世界"
    assert state.finish_reason == "stop"


def test_utf8_split_across_reads(relay: RelayServer) -> None:
    state, _ = run(collect(client(relay, case="split-utf8"), request()))
    assert state.text == "你好，世界"


def test_reasoning_then_content(relay: RelayServer) -> None:
    state, _ = run(collect(client(relay, case="reasoning"), request()))
    assert state.reasoning == "Let me think about it."
    assert state.text == "Hello"


def test_tool_call_fragments_are_joined_by_index(relay: RelayServer) -> None:
    state, _ = run(collect(client(relay, case="tool-call"), request()))
    (call,) = state.reply().tool_calls
    assert call.name == "get_weather" and call.arguments == '{"city":"Paris"}'
    assert state.finish_reason == "tool_calls"


def test_malformed_chunk_is_skipped_with_one_warning(relay: RelayServer, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="studio"):
        state, _ = run(collect(client(relay, case="malformed-chunk"), request("echo:Hello there")))
    assert state.text == "Hello there"
    assert len([r for r in caplog.records if "malformed" in r.getMessage()]) == 1


def test_cut_stream_raises_interrupted_after_delivering_what_arrived(relay: RelayServer) -> None:
    seen: list[str] = []

    async def go() -> None:
        async with client(relay, case="cut-stream") as c:
            async for chunk in c.chat.stream(request()):
                seen.append(chunk.content)

    with pytest.raises(e.StreamInterrupted):
        run(go())
    assert "".join(seen) == "Hello wor"


def test_clean_end_without_done_or_finish_is_interrupted(relay: RelayServer) -> None:
    with pytest.raises(e.StreamInterrupted):
        run(collect(client(relay, case="cut-clean"), request()))


def test_mid_stream_error_chunk(relay: RelayServer) -> None:
    with pytest.raises(e.StreamError) as err:
        run(collect(client(relay, case="midstream-error"), request()))
    assert "upstream stream error" in str(err.value)
    assert err.value.request_id == "x"


def test_vision_and_pdf_parts_reach_the_relay(relay: RelayServer) -> None:
    attachments = (Attachment("image", "image/png", "a.png", PNG), Attachment("file", "application/pdf", "a.pdf", PDF))
    state, _ = run(collect(client(relay), request("what is this", attachments=attachments)))
    assert state.text == "I see 1 image(s) and 1 file(s)."
    parts = relay.requests[-1].json()["messages"][-1]["content"]
    assert parts[0] == {"type": "text", "text": "what is this"}
    assert parts[1]["image_url"]["url"].startswith("data:image/png;base64,iVBOR")
    assert parts[2]["file"]["file_data"].startswith("data:application/pdf;base64,JVBER")
    assert parts[2]["file"]["filename"] == "a.pdf"


def test_platform_prefix_is_kept(relay: RelayServer) -> None:
    state, _ = run(collect(client(relay, prefix="/openai"), request()))
    assert state.text == "Hello"
    assert relay.requests[-1].path == "/openai/v1/chat/completions"


def test_slow_first_byte_within_read_timeout(relay: RelayServer) -> None:
    c = RelayClient(relay.url, KEY, headers={"X-Test-Case": "slow-first-byte", "X-Test-Delay": "1.5"},
                    retry=FAST_RETRY)
    assert c.timeouts.read >= 120
    state, _ = run(collect(c, request()))
    assert state.text == "Hello"


def test_slow_first_byte_past_a_short_timeout_is_one_sentence(relay: RelayServer) -> None:
    c = RelayClient(relay.url, KEY, headers={"X-Test-Case": "slow-first-byte", "X-Test-Delay": "2"},
                    retry=FAST_RETRY, timeouts=Timeouts(read=0.5))
    with pytest.raises(e.RelayTimeout, match="sent nothing for 0.5 s"):
        run(collect(c, request()))
    assert relay.hits("/v1/chat/completions") == 1  # a POST that may have been charged is not re-sent


def test_key_is_sent_verbatim_in_authorization_only() -> None:
    odd = "sk-a&b+c=d/e"
    with RelayServer(valid_key=odd) as server:
        state, _ = run(collect(client(server, key=f"  {odd}\n"), request()))
        assert state.text == "Hello"
        sent = server.requests[-1]
        assert sent.headers["authorization"] == f"Bearer {odd}"
        assert odd not in sent.body.decode() and odd not in sent.path + sent.query
