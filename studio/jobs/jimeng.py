"""Jimeng video jobs (docs/PROTOCOLS.md#jimeng): submit the task, ask for its result, hand over the clip.

The job's model is Volcengine's `req_key`; a start frame goes as bare base64 in `binary_data_base64`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studio.api.jimeng import Jimeng, JimengTask, submit_body
from studio.api.kling import bare_base64
from studio.jobs.handlers import FamilyHandler, Outcome, Reporter
from studio.jobs.vendor_video import VIDEO_POLICY, failed, finished, frames

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.jobs.model import Job


class JimengHandler(FamilyHandler):
    policy = VIDEO_POLICY

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        start, _end = await frames(self._root, job.request)
        task = await Jimeng(client).submit(submit_body(
            job.prompt, job.model, image=bare_base64(start[0]) if start else None,
            aspect_ratio=job.request.get("aspect")))
        if task.phase == "failed":
            return outcome_of(task)
        return Outcome(phase="queued", remote_id=task.task_id, metadata={"jimeng_status": task.status})

    async def poll(self, job: Job, client: RelayClient) -> Outcome:
        return outcome_of(await Jimeng(client).result(job.model, str(job.remote_id)))


def outcome_of(task: JimengTask) -> Outcome:
    metadata = {"jimeng_status": task.status}
    if task.phase == "failed":
        return failed("Jimeng", task.reason, remote_id=task.task_id or None, metadata=metadata)
    if task.phase != "succeeded":
        return Outcome(phase=task.phase, progress=task.progress, metadata=metadata)
    return finished("Jimeng", [task.video_url or ""], metadata=metadata)
