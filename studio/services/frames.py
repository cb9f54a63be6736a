"""Pictures made ready for a video family before its job is saved (call in a worker thread).

A family that refuses a format (WebP for Kling, Luma, Runway, …) or a size gets a re-encoded copy —
PNG where the picture has transparency, else JPEG — scaled down to the family's longest side; a frame it
takes as it is goes unchanged. Nothing is sent that the family would refuse after charging.
"""

from __future__ import annotations

from pathlib import Path

from studio.errors import InputError
from studio.services.inputs import InputFile, allow_heif

#: the quality of a re-encoded JPEG frame: visually lossless for a start frame
JPEG_QUALITY = 92


def needs_conversion(item: InputFile, formats: tuple[str, ...], max_side: int | None) -> bool:
    if item.mime not in formats:
        return True
    if max_side is None:
        return False
    width, height = _size(item.path)
    return max(width, height) > max_side


def convert_frame(item: InputFile, target_stem: Path, formats: tuple[str, ...], max_side: int | None) -> InputFile:
    """Write `item` as PNG or JPEG (whichever `formats` has, PNG first for transparency) next to
    `target_stem`, scaled so its longest side is at most `max_side`; returns the new file."""
    from PIL import Image, ImageOps  # ~30 ms import: only when a frame must be re-encoded

    if item.mime == "image/heic":
        allow_heif()
    try:
        with Image.open(item.path) as opened:
            image = ImageOps.exif_transpose(opened)
            image.load()
    except Exception:  # Pillow raises many kinds on damaged files
        raise InputError(f"{item.filename} could not be read as a picture.") from None
    if max_side is not None and max(image.size) > max_side:
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    choices = [m for m in (("image/png", "image/jpeg") if transparent else ("image/jpeg", "image/png"))
               if m in formats]
    if not choices:
        raise InputError(f"{item.filename} cannot be sent in a format this model takes.")
    mime = choices[0]
    target_stem.parent.mkdir(parents=True, exist_ok=True)
    if mime == "image/png":
        path = target_stem.with_suffix(".png")
        image.save(path, "PNG", optimize=False)
    else:
        path = target_stem.with_suffix(".jpg")
        image.convert("RGB").save(path, "JPEG", quality=JPEG_QUALITY)
    stem = Path(item.filename).stem
    return InputFile(path, "image", mime, path.stat().st_size, name=f"{stem}{path.suffix}")


def _size(path: Path) -> tuple[int, int]:
    from PIL import Image

    try:
        with Image.open(path) as image:
            return image.size
    except Exception:
        raise InputError(f"{path.name} could not be read as a picture.") from None
