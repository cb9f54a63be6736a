"""Midjourney jobs (docs/PROTOCOLS.md#midjourney): submit, poll the task, keep its buttons, split the grid.

`request["action"]` says what to submit: `imagine`, `action` (a button of an earlier task, with a
modal follow-up when the relay answers code 21), `blend`, `describe`, `shorten` or `swap-face`. Each
submit carries the job id as `state`, which the relay echoes in the task. Describe and shorten end
with text (four or five prompts) and no file.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, TypedDict, cast

from studio.api.errors import ApiError, BadRequest, BadResponse, NotFound, NotImplementedByRelay
from studio.api.midjourney import Midjourney, MjSubmit, MjTask, numbered_prompts
from studio.errors import error_info
from studio.jobs.handlers import (
    NO_REASON,
    FamilyHandler,
    HandlerContext,
    Outcome,
    PollPolicy,
    Reporter,
    Result,
    SavedInput,
    read_inputs,
    task_failed,
)
from studio.jobs.images import data_uri

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.gallery.store import Asset
    from studio.jobs.model import Job

#: task actions whose result is text, not an image
TEXT_ACTIONS = frozenset({"DESCRIBE", "SHORTEN"})


class TaskBatcher:
    """Coalesces the polls of many Midjourney jobs into one `list-by-condition` request per relay and
    mode: polls that arrive within `window` seconds share a request (up to `max_ids` tasks). A relay
    that does not offer the route, or leaves a task out, gets single `fetch`es instead."""

    def __init__(self, window: float = 0.05, max_ids: int = 100) -> None:
        self._window = window
        self._max_ids = max_ids
        self._pending: dict[tuple[int, str], dict[str, list[asyncio.Future[MjTask]]]] = {}
        self._unsupported: set[tuple[int, str]] = set()
        self._flushes: set[asyncio.Task[None]] = set()

    async def fetch(self, client: RelayClient, mode: str | None, task_id: str) -> MjTask:
        key = (id(client), mode or "")
        mj = client.midjourney(mode)
        if key in self._unsupported:
            return await mj.fetch(task_id)
        batch = self._pending.get(key)
        if batch is None:
            batch = self._pending[key] = {}
            flush = asyncio.ensure_future(self._flush_later(key, mj))
            self._flushes.add(flush)
            flush.add_done_callback(self._flushes.discard)
        waiter: asyncio.Future[MjTask] = asyncio.get_running_loop().create_future()
        batch.setdefault(task_id, []).append(waiter)
        if len(batch) >= self._max_ids:
            self._pending.pop(key, None)
            flush = asyncio.ensure_future(self._flush(key, mj, batch))
            self._flushes.add(flush)
            flush.add_done_callback(self._flushes.discard)
        return await waiter

    async def _flush_later(self, key: tuple[int, str], mj: Midjourney) -> None:
        await asyncio.sleep(self._window)
        batch = self._pending.pop(key, None)
        if batch:
            await self._flush(key, mj, batch)

    async def _flush(self, key: tuple[int, str], mj: Midjourney,
                     batch: dict[str, list[asyncio.Future[MjTask]]]) -> None:
        found: dict[str, MjTask] = {}
        try:
            if len(batch) > 1:
                found = {task.id: task for task in await mj.list_tasks(list(batch))}
        except (NotFound, NotImplementedByRelay, BadRequest, BadResponse):
            self._unsupported.add(key)  # this relay has no usable list route: fetch one by one
        except ApiError as exc:
            for waiters in batch.values():
                for waiter in waiters:
                    if not waiter.done():
                        waiter.set_exception(exc)
            return
        for task_id, waiters in batch.items():
            try:
                task = found.get(task_id) or await mj.fetch(task_id)
            except ApiError as exc:
                for waiter in waiters:
                    if not waiter.done():
                        waiter.set_exception(exc)
                continue
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(task)


class MidjourneyRequest(TypedDict, total=False):
    """`Job.request` of a Midjourney job (what `JobService` saves)."""

    action: str  # imagine, action, blend, describe, shorten or swap-face
    mode: str | None  # fast, relax or turbo (the route's `/mj-<mode>` prefix)
    dimensions: str  # blend: SQUARE, PORTRAIT or LANDSCAPE
    task_id: str  # action: the task whose button is pressed
    custom_id: str  # action: the button's customId
    button: str  # action: its short name or label, as shown
    parent_job: str  # action: the job whose result has the button
    modal: bool  # action: the button opens a modal (vary-region, zoom-custom, …)
    modal_prompt: str  # action: the modal's prompt
    images: list[SavedInput]
    mask: SavedInput


class MidjourneyHandler(FamilyHandler):
    # new-api refreshes upstream tasks about every 15 s; a grid usually takes 30-90 s
    policy = PollPolicy(floor=3.0, ceiling=15.0, growth=1.25, warmup=60.0, stall_after=900.0)
    batches_polls = True

    def __init__(self, context: HandlerContext) -> None:
        super().__init__(context)
        self._thumbs = context.thumbs  # quadrants sit beside the asset's thumbnails (deleted with them)
        self._batcher = TaskBatcher()

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        request = cast(MidjourneyRequest, job.request)
        mj = client.midjourney(request.get("mode") or None)
        images = [data_uri(i) for i in await asyncio.to_thread(read_inputs, self._root, request.get("images") or [])]
        action = request.get("action", "imagine")
        state = job.id
        if action == "imagine":
            submitted = await mj.imagine(job.prompt, images=images, state=state)
        elif action == "action":
            submitted = await mj.action(request["task_id"], request["custom_id"], state=state)
            if submitted.needs_modal:
                submitted = await self._modal(mj, submitted, job)
        elif action == "blend":
            submitted = await mj.blend(images, dimensions=request.get("dimensions") or "SQUARE", state=state)
        elif action == "describe":
            submitted = await mj.describe(images[0], state=state)
        elif action == "shorten":
            submitted = await mj.shorten(job.prompt, state=state)
        elif action == "swap-face":
            submitted = await mj.swap_face(images[0], images[1], state=state)
        else:
            return Outcome(phase="failed", error=f"Unknown Midjourney request {action!r}.")
        metadata: dict[str, Any] = {"mj_code": submitted.code}
        if submitted.code == 22 and submitted.properties.get("numberOfQueues") is not None:
            metadata["queue"] = submitted.properties["numberOfQueues"]
        return Outcome(phase="queued", remote_id=submitted.task_id, metadata=metadata)

    async def _modal(self, mj: Midjourney, submitted: MjSubmit, job: Job) -> MjSubmit:
        mask = None
        request = cast(MidjourneyRequest, job.request)
        if request.get("mask"):
            mask = data_uri((await asyncio.to_thread(read_inputs, self._root, [request["mask"]]))[0])
        prompt = request.get("modal_prompt") or str(submitted.properties.get("finalPrompt") or job.prompt)
        return await mj.modal(submitted.task_id, prompt=prompt, mask=mask)

    async def poll(self, job: Job, client: RelayClient) -> Outcome:
        task = await self._batcher.fetch(client, cast(MidjourneyRequest, job.request).get("mode") or None,
                                         str(job.remote_id))
        return outcome_of(task)

    async def finished(self, job: Job, assets: list[Asset]) -> dict[str, Any]:
        """A grid (its buttons include U1–U4) is split into four previews for the Midjourney panel."""
        names = {b.get("customId", "") for b in job.metadata.get("buttons") or []}
        if not assets or not any("::upsample::1::" in n for n in names):
            return {}
        from studio.gallery.grid import split_grid

        grid = assets[0]
        paths = await asyncio.to_thread(split_grid, grid.path, self._thumbs / grid.id[:2], grid.id)
        return {"quadrants": [str(p) for p in paths]}


def outcome_of(task: MjTask) -> Outcome:
    metadata: dict[str, Any] = {
        "mj_action": task.action,
        "mj_status": task.status,
        "buttons": [b.as_dict() for b in task.buttons],
    }
    if task.final_prompt:
        metadata["final_prompt"] = task.final_prompt
    if task.phase == "failed":
        reason = task.fail_reason or ""
        return Outcome(phase="failed", error=f"Midjourney failed the task: {reason or NO_REASON}.", metadata=metadata,
                       error_detail=task_failed("Midjourney", reason))
    if task.phase != "succeeded":  # the preview link changes every poll (`?rand=`): shown, not stored
        return Outcome(phase=task.phase, progress=task.progress, metadata=metadata, preview=task.image_url)
    if task.action in TEXT_ACTIONS:
        return Outcome(phase="succeeded", progress=100.0, metadata=metadata, texts=numbered_prompts(task.final_prompt))
    if not task.image_url:
        return Outcome(phase="failed", error="Midjourney finished the task without an image.", metadata=metadata,
                       error_detail=error_info("task.no-image", vendor="Midjourney"))
    return Outcome(phase="succeeded", progress=100.0, results=[Result(url=task.image_url)], metadata=metadata)
