"""Thumbnails made with Pillow (images) and PyAV (a video's poster frame), meant to run in worker threads
(decoding never on the UI thread).

`make_thumbnail` is the bare conversion (the chat tab's attachment previews use it directly);
`ThumbnailCache` keeps the gallery's thumbnails as files under `thumbs/`, so a library of thousands of
images and videos is decoded once, not at every start. PyAV is imported only when a video's poster is
made, never for an image.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from studio.storage.filetypes import sniff


def make_poster(path: Path | str, size: int = 160) -> bytes | None:
    """PNG bytes of a video's frame near 1 s (`studio.storage.media.poster`) scaled to fit `size`×`size`,
    or None when it has no picture or cannot be decoded."""
    from studio.storage.media import MediaError, poster  # PyAV, ~75 ms to import: only for a video

    try:
        return poster(path, size=size)
    except MediaError:
        return None


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


class ThumbnailCache:
    """PNG thumbnails on disk, one file per asset and size: `<directory>/<id[:2]>/<id>_<size>.png`.

    The two-character fan-out keeps each folder small for a library of tens of thousands of assets.
    Files are written to a temporary name and renamed into place, so worker threads making different
    (or even the same) thumbnails never see or leave a half-written file, and no lock is needed.
    Assets never change after they are saved, so a cached file stays valid until `discard`. A video's
    thumbnail is its poster frame (`make_poster`); audio has none yet.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def path_for(self, asset_id: str, size: int) -> Path:
        return self._folder(asset_id) / f"{asset_id}_{int(size)}.png"

    def get(self, asset_id: str, size: int) -> bytes | None:
        """The cached thumbnail, or None on a miss."""
        try:
            data = self.path_for(asset_id, size).read_bytes()
        except OSError:
            return None
        return data or None  # an empty file (a crash before the data reached the disk) is a miss

    def get_or_make(self, asset_id: str, source: Path, size: int) -> bytes | None:
        """The cached thumbnail, made from `source` and stored on a miss (an image scaled, a video's poster);
        None when `source` cannot be decoded (broken file) or has no picture (audio), in which case nothing
        is cached and the next call tries again."""
        cached = self.get(asset_id, size)
        if cached is not None:
            return cached
        data = _make(source, size)
        if data is None:
            return None
        try:
            self._write(self.path_for(asset_id, size), data)
        except OSError:
            pass  # a full or read-only disk costs a re-decode next time, not the thumbnail
        return data

    def discard(self, asset_id: str) -> None:
        """Remove every file named `<id>_*` in the asset's folder: each size of its thumbnail, a temporary
        file a crash left behind, and other previews derived from the asset and kept beside them (the
        Midjourney panel's grid quadrants, `<id>_q1.png` …)."""
        folder = self._folder(asset_id)
        if not folder.is_dir():
            return
        for path in folder.glob(f"{asset_id}_*"):
            path.unlink(missing_ok=True)

    def _folder(self, asset_id: str) -> Path:
        if not asset_id or any(c in asset_id for c in "/\\.*?[]_"):
            raise ValueError(f"not an asset id: {asset_id!r}")
        return self.directory / asset_id[:2]

    @staticmethod
    def _write(target: Path, data: bytes) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=target.stem + "_", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _make(source: Path, size: int) -> bytes | None:
    """A thumbnail by what the file's first bytes say it is: Pillow for an image (or a file no signature
    names), a poster for a video, none for audio, so Pillow is never asked to open a large video."""
    try:
        with open(source, "rb") as stream:
            head = stream.read(32)
    except OSError:
        return None
    mime = sniff(head)
    if mime is None or mime.startswith("image/"):
        return make_thumbnail(source, size)
    if mime.startswith("video/"):
        return make_poster(source, size)
    return None
