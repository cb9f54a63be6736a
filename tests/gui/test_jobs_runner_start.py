"""The job runner is built only when a job needs it: a start with nothing unfinished imports no family
handler (start-up memory, benchmarks/startup.py), the first job started builds it and its events reach the
Jobs panel, and an unfinished job — in the database at start or left later by another process — is
resumed by itself."""

from __future__ import annotations

import asyncio

import pytest

import studio.viewmodels.jobs as jobs_module
from studio.jobs.model import JobState
from studio.services.core import StudioCore
from studio.viewmodels.image import ImageViewModel
from studio.viewmodels.jobs import JobsViewModel
from tests.conftest import KEY
from tests.gui.conftest import Runner
from tests.relay import RelayServer


@pytest.fixture
def local(gui_core: StudioCore, relay: RelayServer) -> StudioCore:
    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    gui_core.settings.set("jobs.poll_scale", 0.005)
    return gui_core


def runner_built(core: StudioCore) -> bool:
    return core.jobs.runner_built


def unfinished_job(core: StudioCore) -> str:
    """A Midjourney job another process sent and left polling (its remote id is known)."""
    store = core.jobs.store
    job = store.create(capability="image", family="midjourney", profile="local", model="mj_imagine",
                       prompt="a cat", request={"prompt": "a cat"})
    store.transition(job.id, JobState.SUBMITTING)
    store.transition(job.id, JobState.SUBMITTED, remote_id="1700000000000001")
    return job.id


def test_a_start_with_nothing_unfinished_builds_no_runner_until_a_job_starts(
        local: StudioCore, qtbot, run_until: Runner, loop: asyncio.AbstractEventLoop) -> None:  # type: ignore[no-untyped-def]
    jobs = JobsViewModel(local)
    image = ImageViewModel(local, jobs)
    jobs.start()
    run_until(lambda: not jobs.busy and jobs._clock.isActive(), message="the jobs panel started")
    loop.run_until_complete(asyncio.sleep(0.2))
    assert not jobs.running and not runner_built(local)

    image.start()
    run_until(lambda: image.model != "", message="image models listed")
    image.setModel("dall-e-3")
    image.generate("a red fox", "1024x1024", "", 1)
    run_until(lambda: jobs.model.rowCount() == 1 and jobs.model.job_at(0).state is JobState.DONE,
              message="the job's events reach the panel")
    assert jobs.running and runner_built(local)
    loop.run_until_complete(jobs.shutdown())


def test_an_unfinished_job_at_start_is_resumed(local: StudioCore, qtbot, run_until: Runner,  # type: ignore[no-untyped-def]
                                               loop: asyncio.AbstractEventLoop) -> None:
    job_id = unfinished_job(local)
    jobs = JobsViewModel(local)
    jobs.start()
    run_until(lambda: jobs.running, message="the runner built at start")
    run_until(lambda: jobs.model.job(job_id) is not None and jobs.model.job(job_id).state is not JobState.SUBMITTED,
              message="the job polled")
    loop.run_until_complete(jobs.shutdown())


def test_a_job_another_process_leaves_later_is_taken_over(local: StudioCore, qtbot, run_until: Runner,  # type: ignore[no-untyped-def]
                                                         loop: asyncio.AbstractEventLoop,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobs_module, "WATCH_EVERY", 0.05)
    jobs = JobsViewModel(local)
    jobs.start()
    run_until(lambda: jobs._clock.isActive(), message="the jobs panel started")
    loop.run_until_complete(asyncio.sleep(0.2))
    assert not jobs.running
    job_id = unfinished_job(local)  # as a `studio jobs resume` stopped with Ctrl-C leaves it
    run_until(lambda: jobs.running, message="the runner built for it")
    run_until(lambda: jobs.runner.active(job_id) or local.jobs.store.get(job_id).state is not JobState.SUBMITTED,
              message="the job driven")
    loop.run_until_complete(jobs.shutdown())
