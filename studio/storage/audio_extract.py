"""The sound of a video (or any audio file) as a small speech-friendly file, with PyAV (no shell-out).

Speech to text wants the voice, not the picture nor the fidelity: a 16 kHz mono MP3 at 32 kbit/s holds an
hour of speech in about 14 MB, under the 25 MB a transcription upload may be, and OpenAI's audio routes take
MP3 as it is (`audio_frames.SpeechMp3`, the same as a part of a long recording). The audio is decoded and
re-encoded frame by frame (never the whole file in memory).
Decoding and encoding are CPU work: call `extract_speech` in a worker thread.
"""

from __future__ import annotations

import contextlib
import itertools
from pathlib import Path

from studio.storage.audio_frames import SpeechMp3, decoded
from studio.storage.media import MediaError


def extract_speech(source: Path, target: Path) -> Path:
    """Write the first audio stream of `source` into `target` as a mono 16 kHz MP3; `MediaError` when it
    has no audio or cannot be decoded."""
    import av

    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with av.open(str(source)) as container:
            if not container.streams.audio:
                raise MediaError(f"{source.name} holds no sound to transcribe.")
            output = SpeechMp3(target)
            try:
                resampler = output.resampler()
                for frame in itertools.chain(decoded(container, container.streams.audio[0]), [None]):
                    for chunk in resampler.resample(frame):
                        output.write(chunk)
                output.close()
            except BaseException:
                with contextlib.suppress(Exception):
                    output.output.close()
                raise
    except MediaError:
        target.unlink(missing_ok=True)
        raise
    except (av.FFmpegError, OSError, ValueError, EOFError) as exc:
        target.unlink(missing_ok=True)
        raise MediaError(f"The sound of {source.name} could not be extracted ({exc}).") from None
    return target
