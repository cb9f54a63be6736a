"""Sizes as families take them: the `WIDTHxHEIGHT` a user asked for, as the nearest aspect ratio a
family offers (Ideogram, Kling and Replicate take ratios, not pixels)."""

from __future__ import annotations

import math
from collections.abc import Sequence


def nearest_ratio(size: str | None, ratios: Sequence[str]) -> str | None:
    """The ratio of `ratios` ("W:H") nearest to `size`, by the logarithm of width / height (so 2:1 is as
    far from 1:1 as 1:2); None for no size, `auto`, or text that is not a size."""
    width, _, height = (size or "").strip().lower().partition("x")
    if not (width.isdigit() and height.isdigit()) or int(width) <= 0 or int(height) <= 0:
        return None
    wanted = math.log(int(width) / int(height))

    def distance(ratio: str) -> float:
        w, h = ratio.split(":")
        return abs(math.log(int(w) / int(h)) - wanted)

    return min(ratios, key=distance)
