"""Reading Runway's tasks in both dialects, and building their bodies (docs/PROTOCOLS.md#runway)."""

from __future__ import annotations

import pytest

from studio.api.errors import BadResponse
from studio.api.runway import official_body, parse_official, parse_reverse, reverse_body


@pytest.mark.parametrize(("status", "phase"), [
    ("PENDING", "queued"), ("THROTTLED", "queued"), ("RUNNING", "running"), ("SUCCEEDED", "succeeded"),
    ("FAILED", "failed"), ("CANCELLED", "failed"), ("running", "running"), ("", "queued"), ("WHATEVER", "running"),
])
def test_statuses_map_to_phases(status: str, phase: str) -> None:
    assert parse_official({"id": "rw-1", "status": status}).phase == phase


def test_the_official_task_reads_progress_output_and_failure() -> None:
    running = parse_official({"id": "rw-1", "status": "RUNNING", "progress": 0.4})
    assert running.progress == pytest.approx(40.0)
    done = parse_official({"id": "rw-1", "status": "SUCCEEDED", "output": ["http://h/rw.mp4", "", 3]})
    assert done.outputs == ("http://h/rw.mp4",)
    failed = parse_official({"id": "rw-2", "status": "FAILED", "failure": "bad image", "failureCode": "INPUT.INVALID"})
    assert failed.reason == "bad image (INPUT.INVALID)"
    assert parse_official({"id": "rw-1"}).phase == "queued"  # the create answers only {"id"}


def test_the_reverse_task_reads_its_text_progress_and_artifacts() -> None:
    task = parse_reverse({"task": {"id": "r1", "status": "RUNNING", "progressRatio": "0.53"}, "server_id": "s1"})
    assert (task.phase, task.progress) == ("running", pytest.approx(53.0))
    done = parse_reverse({"task": {"id": "r1", "status": "SUCCEEDED", "progressRatio": "1",
                                   "artifacts": [{"url": "http://h/r1.mp4", "previewUrls": []}]}})
    assert done.outputs == ("http://h/r1.mp4",)
    assert parse_reverse({"task": {"id": "r1", "status": "FAILED", "error": {"message": "nsfw"}}}).reason == "nsfw"
    for payload in ({}, {"task": None}, {"task": {"status": "PENDING"}}, []):
        with pytest.raises(BadResponse):
            parse_reverse(payload)
    with pytest.raises(BadResponse):
        parse_official({"status": "PENDING"})


def test_bodies() -> None:
    assert official_body("x", "gen4_turbo", start="data:a") == {"model": "gen4_turbo", "promptImage": "data:a",
                                                                "promptText": "x"}
    assert official_body("", "gen4_turbo", start="a", end="b", duration="5")["promptImage"] == [
        {"uri": "a", "position": "first"}, {"uri": "b", "position": "last"}]
    body = reverse_body("cat", "gen3a", seed=1)
    assert body == {"taskType": "gen3a", "internal": False, "options": {
        "name": "cat", "seconds": 5, "text_prompt": "cat", "seed": 1, "exploreMode": False, "watermark": False,
        "enhance_prompt": True, "resolution": "720p"}}
    assert reverse_body("cat", "runway-x")["taskType"] == "gen3a_turbo"
