"""Runway video jobs end to end against the relay test server (docs/PROTOCOLS.md#runway,
tests/relay/runway.py): a start frame goes to the official API, a prompt alone to the reverse form."""

from __future__ import annotations

import base64
from pathlib import Path

from studio.api.families import family_of, spec_for
from studio.jobs.model import JobState
from studio.services.core import StudioCore
from tests.jobs.conftest import assert_saved_video, bodies, finish, image_file, one_sentence, states_seen, use_case
from tests.relay import RelayServer, runway

OFFICIAL = "/runwayml/v1/image_to_video"


def test_runway_models_are_spoken_by_the_runway_handler() -> None:
    assert {family_of(m, "video").family for m in ("gen4_turbo", "gen3a_turbo", "runway-gen3")} == {"runway"}
    assert family_of("runway-video", "video").family == "chat"
    spec = spec_for("video", "runway")
    assert spec is not None and spec.handler == "studio.jobs.runway:RunwayHandler"


def test_a_start_frame_goes_to_the_official_api_with_its_version_header(studio: StudioCore, relay: RelayServer,
                                                                        tmp_path: Path) -> None:
    frame = image_file(tmp_path, "a.png")
    job = studio.jobs.create_video("the cat turns", model="gen4_turbo", image=frame, seconds=10, ratio="768:1280")
    done, seen = states_seen(studio, job.id)
    assert_saved_video(studio, done)
    (body,) = bodies(relay, "POST", OFFICIAL)
    assert {k: v for k, v in body.items() if k != "promptImage"} == {
        "model": "gen4_turbo", "promptText": "the cat turns", "duration": 10, "ratio": "768:1280"}
    assert base64.b64decode(body["promptImage"].removeprefix("data:image/png;base64,")) == frame.read_bytes()
    assert runway.task(relay, str(done.remote_id))["extra"]["headers"] == runway.VERSION
    polls = [r for r in relay.requests if r.method == "GET" and "/runway" in r.path]
    assert polls and all(r.headers.get("x-runway-version") == runway.VERSION for r in polls)
    assert any(state == "running" and progress for state, progress in seen)  # Runway's 0-1 progress, as a percent
    assert done.metadata["runway_dialect"] == "official"


def test_an_end_frame_makes_prompt_image_a_list_of_positions(studio: StudioCore, relay: RelayServer,
                                                             tmp_path: Path) -> None:
    start, end = image_file(tmp_path, "a.png"), image_file(tmp_path, "b.png", (5, 5, 5))
    done = finish(studio, studio.jobs.create_video("morph", model="gen3a_turbo", image=start, end_image=end).id)
    assert_saved_video(studio, done)
    (body,) = bodies(relay, "POST", OFFICIAL)
    assert [item["position"] for item in body["promptImage"]] == ["first", "last"]
    assert base64.b64decode(body["promptImage"][1]["uri"].split(",", 1)[1]) == end.read_bytes()


def test_a_prompt_alone_goes_to_the_reverse_form(studio: StudioCore, relay: RelayServer) -> None:
    job = studio.jobs.create_video("a paper boat", model="gen3a_turbo", seconds=10, ratio="1280:768")
    done, seen = states_seen(studio, job.id)
    assert_saved_video(studio, done)
    (body,) = bodies(relay, "POST", "/runway/v1/tasks")
    options = body["options"]
    assert (body["taskType"], body["internal"]) == ("gen3a_turbo", False)
    assert (options["text_prompt"], options["seconds"], options["width"], options["height"]) == (
        "a paper boat", 10, 1280, 768)
    assert done.metadata["runway_dialect"] == "reverse" and done.metadata["runway_route"] == "/runway/v1/tasks"
    assert any(state == "running" and progress for state, progress in seen)  # progressRatio as a percent


def test_a_relay_with_only_the_older_reverse_route_is_asked_there(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "runway-legacy")
    done = finish(studio, studio.jobs.create_video("a paper boat", model="runway").id)
    assert_saved_video(studio, done)
    assert done.metadata["runway_route"] == "/runway/tasks"
    assert bodies(relay, "POST", "/runway/tasks")[0]["taskType"] == "gen3a_turbo"  # a model of another name
    assert relay.hits(f"/runway/tasks/{done.remote_id}") >= 2


def test_failures_carry_runway_s_reason_in_both_dialects(studio: StudioCore, relay: RelayServer,
                                                         tmp_path: Path) -> None:
    official = finish(studio, studio.jobs.create_video("this will fail", model="gen4_turbo",
                                                       image=image_file(tmp_path, "a.png")).id)
    assert official.state is JobState.FAILED
    assert one_sentence(official.error) == f"Runway failed the task: {runway.FAIL_REASON} ({runway.FAIL_CODE})."
    reverse = finish(studio, studio.jobs.create_video("this will fail", model="gen3a_turbo").id)
    assert one_sentence(reverse.error) == f"Runway failed the task: {runway.FAIL_REASON}."
