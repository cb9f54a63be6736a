"""A recording too large for one transcription upload, as speech-friendly parts cut at its silences, with PyAV.

The transcription route takes at most 25 MB per upload (docs/PROTOCOLS.md#transcription). A long recording
is re-encoded as it is decoded, frame by frame, into the small mono MP3 that `audio_extract` makes (16 kHz,
32 kbit/s, about 14 MB an hour; a recording sampled lower, such as a telephone's 8 kHz, keeps its rate). When
that is still more than one upload may be, the same pass cuts it into parts: a part may hold as many seconds
as fit its byte budget at that bit rate, and within the last `WINDOW` seconds before that the cut goes where
the sound is quietest (the mean level of short windows, smoothed over half a second, the latest of equals),
so a cut falls in a pause between words and no spoken line is split between two parts.

A recording that already is such an MP3 (a video's sound extracted by `audio_extract`) is not encoded a
second time: it is cut between its packets, each decoded only to measure it. A frame's bits may begin in
the frames before it (the bit reservoir) and its sound overlaps the frame before, so a part cut from the
middle of an MP3 begins `PREROLL` packets before its cut, in the pause: a decoder rebuilds the frames after
the cut from them and drops the first one or two it cannot. How much it drops is measured by decoding the
part's first packets on their own, and the part's start moved by it: consecutive parts overlap by a few
hundredths of a second of the pause, and no sound is lost at a seam.

Nothing is decoded whole: only the frames of the window before a cut are held (half a minute of 16 kHz
mono is 1 MB). Each part is written beside its final name and renamed when it is complete, so a part file
on disk is always whole. Decoding and encoding are CPU work: call `split_speech` in a worker thread.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.storage.audio_frames import MP3_FRAME, SPEECH_BIT_RATE, SPEECH_RATE, SpeechMp3, channel_samples, decoded
from studio.storage.audio_frames import Stopped as Stopped
from studio.storage.media import MediaError

if TYPE_CHECKING:
    from av.audio.frame import AudioFrame

#: seconds before a part's limit in which its cut looks for the quietest moment
WINDOW = 30.0
#: what a part leaves free of its budget: the multipart form around the file and the MP3 headers
OVERHEAD = 16 * 1024
#: a part's share of the upload limit it is cut for (the rest is margin)
SHARE = 0.95
#: every how many samples the level is measured (the level of a window, not its spectrum)
STRIDE = 8
#: seconds on each side of a frame averaged into its level (a cut lands inside a pause, not at its edge)
SMOOTH = 0.25
_RATES = (8000, 11025, 12000, 16000)  # what the MP3 encoder takes up to SPEECH_RATE
#: packets at the start of a part cut from an MP3 whose decoding is compared with the whole stream's
HEAD = 48
#: packets of the part before that a part cut from an MP3 begins with: its decoder's warm-up (an MPEG-2 layer III
#: frame's bits may start up to 255 bytes back, and the first frame decoded overlaps the one before it)
PREROLL = 3


@dataclass(frozen=True, slots=True)
class Part:
    """One part file: where it starts in the recording, how long it is, how large."""

    path: Path
    offset: float  # seconds from the start of the recording
    seconds: float
    size: int
    loudest: int = 0  # the level of its loudest frame (`level`): 0 is digital silence


def part_seconds(limit: int) -> float:
    """The most seconds one part may hold to stay under an upload `limit` of bytes."""
    budget = max(limit * SHARE - OVERHEAD, 8 * 1024)
    return budget * 8 / SPEECH_BIT_RATE


def split_speech(source: Path, folder: Path, *, limit: int, progress: Callable[[float], None] | None = None,
                 stop: threading.Event | None = None, max_seconds: float | None = None) -> list[Part]:
    """Write `source`'s first audio stream into `folder` as `part-000.mp3`, `part-001.mp3`, … (one when it
    fits `limit` bytes), each under `limit` and no longer than `max_seconds` (a model's duration limit);
    `progress(seconds done)` now and then. `MediaError` when the audio cannot be read or written, `Stopped` soon
    after `stop` is set (the job was cancelled)."""
    import av

    folder.mkdir(parents=True, exist_ok=True)
    most = min(part_seconds(limit), max_seconds or float("inf"))
    writer: _Writer | _Remuxer | None = None
    try:
        with av.open(str(source)) as container:
            if not container.streams.audio:
                raise MediaError(f"{source.name} holds no sound to transcribe.")
            audio = container.streams.audio[0]
            if is_speech_mp3(audio):  # already what a part is: cut between its packets, nothing re-encoded
                writer = _Remuxer(folder, audio)
                parts = _remux(container, audio, writer, most, progress, stop, source.name)
                if all(p.size < limit for p in parts):
                    return parts
                _discard(folder, whole=True)  # a bit rate above the one it said: re-encoded after all
                container.seek(0)
            rate = _rate(audio.codec_context.sample_rate or SPEECH_RATE)
            writer = _Writer(folder, rate)
            cutter = _Cutter(writer, max_samples=int(most * rate), window=int(min(WINDOW, most / 4) * rate))
            resampler = av.AudioResampler(format="s16p", layout="mono", rate=rate, frame_size=MP3_FRAME)
            reported = 0.0
            frames = decoded(container, audio, stop=stop, stopped=f"The cut of {source.name} into parts was stopped.")
            for frame in itertools.chain(frames, [None]):
                for chunk in resampler.resample(frame):
                    cutter.feed(chunk)
                seconds = writer.total / rate
                if progress is not None and seconds - reported >= 60:
                    progress(seconds)
                    reported = seconds
            cutter.close()
            return writer.parts
    except Stopped:
        _abort(writer)
        _discard(folder, whole=True)
        raise
    except MediaError:
        _abort(writer)
        _discard(folder)
        raise
    except (av.FFmpegError, OSError, ValueError, EOFError) as exc:
        _abort(writer)
        _discard(folder)
        raise MediaError(f"{source.name} could not be cut into parts for transcription ({exc}).") from None


def is_silent(source: Path) -> bool:
    """Whether every frame of `source`'s first audio stream is digital silence (level 0 in every channel);
    decoding stops at the first frame that is not, so a recording of speech answers at once. A file that cannot
    be decoded, or whose samples are of a kind not measured, is not called silent (the relay will say what it
    hears)."""
    import av

    try:
        with av.open(str(source)) as container:
            if not container.streams.audio:
                return False
            return all(level_of(frame) == 0 for frame in container.decode(container.streams.audio[0]))
    except (av.FFmpegError, OSError, ValueError, EOFError):
        return False


def is_speech_mp3(audio: Any) -> bool:
    """Whether an audio stream is already a speech part's kind: MP3, mono, at most 16 kHz and 32 kbit/s."""
    context = audio.codec_context
    return (context.name in ("mp3", "mp3float") and 0 < (context.sample_rate or 0) <= SPEECH_RATE
            and context.layout is not None and context.layout.nb_channels == 1
            and 0 < (audio.bit_rate or context.bit_rate or 0) <= SPEECH_BIT_RATE)


def _remux(container: Any, audio: Any, writer: _Remuxer, most: float, progress: Callable[[float], None] | None,
           stop: threading.Event | None, name: str) -> list[Part]:
    """Cut an MP3 of speech between its packets (each decoded only to measure it): no second encoding."""
    rate = writer.rate
    cutter = _Cutter(writer, max_samples=int(most * rate), window=int(min(WINDOW, most / 4) * rate))
    reported = 0.0
    for packet in container.demux(audio):
        if stop is not None and stop.is_set():
            raise Stopped(f"The cut of {name} into parts was stopped.")
        if packet.size == 0:
            continue
        frames = audio.codec_context.decode(packet)
        samples = sum(f.samples for f in frames)
        loudness = max((level_of(f) for f in frames), default=0)
        cutter.take(_Packet(packet, samples), loudness)
        seconds = writer.total / rate
        if progress is not None and seconds - reported >= 60:
            progress(seconds)
            reported = seconds
    cutter.close()
    return writer.parts


@dataclass(slots=True)
class _Packet:
    """A demuxed MP3 packet and the samples it decodes to (what the cutter counts)."""

    packet: Any
    samples: int


def level_of(frame: AudioFrame) -> int:
    """How loud a decoded frame is, of any layout and sample format (an MP3 decoder's float planes, a WAV's
    interleaved stereo): the mean magnitude of every `STRIDE`-th sample on the 16-bit scale, of its loudest
    channel, so a sound on one side only is not taken for silence."""
    found = channel_samples(frame, STRIDE)
    if found is None:
        return 1  # not measured: never taken for silence
    channels, full = found
    return max(int(sum(map(abs, picked)) * 32768 / full) // max(1, len(picked)) for picked in channels)


class _Parts:
    """What both part writers keep: the parts done, the samples written, the part file being written beside
    its name (renamed when it is complete, so a part file on disk is always whole)."""

    def __init__(self, folder: Path, rate: int) -> None:
        self._folder = folder
        self.rate = rate
        self.parts: list[Part] = []
        self.total = 0  # samples written into every part (of the recording, each once)
        self.in_part = 0  # samples written into this part
        self.loudest = 0  # the level of this part's loudest frame
        self._output: Any = None  # the part's container while it is written
        self._scratch: Path | None = None

    def _next_scratch(self) -> Path:
        self._scratch = self._folder / f"part-{len(self.parts):03d}.mp3.partial"
        return self._scratch

    def _listed(self, lead: int = 0) -> Path:
        """The part file is complete: renamed to its name and listed. It starts `lead` samples before the ones
        written into it (a copy of the part before's end), less what a decoder drops at its start."""
        assert self._scratch is not None
        target = self._scratch.with_name(self._scratch.name.removesuffix(".partial"))
        os.replace(self._scratch, target)
        written = lead + self.in_part
        lost = min(written, self._dropped(target))
        start = self.total - written + lost
        self.parts.append(Part(target, start / self.rate, (written - lost) / self.rate, target.stat().st_size,
                               self.loudest))
        self._output, self._scratch, self.in_part, self.loudest = None, None, 0, 0
        return target

    def _dropped(self, target: Path) -> int:
        """Samples a decoder drops at the start of the part file `target` (none of a file encoded whole)."""
        return 0


class _Remuxer(_Parts):
    """`_Writer`'s twin for packets: each part a new MP3 container of the source stream's packets, re-timed.
    A part after the first begins with the last `PREROLL` packets of the part before, which its decoder
    needs to rebuild the first frames after the cut (their bits lie in the frames before it)."""

    def __init__(self, folder: Path, audio: Any) -> None:
        super().__init__(folder, int(audio.codec_context.sample_rate))
        self._audio = audio
        self._stream: Any = None
        self._base: int | None = None  # the first packet's time in this part
        self._head: list[int] = []  # the samples of this part's first `HEAD` packets, as the whole stream gave them
        self._recent: deque[tuple[bytes, int | None, int | None, int, int]] = deque(maxlen=PREROLL)
        self._preroll = 0  # the samples of the packets this part repeats from the part before

    def write(self, item: _Packet, loudness: int) -> None:
        if self._output is None:
            self._output = _open_mp3(self._next_scratch())
            self._stream = self._output.add_stream_from_template(self._audio)
            self._base = None
            self._preroll = 0
            for data, pts, dts, duration, samples in self._recent:  # the decoder's warm-up, from the part before
                self._mux(_packet(data, pts, dts, duration, self._audio.time_base), samples)
                self._preroll += samples
        packet = item.packet
        copy = (bytes(packet), packet.pts, packet.dts, packet.duration or 0, item.samples)
        self._recent.append(copy)
        # the first part keeps the packets as they are: their side data tells a decoder the encoder's delay at
        # the recording's start; later parts get bare copies (a decoder reading the end's padding in a part's
        # packets drops several frames more at its start)
        self._mux(_packet(*copy[:4], self._audio.time_base) if self.parts else packet, item.samples)
        self.loudest = max(self.loudest, loudness)
        self.in_part += item.samples
        self.total += item.samples

    def _mux(self, packet: Any, samples: int) -> None:
        if self._base is None:
            self._base = packet.pts or 0
        if packet.pts is not None:
            packet.pts -= self._base
        if packet.dts is not None:
            packet.dts -= self._base
        packet.stream = self._stream
        self._output.mux(packet)
        if len(self._head) < HEAD:
            self._head.append(samples)

    def end_part(self) -> None:
        if self._output is None:
            return
        self._output.close()
        self._listed(lead=self._preroll)  # its first packet is `PREROLL` packets before the cut
        self._stream, self._head, self._preroll = None, [], 0

    def _dropped(self, target: Path) -> int:
        # the frames a decoder cannot rebuild at the part's start (their bits lie before its first packet)
        return max(0, sum(self._head) - _decoded_head(target))


def _packet(data: bytes, pts: int | None, dts: int | None, duration: int, time_base: Any) -> Any:
    """A copy of a packet already muxed into the part before (to mux it again at this part's start)."""
    import av

    packet = av.Packet(data)
    packet.pts, packet.dts, packet.time_base = pts, dts, time_base
    if duration:
        packet.duration = duration
    return packet


def _decoded_head(path: Path) -> int:
    """The samples a decoder makes of the first `HEAD` packets of an MP3 file on its own."""
    import av

    with av.open(str(path)) as container:
        audio = container.streams.audio[0]
        decoded = 0
        for index, packet in enumerate(container.demux(audio)):
            if index >= HEAD:
                break
            decoded += sum(f.samples for f in audio.codec_context.decode(packet))
        return decoded


def _open_mp3(path: Path) -> Any:
    import av

    return av.open(str(path), "w", format="mp3")


def _abort(writer: _Writer | _Remuxer | None) -> None:
    """Close the part being written when the cut fails (its file is removed by `_discard`)."""
    output = writer._output if writer is not None else None
    if output is not None:
        with contextlib.suppress(Exception):
            output.close()


def _discard(folder: Path, *, whole: bool = False) -> None:
    """A part left half-written by a failure is removed (a whole one too when `whole`; else the caller decides)."""
    for scratch in folder.glob("part-*.mp3*"):
        if whole or scratch.name.endswith(".partial"):
            scratch.unlink(missing_ok=True)


def _rate(source_rate: int) -> int:
    """16 kHz, or the encoder's nearest rate below a recording sampled lower (never upsampled)."""
    return max((r for r in _RATES if r <= source_rate), default=_RATES[0])


def quietest(levels: list[int], radius: int) -> int:
    """The index whose neighbourhood (±`radius`) is quietest, the latest of equals (the longest part)."""
    sums = [0]
    for value in levels:
        sums.append(sums[-1] + value)
    best, best_index = None, 0
    for index in range(len(levels)):
        low, high = max(0, index - radius), min(len(levels), index + radius + 1)
        mean = (sums[high] - sums[low]) / (high - low)
        if best is None or mean <= best:
            best, best_index = mean, index
    return best_index


class _Cutter:
    """Frames in, parts out: frames before a part's window are encoded at once, those inside it wait until
    the window is full, then the part ends at the quietest of them and the rest begin the next part."""

    def __init__(self, writer: _Writer | _Remuxer, *, max_samples: int, window: int) -> None:
        self._writer = writer
        self._max = max_samples
        self._window = window
        self._held: list[tuple[Any, int]] = []
        self._held_samples = 0
        self._radius = max(1, round(SMOOTH * writer.rate / MP3_FRAME))

    def feed(self, frame: AudioFrame) -> None:
        self.take(frame, level_of(frame))

    def take(self, frame: Any, loudness: int) -> None:
        """Take a frame (or a packet: anything with `samples`) whose level is `loudness`."""
        if not self._held and self._writer.in_part + frame.samples <= self._max - self._window:
            self._writer.write(frame, loudness)
            return
        self._held.append((frame, loudness))
        self._held_samples += frame.samples
        if self._writer.in_part + self._held_samples >= self._max:
            self._cut()

    def _cut(self) -> None:
        held, self._held, self._held_samples = self._held, [], 0
        at = quietest([lvl for _, lvl in held], self._radius)
        for frame, loudness in held[:at]:
            self._writer.write(frame, loudness)
        self._writer.end_part()
        for frame, loudness in held[at:]:
            self.take(frame, loudness)

    def close(self) -> None:
        for frame, loudness in self._held:
            self._writer.write(frame, loudness)
        self._held = []
        self._writer.end_part()


class _Writer(_Parts):
    """The part being written: a speech MP3 opened at its first frame, finished and renamed at its end."""

    def __init__(self, folder: Path, rate: int) -> None:
        super().__init__(folder, rate)
        self._mp3: SpeechMp3 | None = None

    def write(self, frame: AudioFrame, loudness: int) -> None:
        if self._mp3 is None:
            self._mp3 = SpeechMp3(self._next_scratch(), self.rate)
            self._output = self._mp3.output
        self.loudest = max(self.loudest, loudness)
        self.in_part += frame.samples
        self.total += frame.samples
        self._mp3.write(frame)

    def end_part(self) -> None:
        if self._mp3 is None:
            return
        self._mp3.close()
        self._mp3 = None
        self._listed()
