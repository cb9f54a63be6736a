"""Which capability a model serves (chat, image, video, …), from its name and the relay's hints.

Relays name models freely (`vidu-video`, `mj_imagine`, `suno_music`), so this is a table of name
patterns refined by `supported_endpoint_types` where the relay gives specific ones
(docs/PROTOCOLS.md#models; plain `openai` says nothing about media). The models a family claims by name
(Midjourney, Suno, `*-image`, …) are grouped by that family's rules in `studio.api.families`: one set of
patterns for both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from studio.api.families import claimed_by_name

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

#: name rules for the models no family claims (the families' own rules come first: `families.REGISTRY`)
_NAME_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (group, re.compile(pattern))
    for group, pattern in (
        ("music", r"[_-]music$"),
        ("transcribe", r"whisper|transcribe|[_-]asr\b|^sensevoice"),
        ("speech", r"^tts|[_-]tts\b|^chattts|[_-]speech$|^speech"),
        ("embedding", r"embed|^bge-|^m3e"),
        ("other", r"moderation|rerank"),
        ("video", r"^([\w.-]+/)?(runway|veo|pika|pixverse|hailuo|minimax-video|wan[_-]?2|seedance|jimeng[_-]video|"
                  r"cogvideo)"),
        # an `owner/` prefix (Replicate's model names) keeps an image model an image model
        ("image", r"^[0-9a-f]{64}$"),  # a Replicate model version id
        ("image", r"^([\w.-]+/)?(dall-e|gpt-image|flux|stable-diffusion|sd[-_]?\d|sdxl|ideogram|recraft|"
                  r"imagen|seedream|seededit|jimeng|kolors|cogview|playground|grok-\d?-?image)"),
    )
)


def capability_of(model_id: str, endpoint_types: Iterable[str] = ()) -> str:
    """Group a model under one of `MODEL_GROUPS`: the relay's specific endpoint types, then the family that
    claims the model by name (its capability), then the rules above; "chat" when nothing matches."""
    for endpoint in endpoint_types:
        hint = _ENDPOINT_HINTS.get(str(endpoint).lower())
        if hint:
            return hint
    claimed = claimed_by_name(model_id, grouping=True)
    if claimed is not None:
        return claimed[0].capability
    name = model_id.lower()
    for group, pattern in _NAME_RULES:
        if pattern.search(name):
            return group
    return "chat"
