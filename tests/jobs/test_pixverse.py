"""PixVerse video jobs end to end against the relay test server (docs/PROTOCOLS.md#pixverse,
tests/relay/pixverse.py): a numeric video id, the feed's video_status, extend."""

from __future__ import annotations

import base64
from pathlib import Path

from studio.api.families import family_of, spec_for
from studio.jobs.model import JobState
from studio.services.core import StudioCore
from tests.jobs.conftest import assert_saved_video, bodies, finish, image_file, one_sentence
from tests.relay import RelayServer, pixverse

SUBMIT = "/pixverse/generate"


def test_a_pixverse_model_is_spoken_by_the_pixverse_handler() -> None:
    assert family_of("pixverse-v3.5", "video").family == "pixverse"
    spec = spec_for("video", "pixverse")
    assert spec is not None and spec.handler == "studio.jobs.pixverse:PixverseHandler"


def test_generate_polls_the_numeric_id_and_keeps_it_as_the_clip_id(studio: StudioCore, relay: RelayServer) -> None:
    done = finish(studio, studio.jobs.create_video("a lighthouse", model="pixverse-v3.5", seconds=8,
                                                   aspect="1:1").id)
    assert_saved_video(studio, done)
    (body,) = bodies(relay, "POST", SUBMIT)
    assert {k: v for k, v in body.items() if k != "seed"} == {
        "prompt": "a lighthouse", "model": "v3.5", "quality": "540p", "duration": 8, "aspect_ratio": "1:1",
        "motion_mode": "normal"}
    assert isinstance(body["seed"], int)
    assert done.remote_id and done.remote_id.isdigit() and done.metadata["clip_ids"] == [done.remote_id]
    assert relay.hits(f"/pixverse/feed/{done.remote_id}") >= 2


def test_a_start_frame_goes_as_a_data_url(studio: StudioCore, relay: RelayServer, tmp_path: Path) -> None:
    frame = image_file(tmp_path, "a.png")
    done = finish(studio, studio.jobs.create_video("waves", model="pixverse", image=frame).id)
    assert_saved_video(studio, done)
    (body,) = bodies(relay, "POST", SUBMIT)
    assert base64.b64decode(body["img_url"].removeprefix("data:image/png;base64,")) == frame.read_bytes()


def test_status_100_fails_the_job(studio: StudioCore, relay: RelayServer) -> None:
    failed = finish(studio, studio.jobs.create_video("this will fail", model="pixverse-v3.5").id)
    assert failed.state is JobState.FAILED and failed.remote_id
    assert one_sentence(failed.error) == "PixVerse failed the video: video_status 100."


def test_a_refused_generate_fails_in_one_sentence(studio: StudioCore, relay: RelayServer) -> None:
    refused = finish(studio, studio.jobs.create_video("please refuse", model="pixverse-v3.5").id)
    assert refused.state is JobState.FAILED and refused.remote_id is None
    assert one_sentence(refused.error) == f"PixVerse refused the task: {pixverse.REFUSAL} (code 500054)."


def test_extend_names_the_original_video_by_its_number(studio: StudioCore, relay: RelayServer) -> None:
    first = finish(studio, studio.jobs.create_video("a lighthouse", model="pixverse-v3.5").id)
    (asset,) = studio.gallery.for_job(first.id)
    done = finish(studio, studio.jobs.create_video("the storm comes", extend=asset.id).id)
    assert_saved_video(studio, done)
    body = bodies(relay, "POST", SUBMIT)[-1]
    assert (body["original_video_id"], body["extend"], body["platform"]) == (int(str(first.remote_id)), 1, "web")
    assert pixverse.task(relay, str(done.remote_id))["extra"]["extends"] == int(str(first.remote_id))
