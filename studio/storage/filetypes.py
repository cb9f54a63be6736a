"""What a file is, from its first bytes rather than its name: an image renamed `.mp3`, or an HTML
error page saved as `.png`, is recognised for what it is."""

from __future__ import annotations

import codecs
from pathlib import Path

#: the kind asked for when only the content can tell: any image, video or audio (never text, so an
#: HTML error page is still refused)
MEDIA = "media"
_MEDIA_KINDS = ("image/", "video/", "audio/")

_IMAGE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


_AUDIO_VIDEO = ((b"ID3", "audio/mpeg"), (b"\xff\xfb", "audio/mpeg"), (b"\xff\xf3", "audio/mpeg"),
                (b"OggS", "audio/ogg"), (b"fLaC", "audio/flac"), (b"RIFF", "audio/wav"),
                # ADTS AAC: the 12-bit sync word, then layer bits 00 (MP3's frames say layer 3)
                (b"\xff\xf1", "audio/aac"), (b"\xff\xf9", "audio/aac"))
_EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp",
               "image/heic": ".heic",
               "video/mp4": ".mp4", "audio/mpeg": ".mp3", "audio/ogg": ".ogg", "audio/flac": ".flac",
               "audio/wav": ".wav", "video/webm": ".webm", "text/plain": ".txt", "video/quicktime": ".mov",
               "audio/mp4": ".m4a", "audio/aac": ".aac"}
#: `ftyp` major brands that are not MP4 video: iTunes audio (and audiobooks), QuickTime movies
_FTYP_BRANDS = {b"M4A ": "audio/mp4", b"M4B ": "audio/mp4", b"qt  ": "video/quicktime"}


def sniff_image(head: bytes) -> str | None:
    """The MIME type of an image from its first bytes, or None."""
    for signature, mime in _IMAGE_SIGNATURES:
        if head.startswith(signature):
            return mime
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


#: the ISO-BMFF brands of HEIF pictures (iPhone photos): `ftyp` boxes that are not videos
_HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"})


def sniff_heif(head: bytes) -> str | None:
    """`image/heic` for a HEIF picture's first bytes (a format only some families take), else None."""
    return "image/heic" if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS else None


def sniff(head: bytes) -> str | None:
    """The media type of a file from its first bytes (images, MP4/QuickTime/WebM, common audio), or None."""
    image = sniff_image(head)
    if image:
        return image
    if head[4:8] == b"ftyp":
        return sniff_heif(head) or _FTYP_BRANDS.get(head[8:12], "video/mp4")
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm"
    for signature, mime in _AUDIO_VIDEO:
        if head.startswith(signature):
            return "audio/wav" if mime == "audio/wav" and head[8:12] != b"WAVE" else mime
    return None


def looks_like_text(head: bytes) -> bool:
    """Whether the first bytes of a file are UTF-8 text without NUL bytes (a character cut at the end of
    `head` is allowed: it is only the start of the file)."""
    if not head or b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def sniff_kind(head: bytes, kind: str) -> str | None:
    """The media type of a file whose first bytes show it is a `kind` ("image", "video", "audio", "text",
    or `MEDIA`: any of the first three), else None. Text is `text/plain`: UTF-8 without NUL bytes."""
    if kind == "text":  # media files have NUL bytes or bytes UTF-8 forbids within their first few
        return "text/plain" if looks_like_text(head) else None
    mime = sniff(head)
    if mime is None:
        return None
    if kind == "audio" and mime == "video/mp4":
        # an `isom`/`mp42` box says nothing of what it holds: songs come in it too (`decodes` then
        # checks that an audio stream is really there)
        return "audio/mp4"
    wanted = _MEDIA_KINDS if kind == MEDIA else (kind + "/",)
    return mime if mime.startswith(wanted) else None


def extension_for(mime: str) -> str:
    return _EXTENSIONS.get(mime, ".bin")


def decodes(path: Path, mime: str) -> bool:
    """Whether the whole file at `path` decodes as `mime` (call in a worker thread).

    Images are loaded fully by Pillow, so a file whose tail is missing or damaged is caught even though
    its first bytes look right; text must be valid UTF-8 without NUL bytes from start to end. Audio and
    video are opened with PyAV and every packet demuxed, with one frame decoded (`studio.storage.media.verify`):
    a file cut short or with a damaged container fails."""
    if mime == "text/plain":
        data = path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return b"\x00" not in data
    if mime.startswith(("video/", "audio/")):
        from studio.storage.media import verify  # PyAV, ~75 ms to import: only where a result is checked

        return verify(path, mime)
    if not mime.startswith("image/"):
        return True
    from PIL import Image  # ~30 ms import: only where a result is checked

    try:
        with Image.open(path) as image:
            image.verify()  # the container: chunk checksums (PNG), markers, the declared sizes
        with Image.open(path) as image:
            image.load()  # the pixels: a cut or damaged tail fails here
    except Exception:  # Pillow raises OSError, SyntaxError, ValueError, struct.error … on damaged files
        return False
    return True
