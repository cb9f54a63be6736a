"""Reading Kling video answers in both dialects relays send, and building the create body
(docs/PROTOCOLS.md#kling-video)."""

from __future__ import annotations

import pytest

from studio.api.errors import BadResponse, RateLimited, RelayError, ServerError
from studio.api.kling import KlingRefused
from studio.api.kling_video import parse_answer, video_body

NATIVE_DONE = {"code": 0, "message": "", "request_id": "r2", "data": {
    "task_id": "k2", "task_status": "succeed", "task_status_msg": "",
    "task_result": {"videos": [{"id": "v2", "url": "http://h/k2.mp4", "duration": "5.1"}]}}}


def test_a_native_task_is_read_whatever_the_types() -> None:
    task = parse_answer({"code": "0", "data": {"task_id": 842250903629086785, "task_status": "PROCESSING"}})
    assert (task.task_id, task.status, task.phase, task.clips) == ("842250903629086785", "processing", "running", ())
    done = parse_answer(NATIVE_DONE)
    assert done.phase == "succeeded" and [(c.id, c.url, c.duration) for c in done.clips] == [("v2", "http://h/k2.mp4",
                                                                                              5.1)]


def test_new_api_s_submit_object_and_the_old_native_body_with_a_top_level_id() -> None:
    submitted = parse_answer({"id": "k3", "task_id": "k3", "object": "video", "model": "kling-v1-6", "status": "",
                              "progress": 0, "created_at": 1760000000})
    assert (submitted.task_id, submitted.phase) == ("k3", "queued")
    assert parse_answer({"id": "task_abc", "object": "video", "status": "queued"}).task_id == "task_abc"
    old = parse_answer({"code": 0, "task_id": "k4", "data": {"task_status": "submitted"}})
    assert (old.task_id, old.phase) == ("k4", "queued")


def test_new_api_s_task_reads_kling_s_raw_answer_first_then_its_own_fields() -> None:
    raw = parse_answer({"code": "success", "data": {"task_id": "task_pub", "status": "SUCCESS", "progress": "100%",
                                                    "data": NATIVE_DONE}})
    assert raw.task_id == "task_pub" and raw.phase == "succeeded" and raw.clips[0].url == "http://h/k2.mp4"
    generic = parse_answer({"code": "success", "data": {"task_id": "t", "status": "IN_PROGRESS", "progress": "30%",
                                                        "data": {}}})
    assert (generic.phase, generic.progress) == ("running", 30.0)
    old_build = parse_answer({"code": "success", "data": {"task_id": "t", "status": "SUCCESS",
                                                          "fail_reason": "http://h/old.mp4", "data": None}})
    assert [c.url for c in old_build.clips] == ["http://h/old.mp4"] and old_build.reason == ""
    failed = parse_answer({"code": "success", "data": {"task_id": "t", "status": "FAILURE",
                                                       "fail_reason": "risk control"}})
    assert (failed.phase, failed.reason) == ("failed", "risk control")


def test_a_non_zero_code_is_a_refusal_and_a_shapeless_answer_is_bad() -> None:
    with pytest.raises(KlingRefused, match=r"^Kling refused the task: invalid param \(code 1201\)"):
        parse_answer({"code": 1201, "message": "invalid param", "request_id": "r2", "data": None})
    for payload in ([], {"code": 0, "data": None}, {"code": 0, "data": {"task_status": "submitted"}},
                    {"code": "success", "data": {"status": "SUCCESS"}}):
        with pytest.raises(BadResponse):
            parse_answer(payload)


@pytest.mark.parametrize(("code", "error"), [(1302, RateLimited), (1303, RateLimited), (5000, ServerError),
                                             (5001, ServerError), (5002, ServerError)])
def test_a_busy_code_on_a_poll_is_retried_not_a_refusal(code: int, error: type[RelayError]) -> None:
    payload = {"code": code, "message": "parallel task over resource pack limit", "request_id": "r7", "data": None}
    with pytest.raises(error) as raised:
        parse_answer(payload, poll=True)
    assert raised.value.code == str(code) and raised.value.request_id == "r7"
    assert f"Kling answered code {code}, parallel task over resource pack limit" in str(raised.value)
    with pytest.raises(KlingRefused):  # at create: no task was made, so nothing is left to wait for
        parse_answer(payload)
    with pytest.raises(KlingRefused):  # the account's own refusal, polled or not
        parse_answer({"code": 1304, "message": "ip not allowed", "data": None}, poll=True)


def test_new_api_s_unknown_keeps_the_task_running() -> None:
    unknown = parse_answer({"code": "success", "data": {"task_id": "t", "status": "UNKNOWN", "progress": "30%",
                                                        "data": {}}}, poll=True)
    assert (unknown.phase, unknown.status) == ("running", "UNKNOWN")


def test_the_body_names_the_model_both_ways_and_drops_what_is_unset() -> None:
    assert video_body("x", "kling-v1") == {"model_name": "kling-v1", "model": "kling-v1", "prompt": "x"}
    body = video_body("x", "kling-v2-master", mode="pro", duration="5", cfg_scale=0.0)
    assert "mode" not in body and body["duration"] == "5" and body["cfg_scale"] == 0.0
