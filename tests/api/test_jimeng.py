"""Reading Jimeng's answers in Volcengine's and new-api's dialects (docs/PROTOCOLS.md#jimeng)."""

from __future__ import annotations

import pytest

from studio.api.errors import BadResponse
from studio.api.jimeng import parse_answer, submit_body


def test_volcengine_s_answers() -> None:
    submitted = parse_answer({"code": 10000, "message": "Success", "request_id": "r", "data": {"task_id": "jm-1"}})
    assert (submitted.task_id, submitted.phase) == ("jm-1", "queued")
    queued = parse_answer({"code": "10000", "data": {"status": "in_queue", "video_url": ""}}, "jm-1")
    assert (queued.task_id, queued.phase, queued.video_url) == ("jm-1", "queued", None)
    assert parse_answer({"code": 10000, "data": {"status": "generating"}}, "jm-1").phase == "running"
    done = parse_answer({"code": 10000, "data": {"status": "done", "video_url": "http://h/jm.mp4"}}, "jm-1")
    assert (done.phase, done.video_url) == ("succeeded", "http://h/jm.mp4")
    gone = parse_answer({"code": 10000, "data": {"status": "expired"}}, "jm-1")
    assert (gone.phase, gone.reason) == ("failed", "the task is expired")


def test_any_other_code_is_a_failure_with_its_message() -> None:
    failed = parse_answer({"code": 50411, "message": "Input image risk not pass.", "data": None}, "jm-1")
    assert (failed.phase, failed.reason) == ("failed", "Input image risk not pass (code 50411)")


def test_new_api_s_answers() -> None:
    assert parse_answer({"id": "task_j1", "task_id": "task_j1", "object": "video", "status": ""}).task_id == "task_j1"
    nested = parse_answer({"code": "success", "data": {"task_id": "task_j1", "status": "SUCCESS", "progress": "100%",
                                                       "data": {"code": 10000, "data": {"status": "done",
                                                                                        "video_url": "http://h/v"}}}})
    assert (nested.task_id, nested.phase, nested.video_url) == ("task_j1", "succeeded", "http://h/v")
    generic = parse_answer({"code": "success", "data": {"task_id": "t", "status": "IN_PROGRESS", "progress": "30%",
                                                        "data": {"code": 10000, "data": {"task_id": "up"}}}})
    assert (generic.phase, generic.progress) == ("running", 30.0)


def test_a_shapeless_answer_is_bad() -> None:
    for payload in ([], "x", {"data": {}}, {"code": 10000, "data": {"status": "done"}}):
        with pytest.raises(BadResponse):
            parse_answer(payload)


def test_the_submit_body() -> None:
    assert submit_body("x", "jimeng_vgfm_t2v_l20") == {"req_key": "jimeng_vgfm_t2v_l20", "prompt": "x"}
    assert submit_body("x", "m", image="QUJD", aspect_ratio="1:1") == {
        "req_key": "m", "prompt": "x", "binary_data_base64": ["QUJD"], "aspect_ratio": "1:1"}
