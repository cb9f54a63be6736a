"""Sounds whose loudness changes over time, for waveform thumbnails to have a shape to show (a steady tone
draws a flat band): a 220 Hz tone under a slow swell and a beat, written with PyAV like the other test media
(tests/support/media.py)."""

from __future__ import annotations

import io
import math
import struct
from fractions import Fraction
from functools import lru_cache


@lru_cache(maxsize=8)
def song_bytes(seconds: float = 8.0, rate: int = 44100, swell: float = 3.0, fmt: str = "mp3") -> bytes:
    """A real mono MP3 (or `fmt` "wav") of `seconds`: loud and quiet stretches every `swell` seconds."""
    import av

    muxer, encoder = {"mp3": ("mp3", "libmp3lame"), "wav": ("wav", "pcm_s16le")}[fmt]
    buffer = io.BytesIO()
    with av.open(buffer, "w", format=muxer) as container:
        stream = container.add_stream(encoder, rate=rate, layout="mono")
        stream.codec_context.open()
        resampler = av.AudioResampler(format=stream.format.name, layout="mono", rate=rate,
                                      frame_size=stream.codec_context.frame_size or None)
        total, step, written = int(seconds * rate), rate // 20, 0
        for start in [*range(0, total, step), None]:
            chunk = None
            if start is not None:
                count = min(step, total - start)
                moment = start / rate
                level = (0.55 + 0.45 * math.sin(2 * math.pi * moment / swell)) * (0.6 + 0.4 * abs(math.sin(
                    math.pi * moment * 2)))
                pcm = struct.pack(f"<{count}h", *(int(24000 * level * math.sin(2 * math.pi * 220 * (start + i) / rate))
                                                  for i in range(count)))
                chunk = av.AudioFrame(format="s16", layout="mono", samples=count)
                chunk.planes[0].update(pcm)
                chunk.sample_rate = rate
            for frame in resampler.resample(chunk):
                frame.pts, frame.time_base = written, Fraction(1, rate)
                written += frame.samples
                for packet in stream.encode(frame):
                    container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buffer.getvalue()
