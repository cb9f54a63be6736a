"""Replicate-style prediction jobs (docs/PROTOCOLS.md#replicate): create, poll, cancel remotely.

The request maps onto the model's `input`: the prompt → `prompt`, a count above one → `num_outputs`,
a size → the nearest `aspect_ratio`, one reference image → `image` as a data URL. What comes back
depends on the model: links are downloaded and their kind read from their content (image, video or
audio), text is saved as a text asset and kept as the job's text.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, cast

from studio.api.chatmedia import decode_data_url
from studio.api.replicate import Prediction, Predictions, aspect_ratio, route_for
from studio.errors import InputError
from studio.jobs.handlers import FamilyHandler, Outcome, PollPolicy, Reporter, Result, read_inputs
from studio.jobs.images import ImageRequest, data_uri
from studio.storage.filetypes import MEDIA

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.jobs.model import Job

#: how long a remote cancel may take before the job is called cancelled here anyway
CANCEL_TIMEOUT = 15.0

_ENDINGS = {
    "failed": "Replicate failed the prediction",
    "canceled": "Replicate canceled the prediction (stopped, or past its deadline)",
    "aborted": "Replicate aborted the prediction before it started (past its deadline)",
}


class ReplicateHandler(FamilyHandler):
    # Replicate ends a prediction after 30 minutes of running: one older than that without news is stalled
    policy = PollPolicy(floor=2.0, ceiling=15.0, growth=1.25, warmup=30.0, stall_after=1800.0)

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        try:
            route_for(job.model)
        except InputError as exc:  # nothing was sent
            return Outcome(phase="failed", error=str(exc))
        request = cast(ImageRequest, job.request)  # what `JobService.create_image` saves
        images = request.get("images") or []
        if len(images) > 1:
            return Outcome(phase="failed", error=f"Replicate models take one reference image; {len(images)} were "
                                                 "given.")
        model_input: dict[str, Any] = {"prompt": job.prompt}
        n = int(request.get("n") or 1)
        if n > 1:
            model_input["num_outputs"] = n
        ratio = aspect_ratio(request.get("size"))
        if ratio:
            model_input["aspect_ratio"] = ratio
        if images:
            (image,) = await asyncio.to_thread(read_inputs, self._root, images)
            model_input["image"] = data_uri(image)
        prediction = await Predictions(client).create(job.model, model_input)
        outcome = outcome_of(prediction)
        outcome.remote_id = prediction.id
        return outcome

    async def poll(self, job: Job, client: RelayClient) -> Outcome:
        return outcome_of(await Predictions(client).get(str(job.remote_id)))

    async def cancel(self, job: Job, client: RelayClient) -> None:
        if job.remote_id:
            async with asyncio.timeout(CANCEL_TIMEOUT):
                await Predictions(client).cancel(job.remote_id)


def outcome_of(prediction: Prediction) -> Outcome:
    metadata: dict[str, Any] = {"replicate_status": prediction.status}
    if prediction.predict_time is not None:
        metadata["predict_time"] = prediction.predict_time
    if prediction.phase == "failed":
        ending = _ENDINGS.get(prediction.status, "Replicate failed the prediction")
        reason = f": {prediction.error.rstrip('.')}" if prediction.error else ""
        return Outcome(phase="failed", error=f"{ending}{reason}.", metadata=metadata)
    if prediction.phase != "succeeded":
        return Outcome(phase=prediction.phase, metadata=metadata)
    results = [Result(data=decode_data_url(link), kind=MEDIA) if link.lower().startswith("data:")
               else Result(url=link, kind=MEDIA) for link in prediction.links]
    text = (prediction.text or "").replace("\x00", "")
    if not results and text.strip():
        return Outcome(phase="succeeded", progress=100.0, metadata=metadata, texts=[text],
                       results=[Result(data=text.encode("utf-8"), kind="text")])
    if not results:
        return Outcome(phase="failed", error="Replicate finished the prediction without any output.",
                       metadata=metadata)
    return Outcome(phase="succeeded", progress=100.0, metadata=metadata, results=results)
