"""Video and audio files, read in-process with PyAV (FFmpeg's libraries; no shell-out, no `ffprobe` on
the PATH): what a file holds (`probe`), whether it is whole (`verify`), and a poster frame (`poster`).

A relay's video is a 50-500 MB download whose first bytes can look right while its tail is missing, so
a result is checked before it becomes an asset: the container is opened and every packet demuxed
(no decoding, so 500 MB take a fraction of a second: benchmarks/video.py measures it), and one frame is
decoded. PyAV costs ~75 ms to import, so it is imported on first use, never by `studio --help`, the
app's start or an image's thumbnail. Every function reads files and decodes: call them in worker
threads.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from studio.errors import StudioError

if TYPE_CHECKING:
    from av.container import InputContainer
    from av.video.frame import VideoFrame
    from av.video.stream import VideoStream
    from PIL import Image

#: how far a demuxed stream may end before the duration its container declares (rounding, a last
#: frame's length) and still count as whole
_END_SLACK = 0.5
#: formats whose duration FFmpeg estimates from the bit rate, so it cannot tell a file is short
_ESTIMATED_DURATION = frozenset({"mp3", "aac", "ac3", "eac3"})
#: a frame this close before the wanted time counts as at it (timestamps are rounded to the time base)
_TIME_EPSILON = 1e-3


class MediaError(StudioError):
    """A file that is not video or audio PyAV can read, or that has no picture to take a poster from."""


@dataclass(frozen=True, slots=True)
class MediaInfo:
    """What `probe` reads from a file's headers."""

    duration: float | None  # seconds
    width: int | None  # of the first video stream, as coded
    height: int | None
    video: bool
    audio: bool
    container: str  # FFmpeg's demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"
    video_codec: str | None  # "h264", "hevc", "vp9", "av1" …
    audio_codec: str | None  # "aac", "mp3", "opus" …


def probe(path: Path | str) -> MediaInfo:
    """What the file at `path` holds, from its headers (nothing is decoded); `MediaError` when it is not
    a video or audio file."""
    with _opened(path) as container:
        video = container.streams.video[0] if container.streams.video else None
        audio = container.streams.audio[0] if container.streams.audio else None
        if video is None and audio is None:
            raise MediaError(f"{Path(path).name} holds no video or audio.")
        return MediaInfo(
            duration=_duration(container),
            width=(video.codec_context.width or None) if video else None,
            height=(video.codec_context.height or None) if video else None,
            video=video is not None, audio=audio is not None, container=container.format.name,
            video_codec=video.codec_context.name if video else None,
            audio_codec=audio.codec_context.name if audio else None,
        )


def verify(path: Path | str, mime: str) -> bool:
    """Whether the file at `path` is a whole `mime` ("video/…" or "audio/…") file: it opens, holds a stream
    of that kind, every packet demuxes intact (none cut short by the end of the file, none missing from
    the count the header declares, none ending well before the declared duration) and the first frame of
    that stream decodes."""
    import av

    wanted = "video" if mime.startswith("video/") else "audio"
    try:
        with av.open(str(path)) as container:
            streams = [*container.streams.video, *container.streams.audio]
            of_kind = container.streams.video if wanted == "video" else container.streams.audio
            if not of_kind:
                return False
            main = of_kind[0]
            counts = dict.fromkeys((s.index for s in streams), 0)
            end = 0.0  # seconds: where the latest packet ends
            decoded = False
            for packet in container.demux(streams):
                if packet.size == 0:  # the empty packet that ends each stream
                    continue
                if packet.is_corrupt:  # FFmpeg marks a packet the end of the file cut short
                    return False
                counts[packet.stream.index] += 1
                if packet.pts is not None and packet.time_base is not None:
                    end = max(end, float((packet.pts + (packet.duration or 0)) * packet.time_base))
                if not decoded and packet.stream.index == main.index:
                    decoded = bool(main.decode(packet))  # a decoder may hold the first few packets back
            if not decoded:
                decoded = bool(main.decode(None))  # what it held back
            if not decoded:
                return False
            if any(0 < s.frames and counts[s.index] < s.frames for s in streams):
                return False  # an MP4 lists every sample; some were never there
            declared = container.duration / 1_000_000 if container.duration else None
            start = container.start_time / 1_000_000 if container.start_time else 0.0
            if (declared and container.format.name not in _ESTIMATED_DURATION
                    and end - start < declared - max(_END_SLACK, 0.02 * declared)):
                return False  # Matroska/WebM, WAV, FLAC: the header's duration is more than arrived
    except (av.FFmpegError, OSError, ValueError, EOFError):
        return False
    return True


def poster(path: Path | str, at: float = 1.0, size: int = 160) -> bytes:
    """PNG bytes of the video's frame at `at` seconds (at most half its duration, so a short clip shows
    its middle): the first frame whose time is at or after it, found by seeking to the key frame before
    and decoding forward. Scaled to fit `size`×`size` like image thumbnails, turned upright when the file
    says it was filmed rotated. `MediaError` when there is no picture."""
    import av

    name = Path(path).name
    with _opened(path) as container:
        if not container.streams.video:
            raise MediaError(f"{name} has no picture to show.")
        stream = container.streams.video[0]
        try:
            frame = _frame_at(container, stream, at)
        except (av.FFmpegError, ValueError, EOFError):
            raise MediaError(f"{name} could not be decoded.") from None
        if frame is None:
            raise MediaError(f"{name} has no picture to show.")
        display = _display_width(frame.width, stream)
        width, height = _fit(display, frame.height, size)
        rotation = round(frame.rotation or 0) % 360
        if rotation in (90, 270):
            width, height = _fit(frame.height, display, size)[::-1]  # fitted as the upright picture will be
        # scaled by FFmpeg while it converts to RGB (area averaging: no aliasing in a small picture)
        image: Image.Image = frame.to_image(width=width, height=height,  # type: ignore[no-untyped-call]
                                            interpolation="AREA")
    if rotation:
        image = image.rotate(rotation, expand=True)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _frame_at(container: InputContainer, stream: VideoStream, at: float) -> VideoFrame | None:
    base = stream.time_base
    first = float(stream.start_time * base) if stream.start_time is not None and base else 0.0
    duration = _duration(container)
    target = max(0.0, min(at, duration / 2) if duration else at)
    if target > 0 and base:
        container.seek(int((first + target) / base), stream=stream, backward=True)  # the key frame before
    chosen = None
    for frame in container.decode(stream):
        chosen = frame
        if frame.time is not None and frame.time - first >= target - _TIME_EPSILON:
            break
    return chosen  # past the end (a header that overstates the duration): the last frame there is


def _display_width(width: int, stream: VideoStream) -> int:
    """The width a player shows: anamorphic video has pixels that are not square."""
    ratio = stream.sample_aspect_ratio
    return max(1, round(width * ratio)) if ratio and ratio > 0 else width


def _fit(width: int, height: int, size: int) -> tuple[int, int]:
    """`width`×`height` scaled down (never up) to fit `size`×`size`, as Pillow's `thumbnail` does."""
    scale = min(1.0, size / max(width, height, 1))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _duration(container: InputContainer) -> float | None:
    if container.duration:
        return float(container.duration / 1_000_000)
    for stream in (*container.streams.video, *container.streams.audio):
        if stream.duration and stream.time_base:
            return float(stream.duration * stream.time_base)
    return None


class _opened:
    """`av.open` for reading, its failures as one `MediaError` sentence."""

    def __init__(self, path: Path | str) -> None:
        self._path = Path(path)
        self._container: InputContainer | None = None

    def __enter__(self) -> InputContainer:
        import av  # ~75 ms, on first use
        try:
            self._container = av.open(str(self._path))
        except FileNotFoundError:
            raise MediaError(f"The file {self._path.name} is missing.") from None
        except (av.FFmpegError, OSError, ValueError, EOFError):
            raise MediaError(f"{self._path.name} is not a video or audio file that can be read.") from None
        return self._container

    def __exit__(self, *exc: object) -> None:
        if self._container is not None:
            self._container.close()
