"""Which request dialect ("family") a media model speaks: one table for every front end and family.

Relays put very different protocols behind model names: `gpt-4o-image` answers through chat
completions, `mj_imagine` through the midjourney-proxy routes, `dall-e-3` through
`/v1/images/generations`. The rules (docs/PROTOCOLS.md#families), in order:

1. a per-model override (a setting, or `--family` on the command line);
2. the relay's `supported_endpoint_types` where they are specific (`image-generation`, `openai-video`;
   plain `openai` says nothing about media);
3. defaults by name: `*-video` / `*-image` and other chat-format models → chat completions;
   `mj_*` → Midjourney; `sora*` → `/v1/videos`; `kling*`, `luma*`, `vidu*`, `suno*`/`chirp*`, `udio*`
   → their native task APIs; other image models → `/v1/images/…`; other video models →
   `/v1/video/generations`.

The choice and the reason for it are recorded on the job and shown: never a silent guess.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

from studio.errors import InputError


class Family(enum.StrEnum):
    CHAT = "chat"  # media answered as text of a chat completion (docs/PROTOCOLS.md#chat-format-media)
    OPENAI_IMAGES = "openai-images"  # /v1/images/generations, /edits (docs/PROTOCOLS.md#images)
    MIDJOURNEY = "midjourney"  # midjourney-proxy (docs/PROTOCOLS.md#midjourney)
    OPENAI_VIDEO = "openai-video"  # /v1/videos (not spoken yet)
    VIDEO_GENERATIONS = "video-generations"  # new-api generic /v1/video/generations (not spoken yet)
    KLING = "kling"
    LUMA = "luma"
    VIDU = "vidu"
    SUNO = "suno"
    UDIO = "udio"


@dataclass(frozen=True, slots=True)
class FamilyChoice:
    family: Family
    reason: str  # why: "override", "endpoint type image-generation", "name rule *-image", …

    def as_dict(self) -> dict[str, str]:
        return {"family": self.family.value, "reason": self.reason}


_ENDPOINT_FAMILIES = {"image-generation": Family.OPENAI_IMAGES, "openai-video": Family.OPENAI_VIDEO}

_CHAT_IMAGE = re.compile(r"(flux|stable-diffusion|sdxl|sd[-_]?\d).*chat|chat.*(flux|stable-diffusion|sdxl)")

#: (rule shown to the user, pattern, family) — the first match wins.
_NAME_RULES: tuple[tuple[str, re.Pattern[str], Family], ...] = tuple(
    (rule, re.compile(pattern), family)
    for rule, pattern, family in (
        ("mj_*", r"^(mj[_-]|midjourney|niji)", Family.MIDJOURNEY),
        ("*-video", r"[_-]video$", Family.CHAT),
        ("*-image", r"[_-]image$|^gpt-4o-image", Family.CHAT),
        ("chat-format flux/SD", _CHAT_IMAGE.pattern, Family.CHAT),
        ("sora*", r"^sora", Family.OPENAI_VIDEO),
        ("kling*", r"^kling", Family.KLING),
        ("luma*", r"^luma", Family.LUMA),
        ("vidu*", r"^vidu", Family.VIDU),
        ("suno*", r"^(suno|chirp)", Family.SUNO),
        ("udio*", r"^udio", Family.UDIO),
    )
)

#: what "other models" of a capability fall back to.
_CAPABILITY_DEFAULTS = {"image": Family.OPENAI_IMAGES, "video": Family.VIDEO_GENERATIONS,
                        "mj": Family.MIDJOURNEY, "music": Family.SUNO}

#: families the current build can run for each capability (later issues add video and music).
SUPPORTED: dict[str, frozenset[Family]] = {
    "image": frozenset({Family.OPENAI_IMAGES, Family.CHAT, Family.MIDJOURNEY}),
    "mj": frozenset({Family.MIDJOURNEY}),
}


def parse_family(text: str) -> Family:
    """A `--family` value or a saved override; one sentence when it names nothing known."""
    try:
        return Family(text.strip().lower())
    except ValueError:
        names = ", ".join(f.value for f in Family)
        raise InputError(f"Unknown family {text!r}; choose one of {names}.") from None


def family_of(model: str, capability: str, endpoint_types: Iterable[str] = (),
              override: str | Family | None = None) -> FamilyChoice:
    """The family `model` speaks for `capability` ("image", "video", "music", …)."""
    if override:
        return FamilyChoice(parse_family(str(override)), "override")
    for endpoint in endpoint_types:
        family = _ENDPOINT_FAMILIES.get(str(endpoint).lower())
        if family is not None:
            return FamilyChoice(family, f"endpoint type {endpoint}")
    name = model.lower()
    for rule, pattern, family in _NAME_RULES:
        if pattern.search(name):
            return FamilyChoice(family, f"name rule {rule}")
    default = _CAPABILITY_DEFAULTS.get(capability, Family.CHAT)
    return FamilyChoice(default, f"default for {capability} models")
