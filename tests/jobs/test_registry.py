"""A family is declared once, in the registry: a throw-away family registered there alone runs a job to
`done` and is offered by the CLI and the Image tab, with no other module changed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from studio.api import families
from studio.api.capabilities import capability_of
from studio.api.families import FamilySpec, family_of, register, unregister
from studio.jobs.model import JobState
from studio.services.core import StudioCore
from tests.jobs.conftest import run
from tests.jobs.toy_family import TOY_PICTURE


@pytest.fixture
def toy_family() -> Iterator[FamilySpec]:
    spec = register(FamilySpec("toy", "image", "Toy pictures", names=(("toy-*", r"^toy-"),),
                               handler="tests.jobs.toy_family:ToyHandler", results=("image",)))
    yield spec
    unregister("toy", "image")


def test_a_family_registered_alone_is_chosen_run_and_offered(toy_family: FamilySpec, studio: StudioCore) -> None:
    assert family_of("toy-2", "image").family == "toy" and capability_of("toy-2") == "image"
    job = studio.jobs.create_image("a tiny square", model="toy-2")
    assert (job.capability, job.family, job.metadata["family_reason"]) == ("image", "toy", "name rule toy-*")

    async def body() -> Any:
        studio.jobs.runner.run(job.id)
        return await studio.jobs.runner.wait(job.id)

    done = run(studio, body)
    assert done.state is JobState.DONE and done.remote_id == "toy-1"
    (asset,) = studio.gallery.for_job(job.id)
    assert asset.path.read_bytes() == TOY_PICTURE and asset.kind == "image"

    from studio.cli import build_parser

    assert build_parser().parse_args(["image", "x", "--family", "toy"]).family == "toy"


def test_a_family_unregistered_is_gone_from_every_choice(toy_family: FamilySpec) -> None:
    from studio.cli import build_parser

    unregister("toy", "image")
    assert "toy" not in families.family_ids() and family_of("toy-2", "image").family == "openai-images"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["image", "x", "--family", "toy"])


def test_unknown_and_unrunnable_families_are_one_sentence(studio: StudioCore) -> None:
    from studio.errors import InputError

    with pytest.raises(InputError, match="Unknown family"):
        studio.jobs.create_image("x", model="dall-e-3", family="nope")
    with pytest.raises(InputError, match="cannot make images"):
        studio.jobs.create_image("x", model="sora-2")


def test_a_mistyped_phase_fails_the_job_instead_of_polling_forever(studio: StudioCore) -> None:
    register(FamilySpec("typo", "image", "Typo", names=(("typo-*", r"^typo-"),),
                        handler="tests.jobs.toy_family:TypoHandler", results=("image",)))
    try:
        job = studio.jobs.create_image("x", model="typo-1")

        async def body() -> Any:
            studio.jobs.runner.run(job.id)
            return await studio.jobs.runner.wait(job.id)

        ended = run(studio, body)
    finally:
        unregister("typo", "image")
    assert ended.state is JobState.FAILED and ended.remote_id == "typo-1"  # the task id is kept for a retry
    assert "failed while running this job" in (ended.error or "")


def test_a_family_declares_its_extra_requests_and_the_cli_offers_them(studio: StudioCore) -> None:
    from studio.cli import build_parser

    register(FamilySpec("toy", "image", "Toy pictures", names=(("toy-*", r"^toy-"),),
                        handler="tests.jobs.toy_family:ToyHandler", results=("image",), actions=("sparkle",)))
    try:
        assert build_parser().parse_args(["image", "--action", "sparkle", "--edit", "x.png"]).image_action == "sparkle"
    finally:
        unregister("toy", "image")
    with pytest.raises(SystemExit):  # gone with its family
        build_parser().parse_args(["image", "--action", "sparkle", "--edit", "x.png"])
