"""One audio file from several, with PyAV (no shell-out): speech over a model's input limit comes back as
several files, one per part of the text, and a creator wants one.

Each part is decoded and its samples re-encoded, in order, into one output container of the chosen format
(the parts may differ in rate or layout: everything is resampled to the first part's, within what the
encoder takes). Only one part's frames are in memory at a time. Decoding and encoding are CPU work: call
`join_audio` in a worker thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, cast

from studio.storage.media import MediaError

if TYPE_CHECKING:
    from av.audio.frame import AudioFrame
    from av.audio.stream import AudioStream
    from av.container import OutputContainer

#: format → (FFmpeg muxer, encoder): Ogg Opus, ADTS AAC, as OpenAI's speech route answers them
OUTPUTS = {"mp3": ("mp3", "libmp3lame"), "wav": ("wav", "pcm_s16le"), "opus": ("ogg", "libopus"),
           "aac": ("adts", "aac"), "flac": ("flac", "flac")}


def join_audio(parts: Sequence[Path], target: Path, fmt: str) -> Path:
    """Write the audio of `parts`, one after the other, into `target` as `fmt` (a key of `OUTPUTS`);
    `MediaError` when a part cannot be decoded."""
    import av

    if fmt not in OUTPUTS or not parts:
        raise MediaError(f"Audio cannot be joined into {fmt or 'no'} format.")
    muxer, encoder = OUTPUTS[fmt]
    rate, layout = _first_audio(parts[0])
    codec = av.Codec(encoder, "w")
    rates = codec.audio_rates or ()
    if rates and rate not in rates:
        rate = min(rates, key=lambda r: (abs(r - rate), -r))
    formats = [f.name for f in codec.audio_formats or ()]
    sample_format = next((f for f in ("s16", "s16p", "fltp", "flt", "s32", "s32p") if f in formats), None)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with av.open(str(target), "w", format=muxer) as output:
            stream = cast("AudioStream", output.add_stream(encoder, rate=rate, layout=layout))
            if sample_format:
                stream.format = sample_format
            stream.codec_context.open()  # the frame size (MP3 1152, AAC 1024, Opus 960) is known once it is open
            frame_size = stream.codec_context.frame_size or None
            resampler = av.AudioResampler(format=stream.format.name, layout=layout, rate=rate,
                                          frame_size=frame_size)
            written = 0
            for part in parts:
                for frame in _decoded(part):
                    frame.pts = None
                    written = _encode(output, stream, resampler.resample(frame), written, rate)
            written = _encode(output, stream, resampler.resample(None), written, rate)
            for packet in stream.encode(None):
                output.mux(packet)
    except (av.FFmpegError, OSError, ValueError) as exc:
        target.unlink(missing_ok=True)
        raise MediaError(f"The speech parts could not be joined into one {fmt} file ({exc}).") from None
    return target


def _encode(output: OutputContainer, stream: AudioStream, frames: list[AudioFrame], written: int,
            rate: int) -> int:
    for frame in frames:
        frame.pts, frame.time_base = written, Fraction(1, rate)
        written += frame.samples
        for packet in stream.encode(frame):
            output.mux(packet)
    return written


def _first_audio(path: Path) -> tuple[int, str]:
    import av

    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise MediaError(f"{path.name} holds no audio.")
            context = container.streams.audio[0].codec_context
            layout = context.layout.name if context.layout and context.layout.nb_channels <= 2 else "stereo"
            return int(context.sample_rate or 24000), layout
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise MediaError(f"{path.name} is not audio that can be read ({exc}).") from None


def _decoded(path: Path) -> list[AudioFrame]:
    """The audio frames of one part (one part's worth: a few minutes of speech at most)."""
    import av

    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise MediaError(f"{path.name} holds no audio.")
            return list(container.decode(container.streams.audio[0]))
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise MediaError(f"{path.name} is not audio that can be read ({exc}).") from None
