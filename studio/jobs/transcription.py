"""Transcription jobs (docs/PROTOCOLS.md#transcription): one audio file to a transcript in the gallery.

The relay answers at once with the transcript, so this is a synchronous family like speech: the submit's
answer is the result. The input file was checked and copied into the library by the service (a video's
sound already extracted as a small MP3, studio/storage/audio_extract.py); the handler uploads it, reads
the answer into one `Transcript` and saves it rendered in the chosen format as a text asset whose file
has that format's suffix (`.srt`, `.vtt`, `.json`, `.txt`). The language heard, the duration and the
number of lines go into the job's metadata.

Only files within the 25 MB upload limit are sent; cutting longer ones into parts is not built yet.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, TypedDict, cast

from studio.api.subtitles import SUFFIXES, NoTimestamps, render
from studio.api.transcription import Transcriptions, formats_for
from studio.jobs.handlers import FamilyHandler, Outcome, Reporter, Result, SavedInput, read_inputs
from studio.storage.paths import OutsideDataFolder

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.jobs.model import Job


class TranscriptionRequest(TypedDict, total=False):
    """`Job.request` of a transcription job (the job's prompt is the file's name)."""

    format: str  # a value of studio.api.subtitles.FORMATS
    language: str | None
    prompt: str | None  # words the model should expect (names, spelling)
    translate: bool
    images: list[SavedInput]  # the audio file, as every job's input files are saved


class TranscriptionHandler(FamilyHandler):
    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        request = cast(TranscriptionRequest, job.request)
        fmt = str(request.get("format") or "text")
        entries = list(request.get("images") or [])
        if len(entries) != 1:
            return Outcome(phase="failed", error="The job has no audio file to transcribe.")
        try:
            ((name, data, mime),) = await asyncio.to_thread(read_inputs, self._root, entries)
        except OutsideDataFolder as exc:
            return Outcome(phase="failed", error=str(exc))
        except FileNotFoundError:
            return Outcome(phase="failed", error="The job's audio file is no longer in the library.")
        # a model without timestamps is asked for JSON; the service refused subtitles from it already
        asked = fmt if fmt in formats_for(job.model) else "json"
        transcript = await Transcriptions(client).create(
            (name, data, mime), model=job.model, response_format=asked, language=request.get("language"),
            prompt=request.get("prompt"), translate=bool(request.get("translate")))
        metadata: dict[str, Any] = {"format": fmt, "language": transcript.language, "duration": transcript.duration,
                                    "lines": len(transcript.segments), "translated": bool(request.get("translate"))}
        if not transcript.text.strip():
            return Outcome(phase="failed", metadata=metadata,
                           error=f"The relay heard no speech in {name}; nothing was saved.")
        try:
            rendered = render(transcript, fmt, model="" if fmt in formats_for(job.model) else job.model)
        except NoTimestamps as exc:
            return Outcome(phase="failed", error=str(exc), metadata=metadata)
        return Outcome(phase="succeeded", metadata=metadata,
                       results=[Result(data=rendered.encode("utf-8"), kind="text", suffix=SUFFIXES[fmt])])
