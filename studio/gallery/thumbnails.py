"""Thumbnails made with Pillow, meant to run in worker threads (decoding never on the UI thread).

The gallery issue adds the on-disk cache; the chat tab already uses this for attachment previews.
"""

from __future__ import annotations

import io
from pathlib import Path


def make_thumbnail(path: Path | str, size: int = 160) -> bytes | None:
    """PNG bytes of `path` scaled to fit `size`×`size`, or None when it cannot be decoded."""
    from PIL import Image, UnidentifiedImageError  # ~30 ms import: only where thumbnails are made

    try:
        with Image.open(path) as image:
            image.draft("RGB", (size * 2, size * 2))  # JPEG: decode at a reduced scale
            image.thumbnail((size, size))
            buffer = io.BytesIO()
            image.convert("RGBA").save(buffer, "PNG")
            return buffer.getvalue()
    except (OSError, UnidentifiedImageError, ValueError):
        return None
