"""Jobs on new-api's generic video route (docs/PROTOCOLS.md#video-generations): create the task, poll
it, hand over the clip's link.

The request is the job's prompt and model, the start frame as a data URL in `image`, the length (both
`duration` and `seconds`: builds differ in which they read), `size`, and what only some channels take
(`negative_prompt`, `aspect_ratio`, `cfg_scale`, `mode`) in `metadata`, where new-api passes it on to
the channel; `mode` also goes at the top level, where new-api's own request reads it.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from studio.api.chatmedia import data_url
from studio.api.video_generations import GenerationTask, VideoGenerations
from studio.jobs.handlers import FamilyHandler, Outcome, PollPolicy, Reporter, read_inputs
from studio.jobs.video_request import start_frame
from studio.jobs.videos import task_outcome

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.jobs.model import Job


class VideoGenerationsHandler(FamilyHandler):
    # new-api refreshes its video tasks from the channel every ~15 s
    policy = PollPolicy(floor=5.0, ceiling=30.0, growth=1.25, warmup=60.0, stall_after=3600.0)

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        request = job.request
        image = None
        frame = start_frame(request)
        if frame is not None:
            ((_name, data, mime),) = await asyncio.to_thread(read_inputs, self._root, [frame])
            image = await asyncio.to_thread(data_url, mime, data)
        metadata: dict[str, Any] = {}
        for key, name in (("negative_prompt", "negative_prompt"), ("aspect", "aspect_ratio"),
                          ("cfg_scale", "cfg_scale"), ("mode", "mode")):
            if request.get(key) not in (None, ""):
                metadata[name] = request[key]
        task = await VideoGenerations(client).create(
            job.prompt, model=job.model, image=image, seconds=request.get("seconds"), size=request.get("size"),
            mode=request.get("mode"), metadata=metadata,
        )
        return outcome_of(task)

    async def poll(self, job: Job, client: RelayClient) -> Outcome:
        return outcome_of(await VideoGenerations(client).fetch(str(job.remote_id)))


def outcome_of(task: GenerationTask) -> Outcome:
    return task_outcome(task.phase, task.task_id, task.status, reason=task.reason, link=task.url,
                        progress=task.progress)
