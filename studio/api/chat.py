"""OpenAI-format chat: `POST /v1/chat/completions`, streaming and not.

The stream path is hot (tens of thousands of chunks per reply), so chunks are slotted dataclasses
(`chattypes.py`) built straight from `orjson.loads` output — no validation layer. Parsing is tolerant
(docs/PROTOCOLS.md#streaming): `: PING` comments, `data:` without a space, CRLF, `"usage": null` in every
chunk, an empty `choices` list in the usage chunk, `reasoning_content`/`reasoning`, tool-call deltas
by index. A malformed chunk is skipped with one warning; an `{"error": …}` chunk raises
`StreamError`; a stream that ends without `[DONE]` or a finish reason raises `StreamInterrupted`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import TYPE_CHECKING, Any

import httpx
import orjson
from httpx_sse import EventSource

from studio.api.chattypes import ChatChunk, ChatMessage, ChatReply, ChatRequest, ToolCall, Usage
from studio.api.errors import BadResponse, StreamError, StreamInterrupted, parse_error_payload, split_request_id
from studio.api.transport import stream_failure

if TYPE_CHECKING:
    from studio.api.client import RelayClient

log = logging.getLogger(__name__)


# -- the resource ----------------------------------------------------------------------------------


class ChatCompletions:
    """`client.chat`: OpenAI-format chat completions."""

    path = "/v1/chat/completions"

    def __init__(self, client: RelayClient) -> None:
        self._client = client

    def build_body(self, request: ChatRequest, *, stream: bool) -> dict[str, Any]:
        messages: list[dict[str, Any]] = []
        if request.system:
            messages.append({"role": "system", "content": request.system})
        messages.extend(_wire_message(m) for m in request.messages)
        body: dict[str, Any] = {"model": request.model, "messages": messages, "stream": stream}
        if stream:
            body["stream_options"] = {"include_usage": True}
        if request.max_tokens is not None:
            body["max_tokens"] = request.max_tokens
        if request.temperature is not None:
            body["temperature"] = request.temperature
        body.update(request.extra)
        return body

    async def create(self, request: ChatRequest) -> ChatReply:
        payload = await self._client.post_json(self.path, self.build_body(request, stream=False))
        return reply_from_completion(payload)

    async def stream(self, request: ChatRequest) -> AsyncGenerator[ChatChunk, None]:
        """Yield chunks as they arrive. Raises `StreamError`/`StreamInterrupted` as described above.

        The decoding loop is inlined here on purpose: every extra async-generator layer costs about
        a microsecond per chunk, which is measurable on 50,000-chunk replies (benchmarks/core_stream.py).
        """
        body = self.build_body(request, stream=True)
        headers = {"Accept": "text/event-stream"}
        client = self._client
        async with client.stream("POST", self.path, json_body=body, headers=headers) as response:
            if "text/event-stream" not in response.headers.get("content-type", ""):
                # Some relays ignore `stream: true` and answer with one JSON completion.
                try:
                    await response.aread()
                except httpx.TransportError as exc:
                    raise stream_failure(exc, client) from None
                reply = reply_from_completion(client.decode_json(response))
                yield ChatChunk(reply.text, reply.reasoning, reply.finish_reason or "stop", reply.usage)
                return
            finished = False
            malformed = 0
            loads = orjson.loads
            try:
                async with aclosing(EventSource(response).aiter_sse()) as events:
                    async for event in events:
                        data = event.data
                        if not data:
                            continue
                        if data == "[DONE]":
                            finished = True
                            break
                        try:
                            obj = loads(data)
                        except ValueError:
                            obj = _lenient_loads(data)
                        if obj is _MALFORMED:
                            malformed += 1
                            if malformed == 1:
                                log.warning("Skipped a malformed chunk in the relay's stream.")
                            continue
                        chunk = chunk_from_openai(obj, client.redact)
                        if chunk is None:
                            continue
                        if chunk.finish_reason:
                            finished = True
                        yield chunk
            except httpx.TransportError as exc:
                if not finished:  # else the reply was complete; only the usage/[DONE] tail was lost
                    raise stream_failure(exc, client) from None
            if not finished:
                raise StreamInterrupted("The reply stream ended before it finished; what arrived was kept.")


_MALFORMED = object()


def _lenient_loads(data: str) -> Any:
    """The stdlib parser for what orjson refuses (NaN, huge integers); `_MALFORMED` if neither reads it."""
    try:
        return json.loads(data)
    except ValueError:
        return _MALFORMED


def chunk_from_openai(obj: Any, redact: Any = str) -> ChatChunk | None:
    """Build a chunk from one decoded SSE `data:` object (None for chunks that carry nothing)."""
    if not isinstance(obj, dict):
        return None
    if obj.get("error"):
        parsed = parse_error_payload(obj)
        message, code, error_type = parsed if parsed else (str(obj.get("error")), None, None)
        message, request_id = split_request_id(redact(message))
        raise StreamError(0, message, code=code, error_type=error_type, request_id=request_id)
    usage = obj.get("usage")
    choices = obj.get("choices")
    if not choices:
        return ChatChunk(usage=Usage.from_openai(usage)) if usage else None
    choice = choices[0]
    delta = choice.get("delta") or choice.get("message") or {}
    return ChatChunk(
        delta.get("content") or "",
        delta.get("reasoning_content") or delta.get("reasoning") or "",
        choice.get("finish_reason"),
        Usage.from_openai(usage) if usage else None,
        delta.get("tool_calls"),
    )


def reply_from_completion(payload: Any) -> ChatReply:
    """Read a non-streamed `chat.completion` object."""
    if not isinstance(payload, dict) or not isinstance(payload.get("choices"), list):
        raise BadResponse("The relay's chat answer has no choices.")
    usage = Usage.from_openai(payload.get("usage"))
    if not payload["choices"]:
        return ChatReply("", usage=usage, model=payload.get("model"))
    choice = payload["choices"][0] or {}
    message = choice.get("message") or {}
    content = message.get("content")
    if isinstance(content, list):  # some relays answer with content parts
        content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
    tools = [
        ToolCall(i, c.get("id", ""), (c.get("function") or {}).get("name", ""),
                 (c.get("function") or {}).get("arguments", ""))
        for i, c in enumerate(message.get("tool_calls") or [])
        if isinstance(c, dict)
    ]
    return ChatReply(
        content or "",
        message.get("reasoning_content") or message.get("reasoning") or "",
        choice.get("finish_reason"),
        usage,
        payload.get("model"),
        tools,
    )


def _wire_message(message: ChatMessage) -> dict[str, Any]:
    if not message.attachments:
        return {"role": message.role, "content": message.text}
    parts: list[dict[str, Any]] = []
    if message.text:
        parts.append({"type": "text", "text": message.text})
    for attachment in message.attachments:
        if attachment.kind == "image":
            parts.append({"type": "image_url", "image_url": {"url": attachment.data_uri(), "detail": "auto"}})
        elif attachment.is_text:
            parts.append({"type": "text", "text": attachment.as_text_block()})
        else:  # file parts carry a data URI in file_data (docs/PROTOCOLS.md#chat)
            parts.append({"type": "file", "file": {"file_data": attachment.data_uri(),
                                                   "filename": attachment.filename}})
    return {"role": message.role, "content": parts}
