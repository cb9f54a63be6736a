"""Pika video jobs (docs/PROTOCOLS.md#pika): generate, follow the feed, hand over the first clip.

The start frame goes as a data URL (Pika's web app uploads it first and sends the link; a relay that
wants only links refuses it in its own words).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studio.api.pika import Pika, PikaTask, generate_body
from studio.jobs.handlers import FamilyHandler, Outcome, Reporter
from studio.jobs.vendor_video import VIDEO_POLICY, as_data_url, failed, finished, frames

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.jobs.model import Job


class PikaHandler(FamilyHandler):
    policy = VIDEO_POLICY

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        start, _end = await frames(self._root, job.request)
        task_id = await Pika(client).generate(generate_body(
            job.prompt, job.model, image=as_data_url(start), aspect=job.request.get("aspect"),
            negative_prompt=job.request.get("negative_prompt")))
        return Outcome(phase="queued", remote_id=task_id)

    async def poll(self, job: Job, client: RelayClient) -> Outcome:
        return outcome_of(await Pika(client).feed(str(job.remote_id)))


def outcome_of(task: PikaTask) -> Outcome:
    metadata = {"pika_status": task.status}
    if task.phase == "failed":
        return failed("Pika", task.reason, remote_id=task.id, metadata=metadata)
    if task.phase != "succeeded":
        return Outcome(phase=task.phase, progress=task.progress, metadata=metadata)
    return finished("Pika", [task.url or ""], metadata=metadata)
