"""Which capability a model serves (chat, image, video, …), from its name and the relay's hints.

Relays name models freely (`vidu-video`, `mj_imagine`, `suno_music`), so this is a table of name
patterns refined by `supported_endpoint_types` where the relay gives specific ones
(docs/PROTOCOLS.md#models; plain `openai` says nothing about media). The jobs issue extends this table to families
(which request dialect a media model speaks); the capabilities stay the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: capabilities a profile can be routed for, in display order.
CAPABILITIES: tuple[str, ...] = ("chat", "image", "mj", "video", "music", "transcribe", "speech")

#: every capability a model can be grouped under (routing ones plus the rest).
MODEL_GROUPS: tuple[str, ...] = (*CAPABILITIES, "embedding", "other")

_ENDPOINT_HINTS = {
    "image-generation": "image",
    "openai-video": "video",
    "embeddings": "embedding",
    "jina-rerank": "other",
}

_NAME_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (group, re.compile(pattern))
    for group, pattern in (
        ("mj", r"^(mj[_-]|midjourney)"),
        ("music", r"^(suno|chirp|udio)|[_-]music$"),
        ("transcribe", r"whisper|transcribe|[_-]asr\b|^sensevoice"),
        ("speech", r"^tts|[_-]tts\b|^chattts|[_-]speech$|^speech"),
        ("embedding", r"embed|^bge-|^m3e"),
        ("other", r"moderation|rerank"),
        ("video", r"[_-]video$|^(sora|kling|luma|runway|vidu|veo|pika|pixverse|hailuo|minimax-video|wan[_-]?2|"
                  r"seedance|jimeng[_-]video|cogvideo)"),
        ("image", r"[_-]image$|^(dall-e|gpt-image|flux|stable-diffusion|sd[-_]?\d|sdxl|ideogram|recraft|"
                  r"imagen|seedream|seededit|jimeng|kolors|cogview|playground|grok-\d?-?image)"),
    )
)


def capability_of(model_id: str, endpoint_types: Iterable[str] = ()) -> str:
    """Group a model under one of `MODEL_GROUPS`."""
    for endpoint in endpoint_types:
        hint = _ENDPOINT_HINTS.get(str(endpoint).lower())
        if hint:
            return hint
    name = model_id.lower()
    for group, pattern in _NAME_RULES:
        if pattern.search(name):
            return group
    return "chat"
