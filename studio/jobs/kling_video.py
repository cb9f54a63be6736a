"""Kling video jobs (docs/PROTOCOLS.md#kling-video): create the task, poll it, hand over its clips.

A job with a start frame is an `image2video` task (the frame as bare base64, the end frame as
`image_tail`), one without a `text2video` task. The kind is kept in the job's metadata
(`kling_kind`): Kling answers a task only under the kind it was created with, and a job resumed in a
fresh process must ask the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from studio.api.kling import bare_base64
from studio.api.kling_video import KINDS, Kind, KlingVideos, KlingVideoTask, video_body
from studio.jobs.handlers import FamilyHandler, Outcome, Reporter
from studio.jobs.vendor_video import VIDEO_POLICY, failed, finished, frames

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.jobs.model import Job


class KlingVideoHandler(FamilyHandler):
    policy = VIDEO_POLICY

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        request = job.request
        start, end = await frames(self._root, request)
        kind: Kind = "image2video" if start else "text2video"
        body = video_body(
            job.prompt, job.model, image=bare_base64(start[0]) if start else None,
            image_tail=bare_base64(end[0]) if end else None, mode=request.get("mode"),
            duration=request.get("seconds"), aspect_ratio=request.get("aspect"),
            cfg_scale=request.get("cfg_scale"), negative_prompt=request.get("negative_prompt"),
        )
        task = await KlingVideos(client).create(kind, body)
        if task.phase == "failed":
            return outcome_of(task, kind)
        return Outcome(phase="queued", remote_id=task.task_id, metadata=_metadata(task, kind))

    async def poll(self, job: Job, client: RelayClient) -> Outcome:
        stored = job.metadata.get("kling_kind")
        kind: Kind = next((k for k in KINDS if k == stored), "text2video")
        return outcome_of(await KlingVideos(client).fetch(kind, str(job.remote_id)), kind)


def _metadata(task: KlingVideoTask, kind: Kind) -> dict[str, Any]:
    return {"kling_kind": kind, "kling_status": task.status}


def outcome_of(task: KlingVideoTask, kind: Kind) -> Outcome:
    metadata = _metadata(task, kind)
    if task.phase == "failed":
        return failed("Kling", task.reason, remote_id=task.task_id, metadata=metadata)
    if task.phase != "succeeded":
        return Outcome(phase=task.phase, progress=task.progress, metadata=metadata)
    ids = [clip.id for clip in task.clips]
    if ids and all(ids):
        metadata["clip_ids"] = ids
    return finished("Kling", (clip.url for clip in task.clips), metadata=metadata)
