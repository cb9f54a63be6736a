"""Waveform thumbnails: the picture of a sound that has no cover, for the Gallery's audio cells.

A song or a voice-over has no frame to show, so its cell shows the shape of its loudness over time. The
file is decoded as a stream with PyAV, frame by frame (never whole into memory: an hour of audio keeps a
few hundred kilobytes of peaks); of each decoded frame every channel's samples are read, one in
every few (about 2,000 a second, still several a period of a bass note: a 160-pixel tile shows seconds
per bar, and fewer samples cost less Python), reduced to one peak per short block, then to one bar per
few pixels, and drawn with Pillow as an opaque tile whose own colours read the same on a light and a dark
theme (the PNG is cached on disk, so it cannot follow the theme). A file that cannot be decoded or holds no
sound gets a neutral placeholder tile instead, never an exception. Decoding is CPU work: call
`make_waveform` in a worker thread (the Gallery's thumbnail pool).
"""

from __future__ import annotations

import io
from array import array
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

#: samples a second the peaks are taken from: every n-th sample of the decoded stream (no filter: a peak is
#: a peak, and a resampler would cost more than the decoding)
PEAK_RATE = 2000
#: seconds of sound per stored peak: fine enough for any thumbnail width, few enough for an hour
BLOCK_SECONDS = 0.032
#: the tile's background (a deep slate) and the bars' colour (a light sky blue): readable on either theme
BACKGROUND = (36, 46, 66)
BARS = (140, 200, 255)
#: the placeholder's flat line
MUTED = (112, 124, 146)
#: bar width and the gap after it, in pixels of the final tile
BAR, GAP = 2, 1
#: the picture is drawn this many times larger and scaled down: smooth bar ends without antialiasing code
_SUPERSAMPLE = 2


def waveform_peaks(path: Path | str) -> array[float]:
    """The peak (0 to 1 of full scale) of each `BLOCK_SECONDS` of the first audio stream of `path`, decoded
    as a stream. `MediaError` when the file cannot be opened or decoded, or holds no sound."""
    import av

    from studio.storage.audio_frames import SAMPLE_KINDS, channel_samples
    from studio.storage.media import MediaError

    name = Path(path).name
    peaks = array("f")  # 4 bytes a peak: an hour's 112,500 peaks in 450 KB
    carries: list[array[Any]] = []  # one a channel: the samples read not yet in a block
    scale = 1.0
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise MediaError(f"{name} holds no sound.")
            stream = container.streams.audio[0]
            resampler = None
            for frame in container.decode(stream):
                if resampler is None and frame.format.name not in SAMPLE_KINDS:
                    resampler = av.AudioResampler(format="s16", layout="mono")  # an unusual format: converted
                for chunk in (resampler.resample(frame) if resampler is not None else (frame,)):
                    rate = chunk.sample_rate or PEAK_RATE
                    every = max(1, round(rate / PEAK_RATE))
                    block = max(1, round(rate / every * BLOCK_SECONDS))
                    found = channel_samples(chunk, every)  # every channel: a sound on one side is drawn
                    assert found is not None
                    channels, scale = found
                    if len(carries) != len(channels):
                        carries = [array(c.typecode) for c in channels]  # (one sample format per stream)
                    for carry, picked in zip(carries, channels, strict=True):
                        carry.extend(picked)
                    usable = len(carries[0]) - len(carries[0]) % block
                    for start in range(0, usable, block):
                        peaks.append(min(1.0, _peak(c[start:start + block] for c in carries) / scale))
                    for carry in carries:
                        del carry[:usable]
    except MediaError:
        raise
    except FileNotFoundError:
        raise MediaError(f"The file {name} is missing.") from None
    except (av.FFmpegError, OSError, ValueError, EOFError, IndexError, KeyError):
        raise MediaError(f"{name} is not an audio file that can be decoded.") from None
    if carries and carries[0]:
        peaks.append(min(1.0, _peak(carries) / scale))  # the last part of a block
    if not peaks:
        raise MediaError(f"{name} holds no sound.")
    return peaks


def _peak(parts: Iterable[Sequence[float]]) -> float:
    """The largest magnitude in any of `parts` (a block's samples of each channel)."""
    return max((max(max(part), -min(part)) for part in parts if part), default=0.0)


def bars(peaks: Sequence[float], count: int) -> list[float]:
    """`peaks` reduced to `count` bar heights between 0 and 1: the loudest peak of each stretch, scaled so
    the clip's loudest bar fills the height (a quiet recording still shows its shape). All zeros for silence."""
    if count <= 0 or not peaks:
        return [0.0] * max(0, count)
    heights = []
    for i in range(count):
        start = i * len(peaks) // count
        end = max(start + 1, (i + 1) * len(peaks) // count)
        heights.append(max(peaks[start:end]))
    top = max(heights)
    if top < 0.001:  # below -60 dBFS: silence, whatever dither or noise the encoder left
        return [0.0] * count
    return [h / top for h in heights]


def draw_waveform(heights: Sequence[float] | None, size: int) -> bytes:
    """PNG bytes of a `size`×`size` tile: bars of `heights` mirrored about the middle, or (None) the
    placeholder, a flat line, for a sound that could not be read."""
    from PIL import Image, ImageDraw

    scale = _SUPERSAMPLE
    side = size * scale
    image = Image.new("RGB", (side, side), BACKGROUND)
    draw = ImageDraw.Draw(image)
    middle = side / 2
    margin = size * 0.12 * scale  # room for the duration badge below, the favourite star above
    reach = middle - margin
    if heights is None:
        draw.rounded_rectangle((side * 0.2, middle - scale, side * 0.8, middle + scale), radius=scale, fill=MUTED)
    else:
        pitch = (BAR + GAP) * scale
        left = (side - len(heights) * pitch + GAP * scale) / 2
        for i, height in enumerate(heights):
            half = max(scale * 0.5, height * reach)
            x = left + i * pitch
            draw.rounded_rectangle((x, middle - half, x + BAR * scale - 1, middle + half), radius=scale // 2,
                                   fill=BARS)
    if scale != 1:
        image = image.resize((size, size), Image.Resampling.BOX)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=1)  # ~3 KB either way; level 1 is several times faster
    return buffer.getvalue()


def bar_count(size: int) -> int:
    """How many bars fit a tile `size` pixels wide, with a margin on each side."""
    return max(1, int(size * 0.84) // (BAR + GAP))


def make_waveform(path: Path | str, size: int = 160) -> tuple[bytes, bool]:
    """(PNG bytes, True) of the sound's waveform tile, or (the placeholder tile, False) when it cannot be
    decoded or holds no sound (a broken or empty file): the caller caches only a real waveform."""
    from studio.storage.media import MediaError

    try:
        peaks = waveform_peaks(path)
    except MediaError:
        return draw_waveform(None, size), False
    return draw_waveform(bars(peaks, bar_count(size)), size), True
