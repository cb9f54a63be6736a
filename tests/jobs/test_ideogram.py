"""Ideogram jobs end to end through `JobService` and the runner against the relay test server's
`/ideogram/*` routes (docs/PROTOCOLS.md#ideogram): generate, remix, upscale, describe, and each failure."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from studio.errors import InputError
from studio.jobs.model import Job, JobState
from studio.services.core import StudioCore
from tests.conftest import KEY
from tests.jobs.conftest import image_file, run, use_case
from tests.relay import RecordedRequest, RelayServer
from tests.relay.content import FormPart, parse_multipart

FIXTURE_BODY = {"image_request": {"prompt": "x", "aspect_ratio": "ASPECT_1_1", "model": "V_2",
                                  "magic_prompt_option": "AUTO"}}


def finish(core: StudioCore, job: Job) -> Job:
    async def body() -> Any:
        core.jobs.runner.run(job.id)
        return await core.jobs.runner.wait(job.id)

    ended: Job = run(core, body)
    return ended


def sent(relay: RelayServer, route: str) -> RecordedRequest:
    (request,) = [r for r in relay.requests if r.path.endswith(route)]
    return request


def form(request: RecordedRequest) -> dict[str, FormPart]:
    return {part.name: part for part in parse_multipart(request.headers["content-type"], request.body)}


def one_sentence(text: str | None) -> str:
    assert text and "\n" not in text and "Traceback" not in text, text
    return text


def test_generate_sends_the_image_request_and_saves_a_real_file(studio: StudioCore, relay: RelayServer) -> None:
    job = studio.jobs.create_image("x", model="ideogram-v2")
    assert (job.family, job.metadata["family_reason"]) == ("ideogram", "name rule ideogram*")
    done = finish(studio, job)
    assert done.state is JobState.DONE, done.error
    request = sent(relay, "/ideogram/generate")
    assert request.json() == FIXTURE_BODY
    assert request.headers["authorization"] == f"Bearer {KEY}" and request.headers["api-key"] == KEY
    (asset,) = studio.gallery.for_job(job.id)
    with Image.open(asset.path) as picture:
        picture.load()
    assert asset.kind == "image" and done.metadata["ideogram"]["seeds"] == [123]


def test_size_becomes_the_nearest_aspect_ratio_and_n_is_num_images(studio: StudioCore, relay: RelayServer) -> None:
    done = finish(studio, studio.jobs.create_image("a wide red fox", model="ideogram-v2a-turbo", size="1792x1024",
                                                   n=2))
    assert done.state is JobState.DONE, done.error
    image_request = sent(relay, "/ideogram/generate").json()["image_request"]
    assert (image_request["aspect_ratio"], image_request["model"], image_request["num_images"]) == (
        "ASPECT_16_9", "V_2A_TURBO", 2)
    assert len(studio.gallery.for_job(done.id)) == 2


def test_remix_sends_the_picture_as_a_multipart_file(studio: StudioCore, relay: RelayServer, tmp_path: Path) -> None:
    picture = image_file(tmp_path, "photo.png", (200, 10, 10))
    done = finish(studio, studio.jobs.create_image("x in winter", model="ideogram-v2", images=[picture]))
    assert done.state is JobState.DONE, done.error
    parts = form(sent(relay, "/ideogram/remix"))
    assert parts["image_file"].filename == "photo.png" and parts["image_file"].data == picture.read_bytes()
    assert json.loads(parts["image_request"].text) == {"prompt": "x in winter", "aspect_ratio": "ASPECT_1_1",
                                                       "model": "V_2", "magic_prompt_option": "AUTO"}
    assert len(studio.gallery.for_job(done.id)) == 1


def test_describe_ends_with_text_and_upscale_with_a_file(studio: StudioCore, relay: RelayServer,
                                                         tmp_path: Path) -> None:
    picture = image_file(tmp_path, "photo.png")
    described = finish(studio, studio.jobs.create_image("", action="describe", images=[picture]))
    assert described.family == "ideogram"  # the one family with a describe request, as no model was named
    assert described.state is JobState.DONE, described.error
    assert described.texts == ("a cat",)
    assert studio.gallery.for_job(described.id) == []
    assert set(form(sent(relay, "/ideogram/describe"))) == {"image_file"}

    upscaled = finish(studio, studio.jobs.create_image("sharper", action="upscale", images=[picture],
                                                       model="ideogram-v2"))
    assert upscaled.state is JobState.DONE, upscaled.error
    parts = form(sent(relay, "/ideogram/upscale"))
    assert parts["image_file"].data == picture.read_bytes() and json.loads(parts["image_request"].text) == {
        "prompt": "sharper"}
    assert len(studio.gallery.for_job(upscaled.id)) == 1


def test_an_image_withheld_as_unsafe_fails_in_one_sentence(studio: StudioCore, relay: RelayServer) -> None:
    failed = finish(studio, studio.jobs.create_image("an unsafe scene", model="ideogram-v2"))
    assert failed.state is JobState.FAILED
    assert one_sentence(failed.error).startswith("Ideogram refused the image as unsafe")
    assert studio.gallery.for_job(failed.id) == []


def test_the_relays_error_envelope_fails_in_one_sentence(studio: StudioCore, relay: RelayServer) -> None:
    failed = finish(studio, studio.jobs.create_image("a blocked word", model="ideogram-v2"))
    assert failed.state is JobState.FAILED
    error = one_sentence(failed.error)
    assert "failed the safety checks" in error and "HTTP 422" in error


@pytest.mark.parametrize("case", ["upstream500", "html200"])
def test_an_ambiguous_answer_leaves_the_job_unknown_and_sent_once(studio: StudioCore, relay: RelayServer,
                                                                  case: str) -> None:
    use_case(studio, relay, case)
    ended = finish(studio, studio.jobs.create_image("x", model="ideogram-v2"))
    assert ended.state is JobState.UNKNOWN
    assert "may still have started" in one_sentence(ended.error)
    assert relay.hits("/ideogram/generate") == 1


def test_options_ideogram_does_not_take_are_refused_before_anything_is_sent(studio: StudioCore, relay: RelayServer,
                                                                            tmp_path: Path) -> None:
    picture, mask = image_file(tmp_path, "a.png"), image_file(tmp_path, "m.png", (255, 255, 255))
    with pytest.raises(InputError, match=r"ideogram-v2 \(Ideogram\) takes no mask"):
        studio.jobs.create_image("x", model="ideogram-v2", images=[picture], mask=mask)
    with pytest.raises(InputError, match="has no describe request; choose a model of ideogram"):
        studio.jobs.create_image("", action="describe", images=[picture], model="dall-e-3")
    with pytest.raises(InputError, match="Unknown image request 'sharpen'"):
        studio.jobs.create_image("", action="sharpen", images=[picture])
    with pytest.raises(InputError, match="takes one image"):
        studio.jobs.create_image("", action="upscale", images=[picture, picture])
    with pytest.raises(InputError, match="takes no count, size or mask"):
        studio.jobs.create_image("", action="upscale", images=[picture], size="1024x1024")
    too_many = finish(studio, studio.jobs.create_image("x", model="ideogram-v2", n=9))
    assert too_many.state is JobState.FAILED and "1 to 8 images" in one_sentence(too_many.error)
    two = finish(studio, studio.jobs.create_image("x", model="ideogram-v2", images=[picture, picture]))
    assert two.state is JobState.FAILED and "remix takes one image" in one_sentence(two.error)
    assert not [r for r in relay.requests if r.path.startswith("/ideogram/")]
