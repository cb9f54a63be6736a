"""Fixtures and helpers of the job tests: a core with a profile on the relay test server and fast polling;
follow a job to its end, read what the relay received, and check that a saved clip is a real video."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest

from studio.jobs.model import Job, JobState
from studio.services.core import StudioCore
from tests.conftest import KEY
from tests.relay import RelayServer
from tests.relay.fixtures import png_bytes


@pytest.fixture
def studio(core: StudioCore, relay: RelayServer) -> StudioCore:
    core.profiles.add("local", relay.url, key=KEY, make_default=True)
    core.settings.set("jobs.poll_scale", 0.005)  # MJ's 3 s floor becomes 15 ms
    return core


def use_case(core: StudioCore, relay: RelayServer, case: str) -> None:
    """Point the profile at `/case/<case>` so every request (submit, polls) carries the case."""
    core.profiles.add("local", f"{relay.url}/case/{case}", key=KEY, make_default=True)


def run(core: StudioCore, body: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    async def go() -> Any:
        try:
            return await body()
        finally:
            await core.jobs.runner.aclose()
            await core.clients.aclose()
            core.jobs.discard_runner()  # the next run builds a fresh runner on its own loop

    return asyncio.run(go())


def image_file(tmp_path: Path, name: str, rgb: tuple[int, int, int] = (10, 200, 30)) -> Path:
    path = tmp_path / name
    path.write_bytes(png_bytes(8, 8, rgb))
    return path


def finish(core: StudioCore, job_id: str) -> Job:
    async def body() -> Job:
        core.jobs.runner.run(job_id)
        return await core.jobs.runner.wait(job_id)

    result: Job = run(core, body)
    return result


def states_seen(core: StudioCore, job_id: str,
                what: Callable[[Job], Any] = lambda job: job.progress) -> tuple[Job, list[tuple[str, Any]]]:
    """Run a job to its end, recording (state, `what` of the job: its progress by default) of every event."""
    seen: list[tuple[str, Any]] = []

    async def body() -> Job:
        unsubscribe = core.jobs.runner.subscribe(lambda event: seen.append((event.job.state.value, what(event.job))))
        try:
            core.jobs.runner.run(job_id)
            return await core.jobs.runner.wait(job_id)
        finally:
            unsubscribe()

    result: Job = run(core, body)
    return result, seen


def bodies(relay: RelayServer, method: str, suffix: str) -> list[Any]:
    """The JSON bodies of every `method` request whose path ends with `suffix`."""
    return [r.json() for r in relay.requests if r.method == method and r.path.endswith(suffix)]


def one_sentence(text: str | None) -> str:
    assert text and "\n" not in text and "Traceback" not in text and text.endswith("."), text
    assert "sk-test" not in text
    return text


def assert_saved_video(core: StudioCore, job: Job, count: int = 1) -> list[Path]:
    """The job is done with `count` video assets, each an MP4 that decodes to frames."""
    assert job.state is JobState.DONE, job.error
    assets = core.gallery.for_job(job.id)
    assert len(assets) == count and {a.kind for a in assets} == {"video"}, assets
    import av

    for asset in assets:
        with av.open(str(asset.path)) as container:
            frame = next(container.decode(video=0))
            assert frame.width > 0 and frame.height > 0
    return [a.path for a in assets]
