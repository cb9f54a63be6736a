"""Luma video jobs end to end against the relay test server's generations (docs/PROTOCOLS.md#luma,
tests/relay/luma.py): a `completed` generation without a link is still polled, extend continues one."""

from __future__ import annotations

import base64
from pathlib import Path

from studio.api.families import family_of, spec_for
from studio.jobs.model import JobState
from studio.services.core import StudioCore
from tests.jobs.conftest import assert_saved_video, bodies, finish, image_file, one_sentence, use_case
from tests.relay import RelayServer, luma

ROUTE = "/luma/generations"


def test_a_luma_model_is_spoken_by_the_luma_handler() -> None:
    assert family_of("luma-ray-2", "video").family == "luma"
    spec = spec_for("video", "luma")
    assert spec is not None and spec.handler == "studio.jobs.luma:LumaHandler"


def test_completed_without_a_link_is_polled_until_the_video_is_there(studio: StudioCore, relay: RelayServer) -> None:
    done = finish(studio, studio.jobs.create_video("a fox in snow", model="luma").id)
    assert_saved_video(studio, done)
    assert bodies(relay, "POST", ROUTE) == [{"user_prompt": "a fox in snow", "expand_prompt": True, "loop": False}]
    seen = luma.task(relay, str(done.remote_id))
    # pending, processing, completed without a video, completed with it: the job did not stop at the third
    assert seen["queries"] == seen["polls"] + 3 and done.metadata["luma_state"] == "completed"


def test_frames_go_as_data_urls_and_loop_is_sent(studio: StudioCore, relay: RelayServer, tmp_path: Path) -> None:
    start, end = image_file(tmp_path, "a.png"), image_file(tmp_path, "b.png", (9, 9, 9))
    done = finish(studio, studio.jobs.create_video("dawn", model="luma", image=start, end_image=end, loop=True).id)
    assert_saved_video(studio, done)
    (body,) = bodies(relay, "POST", ROUTE)
    assert body["loop"] is True
    for name, path in (("image_url", start), ("image_end_url", end)):
        prefix, _, data = body[name].partition(",")
        assert prefix == "data:image/png;base64" and base64.b64decode(data) == path.read_bytes()


def test_an_answer_wrapped_in_an_array_is_read(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "luma-array")
    assert_saved_video(studio, finish(studio, studio.jobs.create_video("a fox", model="luma").id))


def test_a_failed_generation_fails_the_job_with_its_reason(studio: StudioCore, relay: RelayServer) -> None:
    failed = finish(studio, studio.jobs.create_video("this should fail", model="luma").id)
    assert failed.state is JobState.FAILED and failed.remote_id
    assert one_sentence(failed.error) == f"Luma failed the generation: {luma.FAIL_REASON}."


def test_extend_continues_the_generation_of_a_finished_video(studio: StudioCore, relay: RelayServer) -> None:
    first = finish(studio, studio.jobs.create_video("a fox", model="luma").id)
    (asset,) = studio.gallery.for_job(first.id)
    job = studio.jobs.create_video("it jumps", extend=asset.id)
    assert (job.family, job.model, job.request["source"]["remote_id"]) == ("luma", "luma", first.remote_id)
    done = finish(studio, job.id)
    assert_saved_video(studio, done)
    assert bodies(relay, "POST", f"{ROUTE}/{first.remote_id}/extend") == [
        {"user_prompt": "it jumps", "expand_prompt": True, "loop": False}]
    assert luma.task(relay, str(done.remote_id))["extra"]["extends"] == first.remote_id
