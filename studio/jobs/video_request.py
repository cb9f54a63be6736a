"""What a video job asks for (`Job.request` of every video family), as `JobService.create_video` saves it.

The options a family does not take never reach its request: the service refuses them first, with one
sentence (the family's `FamilySpec.options` and `choices`, studio/api/families.py). Frames are files
the service copied into the library, already in a format and size the family takes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypedDict

from studio.jobs.handlers import SavedInput


class VideoSource(TypedDict):
    """The finished video a remix, extension or upscale starts from: its job and the relay's id of it."""

    action: Literal["remix", "extend", "upscale"]
    job_id: str
    remote_id: str  # the relay's id of the finished task (Luma's generation, OpenAI's video)
    asset_id: str
    #: the id of the clip itself where the family names it apart from the task (Vidu's creation id,
    #: PixVerse's video id); "" when it is the task's
    clip_id: str


class VideoRequest(TypedDict, total=False):
    seconds: str  # a whole number of seconds, as text ("5"): families send it as a string or an int
    size: str  # WIDTHxHEIGHT
    aspect: str  # W:H
    ratio: str  # Runway's pixel ratio, "1280:768"
    negative_prompt: str
    mode: str  # Kling's std / pro
    cfg_scale: float  # Kling, 0-1
    loop: bool  # Luma
    images: list[SavedInput]  # [start frame] (at most one)
    end: SavedInput  # the end frame, where the family takes one
    source: VideoSource


def start_frame(request: Mapping[str, Any]) -> SavedInput | None:
    images = request.get("images") or []
    return images[0] if images else None


def end_frame(request: Mapping[str, Any]) -> SavedInput | None:
    end = request.get("end")
    return end if end else None
