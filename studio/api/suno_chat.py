"""Suno songs asked for through chat completions (docs/PROTOCOLS.md#suno-through-chat).

Suno-API's chat route (and the relays in front of it) takes a plain chat completion with a Suno model
(`suno-v3.5`, `chirp-v3-5`, …) and answers in text: a first line saying the song is on its way, a `🎵`
tick every few seconds, then one markdown block with the song's title (`歌曲名：`), the model, the
lyrics and, per clip, its id, duration, style, a cover `![封面](…)`, the audio `[点击听歌](…)` and the
video `[点击观看](…)`; after five minutes without a song it answers `timeout`. Nothing in the JSON marks
the songs, so the text is read here: links in the order they appear (markdown images, markdown links,
HTML `src`, bare URLs), typed by extension or by their label (chatmedia's rules), and grouped into clips:
by the clip id their file names carry when every link has one (Suno names its files by its clip's
UUID), else in order, a link of a kind the current clip already has starting the next clip. A clip is a
song only with an audio link; a markdown link whose closing `)` never came (an answer cut off mid-link)
is not read, since its address may be cut short too.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from studio.api.chatmedia import extract

#: every kind of link, in one pass so they come in the order of the text
_LINKS = re.compile(
    r"!\[(?P<image_label>[^\]]*)\]\(\s*(?P<image>[^)\s]+)\s*\)"
    r"|(?<!!)\[(?P<link_label>[^\]]*)\]\(\s*(?P<link>[^)\s]+)\s*\)"
    r"|<(?:video|img|audio|source)\b[^>]*?\bsrc\s*=\s*[\"'](?P<src>[^\"']+)[\"'][^>]*>"
    r"|(?P<bare>https?://[^\s<>\"')\]]+)",
    re.IGNORECASE,
)
#: a markdown link left open at the very end of the text: the answer stopped inside it
_OPEN_LINK = re.compile(r"!?\[[^\]]*\]\(\s*[^)\s]*\s*$|!?\[[^\]\n]*$")
_FENCE = re.compile(r"```.*?(```|$)", re.DOTALL)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TITLE = re.compile(r"(?:歌曲名|歌名|标题|title)\s*[:：]\s*(.+)", re.IGNORECASE)
_DURATION = re.compile(r"(?:时长|duration)\s*[:：]\s*(?:(\d+)\s*[:：]\s*(\d{1,2}(?:\.\d+)?)|(\d+(?:\.\d+)?))",
                       re.IGNORECASE)
_STYLE = re.compile(r"(?:风格|曲风|style|tags)\s*[:：]\s*(.+)", re.IGNORECASE)
_CLIP_ID = re.compile(r"(?:版本\s*)?(?:id|ID)\s*[:：]\s*`?([A-Za-z0-9][A-Za-z0-9_-]{3,})`?")
_LYRICS_HEAD = re.compile(r"^\W*(?:歌词|lyrics)\W*$", re.IGNORECASE | re.MULTILINE)
_LYRICS_END = re.compile(r"^\s*(?:-{3,}|\*{3,}|#{1,6}\s|.*(?:版本|version)\s*\d)", re.IGNORECASE | re.MULTILINE)
_EXTENSIONS = {
    "audio": (".mp3", ".wav", ".m4a", ".flac", ".ogg"),
    "video": (".mp4", ".webm", ".mov", ".m3u8"),
    "image": (".png", ".jpg", ".jpeg", ".webp", ".gif"),
}
_LABELS = (("audio", ("点击听歌", "听歌", "listen", "audio", "音频")),
           ("video", ("点击观看", "观看", "video", "视频", "mv")),
           ("image", ("封面", "cover", "image", "图片")))
#: what Suno-API answers when no song came in time
TIMEOUT_ANSWER = "timeout"


@dataclass(slots=True)
class ChatClip:
    """One song of the answer: its links, and what the text says of it (None / "" where it says nothing)."""

    audio_url: str | None = None
    image_url: str | None = None
    video_url: str | None = None
    clip_id: str = ""
    duration: float | None = None
    tags: str = ""

    def has(self, kind: str) -> bool:
        return getattr(self, f"{kind}_url") is not None


@dataclass(frozen=True, slots=True)
class SongReply:
    title: str
    lyrics: str
    clips: tuple[ChatClip, ...]
    #: why there is no song, when the text says (the relay's failure text, its `timeout`); "" otherwise
    failure: str = ""
    #: links that were not read because the answer stopped inside them
    cut_links: int = 0
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def songs(self) -> tuple[ChatClip, ...]:
        return tuple(clip for clip in self.clips if clip.audio_url)


def _kind(url: str, label: str) -> str | None:
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    for kind, extensions in _EXTENSIONS.items():
        if path.endswith(extensions):
            return kind
    lowered = label.lower()
    return next((kind for kind, words in _LABELS if any(word in lowered for word in words)), None)


def _seconds(match: re.Match[str]) -> float | None:
    minutes, seconds, plain = match.groups()
    value = float(plain) if plain is not None else int(minutes) * 60 + float(seconds)
    return value if value > 0 else None


def _describe(clip: ChatClip, text: str) -> None:
    """Fill the clip's id, duration and style from the text before its first link."""
    if (found := _DURATION.search(text)) is not None:
        clip.duration = _seconds(found)
    if (style := _STYLE.findall(text)):
        clip.tags = style[-1].strip().strip("*`").strip()
    if (clip_id := _CLIP_ID.findall(text)):
        clip.clip_id = clip_id[-1]


def _lyrics(text: str) -> str:
    head = _LYRICS_HEAD.search(text)
    if head is None:
        return ""
    rest = text[head.end():]
    end = _LYRICS_END.search(rest)
    return rest[: end.start() if end else len(rest)].strip()


def _by_order(links: list[tuple[str, str, int, int]], text: str) -> list[ChatClip]:
    """Clips as the links come: a link of a kind the current clip already has starts the next one; each
    clip's id, duration and style from the text before its first link."""
    clips: list[ChatClip] = []
    current: ChatClip | None = None
    described_from = 0
    for kind, url, start, end in links:
        if current is None or current.has(kind):
            current = ChatClip()
            clips.append(current)
            _describe(current, text[described_from:start])
        setattr(current, f"{kind}_url", url)
        described_from = end
    return clips


def _by_clip_id(links: list[tuple[str, str, int, int]], text: str) -> list[ChatClip]:
    """Clips by the id every link's path carries (Suno's files are named by their clip's UUID: `<id>.mp3`,
    `image_<id>.jpeg`), so covers listed apart from their songs still go with them; [] unless every link
    names exactly one id and no clip has two links of a kind. A clip's duration and style come from the
    text after the id is written out (outside a link), up to the next link or id."""
    ids = [set(_UUID.findall(url.split("?", 1)[0].lower())) for _, url, _, _ in links]
    if not links or any(len(found) != 1 for found in ids):
        return []
    clips: dict[str, ChatClip] = {}
    for (kind, url, _, _), found in zip(links, ids, strict=True):
        clip_id = next(iter(found))
        clip = clips.setdefault(clip_id, ChatClip(clip_id=clip_id))
        if clip.has(kind):
            return []
        setattr(clip, f"{kind}_url", url)
    inside = [(start, end) for _, _, start, end in links]
    mentions = sorted((m.start(), m.group(0)) for m in _UUID.finditer(text.lower())
                      if not any(start <= m.start() < end for start, end in inside))
    stops = sorted([start for start, _ in inside] + [position for position, _ in mentions] + [len(text)])
    for position, clip_id in mentions:
        if clip_id in clips:
            _describe(clips[clip_id], text[position:next(stop for stop in stops if stop > position)])
            clips[clip_id].clip_id = clip_id
    return list(clips.values())


def parse_reply(content: str, reasoning: str = "") -> SongReply:
    """The songs of a Suno chat answer (complete or cut off), with what the text says of them."""
    text = _FENCE.sub(" ", content)  # an echoed parameter block holds inputs, not results
    cut = 0
    open_link = _OPEN_LINK.search(text)
    if open_link is not None:
        text, cut = text[: open_link.start()], 1
    links: list[tuple[str, str, int, int]] = []  # (kind, url, start, end) in the order of the text
    for match in _LINKS.finditer(text):
        url = match.group("image") or match.group("link") or match.group("src") or match.group("bare") or ""
        url = html.unescape(url.strip()).rstrip(")]'\">")
        if not url.lower().startswith(("http://", "https://")):
            continue
        label = match.group("image_label") or match.group("link_label") or ""
        kind = _kind(url, label if not match.group("image") else label or "image")
        if kind is not None:
            links.append((kind, url, match.start(), match.end()))
    clips = _by_clip_id(links, text) or _by_order(links, text)
    title = next((m.group(1).strip().strip("*#`").strip() for m in _TITLE.finditer(text)), "")
    failure = ""
    if not any(clip.audio_url for clip in clips):
        said = extract(content, reasoning).failure
        if said:
            failure = said
        elif content.strip().lower() == TIMEOUT_ANSWER or content.strip().lower().endswith(f"\n{TIMEOUT_ANSWER}"):
            failure = "the relay gave up waiting for the song (timeout)"
    return SongReply(title=title, lyrics=_lyrics(text), clips=tuple(clips), failure=failure, cut_links=cut)
