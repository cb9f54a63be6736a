"""Vidu video jobs end to end against the relay test server's tasks (docs/PROTOCOLS.md#vidu,
tests/relay/vidu.py): text and image to video, the query-parameter poll and its path fallback, upscale."""

from __future__ import annotations

import base64
from pathlib import Path

from studio.api.families import family_of, spec_for
from studio.jobs.model import JobState
from studio.services.core import StudioCore
from tests.jobs.conftest import assert_saved_video, bodies, finish, image_file, one_sentence, use_case
from tests.relay import RelayServer, vidu

ROUTE = "/vidu/v1/tasks"


def test_a_vidu_model_is_spoken_by_the_vidu_handler() -> None:
    assert family_of("vidu-1.5", "video").family == "vidu"
    assert family_of("vidu-video", "video").family == "chat"  # the chat format keeps its own rule
    spec = spec_for("video", "vidu")
    assert spec is not None and spec.handler == "studio.jobs.vidu:ViduHandler"


def test_text_to_video_polls_with_the_query_parameter(studio: StudioCore, relay: RelayServer) -> None:
    done = finish(studio, studio.jobs.create_video("a panda grows up", model="vidu-1", seconds=8, aspect="9:16").id)
    assert_saved_video(studio, done)
    assert bodies(relay, "POST", ROUTE) == [{
        "input": {"prompts": [{"type": "text", "content": "a panda grows up", "enhance": True}]}, "type": "text2video",
        "settings": {"style": "general", "aspect_ratio": "9:16", "duration": 8, "model": "vidu-1"}}]
    polls = [r for r in relay.requests if r.method == "GET" and "/vidu/" in r.path]
    assert polls and all(r.path == ROUTE and r.query == f"id={done.remote_id}" for r in polls)
    assert done.metadata["clip_ids"] == [vidu.clip_id(str(done.remote_id))]
    assert done.metadata["vidu_query"] == "query"


def test_image_to_video_sends_the_frame_as_a_data_url(studio: StudioCore, relay: RelayServer, tmp_path: Path) -> None:
    frame = image_file(tmp_path, "a.png")
    done = finish(studio, studio.jobs.create_video("it flies", model="vidu-1", image=frame).id)
    assert_saved_video(studio, done)
    (body,) = bodies(relay, "POST", ROUTE)
    assert body["type"] == "img2video"
    text, image = body["input"]["prompts"]
    assert text["content"] == "it flies" and image["type"] == "image"
    assert base64.b64decode(image["content"].removeprefix("data:image/png;base64,")) == frame.read_bytes()


def test_a_relay_without_the_query_form_is_asked_by_path(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "vidu-path-only")
    done = finish(studio, studio.jobs.create_video("a panda", model="vidu-1").id)
    assert_saved_video(studio, done)
    assert done.metadata["vidu_query"] == "path"
    by_query = [r for r in relay.requests if r.method == "GET" and r.query.startswith("id=")]
    assert len(by_query) == 1  # tried once; every later poll goes straight to the path


def test_a_failed_task_fails_the_job_with_its_error_code(studio: StudioCore, relay: RelayServer) -> None:
    failed = finish(studio, studio.jobs.create_video("this will fail", model="vidu-1").id)
    assert failed.state is JobState.FAILED and failed.remote_id
    assert one_sentence(failed.error) == f"Vidu failed the task: {vidu.ERR_CODE}."


def test_upscale_names_the_clip_by_its_creation_id(studio: StudioCore, relay: RelayServer) -> None:
    first = finish(studio, studio.jobs.create_video("a panda", model="vidu-1").id)
    (asset,) = studio.gallery.for_job(first.id)
    job = studio.jobs.create_video("", upscale=asset.id)
    assert job.request["source"]["clip_id"] == vidu.clip_id(str(first.remote_id))
    done = finish(studio, job.id)
    assert_saved_video(studio, done)
    assert bodies(relay, "POST", ROUTE)[-1] == {"input": {"creation_id": vidu.clip_id(str(first.remote_id))},
                                                "type": "upscale", "settings": {"model": "stable", "duration": 4}}
    assert vidu.task(relay, str(done.remote_id))["extra"]["upscales"] == vidu.clip_id(str(first.remote_id))
