"""Kling video jobs end to end: JobService and the runner against the relay test server's Kling video
tasks, native and as new-api rewrites them (docs/PROTOCOLS.md#kling-video, tests/relay/kling_video.py)."""

from __future__ import annotations

import base64
from pathlib import Path

import httpx

from studio.api.families import family_of, spec_for
from studio.jobs.model import Job, JobState
from studio.services.core import StudioCore
from tests.jobs.conftest import assert_saved_video, bodies, finish, image_file, one_sentence, run, states_seen, use_case
from tests.relay import VALID_KEY, RelayServer, kling_video

TEXT = "/kling/v1/videos/text2video"
IMAGE = "/kling/v1/videos/image2video"


def test_a_kling_model_makes_a_video_through_the_kling_handler() -> None:
    assert family_of("kling-v1-6", "video").family == "kling"
    spec = spec_for("video", "kling")
    assert spec is not None and spec.handler == "studio.jobs.kling_video:KlingVideoHandler"


def test_text_to_video_is_queued_runs_and_saves_a_clip(studio: StudioCore, relay: RelayServer) -> None:
    job = studio.jobs.create_video("a dog on a beach", model="kling-v1-6", seconds=10, aspect="9:16", mode="pro",
                                   cfg_scale=0.7, negative_prompt="rain")
    done, seen = states_seen(studio, job.id)
    assert_saved_video(studio, done)
    (body,) = bodies(relay, "POST", TEXT)
    assert body == {"model_name": "kling-v1-6", "model": "kling-v1-6", "prompt": "a dog on a beach",
                    "negative_prompt": "rain", "mode": "pro", "duration": "10", "aspect_ratio": "9:16",
                    "cfg_scale": 0.7}
    states = [state for state, _ in seen]
    assert states.index("submitted") < states.index("running") < states.index("done")
    assert done.metadata["kling_kind"] == "text2video" and done.metadata["kling_status"] == "succeed"
    assert done.metadata["clip_ids"] == [f"{done.remote_id}-v1"]
    assert kling_video.task(relay, str(done.remote_id))["queries"] >= 3  # submitted, processing, succeed


def test_frames_go_as_bare_base64_and_the_task_is_polled_under_its_kind(studio: StudioCore, relay: RelayServer,
                                                                        tmp_path: Path) -> None:
    start, end = image_file(tmp_path, "a.png"), image_file(tmp_path, "b.png", (200, 10, 10))
    done = finish(studio, studio.jobs.create_video("it wakes up", model="kling-v1", image=start, end_image=end).id)
    assert_saved_video(studio, done)
    (body,) = bodies(relay, "POST", IMAGE)
    assert not body["image"].startswith("data:") and base64.b64decode(body["image"]) == start.read_bytes()
    assert base64.b64decode(body["image_tail"]) == end.read_bytes()
    assert done.metadata["kling_kind"] == "image2video"
    polled = {r.path for r in relay.requests if r.method == "GET" and "/kling/" in r.path}
    assert polled == {f"{IMAGE}/{done.remote_id}"}


def test_the_test_server_refuses_a_data_prefix_as_kling_does(relay: RelayServer) -> None:
    png = base64.b64encode(image_file_bytes()).decode()
    answer = httpx.post(f"{relay.url}{IMAGE}", headers={"Authorization": f"Bearer {VALID_KEY}"},
                        json={"model_name": "kling-v1", "prompt": "x", "image": f"data:image/png;base64,{png}"})
    assert answer.status_code == 400
    assert answer.json()["code"] == 1201 and "data: prefix" in answer.json()["message"]
    assert answer.json()["data"] is None


def image_file_bytes() -> bytes:
    from tests.relay.fixtures import png_bytes

    return png_bytes(8, 8, (1, 2, 3))


def test_a_failed_task_fails_the_job_with_kling_s_reason(studio: StudioCore, relay: RelayServer) -> None:
    failed = finish(studio, studio.jobs.create_video("this will fail", model="kling-v1").id)
    assert failed.state is JobState.FAILED and failed.remote_id
    assert one_sentence(failed.error) == f"Kling failed the task: {kling_video.FAIL_REASON}."
    assert studio.gallery.for_job(failed.id) == []


def test_new_api_s_rewritten_answers_are_followed_to_the_clip(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "kling-newapi")
    job = studio.jobs.create_video("a cat", model="kling-v1")
    done, seen = states_seen(studio, job.id)
    assert_saved_video(studio, done)
    assert done.remote_id and done.remote_id.startswith("kv-")  # new-api's public id, not the upstream's
    assert any(state == "running" and progress for state, progress in seen)  # new-api's percent is shown


def test_new_api_s_failure_reads_its_reason(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "kling-newapi")
    failed = finish(studio, studio.jobs.create_video("fail please", model="kling-v1").id)
    assert failed.state is JobState.FAILED
    assert one_sentence(failed.error) == f"Kling failed the task: {kling_video.FAIL_REASON}."


def test_a_restart_mid_poll_asks_under_the_same_kind_without_a_second_submit(studio: StudioCore, relay: RelayServer,
                                                                             tmp_path: Path) -> None:
    use_case(studio, relay, "kling-polls-40")
    job = studio.jobs.create_video("slow", model="kling-v1", image=image_file(tmp_path, "a.png"))

    async def until_running() -> Job:
        studio.jobs.runner.run(job.id)
        running: Job = await studio.jobs.runner.wait(job.id, until=lambda j: j.state is JobState.RUNNING)
        return running

    running = run(studio, until_running)

    async def restart() -> Job:
        await studio.jobs.runner.start()
        done: Job = await studio.jobs.runner.wait(job.id)
        return done

    done = run(studio, restart)
    assert_saved_video(studio, done)
    assert done.remote_id == running.remote_id and relay.hits(IMAGE) == 1


def test_busy_answers_to_polls_are_waited_out_and_the_clip_saved_from_one_create(studio: StudioCore,
                                                                                 relay: RelayServer) -> None:
    use_case(studio, relay, "kling-busy-3")  # 1303, 5000, 1302 in a row: three hard errors would fail the job
    done = finish(studio, studio.jobs.create_video("a busy dog", model="kling-v1-6").id)
    assert_saved_video(studio, done)
    assert len(bodies(relay, "POST", TEXT)) == 1
    assert kling_video.task(relay, str(done.remote_id))["extra"]["busy_answers"] == 3
    assert "poll_errors" not in done.engine and not done.engine.get("failed_remotely")


def test_new_api_s_unknown_keeps_the_job_polling_until_the_clip(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "kling-newapi-unknown")
    done, seen = states_seen(studio, studio.jobs.create_video("a lost dog", model="kling-v1-6").id)
    assert_saved_video(studio, done)
    assert len(bodies(relay, "POST", TEXT)) == 1 and "failed" not in [state for state, _ in seen]
