"""Long recordings for the split path of transcription, made in a fraction of a second without numpy.

`bursts_wav` writes a mono 16-bit WAV with the stdlib `wave` module: a tone "spoken" for `speak` seconds,
then `pause` seconds of silence, over and over. One period is built once and written again and again, so
a 40-minute file (38 MB at 8 kHz, over the 25 MB upload limit) takes well under a second. The relay test
server's case ``hear-bursts`` answers one line a burst, so `assert_every_burst_once` checks a transcript
made in parts against the recording itself.
"""

from __future__ import annotations

import math
import struct
import wave
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SPEAK = 3.0
PAUSE = 1.0


def bursts_wav(path: Path, seconds: float, *, rate: int = 8000, speak: float = SPEAK, pause: float = PAUSE) -> Path:
    """A WAV of `seconds` made of `speak`-second tone bursts, each followed by `pause` seconds of silence."""
    voiced = int(speak * rate)
    period = [int(8000 * math.sin(2 * math.pi * 220 * i / rate) * (1 + 0.5 * math.sin(2 * math.pi * 3 * i / rate)))
              for i in range(voiced)]
    period += [0] * int(pause * rate)
    chunk = struct.pack(f"<{len(period)}h", *period)
    total = int(seconds * rate) * 2
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        written = 0
        while written < total:
            piece = chunk[:total - written]
            out.writeframes(piece)
            written += len(piece)
    return path


def is_pause(at: float, *, speak: float = SPEAK, pause: float = PAUSE) -> bool:
    """Whether second `at` of a `bursts_wav` recording is inside one of its silences."""
    return speak <= at % (speak + pause) <= speak + pause


def bursts(seconds: float, *, speak: float = SPEAK, pause: float = PAUSE) -> list[tuple[float, float]]:
    """The (start, end) seconds of every burst of a `bursts_wav` recording `seconds` long."""
    period = speak + pause
    count = int(seconds // period) + (seconds % period > 0)
    return [(k * period, min(k * period + speak, seconds)) for k in range(count)]


def assert_every_burst_once(lines: Sequence[Any], seconds: float, *, within: float = 0.05) -> None:
    """Every burst of a `bursts_wav` recording `seconds` long is one line (`start`, `end`), in order, within
    `within` seconds of its true times: none lost, doubled, cut in two or moved at a seam."""
    heard = [(round(line.start, 3), round(line.end, 3)) for line in lines]
    true = bursts(seconds)
    assert len(heard) == len(true), f"{len(heard)} lines for {len(true)} bursts"
    for (start, end), (a, b) in zip(heard, true, strict=True):
        assert abs(start - a) <= within and abs(end - b) <= within, ((start, end), (a, b))


def one_sided_wav(path: Path, seconds: float, *, side: int = 1, rate: int = 16000) -> Path:
    """A stereo 16-bit WAV whose tone bursts (as `bursts_wav`'s) sound in one channel only (`side` 0 left,
    1 right; -1 neither: stereo digital silence)."""
    voiced = int(SPEAK * rate)
    mono = [int(8000 * math.sin(2 * math.pi * 220 * i / rate)) for i in range(voiced)] + [0] * int(PAUSE * rate)
    frames = [value if channel == side else 0 for value in mono for channel in (0, 1)]
    chunk = struct.pack(f"<{len(frames)}h", *frames)
    total = int(seconds * rate) * 4
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        written = 0
        while written < total:
            piece = chunk[:total - written]
            out.writeframes(piece)
            written += len(piece)
    return path
