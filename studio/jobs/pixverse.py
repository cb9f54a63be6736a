"""PixVerse video jobs (docs/PROTOCOLS.md#pixverse): generate or extend, follow the feed, hand over the clip.

An extend job (`request["source"]["action"] == "extend"`) continues a finished PixVerse video: its id is
the source clip's (`source["clip_id"]`, else the source job's task id, which for PixVerse is the video's
own id). The start frame goes as a data URL in `img_url`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studio.api.pixverse import Pixverse, PixverseVideo, generate_body
from studio.jobs.handlers import FamilyHandler, Outcome, Reporter
from studio.jobs.vendor_video import VIDEO_POLICY, as_data_url, failed, finished, frames, not_sent

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.jobs.model import Job


class PixverseHandler(FamilyHandler):
    policy = VIDEO_POLICY

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        request = job.request
        extend = None
        source = request.get("source")
        if source and source.get("action") == "extend":
            text = str(source.get("clip_id") or source.get("remote_id") or "").strip()
            if not text.isdigit():
                return not_sent("The video to extend has no PixVerse video id")
            extend = int(text)
        start, _end = await frames(self._root, request)
        video_id = await Pixverse(client).generate(generate_body(
            job.prompt, job.model, image=as_data_url(start), aspect=request.get("aspect"),
            duration=request.get("seconds"), extend=extend))
        return Outcome(phase="queued", remote_id=video_id)

    async def poll(self, job: Job, client: RelayClient) -> Outcome:
        return outcome_of(await Pixverse(client).feed(str(job.remote_id)))


def outcome_of(video: PixverseVideo) -> Outcome:
    metadata = {"pixverse_status": video.status}
    if video.phase == "failed":
        return failed("PixVerse", video.reason or f"video_status {video.status}", remote_id=video.id,
                      what="video", metadata=metadata)
    if video.phase != "succeeded":
        return Outcome(phase=video.phase, metadata=metadata)
    return finished("PixVerse", [video.url or ""], metadata={**metadata, "clip_ids": [video.id]})
