"""Thumbnails made with Pillow (images), PyAV (a video's poster frame) and both (a sound's waveform,
studio/gallery/waveform.py), meant to run in worker threads (decoding never on the UI thread).

`make_thumbnail` is the bare conversion (the chat tab's attachment previews use it directly);
`ThumbnailCache` keeps the gallery's thumbnails as files under `thumbs/`, so a library of thousands of
images, videos and sounds is decoded once, not at every start. PyAV is imported only when a video's poster
or a sound's waveform is made, never for an image. A song with a cover (a Suno clip) shows the cover instead
of its waveform: `find_cover` picks it among the assets of the same job.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from studio.storage.filetypes import sniff

if TYPE_CHECKING:
    from studio.gallery.store import Asset


def make_poster(path: Path | str, size: int = 160) -> bytes | None:
    """PNG bytes of a video's frame near 1 s (`studio.storage.media.poster`) scaled to fit `size`×`size`,
    or None when it has no picture or cannot be decoded."""
    from studio.storage.media import MediaError, poster  # PyAV, ~75 ms to import: only for a video

    try:
        return poster(path, size=size)
    except MediaError:
        return None


def make_waveform(path: Path | str, size: int = 160) -> tuple[bytes, bool]:
    """(PNG bytes of the sound's waveform tile, True), or (its neutral placeholder, False) when the file
    cannot be decoded or holds no sound (studio/gallery/waveform.py)."""
    from studio.gallery.waveform import make_waveform as draw  # PyAV: only for a sound

    return draw(path, size)


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
    thumbnail is its poster frame (`make_poster`), a sound's its waveform (`make_waveform`).
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

    def get_or_make(self, asset_id: str, source: Path, size: int, kind: str | None = None) -> bytes | None:
        """The cached thumbnail, made from `source` and stored on a miss (an image scaled, a video's poster, a
        sound's waveform); None when `source` cannot be decoded (broken file) or has no picture, in which
        case nothing is cached and the next call tries again. A sound that cannot be decoded gets the
        waveform's neutral placeholder, and a "no waveform" mark is kept (`<id>_<size>.none`, naming the file's
        size and modification time), so a damaged hour-long file is not decoded again at every start — until
        the file changes. `kind` "audio" (the asset's kind) asks for the waveform whatever the file's first
        bytes say."""
        cached = self.get(asset_id, size)
        if cached is not None:
            return cached
        stamp = _stamp(source) if kind == "audio" else None
        mark = self._folder(asset_id) / f"{asset_id}_{int(size)}.none"
        if stamp is not None and _read_text(mark) == stamp:
            from studio.gallery.waveform import draw_waveform

            return draw_waveform(None, size)  # known not to decode: the placeholder, nothing decoded
        data, keep = make_waveform(source, size) if kind == "audio" else _make(source, size)
        if data is not None and not keep and stamp is not None:
            try:
                self._write(mark, stamp.encode())
            except OSError:
                pass  # the sound is tried again next time
        if data is None or not keep:
            return data
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


def _stamp(path: Path) -> str | None:
    """What identifies a file's content cheaply: its size and modification time (None when it cannot be read)."""
    try:
        status = path.stat()
    except OSError:
        return None
    return f"{status.st_size}:{status.st_mtime_ns}"


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text("ascii")
    except (OSError, UnicodeDecodeError):
        return None


def find_cover(audio: Asset, siblings: Iterable[Asset]) -> Asset | None:
    """The cover of a song among the assets its job saved (`GalleryStore.for_job`): the picture whose
    `clip_id` (metadata) is the song's. None for a sound without a clip id or whose cover is not saved."""
    clip = audio.metadata.get("clip_id")
    if audio.kind != "audio" or not clip or not isinstance(clip, str):
        return None
    for asset in siblings:
        if asset.kind == "image" and asset.metadata.get("clip_id") == clip and asset.job_id == audio.job_id:
            return asset
    return None


def _make(source: Path, size: int) -> tuple[bytes | None, bool]:
    """A thumbnail by what the file's first bytes say it is, and whether to keep it: Pillow for an image
    (or a file no signature names), a poster for a video, a waveform for a sound (its placeholder, not
    kept, when it cannot be decoded), so Pillow is never asked to open a large video or a song."""
    try:
        with open(source, "rb") as stream:
            head = stream.read(32)
    except OSError:
        return None, False
    mime = sniff(head)
    if mime is None or mime.startswith("image/"):
        data = make_thumbnail(source, size)
    elif mime.startswith("video/"):
        data = make_poster(source, size)
    elif mime.startswith("audio/"):
        return make_waveform(source, size)
    else:
        data = None
    return data, data is not None
