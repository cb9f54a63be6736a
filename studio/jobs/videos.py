"""OpenAI Videos API jobs (docs/PROTOCOLS.md#openai-videos): create or remix a clip, poll it, hand over
its file.

The request is the job's prompt and model, `seconds` and `size` where given, and the start frame as
`input_reference`. OpenAI wants the reference picture to be exactly the requested size, so the frame is
cropped and scaled to it here (in a worker thread) when it differs; with a frame and no size, the size
follows the frame's orientation. A remix (`source.action == "remix"`) posts the prompt to the finished
video's remix route. The same handler speaks seed 002's `/{platform}/v1/videos`: the platform is part
of the profile's base URL, the frame goes as it is (`input_reference[]`) and no size is chosen for it,
since no Sora size rule holds there. `task_outcome` ends the other OpenAI-style video jobs (the generic route,
`custom_video`) the same way, in the relay's own words.
"""

from __future__ import annotations

import asyncio
import io
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from studio.api.videos import Video, Videos, content_path
from studio.jobs.handlers import (
    LINK_PENDING,
    NO_REASON,
    FamilyHandler,
    Outcome,
    Phase,
    PollPolicy,
    Reporter,
    Result,
    link_pending,
    read_inputs,
    relay_link,
    task_failed,
)
from studio.jobs.video_request import start_frame

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.jobs.model import Job

#: the sizes a frame decides between when the job names none (portrait, landscape)
_PORTRAIT, _LANDSCAPE = "720x1280", "1280x720"
_ORIENTATION = 0x0112  # the EXIF tag of a photo taken sideways


def size_for(data: bytes) -> str:
    """The default size matching a frame's orientation (call in a thread)."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as picture:
        width, height = ImageOps.exif_transpose(picture).size
    return _LANDSCAPE if width >= height else _PORTRAIT


def fit_reference(name: str, data: bytes, mime: str, size: str) -> tuple[str, bytes, str]:
    """The frame at exactly `size` (WIDTHxHEIGHT): scaled to cover it and cropped around the centre;
    unchanged when it already is that size (call in a thread). JPEG stays JPEG, anything else is PNG."""
    from PIL import Image, ImageOps

    width, height = (int(part) for part in size.lower().split("x", 1))
    with Image.open(io.BytesIO(data)) as picture:
        turned = picture.getexif().get(_ORIENTATION, 1) not in (1, None)
        if not turned and picture.size == (width, height):
            return name, data, mime
        upright = ImageOps.exif_transpose(picture)  # the picture as it is shown
        fitted = ImageOps.fit(upright, (width, height), method=Image.Resampling.LANCZOS)
    out = io.BytesIO()
    stem = name.rsplit(".", 1)[0] or "frame"
    if mime == "image/jpeg":
        fitted.convert("RGB").save(out, "JPEG", quality=92)
        return f"{stem}.jpg", out.getvalue(), "image/jpeg"
    if fitted.mode not in ("RGB", "RGBA", "L", "LA"):
        fitted = fitted.convert("RGBA")
    fitted.save(out, "PNG")
    return f"{stem}.png", out.getvalue(), "image/png"


def _prefixed(client: RelayClient, model: str) -> bool:
    """Whether the job speaks seed 002's platform form: a base URL with a path (`https://host/veo`) and a
    model that is not OpenAI's own Sora (a relay installed under a path, `https://host/api`, still speaks
    OpenAI's form for `sora-*`). That form wants the model named on a remix too, and the frame as
    `input_reference[]`."""
    return bool(urlsplit(client.base_url).path.strip("/")) and not model.lower().startswith("sora")


class OpenAIVideoHandler(FamilyHandler):
    # the SDK polls every second; relays refresh their upstream every ~15 s and a clip takes minutes
    policy = PollPolicy(floor=5.0, ceiling=30.0, growth=1.25, warmup=60.0, stall_after=3600.0)

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        request = job.request
        api = Videos(client)
        source = request.get("source")
        if source:
            if source.get("action") != "remix":
                return Outcome(phase="failed", error=f"The Videos API cannot {source.get('action')} a video; "
                                                     "nothing was sent.")
            video = await api.remix(str(source["remote_id"]), job.prompt,
                                    model=job.model if _prefixed(client, job.model) else None)
            return outcome_of(video)
        size: str | None = request.get("size") or None
        platform = _prefixed(client, job.model)
        reference = None
        frame = start_frame(request)
        if frame is not None:
            ((name, data, mime),) = await asyncio.to_thread(read_inputs, self._root, [frame])
            reference = name, data, mime
            if not platform:  # OpenAI wants the picture at exactly a size it takes
                if not size:
                    size = await asyncio.to_thread(size_for, data)
                reference = await asyncio.to_thread(fit_reference, name, data, mime, str(size))
        video = await api.create(job.prompt, model=job.model, seconds=request.get("seconds"), size=size,
                                 reference=reference, platform=platform)
        return outcome_of(video)

    async def poll(self, job: Job, client: RelayClient) -> Outcome:
        return outcome_of(await Videos(client).retrieve(str(job.remote_id)))


def outcome_of(video: Video) -> Outcome:
    link = video.url or relay_link(content_path(video.id))  # the relay serves the file with the key
    return task_outcome(video.phase, video.id, video.status, reason=video.error, link=link, progress=video.progress,
                        metadata={"remixed_from": video.remixed_from} if video.remixed_from else None)


def task_outcome(phase: Phase, remote_id: str, status: str, *, reason: str = "", link: str | None = None,
                 progress: float | None = None, metadata: dict[str, Any] | None = None) -> Outcome:
    """Where an OpenAI-style video task stands (its status kept as `video_status`): failed with the relay's
    reason, finished with its clip, else still at work - a success without a link too (`link_pending`:
    polled on, since a failed job's Retry would pay for a new task)."""
    metadata = {"video_status": status, **(metadata or {})}
    if phase == "failed":
        reason = reason.rstrip(".")
        return Outcome(phase="failed", remote_id=remote_id, error=f"The relay failed the video: {reason or NO_REASON}.",
                       error_detail=task_failed("", reason, "video"), metadata=metadata)
    if phase == "succeeded":
        if not link:
            return link_pending(metadata, remote_id=remote_id)
        return Outcome(phase="succeeded", remote_id=remote_id, progress=100.0,
                       metadata={**metadata, LINK_PENDING: False}, results=[Result(url=link, kind="video")])
    return Outcome(phase=phase, remote_id=remote_id, progress=progress, metadata=metadata)
