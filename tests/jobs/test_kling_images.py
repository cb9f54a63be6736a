"""Kling image jobs end to end: JobService and the runner against the relay test server's Kling task
lifecycle (docs/PROTOCOLS.md#kling-images, tests/relay/kling_images.py)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from PIL import Image

from studio.api.families import family_of, spec_for
from studio.jobs.model import Job, JobState
from studio.services.core import StudioCore
from tests.jobs.conftest import bodies, finish, image_file, one_sentence, run, use_case
from tests.relay import RelayServer, kling_images

SUBMIT = "/kling/v1/images/generations"


def test_a_kling_model_reaches_the_kling_handler() -> None:
    assert family_of("kling-v1", "image").family == "kling"
    spec = spec_for("image", "kling")
    assert spec is not None and spec.handler == "studio.jobs.kling_images:KlingImagesHandler"
    assert spec.results == ("image",) and spec_for("video", "kling") is not spec  # the video spec stays


def test_submit_polls_and_saves_n_pictures(studio: StudioCore, relay: RelayServer) -> None:
    job = studio.jobs.create_image("a red fox", model="kling-v1", n=3, size="1792x1024")
    assert (job.capability, job.family, job.metadata["family_reason"]) == ("image", "kling", "name rule kling*")
    done = finish(studio, job.id)
    assert done.state is JobState.DONE, done.error
    (body,) = bodies(relay, "POST", SUBMIT)
    assert body == {"model_name": "kling-v1", "prompt": "a red fox", "n": 3, "aspect_ratio": "16:9"}
    assert done.remote_id and kling_images.task(relay, done.remote_id)["queries"] >= 3  # submitted, processing, …
    assert done.metadata["kling_status"] == "succeed"
    assets = studio.gallery.for_job(job.id)
    assert len(assets) == 3 and {a.kind for a in assets} == {"image"}
    for asset in assets:
        with Image.open(asset.path) as picture:
            picture.load()


def test_a_reference_image_is_sent_as_bare_base64(studio: StudioCore, relay: RelayServer, tmp_path: Path) -> None:
    reference = image_file(tmp_path, "ref.png")
    done = finish(studio, studio.jobs.create_image("like this", model="kling-image", family="kling",
                                                   images=[reference]).id)
    assert done.state is JobState.DONE, done.error
    (body,) = bodies(relay, "POST", SUBMIT)
    assert body["model_name"] == "kling-image" and "aspect_ratio" not in body
    assert not body["image"].startswith("data:") and base64.b64decode(body["image"]) == reference.read_bytes()


def test_what_kling_cannot_take_fails_before_anything_is_sent(studio: StudioCore, relay: RelayServer,
                                                              tmp_path: Path) -> None:
    too_many = finish(studio, studio.jobs.create_image("foxes", model="kling-v1", n=10).id)
    assert one_sentence(too_many.error) == "Kling makes 1 to 9 images per request; nothing was sent."
    two = [image_file(tmp_path, "a.png"), image_file(tmp_path, "b.png", (1, 2, 3))]
    refs = finish(studio, studio.jobs.create_image("foxes", model="kling-v1", images=two).id)
    assert refs.state is too_many.state is JobState.FAILED and "one reference image" in one_sentence(refs.error)
    assert bodies(relay, "POST", SUBMIT) == []


def test_a_failed_task_fails_the_job_with_its_reason(studio: StudioCore, relay: RelayServer) -> None:
    failed = finish(studio, studio.jobs.create_image("this will fail", model="kling-v1").id)
    assert failed.state is JobState.FAILED and failed.remote_id
    assert one_sentence(failed.error) == f"Kling failed the task: {kling_images.FAIL_REASON}."
    assert studio.gallery.for_job(failed.id) == []


@pytest.mark.parametrize(("prompt", "case", "words"), [
    ("please refuse", None, f"Kling refused the task: {kling_images.REFUSAL} (code 1301)"),
    ("a fox", "kling-http-refusal", "rejected the request (HTTP 400)"),
])
def test_a_refused_submit_fails_in_one_sentence(studio: StudioCore, relay: RelayServer, prompt: str,
                                                case: str | None, words: str) -> None:
    if case:
        use_case(studio, relay, case)
    refused = finish(studio, studio.jobs.create_image(prompt, model="kling-v1").id)
    assert refused.state is JobState.FAILED and refused.remote_id is None
    assert words in one_sentence(refused.error)
    assert len(bodies(relay, "POST", SUBMIT)) == 1


@pytest.mark.parametrize("case", ["upstream500", "html502", "kling-no-task"])
def test_an_ambiguous_submit_answer_leaves_the_job_unknown_and_unsent_again(studio: StudioCore, relay: RelayServer,
                                                                           case: str) -> None:
    use_case(studio, relay, case)
    job = studio.jobs.create_image("a red fox", model="kling-v1")
    ended = finish(studio, job.id)
    assert ended.state is JobState.UNKNOWN and ended.remote_id is None
    assert "may still have started the job" in one_sentence(ended.error)
    assert relay.hits(SUBMIT) == 1  # a 5xx is not retried: the relay may be at work


def test_a_restart_mid_poll_resumes_polling_without_a_second_submit(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "kling-polls-40")
    job = studio.jobs.create_image("a slow fox", model="kling-v1", n=2)

    async def until_running() -> Job:
        studio.jobs.runner.run(job.id)
        running: Job = await studio.jobs.runner.wait(job.id, until=lambda j: j.state is JobState.RUNNING)
        return running

    running = run(studio, until_running)  # the runner is closed: the process "stopped" mid-poll
    assert running.state is JobState.RUNNING and running.remote_id
    assert studio.jobs.store.get(job.id).state is JobState.RUNNING
    queried = kling_images.task(relay, running.remote_id)["queries"]

    async def restart() -> Job:
        resumed = await studio.jobs.runner.start()  # a fresh runner over the same store
        assert [j.id for j in resumed] == [job.id]
        done: Job = await studio.jobs.runner.wait(job.id)
        return done

    done = run(studio, restart)
    assert done.state is JobState.DONE and len(studio.gallery.for_job(job.id)) == 2
    assert kling_images.task(relay, running.remote_id)["queries"] > queried
    assert relay.hits(SUBMIT) == 1 and len(bodies(relay, "POST", SUBMIT)) == 1
