"""Text to speech: `POST /v1/audio/speech` (docs/PROTOCOLS.md#speech).

The request is JSON, the answer is the audio file itself (not JSON): the body is read whole (a few MB
at most for 4,096 characters) and checked to be audio of the asked format before it is handed on. An
error comes as JSON like any other route's; a relay build without the route answers 404, and a
misconfigured base URL an HTML page: each becomes one sentence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from studio.api.errors import BadResponse, NotFound, looks_like_html
from studio.storage.filetypes import sniff_kind

if TYPE_CHECKING:
    from studio.api.client import RelayClient

ROUTE = "/v1/audio/speech"
#: the most characters one request may carry (OpenAI refuses more with a 400)
MAX_INPUT = 4096
#: the formats saved as files (`pcm` is raw samples without a header: nothing a gallery can play)
FORMATS = ("mp3", "wav", "opus", "aac", "flac")
#: the voices OpenAI's speech models know (relay models such as ChatTTS may take others)
VOICES = ("alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "verse")
#: the voices tts-1 and tts-1-hd take: ballad and verse came with gpt-4o-mini-tts and are its own
#: (docs/PROTOCOLS.md#speech)
TTS1_VOICES = tuple(v for v in VOICES if v not in ("ballad", "verse"))
SPEED_RANGE = (0.25, 4.0)
#: the models that take `instructions` (how to speak: tone, accent, pace), on the lower-case model id
INSTRUCTED_MODELS = re.compile(r"^gpt-4o(-mini)?-tts")


def voices_for(model: str) -> tuple[str, ...]:
    """The voices `model` takes: tts-1's own for tts-1 and tts-1-hd, all of them for the gpt-4o speech models
    and for a relay's own model (which may take others as well)."""
    return TTS1_VOICES if model.strip().lower().startswith("tts-1") else VOICES


def takes_instructions(model: str) -> bool:
    """Whether `model` takes `instructions`."""
    return bool(INSTRUCTED_MODELS.search(model.strip().lower()))
#: the media type each format's file has (what `sniff_kind` reads from its first bytes)
MIME = {"mp3": "audio/mpeg", "wav": "audio/wav", "opus": "audio/ogg", "aac": "audio/aac", "flac": "audio/flac"}


class NoSpeechRoute(NotFound):
    """A 404 for the speech route: a relay (or a build of one) that does not offer text to speech."""

    category = f"The relay has no text-to-speech route (POST {ROUTE})"


class Speech:
    """`Speech(client)`: one request per call."""

    def __init__(self, client: RelayClient) -> None:
        self._client = client

    async def create(self, *, model: str, text: str, voice: str, response_format: str = "mp3",
                     speed: float | None = None, instructions: str | None = None) -> bytes:
        """The audio of `text` (at most `MAX_INPUT` characters) as a `response_format` file, or as the audio
        the relay sent instead (checked to be audio from its first bytes; `MIME` tells the asked one)."""
        body: dict[str, Any] = {"model": model, "input": text, "voice": voice, "response_format": response_format}
        if speed is not None:
            body["speed"] = speed
        if instructions:
            body["instructions"] = instructions
        try:
            response = await self._client.request("POST", ROUTE, json_body=body,
                                                  headers={"Accept": "audio/*, application/json"})
        except NotFound as exc:
            raise NoSpeechRoute(exc.status, exc.message, code=exc.code, error_type=exc.error_type,
                                request_id=exc.request_id) from None
        content_type = response.headers.get("content-type", "").lower()
        data = response.content
        if "json" in content_type or data[:1] in (b"{", b"["):
            self._client.decode_json(response)  # an error carried with HTTP 200 raises here
            raise BadResponse("The relay answered the speech request with JSON instead of audio.")
        if looks_like_html(data[:512].decode("utf-8", "replace"), content_type):
            raise BadResponse("The relay answered with a web page instead of audio; check that the base URL "
                              "points at the API, not the relay's website.")
        if not data:
            raise BadResponse("The relay answered the speech request with an empty body.")
        if sniff_kind(data[:32], "audio") is None:
            raise BadResponse("The relay's speech answer is not audio.")
        return data  # another format than asked (some relay models have one) is converted by the caller


#: where a sentence ends: Latin marks (and a closing quote or bracket) before white space, CJK marks, line breaks
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)\s*|[。！？]+[\"'”’)\]」』]*\s*|\n\s*")
#: where a sentence too long for one request may be cut: after a comma, semicolon or colon
_CLAUSE_END = re.compile(r"[,;:，；：、]\s*")


def split_text(text: str, limit: int = MAX_INPUT) -> list[str]:
    """`text` in parts of at most `limit` characters, cut at sentence ends (., !, ?, 。！？ and line
    breaks), as few parts as that allows; a sentence longer than `limit` is cut after its last comma
    (or semicolon, colon) that fits, else at its last space, never inside a word (a text without either,
    such as unbroken CJK, is cut at the limit)."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        sentences.append(text[start:match.end()])
        start = match.end()
    if start < len(text):
        sentences.append(text[start:])
    parts: list[str] = []
    current = ""
    for sentence in sentences:
        while len(sentence) > limit:
            if current.strip():
                parts.append(current.strip())
            current = ""
            cut = _cut(sentence, limit)
            parts.append(sentence[:cut].strip())
            sentence = sentence[cut:].lstrip()
        if len(current) + len(sentence) > limit and current.strip():
            parts.append(current.strip())
            current = ""
        current += sentence
    if current.strip():
        parts.append(current.strip())
    return [p for p in parts if p]


def _cut(sentence: str, limit: int) -> int:
    """Where to cut a sentence longer than `limit`: after a clause mark or at a space within the limit."""
    head = sentence[: limit + 1]  # a space just past the limit still lets the first `limit` characters go
    clauses = [m.end() for m in _CLAUSE_END.finditer(head) if m.end() <= limit]
    if clauses and clauses[-1] > limit // 4:
        return clauses[-1]
    space = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
    if space > 0:
        return space
    return limit
