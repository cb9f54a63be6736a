"""Ideogram jobs (docs/PROTOCOLS.md#ideogram): generate, remix, upscale and describe, each answered in
the submit's own request (no polling, like `studio/jobs/images.py`).

What to send follows the job's request: `request["action"]` names `upscale` or `describe` (the
family's `actions` in the registry, saved by `JobService.create_image(action=…)`); otherwise a job with
an input image is a remix and one without is a generate (`size` becomes the nearest aspect ratio, `n`
is `num_images`).
Describe ends with text (`Outcome.texts`) and no file. An answer whose every image Ideogram withheld as
unsafe fails the job with one sentence (`ImageRefused`); a broken answer after the request left leaves
it `unknown` (the runner's rule for `BadResponse`, `NetworkError` and 5xx).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, TypedDict, cast

from studio.api.ideogram import MAX_IMAGES, Ideogram, IdeogramAnswer, ImageRequest, aspect_ratio, model_code
from studio.jobs.handlers import FamilyHandler, Outcome, Reporter, Result, SavedInput, read_inputs

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.jobs.model import Job

#: what a job may ask beside generate; each takes exactly one input image
ACTIONS = ("remix", "upscale", "describe")


class IdeogramJobRequest(TypedDict, total=False):
    """`Job.request` of an Ideogram job, as `JobService.create_image` saves it."""

    n: int
    size: str | None
    quality: str | None  # saved for every image job; Ideogram has no such field
    action: str  # "upscale" or "describe" (the family's `actions`); absent for generate and remix
    images: list[SavedInput]


class IdeogramHandler(FamilyHandler):
    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        request = cast(IdeogramJobRequest, job.request)
        action = str(request.get("action") or ("remix" if request.get("images") else "generate"))
        if action != "generate" and action not in ACTIONS:
            return Outcome(phase="failed", error=f"Unknown Ideogram request {action!r}; nothing was sent.")
        count = int(request.get("n") or 1)
        if not 1 <= count <= MAX_IMAGES:
            return Outcome(phase="failed", error=f"Ideogram makes 1 to {MAX_IMAGES} images per request; "
                                                 "nothing was sent.")
        inputs = request.get("images") or []
        if action in ACTIONS and len(inputs) != 1:
            return Outcome(phase="failed", error=f"Ideogram {action} takes one image, not {len(inputs)}; "
                                                 "nothing was sent.")
        images = await asyncio.to_thread(read_inputs, self._root, inputs)
        ideogram = Ideogram(client)
        if action == "describe":
            return Outcome(phase="succeeded", texts=await ideogram.describe(images[0]))
        if action == "upscale":
            answer = await ideogram.upscale(images[0], prompt=job.prompt or None)
            return _succeeded(job, answer, {})
        sent = ImageRequest(prompt=job.prompt, model=model_code(job.model),
                            aspect_ratio=aspect_ratio(request.get("size")), num_images=count)
        if action == "remix":
            answer = await ideogram.remix(sent, images[0])
        else:
            answer = await ideogram.generate(sent)
        return _succeeded(job, answer, {"model": sent.model, "aspect_ratio": sent.aspect_ratio})


def _succeeded(job: Job, answer: IdeogramAnswer, sent: dict[str, Any]) -> Outcome:
    """The links to download, and what Ideogram reported: the prompt it used (MagicPrompt may rewrite
    it), seeds, resolutions, and how many images it withheld as unsafe."""
    ideogram: dict[str, Any] = {**sent, "seeds": [i.seed for i in answer.images],
                                "resolutions": [i.resolution for i in answer.images]}
    if answer.withheld:
        ideogram["withheld_unsafe"] = answer.withheld
    metadata: dict[str, Any] = {"ideogram": ideogram}
    revised = next((i.prompt for i in answer.images if i.prompt and i.prompt != job.prompt), None)
    if revised:
        metadata["revised_prompt"] = revised
    return Outcome(phase="succeeded", results=[Result(url=image.url) for image in answer.images],
                   metadata=metadata)
