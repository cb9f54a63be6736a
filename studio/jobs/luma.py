"""Luma video jobs (docs/PROTOCOLS.md#luma): create or extend a generation, poll it until its link exists.

Frames go as data URLs. An extend job (`request["source"]["action"] == "extend"`) continues the
generation of a finished Luma video: its id is the source job's task id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studio.api.luma import Luma, LumaGeneration, generation_body
from studio.jobs.handlers import FamilyHandler, Outcome, Reporter
from studio.jobs.vendor_video import VIDEO_POLICY, as_data_url, failed, finished, frames, not_sent

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.jobs.model import Job


class LumaHandler(FamilyHandler):
    policy = VIDEO_POLICY

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        request = job.request
        start, end = await frames(self._root, request)
        body = generation_body(job.prompt, loop=bool(request.get("loop")), image_url=as_data_url(start),
                               image_end_url=as_data_url(end))
        source = request.get("source")
        if source and source.get("action") == "extend":
            if not source.get("remote_id"):
                return not_sent("The video to extend has no Luma generation id")
            generation = await Luma(client).extend(str(source["remote_id"]), body)
        else:
            generation = await Luma(client).create(body)
        if generation.phase == "failed":
            return outcome_of(generation)
        return Outcome(phase="queued", remote_id=generation.id, metadata={"luma_state": generation.state})

    async def poll(self, job: Job, client: RelayClient) -> Outcome:
        return outcome_of(await Luma(client).fetch(str(job.remote_id)))


def outcome_of(generation: LumaGeneration) -> Outcome:
    metadata = {"luma_state": generation.state}
    if generation.phase == "failed":
        return failed("Luma", generation.reason, remote_id=generation.id, what="generation", metadata=metadata)
    if generation.state == "completed":  # without a link yet too: polled on, marked `link_pending`
        return finished("Luma", [generation.video_url or ""], metadata=metadata)
    return Outcome(phase=generation.phase, metadata=metadata)
