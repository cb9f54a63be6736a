"""Jimeng video jobs end to end against the relay test server (docs/PROTOCOLS.md#jimeng,
tests/relay/jimeng.py): Volcengine's two actions on one route, native and as new-api rewrites them."""

from __future__ import annotations

import base64
from pathlib import Path

import httpx
import pytest

from studio.api.families import family_of, spec_for
from studio.jobs.model import JobState
from studio.services.core import StudioCore
from tests.jobs.conftest import assert_saved_video, finish, image_file, one_sentence, states_seen, use_case
from tests.relay import VALID_KEY, RelayServer, jimeng

MODEL = "jimeng_vgfm_t2v_l20"


def requests(relay: RelayServer, action: str) -> list[dict[str, object]]:
    return [r.json() for r in relay.requests if r.path.endswith("/jimeng/") and f"Action={action}" in r.query]


def test_a_jimeng_model_is_spoken_by_the_jimeng_handler() -> None:
    assert family_of(MODEL, "video").family == "jimeng"
    spec = spec_for("video", "jimeng")
    assert spec is not None and spec.handler == "studio.jobs.jimeng:JimengHandler"


def test_submit_and_results_carry_the_action_and_the_req_key(studio: StudioCore, relay: RelayServer) -> None:
    done = finish(studio, studio.jobs.create_video("a koi pond", model=MODEL, aspect="9:16").id)
    assert_saved_video(studio, done)
    assert requests(relay, "CVSync2AsyncSubmitTask") == [{"req_key": MODEL, "prompt": "a koi pond",
                                                          "aspect_ratio": "9:16"}]
    results = requests(relay, "CVSync2AsyncGetResult")
    assert len(results) >= 3 and all(r == {"req_key": MODEL, "task_id": done.remote_id} for r in results)
    assert all("Version=2022-08-31" in r.query for r in relay.requests if r.path == "/jimeng/")
    assert done.metadata["jimeng_status"] == "done"


def test_a_start_frame_goes_as_bare_base64(studio: StudioCore, relay: RelayServer, tmp_path: Path) -> None:
    frame = image_file(tmp_path, "a.png")
    done = finish(studio, studio.jobs.create_video("it ripples", model="jimeng_vgfm_i2v_l20", image=frame).id)
    assert_saved_video(studio, done)
    (body,) = requests(relay, "CVSync2AsyncSubmitTask")
    (image,) = body["binary_data_base64"]  # type: ignore[misc]
    assert not str(image).startswith("data:") and base64.b64decode(str(image)) == frame.read_bytes()


def test_a_code_other_than_10000_fails_the_job_with_its_message(studio: StudioCore, relay: RelayServer) -> None:
    failed = finish(studio, studio.jobs.create_video("this will fail", model=MODEL).id)
    assert failed.state is JobState.FAILED and failed.remote_id
    assert one_sentence(failed.error) == f"Jimeng failed the task: {jimeng.FAIL_REASON} (code {jimeng.FAIL_CODE})."


def test_new_api_s_rewritten_answers_are_followed(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "jimeng-newapi")
    done, seen = states_seen(studio, studio.jobs.create_video("a koi pond", model=MODEL).id)
    assert_saved_video(studio, done)
    assert any(state == "running" and progress for state, progress in seen)
    use_case(studio, relay, "jimeng-newapi")
    failed = finish(studio, studio.jobs.create_video("fail now", model=MODEL).id)
    assert one_sentence(failed.error) == f"Jimeng failed the task: {jimeng.FAIL_REASON} (code {jimeng.FAIL_CODE})."


def test_the_test_server_wants_the_action(relay: RelayServer) -> None:
    answer = httpx.post(f"{relay.url}/jimeng/", headers={"Authorization": f"Bearer {VALID_KEY}"},
                        json={"req_key": MODEL, "prompt": "x"})
    assert answer.status_code == 400
    assert answer.json() == {"error": {"message": "Action query parameter is required", "type": "new_api_error",
                                       "code": ""}}


def test_busy_answers_to_polls_are_waited_out_and_the_clip_saved_from_one_submit(studio: StudioCore,
                                                                                 relay: RelayServer) -> None:
    use_case(studio, relay, "jimeng-busy-2")  # 50429, then 50500, each with HTTP 200
    done = finish(studio, studio.jobs.create_video("a busy koi", model=MODEL).id)
    assert_saved_video(studio, done)
    assert len(requests(relay, "CVSync2AsyncSubmitTask")) == 1
    assert jimeng.task(relay, str(done.remote_id))["extra"]["busy_answers"] == 2
    assert not done.engine.get("failed_remotely")


@pytest.mark.parametrize("case", ["jimeng-newapi-busy", "jimeng-newapi-unknown"])
def test_new_api_s_task_still_at_work_is_polled_on_whatever_its_copy_of_volcengine_says(
        studio: StudioCore, relay: RelayServer, case: str) -> None:
    use_case(studio, relay, case)  # IN_PROGRESS over a copied 50500, or UNKNOWN
    done, seen = states_seen(studio, studio.jobs.create_video("a koi at work", model=MODEL).id)
    assert_saved_video(studio, done)
    assert len(requests(relay, "CVSync2AsyncSubmitTask")) == 1 and "failed" not in [state for state, _ in seen]
