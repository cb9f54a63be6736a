"""Reading the OpenAI-style video answers the tolerant way: the Videos API object, new-api's generic
task envelope and its Gemini form, and `custom_video` (docs/PROTOCOLS.md#openai-videos,
#video-generations, #custom-video)."""

from __future__ import annotations

import pytest

from studio.api.custom_video import parse_task as parse_custom
from studio.api.errors import BadResponse
from studio.api.tasks import epoch_seconds, progress_value
from studio.api.video_generations import parse_task
from studio.api.videos import parse_video, phase_of


@pytest.mark.parametrize(("status", "phase"), [
    ("queued", "queued"), ("", "queued"), ("in_progress", "running"), ("completed", "succeeded"),
    ("failed", "failed"), ("unknown", "running"), ("IN_PROGRESS", "running"), ("SUCCESS", "succeeded"),
    ("FAILURE", "failed"), ("NOT_START", "queued"), ("SUBMITTED", "queued"), ("processing", "running"),
    ("succeeded", "succeeded"), ("something new", "running"),
])
def test_every_spelling_of_a_state_has_a_phase(status: str, phase: str) -> None:
    assert phase_of(status) == phase


@pytest.mark.parametrize(("value", "figure"), [
    (33, 33.0), ("66%", 66.0), (" 30 % ", 30.0), ("0%", 0.0), (12.5, 12.5), (140, 100.0), ("", None),
    (None, None), (True, None), ("soon", None), ("nan", None),
])
def test_progress_is_an_int_or_a_percent_string(value: object, figure: float | None) -> None:
    assert progress_value(value) == figure


def test_times_are_numbers_numeric_strings_or_iso() -> None:
    assert epoch_seconds(1720000000) == 1720000000.0
    assert epoch_seconds("1720000000") == 1720000000.0
    assert epoch_seconds(1722000000000) == 1722000000.0  # milliseconds
    assert epoch_seconds("2024-12-22T13:38:40Z") == 1734874720.0
    assert epoch_seconds("") is epoch_seconds("yesterday") is epoch_seconds(None) is None


def test_a_queued_video_from_an_older_relay() -> None:
    video = parse_video({"id": "", "task_id": "task_v1", "object": "video", "model": "sora-2", "status": "",
                         "progress": 0, "created_at": 1760000000})
    assert (video.id, video.phase, video.progress, video.url) == ("task_v1", "queued", 0.0, None)
    assert video.created_at == 1760000000.0


def test_a_completed_video_names_its_link_wherever_the_relay_put_it() -> None:
    base = {"id": "v", "object": "video", "status": "completed", "progress": "100%"}
    assert parse_video(base).url is None  # the client fetches /content
    assert parse_video({**base, "metadata": {"url": "http://h/m.mp4"}}).url == "http://h/m.mp4"
    assert parse_video({**base, "video_url": " http://h/v.mp4 ", "metadata": None}).url == "http://h/v.mp4"
    both = {**base, "url": "https://h/u.mp4", "video_url": "http://h/v.mp4", "metadata": {"url": "http://h/m.mp4"}}
    assert parse_video(both).url == "https://h/u.mp4"  # url, then video_url, then metadata.url
    assert parse_video({**base, "url": "", "video_url": "ftp://x"}).url is None
    done = parse_video({**base, "progress": 90})
    assert done.phase == "succeeded" and done.progress == 100.0


def test_a_failed_video_has_its_reason() -> None:
    failed = parse_video({"id": "video_9", "object": "video", "status": "failed", "progress": 100,
                          "error": {"code": "moderation_blocked", "message": "blocked"}})
    assert (failed.phase, failed.error) == ("failed", "blocked")
    assert parse_video({"id": "v", "status": "failed", "error": {"code": "moderation_blocked"}}).error == \
        "moderation_blocked"
    assert parse_video({"id": "v", "status": "failed", "error": "no credit"}).error == "no credit"
    assert parse_video({"id": "v", "status": "failed", "error": None}).error == ""


def test_the_platform_form_with_a_string_time_and_detail() -> None:
    video = parse_video({"id": "pv-1", "object": "video", "model": "veo3", "status": "queued",
                         "created_at": "1720000000", "detail": {}})
    assert (video.id, video.phase, video.created_at, video.model) == ("pv-1", "queued", 1720000000.0, "veo3")
    remixed = parse_video({"id": 7, "status": "queued", "remixed_from_video_id": "video_1"})
    assert (remixed.id, remixed.remixed_from) == ("7", "video_1")


@pytest.mark.parametrize("payload", [[], "video", {"status": "queued"}, {"id": True, "status": "queued"}])
def test_a_video_answer_without_an_id_is_bad(payload: object) -> None:
    with pytest.raises(BadResponse):
        parse_video(payload)


# -- new-api's generic /v1/video/generations -------------------------------------------------------


def test_a_generic_submit_answer_gives_its_task_id() -> None:
    submitted = parse_task({"id": "vid-1", "task_id": "vid-1", "object": "video", "model": "kling-v1", "status": "",
                            "progress": 0, "created_at": 1720000000})
    assert (submitted.task_id, submitted.phase, submitted.url) == ("vid-1", "queued", None)
    assert parse_task({"id": "vid-2", "status": ""}).task_id == "vid-2"
    assert parse_task({"task_id": "vid-3"}).task_id == "vid-3"
    assert parse_task({"code": "success", "message": "", "data": "task_abc"}).task_id == "task_abc"


def _envelope(**task: object) -> dict[str, object]:
    return {"code": "success", "message": "", "data": {"task_id": "vid-1", "action": "textGenerate",
                                                       "submit_time": 1720000000, "data": {}, **task}}


@pytest.mark.parametrize(("status", "progress", "phase"), [
    ("NOT_START", "0%", "queued"), ("SUBMITTED", "10%", "queued"), ("QUEUED", "20%", "queued"),
    ("IN_PROGRESS", "30%", "running"), ("UNKNOWN", "30%", "running"),
])
def test_the_generic_task_states(status: str, progress: str, phase: str) -> None:
    task = parse_task(_envelope(status=status, progress=progress, fail_reason=""))
    assert (task.phase, task.progress, task.url, task.reason) == (phase, float(progress[:-1]), None, "")


def test_the_clips_link_in_result_url_or_in_an_older_builds_fail_reason() -> None:
    new = parse_task(_envelope(status="SUCCESS", progress="100%", fail_reason="", result_url="http://h/k1.mp4"))
    assert (new.phase, new.progress, new.url) == ("succeeded", 100.0, "http://h/k1.mp4")
    old = parse_task(_envelope(status="SUCCESS", progress="100%", fail_reason="http://h/old.mp4"))
    assert (old.url, old.reason) == ("http://h/old.mp4", "")
    raw = {"code": 0, "data": {"task_id": "up1", "task_status": "succeed",
                               "task_result": {"videos": [{"id": "v", "url": "http://h/raw.mp4"}]}}}
    assert parse_task(_envelope(status="SUCCESS", fail_reason="", data=raw)).url == "http://h/raw.mp4"
    assert parse_task(_envelope(status="SUCCESS", fail_reason="")).url is None


def test_a_failed_generic_task_has_its_reason_not_a_link() -> None:
    failed = parse_task(_envelope(status="FAILURE", progress="100%", fail_reason="risk control"))
    assert (failed.phase, failed.reason, failed.url) == ("failed", "risk control", None)


def test_the_gemini_form() -> None:
    done = parse_task({"code": "success", "data": {"task_id": "vid-g", "status": "succeeded", "url": "http://h/g.mp4",
                                                   "format": "mp4", "metadata": None, "error": None}})
    assert (done.task_id, done.phase, done.url) == ("vid-g", "succeeded", "http://h/g.mp4")
    running = parse_task({"code": "success", "data": {"task_id": "vid-g", "status": "processing", "url": ""}})
    assert running.phase == "running" and running.url is None
    failed = parse_task({"code": "success", "data": {"task_id": "vid-g", "status": "failed", "url": "",
                                                     "error": {"code": "x", "message": "quota"}}})
    assert (failed.phase, failed.reason) == ("failed", "quota")


@pytest.mark.parametrize("payload", [[], {"code": "success", "data": None}, {"status": "SUCCESS"}, "x"])
def test_a_generic_answer_without_a_task_is_bad(payload: object) -> None:
    with pytest.raises(BadResponse):
        parse_task(payload)


# -- custom_video ------------------------------------------------------------------------------------


def test_custom_video_tasks() -> None:
    submitted = parse_custom({"id": "cv1", "model": "veo-2", "status": "SUBMITTED"})
    assert (submitted.id, submitted.phase, submitted.url) == ("cv1", "queued", None)
    done = parse_custom({"id": "cv1", "model": "veo-2", "status": "SUCCESS", "error": "", "output": "http://h/cv1.mp4"})
    assert (done.phase, done.url, done.error) == ("succeeded", "http://h/cv1.mp4", "")
    assert parse_custom({"id": "cv1", "status": "SUCCESS", "output": ["http://h/a.mp4"]}).url == "http://h/a.mp4"
    assert parse_custom({"id": "cv1", "status": "SUCCESS", "output": {"url": "http://h/b.mp4"}}).url == \
        "http://h/b.mp4"
    assert parse_custom({"code": "success", "data": {"id": "cv2", "status": "IN_PROGRESS"}}).phase == "running"
    failed = parse_custom({"id": "cv1", "status": "FAILURE", "error": "no quota", "output": ""})
    assert (failed.phase, failed.error, failed.url) == ("failed", "no quota", None)
    with pytest.raises(BadResponse):
        parse_custom({"status": "SUCCESS"})
