"""Real media files made by the tests themselves with PyAV (no files checked in, no shell-out)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=8)
def mp4_bytes(seconds: float = 2.0, width: int = 160, height: int = 96, fps: int = 12,
              audio: bool = False) -> bytes:
    """An H.264 MP4 of `seconds` with a moving colour bar (each frame differs, so a poster near 1 s is
    not the first frame), optionally with an AAC tone."""
    import math
    import struct

    import av
    from PIL import Image, ImageDraw

    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"preset": "ultrafast"}
        sound = container.add_stream("aac", rate=44100, layout="mono") if audio else None
        frames = max(1, int(seconds * fps))
        for index in range(frames):
            picture = Image.new("RGB", (width, height), (40 + index * 200 // frames, 60, 200 - index * 160 // frames))
            bar = (index * width) // frames
            ImageDraw.Draw(picture).rectangle((bar, 0, bar + max(2, width // 16), height), fill=(255, 255, 255))
            frame = av.VideoFrame.from_image(picture)
            frame.pts = index
            frame.time_base = Fraction(1, fps)
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
        if sound is not None:
            total = int(seconds * 44100)
            for start in range(0, total, 1024):
                count = min(1024, total - start)
                pcm = struct.pack(f"<{count}h", *(int(6000 * math.sin(2 * math.pi * 440 * (start + i) / 44100))
                                                  for i in range(count)))
                chunk = av.AudioFrame(format="s16", layout="mono", samples=count)
                chunk.planes[0].update(pcm)
                chunk.sample_rate = 44100
                chunk.pts = start
                chunk.time_base = Fraction(1, 44100)
                for packet in sound.encode(chunk):
                    container.mux(packet)
            for packet in sound.encode():
                container.mux(packet)
    return buffer.getvalue()


@lru_cache(maxsize=2)
def mp3_bytes(seconds: float = 0.5) -> bytes:
    """A real MP3 (LAME, mono 44.1 kHz) of a 440 Hz tone: a file that opens and decodes as audio."""
    import math
    import struct

    import av

    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp3") as container:
        stream = container.add_stream("libmp3lame", rate=44100, layout="mono")
        total = int(seconds * 44100)
        for start in range(0, total, 1152):
            count = min(1152, total - start)
            pcm = struct.pack(f"<{count}h", *(int(6000 * math.sin(2 * math.pi * 440 * (start + i) / 44100))
                                              for i in range(count)))
            chunk = av.AudioFrame(format="s16", layout="mono", samples=count)
            chunk.planes[0].update(pcm)
            chunk.sample_rate = 44100
            chunk.pts = start
            chunk.time_base = Fraction(1, 44100)
            for packet in stream.encode(chunk):
                container.mux(packet)
        for packet in stream.encode():
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
