"""Small real images for gallery tests (Pillow), so headers and thumbnails are the real thing."""

from __future__ import annotations

from pathlib import Path

from PIL import Image


def write_image(path: Path, size: tuple[int, int] = (64, 48), fmt: str = "PNG", color: str = "red") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path, fmt)
    return path
