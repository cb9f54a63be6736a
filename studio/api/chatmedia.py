"""Media answered as the text of a chat completion (docs/PROTOCOLS.md#chat-format-media).

Chat-format models (`gpt-4o-image`, flux "chat", `vidu-video`, …) reply with markdown or HTML:
an echoed parameter block, progress lines (`> 排队中`, `>🏃 进度 36..`, `生成进度: 44%`), then the
results as `![..](url)`, `[在线播放▶️](url)` or `<video src='…'>`. Nothing in the JSON marks them, so
the text is scraped; links inside the echoed fenced block are inputs and are ignored.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
from dataclasses import dataclass

from studio.api.errors import BadResponse

_FENCE = re.compile(r"```.*?(```|$)", re.DOTALL)
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*([^)\s]+)\s*\)")
_MD_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(\s*([^)\s]+)\s*\)")
_HTML_SRC = re.compile(r"<(?:video|img|audio|source)\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_BARE = re.compile(r"https?://[^\s<>\"')\]]+")
#: `45%`, `生成进度: 3%`; not the `%2B` of an escaped character in a link, nor digits inside a token
_PERCENT = re.compile(r"(?<![A-Za-z0-9=/%&_.-])(\d{1,3}(?:\.\d+)?)\s*%(?![0-9A-Fa-f]{2})")
_DOTS = re.compile(r"(\d{1,3})\.\.")
_FAILED = re.compile(r"(?:❌\s*)?(生成失败|失败|Generate action failed|❌)[:：]?\s*(.*)")

_EXTENSIONS = {
    "video": (".mp4", ".webm", ".mov", ".m3u8"),
    "image": (".png", ".jpg", ".jpeg", ".webp", ".gif"),
    "audio": (".mp3", ".wav", ".m4a", ".flac", ".ogg"),
}
_VIDEO_WORDS = ("在线播放", "点击观看", "play", "video")
_AUDIO_WORDS = ("点击听歌", "listen", "audio")
_THUMB_WORDS = ("cover", "封面", "thumbnail")


@dataclass(frozen=True, slots=True)
class MediaLink:
    url: str
    kind: str  # "image", "video", "audio"
    thumbnail: bool = False  # a cover picture next to a video or song, not a result of its own


@dataclass(frozen=True, slots=True)
class ChatMedia:
    links: tuple[MediaLink, ...]
    progress: float | None
    failure: str | None  # the in-band failure text, when the reply reports one

    def results(self, kind: str | None = None) -> list[MediaLink]:
        return [link for link in self.links if not link.thumbnail and (kind is None or link.kind == kind)]


def _kind_of(url: str, text: str) -> tuple[str | None, bool]:
    lowered = text.lower()
    thumbnail = any(word in lowered for word in _THUMB_WORDS)
    if url.startswith("data:"):
        mime = url[5:].split(";", 1)[0].lower()
        return (mime.split("/", 1)[0] if "/" in mime else None), thumbnail
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    for kind, extensions in _EXTENSIONS.items():
        if path.endswith(extensions):
            return kind, thumbnail
    if any(word in lowered for word in _VIDEO_WORDS):
        return "video", False
    if any(word in lowered for word in _AUDIO_WORDS):
        return "audio", False
    return None, thumbnail


def data_url(mime: str, data: bytes) -> str:
    """`data:<mime>;base64,…`: how relays take inline images (vision, Midjourney, references)."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def decode_data_url(url: str) -> bytes:
    """The bytes of a `data:…;base64,` URL or bare base64 (padding repaired); `BadResponse` when it is
    not base64."""
    data = "".join(url.split("base64,", 1)[-1].split())
    try:
        return base64.b64decode(data + "=" * (-len(data) % 4), validate=False)
    except (binascii.Error, ValueError):
        raise BadResponse("The relay's inline result is not valid base64.") from None


def progress_of(text: str) -> float | None:
    """The last progress figure in `text` (`45%` or the `36..` form), 0–100."""
    figures = [(m.start(), float(m.group(1))) for m in _PERCENT.finditer(text)]
    figures += [(m.start(), float(m.group(1))) for m in _DOTS.finditer(text)]
    if not figures:
        return 100.0 if ("生成完成" in text or "✅" in text) else None
    return min(100.0, max(figures)[1])


def extract(content: str, reasoning: str = "", *, default_kind: str = "image") -> ChatMedia:
    """Read the result links, progress and failure out of a chat-format media reply."""
    text = _FENCE.sub(" ", content)  # the echoed parameters: their links are inputs
    seen: set[str] = set()
    found: list[tuple[str, str | None, bool]] = []

    def add(url: str, label: str) -> None:
        url = html.unescape(url.strip()).rstrip(")]'\">")
        if not url or url in seen or not (url.startswith(("http://", "https://", "data:"))):
            return
        seen.add(url)
        kind, thumbnail = _kind_of(url, label)
        found.append((url, kind, thumbnail))

    for match in _MD_IMAGE.finditer(text):
        add(match.group(2), match.group(1) or "image")
    for match in _MD_LINK.finditer(text):
        add(match.group(2), match.group(1))
    for match in _HTML_SRC.finditer(text):
        add(match.group(1), match.group(0))
    stripped = _MD_IMAGE.sub(" ", _MD_LINK.sub(" ", _HTML_SRC.sub(" ", text)))
    for match in _BARE.finditer(stripped):
        add(match.group(0), "")
    # a link nothing types (no extension, no telling text) is the result only when no typed one came:
    # beside a `.mp4` it is a task page or a data link (the sora chat format's `[数据预览](…)`)
    typed = any(kind is not None and not thumbnail for _, kind, thumbnail in found)
    links = [MediaLink(url, kind or default_kind, thumbnail) for url, kind, thumbnail in found
             if kind is not None or not typed]
    log = f"{reasoning}\n{content}"
    failure = None
    if not any(not link.thumbnail for link in links):
        said = _FAILED.search(log)
        if said:
            failure = (said.group(2).strip() or said.group(0).strip()).splitlines()[0]
    return ChatMedia(tuple(links), progress_of(log), failure)
