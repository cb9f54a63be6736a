"""A failed job stores its error as a code and its arguments beside the English sentence, so a window
words it in the language it shows when it is read; the relay's own message and request id are kept
verbatim, and a key the relay echoed never reaches the description."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.api.client import RelayClient
from studio.api.errors import AuthError
from studio.api.families import FamilySpec, register, unregister
from studio.jobs.handlers import FamilyHandler, Outcome, Reporter
from studio.jobs.model import Job, JobState
from studio.jobs.store import JobStore
from studio.services.core import StudioCore
from studio.storage import db as dbmod
from studio.storage.db import Database
from studio.storage.migrations import MIGRATIONS
from tests.conftest import KEY
from tests.jobs.conftest import finish, one_sentence
from tests.relay import RelayServer
from tests.relay.fixtures import REQUEST_ID


class NoTaskHandler(FamilyHandler):
    """A relay that takes the job and names no task."""

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        return Outcome(phase="queued")


class EchoingHandler(FamilyHandler):
    """A relay whose refusal quotes the key it was sent (the client's masking bypassed on purpose)."""

    async def submit(self, job: Job, client: RelayClient, report: Reporter) -> Outcome:
        raise AuthError(401, f"the token {KEY} is not valid", request_id="req-echo")


@pytest.fixture
def test_families() -> Iterator[None]:
    register(FamilySpec("notask", "image", "No task", names=(("notask-*", r"^notask-"),),
                        handler="tests.jobs.test_error_detail:NoTaskHandler", results=("image",)))
    register(FamilySpec("echo", "image", "Echo", names=(("echo-*", r"^echo-"),),
                        handler="tests.jobs.test_error_detail:EchoingHandler", results=("image",)))
    yield
    unregister("notask", "image")
    unregister("echo", "image")


def test_a_rejected_key_stores_the_auth_code_with_the_relays_words(studio: StudioCore, relay: RelayServer) -> None:
    studio.profiles.add("local", relay.url, key="sk-wrong-0123456789", make_default=True)
    failed = finish(studio, studio.jobs.create_image("a red fox", model="dall-e-3").id)
    assert failed.state is JobState.FAILED and "rejected the API key" in one_sentence(failed.error)
    assert failed.error_detail is not None
    assert failed.error_detail["code"] == "relay.auth"
    assert failed.error_detail["args"] == {"status": 401, "message": "无效的令牌", "request_id": REQUEST_ID}
    assert studio.jobs.store.get(failed.id) == failed  # read back from the row as it was written


def test_a_refused_connection_stores_the_network_code_and_host(studio: StudioCore) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    studio.profiles.add("local", f"http://127.0.0.1:{port}", key=KEY, make_default=True)
    failed = finish(studio, studio.jobs.create_image("a red fox", model="dall-e-3").id)
    assert failed.state is JobState.FAILED, failed.error
    assert failed.error_detail == {"code": "network.refused", "args": {"host": f"127.0.0.1:{port}"}}
    assert one_sentence(failed.error)


def test_no_task_id_and_an_unknown_family_store_the_runners_own_codes(studio: StudioCore,
                                                                      test_families: None) -> None:
    no_task = finish(studio, studio.jobs.create_image("a red fox", model="notask-1").id)
    assert no_task.state is JobState.FAILED
    assert no_task.error == "The relay accepted the job but gave no task id."
    assert no_task.error_detail == {"code": "runner.no-task-id", "args": {}}

    gone = studio.jobs.store.create(capability="image", family="retired", profile="local", model="old-1",
                                    prompt="a red fox", request={})
    failed = finish(studio, gone.id)
    assert failed.state is JobState.FAILED and failed.error == "This version of Relay Studio cannot run retired jobs."
    assert failed.error_detail == {"code": "runner.unsupported-family", "args": {"family": "retired"}}


def test_a_key_in_the_relays_message_reaches_neither_the_sentence_nor_the_description(
        studio: StudioCore, test_families: None) -> None:
    failed = finish(studio, studio.jobs.create_image("a red fox", model="echo-1").id)
    assert failed.state is JobState.FAILED and failed.error_detail is not None
    assert failed.error_detail["code"] == "relay.auth" and failed.error_detail["args"]["request_id"] == "req-echo"
    row = studio.db.query_one("SELECT error, error_detail FROM jobs WHERE id = ?", (failed.id,))
    assert row is not None and row["error_detail"] and KEY not in row["error"] + row["error_detail"]
    assert "the token *** is not valid" in failed.error_detail["args"]["message"]


def test_a_new_sentence_never_keeps_an_old_code_and_a_retry_clears_both(studio: StudioCore,
                                                                         test_families: None) -> None:
    failed = finish(studio, studio.jobs.create_image("a red fox", model="notask-1").id)
    assert failed.error_detail is not None
    worded = studio.jobs.store.update(failed.id, error="Something else went wrong.")
    assert worded.error == "Something else went wrong." and worded.error_detail is None
    again = studio.jobs.store.transition(failed.id, JobState.SAVED, error=None)
    assert again.error is None and again.error_detail is None


def test_a_damaged_description_leaves_the_sentence_and_the_job_readable(studio: StudioCore,
                                                                        test_families: None) -> None:
    failed = finish(studio, studio.jobs.create_image("a red fox", model="notask-1").id)
    for damaged in ("{not json", '"a string"', '{"code": 3, "args": {}}', '{"code": "x"}'):
        studio.db.execute("UPDATE jobs SET error_detail = ? WHERE id = ?", (damaged, failed.id))
        job = studio.jobs.store.get(failed.id)
        assert job is not None and job.error == failed.error and job.error_detail is None


def test_a_job_saved_before_descriptions_keeps_its_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "studio.sqlite3"
    monkeypatch.setattr(dbmod, "MIGRATIONS", MIGRATIONS[:7])
    old = Database(path, backup_dir=tmp_path / "backups")
    old.execute("INSERT INTO jobs(id, capability, family, profile, model, prompt, request, state, error,"
                " created_at, updated_at) VALUES ('j1', 'image', 'openai-images', 'p', 'dall-e-3', 'a fox', '{}',"
                " 'failed', 'The relay accepted the job but gave no task id.', 1, 1)")
    old.close()

    monkeypatch.setattr(dbmod, "MIGRATIONS", MIGRATIONS)
    db = Database(path, backup_dir=tmp_path / "backups")
    try:
        assert db.schema_version == len(MIGRATIONS) >= 8
        job = JobStore(db).get("j1")
        assert job is not None and job.error == "The relay accepted the job but gave no task id."
        assert job.error_detail is None
        moved = JobStore(db).transition("j1", JobState.SAVED, error=None)
        assert moved.error is None and moved.error_detail is None
    finally:
        db.close()


def test_a_task_the_relay_failed_stores_the_vendor_and_its_reason(studio: StudioCore) -> None:
    from tests.relay import kling_video

    mj = finish(studio, studio.jobs.create_mj("imagine", "this will fail").id)
    assert mj.state is JobState.FAILED and mj.error_detail is not None
    assert mj.error_detail["code"] == "task.failed" and mj.error_detail["args"]["vendor"] == "Midjourney"
    assert mj.error_detail["args"]["reason"] in (mj.error or "") and "Invalid parameter" in mj.error_detail["args"][
        "reason"]
    video = finish(studio, studio.jobs.create_video("this will fail", model="kling-v1").id)
    assert video.error == f"Kling failed the task: {kling_video.FAIL_REASON}."
    assert video.error_detail == {"code": "task.failed",
                                  "args": {"vendor": "Kling", "reason": kling_video.FAIL_REASON, "what": "task"}}
