"""What every reader and writer of sound here shares, with PyAV: the decoded frames, their samples, and the
speech MP3 they are written as.

Three modules decode sound frame by frame: the extraction of a video's sound (`audio_extract`), the cut of a
long recording into parts (`audio_split`) and the waveform thumbnails (studio/gallery/waveform.py). They read
the same things from a frame (each channel's samples, one in every few, whatever the decoder's sample format
and layout: a sound on one side of a stereo file counts), and two of them write the same small mono MP3
(16 kHz, 32 kbit/s: an hour of speech in about 14 MB, under the 25 MB a transcription upload may be). So
those three things are written once, here. Decoding and encoding are CPU work: callers run in worker threads.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.storage.media import MediaError

if TYPE_CHECKING:
    from av.audio.frame import AudioFrame

#: what speech is re-encoded as
SPEECH_RATE = 16000
SPEECH_BIT_RATE = 32000
#: samples per MP3 frame at the speech rates (MPEG-2 and 2.5 layer III)
MP3_FRAME = 576
#: the sample formats read as they come: array type code and full scale (others are converted by the caller)
SAMPLE_KINDS: dict[str, tuple[Any, float]] = {
    "s16": ("h", 32768.0), "s16p": ("h", 32768.0), "s32": ("i", 2147483648.0), "s32p": ("i", 2147483648.0),
    "flt": ("f", 1.0), "fltp": ("f", 1.0), "dbl": ("d", 1.0), "dblp": ("d", 1.0)}


class Stopped(MediaError):
    """The work was stopped before its end (what it wrote is removed)."""


def decoded(container: Any, stream: Any, *, stop: threading.Event | None = None,
            stopped: str = "") -> Iterator[AudioFrame]:
    """The frames of `stream`, decoded one at a time, without their times (a resampler counts afresh);
    `Stopped(stopped)` soon after `stop` is set."""
    for frame in container.decode(stream):
        if stop is not None and stop.is_set():
            raise Stopped(stopped)
        frame.pts = None
        yield frame


def channel_samples(frame: AudioFrame, every: int = 1) -> tuple[list[array[Any]], float] | None:
    """One sample in `every` of each channel of `frame` (planar or interleaved), with the format's full scale;
    None for a sample format not in `SAMPLE_KINDS`."""
    kind = SAMPLE_KINDS.get(frame.format.name)
    if kind is None:
        return None
    code, full = kind
    count = len(frame.layout.channels)
    planar = frame.format.is_planar
    width = 1 if planar else count  # samples of one moment in a plane
    found = []
    for channel in range(count):
        picked: array[Any] = array(code)
        plane = frame.planes[channel] if planar else frame.planes[0]
        values = memoryview(plane)[:frame.samples * width * picked.itemsize].cast(code)
        picked.frombytes(values[(0 if planar else channel)::every * width].tobytes())
        found.append(picked)
    return found, full


class SpeechMp3:
    """A speech MP3 being written at `path`: mono at `rate`, `SPEECH_BIT_RATE`, fed s16p frames of
    `MP3_FRAME` samples (`resampler()` makes them of any decoded frame)."""

    def __init__(self, path: Path, rate: int = SPEECH_RATE) -> None:
        import av

        self.rate = rate
        self.written = 0  # samples
        self.output: Any = av.open(str(path), "w", format="mp3")
        try:
            self._stream: Any = self.output.add_stream("libmp3lame", rate=rate, layout="mono")
            self._stream.bit_rate = SPEECH_BIT_RATE
            self._stream.format = "s16p"
            self._stream.codec_context.open()
        except BaseException:
            self.output.close()
            raise

    def resampler(self) -> Any:
        import av

        return av.AudioResampler(format="s16p", layout="mono", rate=self.rate, frame_size=MP3_FRAME)

    def write(self, frame: AudioFrame) -> None:
        frame.pts, frame.time_base = self.written, Fraction(1, self.rate)
        self.written += frame.samples
        for packet in self._stream.encode(frame):
            self.output.mux(packet)

    def close(self) -> None:
        """Encode what the encoder holds and finish the file."""
        for packet in self._stream.encode(None):
            self.output.mux(packet)
        self.output.close()
