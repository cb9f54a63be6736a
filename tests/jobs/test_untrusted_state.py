"""Nothing paid for is lost and nothing outside the data folder is touched, when the disk is full, the
store refuses a write, or the database was tampered with (docs/JOBS.md, "What is guaranteed")."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from studio.errors import StudioError
from studio.jobs.model import JobState
from studio.jobs.store import JobStore
from studio.services.core import StudioCore
from studio.storage.db import DatabaseError
from tests.conftest import KEY
from tests.jobs.conftest import image_file, run, use_case
from tests.relay import RelayServer
from tests.support.disks import small_disk


def drive(studio: StudioCore, job_id: str) -> Any:
    async def body() -> Any:
        studio.jobs.runner.run(job_id)
        return await studio.jobs.runner.wait(job_id)

    return run(studio, body)


# -- a full disk ------------------------------------------------------------------------------------


def test_a_result_the_full_library_cannot_hold_keeps_its_link_and_is_saved_after_space_is_freed(
        studio: StudioCore, relay: RelayServer) -> None:
    studio.settings.set("jobs.min_free_mb", 0)  # the paid request goes out; its result does not fit
    use_case(studio, relay, "image-chunked")  # no size announced: the disk fills while it is written
    job = studio.jobs.create_image("a red fox", model="dall-e-3")
    with small_disk(studio.paths.library, 200):
        done = drive(studio, job.id)
        assert done.state is JobState.DONE_REMOTE_ONLY  # not `done`: nothing short was kept as a result
        assert done.error.startswith("The disk holding the library is full: ")
        assert done.result_urls and "/files/chunked/" in done.result_urls[0]  # the link is kept
        assert studio.gallery.for_job(job.id) == [] and not list(studio.paths.library.rglob("*.png"))
    # the tmpfs is gone: the library has room again, and "download again" saves the same result
    again = run(studio, lambda: _retry_and_wait(studio, job.id))
    assert again.state is JobState.DONE
    (asset,) = studio.gallery.for_job(job.id)
    assert asset.size > 400_000
    assert relay.hits("/v1/images/generations") == 1


async def _retry_and_wait(studio: StudioCore, job_id: str) -> Any:
    await studio.jobs.runner.retry(job_id)
    return await studio.jobs.runner.wait(job_id)


def test_a_paid_request_is_not_sent_when_the_disk_is_nearly_full(studio: StudioCore, relay: RelayServer) -> None:
    job = studio.jobs.create_image("a red fox", model="dall-e-3")
    with small_disk(studio.paths.library, 1024):  # 1 MB free, under the 50 MB kept free by default
        failed = drive(studio, job.id)
    assert failed.state is JobState.FAILED
    assert failed.error.startswith("The disk holding the library is full: 1 MB free")
    assert failed.error.endswith("nothing was sent.")
    assert relay.hits("/v1/images/generations") == 0


def test_a_task_id_the_store_cannot_take_is_saved_when_it_can_and_never_paid_twice(
        studio: StudioCore, relay: RelayServer, monkeypatch: pytest.MonkeyPatch) -> None:
    import studio.jobs.runner as runner_module

    monkeypatch.setattr(runner_module, "_SAVE_PAUSE", 0.01)
    refusals = {"left": 10**6}
    real = JobStore.transition

    def full_disk(self: JobStore, job_id: str, target: JobState, **fields: Any) -> Any:
        if target is JobState.SUBMITTED and refusals["left"] > 0:
            refusals["left"] -= 1
            raise DatabaseError("The disk holding the data folder /x is full: 0 MB free.")
        return real(self, job_id, target, **fields)

    monkeypatch.setattr(JobStore, "transition", full_disk)
    job = studio.jobs.create_mj("imagine", "a lighthouse")

    async def body() -> Any:
        runner = studio.jobs.runner
        runner.run(job.id)
        with pytest.raises(StudioError) as raised:
            await runner.wait(job.id)
        remote_id = relay.mj_task_ids()[0]
        assert f"(task id {remote_id})" in str(raised.value) and "never sends the job again" in str(raised.value)
        assert studio.jobs.store.get(job.id).state is JobState.SUBMITTING  # not unknown: its sender is alive
        refusals["left"] = 0  # the disk has room again: the next watch round saves the task id
        await runner._save_unsaved()
        return await runner.wait(job.id)

    done = run(studio, body)
    assert done.state is JobState.DONE and done.remote_id == relay.mj_task_ids()[0]
    assert relay.hits("/mj/submit/imagine") == 1


# -- paths from the database --------------------------------------------------------------------------


def test_a_job_whose_saved_input_points_outside_the_data_folder_uploads_nothing(
        studio: StudioCore, relay: RelayServer, tmp_path: Path) -> None:
    canary = tmp_path / "canary.txt"
    canary.write_bytes(b"\x89PNG private file that is not the job's")
    job = studio.jobs.create_image("add a hat", model="gpt-image-1", images=[image_file(tmp_path, "fox.png")])
    for stored in ("../../canary.txt", str(canary)):  # climbing out, and absolute
        request = {**job.request, "images": [{**job.request["images"][0], "path": stored}]}
        studio.db.execute("UPDATE jobs SET request = ?, state = 'saved' WHERE id = ?", (json.dumps(request), job.id))
        failed = drive(studio, job.id)
        assert failed.state is JobState.FAILED
        assert "points outside" in failed.error and failed.error.endswith("nothing was sent.")
    assert relay.hits("/v1/images/edits") == 0
    assert all(b"private file" not in r.body for r in relay.requests)
    assert canary.exists()


def test_a_result_link_with_the_key_in_it_is_stored_masked_and_still_downloaded(
        studio: StudioCore, relay: RelayServer) -> None:
    secret = KEY  # the relay test server takes only its own key
    studio.profiles.add("local", f"{relay.url}/case/image-keyed", key=secret, make_default=True)
    job = studio.jobs.create_image("a red fox", model="dall-e-3")
    done = drive(studio, job.id)
    assert done.state is JobState.DONE  # the download used the link as the relay gave it
    assert relay.requests[-1].path.startswith("/files/") and secret in relay.requests[-1].query
    assert "key={relay-studio:key}" in done.result_urls[0]  # sealed: the key is put back when it is fetched
    (asset,) = studio.gallery.for_job(job.id)
    assert "key={relay-studio:key}" in (asset.remote_url or "")
    for table in ("jobs", "assets"):
        assert secret not in json.dumps([tuple(r) for r in studio.db.query(f"SELECT * FROM {table}")])


def database_holds(core: StudioCore, secret: str) -> list[str]:
    """The files of the database (with its WAL) whose bytes contain `secret`."""
    files = core.paths.database.parent.glob(core.paths.database.name + "*")
    return [path.name for path in files if secret.encode() in path.read_bytes()]


@pytest.mark.parametrize("model", ["gpt-4o-image", "vidu-video"])
def test_a_chat_reply_with_the_key_in_its_links_is_kept_without_it(studio: StudioCore, relay: RelayServer,
                                                                   model: str) -> None:
    use_case(studio, relay, "image-keyed")
    create = studio.jobs.create_video if model.endswith("-video") else studio.jobs.create_image
    done = drive(studio, create("a red fox", model=model).id)
    assert done.state is JobState.DONE, done.error
    assert KEY in relay.requests[-1].query  # the relay's link, as it gave it, was downloaded
    reply = done.metadata["reply"]  # the progress log is kept, the key masked
    assert "key=***&size=1024" in reply and KEY not in reply
    assert database_holds(studio, KEY) == []


def test_a_sealed_result_link_is_downloaded_after_a_restart(studio: StudioCore, relay: RelayServer) -> None:
    job = studio.jobs.create_image("a red fox", model="dall-e-3")
    store = studio.jobs.store
    store.transition(job.id, JobState.SUBMITTING)  # the answer was saved, then the process died
    store.transition(job.id, JobState.DOWNLOADING, result_urls=[
        f"{relay.url}/files/cat.png?key={{relay-studio:key}}&token=***&size=1024"])
    done = drive(studio, job.id)  # a fresh runner: no link in memory, only the stored one
    assert done.state is JobState.DONE
    fetched = [r for r in relay.requests if r.path.startswith("/files/")]
    assert fetched and f"key={KEY}" in fetched[-1].query


@pytest.mark.parametrize("mark", ["{relay-studio:key}", "{relay-studio:key:quoted}", "{relay-studio:key:plus}"])
def test_a_sealed_link_elsewhere_never_gets_the_key(studio: StudioCore, relay: RelayServer, mark: str) -> None:
    job = studio.jobs.create_image("a red fox", model="dall-e-3")
    store = studio.jobs.store  # a stored link on another host than the relay's (localhost is not 127.0.0.1)
    store.transition(job.id, JobState.SUBMITTING)
    store.transition(job.id, JobState.DOWNLOADING, result_urls=[f"http://localhost:{relay.port}/files/cat.png?t={mark}"])
    done = drive(studio, job.id)
    assert done.state is JobState.DONE  # the file needs no key: it is saved all the same
    (fetched,) = [r for r in relay.requests if r.path.startswith("/files/")]
    assert fetched.headers["host"] == f"localhost:{relay.port}"
    assert KEY not in fetched.query and "authorization" not in fetched.headers


def test_an_input_image_the_full_disk_cannot_take_is_one_sentence(studio: StudioCore, tmp_path: Path) -> None:
    from studio.storage.disk import DiskFull
    from tests.relay.fixtures import big_png_bytes

    reference = tmp_path / "big.png"
    reference.write_bytes(big_png_bytes())
    with small_disk(studio.paths.library, 100), pytest.raises(DiskFull) as raised:
        studio.jobs.create_image("add a hat", model="gpt-image-1", images=[reference])
    assert re.fullmatch(r"The disk holding the library is full: 0 MB free, the file needs 0\.\d MB\.",
                        str(raised.value))
    assert studio.jobs.store.recent() == []  # nothing saved, nothing sent
