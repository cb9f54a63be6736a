"""Local input files checked before anything is sent or charged.

Content is recognised by its first bytes, not its name, so an image renamed `.mp3` (or an HTML page
saved as `.png`) is caught here with one sentence.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path

from studio.errors import InputError
from studio.storage.filetypes import decodes, sniff_heif, sniff_image

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_FILE_BYTES = 50 * 1024 * 1024

@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    kind: str  # "image" | "file"
    mime: str
    size: int
    #: the name the user knows it by (a stored copy's path has a random name)
    name: str | None = None

    @property
    def filename(self) -> str:
        return self.name or self.path.name


def _existing(path: Path | str) -> tuple[Path, int]:
    p = Path(path).expanduser()
    if not p.exists():
        raise InputError(f"{p} does not exist.")
    if not p.is_file():
        raise InputError(f"{p} is not a file.")
    return p.resolve(), p.stat().st_size


def _too_big(path: Path, size: int, limit: int) -> InputError:
    return InputError(
        f"{path.name} is {_human(size)}; attachments of this kind are limited to {_human(limit)}."
    )


def check_image(path: Path | str) -> InputFile:
    p, size = _existing(path)
    if size > MAX_IMAGE_BYTES:
        raise _too_big(p, size, MAX_IMAGE_BYTES)
    with p.open("rb") as handle:
        mime = sniff_image(handle.read(16))
    if mime is None:
        raise InputError(f"{p.name} is not a PNG, JPEG, GIF or WebP image.")
    return InputFile(p, "image", mime, size)


def check_frame(path: Path | str) -> InputFile:
    """A picture for a video's start or end frame: what `check_image` takes, and HEIF photos (which the
    video service re-encodes, as no family takes them as they are). The whole picture is decoded, so a
    file with a sound header and a damaged body is refused before the job is saved (call in a worker
    thread: a large photo takes a fraction of a second)."""
    p, size = _existing(path)
    if size > MAX_IMAGE_BYTES:
        raise _too_big(p, size, MAX_IMAGE_BYTES)
    with p.open("rb") as handle:
        head = handle.read(16)
    mime = sniff_image(head) or sniff_heif(head)
    if mime is None:
        raise InputError(f"{p.name} is not a PNG, JPEG, GIF, WebP or HEIC picture.")
    if mime == "image/heic":
        allow_heif()
    if not decodes(p, mime):  # a paid job must not be sent with a picture the relay cannot read
        raise InputError(f"{p.name} is damaged: it does not decode as a picture.")
    return InputFile(p, "image", mime, size)


def allow_heif() -> None:
    """Teach Pillow HEIF (iPhone photos); done only when such a photo is used."""
    import pillow_heif

    pillow_heif.register_heif_opener()


def check_document(path: Path | str) -> InputFile:
    p, size = _existing(path)
    if size > MAX_FILE_BYTES:
        raise _too_big(p, size, MAX_FILE_BYTES)
    with p.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(b"%PDF"):
        return InputFile(p, "file", "application/pdf", size)
    image = sniff_image(head)
    if image:
        return InputFile(p, "image", image, size)
    if b"\x00" in head:
        raise InputError(f"{p.name} is neither a PDF nor a text file.")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # a split character at the cut is fine
            raise InputError(f"{p.name} is not UTF-8 text or a PDF.") from None
    guessed = mimetypes.guess_type(p.name)[0] or "text/plain"
    return InputFile(p, "file", guessed if guessed.startswith("text/") else "text/plain", size)


def _human(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"
