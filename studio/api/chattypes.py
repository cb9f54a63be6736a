"""The chat request and reply types both chat dialects share (`chat.py`, OpenAI format; `claude.py`,
Anthropic format): what is sent (`ChatRequest`, `ChatMessage`, `Attachment`), what comes back
(`ChatChunk`, `ChatReply`, `Usage`, `ToolCall`) and `ChatStreamState`, which adds chunks up into a
reply. No transport here, so services, jobs and front ends use them without the client.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from studio.api.chatmedia import data_url

_TEXT_MIMES = frozenset({"application/json", "application/xml", "application/x-yaml", "application/toml"})


# -- request types ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file sent with a message: an image (vision) or a document such as a PDF."""

    kind: str  # "image" | "file"
    mime: str
    filename: str
    data: bytes

    def data_uri(self) -> str:
        return data_url(self.mime, self.data)

    @property
    def is_text(self) -> bool:
        return self.kind == "file" and (self.mime.startswith("text/") or self.mime in _TEXT_MIMES)

    def as_text_block(self) -> str:
        """A text file inlined for models that do not read file parts."""
        body = self.data.decode("utf-8", errors="replace")
        return f"File {self.filename}:\n```\n{body}\n```"

    def __repr__(self) -> str:
        return f"Attachment({self.kind}, {self.filename!r}, {len(self.data)} bytes)"


@dataclass(frozen=True, slots=True)
class ChatMessage:
    role: str  # "system" | "user" | "assistant"
    text: str
    attachments: tuple[Attachment, ...] = ()


@dataclass(slots=True)
class ChatRequest:
    model: str
    messages: Sequence[ChatMessage]
    system: str | None = None
    max_tokens: int | None = None
    temperature: float | None = None
    #: extra top-level fields passed through as they are (reasoning_effort, tools, …)
    extra: dict[str, Any] = field(default_factory=dict)


# -- result types ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Usage:
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    total_tokens: int | None = None
    reasoning_tokens: int | None = None

    @classmethod
    def from_openai(cls, raw: Any) -> Usage | None:
        if not isinstance(raw, dict):
            return None
        details = raw.get("completion_tokens_details")
        reasoning = details.get("reasoning_tokens") if isinstance(details, dict) else None
        prompt = _int(raw.get("prompt_tokens", raw.get("input_tokens")))
        completion = _int(raw.get("completion_tokens", raw.get("output_tokens")))
        total = _int(raw.get("total_tokens"))
        if total is None and prompt is not None and completion is not None:
            total = prompt + completion
        return cls(prompt, completion, total, _int(reasoning))

    def as_dict(self) -> dict[str, int | None]:
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.total_tokens,
        }


@dataclass(slots=True)
class ToolCall:
    index: int
    id: str = ""
    name: str = ""
    arguments: str = ""


@dataclass(slots=True)
class ChatChunk:
    """One streamed delta. Fields that a chunk does not carry are empty/None."""

    content: str = ""
    reasoning: str = ""
    finish_reason: str | None = None
    usage: Usage | None = None
    tool_calls: list[dict[str, Any]] | None = None


@dataclass(slots=True)
class ChatReply:
    text: str
    reasoning: str = ""
    finish_reason: str | None = None
    usage: Usage | None = None
    model: str | None = None
    tool_calls: list[ToolCall] = field(default_factory=list)


class ChatStreamState:
    """Accumulates chunks into a reply snapshot (no transport: feed it from any stream)."""

    __slots__ = ("_text", "_reasoning", "finish_reason", "usage", "_tools")

    def __init__(self) -> None:
        self._text: list[str] = []
        self._reasoning: list[str] = []
        self.finish_reason: str | None = None
        self.usage: Usage | None = None
        self._tools: dict[int, ToolCall] = {}

    def feed(self, chunk: ChatChunk) -> None:
        if chunk.content:
            self._text.append(chunk.content)
        if chunk.reasoning:
            self._reasoning.append(chunk.reasoning)
        if chunk.finish_reason:
            self.finish_reason = chunk.finish_reason
        if chunk.usage is not None:
            self.usage = chunk.usage
        if chunk.tool_calls:
            for delta in chunk.tool_calls:
                self._feed_tool(delta)

    def _feed_tool(self, delta: dict[str, Any]) -> None:
        index = _int(delta.get("index")) or 0
        call = self._tools.setdefault(index, ToolCall(index))
        call.id = delta.get("id") or call.id
        function = delta.get("function") or {}
        call.name = function.get("name") or call.name
        call.arguments += function.get("arguments") or ""

    @property
    def text(self) -> str:
        return "".join(self._text)

    @property
    def reasoning(self) -> str:
        return "".join(self._reasoning)

    def reply(self, model: str | None = None) -> ChatReply:
        tools = [self._tools[i] for i in sorted(self._tools)]
        return ChatReply(self.text, self.reasoning, self.finish_reason, self.usage, model, tools)


def _int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
