"""Midjourney answers a 2×2 grid as one image; the panel shows its four pictures side by side."""

from __future__ import annotations

import os
from pathlib import Path


def split_grid(source: Path, directory: Path, stem: str) -> list[Path]:
    """Crop the four quadrants of `source` into `directory/<stem>_q1.png` … `_q4.png` (reading order).
    Existing files are reused, so this is cheap to call again (run it in a worker thread)."""
    from PIL import Image

    targets = [directory / f"{stem}_q{i}.png" for i in range(1, 5)]
    if all(t.exists() for t in targets):
        return targets
    directory.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as image:
        width, height = image.size
        half_w, half_h = width // 2, height // 2
        boxes = [(0, 0, half_w, half_h), (half_w, 0, width, half_h),
                 (0, half_h, half_w, height), (half_w, half_h, width, height)]
        for target, box in zip(targets, boxes, strict=True):
            part = target.with_name(target.name + ".part")
            image.crop(box).save(part, "PNG")
            os.replace(part, target)
    return targets
