"""Suno jobs (docs/PROTOCOLS.md#suno): submit a song or lyrics task once, poll it, hand over its clips.

A song job's request (`SunoRequest`) is inspiration mode (the prompt becomes `gpt_description_prompt`)
or custom mode (`lyrics`, `title`, `tags`), instrumental or not, with the model version `mv`; an
extension names the clip, the second to continue from and the clip's task. Each clip is three results at
fixed places, by the clip's place in the order the job first saw the clips (`clip_order` in its metadata,
so a relay that lists them in another order later, or leaves one out, moves nothing): `3k` its audio,
`3k + 1` its cover picture and `3k + 2` its video, a place left empty (`Result()`) while the relay has not
given it, or never will. A clip is handed over the poll it is `complete`, while its sibling may still stream,
so the runner saves it at once (docs/JOBS.md#partial-results) and the places never move between polls; a task
that fails (one clip's error, Suno's "time out") still hands over the clips that finished, and they are saved.
The audio carries the clip's `title`, `tags`, `lyrics`, `duration` and `clip_id` (`Result.meta`, kept in
its asset's metadata), the cover and video the `clip_id` and their `role` (`clip_result_meta`); the job's
metadata keeps the clips as listed (`clips`), one clip id per result place (`clip_ids`, "" for an empty place)
and a clip that failed beside finished ones in `failed_clips` with its
reason. Lyrics end as text.

Polls of every running Suno job on one relay within a short window share one `POST /suno/fetch
{"ids": [...]}` (`SunoBatcher`, the same design as Midjourney's `TaskBatcher`); a relay without the
batch route, or a task the batch leaves out, is asked alone.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, TypedDict, cast

from studio.api.errors import ApiError, BadRequest, BadResponse, NotFound, NotImplementedByRelay
from studio.api.suno import Suno, SunoClip, SunoTask, music_body
from studio.errors import error_info
from studio.jobs.handlers import (
    NO_REASON,
    FamilyHandler,
    HandlerContext,
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


class SunoRequest(TypedDict, total=False):
    """`Job.request` of a Suno job (what `JobService.create_music` / `create_lyrics` save)."""

    action: str  # music or lyrics
    mode: str  # inspiration (the prompt is the description) or custom (lyrics, title, tags)
    lyrics: str
    title: str
    tags: str
    version: str  # the `mv` sent
    instrumental: bool
    continue_clip_id: str  # an extension: the clip, its task and the second it continues from
    continue_task_id: str
    continue_at: float
    source_asset: str


class SunoBatcher:
    """Coalesces the polls of Suno jobs on one client into one batch query (up to `max_ids` tasks) per
    `window` seconds; remembers per client which query spelling works and whether batching does."""

    def __init__(self, window: float = 0.05, max_ids: int = 50) -> None:
        self._window = window
        self._max_ids = max_ids
        self._apis: dict[int, Suno] = {}
        self._pending: dict[int, dict[str, list[asyncio.Future[SunoTask]]]] = {}
        self._single: set[int] = set()
        self._flushes: set[asyncio.Task[None]] = set()

    def api(self, client: RelayClient) -> Suno:
        key = id(client)
        if key not in self._apis:
            self._apis[key] = Suno(client)
        return self._apis[key]

    async def fetch(self, client: RelayClient, task_id: str) -> SunoTask:
        key = id(client)
        api = self.api(client)
        if key in self._single:
            return await api.fetch(task_id)
        batch = self._pending.get(key)
        if batch is None:
            batch = self._pending[key] = {}
            self._start(self._flush_later(key, api))
        waiter: asyncio.Future[SunoTask] = asyncio.get_running_loop().create_future()
        batch.setdefault(task_id, []).append(waiter)
        if len(batch) >= self._max_ids:
            self._pending.pop(key, None)
            self._start(self._flush(key, api, batch))
        return await waiter

    def _start(self, work: Any) -> None:
        flush = asyncio.ensure_future(work)
        self._flushes.add(flush)
        flush.add_done_callback(self._flushes.discard)

    async def _flush_later(self, key: int, api: Suno) -> None:
        await asyncio.sleep(self._window)
        batch = self._pending.pop(key, None)
        if batch:
            await self._flush(key, api, batch)

    async def _flush(self, key: int, api: Suno, batch: dict[str, list[asyncio.Future[SunoTask]]]) -> None:
        found: dict[str, SunoTask] = {}
        try:
            if len(batch) > 1:
                found = {task.task_id: task for task in await api.fetch_many(list(batch))}
        except (NotFound, NotImplementedByRelay, BadRequest, BadResponse):
            self._single.add(key)  # no usable batch route here: ask one by one
        except ApiError as exc:
            _settle(batch.values(), exc)
            return
        for task_id, waiters in batch.items():
            try:
                task = found.get(task_id) or await api.fetch(task_id)
            except ApiError as exc:
                _settle([waiters], exc)
                continue
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(task)


def _settle(groups: Any, exc: BaseException) -> None:
    for waiters in groups:
        for waiter in waiters:
            if not waiter.done():
                waiter.set_exception(exc)


class SunoHandler(FamilyHandler):
    # new-api refreshes Suno tasks every 15 s upstream; a song takes one to three minutes
    policy = PollPolicy(floor=5.0, ceiling=20.0, growth=1.25, warmup=120.0, stall_after=1800.0)
    batches_polls = True

    def __init__(self, context: HandlerContext) -> None:
        super().__init__(context)
        self._batcher = SunoBatcher()

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        request = cast(SunoRequest, job.request)
        api = self._batcher.api(client)
        if request.get("action") == "lyrics":
            submitted = await api.lyrics(job.prompt)
        else:
            custom = request.get("mode") == "custom"
            body = music_body(
                description="" if custom else job.prompt, lyrics=request.get("lyrics", ""),
                title=request.get("title", ""), tags=request.get("tags", ""),
                version=request.get("version") or "", instrumental=bool(request.get("instrumental")),
                continue_clip_id=request.get("continue_clip_id", ""), continue_at=request.get("continue_at"),
                task_id=request.get("continue_task_id", ""),
            )
            submitted = await api.music(body)
        if submitted.clips:  # a relay that answered with the clip itself
            task = SunoTask(task_id=submitted.task_id, action="MUSIC", status="", clips=submitted.clips)
            outcome = outcome_of(task)
            outcome.remote_id = submitted.task_id
            return outcome if outcome.phase in ("succeeded", "failed") else Outcome(
                phase="queued", remote_id=submitted.task_id, metadata=outcome.metadata)
        return Outcome(phase="queued", remote_id=submitted.task_id)

    async def poll(self, job: Job, client: RelayClient) -> Outcome:
        return outcome_of(await self._batcher.fetch(client, str(job.remote_id)), listed(job.metadata))


def listed(metadata: dict[str, Any]) -> list[str]:
    """The ids of the clips in the order the job first saw them (`clip_order`; rows from before: `clips`), the
    order their results' places keep."""
    order = metadata.get("clip_order")
    if isinstance(order, list):
        return [str(clip_id) for clip_id in order if clip_id]
    return [str(c["id"]) for c in metadata.get("clips") or [] if isinstance(c, dict) and c.get("id")]


def outcome_of(task: SunoTask, known: list[str] | None = None) -> Outcome:
    """The outcome of a task's answer; `known`: the clip ids in the order an earlier answer listed them, so
    each clip's results keep their places whatever order (or subset) the relay lists them in now."""
    clips = _in_places(task.clips, known or [])
    metadata: dict[str, Any] = {"suno_status": task.status or "",
                                "clips": [c.as_dict() for c in clips if c is not None],
                                "clip_order": list(dict.fromkeys([*(known or []), *(c.id for c in task.clips)]))}
    phase = task.phase
    if task.action == "LYRICS" or (task.lyrics is not None and not task.clips and task.action != "MUSIC"):
        return _lyrics_outcome(task, phase, metadata)
    results, clip_ids = _clip_results(clips)
    if phase == "failed":  # a clip that finished before (or as) its task failed is still handed over, and saved
        reason = (task.fail_reason or next((c.error for c in task.clips if c.error), "")).rstrip(".")
        if results:
            metadata["clip_ids"] = clip_ids
        _note_failed_clips(task, metadata)
        return Outcome(phase="failed", error=f"Suno failed the task: {reason or NO_REASON}.", metadata=metadata,
                       error_detail=task_failed("Suno", reason), results=results)
    if phase != "succeeded":
        done = sum(1 for c in task.clips if _finished(c))
        progress = 100.0 * done / len(task.clips) if done else None
        return Outcome(phase=phase, progress=progress if progress is not None else _running(task.progress),
                       results=results, metadata=metadata)
    if not results:
        return Outcome(phase="failed", error="Suno finished the song without an audio file.", metadata=metadata,
                       error_detail=error_info("task.no-result", reason="the song has no audio link"))
    metadata["clip_ids"] = clip_ids
    _note_failed_clips(task, metadata)
    titles = [c.title for c in task.clips if _finished(c) and c.title]
    if titles:
        metadata["label"] = titles[0]
    return Outcome(phase="succeeded", progress=100.0, results=results, metadata=metadata)


def _note_failed_clips(task: SunoTask, metadata: dict[str, Any]) -> None:
    """Keep each clip that failed with its reason (`failed_clips`)."""
    failed = [{"id": c.id, "reason": c.error or NO_REASON} for c in task.clips if c.phase == "failed"]
    if failed:
        metadata["failed_clips"] = failed


#: the results of one clip, in their order at the clip's places
CLIP_RESULTS = ("audio", "image", "video")


def _finished(clip: SunoClip) -> bool:
    return clip.phase == "succeeded" and bool(clip.audio_url)


def clip_meta(clip: SunoClip) -> dict[str, Any]:
    """What every asset of a clip keeps and can be searched by (`Result.meta`)."""
    return {"title": clip.title, "tags": clip.tags, "lyrics": clip.lyrics, "duration": clip.duration,
            "clip_id": clip.id}


def _in_places(clips: tuple[SunoClip, ...], known: list[str]) -> list[SunoClip | None]:
    """The clips at their places: those listed before where they were (None for one the relay no longer
    lists), new ones after them in the relay's order."""
    by_id = {c.id: c for c in clips}
    placed: list[SunoClip | None] = [by_id.get(clip_id) for clip_id in dict.fromkeys(known)]
    seen = set(known)
    return placed + [c for c in clips if c.id not in seen]


def _clip_results(clips: list[SunoClip | None]) -> tuple[list[Result], list[str]]:
    """Every finished clip's results at its fixed places (empty ones between), and the clip id of each place;
    empty places at the end are left out."""
    results: list[Result] = []
    clip_ids: list[str] = []
    for clip in clips:
        if clip is None:
            results += [Result(kind=kind) for kind in CLIP_RESULTS]
            clip_ids += [""] * len(CLIP_RESULTS)
            continue
        ready = _finished(clip)
        meta = clip_meta(clip)
        for kind, url in zip(CLIP_RESULTS, (clip.audio_url, clip.image_url, clip.video_url), strict=True):
            given = ready and bool(url)
            results.append(Result(url=url, kind=kind, meta=clip_result_meta(kind, meta)) if given
                           else Result(kind=kind))
            clip_ids.append(clip.id if given else "")
    while results and results[-1].empty:
        results.pop()
        clip_ids.pop()
    return results, clip_ids


def _running(progress: float | None) -> float | None:
    """A task's own progress while it runs: new-api's "100%" is only ever its end."""
    return progress if progress is not None and progress < 100.0 else None


def _lyrics_outcome(task: SunoTask, phase: str, metadata: dict[str, Any]) -> Outcome:
    metadata.pop("clips", None)
    metadata.pop("clip_order", None)
    if phase == "failed":
        reason = task.fail_reason.rstrip(".")
        return Outcome(phase="failed", error=f"Suno failed the task: {reason or NO_REASON}.", metadata=metadata,
                       error_detail=task_failed("Suno", reason))
    if phase != "succeeded":
        return Outcome(phase="running" if phase == "running" else "queued", metadata=metadata)
    if task.lyrics is None or not task.lyrics.text:
        return Outcome(phase="failed", error="Suno finished the lyrics without any text.", metadata=metadata,
                       error_detail=error_info("task.no-result", reason="the lyrics have no text"))
    metadata["title"] = task.lyrics.title
    return Outcome(phase="succeeded", progress=100.0, texts=[task.lyrics.text], metadata=metadata)
