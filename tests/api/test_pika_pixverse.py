"""Reading Pika's feed and PixVerse's answers, and their bodies (docs/PROTOCOLS.md#pika,
docs/PROTOCOLS.md#pixverse)."""

from __future__ import annotations

import pytest

from studio.api.errors import BadResponse
from studio.api.pika import generate_body as pika_body
from studio.api.pika import parse_feed, parse_submit, version_of
from studio.api.pixverse import PixverseRefused
from studio.api.pixverse import generate_body as pixverse_body
from studio.api.pixverse import parse_feed as pixverse_feed
from studio.api.pixverse import parse_submit as pixverse_submit
from studio.api.pixverse import version_of as pixverse_version


@pytest.mark.parametrize(("video", "phase"), [
    ({"status": "queued", "progress": 0}, "queued"), ({"status": "queued", "progress": 40}, "running"),
    ({"status": "started", "progress": 10}, "running"), ({"status": "finished", "resultUrl": "http://h/p.mp4"},
                                                         "succeeded"),
    ({"status": "error", "error": "flagged"}, "failed"),
])
def test_pika_s_first_clip_says_where_the_task_stands(video: dict[str, object], phase: str) -> None:
    assert parse_feed({"id": "pk-1", "promptText": "x", "videos": [video]}, "pk-1").phase == phase


def test_pika_reads_loosely() -> None:
    assert parse_feed({"id": "pk-1", "videos": []}, "pk-1").phase == "queued"  # the feed lists no clip yet
    done = parse_feed({"videos": [{"status": "finished", "progress": "100", "resultUrl": " http://h/p.mp4 "}]}, "pk-9")
    assert (done.id, done.url, done.progress) == ("pk-9", "http://h/p.mp4", 100.0)
    assert parse_submit({"id": "pk-1"}) == "pk-1"
    with pytest.raises(BadResponse):
        parse_submit({"code": 0})
    assert (version_of("pika-2.0"), version_of("pika"), version_of("Pika_1.5")) == ("2.0", "1.5", "1.5")
    body = pika_body("x", "pika-1.5", aspect="4:3")
    assert body["options"]["aspectRatio"] == pytest.approx(4 / 3) and "image" not in body


def test_pixverse_s_numeric_id_and_statuses() -> None:
    assert pixverse_submit({"ErrCode": 0, "ErrMsg": "Success", "Resp": {"video_id": 123456}}) == "123456"
    assert pixverse_feed({"ErrCode": 0, "Resp": {"video_status": 5, "url": ""}}, "1").phase == "running"
    done = pixverse_feed({"ErrCode": "0", "Resp": {"video_status": "1", "url": "http://h/px.mp4"}}, "1")
    assert (done.phase, done.url) == ("succeeded", "http://h/px.mp4")
    assert pixverse_feed({"ErrCode": 0, "Resp": {"video_status": 100}}, "1").phase == "failed"


def test_pixverse_refusals_and_shapeless_answers() -> None:
    with pytest.raises(PixverseRefused, match=r"^PixVerse refused the task: sensitive \(code 500054\)\.$"):
        pixverse_submit({"ErrCode": 500054, "ErrMsg": "sensitive", "Resp": None})
    for payload in ([], {"ErrCode": 0}, {"ErrCode": 0, "Resp": {}}, {"ErrCode": "x", "Resp": {"video_id": 1}}):
        with pytest.raises(BadResponse):
            pixverse_submit(payload)


def test_pixverse_bodies() -> None:
    assert pixverse_version("pixverse-v4") == "v4" and pixverse_version("pixverse") == "v3.5"
    body = pixverse_body("x", "pixverse", extend=42, seed=7, image="data:a")
    assert body == {"prompt": "x", "model": "v3.5", "quality": "540p", "duration": 5, "aspect_ratio": "16:9",
                    "motion_mode": "normal", "seed": 7, "img_url": "data:a", "original_video_id": 42, "extend": 1,
                    "platform": "web"}
