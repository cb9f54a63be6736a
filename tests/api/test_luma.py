"""Reading Luma's generations the tolerant way (docs/PROTOCOLS.md#luma)."""

from __future__ import annotations

import pytest

from studio.api.errors import BadResponse
from studio.api.luma import generation_body, parse_generation


def test_an_object_or_a_one_element_array_is_a_generation() -> None:
    pending = {"id": "lu-1", "prompt": "a fox", "state": "pending", "video": None}
    assert parse_generation(pending).phase == "queued"
    assert parse_generation([pending]).id == "lu-1"
    assert parse_generation({"id": 7, "state": "Dreaming"}).phase == "running"


@pytest.mark.parametrize(("video", "phase", "url"), [
    (None, "running", None),  # completed, but the file is not there yet
    ({"url": "", "download_url": None}, "running", None),
    ({"url": "http://h/a.mp4"}, "succeeded", "http://h/a.mp4"),
    ({"url": "http://h/a.mp4", "download_url": "http://h/a-raw.mp4"}, "succeeded", "http://h/a-raw.mp4"),
])
def test_completed_counts_only_with_a_link(video: object, phase: str, url: str | None) -> None:
    generation = parse_generation({"id": "lu-1", "state": "completed", "video": video})
    assert (generation.phase, generation.video_url) == (phase, url)


def test_a_failure_keeps_its_reason_and_a_shapeless_answer_is_bad() -> None:
    failed = parse_generation({"id": "lu-2", "state": "failed", "failure_reason": "moderation"})
    assert (failed.phase, failed.reason) == ("failed", "moderation")
    for payload in ([], {}, {"id": ""}, "lu-1", {"id": True}):
        with pytest.raises(BadResponse):
            parse_generation(payload)


def test_the_body_sends_frames_only_when_given() -> None:
    assert generation_body("x") == {"user_prompt": "x", "expand_prompt": True, "loop": False}
    assert generation_body("x", loop=True, image_url="data:a", image_end_url="data:b")["image_end_url"] == "data:b"
