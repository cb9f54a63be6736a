"""What the vendor-native video job tests share: follow a job to its end, read what the relay received,
and check that a saved clip is a real video."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import av

from studio.jobs.model import Job, JobState
from studio.services.core import StudioCore
from tests.jobs.conftest import run
from tests.relay import RelayServer


def finish(core: StudioCore, job_id: str) -> Job:
    async def body() -> Job:
        core.jobs.runner.run(job_id)
        return await core.jobs.runner.wait(job_id)

    result: Job = run(core, body)
    return result


def states_seen(core: StudioCore, job_id: str) -> tuple[Job, list[tuple[str, float | None]]]:
    """Run a job to its end, recording every (state, progress) its events showed."""
    seen: list[tuple[str, float | None]] = []

    async def body() -> Job:
        unsubscribe = core.jobs.runner.subscribe(lambda event: seen.append((event.job.state.value, event.job.progress)))
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
    for asset in assets:
        with av.open(str(asset.path)) as container:
            frame = next(container.decode(video=0))
            assert frame.width > 0 and frame.height > 0
    return [a.path for a in assets]
