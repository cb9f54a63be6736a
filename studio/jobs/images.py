"""Image families that answer in one request: `/v1/images/…` and chat-format image models.

Both are "synchronous" jobs: the submit's answer carries the results (links or base64), so the
runner goes from `submitting` straight to `downloading`. A connection that breaks after the request
left makes the job `unknown` (the relay may have charged for it); it is never re-sent by itself.

A job's `request` holds what the user asked for; input images are files the service copied into the
library before the job was saved (`{"path", "name", "mime"}` relative to the data directory).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, ClassVar, TypedDict, cast

from studio.api.chatmedia import data_url, decode_data_url, extract, progress_of
from studio.api.chattypes import Attachment, ChatMessage, ChatRequest, ChatStreamState
from studio.api.errors import NetworkError, StreamInterrupted
from studio.errors import error_info
from studio.jobs.handlers import FamilyHandler, Outcome, Reporter, Result, SavedInput, read_inputs

if TYPE_CHECKING:
    from studio.api.client import RelayClient
    from studio.jobs.model import Job


def data_uri(item: tuple[str, bytes, str]) -> str:
    """A (name, bytes, mime) input as a data URL."""
    return data_url(item[2], item[1])


class ImageRequest(TypedDict, total=False):
    """`Job.request` of the image families answered in one request (what `JobService` saves)."""

    n: int
    size: str | None
    quality: str | None
    variation: bool  # variations of `images[0]` (no prompt)
    extra: dict[str, Any]  # fields passed through to the relay as they are
    images: list[SavedInput]  # images to edit, or references
    mask: SavedInput


class OpenAIImagesHandler(FamilyHandler):
    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        request = cast(ImageRequest, job.request)
        n, size, quality = int(request.get("n") or 1), request.get("size"), request.get("quality")
        if request.get("variation"):
            (image,) = await asyncio.to_thread(read_inputs, self._root, request["images"])
            results = await client.images.variation(model=job.model, image=image, n=n, size=size)
        elif request.get("images"):
            images = await asyncio.to_thread(read_inputs, self._root, request["images"])
            mask = await asyncio.to_thread(read_inputs, self._root, [request["mask"]]) if request.get("mask") else []
            results = await client.images.edit(model=job.model, prompt=job.prompt, images=images,
                                               mask=mask[0] if mask else None, n=n, size=size, quality=quality)
        else:
            results = await client.images.generate(model=job.model, prompt=job.prompt, n=n, size=size,
                                                   quality=quality, extra=request.get("extra") or None)
        converted = []
        for result in results:
            if result.url:
                converted.append(Result(url=result.url))
            else:
                converted.append(Result(data=await asyncio.to_thread(result.decode)))  # off the event loop
        revised = [r.revised_prompt for r in results if r.revised_prompt]
        metadata: dict[str, Any] = {}
        if revised:
            metadata["revised_prompt"] = revised[0]
        return Outcome(phase="succeeded", results=converted, metadata=metadata)


class ChatMediaHandler(FamilyHandler):
    """Models that answer media as chat text (`gpt-4o-image`, flux/SD "chat";
    docs/PROTOCOLS.md#chat-format-media). The reply streams progress lines for minutes; it is never
    retried automatically (each call is billed)."""

    _KEEP_REPLY = 4000  # characters of the reply kept on the job (the progress log users may read)
    #: what the reply's links are (a chat-format video handler says "video")
    kind: ClassVar[str] = "image"

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        inputs = await asyncio.to_thread(read_inputs, self._root, cast(ImageRequest, job.request).get("images") or [])
        attachments = tuple(Attachment("image", mime, name, data) for name, data, mime in inputs)
        request = ChatRequest(model=job.model, messages=[ChatMessage("user", job.prompt, attachments)])
        state = ChatStreamState()
        last_progress: float | None = None
        try:
            async for chunk in client.chat.stream(request):
                state.feed(chunk)
                if "\n" in chunk.content or "\n" in chunk.reasoning or "%" in chunk.content or ".." in chunk.content:
                    progress = progress_of(state.reasoning + state.text)
                    if progress != last_progress:
                        last_progress = progress
                        report(progress, _last_line(state.reasoning + state.text))
        except StreamInterrupted as exc:
            raise NetworkError(str(exc), reason="broken") from None
        media = extract(state.text, state.reasoning, default_kind=self.kind)
        results = media.results(self.kind) or media.results()  # a video reply's preview picture is no result
        metadata: dict[str, Any] = {"reply": state.text[-self._KEEP_REPLY:]}
        if not results:
            reason = media.failure or "the model's answer contains no media link"
            return Outcome(phase="failed", error=f"The relay did not return a result: {reason}.", metadata=metadata,
                           error_detail=error_info("task.no-result", reason=media.failure))
        converted = []
        for link in results:
            if link.url.startswith("data:"):  # inline base64: decoded off the loop, never stored as a "link"
                data = await asyncio.to_thread(decode_data_url, link.url)
                converted.append(Result(data=data, kind=link.kind))
            else:
                converted.append(Result(url=link.url, kind=link.kind))
        return Outcome(phase="succeeded", results=converted, metadata=metadata)


def _last_line(text: str) -> str:
    lines = [line.strip(" >\t") for line in text.splitlines() if line.strip(" >\t")]
    return lines[-1][:200] if lines else ""


class ChatVideoHandler(ChatMediaHandler):
    """`*-video` models (vidu-video, runway-video, veo3-video): the clip's link comes in the chat reply;
    the start frame, when there is one, goes as an image attachment (docs/PROTOCOLS.md#chat-format-media)."""

    kind = "video"
