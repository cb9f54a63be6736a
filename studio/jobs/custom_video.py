"""`custom_video` jobs (docs/PROTOCOLS.md#custom-video): post the prompt to the model's route, poll the
task, hand over its `output` link. The routes take a prompt and nothing else, so the family's spec
declares no options: whatever else a user asks for is refused before the job is saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studio.api.custom_video import CustomVideo, CustomVideoTask
from studio.jobs.handlers import FamilyHandler, Outcome, PollPolicy, Reporter
from studio.jobs.videos import task_outcome

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.jobs.model import Job


class CustomVideoHandler(FamilyHandler):
    policy = PollPolicy(floor=5.0, ceiling=30.0, growth=1.25, warmup=60.0, stall_after=3600.0)

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        return outcome_of(await CustomVideo(client).create(job.prompt, model=job.model))

    async def poll(self, job: Job, client: RelayClient) -> Outcome:
        return outcome_of(await CustomVideo(client).fetch(str(job.remote_id)))


def outcome_of(task: CustomVideoTask) -> Outcome:
    return task_outcome(task.phase, task.id, task.status, reason=task.error, link=task.url)
