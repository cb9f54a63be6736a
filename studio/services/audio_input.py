"""The audio file a transcription is made of, checked before anything is sent or charged.

A file is recognised by its first bytes (an image renamed `.mp3` is refused), must hold sound that PyAV
can read, and a video's sound is extracted into a small mono MP3 first (studio/storage/audio_extract.py):
an upload carries the voice, not the picture. A recording over the route's 25 MB upload limit is taken as
it is: its job cuts it into parts (studio/jobs/transcription.py). A file over `KEEP_WHOLE_BYTES` (a two-hour
WAV, a 2 GB recording of a concert, a long video) is neither copied nor compressed here: that takes minutes, and
done before the job exists it could show no progress, not be stopped and would start over after a crash. The job
keeps it by its place (`kept_source`: path, size, modification time) and its submit compresses it, with progress
and stop, into the job's folder, after which the user's file is not needed; a file gone or changed before that
fails the job in one sentence (docs/JOBS.md#long-transcriptions). Only a file over `MAX_SOURCE_BYTES` is refused
by its size alone, before it is read. Checking takes a moment on a long file: call `prepare_audio` in a worker
thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studio.errors import InputError
from studio.services.inputs import InputFile
from studio.storage.filetypes import sniff
from studio.storage.media import MediaError, probe

#: the largest recording or video taken (what is kept of it is its sound as a speech MP3, whatever its size)
MAX_SOURCE_BYTES = 64 * 1024 ** 3
#: a file up to this size is copied into the job (a video's sound extracted first); a larger one is kept by its
#: place and compressed by the job
KEEP_WHOLE_BYTES = 256 * 1024 ** 2


def prepare_audio(path: Path | str, scratch: Path, *, limit: int | None = None) -> tuple[InputFile, bool]:
    """The file to upload for `path` and whether it is a scratch copy (a video's extracted sound, written
    under `scratch`, the caller's to delete once it is saved). A file over `KEEP_WHOLE_BYTES` is returned as it is
    (`kept_by_path`). `limit` is not checked any more: a file over the upload limit is cut into parts by its job."""
    p = Path(path).expanduser()
    if not p.exists():
        raise InputError(f"{p} does not exist.")
    if not p.is_file():
        raise InputError(f"{p} is not a file.")
    size = p.stat().st_size
    if size == 0:
        raise InputError(f"{p.name} is empty: there is nothing to transcribe.")
    if size > MAX_SOURCE_BYTES:
        raise InputError(f"{p.name} is {_mb(size)}; transcription takes recordings of at most "
                         f"{_mb(MAX_SOURCE_BYTES)}.")
    with p.open("rb") as handle:
        mime = sniff(handle.read(32))
    if mime is None or not mime.startswith(("audio/", "video/")):
        raise InputError(f"{p.name} is not an audio or video file.")
    try:
        info = probe(p)
    except MediaError:
        raise InputError(f"{p.name} is damaged or not audio that can be read.") from None
    if not info.audio:
        raise InputError(f"{p.name} holds no sound to transcribe.")
    item, copied = InputFile(p.resolve(), "file", mime, size), False
    if info.video and size <= KEEP_WHOLE_BYTES:
        from studio.storage.audio_extract import extract_speech

        target = scratch.with_suffix(".mp3")
        try:
            extract_speech(p, target)
        except MediaError as exc:
            raise InputError(str(exc)) from None
        item = InputFile(target, "file", "audio/mpeg", target.stat().st_size, name=f"{p.stem}.mp3")
        copied = True
    return item, copied


def kept_by_path(item: InputFile) -> bool:
    """Whether the job keeps `item` by its place (`kept_source`) rather than a copy: a file over `KEEP_WHOLE_BYTES`."""
    return item.size > KEEP_WHOLE_BYTES


def kept_source(item: InputFile) -> dict[str, Any]:
    """What the job keeps of a file `kept_by_path` (`studio.jobs.transcription.KeptSource`): its absolute path, the
    name it is known by, its type, and its size and modification time (a file changed since is not sent)."""
    stat = item.path.stat()
    return {"path": str(item.path.resolve()), "name": item.filename, "mime": item.mime, "bytes": stat.st_size,
            "mtime_ns": stat.st_mtime_ns}


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size < 1024 ** 3 else f"{size / 1024 ** 3:.1f} GB"
