"""Speech jobs (docs/PROTOCOLS.md#speech): text to one audio file through `/v1/audio/speech`.

The relay answers at once with the audio, so this is a synchronous family like the Images API: the
submit's answer is the result. A text over the model's input limit is split at sentence ends
(`studio.api.speech.split_text`); the parts are sent in order, at most `CONCURRENCY` at a time, and
joined into one file of the chosen format (`studio.storage.audio_join`).

Every part is paid for, so each part's answer is written to the job's folder (`speech_parts_folder`) the
moment it arrives, named by its index and a hash of everything that makes its audio (model, voice,
format, speed, instructions, the part's text): a job sent on after a crash or a kill (the next start does it
by itself: `resumable_submit`, docs/JOBS.md#sends-that-resume) or retried after a failed part sends only the
parts it has no file for. The folder is removed once the
joined file is in the gallery.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, cast

from studio.api.speech import MAX_INPUT, MIME, Speech, split_text
from studio.jobs.handlers import FamilyHandler, Outcome, Reporter, Result, SendingStopped
from studio.storage.disk import write_whole
from studio.storage.filetypes import decodes, sniff_kind
from studio.storage.media import MediaError
from studio.storage.paths import OutsideDataFolder

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.gallery.store import Asset
    from studio.jobs.model import Job

#: parts in flight at once
CONCURRENCY = 3
#: where a job's part files live, relative to the data folder
PARTS_FOLDER = "jobs"
_PLAIN_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")


class SpeechRequest(TypedDict, total=False):
    """`Job.request` of a speech job (the text is the job's prompt)."""

    voice: str
    format: str
    speed: float | None
    instructions: str | None
    limit: int  # characters per request (the model's input limit)


def speech_parts_folder(root: Path, job_id: str) -> Path:
    """`jobs/<job id>/speech` in the data folder; `OutsideDataFolder` for an id that is not a plain name (the
    database is input: the folder is deleted once the job is done)."""
    if not _PLAIN_ID.fullmatch(job_id):
        raise OutsideDataFolder(f"The job id {job_id!r} is not a name a folder may have; nothing was sent.")
    return root / PARTS_FOLDER / job_id / "speech"


def part_key(job: Job, text: str) -> str:
    """What names a part's file: a hash of what its audio depends on (so an edited job never reuses it)."""
    request = cast(SpeechRequest, job.request)
    facts = [job.model, request.get("voice"), request.get("format"), request.get("speed"),
             request.get("instructions"), text]
    return hashlib.sha256(json.dumps(facts, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


class SpeechHandler(FamilyHandler):
    resumable_submit = True  # each part's audio is on disk: a send cut short goes on from there

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        request = cast(SpeechRequest, job.request)
        fmt = request.get("format") or "mp3"
        parts = split_text(job.prompt, _limit(request.get("limit")))
        try:
            folder = speech_parts_folder(self._root, job.id)
        except OutsideDataFolder as exc:
            return Outcome(phase="failed", error=str(exc))
        paths = [folder / f"part-{index:03d}-{part_key(job, text)}.{fmt}" for index, text in enumerate(parts)]
        cached = await asyncio.to_thread(_cached, paths)
        speech, voice = Speech(client), request.get("voice") or "alloy"
        slots = asyncio.Semaphore(CONCURRENCY)
        stop = asyncio.Event()  # a part failed: the parts not yet sent are not sent
        cancelled = self.stop_asked(job)  # the job was cancelled: the same, and it ends cancelled
        done = sum(cached)

        async def one(index: int) -> None:
            nonlocal done
            if cached[index]:
                return
            async with slots:
                if stop.is_set() or cancelled.is_set():
                    return
                try:
                    data = await speech.create(model=job.model, text=parts[index], voice=voice, response_format=fmt,
                                               speed=request.get("speed"), instructions=request.get("instructions"))
                except BaseException:
                    stop.set()
                    raise
                await asyncio.to_thread(_write, paths[index], data)
            done += 1
            if len(parts) > 1:
                report(100.0 * done / len(parts), f"{done} of {len(parts)} parts")

        answers = await asyncio.gather(*(one(i) for i in range(len(parts))), return_exceptions=True)
        failure = next((a for a in answers if isinstance(a, BaseException)), None)
        if failure is not None:  # the parts that did arrive are kept on disk for the next try
            raise failure
        if done < len(parts):  # cancelled between parts: those that arrived are kept as well
            raise SendingStopped(f"The speech was stopped with {done} of {len(parts)} parts made; a retry makes the "
                                 "rest.")
        metadata: dict[str, Any] = {"parts": len(parts), "voice": request.get("voice"), "format": fmt}
        if len(paths) == 1 and await asyncio.to_thread(_sniffed, paths[0]) == MIME[fmt]:
            data = await asyncio.to_thread(paths[0].read_bytes)
        else:  # several parts, or one in another format than asked: decoded and encoded into one `fmt` file
            try:
                data = await asyncio.to_thread(_joined, paths, folder / f"joined.{fmt}", fmt)
            except MediaError as exc:  # the parts stay on disk: a retry joins them again without sending them
                return Outcome(phase="failed", error=str(exc), metadata=metadata)
        return Outcome(phase="succeeded", results=[Result(data=data, kind="audio")], metadata=metadata)

    async def finished(self, job: Job, assets: list[Asset]) -> dict[str, Any]:
        """The joined file is in the gallery: the parts are not needed any more."""
        with contextlib.suppress(OutsideDataFolder):
            await asyncio.to_thread(shutil.rmtree, speech_parts_folder(self._root, job.id).parent, True)
        return {}


def _limit(value: object) -> int:
    """The characters per request a job asks for (the database is input: anything odd is the model's limit)."""
    return value if isinstance(value, int) and 200 <= value <= MAX_INPUT else MAX_INPUT


def _sniffed(path: Path) -> str | None:
    with path.open("rb") as handle:
        return sniff_kind(handle.read(32), "audio")


def _cached(paths: list[Path]) -> list[bool]:
    """Which parts already have a whole audio file (a damaged one is sent again)."""
    found = []
    for path in paths:
        mime = _sniffed(path) if path.is_file() else None
        whole = mime is not None and decodes(path, mime)
        if path.exists() and not whole:
            path.unlink(missing_ok=True)
        found.append(whole)
    return found


def _write(path: Path, data: bytes) -> None:
    """Write a part's answer so that it is either whole on disk or absent."""
    write_whole(path, data, "A part of the speech")


def _joined(paths: list[Path], target: Path, fmt: str) -> bytes:
    from studio.storage.audio_join import join_audio

    try:
        return join_audio(paths, target, fmt).read_bytes()
    finally:
        target.unlink(missing_ok=True)
