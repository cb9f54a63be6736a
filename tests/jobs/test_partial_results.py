"""Results a running job hands over early (docs/JOBS.md#partial-results): saved the poll they come, at their
fixed places, with their metas, and never saved twice when the job ends. A toy family returns inline
pictures, so the path for bytes is covered beside Suno's links (tests/jobs/test_suno.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import pytest

from studio.api.client import RelayClient
from studio.api.errors import NetworkError
from studio.api.families import FamilySpec, register, unregister
from studio.jobs.handlers import FamilyHandler, Outcome, PollPolicy, Reporter, Result
from studio.jobs.model import Job, JobState
from studio.jobs.runner import JobEvent, _asset_id
from studio.services.core import StudioCore
from tests.jobs.conftest import finish, run
from tests.relay.fixtures import png_bytes

FIRST = png_bytes(6, 6, (200, 10, 10))
SECOND = png_bytes(6, 6, (10, 10, 200))


class EarlyHandler(FamilyHandler):
    """Poll 1: the second of three pictures is ready (the others hold their places); poll 2: all three."""

    policy = PollPolicy(floor=0.01, ceiling=0.01)
    polls: ClassVar[dict[str, int]] = {}

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        return Outcome(phase="queued", remote_id=f"early-{job.id}")

    async def poll(self, job: Job, client: RelayClient) -> Outcome:
        count = self.polls[job.id] = self.polls.get(job.id, 0) + 1
        middle = Result(data=FIRST, meta={"title": "Middle", "clip_id": "m"})
        if count == 1:
            return Outcome(phase="running", progress=30.0, results=[Result(), middle])
        return Outcome(phase="succeeded", results=[Result(data=SECOND, meta={"title": "Left"}), middle,
                                                   Result(data=SECOND, meta={"title": "Right"})])


@pytest.fixture
def early_family() -> Iterator[None]:
    register(FamilySpec("early", "image", "Early", names=(("early-*", r"^early-"),),
                        handler="tests.jobs.test_partial_results:EarlyHandler", results=("image",)))
    yield
    unregister("early", "image")


def test_a_result_ready_early_is_saved_at_once_and_only_once(studio: StudioCore, early_family: None) -> None:
    job = studio.jobs.create_image("three pictures", model="early-1")
    saved: list[tuple[str, int | None, str]] = []

    def on_event(event: JobEvent) -> None:
        if event.asset is not None:
            saved.append((event.job.state.value, event.asset.result_index, event.asset.id))

    async def body() -> Job:
        unsubscribe = studio.jobs.runner.subscribe(on_event)
        try:
            studio.jobs.runner.run(job.id)
            return await studio.jobs.runner.wait(job.id)
        finally:
            unsubscribe()

    done = run(studio, body)
    assert done.state is JobState.DONE, done.error
    assert saved[0] == ("running", 1, _asset_id(job.id, 1))  # saved while the job ran, at its own place
    assert sorted(index for _, index, _ in saved) == [0, 1, 2]  # and not again at the end
    assets = studio.gallery.for_job(job.id)
    assert [a.id for a in assets] == [_asset_id(job.id, i) for i in range(3)]
    assert [a.metadata.get("title") for a in assets] == ["Left", "Middle", "Right"]
    assert assets[1].metadata == {"title": "Middle", "clip_id": "m", "family": "early"}
    assert assets[1].path.read_bytes() == FIRST
    assert done.engine.get("result_metas") == [{"title": "Left"}, {"title": "Middle", "clip_id": "m"},
                                               {"title": "Right"}]


class FailsLateHandler(FamilyHandler):
    """The first task gives one picture, then fails; the task sent again gives two."""

    policy = PollPolicy(floor=0.01, ceiling=0.01)
    sent: ClassVar[dict[str, int]] = {}
    polls: ClassVar[dict[str, int]] = {}

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        count = self.sent[job.id] = self.sent.get(job.id, 0) + 1
        if count == 2 and job.prompt == "lost answer":  # sent, but the answer never came: the job is unknown
            raise NetworkError("The connection broke.", reason="broken")
        return Outcome(phase="queued", remote_id=f"late-{count}")

    async def poll(self, job: Job, client: RelayClient) -> Outcome:
        if job.remote_id == "late-1":
            count = self.polls[job.id] = self.polls.get(job.id, 0) + 1
            if count == 1:
                return Outcome(phase="running", results=[Result(data=FIRST, meta={"title": "kept"})])
            return Outcome(phase="failed", error="The relay failed the task: gone.")
        return Outcome(phase="succeeded", results=[Result(data=SECOND, meta={"title": "new"}),
                                                   Result(data=SECOND, meta={"title": "newer"})])


@pytest.fixture
def late_family() -> Iterator[None]:
    register(FamilySpec("late", "image", "Late", names=(("late-*", r"^late-"),),
                        handler="tests.jobs.test_partial_results:FailsLateHandler", results=("image",)))
    yield
    unregister("late", "image")


@pytest.mark.parametrize("prompt", ["pictures", "lost answer"])
def test_a_job_sent_again_keeps_what_its_failed_task_saved_and_adds_the_new_results(
        studio: StudioCore, late_family: None, prompt: str) -> None:
    job = studio.jobs.create_image(prompt, model="late-1")
    failed = finish(studio, job.id)
    assert failed.state is JobState.FAILED and [a.result_index for a in studio.gallery.for_job(job.id)] == [0]
    kept = studio.gallery.for_job(job.id)[0]

    async def again() -> Job:
        await studio.jobs.runner.retry(job.id)
        return await studio.jobs.runner.wait(job.id)

    if prompt == "lost answer":  # sent again, its answer lost: submitted again from `unknown`
        assert run(studio, again).state is JobState.UNKNOWN
    done = run(studio, again)
    assert done.state is JobState.DONE, done.error
    assets = studio.gallery.for_job(job.id)
    assert [(a.result_index, a.metadata["title"]) for a in assets] == [(0, "kept"), (1, "new"), (2, "newer")]
    assert assets[0] == kept and kept.path.read_bytes() == FIRST
    assert [a.id for a in assets] == [_asset_id(job.id, i) for i in range(3)]
