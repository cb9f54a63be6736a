"""Reading Kling's envelope and task the tolerant way (docs/PROTOCOLS.md#kling-images)."""

from __future__ import annotations

import pytest

from studio.api.errors import BadResponse
from studio.api.kling import KlingRefused
from studio.api.kling_images import aspect_ratio_for, parse_task


@pytest.mark.parametrize(("size", "ratio"), [
    ("1024x1024", "1:1"), ("1792x1024", "16:9"), ("1024x1792", "9:16"), ("1536x1024", "3:2"),
    ("1024x1536", "2:3"), ("1280x960", "4:3"), ("2560x1080", "16:9"), (None, None), ("auto", None), ("0x5", None),
])
def test_a_size_becomes_the_nearest_aspect_ratio(size: str | None, ratio: str | None) -> None:
    assert aspect_ratio_for(size) == ratio


def test_a_task_is_read_whatever_the_types() -> None:
    task = parse_task({"code": "0", "data": {
        "task_id": 842250903629086785, "task_status": "SUCCEED",
        "created_at": 1722769557708, "updated_at": "1722769560",
        "task_result": {"images": [{"index": "1", "url": " https://cdn/b.png "}, {"url": "https://cdn/c.png"},
                                   {"index": 0, "url": "https://cdn/a.png"}, {"index": 3, "url": ""}, "junk"]}}})
    assert task.task_id == "842250903629086785" and task.phase == "succeeded"
    assert [i.url for i in task.images] == ["https://cdn/a.png", "https://cdn/b.png", "https://cdn/c.png"]
    assert task.created_at == pytest.approx(1722769557.708) and task.updated_at == 1722769560.0


@pytest.mark.parametrize(("status", "phase"), [
    ("submitted", "queued"), ("processing", "running"), ("failed", "failed"), ("", "queued"), ("queueing", "running"),
])
def test_statuses_map_to_phases(status: str, phase: str) -> None:
    assert parse_task({"code": 0, "data": {"task_id": "t", "task_status": status}}).phase == phase


def test_a_non_zero_code_is_a_refusal_and_a_shapeless_answer_is_bad() -> None:
    with pytest.raises(KlingRefused, match=r"^Kling refused the task: bad value \(code 1201\) \(request id: r1\)\.$"):
        parse_task({"code": 1201, "message": "bad value.", "request_id": "r1", "data": None})
    for payload in ([], {"code": 0, "data": None}, {"code": 0, "data": {"task_status": "submitted"}},
                    {"code": "x", "data": {"task_id": "t"}}):
        with pytest.raises(BadResponse):
            parse_task(payload)


def test_a_busy_code_on_a_poll_is_retried_not_the_tasks_end() -> None:
    from studio.api.errors import RateLimited, ServerError
    from studio.api.kling_images import parse_task

    with pytest.raises(RateLimited):
        parse_task({"code": 1303, "message": "too fast", "data": None}, poll=True)
    with pytest.raises(ServerError):
        parse_task({"code": 5000, "message": "internal error", "data": None}, poll=True)
    with pytest.raises(KlingRefused):
        parse_task({"code": 1303, "message": "too fast", "data": None})
