"""Reading the OpenAI-style video answers the tolerant way: the Videos API object, new-api's generic
task envelope and its Gemini form, and `custom_video` (docs/PROTOCOLS.md#openai-videos,
#video-generations, #custom-video)."""

from __future__ import annotations

import pytest

from studio.api.errors import BadResponse
from studio.api.videos import epoch_seconds, parse_video, phase_of, progress_value


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
