"""Runway video jobs (docs/PROTOCOLS.md#runway): which dialect, then create, poll, hand over the clip.

The dialect follows the request, not the model: a job with a start frame goes to the official API
(`/runwayml/v1/image_to_video`, which always needs one; an end frame rides along), a job from a prompt
alone to the reverse form (`/runway/v1/tasks`), the only one that makes a clip from text. The dialect and
the reverse route that answered are kept in the job's metadata, so a resumed job polls the same way.
`runway-video` is not this family: it answers through chat completions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from studio.api.runway import Dialect, Runway, RunwayTask, official_body, reverse_body
from studio.jobs.handlers import FamilyHandler, Outcome, Reporter
from studio.jobs.vendor_video import VIDEO_POLICY, as_data_url, failed, finished, frames

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.jobs.model import Job


class RunwayHandler(FamilyHandler):
    policy = VIDEO_POLICY

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        request = job.request
        start, end = await frames(self._root, request)
        route = ""
        if start is not None:
            dialect: Dialect = "official"
            task = await Runway(client).create_official(official_body(
                job.prompt, job.model, start=str(as_data_url(start)), end=as_data_url(end),
                duration=request.get("seconds"), ratio=request.get("ratio")))
        else:
            dialect = "reverse"
            task, route = await Runway(client).create_reverse(reverse_body(
                job.prompt, job.model, duration=request.get("seconds"), ratio=request.get("ratio")))
        metadata = {**_metadata(task), "runway_dialect": dialect, **({"runway_route": route} if route else {})}
        if task.phase == "failed":
            return outcome_of(task, metadata)
        return Outcome(phase="queued", remote_id=task.id, metadata=metadata)

    async def poll(self, job: Job, client: RelayClient) -> Outcome:
        task_id = str(job.remote_id)
        if job.metadata.get("runway_dialect") == "reverse":
            task = await Runway(client).fetch_reverse(str(job.metadata.get("runway_route") or ""), task_id)
        else:
            task = await Runway(client).fetch_official(task_id)
        return outcome_of(task, _metadata(task))


def _metadata(task: RunwayTask) -> dict[str, Any]:
    return {"runway_status": task.status}


def outcome_of(task: RunwayTask, metadata: dict[str, Any]) -> Outcome:
    if task.phase == "failed":
        return failed("Runway", task.reason or task.status.lower(), remote_id=task.id, metadata=metadata)
    if task.phase != "succeeded":
        return Outcome(phase=task.phase, progress=task.progress, metadata=metadata)
    return finished("Runway", task.outputs, metadata=metadata)
