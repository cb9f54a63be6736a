"""Kling image jobs (docs/PROTOCOLS.md#kling-images): create the task, poll it, hand over its pictures.

The request is the job's prompt, model (sent as `model_name`), `n`, the aspect ratio nearest to the
job's size, and at most one reference image (bare base64). What Kling cannot take (more than nine
pictures, several references) fails the job before anything is sent.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from studio.api.kling import bare_base64
from studio.api.kling_images import MAX_IMAGES, KlingImages, KlingTask, aspect_ratio_for
from studio.errors import error_info
from studio.jobs.handlers import (
    NO_REASON,
    FamilyHandler,
    Outcome,
    PollPolicy,
    Reporter,
    Result,
    read_inputs,
    task_failed,
)

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.jobs.model import Job


class KlingImagesHandler(FamilyHandler):
    # chatgpt-web-midjourney-proxy polls Kling every ~5 s; a picture takes from seconds to a few minutes
    policy = PollPolicy(floor=5.0, ceiling=20.0, growth=1.25, warmup=60.0, stall_after=1800.0)

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        request = job.request
        n = int(request.get("n") or 1)
        if not 1 <= n <= MAX_IMAGES:
            return Outcome(phase="failed", error=f"Kling makes 1 to {MAX_IMAGES} images per request; "
                                                 "nothing was sent.")
        entries = request.get("images") or []
        if len(entries) > 1:
            return Outcome(phase="failed", error="Kling takes one reference image; nothing was sent.")
        image = None
        if entries:
            ((_name, data, _mime),) = await asyncio.to_thread(read_inputs, self._root, entries)
            image = bare_base64(data)
        task = await KlingImages(client).generate(
            job.prompt, model=job.model, n=n, aspect_ratio=aspect_ratio_for(request.get("size")), image=image,
            negative_prompt=request.get("negative_prompt"), image_fidelity=request.get("image_fidelity"),
        )
        if task.phase == "failed":
            return outcome_of(task)
        return Outcome(phase="queued", remote_id=task.task_id, metadata=_metadata(task))

    async def poll(self, job: Job, client: RelayClient) -> Outcome:
        return outcome_of(await KlingImages(client).fetch(str(job.remote_id)))


def _metadata(task: KlingTask) -> dict[str, Any]:
    return {"kling_status": task.status}


def outcome_of(task: KlingTask) -> Outcome:
    metadata = _metadata(task)
    if task.phase == "failed":
        reason = task.status_msg.rstrip(".")
        return Outcome(phase="failed", remote_id=task.task_id, error=f"Kling failed the task: {reason or NO_REASON}.",
                       error_detail=task_failed("Kling", reason), metadata=metadata)
    if task.phase != "succeeded":
        return Outcome(phase=task.phase, metadata=metadata)
    if not task.images:
        return Outcome(phase="failed", error="Kling finished the task without an image.", metadata=metadata,
                       error_detail=error_info("task.no-image", vendor="Kling"))
    return Outcome(phase="succeeded", progress=100.0, metadata=metadata,
                   results=[Result(url=image.url, kind="image") for image in task.images])
