"""Request-content inspection for the relay test server: what should the assistant reply?

Why this exists: tests check that the client really sends attachments and Unicode text intact.
The server therefore decodes every inline attachment (data URIs / Claude base64 sources), checks
its magic bytes, and answers ``I see N image(s) and M file(s).``; ``echo:`` in the last user
message makes the server reply with the text that follows it.  Kept apart from ``server.py``
(transport) and ``fixtures.py`` (wire shapes).
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Any

DEFAULT_REPLY = "Hello"
ECHO_MARKER = "echo:"

_IMAGE_SIGNATURES: tuple[bytes, ...] = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
_DATA_URI = re.compile(r"^data:([^;,]*)((?:;[^;,]*)*),(.*)$", re.DOTALL)


class BadAttachment(ValueError):
    """An inline attachment does not decode to what it claims to be."""


def is_image(data: bytes) -> bool:
    """PNG, JPEG, GIF or WEBP magic bytes."""
    if data.startswith(_IMAGE_SIGNATURES):
        return True
    return len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP"


def b64decode(text: str) -> bytes:
    """Strict base64 (whitespace and missing padding tolerated)."""
    compact = "".join(text.split())
    compact += "=" * (-len(compact) % 4)
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BadAttachment(f"bad base64 ({exc})") from exc


def parse_data_uri(uri: str) -> tuple[str, bytes] | None:
    """``(media type, bytes)`` of a base64 data URI; None when ``uri`` is not a data URI."""
    if not uri.startswith("data:"):
        return None
    match = _DATA_URI.match(uri)
    if not match or ";base64" not in match.group(2).lower():
        raise BadAttachment("data URI is not base64")
    return match.group(1).lower(), b64decode(match.group(3))


def image_from_text(value: Any) -> bytes | None:
    """The bytes of a base64 data-URL image (the MJ ``base64Array`` form), or None when ``value`` is not
    one or does not decode to a PNG/JPEG/GIF/WEBP."""
    if not isinstance(value, str):
        return None
    try:
        decoded = parse_data_uri(value)
    except BadAttachment:
        return None
    return decoded[1] if decoded is not None and is_image(decoded[1]) else None


def check_image(data: bytes, where: str) -> None:
    if not is_image(data):
        raise BadAttachment(f"{where} is not a PNG/JPEG/GIF/WEBP image")


def check_file(media_type: str, filename: str, data: bytes, where: str) -> None:
    if media_type == "application/pdf" or filename.lower().endswith(".pdf"):
        if not data.startswith(b"%PDF"):
            raise BadAttachment(f"{where} is not a PDF")
    elif media_type.startswith("image/"):
        check_image(data, where)


# --------------------------------------------------------------------------------------------------
# OpenAI chat parts
# --------------------------------------------------------------------------------------------------


def _check_image_url_part(part: dict[str, Any]) -> None:
    image_url = part.get("image_url")
    url = image_url.get("url") if isinstance(image_url, dict) else image_url
    if not isinstance(url, str) or not url:
        raise BadAttachment("image_url part without url")
    decoded = parse_data_uri(url)
    if decoded is not None:
        check_image(decoded[1], "image_url")


def _check_file_part(part: dict[str, Any]) -> None:
    file = part.get("file")
    if not isinstance(file, dict):
        raise BadAttachment("file part without file object")
    file_data, filename = file.get("file_data"), str(file.get("filename") or "")
    if file_data is None:
        if not file.get("file_id"):
            raise BadAttachment("file part without file_data or file_id")
        return
    if not isinstance(file_data, str) or not file_data:
        raise BadAttachment("file part with empty file_data")
    if file_data.startswith(("http://", "https://")):
        return
    decoded = parse_data_uri(file_data)
    media_type, data = decoded if decoded is not None else ("", b64decode(file_data))
    check_file(media_type, filename, data, f"file {filename or '(unnamed)'}")


def _chat_parts(content: Any) -> tuple[str, int, int]:
    """Text, image count and file count of one OpenAI message content (validating attachments)."""
    if isinstance(content, str):
        return content, 0, 0
    texts: list[str] = []
    images = files = 0
    for part in content if isinstance(content, list) else []:
        kind = part.get("type") if isinstance(part, dict) else None
        if kind == "text":
            texts.append(str(part.get("text", "")))
        elif kind == "image_url":
            _check_image_url_part(part)
            images += 1
        elif kind == "file":
            _check_file_part(part)
            files += 1
    return "".join(texts), images, files


# --------------------------------------------------------------------------------------------------
# Claude blocks
# --------------------------------------------------------------------------------------------------


def _claude_source(block: dict[str, Any]) -> tuple[str, bytes] | None:
    source = block.get("source")
    if not isinstance(source, dict):
        raise BadAttachment(f"{block.get('type')} block without source")
    if source.get("type") != "base64":
        return None  # url / text / file sources are not inspected
    return str(source.get("media_type", "")).lower(), b64decode(str(source.get("data", "")))


def _claude_parts(content: Any) -> tuple[str, int, int]:
    """Text, image count and document count of one Claude message content."""
    if isinstance(content, str):
        return content, 0, 0
    texts: list[str] = []
    images = files = 0
    for block in content if isinstance(content, list) else []:
        kind = block.get("type") if isinstance(block, dict) else None
        if kind == "text":
            texts.append(str(block.get("text", "")))
        elif kind == "image":
            source = _claude_source(block)
            if source is not None:
                check_image(source[1], "image block")
            images += 1
        elif kind == "document":
            source = _claude_source(block)
            if source is not None:
                check_file(source[0], "", source[1], "document block")
            files += 1
    return "".join(texts), images, files


# --------------------------------------------------------------------------------------------------
# multipart/form-data (image edits)
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormPart:
    """One part of a multipart/form-data body."""

    name: str
    filename: str | None
    data: bytes

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", "replace")


_BOUNDARY = re.compile(r'boundary="?([^";]+)"?', re.IGNORECASE)
_DISPOSITION_PARAM = re.compile(r'\b(name|filename)="([^"]*)"', re.IGNORECASE)


def parse_multipart(content_type: str, body: bytes) -> list[FormPart]:
    """Split a multipart/form-data body byte-exactly (the stdlib ``email`` parser is not binary-exact);
    an empty list when ``content_type`` has no boundary."""
    match = _BOUNDARY.search(content_type)
    if not match:
        return []
    delimiter = b"--" + match.group(1).encode("latin-1")
    parts: list[FormPart] = []
    for chunk in body.split(delimiter)[1:]:
        if chunk.startswith(b"--"):
            break  # the closing delimiter
        head, sep, data = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        if sep:
            parts.append(_form_part(head.decode("utf-8", "replace"), data.removesuffix(b"\r\n")))
    return parts


def _form_part(head: str, data: bytes) -> FormPart:
    disposition = next((line for line in head.split("\r\n") if line.lower().startswith("content-disposition")), "")
    params = {key.lower(): value for key, value in _DISPOSITION_PARAM.findall(disposition)}
    return FormPart(params.get("name", ""), params.get("filename"), data)


# --------------------------------------------------------------------------------------------------
# Reply rules
# --------------------------------------------------------------------------------------------------


def last_user_content(messages: list[Any]) -> Any:
    for message in reversed(messages):
        if isinstance(message, dict) and message.get("role") == "user":
            return message.get("content")
    return None


def reply_for(text: str, images: int, files: int) -> str:
    """Attachments win; then ``echo:``; then the default ``Hello``."""
    if images or files:
        return f"I see {images} image(s) and {files} file(s)."
    if ECHO_MARKER in text:
        return text.split(ECHO_MARKER, 1)[1].lstrip(" ")
    return DEFAULT_REPLY


def chat_reply(messages: list[Any]) -> str:
    """Reply for ``/v1/chat/completions``; raises BadAttachment on bad inline data."""
    return reply_for(*_chat_parts(last_user_content(messages)))


def claude_reply(messages: list[Any]) -> str:
    """Reply for ``/v1/messages``; raises BadAttachment on bad inline data."""
    return reply_for(*_claude_parts(last_user_content(messages)))


def chat_prompt(messages: list[Any]) -> str:
    """The last user message's text (string content or text parts), validating its attachments."""
    return _chat_parts(last_user_content(messages))[0]


def chat_input(messages: list[Any]) -> tuple[str, int, int]:
    """Text, image count and file count of the last user message (validating its attachments)."""
    return _chat_parts(last_user_content(messages))


def is_video_model(model: str) -> bool:
    """Chat-format video models: ``*-video`` / ``*_video`` (``vidu-video``, ``veo3-video``) and, asked
    through chat, ``sora*`` (docs/PROTOCOLS.md#chat-format-media)."""
    name = model.lower()
    return name.endswith(("-video", "_video")) or name.startswith("sora")


def is_image_model(model: str) -> bool:
    """Chat-format image models: ``gpt-4o-image`` and any ``*-image``, flux, stable-diffusion
    (docs/PROTOCOLS.md#chat-format-media)."""
    name = model.lower()
    return name.endswith("-image") or "flux" in name or "stable-diffusion" in name


def mentions(text: str, word: str) -> bool:
    """``word`` starts a word of ``text`` (case-insensitive): ``fail`` matches "will fail" and "failure",
    ``two`` does not match "network"."""
    return re.search(rf"(?<![a-z0-9]){re.escape(word)}", text, re.IGNORECASE) is not None


def text_reply(text: str) -> str:
    """Reply for a plain text input (Responses API ``input`` string)."""
    return reply_for(text, 0, 0)
