"""Claude native format: `POST /v1/messages` (docs/PROTOCOLS.md#claude), streaming and not.

Streams are `event:`/`data:` pairs ending at `message_stop` (no `[DONE]`; a stray one is tolerated).
Text, thinking and usage are mapped onto the same `ChatChunk`/`ChatReply` types as the OpenAI
format, so callers do not care which dialect a conversation uses.
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import TYPE_CHECKING, Any

import httpx
from httpx_sse import EventSource

from studio.api.chattypes import Attachment, ChatChunk, ChatMessage, ChatReply, ChatRequest, Usage
from studio.api.errors import BadResponse, StreamError, StreamInterrupted, parse_error_payload, split_request_id
from studio.api.transport import stream_failure

if TYPE_CHECKING:
    from studio.api.client import RelayClient

log = logging.getLogger(__name__)

ANTHROPIC_VERSION = "2023-06-01"
DEFAULT_MAX_TOKENS = 4096


class ClaudeMessages:
    """`client.claude`: the Anthropic Messages API as relays serve it."""

    path = "/v1/messages"

    def __init__(self, client: RelayClient) -> None:
        self._client = client

    def build_body(self, request: ChatRequest, *, stream: bool) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": request.model,
            "max_tokens": request.max_tokens or DEFAULT_MAX_TOKENS,
            "messages": [_wire_message(m) for m in request.messages if m.role != "system"],
        }
        if request.system:
            body["system"] = request.system
        if stream:
            body["stream"] = True
        if request.temperature is not None:
            body["temperature"] = request.temperature
        body.update(request.extra)
        return body

    @property
    def headers(self) -> dict[str, str]:
        return {"anthropic-version": ANTHROPIC_VERSION}

    async def create(self, request: ChatRequest) -> ChatReply:
        payload = await self._client.post_json(
            self.path, self.build_body(request, stream=False), headers=self.headers
        )
        return reply_from_message(payload)

    async def stream(self, request: ChatRequest) -> AsyncGenerator[ChatChunk, None]:
        body = self.build_body(request, stream=True)
        headers = {**self.headers, "Accept": "text/event-stream"}
        async with self._client.stream("POST", self.path, json_body=body, headers=headers) as response:
            if "text/event-stream" not in response.headers.get("content-type", ""):
                try:
                    await response.aread()
                except httpx.TransportError as exc:
                    raise stream_failure(exc, self._client) from None
                reply = reply_from_message(self._client.decode_json(response))
                yield ChatChunk(reply.text, reply.reasoning, reply.finish_reason or "end_turn", reply.usage)
                return
            async with aclosing(self._decode(response)) as chunks:
                async for chunk in chunks:
                    yield chunk

    async def _decode(self, response: httpx.Response) -> AsyncGenerator[ChatChunk, None]:
        finished = False
        input_tokens: int | None = None
        warned = False
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
                        obj = json.loads(data)
                    except ValueError:
                        if not warned:
                            log.warning("Skipped a malformed event in the relay's stream.")
                            warned = True
                        continue
                    if not isinstance(obj, dict):
                        continue
                    kind = obj.get("type") or event.event
                    if kind == "content_block_delta":
                        delta = obj.get("delta") or {}
                        dtype = delta.get("type")
                        if dtype == "text_delta":
                            yield ChatChunk(content=delta.get("text") or "")
                        elif dtype == "thinking_delta":
                            yield ChatChunk(reasoning=delta.get("thinking") or "")
                    elif kind == "content_block_start":
                        block = obj.get("content_block") or {}
                        if block.get("type") == "text" and block.get("text"):
                            yield ChatChunk(content=block["text"])
                    elif kind == "message_start":
                        usage = (obj.get("message") or {}).get("usage") or {}
                        input_tokens = usage.get("input_tokens")
                    elif kind == "message_delta":
                        usage = obj.get("usage") or {}
                        output = usage.get("output_tokens")
                        total = (input_tokens or 0) + (output or 0) if output is not None else None
                        stop = (obj.get("delta") or {}).get("stop_reason")
                        if stop:
                            finished = True
                        yield ChatChunk(finish_reason=stop, usage=Usage(input_tokens, output, total))
                    elif kind == "message_stop":
                        finished = True
                        break
                    elif kind == "error":
                        parsed = parse_error_payload(obj)
                        message, code, etype = parsed if parsed else ("unknown error", None, None)
                        message, request_id = split_request_id(self._client.redact(message))
                        raise StreamError(0, message, code=code, error_type=etype, request_id=request_id)
        except httpx.TransportError as exc:
            if not finished:
                raise stream_failure(exc, self._client) from None
        if not finished:
            raise StreamInterrupted("The reply stream ended before it finished; what arrived was kept.")


def reply_from_message(payload: Any) -> ChatReply:
    if not isinstance(payload, dict) or not isinstance(payload.get("content"), list):
        raise BadResponse("The relay's Claude answer has no content.")
    text: list[str] = []
    thinking: list[str] = []
    for block in payload["content"]:
        if not isinstance(block, dict):
            continue
        if block.get("type") == "text":
            text.append(block.get("text") or "")
        elif block.get("type") == "thinking":
            thinking.append(block.get("thinking") or "")
    raw = payload.get("usage") or {}
    prompt, completion = raw.get("input_tokens"), raw.get("output_tokens")
    total = prompt + completion if isinstance(prompt, int) and isinstance(completion, int) else None
    usage = Usage(prompt, completion, total) if raw else None
    return ChatReply("".join(text), "".join(thinking), payload.get("stop_reason"), usage, payload.get("model"))


def _wire_message(message: ChatMessage) -> dict[str, Any]:
    if not message.attachments:
        return {"role": message.role, "content": message.text}
    blocks: list[dict[str, Any]] = [_wire_attachment(a) for a in message.attachments]
    if message.text:
        blocks.append({"type": "text", "text": message.text})
    return {"role": message.role, "content": blocks}


def _wire_attachment(attachment: Attachment) -> dict[str, Any]:
    source = {
        "type": "base64",
        "media_type": attachment.mime,
        "data": base64.b64encode(attachment.data).decode("ascii"),
    }
    if attachment.kind == "image":
        return {"type": "image", "source": source}
    if attachment.is_text:
        return {"type": "text", "text": attachment.as_text_block()}
    return {"type": "document", "source": source}
