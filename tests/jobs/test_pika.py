"""Pika video jobs end to end against the relay test server (docs/PROTOCOLS.md#pika, tests/relay/pika.py)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from studio.api.families import family_of, spec_for
from studio.jobs.model import JobState
from studio.services.core import StudioCore
from tests.jobs.conftest import assert_saved_video, bodies, finish, image_file, one_sentence, states_seen
from tests.relay import RelayServer, pika


def test_a_pika_model_is_spoken_by_the_pika_handler() -> None:
    assert family_of("pika-1.5", "video").family == "pika"
    spec = spec_for("video", "pika")
    assert spec is not None and spec.handler == "studio.jobs.pika:PikaHandler"


def test_text_to_video_follows_the_feed_to_the_clip(studio: StudioCore, relay: RelayServer) -> None:
    job = studio.jobs.create_video("a cat dances", model="pika-2.0", aspect="9:16", negative_prompt="blur")
    done, seen = states_seen(studio, job.id)
    assert_saved_video(studio, done)
    (body,) = bodies(relay, "POST", "/pika/generate")
    assert body["promptText"] == "a cat dances" and body["model"] == "2.0"
    assert body["options"]["aspectRatio"] == pytest.approx(9 / 16)
    assert body["options"]["parameters"] == {"negativePrompt": "blur"}
    assert any(state == "running" and progress for state, progress in seen)  # "queued" with a rising figure
    assert done.metadata["pika_status"] == "finished"


def test_a_start_frame_goes_as_a_data_url_without_an_aspect_ratio(studio: StudioCore, relay: RelayServer,
                                                                  tmp_path: Path) -> None:
    frame = image_file(tmp_path, "a.png")
    done = finish(studio, studio.jobs.create_video("it blinks", model="pika", image=frame).id)
    assert_saved_video(studio, done)
    (body,) = bodies(relay, "POST", "/pika/generate")
    assert body["model"] == "1.5" and "aspectRatio" not in body["options"]
    assert base64.b64decode(body["image"].removeprefix("data:image/png;base64,")) == frame.read_bytes()


def test_an_error_clip_fails_the_job_with_its_reason(studio: StudioCore, relay: RelayServer) -> None:
    failed = finish(studio, studio.jobs.create_video("this will fail", model="pika-1.5").id)
    assert failed.state is JobState.FAILED and failed.remote_id
    assert one_sentence(failed.error) == f"Pika failed the task: {pika.FAIL_REASON}."
