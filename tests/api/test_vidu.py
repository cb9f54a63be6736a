"""Reading Vidu's task objects the tolerant way, and building its bodies (docs/PROTOCOLS.md#vidu)."""

from __future__ import annotations

import pytest

from studio.api.errors import BadResponse
from studio.api.vidu import parse_task, upscale_body, video_body

SEED_TASK = {"id": "2369218477629212", "type": "character2video", "state": "queueing", "creations": [], "err_code": "",
             "created_at": "2024-07-31T16:13:39.972262Z", "settings": {"style": "general", "duration": 4}}


@pytest.mark.parametrize(("state", "phase"), [
    ("created", "queued"), ("queueing", "queued"), ("processing", "running"), ("success", "succeeded"),
    ("failed", "failed"), ("", "queued"), ("scheduling", "running"),
])
def test_states_map_to_phases(state: str, phase: str) -> None:
    assert parse_task({**SEED_TASK, "state": state}).phase == phase


def test_every_link_spelling_of_a_creation_is_read() -> None:
    task = parse_task({**SEED_TASK, "state": "success", "creations": [
        {"id": "c1", "url": "http://h/official.mp4", "cover_url": "http://h/c.jpeg", "watermarked_url": "http://h/w"},
        {"id": 2, "uri": "http://h/studio.mp4", "nomark_uri": "http://h/clean.mp4", "cover_uri": "http://h/c2.jpeg"},
        {"id": "c3"}, "junk"]})
    assert [(c.id, c.url, c.cover) for c in task.creations] == [
        ("c1", "http://h/official.mp4", "http://h/c.jpeg"), ("2", "http://h/clean.mp4", "http://h/c2.jpeg")]


def test_a_task_inside_data_or_a_list_is_found_and_a_shapeless_answer_is_bad() -> None:
    assert parse_task({"data": SEED_TASK}).id == SEED_TASK["id"]
    assert parse_task([{**SEED_TASK, "id": "1"}, SEED_TASK], SEED_TASK["id"]).state == "queueing"
    for payload in ([], {}, {"state": "success"}, "x", {"data": None}):
        with pytest.raises(BadResponse):
            parse_task(payload)


def test_bodies() -> None:
    assert video_body("fly", "vidu-1") == {
        "input": {"prompts": [{"type": "text", "content": "fly", "enhance": True}]}, "type": "text2video",
        "settings": {"style": "general", "aspect_ratio": "16:9", "duration": 4, "model": "vidu-1"}}
    assert video_body("fly", "vidu-1", image="data:x")["type"] == "img2video"
    assert upscale_body("2370483030340581") == {"input": {"creation_id": "2370483030340581"}, "type": "upscale",
                                                "settings": {"model": "stable", "duration": 4}}
