"""Which dialect a model speaks (docs/PROTOCOLS.md#families): override, then endpoint types, then name rules."""

from __future__ import annotations

import pytest

from studio.api.families import Family, family_of, parse_family
from studio.errors import InputError


@pytest.mark.parametrize(("model", "capability", "family"), [
    ("gpt-4o-image", "image", Family.CHAT),
    ("gpt-4o-image-vip", "image", Family.CHAT),
    ("flux-chat", "image", Family.CHAT),
    ("vidu-video", "video", Family.CHAT),
    ("runway-video", "video", Family.CHAT),
    ("mj_imagine", "image", Family.MIDJOURNEY),
    ("midjourney", "mj", Family.MIDJOURNEY),
    ("gpt-image-1", "image", Family.OPENAI_IMAGES),
    ("dall-e-3", "image", Family.OPENAI_IMAGES),
    ("flux-1.1-pro", "image", Family.OPENAI_IMAGES),
    ("ideogram-v2", "image", Family.IDEOGRAM),
    ("sora-2", "video", Family.OPENAI_VIDEO),
    ("kling-v1", "video", Family.KLING),
    ("luma-ray", "video", Family.LUMA),
    ("vidu2", "video", Family.VIDU),
    ("suno_music", "music", Family.SUNO),
    ("chirp-v4", "music", Family.SUNO),
    ("udio-130", "music", Family.UDIO),
    ("veo3", "video", Family.VIDEO_GENERATIONS),
])
def test_name_rules(model: str, capability: str, family: Family) -> None:
    choice = family_of(model, capability)
    assert choice.family is family
    assert choice.reason  # the reason is always recorded


def test_specific_endpoint_types_refine_and_plain_openai_says_nothing() -> None:
    assert family_of("my-painter", "image", ["image-generation"]).family is Family.OPENAI_IMAGES
    assert family_of("my-painter", "image", ["image-generation"]).reason == "endpoint type image-generation"
    assert family_of("gpt-4o-image", "image", ["openai"]).family is Family.CHAT


def test_override_wins_and_is_checked() -> None:
    choice = family_of("gpt-4o-image", "image", ["image-generation"], override="openai-images")
    assert (choice.family, choice.reason) == (Family.OPENAI_IMAGES, "override")
    with pytest.raises(InputError, match="Unknown family"):
        parse_family("dall-e")
