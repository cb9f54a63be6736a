"""What the vendor-native video handlers share (Kling, Luma, Vidu, Runway, Jimeng, Pika, PixVerse).

Each of them reads the job's frames the same way, polls at the pace a clip takes (minutes, not
seconds), and ends the same way: the clips as video results, or one sentence naming the vendor and the
relay's reason. docs/PROTOCOLS.md#video has one section per family.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from studio.api.chatmedia import data_url
from studio.jobs.handlers import (
    LINK_PENDING,
    NO_REASON,
    Outcome,
    PollPolicy,
    Result,
    link_pending,
    read_inputs,
    task_failed,
)
from studio.jobs.video_request import end_frame, start_frame

#: clients of these relays poll every ~5 s; a clip takes one to ten minutes, sometimes an hour
VIDEO_POLICY = PollPolicy(floor=5.0, ceiling=30.0, growth=1.25, warmup=60.0, stall_after=3600.0)


async def frames(root: Path, request: Mapping[str, Any]) -> tuple[tuple[bytes, str] | None, tuple[bytes, str] | None]:
    """(bytes, mime) of the job's start and end frames, each None when absent (read in a thread)."""
    found: list[tuple[bytes, str] | None] = []
    for entry in (start_frame(request), end_frame(request)):
        if entry is None:
            found.append(None)
            continue
        ((_name, data, mime),) = await asyncio.to_thread(read_inputs, root, [entry])
        found.append((data, mime))
    return found[0], found[1]


def as_data_url(frame: tuple[bytes, str] | None) -> str | None:
    return data_url(frame[1], frame[0]) if frame is not None else None


def failed(vendor: str, reason: str, *, remote_id: str | None = None, what: str = "task",
           metadata: dict[str, Any] | None = None) -> Outcome:
    """A failed job, in one sentence: "<vendor> failed the <what>: <reason>."."""
    reason = " ".join(reason.split()).rstrip(".")
    return Outcome(phase="failed", remote_id=remote_id, error=f"{vendor} failed the {what}: {reason or NO_REASON}.",
                   error_detail=task_failed(vendor, reason, what), metadata=dict(metadata or {}))


def finished(vendor: str, urls: Iterable[str], *, metadata: dict[str, Any] | None = None) -> Outcome:
    """A finished task with its clips. One the vendor reports finished without a link is polled on
    (`link_pending`): relays fill the link in a little later, and failing the job would make its Retry pay
    for a new task; the stall limit ends the wait for one that never gives it."""
    links = [url for url in urls if url]
    if not links:
        return link_pending(metadata)
    return Outcome(phase="succeeded", progress=100.0, results=[Result(url=url, kind="video") for url in links],
                   metadata={**(metadata or {}), LINK_PENDING: False})


def not_sent(sentence: str) -> Outcome:
    """A job refused by the handler itself, before any request: nothing was sent or charged."""
    return Outcome(phase="failed", error=f"{sentence.rstrip('.')}; nothing was sent.")
