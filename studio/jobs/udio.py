"""Udio jobs (docs/PROTOCOLS.md#udio): submit a song task once, poll it, hand over its songs.

A job's request (`UdioRequest`) is a description (the prompt, or the style tags), the lyrics or none
(Udio writes them) or instrumental, and the model version sent as `model_type` when the model names
one. Each song is three results at fixed places, by its place in the order the job first saw the songs
(`clip_order` in its metadata, as Suno jobs keep it: a relay that lists them in another order later, or leaves
one out, moves no saved song): `3k` its audio, `3k + 1` its cover, `3k + 2` its video, a place left empty
(`Result()`) while the relay has not given it, or never will. Songs say themselves when they are `finished`,
so a song is handed over the poll it is, while its sibling is still made, and the runner saves it at once
(docs/JOBS.md#partial-results).
The audio carries the song's title, tags, lyrics, duration and song id (`Result.meta`), the cover and video
the song id and their `role` (`clip_result_meta`); the job's metadata
keeps the songs as listed (`clips`), one song id per place (`clip_ids`, "" for an empty one) and a song that
failed beside finished ones in `failed_clips` with its reason: the keys Suno jobs use, so lists and `--json`
read both. A task that ends `SUCCESS` without a single finished song fails in one sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypedDict, cast

from studio.api.udio import Udio, UdioSong, UdioTask, music_body
from studio.errors import error_info
from studio.jobs.handlers import (
    NO_REASON,
    FamilyHandler,
    Outcome,
    PollPolicy,
    Reporter,
    Result,
    clip_result_meta,
    task_failed,
)

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.jobs.model import Job


class UdioRequest(TypedDict, total=False):
    """`Job.request` of a Udio job (what `JobService.create_music` saves for the Udio family)."""

    action: str  # music
    mode: str  # inspiration (Udio writes the lyrics) or custom (the user's lyrics)
    lyrics: str
    tags: str
    version: str  # the `model_type` sent ("" for the relay's default)
    instrumental: bool


class UdioHandler(FamilyHandler):
    # the one client known polls every 5 s; a song takes about a minute or two
    policy = PollPolicy(floor=5.0, ceiling=20.0, growth=1.25, warmup=120.0, stall_after=1800.0)

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        request = cast(UdioRequest, job.request)
        body = music_body(prompt=job.prompt, lyrics=request.get("lyrics", ""),
                          instrumental=bool(request.get("instrumental")), version=request.get("version", ""))
        return Outcome(phase="queued", remote_id=await Udio(client).music(body))

    async def poll(self, job: Job, client: RelayClient) -> Outcome:
        return outcome_of(await Udio(client).fetch(str(job.remote_id)), listed(job.metadata))


def listed(metadata: dict[str, Any]) -> list[str]:
    """The song ids in the order the job first saw them (`clip_order`), the order their places keep."""
    order = metadata.get("clip_order")
    return [str(song_id) for song_id in order if song_id] if isinstance(order, list) else []


def outcome_of(task: UdioTask, known: list[str] | None = None) -> Outcome:
    """The outcome of a task's answer; `known`: the song ids in the order earlier answers listed them."""
    metadata: dict[str, Any] = {"udio_status": task.status, "clips": [s.as_dict() for s in task.songs],
                                "clip_order": list(dict.fromkeys([*(known or []), *(s.id for s in task.songs)]))}
    phase = task.phase
    if phase == "failed":
        reason = (task.fail_reason or next((s.error for s in task.songs if s.error), "")).rstrip(".")
        return Outcome(phase="failed", error=f"Udio failed the task: {reason or NO_REASON}.", metadata=metadata,
                       error_detail=task_failed("Udio", reason))
    results, clip_ids = song_results(task, known or [])
    done = [s for s in task.songs if _finished(s, task)]
    if phase != "succeeded":
        progress = task.progress if task.progress is not None and task.progress < 100.0 else None
        if done:
            progress = max(progress or 0.0, 100.0 * len(done) / len(task.songs))
        return Outcome(phase=phase, progress=progress, results=results, metadata=metadata)
    if not done:
        return Outcome(phase="failed", error="Udio finished the task without a song.", metadata=metadata,
                       error_detail=error_info("task.no-result", reason="the task has no finished song"))
    metadata["clip_ids"] = clip_ids
    failed = [{"id": s.id, "reason": s.error or NO_REASON} for s in task.songs if s.failed]
    if failed:
        metadata["failed_clips"] = failed
    titles = [s.title for s in done if s.title]
    if titles:
        metadata["label"] = titles[0]
    return Outcome(phase="succeeded", progress=100.0, results=results, metadata=metadata)


#: the results of one song, in their order at the song's places
SONG_RESULTS = ("audio", "image", "video")


def _finished(song: UdioSong, task: UdioTask) -> bool:
    """A song with its audio and no error that says it is `finished`, or of a task that has ended (the one
    client known reads the songs of a `SUCCESS` task without looking at the flag)."""
    return (song.finished or task.phase == "succeeded") and bool(song.audio_url) and not song.failed


def song_results(task: UdioTask, known: Sequence[str] = ()) -> tuple[list[Result], list[str]]:
    """Every finished song's results at its fixed places (empty ones between), and the song id of each place;
    empty places at the end are left out. The songs listed before keep their places (empty where the relay
    no longer lists one); new ones come after them in the relay's order."""
    by_id = {s.id: s for s in task.songs}
    placed = [by_id.get(song_id) for song_id in dict.fromkeys(known)]
    placed += [s for s in task.songs if s.id not in set(known)]
    results: list[Result] = []
    clip_ids: list[str] = []
    for song in placed:
        if song is None:
            results += [Result(kind=kind) for kind in SONG_RESULTS]
            clip_ids += [""] * len(SONG_RESULTS)
            continue
        ready = _finished(song, task)
        meta = {"title": song.title, "tags": song.tags, "lyrics": song.lyrics, "duration": song.duration,
                "clip_id": song.id}
        for kind, url in zip(SONG_RESULTS, (song.audio_url, song.image_url, song.video_url), strict=True):
            given = ready and bool(url)
            results.append(Result(url=url, kind=kind, meta=clip_result_meta(kind, meta)) if given
                           else Result(kind=kind))
            clip_ids.append(song.id if given else "")
    while results and results[-1].empty:
        results.pop()
        clip_ids.pop()
    return results, clip_ids
