"""Real media files made by the tests themselves with PyAV (no files checked in, no shell-out)."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from PIL import Image


#: samples a frame of each tone codec holds (AAC 1024, MP3 1152)
_TONE_FRAME = {"aac": 1024, "libmp3lame": 1152}


def write_media(target: str | Path | BinaryIO, format: str, pictures: Sequence[Image.Image] = (), *, fps: int = 12,
                codec: str = "libx264", codec_options: dict[str, str] | None = None, rotation: int | None = None,
                tone_seconds: float = 0.0, tone_codec: str = "aac", options: dict[str, str] | None = None) -> None:
    """The one writer of the tests' media: `pictures` as the frames of a video (`fps` a second, the first
    one's size, an optional display `rotation`) and/or a 440 Hz mono tone of `tone_seconds`, into `target` as
    `format` (`options`: the container's, e.g. faststart)."""
    import math
    import struct

    import av

    with av.open(str(target) if isinstance(target, (str, Path)) else target, "w", format=format,
                 options=options or {}) as container:
        stream = None
        if pictures:
            stream = container.add_stream(codec, rate=fps)
            (stream.width, stream.height), stream.pix_fmt = pictures[0].size, "yuv420p"
            stream.options = codec_options or {}
            if rotation is not None:
                stream.set_display_rotation(rotation)
        sound = container.add_stream(tone_codec, rate=44100, layout="mono") if tone_seconds else None
        if stream is not None:
            for index, picture in enumerate(pictures):
                frame = av.VideoFrame.from_image(picture)
                frame.pts, frame.time_base = index, Fraction(1, fps)
                for packet in stream.encode(frame):
                    container.mux(packet)
            for packet in stream.encode():
                container.mux(packet)
        if sound is not None:
            total, step = int(tone_seconds * 44100), _TONE_FRAME[tone_codec]
            for start in range(0, total, step):
                count = min(step, total - start)
                pcm = struct.pack(f"<{count}h", *(int(6000 * math.sin(2 * math.pi * 440 * (start + i) / 44100))
                                                  for i in range(count)))
                chunk = av.AudioFrame(format="s16", layout="mono", samples=count)
                chunk.planes[0].update(pcm)
                chunk.sample_rate, chunk.pts, chunk.time_base = 44100, start, Fraction(1, 44100)
                for packet in sound.encode(chunk):
                    container.mux(packet)
            for packet in sound.encode():
                container.mux(packet)


@lru_cache(maxsize=8)
def mp4_bytes(seconds: float = 2.0, width: int = 160, height: int = 96, fps: int = 12,
              audio: bool = False) -> bytes:
    """An H.264 MP4 of `seconds` with a moving colour bar (each frame differs, so a poster near 1 s is
    not the first frame), optionally with an AAC tone."""
    from PIL import Image, ImageDraw

    frames = max(1, int(seconds * fps))
    pictures = []
    for index in range(frames):
        picture = Image.new("RGB", (width, height), (40 + index * 200 // frames, 60, 200 - index * 160 // frames))
        bar = (index * width) // frames
        ImageDraw.Draw(picture).rectangle((bar, 0, bar + max(2, width // 16), height), fill=(255, 255, 255))
        pictures.append(picture)
    buffer = io.BytesIO()
    write_media(buffer, "mp4", pictures, fps=fps, codec_options={"preset": "ultrafast"},
                tone_seconds=seconds if audio else 0.0)
    return buffer.getvalue()


@lru_cache(maxsize=2)
def mp3_bytes(seconds: float = 0.5) -> bytes:
    """A real MP3 (LAME, mono 44.1 kHz) of a 440 Hz tone: a file that opens and decodes as audio."""
    buffer = io.BytesIO()
    write_media(buffer, "mp3", tone_seconds=seconds, tone_codec="libmp3lame")
    return buffer.getvalue()


@lru_cache(maxsize=2)
def song_bytes(seconds: float = 40.0, rate: int = 22050) -> bytes:
    """A real MP3 a song's length (mono, 32 kb/s) of a 440 Hz tone, made fast: one second of samples is
    computed once and repeated (440 Hz fills a second with whole cycles), so 40 s take a fraction of what
    `mp3_bytes` would."""
    import math
    import struct

    import av

    second = struct.pack(f"<{rate}h", *(int(6000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(rate)))
    buffer = io.BytesIO()
    # no Xing/Info frame: libvlc reads the length of a constant-bitrate file right only without ffmpeg's
    with av.open(buffer, "w", format="mp3", options={"write_xing": "0"}) as container:
        sound = container.add_stream("libmp3lame", rate=rate, layout="mono")
        sound.bit_rate = 32000
        total, step = int(seconds * rate), _TONE_FRAME["libmp3lame"]
        for start in range(0, total, step):
            count = min(step, total - start)
            offset = start % rate
            pcm = (second * 2)[offset * 2:(offset + count) * 2] if offset + count > rate else \
                second[offset * 2:(offset + count) * 2]
            chunk = av.AudioFrame(format="s16", layout="mono", samples=count)
            chunk.planes[0].update(pcm)
            chunk.sample_rate, chunk.pts, chunk.time_base = rate, start, Fraction(1, rate)
            for packet in sound.encode(chunk):
                container.mux(packet)
        for packet in sound.encode():
            container.mux(packet)
    return buffer.getvalue()


@dataclass(frozen=True)
class PaddedFile:
    """A file of `head`, `padding` zero bytes and `tail`, read in pieces: a 200 MB test video that never
    holds its 200 MB in memory (the relay test server runs inside the process whose memory a test measures)."""

    head: bytes
    padding: int
    tail: bytes

    def __len__(self) -> int:
        return len(self.head) + self.padding + len(self.tail)

    def pieces(self, start: int = 0, end: int | None = None, piece: int = 1024 * 1024) -> Iterator[bytes]:
        """The bytes `start` to `end` (exclusive; default the end), at most `piece` bytes at a time."""
        end = len(self) if end is None else min(end, len(self))
        zeros = bytes(piece)
        position = start
        while position < end:
            if position < len(self.head):
                chunk = self.head[position : min(end, len(self.head), position + piece)]
            elif position < len(self.head) + self.padding:
                chunk = zeros[: min(end, len(self.head) + self.padding) - position]
            else:
                offset = position - len(self.head) - self.padding
                chunk = self.tail[offset : offset + min(piece, end - position)]
            yield chunk
            position += len(chunk)

    def write_to(self, path: Path) -> Path:
        with path.open("wb") as handle:
            for chunk in self.pieces():
                handle.write(chunk)
        return path


@lru_cache(maxsize=4)
def big_mp4(size: int = 200 * 1024 * 1024) -> PaddedFile:
    """A valid MP4 of about `size` bytes: `mp4_bytes()` with a large top-level `free` box between its `ftyp`
    and its media, the chunk offsets of its sample tables moved past the box. Cut anywhere past the first
    bytes it no longer plays (the media and the index come after the padding)."""
    small = mp4_bytes()
    ftyp_end = int.from_bytes(small[:4], "big")
    assert small[4:8] == b"ftyp"
    padding = max(0, size - len(small) - 8)
    rest = _shift_chunk_offsets(small[ftyp_end:], 8 + padding)
    head = small[:ftyp_end] + (8 + padding).to_bytes(4, "big") + b"free"
    return PaddedFile(head, padding, rest)


_CONTAINER_BOXES = {b"moov", b"trak", b"mdia", b"minf", b"stbl"}


def _shift_chunk_offsets(boxes: bytes, shift: int) -> bytes:
    """`boxes` (a run of MP4 boxes) with every `stco`/`co64` chunk offset inside them moved by `shift`."""
    out = bytearray()
    position = 0
    while position + 8 <= len(boxes):
        size, kind = int.from_bytes(boxes[position : position + 4], "big"), boxes[position + 4 : position + 8]
        body = boxes[position + 8 : position + size]
        if kind in _CONTAINER_BOXES:
            body = _shift_chunk_offsets(body, shift)
        elif kind in (b"stco", b"co64"):
            width = 4 if kind == b"stco" else 8
            count = int.from_bytes(body[4:8], "big")
            entries = [int.from_bytes(body[8 + i * width : 8 + (i + 1) * width], "big") + shift for i in range(count)]
            body = body[:8] + b"".join(e.to_bytes(width, "big") for e in entries)
        out += (8 + len(body)).to_bytes(4, "big") + kind + body
        position += size
    return bytes(out)


#: the speech formats: (FFmpeg muxer, encoder), as `/v1/audio/speech` answers them (Ogg Opus, ADTS AAC)
SPEECH_FORMATS = {"mp3": ("mp3", "libmp3lame"), "wav": ("wav", "pcm_s16le"), "opus": ("ogg", "libopus"),
                  "aac": ("adts", "aac"), "flac": ("flac", "flac")}


@lru_cache(maxsize=32)
def speech_bytes(fmt: str, seconds: float = 0.5, rate: int = 24000, pitch: float = 330.0) -> bytes:
    """A real `fmt` file (a key of `SPEECH_FORMATS`) of a mono sine tone, `seconds` long at `rate` Hz:
    what the test relay answers a speech request with (OpenAI's speech is 24 kHz mono)."""
    import math
    import struct

    import av

    muxer, encoder = SPEECH_FORMATS[fmt]
    buffer = io.BytesIO()
    with av.open(buffer, "w", format=muxer) as container:
        stream = container.add_stream(encoder, rate=rate, layout="mono")
        resampler = None
        total, step, written = int(seconds * rate), 1024, 0
        for start in [*range(0, total, step), None]:
            if start is None:
                chunk = None
            else:
                count = min(step, total - start)
                pcm = struct.pack(f"<{count}h", *(int(8000 * math.sin(2 * math.pi * pitch * (start + i) / rate))
                                                  for i in range(count)))
                chunk = av.AudioFrame(format="s16", layout="mono", samples=count)
                chunk.planes[0].update(pcm)
                chunk.sample_rate = rate
            if resampler is None:
                stream.codec_context.open()
                resampler = av.AudioResampler(format=stream.format.name, layout="mono", rate=rate,
                                              frame_size=stream.codec_context.frame_size or None)
            for frame in resampler.resample(chunk):
                frame.pts, frame.time_base = written, Fraction(1, rate)
                written += frame.samples
                for packet in stream.encode(frame):
                    container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buffer.getvalue()


def silent_wav(path: Path, seconds: float, rate: int = 16000) -> Path:
    """A real mono 16-bit WAV of `seconds` of silence at `rate` Hz, written with PyAV in large frames (a
    file over 25 MB in a fraction of a second: what an upload limit is tested with)."""
    import av

    with av.open(str(path), "w", format="wav") as container:
        stream = container.add_stream("pcm_s16le", rate=rate, layout="mono")
        total, step = int(seconds * rate), rate * 10
        for start in range(0, total, step):
            count = min(step, total - start)
            frame = av.AudioFrame(format="s16", layout="mono", samples=count)
            frame.planes[0].update(bytes(count * 2))
            frame.sample_rate, frame.pts, frame.time_base = rate, start, Fraction(1, rate)
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path
