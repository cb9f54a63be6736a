"""The job runner against the relay test server: the life of a job (docs/JOBS.md) for the image families."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from studio.jobs.model import JobState
from studio.jobs.runner import JobEvent
from studio.jobs.store import RUNNER_PID
from studio.services.core import StudioCore
from tests.conftest import KEY
from tests.jobs.conftest import image_file, run, use_case
from tests.relay import RelayServer


def test_url_results_are_downloaded_with_their_links_kept(studio: StudioCore, relay: RelayServer) -> None:
    job = studio.jobs.create_image("a red fox", model="dall-e-3", n=2)
    assert job.state is JobState.SAVED and job.family == "openai-images"
    events: list[JobEvent] = []

    async def body() -> Any:
        studio.jobs.runner.subscribe(events.append)
        studio.jobs.runner.run(job.id)
        return await studio.jobs.runner.wait(job.id)

    done = run(studio, body)
    assert done.state is JobState.DONE and done.error is None
    assets = studio.gallery.for_job(job.id)
    assert len(assets) == 2 and [a.result_index for a in assets] == [0, 1]
    for asset in assets:
        assert asset.path.read_bytes().startswith(b"\x89PNG") and asset.path.suffix == ".png"
        assert asset.remote_url and asset.remote_url in done.result_urls
        assert asset.prompt == "a red fox" and asset.model == "dall-e-3"
    states = [e.job.state for e in events if e.asset is None]
    assert states[0] is JobState.SUBMITTING and states[-1] is JobState.DONE
    assert sum(1 for e in events if e.asset is not None) == 2
    assert relay.hits("/v1/images/generations") == 1
    assert RUNNER_PID not in done.engine  # released when finished


def test_base64_results_are_decoded_and_saved_without_a_link(studio: StudioCore, relay: RelayServer) -> None:
    job = studio.jobs.create_image("a red fox", model="gpt-image-1")

    async def body() -> Any:
        studio.jobs.runner.run(job.id)
        return await studio.jobs.runner.wait(job.id)

    done = run(studio, body)
    (asset,) = studio.gallery.for_job(job.id)
    assert done.state is JobState.DONE and asset.remote_url is None
    assert asset.path.read_bytes().startswith(b"\x89PNG")


def test_edits_send_every_image_and_the_mask(studio: StudioCore, relay: RelayServer, tmp_path: Path) -> None:
    a, b = image_file(tmp_path, "a.png"), image_file(tmp_path, "b.png", (1, 2, 3))
    mask = image_file(tmp_path, "mask.png", (0, 0, 0))
    job = studio.jobs.create_image("add a hat", model="gpt-image-1", images=[a, b], mask=mask)
    a.unlink()  # the job keeps its own copies of its inputs

    async def body() -> Any:
        studio.jobs.runner.run(job.id)
        return await studio.jobs.runner.wait(job.id)

    done = run(studio, body)
    assert done.state is JobState.DONE, done.error
    body_bytes = relay.requests[-2].body if relay.requests[-1].path.startswith("/files") else relay.requests[-1].body
    edits = next(r for r in relay.requests if r.path.endswith("/images/edits"))
    assert edits.body.count(b"\x89PNG") == 3 and b'name="mask"' in edits.body
    assert body_bytes is not None


def test_a_page_instead_of_an_image_ends_link_only_and_can_be_retried(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "image-html")
    job = studio.jobs.create_image("a red fox", model="dall-e-3")

    async def body() -> Any:
        runner = studio.jobs.runner
        runner.run(job.id)
        first = await runner.wait(job.id)
        again = await runner.retry(job.id)
        assert again.state is JobState.DOWNLOADING
        return first, await runner.wait(job.id)

    first, second = run(studio, body)
    for done in (first, second):
        assert done.state is JobState.DONE_REMOTE_ONLY
        assert "could not be downloaded" in (done.error or "")
        assert done.engine["remote_only"] == [0]
    assert studio.gallery.for_job(job.id) == []
    assert not list(studio.paths.library.rglob("*.png"))  # the page was not kept as an "image"
    assert relay.hits("/v1/images/generations") == 1  # retrying a download never re-submits


def test_an_expired_signed_link_ends_link_only(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "image-expired")
    job = studio.jobs.create_image("a red fox", model="dall-e-3")

    async def body() -> Any:
        studio.jobs.runner.run(job.id)
        return await studio.jobs.runner.wait(job.id)

    done = run(studio, body)
    assert done.state is JobState.DONE_REMOTE_ONLY and "Expires=" in done.result_urls[0]


def test_a_link_that_dies_after_one_fetch_is_fetched_once(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "image-once")
    job = studio.jobs.create_image("a red fox", model="dall-e-3", n=3)

    async def body() -> Any:
        studio.jobs.runner.run(job.id)
        return await studio.jobs.runner.wait(job.id)

    done = run(studio, body)
    assert done.state is JobState.DONE
    assert len(studio.gallery.for_job(job.id)) == 3
    assert sum(1 for r in relay.requests if r.path.startswith("/files/once/")) == 3


def test_chat_format_image_reports_progress_then_saves(studio: StudioCore, relay: RelayServer) -> None:
    job = studio.jobs.create_image("two cats", model="gpt-4o-image")
    assert job.family == "chat" and job.metadata["family_reason"] == "name rule *-image"
    progress: list[float] = []

    async def body() -> Any:
        studio.jobs.runner.subscribe(lambda e: progress.append(e.job.progress) if e.job.progress else None)
        studio.jobs.runner.run(job.id)
        return await studio.jobs.runner.wait(job.id)

    done = run(studio, body)
    assert done.state is JobState.DONE, done.error
    assert len(studio.gallery.for_job(job.id)) == 2
    assert 36.0 in progress and 61.0 in progress


def test_chat_format_failure_in_band_fails_with_its_reason(studio: StudioCore, relay: RelayServer) -> None:
    job = studio.jobs.create_image("this will fail", model="gpt-4o-image")

    async def body() -> Any:
        studio.jobs.runner.run(job.id)
        return await studio.jobs.runner.wait(job.id)

    done = run(studio, body)
    assert done.state is JobState.FAILED and "upstream error" in (done.error or "")


def test_inputs_are_checked_before_anything_is_saved(studio: StudioCore, tmp_path: Path) -> None:
    from studio.errors import InputError

    fake = tmp_path / "song.png"
    fake.write_text("<html>not an image</html>")
    with pytest.raises(InputError):
        studio.jobs.create_image("   ", model="dall-e-3")
    with pytest.raises(InputError, match="not a PNG"):
        studio.jobs.create_image("x", model="dall-e-3", images=[fake])
    with pytest.raises(InputError, match="between 1 and 10"):
        studio.jobs.create_image("x", model="dall-e-3", n=11)
    with pytest.raises(InputError, match="cannot make images"):
        studio.jobs.create_image("x", model="sora-2")
    assert studio.jobs.store.recent() == []


def test_a_job_another_live_process_drives_is_left_alone(studio: StudioCore, relay: RelayServer) -> None:
    job = studio.jobs.create_image("a red fox", model="dall-e-3")
    assert studio.jobs.store.claim(job.id, pid=os.getppid()) is not None  # a live process owns it

    async def body() -> Any:
        return await studio.jobs.runner.run(job.id)

    left = run(studio, body)
    assert left.state is JobState.SAVED and relay.hits("/v1/images/generations") == 0


def test_waiting_on_a_job_another_live_process_sends_follows_that_driver_to_the_end(
        studio: StudioCore, relay: RelayServer, monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    from studio.jobs.store import OWNER_PID, JobStore
    from studio.storage.processes import process_id

    job = studio.jobs.create_image("a red fox", model="dall-e-3")
    other = process_id(os.getppid())  # a live process that wins the race for the job
    store = studio.jobs.store
    real_claim = JobStore.claim

    def lost_race(self: JobStore, job_id: str, pid: int | None = None) -> Any:
        if pid is None and store.get(job_id).state is JobState.SAVED:  # the other one claims it first, sends it
            real_claim(self, job_id, os.getppid())
            store.transition(job_id, JobState.SUBMITTING, engine={**store.get(job_id).engine, OWNER_PID: other})
        return real_claim(self, job_id, pid)

    monkeypatch.setattr(JobStore, "claim", lost_race)

    async def the_other_process_finishes() -> None:
        await asyncio.sleep(0.5)  # sending: not a state to give up on while its sender lives
        store.transition(job.id, JobState.DOWNLOADING, result_urls=[])
        store.transition(job.id, JobState.DONE, metadata={})

    async def body() -> Any:
        driver = asyncio.ensure_future(the_other_process_finishes())
        followed = await studio.jobs.runner.wait(job.id, interval=0.05)
        await driver
        return followed

    assert run(studio, body).state is JobState.DONE
    assert relay.hits("/v1/images/generations") == 0  # this process never sent it


def test_waiting_on_a_job_whose_sender_died_mid_send_ends_unknown_not_never(studio: StudioCore) -> None:
    import asyncio
    import subprocess

    from studio.jobs.store import OWNER_PID

    gone = subprocess.Popen(["true"])
    gone.wait()
    job = studio.jobs.create_image("a red fox", model="dall-e-3")
    studio.jobs.store.transition(job.id, JobState.SUBMITTING, engine={**job.engine, OWNER_PID: f"{gone.pid}:1"})

    async def body() -> Any:
        return await asyncio.wait_for(studio.jobs.runner.wait(job.id, interval=0.05), 10)

    assert run(studio, body).state is JobState.UNKNOWN  # never re-sent by itself, and the wait ends


@pytest.mark.parametrize(("case", "model"), [("drop-after-request", "dall-e-3"), ("cut-stream", "gpt-4o-image")])
def test_a_connection_lost_after_sending_makes_the_job_unknown(studio: StudioCore, relay: RelayServer,
                                                               case: str, model: str) -> None:
    use_case(studio, relay, case)
    job = studio.jobs.create_image("a red fox", model=model)

    async def body() -> Any:
        runner = studio.jobs.runner
        runner.run(job.id)
        unknown = await runner.wait(job.id)
        assert await runner.start() == []  # a restart does not send it again
        return unknown

    unknown = run(studio, body)
    assert unknown.state is JobState.UNKNOWN and "may have started the job" in (unknown.error or "")
    sent = [r for r in relay.requests if r.method == "POST"]
    assert len(sent) == 1


def test_submit_again_is_the_users_choice_for_an_unknown_job(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "drop-after-request")
    job = studio.jobs.create_image("a red fox", model="dall-e-3")

    async def body() -> Any:
        runner = studio.jobs.runner
        runner.run(job.id)
        await runner.wait(job.id)
        studio.profiles.add("local", relay.url, key=KEY, make_default=True)  # the relay is back
        await studio.clients.forget("local")
        await runner.retry(job.id)
        return await runner.wait(job.id)

    assert run(studio, body).state is JobState.DONE
    assert relay.hits("/images/generations") == 2


def test_variations_of_an_image_and_a_relay_without_them(studio: StudioCore, relay: RelayServer,
                                                         tmp_path: Path) -> None:
    source = image_file(tmp_path, "source.png")
    refused = studio.jobs.create_image("", variation=source, n=2)
    assert refused.model == "dall-e-2" and refused.request["variation"] is True

    async def body() -> Any:
        studio.jobs.runner.run(refused.id)
        return await studio.jobs.runner.wait(refused.id)

    failed = run(studio, body)
    assert failed.state is JobState.FAILED and "does not implement" in (failed.error or "")
    use_case(studio, relay, "openai-variations")
    job = studio.jobs.create_image("", variation=source, n=2)

    async def again() -> Any:
        studio.jobs.runner.run(job.id)
        return await studio.jobs.runner.wait(job.id)

    assert run(studio, again).state is JobState.DONE
    assert len(studio.gallery.for_job(job.id)) == 2


@pytest.mark.parametrize(("model", "path"), [("dall-e-3", "/images/generations"), ("mj_imagine", "/submit/imagine")])
def test_an_ambiguous_answer_to_a_submit_is_never_resent_and_leaves_the_job_unknown(
        studio: StudioCore, relay: RelayServer, model: str, path: str) -> None:
    use_case(studio, relay, "cloudflare524")  # a timeout page: the relay may still be working on it
    job = studio.jobs.create_image("a red fox", model=model)

    async def body() -> Any:
        studio.jobs.runner.run(job.id)
        return await studio.jobs.runner.wait(job.id)

    unknown = run(studio, body)
    assert unknown.state is JobState.UNKNOWN and "may still have started" in (unknown.error or "")
    assert relay.hits(path) == 1


def test_a_rate_limited_submit_is_retried_because_nothing_was_done(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "ratelimit-once")
    job = studio.jobs.create_image("a red fox", model="dall-e-3")

    async def body() -> Any:
        studio.jobs.runner.run(job.id)
        return await studio.jobs.runner.wait(job.id)

    assert run(studio, body).state is JobState.DONE
    assert relay.hits("/images/generations") == 2


def test_a_missing_key_fails_before_anything_is_sent(studio: StudioCore, relay: RelayServer) -> None:
    studio.profiles.add("local", relay.url, key_env="NO_SUCH_VARIABLE_FOR_THIS_TEST", make_default=True)
    job = studio.jobs.create_image("a red fox", model="dall-e-3")

    async def body() -> Any:
        studio.jobs.runner.run(job.id)
        return await studio.jobs.runner.wait(job.id)

    failed = run(studio, body)
    assert failed.state is JobState.FAILED and "NO_SUCH_VARIABLE_FOR_THIS_TEST" in (failed.error or "")
    assert relay.hits("/images/generations") == 0


def test_jobs_being_sent_or_saved_cannot_be_cancelled(studio: StudioCore, relay: RelayServer) -> None:
    from studio.errors import InputError

    use_case(studio, relay, "image-slow")
    job = studio.jobs.create_image("a red fox", model="dall-e-3")

    async def body() -> Any:
        runner = studio.jobs.runner
        runner.run(job.id)
        await runner.wait(job.id, until=lambda j: j.state is JobState.DOWNLOADING)
        with pytest.raises(InputError, match="being saved"):
            await runner.cancel(job.id)
        return await runner.wait(job.id)

    assert run(studio, body).state is JobState.DONE


def test_a_whole_part_file_left_by_a_crash_is_finished_not_refetched(studio: StudioCore, relay: RelayServer,
                                                                    tmp_path: Path) -> None:
    from studio.jobs.downloads import Downloader
    from tests.relay.fixtures import png_bytes as png

    target = tmp_path / "asset.download"
    target.with_name("asset.download.part").write_bytes(png())  # killed after the last byte, before the rename

    async def body() -> Any:
        downloader = Downloader()
        try:
            return await downloader.fetch(relay.url + "/files/whole.png", target, kind="image")
        finally:
            await downloader.aclose()

    import asyncio

    saved = asyncio.run(body())
    assert saved.path.suffix == ".png" and saved.path.read_bytes() == png()
    assert relay.requests[-1].headers.get("range") == f"bytes={len(png())}-"
