"""The sound of a video (or any audio file) as a small speech-friendly file, with PyAV (no shell-out).

Speech to text wants the voice, not the picture nor the fidelity: a 16 kHz mono MP3 at 32 kbit/s holds an
hour of speech in about 14 MB, under the 25 MB a transcription upload may be, and OpenAI's audio routes take
MP3 as it is. The audio is decoded and re-encoded frame by frame (never the whole file in memory).
Decoding and encoding are CPU work: call `extract_speech` in a worker thread.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from pathlib import Path

from studio.storage.media import MediaError

#: what speech is re-encoded as
SPEECH_RATE = 16000
SPEECH_BIT_RATE = 32000


def extract_speech(source: Path, target: Path) -> Path:
    """Write the first audio stream of `source` into `target` as a mono 16 kHz MP3; `MediaError` when it
    has no audio or cannot be decoded."""
    import av

    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with av.open(str(source)) as container:
            if not container.streams.audio:
                raise MediaError(f"{source.name} holds no sound to transcribe.")
            with av.open(str(target), "w", format="mp3") as output:
                stream = output.add_stream("libmp3lame", rate=SPEECH_RATE, layout="mono")
                stream.bit_rate = SPEECH_BIT_RATE
                stream.codec_context.open()
                resampler = av.AudioResampler(format=stream.format.name, layout="mono", rate=SPEECH_RATE,
                                              frame_size=stream.codec_context.frame_size or None)
                written = 0
                for frame in itertools.chain(container.decode(container.streams.audio[0]), [None]):
                    if frame is not None:
                        frame.pts = None
                    for chunk in resampler.resample(frame):
                        chunk.pts, chunk.time_base = written, Fraction(1, SPEECH_RATE)
                        written += chunk.samples
                        for packet in stream.encode(chunk):
                            output.mux(packet)
                for packet in stream.encode(None):
                    output.mux(packet)
    except MediaError:
        target.unlink(missing_ok=True)
        raise
    except (av.FFmpegError, OSError, ValueError, EOFError) as exc:
        target.unlink(missing_ok=True)
        raise MediaError(f"The sound of {source.name} could not be extracted ({exc}).") from None
    return target
