"""Real media files made by the tests themselves with PyAV (no files checked in, no shell-out)."""

from __future__ import annotations

import io
from fractions import Fraction
from functools import lru_cache


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
