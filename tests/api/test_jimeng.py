"""Reading Jimeng's answers in Volcengine's and new-api's dialects (docs/PROTOCOLS.md#jimeng)."""

from __future__ import annotations

import pytest

from studio.api.errors import BadResponse, RateLimited, RelayError, ServerError
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


@pytest.mark.parametrize(("code", "error"), [(50429, RateLimited), (50430, RateLimited), (50500, ServerError),
                                             (50501, ServerError)])
def test_a_busy_code_on_a_poll_is_retried_not_the_task_s_end(code: int, error: type[RelayError]) -> None:
    payload = {"code": code, "message": "Internal Error", "request_id": "r9", "data": None}
    with pytest.raises(error) as raised:
        parse_answer(payload, "jm-1", poll=True)
    assert raised.value.code == str(code) and raised.value.request_id == "r9"
    assert f"Jimeng answered code {code}, Internal Error" in str(raised.value)
    assert parse_answer(payload).phase == "failed"  # a submit it refused created nothing to poll
    review = parse_answer({"code": 50413, "message": "Post Text Risk Not Pass", "data": None}, "jm-1", poll=True)
    assert (review.phase, review.reason) == ("failed", "Post Text Risk Not Pass (code 50413)")


def test_new_api_s_own_status_decides_over_its_copy_of_volcengine_s_answer() -> None:
    def task(status: str, raw: object, **fields: str) -> dict[str, object]:
        return {"code": "success", "data": {"task_id": "t", "status": status, "progress": "30%", "data": raw, **fields}}

    busy = parse_answer(task("IN_PROGRESS", {"code": 50500, "message": "Internal Error", "data": None}), "t", poll=True)
    assert (busy.phase, busy.status, busy.reason) == ("running", "IN_PROGRESS", "")
    refused = parse_answer(task("IN_PROGRESS", {"code": 50413, "message": "risk", "data": None}), "t", poll=True)
    assert refused.phase == "running"
    ended = parse_answer(task("FAILURE", {"code": 50500, "message": "Internal Error", "data": None}), "t", poll=True)
    assert (ended.phase, ended.reason) == ("failed", "Internal Error (code 50500)")
    unknown = parse_answer(task("UNKNOWN", {}), "t", poll=True)
    assert (unknown.phase, unknown.status) == ("running", "UNKNOWN")


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
