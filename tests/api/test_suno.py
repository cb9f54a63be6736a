"""Suno's answers read one way whatever form the relay uses (docs/PROTOCOLS.md#suno): new-api's task
envelope, Suno-API's bare clip list, a submit answered with the clip itself, lyrics, a failure."""

from __future__ import annotations

import pytest

from studio.api.errors import BadResponse
from studio.api.suno import lyrics_limit, music_body, parse_batch, parse_fetch, parse_submit, version_for
from studio.jobs.suno import listed, outcome_of

CLIP_A = {"id": "clip-a", "status": "complete", "title": "Happy", "audio_url": "http://127.0.0.1:1/files/a.mp3",
          "video_url": "http://127.0.0.1:1/files/a.mp4", "image_url": "http://127.0.0.1:1/files/a.jpg",
          "image_large_url": "http://127.0.0.1:1/files/a_large.jpg", "model_name": "chirp-v3",
          "metadata": {"tags": "pop", "prompt": "[Verse]...", "duration": 120.5, "error_message": None}}


def _task(status: str, clips: object, **extra: object) -> dict[str, object]:
    return {"code": "success", "message": "", "data": {"task_id": "suno-task-1", "action": "MUSIC", "status": status,
                                                      "fail_reason": "", "progress": "", "data": clips, **extra}}


def test_a_task_walks_from_submitted_to_two_clips() -> None:
    submitted = parse_fetch(_task("SUBMITTED", [{"id": "clip-a", "status": "submitted", "audio_url": ""},
                                                {"id": "clip-b", "status": "submitted"}]), "suno-task-1")
    assert submitted.phase == "queued" and [c.id for c in submitted.clips] == ["clip-a", "clip-b"]
    streaming = parse_fetch(_task("IN_PROGRESS", [{**CLIP_A, "status": "streaming"},
                                                  {"id": "clip-b", "status": "streaming"}]), "suno-task-1")
    assert streaming.phase == "running" and outcome_of(streaming).results == []
    done = parse_fetch(_task("SUCCESS", [CLIP_A, {**CLIP_A, "id": "clip-b"}], progress="100%"), "suno-task-1")
    clip = done.clips[0]
    assert done.phase == "succeeded" and clip.image_url and clip.image_url.endswith("a_large.jpg")
    assert (clip.title, clip.tags, clip.lyrics, clip.duration) == ("Happy", "pop", "[Verse]...", 120.5)
    outcome = outcome_of(done)
    assert [r.kind for r in outcome.results] == ["audio", "image", "video"] * 2
    assert outcome.metadata["clip_ids"] == ["clip-a"] * 3 + ["clip-b"] * 3


def test_a_bare_clip_list_and_a_batch() -> None:
    bare = parse_fetch({"code": "success", "message": "", "data": [CLIP_A, {**CLIP_A, "id": "c2", "status": "error",
                                                                           "metadata": {"error_message": "bad"}}]},
                       "task_sea1")
    assert bare.task_id == "task_sea1" and bare.phase == "succeeded"
    assert outcome_of(bare).metadata["failed_clips"] == [{"id": "c2", "reason": "bad"}]
    tasks = parse_batch({"code": "success", "message": "", "data": [_task("NOT_START", None)["data"]]})
    assert [t.task_id for t in tasks] == ["suno-task-1"] and tasks[0].phase == "queued"
    with pytest.raises(BadResponse):
        parse_batch({"code": "success", "message": "", "data": {}})


def test_submits_lyrics_and_failures() -> None:
    assert parse_submit({"code": "success", "message": "", "data": "task_sea1"}).task_id == "task_sea1"
    synchronous = parse_submit({**CLIP_A, "status": "submitted"})  # a relay that answers with the clip itself
    assert synchronous.task_id == "clip-a" and synchronous.clips[0].status == "submitted"
    with pytest.raises(BadResponse):
        parse_submit({"code": "success", "message": "", "data": ""})
    lyrics = parse_fetch({"code": "success", "data": {"task_id": "l1", "action": "LYRICS", "status": "SUCCESS",
                                                      "data": {"id": "l1", "status": "complete", "title": "Rain",
                                                               "text": "[Verse]\nrain"}}}, "l1")
    assert outcome_of(lyrics).texts == ["[Verse]\nrain"] and outcome_of(lyrics).metadata["title"] == "Rain"
    failed = outcome_of(parse_fetch(_task("FAILURE", None, fail_reason="Unable to generate lyrics"), "x"))
    assert failed.phase == "failed" and failed.error == "Suno failed the task: Unable to generate lyrics."


def test_bodies_versions_and_limits() -> None:
    assert music_body(description="sea", version="chirp-v3-5") == {
        "mv": "chirp-v3-5", "make_instrumental": False, "gpt_description_prompt": "sea"}
    assert music_body(lyrics="la", title="T", tags="pop", version="v", continue_clip_id="c", continue_at=30,
                      task_id="t") == {"mv": "v", "make_instrumental": False, "prompt": "la", "title": "T",
                                       "tags": "pop", "continue_clip_id": "c", "continue_at": 30, "task_id": "t"}
    assert [version_for(m) for m in ("suno_music", "chirp-v4", "suno-v4", "suno-v3.5", "suno-v9")] == [
        "chirp-v3-5", "chirp-v4", "chirp-v4", "chirp-v3-5", "chirp-v3-5"]
    assert (lyrics_limit("chirp-v3-5"), lyrics_limit("chirp-v4"), lyrics_limit("chirp-auk")) == (3000, 3000, 5000)


def test_a_clips_results_keep_their_places_whatever_order_the_relay_lists_them_in() -> None:
    first = parse_fetch(_task("IN_PROGRESS", [{**CLIP_A, "id": "clip-b", "status": "streaming"}, CLIP_A]),
                        "suno-task-1")
    early = outcome_of(first)
    assert early.metadata["clip_order"] == ["clip-b", "clip-a"]
    assert [(r.url is not None, r.meta.get("clip_id")) for r in early.results] == [
        (False, None)] * 3 + [(True, "clip-a")] * 3  # clip-a is done at the second place; the first holds
    known = listed(early.metadata)
    swapped = parse_fetch(_task("SUCCESS", [CLIP_A, {**CLIP_A, "id": "clip-b"}]), "suno-task-1")
    done = outcome_of(swapped, known)
    assert done.metadata["clip_ids"] == ["clip-b"] * 3 + ["clip-a"] * 3
    alone = outcome_of(parse_fetch(_task("SUCCESS", [CLIP_A]), "suno-task-1"), known)  # clip-b left out
    assert alone.metadata["clip_ids"] == [""] * 3 + ["clip-a"] * 3
    assert [r.empty for r in alone.results] == [True] * 3 + [False] * 3
    assert listed(alone.metadata) == ["clip-b", "clip-a"]
    assert listed({"clips": [{"id": "x"}, {"id": "y"}, "junk"]}) == ["x", "y"]  # a row from before
