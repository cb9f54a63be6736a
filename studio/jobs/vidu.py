"""Vidu video jobs (docs/PROTOCOLS.md#vidu): create a task, poll it, hand over its clips.

A job is a `text2video` or `img2video` task (the start frame as a data URL), or an upscale of a finished
Vidu clip (`request["source"]["action"] == "upscale"`): Vidu names the clip by its creation id, which the
finished job kept in `metadata["clip_ids"]`. How the relay answers a query (`?id=` or `/{id}`) is kept
as `vidu_query`, so a job resumed in a fresh process asks the way that worked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from studio.api.vidu import Query, Vidu, ViduTask, upscale_body, video_body
from studio.jobs.handlers import FamilyHandler, Outcome, Reporter
from studio.jobs.vendor_video import VIDEO_POLICY, as_data_url, failed, finished, frames, not_sent

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.jobs.model import Job


class ViduHandler(FamilyHandler):
    policy = VIDEO_POLICY

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        request = job.request
        source = request.get("source")
        if source and source.get("action") == "upscale":
            if not source.get("clip_id"):
                return not_sent("Vidu upscales a clip by its creation id, and the job of this video kept none")
            body = upscale_body(str(source["clip_id"]))
        else:
            start, _end = await frames(self._root, request)
            body = video_body(job.prompt, job.model, image=as_data_url(start), aspect_ratio=request.get("aspect"),
                              duration=request.get("seconds"))
        task = await Vidu(client).create(body)
        if task.phase == "failed":
            return outcome_of(task, "query")
        return Outcome(phase="queued", remote_id=task.id, metadata={"vidu_state": task.state})

    async def poll(self, job: Job, client: RelayClient) -> Outcome:
        how: Query = "path" if job.metadata.get("vidu_query") == "path" else "query"
        task, how = await Vidu(client).fetch(str(job.remote_id), how)
        return outcome_of(task, how)


def outcome_of(task: ViduTask, how: Query) -> Outcome:
    metadata: dict[str, Any] = {"vidu_state": task.state, "vidu_query": how}
    if task.phase == "failed":
        return failed("Vidu", task.err_code, remote_id=task.id, metadata=metadata)
    if task.phase != "succeeded":
        return Outcome(phase=task.phase, metadata=metadata)
    metadata["clip_ids"] = [creation.id for creation in task.creations]
    return finished("Vidu", (creation.url for creation in task.creations), metadata=metadata)
