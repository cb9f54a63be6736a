"""Transcription jobs (docs/PROTOCOLS.md#transcription): one audio file to a transcript in the gallery.

The relay answers at once with the transcript, so this is a synchronous family like speech: the submit's
answer is the result. The input file was checked and copied into the library by the service (a video's
sound already extracted as a small MP3, studio/storage/audio_extract.py); the handler uploads it, reads
the answer into one `Transcript` and saves it rendered in the chosen format as a text asset whose file
has that format's suffix (`.srt`, `.vtt`, `.json`, `.txt`). The language heard, the duration and the
number of lines go into the job's metadata.

A file over the upload limit (25 MB, or the smaller one a job asks for: a relay behind a stricter proxy), or
in a format the route does not take (`UPLOADABLE`), takes the split path (docs/JOBS.md#long-transcriptions).
It is re-encoded into small speech MP3 parts cut at its silences (studio/storage/audio_split.py) under the
job's folder `jobs/<id>/transcribe`, and the list of parts (`plan.json`) is written once they are all whole.
The parts are sent at most `CONCURRENCY` at a time, and each part's transcript is written beside it
(`part-NNN.<key>.json`, the key a hash of what the answer depends on) the moment it arrives: a job submitted
again after a crash, a kill or a failed part cuts nothing again and sends only the parts without a transcript
(a part of digital silence is never sent). The transcripts are merged on the recording's time line
(`studio.api.subtitles.merge`) and rendered like a direct answer; the folder is removed once the transcript is
in the gallery.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import json
import os
import re
import shutil
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypedDict, cast

from studio.api.subtitles import SUFFIXES, NoTimestamps, Transcript, as_json, from_json, merge, render
from studio.api.transcription import MAX_UPLOAD, AudioTooLong, Transcriptions, UploadTooLarge, formats_for
from studio.errors import error_info
from studio.jobs.handlers import (
    FamilyHandler,
    Outcome,
    Reporter,
    Result,
    SavedInput,
    SendingStopped,
    input_path,
)
from studio.jobs.speech import speech_parts_folder
from studio.storage.disk import disk_full, is_no_room, write_whole
from studio.storage.media import MediaError
from studio.storage.paths import OutsideDataFolder

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.gallery.store import Asset
    from studio.jobs.model import Job

#: parts in flight at once
CONCURRENCY = 3
#: the smallest upload limit a job may ask for (a part must hold some seconds of speech)
MIN_UPLOAD = 256 * 1024
#: what the route takes as it is (flac, m4a, mp3, mp4, mpeg, mpga, oga, ogg, wav, webm), by the type the service
#: recognised: anything else (a raw AAC stream) is re-encoded first, as a longer recording is
UPLOADABLE = frozenset({"audio/mpeg", "audio/ogg", "audio/flac", "audio/wav", "audio/mp4", "video/mp4",
                        "audio/webm", "video/webm"})
#: a part's share of the longest recording a model said it takes (the rest is margin for the encoder's padding)
SECONDS_SHARE = 0.95
#: a kept recording's speech MP3 in `jobs/<id>/source/`, and what it was made of (written once it is whole)
COMPRESSED = "speech.mp3"
COMPRESSED_FROM = "source.json"
#: the byte limit the compression is cut for: past any recording's size, so the cut is one part
_WHOLE = 1 << 50
#: the list of a job's parts, written once every part file is whole
PLAN = "plan.json"
#: the key of a part's saved transcript that names the part it is of (`_facts`)
PART = "part"
_PART_FILE = re.compile(r"part-\d{3,}\.mp3")


class KeptSource(TypedDict):
    """A recording over `studio.services.audio_input.KEEP_WHOLE_BYTES`, kept by the job where the user keeps it
    until its submit has compressed it (docs/JOBS.md#long-transcriptions)."""

    path: str  # absolute
    name: str
    mime: str
    bytes: int  # its size and modification time when the job was saved: a file changed since is not sent
    mtime_ns: int


class TranscriptionRequest(TypedDict, total=False):
    """`Job.request` of a transcription job (the job's prompt is the file's name)."""

    format: str  # a value of studio.api.subtitles.FORMATS
    language: str | None
    prompt: str | None  # words the model should expect (names, spelling)
    translate: bool
    upload_limit: int  # bytes one upload may be (25 MB unless the relay takes less)
    images: list[SavedInput]  # the audio file, as every job's input files are saved
    source: KeptSource  # instead of `images`: a recording too large to copy, compressed by the job


def parts_folder(root: Path, job_id: str) -> Path:
    """`jobs/<job id>/transcribe` in the data folder; `OutsideDataFolder` for an id that is no plain name."""
    return speech_parts_folder(root, job_id).parent / "transcribe"


def upload_limit(request: TranscriptionRequest) -> int:
    """The bytes one upload of the job may be (the database is input: anything odd is the route's 25 MB)."""
    value = request.get("upload_limit")
    return value if isinstance(value, int) and not isinstance(value, bool) and MIN_UPLOAD <= value <= MAX_UPLOAD \
        else MAX_UPLOAD


class TranscriptionHandler(FamilyHandler):
    resumable_submit = True  # the cut and each part's transcript are on disk: a send cut short goes on from there

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        request = cast(TranscriptionRequest, job.request)
        fmt = str(request.get("format") or "text")
        entries = list(request.get("images") or [])
        kept = request.get("source")
        if len(entries) != 1 and not (isinstance(kept, dict) and not entries):
            return Outcome(phase="failed", error="The job has no audio file to transcribe.")
        limit = upload_limit(request)
        try:
            if entries:
                source = input_path(self._root, entries[0])
                name, mime = str(entries[0].get("name") or source.name), str(entries[0].get("mime"))
            else:  # a recording over KEEP_WHOLE_BYTES, kept where the user keeps it: compressed here, once
                source = await self._compressed(job, cast(KeptSource, kept), report)
                name, mime = f"{Path(str(cast(KeptSource, kept).get('name'))).stem}.mp3", "audio/mpeg"
                if self.stop_asked(job).is_set():  # cancelled as the compression ended: nothing was sent
                    raise SendingStopped(f"The transcription of {name} was stopped before anything was sent.")
            size = await asyncio.to_thread(lambda: source.stat().st_size)
        except (OutsideDataFolder, MediaError) as exc:
            return Outcome(phase="failed", error=str(exc))
        except OSError:
            return Outcome(phase="failed", error="The job's audio file is no longer in the library.")
        metadata: dict[str, Any] = {"format": fmt, "translated": bool(request.get("translate"))}
        try:  # a smaller limit learned from the relay's 413 (or a model's length, its 400) before a restart is the cut
            planned = await asyncio.to_thread(_plan_limit, parts_folder(self._root, job.id))
            limit = min(limit, planned) if planned else limit
            seconds = await asyncio.to_thread(_plan_seconds, parts_folder(self._root, job.id))
        except OutsideDataFolder as exc:
            return Outcome(phase="failed", error=str(exc))
        in_parts = size > limit or mime not in UPLOADABLE or seconds is not None
        while True:
            try:
                if in_parts:
                    transcript, parts = await self._in_parts(job, client, source, Path(name).stem, limit, report,
                                                             seconds=seconds)
                    metadata["parts"] = parts
                elif await asyncio.to_thread(_silent, source):  # digital silence: nothing to pay for, no invented words
                    return _silent_outcome(name, metadata)
                else:
                    try:
                        transcript = await self._upload(job, client, source, name, mime)
                    except FileNotFoundError:
                        return Outcome(phase="failed", error="The job's audio file is no longer in the library.")
                    except UploadTooLarge as exc:
                        raise _RelayTakesLess(exc, size) from None
                    except AudioTooLong as exc:
                        raise _ModelTakesShorter(exc) from None
                break
            except (OutsideDataFolder, MediaError) as exc:
                return Outcome(phase="failed", error=str(exc), metadata=metadata)
            except _Silent as silent:
                metadata["parts"] = silent.parts
                return _silent_outcome(name, metadata)
            except _RelayTakesLess as less:
                smaller = less.smaller(limit)
                if smaller is None:
                    raise less.refusal from None
                limit, in_parts = smaller, True  # nothing was transcribed yet: cut smaller parts and send them
                metadata["upload_limit"] = limit
                report(None, f"The relay takes at most {limit / 1024 ** 2:.1f} MB an upload: cutting smaller parts",
                       error_info("transcribe.smaller-parts", megabytes=f"{limit / 1024 ** 2:.1f}"))
            except _ModelTakesShorter as shorter:
                if seconds is not None and shorter.seconds >= seconds:  # cut for it already: no shorter cut helps
                    raise shorter.refusal from None
                seconds, in_parts = shorter.seconds, True  # nothing was transcribed yet: cut shorter parts
                metadata["seconds_limit"] = seconds
                minutes = f"{shorter.refusal.seconds / 60:.0f}"
                report(None, f"{job.model} takes at most {minutes} minutes an upload: cutting shorter parts",
                       error_info("transcribe.shorter-parts", model=job.model, minutes=minutes))
        metadata.update(language=transcript.language, duration=transcript.duration, lines=len(transcript.segments))
        if not transcript.text.strip():
            return Outcome(phase="failed", metadata=metadata,
                           error=f"The relay heard no speech in {name}; nothing was saved.",
                           error_detail=error_info("transcribe.no-speech", name=name))
        try:
            rendered = render(transcript, fmt, model="" if fmt in formats_for(job.model) else job.model)
        except NoTimestamps as exc:
            return Outcome(phase="failed", error=str(exc), metadata=metadata)
        return Outcome(phase="succeeded", metadata=metadata,
                       results=[Result(data=rendered.encode("utf-8"), kind="text", suffix=SUFFIXES[fmt])])

    async def finished(self, job: Job, assets: list[Asset]) -> dict[str, Any]:
        """The transcript is in the gallery: the parts, their transcripts and a compressed recording are not
        needed any more."""
        with contextlib.suppress(OutsideDataFolder):
            await asyncio.to_thread(shutil.rmtree, parts_folder(self._root, job.id).parent, True)
        return {}

    async def _compressed(self, job: Job, kept: KeptSource, report: Reporter) -> Path:
        """The speech MP3 of a recording the job keeps by its path (over `KEEP_WHOLE_BYTES`), made in
        `jobs/<id>/source/` from the user's file the first time, with progress and stop (a cancel ends it within a
        frame), and used as it is after that: once it is made the user's file is not needed any more. `MediaError`
        in one sentence when the file is gone or changed since the job was saved (nothing was sent)."""
        folder = parts_folder(self._root, job.id).parent / "source"
        original = Path(str(kept.get("path") or ""))
        facts: dict[str, Any] = {"path": str(original), "bytes": kept.get("bytes"), "mtime_ns": kept.get("mtime_ns")}
        if await asyncio.to_thread(_compressed_for, folder, facts):
            return folder / COMPRESSED
        name = str(kept.get("name") or original.name)

        def unchanged() -> bool:
            stat = original.stat()
            return original.is_file() and [stat.st_size, stat.st_mtime_ns] == [facts["bytes"], facts["mtime_ns"]]

        try:
            same = await asyncio.to_thread(unchanged)
        except OSError:
            raise MediaError(f"{name} is no longer at {original.parent}; the job keeps a recording this large by its "
                             "place until it is compressed: put it back, then retry.") from None
        if not same:
            raise MediaError(f"{name} changed after the job was saved; transcribe it again as a new job.")
        report(None, f"Compressing {name}", error_info("transcribe.compressing", name=name))
        loop = asyncio.get_running_loop()

        def progress(seconds: float) -> None:
            minutes = f"{seconds / 60:.0f}"
            loop.call_soon_threadsafe(report, None, f"Compressed {minutes} minutes of {name}",
                                      error_info("transcribe.compressed", name=name, minutes=minutes))

        stop = self.stop_asked(job)
        try:
            await asyncio.to_thread(_compress, original, folder, facts, progress, stop)
        except asyncio.CancelledError:
            stop.set()
            raise
        except MediaError:
            if stop.is_set():
                raise SendingStopped(f"The transcription of {name} was stopped while it was compressed.") from None
            raise
        return folder / COMPRESSED

    async def _upload(self, job: Job, client: RelayClient, path: Path, name: str, mime: str, *,
                      split: bool = False) -> Transcript:
        """The transcript of the file at `path`, streamed from it as it is sent (a part of up to 25 MB is never
        held whole in memory, three of them in flight and the form's copy neither)."""
        handle = await asyncio.to_thread(path.open, "rb")
        try:
            return await self._transcribe(job, client, (name, handle, mime), split=split)
        finally:
            await asyncio.to_thread(handle.close)

    async def _transcribe(self, job: Job, client: RelayClient, file: tuple[str, bytes | BinaryIO, str], *,
                          split: bool = False) -> Transcript:
        """One upload's transcript. A part is asked for verbose JSON when the job wants times (its lines are
        merged before they are rendered), else for JSON; a whole file for the job's own format."""
        request = cast(TranscriptionRequest, job.request)
        fmt = str(request.get("format") or "text")
        timed = fmt in formats_for(job.model) and fmt in ("srt", "vtt", "verbose_json")
        if split:
            asked = "verbose_json" if timed else "json"
        else:  # a model without timestamps is asked for JSON; the service refused subtitles from it already
            asked = fmt if fmt in formats_for(job.model) else "json"
        return await Transcriptions(client).create(
            file, model=job.model, response_format=asked, language=request.get("language"),
            prompt=request.get("prompt"), translate=bool(request.get("translate")),
            words=fmt == "verbose_json")

    async def _in_parts(self, job: Job, client: RelayClient, source: Path, stem: str, limit: int,
                        report: Reporter, *, seconds: float | None = None) -> tuple[Transcript, int]:
        """The split path: cut (or find the cut already made), send the parts without a transcript, merge."""
        folder = parts_folder(self._root, job.id)
        report(None, "Preparing the parts", error_info("transcribe.preparing"))
        loop = asyncio.get_running_loop()

        def progress(seconds: float) -> None:
            minutes = f"{seconds / 60:.0f}"
            loop.call_soon_threadsafe(report, None, f"Prepared {minutes} minutes of audio",
                                      error_info("transcribe.prepared", minutes=minutes))

        stop = self.stop_asked(job)  # set when the job is cancelled: the cut ends soon after, not an hour later
        try:
            plan = await asyncio.to_thread(_planned, folder, source, limit, progress, stop, seconds)
        except asyncio.CancelledError:
            stop.set()
            raise
        except MediaError:
            if stop.is_set():  # the cut was stopped: what it wrote is gone, the transcripts of an earlier one stay
                raise SendingStopped(f"The transcription of {stem} was stopped while it was cut into parts.") from None
            raise
        key = _answer_key(job)
        answers = [folder / f"{Path(p['file']).stem}.{key}.json" for p in plan]
        heard: list[Transcript | None] = list(await asyncio.to_thread(_saved_answers, answers, plan))
        answered = sum(t is not None for t in heard)  # answers of the relay for this cut, on disk or new
        if all(part.get("loudest", 1) == 0 for part in plan):
            raise _Silent(len(plan))
        for index, part in enumerate(plan):  # a part of digital silence is not paid for (nor invented words of it)
            if heard[index] is None and part.get("loudest", 1) == 0:
                heard[index] = Transcript(text="")
        slots = asyncio.Semaphore(CONCURRENCY)
        failed = asyncio.Event()  # a part failed: the parts not yet sent are not sent
        done = sum(t is not None for t in heard)

        async def one(index: int) -> None:
            nonlocal done, answered
            if heard[index] is not None:
                return
            async with slots:
                if failed.is_set() or stop.is_set():  # after a failure or a cancel nothing more is sent
                    return
                path = folder / plan[index]["file"]
                try:
                    transcript = await self._upload(job, client, path, f"{stem}-{path.name}", "audio/mpeg", split=True)
                except BaseException:
                    failed.set()
                    raise
                await asyncio.to_thread(_write_json, answers[index], {**as_json(transcript), PART: _facts(plan[index])})
                heard[index] = transcript
                answered += 1
            done += 1
            report(100.0 * done / len(plan), f"{done} of {len(plan)} parts",
                   error_info("transcribe.parts", done=done, total=len(plan)))

        outcomes = await asyncio.gather(*(one(i) for i in range(len(plan))), return_exceptions=True)
        failure = next((o for o in outcomes if isinstance(o, BaseException)), None)
        if isinstance(failure, UploadTooLarge) and answered == 0:
            # the relay takes less than the parts were cut for, and no part was transcribed yet: a smaller cut
            raise _RelayTakesLess(failure, max(int(p["bytes"]) for p in plan)) from None
        if isinstance(failure, AudioTooLong) and answered == 0:  # the model takes shorter parts: the same
            raise _ModelTakesShorter(failure) from None
        if failure is not None:  # the transcripts that did arrive are kept on disk for the next try
            raise failure
        if stop.is_set() and any(t is None for t in heard):  # cancelled: the parts that arrived are kept as well
            raise SendingStopped(f"The transcription of {stem} was stopped with {done} of {len(plan)} parts "
                                 "transcribed; a retry sends the rest.")
        pieces = [(float(p["offset"]), float(p["seconds"]), t) for p, t in zip(plan, heard, strict=True)
                  if t is not None]
        merged = merge(pieces)
        if any(t.text.strip() and not t.timed for _, _, t in pieces):
            # a part heard without times (a relay model with one output): subtitles would lose its lines, so the
            # transcript has no times at all and subtitles of it are refused in one sentence
            merged = dataclasses.replace(merged, segments=(), words=())
        return merged, len(plan)


class _RelayTakesLess(Exception):
    """A 413 before any part was transcribed: the relay (a proxy in front of it) takes less than was sent."""

    def __init__(self, refusal: UploadTooLarge, sent: int) -> None:
        super().__init__(str(refusal))
        self.refusal = refusal
        self.sent = sent

    def smaller(self, limit: int) -> int | None:
        """The limit to cut for now: the one the 413 states (OpenAI's "Maximum content size limit (N)"), else
        half of what was refused; None when that would be under `MIN_UPLOAD` (or no smaller than before)."""
        stated = re.search(r"limit \((\d+)\)", self.refusal.message or "")
        value = int(stated.group(1)) if stated and int(stated.group(1)) < self.sent else self.sent // 2
        value = min(value, limit - 1) if value < limit else limit // 2
        return value if value >= MIN_UPLOAD else None


class _Silent(Exception):
    """Every part of the cut is digital silence: nothing is sent."""

    def __init__(self, parts: int) -> None:
        super().__init__("silent")
        self.parts = parts


def _silent_outcome(name: str, metadata: dict[str, Any]) -> Outcome:
    return Outcome(phase="failed", metadata=metadata, error=f"{name} is silent; nothing was sent.",
                   error_detail=error_info("transcribe.silent", name=name))


def _silent(path: Path) -> bool:
    from studio.storage.audio_split import is_silent

    return is_silent(path)


class _ModelTakesShorter(Exception):
    """A 400 "longer than the model takes" before any part was transcribed: cut parts of at most `seconds`."""

    def __init__(self, refusal: AudioTooLong) -> None:
        super().__init__(str(refusal))
        self.refusal = refusal
        self.seconds = refusal.seconds * SECONDS_SHARE


def _compressed_for(folder: Path, facts: dict[str, Any]) -> bool:
    """Whether `folder` holds the whole speech MP3 of the recording `facts` name (its path, size and time)."""
    return _read_json(folder / COMPRESSED_FROM) == facts and (folder / COMPRESSED).is_file()


def _compress(original: Path, folder: Path, facts: dict[str, Any], progress: Any, stop: threading.Event) -> None:
    """Write `original`'s sound into `folder` as one speech MP3 (the split path's encoder, cut for no limit), then
    what it was made of; a crash in between leaves no record, so the next try compresses again."""
    from studio.storage.audio_split import split_speech

    scratch = folder / "cut"
    shutil.rmtree(scratch, ignore_errors=True)
    (folder / COMPRESSED_FROM).unlink(missing_ok=True)
    try:
        (part,) = split_speech(original, scratch, limit=_WHOLE, progress=progress, stop=stop)
        os.replace(part.path, folder / COMPRESSED)
    except OSError as exc:
        if is_no_room(exc):
            raise disk_full(folder, int(facts["bytes"] or 0) // 10) from None
        raise MediaError(f"{original.name} could not be compressed ({exc.strerror or exc}).") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _write_json(folder / COMPRESSED_FROM, facts)


def _plan_seconds(folder: Path) -> float | None:
    """The longest part of the cut on disk, when it was cut for a model's duration limit (learned from a 400)."""
    found = _read_json(folder / PLAN)
    value = found.get("seconds_limit") if isinstance(found, dict) else None
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 10 else None


def _plan_limit(folder: Path) -> int | None:
    """The limit of the cut on disk (one made after a 413 is smaller than the job's own)."""
    found = _read_json(folder / PLAN)
    value = found.get("limit") if isinstance(found, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) and MIN_UPLOAD <= value else None


def _answer_key(job: Job) -> str:
    """What names a part's transcript: a hash of what the answer depends on (an edited job never reuses one)."""
    request = cast(TranscriptionRequest, job.request)
    facts = [job.model, request.get("format"), request.get("language"), request.get("prompt"),
             bool(request.get("translate"))]
    return hashlib.sha256(json.dumps(facts, ensure_ascii=False).encode("utf-8")).hexdigest()[:12]


def _planned(folder: Path, source: Path, limit: int, progress: Any, stop: threading.Event,
             seconds: float | None = None) -> list[dict[str, Any]]:
    """The job's parts: the plan on disk when it is for this source and limit and its files are whole, else
    a fresh cut. The cut is deterministic: a transcript of the older cut whose part has the same start, length
    and bytes in the new one is kept (paid for once), any other is removed."""
    from studio.storage.audio_split import split_speech

    stat = source.stat()
    facts: dict[str, Any] = {"source": source.name, "bytes": stat.st_size, "limit": limit}
    if seconds is not None:  # a cut for a model's duration limit says so (a plan without it is for bytes alone)
        facts["seconds_limit"] = seconds
    found = _read_json(folder / PLAN)
    if isinstance(found, dict) and {k: found.get(k) for k in facts} == facts and _whole(folder, found.get("parts")):
        return cast(list[dict[str, Any]], found["parts"])
    earlier = _earlier_facts(found)
    _clear_cut(folder)  # the plan and the part files; the transcripts wait for the new cut
    try:
        parts = split_speech(source, folder, limit=limit, progress=progress, stop=stop, max_seconds=seconds)
    except OSError as exc:
        if is_no_room(exc):
            raise disk_full(folder, stat.st_size // 10) from None
        raise
    listed = [{"file": p.path.name, "offset": round(p.offset, 6), "seconds": round(p.seconds, 6), "bytes": p.size,
               "loudest": p.loudest} for p in parts]
    if not listed:
        raise MediaError(f"{source.name} holds no sound to transcribe.")
    if any(p.size > limit for p in parts):  # a bit rate the encoder did not keep: never an upload over the limit
        shutil.rmtree(folder, ignore_errors=True)
        raise MediaError(f"{source.name} could not be cut into parts under {limit / 1024 ** 2:g} MB.")
    _keep_answers(folder, listed, earlier)
    _write_json(folder / PLAN, {**facts, "parts": listed})
    return listed


def _facts(part: dict[str, Any]) -> list[Any]:
    """What tells a part of a cut: its start, length and bytes (the same in a cut made again of the same file)."""
    return [part.get("offset"), part.get("seconds"), part.get("bytes")]


def _earlier_facts(plan: Any) -> dict[str, list[Any]]:
    """Each part's facts by its file's stem (`part-000`) in a plan read from disk (none when unreadable)."""
    parts = plan.get("parts") if isinstance(plan, dict) else None
    return {str(p.get("file")).split(".")[0]: _facts(p) for p in parts if isinstance(p, dict)} \
        if isinstance(parts, list) else {}


def _clear_cut(folder: Path) -> None:
    """Remove a cut's plan and part files (a crash from here on finds no plan, and cuts again)."""
    (folder / PLAN).unlink(missing_ok=True)
    if folder.is_dir():
        for path in folder.glob("part-*.mp3*"):
            path.unlink(missing_ok=True)


def _keep_answers(folder: Path, listed: list[dict[str, Any]], earlier: dict[str, list[Any]]) -> None:
    """Keep each saved transcript whose part is unchanged in the new cut (by the facts written in it, else by the
    older plan's); remove the others."""
    fresh = {str(p["file"]).split(".")[0]: _facts(p) for p in listed}
    for path in folder.glob("part-*.json"):
        stem = path.name.split(".")[0]
        payload = _read_json(path)
        recorded = payload.get(PART) if isinstance(payload, dict) and PART in payload else earlier.get(stem)
        if stem not in fresh or recorded != fresh[stem]:
            path.unlink(missing_ok=True)


def _whole(folder: Path, parts: object) -> bool:
    if not isinstance(parts, list) or not parts:
        return False
    for part in parts:
        if not isinstance(part, dict) or not _PART_FILE.fullmatch(str(part.get("file"))) \
                or not all(isinstance(part.get(k), (int, float)) for k in ("offset", "seconds")):
            return False
        path = folder / part["file"]
        if not path.is_file() or path.stat().st_size != part.get("bytes"):
            return False
    return True


def _saved_answers(paths: list[Path], plan: list[dict[str, Any]]) -> list[Transcript | None]:
    """The transcripts already on disk (one that cannot be read, or of another part, is sent again)."""
    found: list[Transcript | None] = []
    for path, part in zip(paths, plan, strict=True):
        payload = _read_json(path)
        ours = isinstance(payload, dict) and payload.get(PART, _facts(part)) == _facts(part)
        found.append(from_json(payload) if ours and isinstance(payload.get("text"), str) else None)
    return found


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_json(path: Path, payload: Any) -> None:
    """Write `payload` so that it is either whole on disk or absent."""
    write_whole(path, json.dumps(payload, ensure_ascii=False).encode("utf-8"), "A part of the transcript")
