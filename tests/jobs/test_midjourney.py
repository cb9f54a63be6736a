"""Midjourney jobs end to end against the relay test server's task lifecycle (docs/PROTOCOLS.md#midjourney)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from studio.errors import InputError
from studio.jobs.model import JobState
from studio.services.core import StudioCore
from tests.jobs.conftest import finish, image_file, run, use_case
from tests.relay import RelayServer


def test_imagine_polls_to_success_keeps_buttons_and_splits_the_grid(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "mj-polls-3")
    job = studio.jobs.create_mj("imagine", "a cat", mode="relax")
    progress: list[float] = []

    async def body() -> Any:
        studio.jobs.runner.subscribe(lambda e: progress.append(e.job.progress) if e.job.progress else None)
        studio.jobs.runner.run(job.id)
        return await studio.jobs.runner.wait(job.id)

    done = run(studio, body)
    assert done.state is JobState.DONE, done.error
    assert relay.hits("/mj-relax/mj/submit/imagine") == 1
    submit = next(r for r in relay.requests if r.path.endswith("/submit/imagine")).json()
    assert submit["state"] == job.id and submit["prompt"] == "a cat"
    assert any(0 < p < 100 for p in progress)
    names = {b["label"] or b["emoji"] for b in done.metadata["buttons"]}
    assert {"U1", "U4", "V2", "🔄"} <= names
    (grid,) = studio.gallery.for_job(job.id)
    quadrants = [Path(p) for p in done.metadata["quadrants"]]
    assert len(quadrants) == 4 and all(q.exists() for q in quadrants)
    with Image.open(grid.path) as whole, Image.open(quadrants[3]) as last:
        assert last.size == (whole.size[0] // 2, whole.size[1] // 2)
        assert last.getpixel((1, 1)) == whole.getpixel((whole.size[0] - 2, whole.size[1] - 2))


def test_buttons_make_new_jobs_and_vary_region_goes_through_the_modal(studio: StudioCore, relay: RelayServer,
                                                                      tmp_path: Path) -> None:
    grid = finish(studio, studio.jobs.create_mj("imagine", "a cat").id)
    upscale = finish(studio, studio.jobs.create_mj_action(grid.id, "U2").id)
    assert upscale.state is JobState.DONE and upscale.metadata["mj_action"] == "UPSCALE"
    action = next(r for r in relay.requests if r.path.endswith("/submit/action")).json()
    assert action["taskId"] == grid.remote_id and "::upsample::2::" in action["customId"]
    assert "quadrants" not in upscale.metadata  # a single picture is not split

    with pytest.raises(InputError, match="needs a mask"):
        studio.jobs.create_mj_action(upscale.id, "vary-region")
    mask = image_file(tmp_path, "mask.png", (255, 255, 255))
    region = finish(studio, studio.jobs.create_mj_action(upscale.id, "vary-region", mask=mask,
                                                         prompt="a cat with a hat").id)
    assert region.state is JobState.DONE, region.error
    modal = next(r for r in relay.requests if r.path.endswith("/submit/modal")).json()
    assert modal["prompt"] == "a cat with a hat" and modal["maskBase64"].startswith("data:image/png;base64,")
    assert region.remote_id == modal["taskId"]
    zoom = finish(studio, studio.jobs.create_mj_action(upscale.id, "zoom-2x").id)
    assert zoom.metadata["mj_action"] == "ZOOM" and len(zoom.metadata["quadrants"]) == 4
    with pytest.raises(InputError, match="has no button"):
        studio.jobs.create_mj_action(upscale.id, "U1")


@pytest.mark.parametrize(("prompt", "words"), [
    ("nude body", ["banned word", "nude"]),
    ("queue-full please", ["queue is full"]),
])
def test_refused_submits_fail_with_the_meaning_of_their_code(studio: StudioCore, relay: RelayServer,
                                                             prompt: str, words: list[str]) -> None:
    done = finish(studio, studio.jobs.create_mj("imagine", prompt).id)
    assert done.state is JobState.FAILED and done.remote_id is None
    for word in words:
        assert word in (done.error or "")


def test_queued_code_22_is_accepted(studio: StudioCore, relay: RelayServer) -> None:
    done = finish(studio, studio.jobs.create_mj("imagine", "queued cat").id)
    assert done.state is JobState.DONE and done.metadata["mj_code"] == 22


def test_a_failed_task_has_its_reason_and_retry_submits_again(studio: StudioCore, relay: RelayServer) -> None:
    job = studio.jobs.create_mj("imagine", "this will fail")
    failed = finish(studio, job.id)
    assert failed.state is JobState.FAILED and "Invalid parameter" in (failed.error or "")

    async def body() -> Any:
        await studio.jobs.runner.retry(job.id)
        return await studio.jobs.runner.wait(job.id)

    again = run(studio, body)
    assert again.state is JobState.FAILED and relay.hits("/submit/imagine") == 2


def test_describe_and_shorten_end_with_prompts(studio: StudioCore, relay: RelayServer, tmp_path: Path) -> None:
    described = finish(studio, studio.jobs.create_mj("describe", images=[image_file(tmp_path, "a.png")]).id)
    assert described.state is JobState.DONE and len(described.texts) == 4
    assert studio.gallery.for_job(described.id) == []
    shortened = finish(studio, studio.jobs.create_mj("shorten", "a very long prompt about a cat").id)
    assert len(shortened.texts) == 5


def test_blend_and_swap_face(studio: StudioCore, relay: RelayServer, tmp_path: Path) -> None:
    a, b = image_file(tmp_path, "a.png"), image_file(tmp_path, "b.png", (9, 9, 9))
    with pytest.raises(InputError, match="2 to 5"):
        studio.jobs.create_mj("blend", images=[a])
    blended = finish(studio, studio.jobs.create_mj("blend", images=[a, b], dimensions="portrait").id)
    assert blended.state is JobState.DONE
    body = next(r for r in relay.requests if r.path.endswith("/submit/blend")).json()
    assert body["dimensions"] == "PORTRAIT" and len(body["base64Array"]) == 2
    swapped = finish(studio, studio.jobs.create_mj("swap-face", images=[a, b]).id)
    assert swapped.state is JobState.DONE and len(studio.gallery.for_job(swapped.id)) == 1


def test_a_slow_task_stalls_keeps_polling_and_finishes(studio: StudioCore, relay: RelayServer,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from studio.jobs.handlers import PollPolicy
    from studio.jobs.midjourney import MidjourneyHandler

    monkeypatch.setattr(MidjourneyHandler, "policy", PollPolicy(floor=3.0, ceiling=3.0, stall_after=4.0))
    use_case(studio, relay, "mj-polls-40")
    job = studio.jobs.create_mj("imagine", "a slow cat")
    states: list[JobState] = []

    async def body() -> Any:
        studio.jobs.runner.subscribe(lambda e: states.append(e.job.state))
        studio.jobs.runner.run(job.id)
        return await studio.jobs.runner.wait(job.id)

    done = run(studio, body)
    assert done.state is JobState.DONE
    assert JobState.STALLED in states
    assert states.index(JobState.STALLED) < len(states) - states[::-1].index(JobState.RUNNING)


def test_resume_at_start_finishes_a_submitted_job_without_submitting_again(studio: StudioCore,
                                                                           relay: RelayServer) -> None:
    use_case(studio, relay, "mj-polls-2")
    job = studio.jobs.create_mj("imagine", "a cat")

    async def submit_only() -> Any:
        return await studio.jobs.runner.wait(job.id, until=lambda j: j.state is JobState.SUBMITTED)

    submitted = run(studio, submit_only)
    assert submitted.state is JobState.SUBMITTED and submitted.remote_id

    async def restart() -> Any:
        resumed = await studio.jobs.runner.start()
        assert [j.id for j in resumed] == [job.id]
        return await studio.jobs.runner.wait(job.id)

    done = run(studio, restart)
    assert done.state is JobState.DONE and relay.hits("/submit/imagine") == 1


def test_cancel_stops_polling(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "mj-polls-1000")
    job = studio.jobs.create_mj("imagine", "a cat")

    async def body() -> Any:
        runner = studio.jobs.runner
        runner.run(job.id)
        await runner.wait(job.id, until=lambda j: j.state is JobState.RUNNING)
        cancelled = await runner.cancel(job.id)
        polls = relay.hits("/fetch")
        import asyncio

        await asyncio.sleep(0.2)
        assert relay.hits("/fetch") == polls
        return cancelled

    assert run(studio, body).state is JobState.CANCELLED


def test_many_jobs_share_their_polls_and_none_blocks_another(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "mj-polls-4")
    jobs = [studio.jobs.create_mj("imagine", f"cat number {i}") for i in range(12)]

    async def body() -> Any:
        import asyncio

        for job in jobs:
            studio.jobs.runner.run(job.id)
        return await asyncio.gather(*(studio.jobs.runner.wait(job.id) for job in jobs))

    done = run(studio, body)
    assert all(job.state is JobState.DONE for job in done)
    assert relay.hits("/submit/imagine") == 12
    listed = relay.hits("/list-by-condition")
    single = relay.hits("/fetch")
    assert listed >= 1 and single + listed < 12 * 7  # fewer requests than polls: they were batched


def test_a_cancelled_task_is_polled_again_on_retry_not_resubmitted(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "mj-polls-3")
    job = studio.jobs.create_mj("imagine", "a cat")

    async def body() -> Any:
        runner = studio.jobs.runner
        runner.run(job.id)
        await runner.wait(job.id, until=lambda j: j.state in (JobState.SUBMITTED, JobState.RUNNING))
        await runner.cancel(job.id)
        retried = await runner.retry(job.id)
        assert retried.state is JobState.SUBMITTED
        return await runner.wait(job.id)

    assert run(studio, body).state is JobState.DONE
    assert relay.hits("/submit/imagine") == 1


def test_a_grid_that_cannot_be_split_still_ends_done(studio: StudioCore, relay: RelayServer,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import studio.gallery.grid as grid

    def broken(*args: object) -> list[Path]:
        raise OSError("truncated image")

    monkeypatch.setattr(grid, "split_grid", broken)
    done = finish(studio, studio.jobs.create_mj("imagine", "a cat").id)
    assert done.state is JobState.DONE and "quadrants" not in done.metadata
    assert len(studio.gallery.for_job(done.id)) == 1


def test_a_job_left_by_a_driver_that_went_away_is_taken_over(studio: StudioCore, relay: RelayServer) -> None:
    import subprocess
    import sys

    from studio.jobs.store import RUNNER_PID

    use_case(studio, relay, "mj-polls-2")
    job = studio.jobs.create_mj("imagine", "a cat")

    async def submit_only() -> Any:
        return await studio.jobs.runner.wait(job.id, until=lambda j: j.state is JobState.SUBMITTED)

    run(studio, submit_only)
    helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert studio.jobs.store.claim(job.id, pid=helper.pid) is not None  # another process drives it

        async def body() -> Any:
            import asyncio

            runner = studio.jobs.runner
            assert [j.id for j in await runner.start()] == [job.id]
            watcher = asyncio.ensure_future(runner.watch(interval=0.05))
            await asyncio.sleep(0.2)
            assert studio.jobs.store.get(job.id).state is JobState.SUBMITTED  # left alone while it lives
            helper.kill()
            helper.wait()
            done = await runner.wait(job.id)
            watcher.cancel()
            return done

        done = run(studio, body)
    finally:
        helper.kill()
    assert done.state is JobState.DONE and RUNNER_PID not in done.engine
