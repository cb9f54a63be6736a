"""The job store and its state machine (docs/JOBS.md#states): saved before sent, unknown never re-sent by itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from studio.jobs.model import RESUMABLE, TERMINAL, TRANSITIONS, IllegalTransition, JobState
from studio.jobs.store import OWNER_PID, JobStore
from studio.storage.db import Database


@pytest.fixture
def store(tmp_path: Path) -> JobStore:
    return JobStore(Database(tmp_path / "s.sqlite3"))


def make(store: JobStore, **metadata: object):  # type: ignore[no-untyped-def]
    return store.create(capability="image", family="openai-images", profile="p", model="dall-e-3",
                        prompt="a cat", request={"prompt": "a cat", "n": 1}, metadata=dict(metadata))


def test_a_job_is_saved_with_its_full_request_before_sending(store: JobStore) -> None:
    job = make(store)
    again = store.get(job.id)
    assert again == job
    assert (job.state, job.request, job.remote_id) == (JobState.SAVED, {"prompt": "a cat", "n": 1}, None)
    assert store.find(job.id[:6]) == job


def test_the_happy_path_and_fields(store: JobStore) -> None:
    job = make(store)
    store.transition(job.id, JobState.SUBMITTING, engine={OWNER_PID: os.getpid()})
    store.transition(job.id, JobState.SUBMITTED, remote_id="task-1", submitted_at=1.0)
    store.transition(job.id, JobState.RUNNING, progress=45.0)
    store.transition(job.id, JobState.DOWNLOADING, result_urls=["http://x/a.png"])
    done = store.transition(job.id, JobState.DONE, progress=100.0)
    assert (done.state, done.remote_id, done.progress, done.result_urls) == (
        JobState.DONE, "task-1", 100.0, ("http://x/a.png",))
    assert done.finished
    with pytest.raises(IllegalTransition):
        store.transition(job.id, JobState.RUNNING)


def test_unknown_is_never_resumed_and_never_resubmitted_by_itself(store: JobStore) -> None:
    job = make(store)
    store.transition(job.id, JobState.SUBMITTING)
    store.transition(job.id, JobState.UNKNOWN)
    assert job.id not in {j.id for j in store.resumable()}
    assert JobState.UNKNOWN not in RESUMABLE
    # only the user's "submit again" (unknown → submitting) or a lookup that found it (→ submitted)
    assert TRANSITIONS[JobState.UNKNOWN] >= {JobState.SUBMITTING, JobState.SUBMITTED}


def test_submitting_jobs_of_a_dead_process_become_unknown_at_start(store: JobStore) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    orphan = make(store)
    store.transition(orphan.id, JobState.SUBMITTING, engine={OWNER_PID: int(dead)})
    live = make(store)
    store.transition(live.id, JobState.SUBMITTING, engine={OWNER_PID: os.getpid()})
    marked = store.mark_interrupted_submissions()
    assert [j.id for j in marked] == [orphan.id]
    assert store.get(orphan.id).state is JobState.UNKNOWN  # type: ignore[union-attr]
    assert store.get(live.id).state is JobState.SUBMITTING  # type: ignore[union-attr]


def test_resumable_jobs_are_those_with_a_remote_id(store: JobStore) -> None:
    running = make(store)
    store.transition(running.id, JobState.SUBMITTING)
    store.transition(running.id, JobState.SUBMITTED, remote_id="r")
    make(store)  # saved, never sent
    assert [j.id for j in store.resumable()] == [running.id]


def test_the_rule_book_is_closed() -> None:
    for state, targets in TRANSITIONS.items():
        assert targets <= set(JobState)
        if state in (JobState.DONE,):
            assert not targets
    assert TERMINAL.isdisjoint(RESUMABLE)


def test_unknown_fields_are_refused(store: JobStore) -> None:
    job = make(store)
    with pytest.raises(ValueError):
        store.update(job.id, state="done")


def test_a_reused_pid_is_not_taken_for_the_process_that_claimed_a_job(store: JobStore) -> None:
    from studio.jobs.store import RUNNER_PID, process_id

    stale = f"{os.getpid()}:1"  # this pid, but a process that started at another time (the pid was reused)
    sending = make(store)
    store.transition(sending.id, JobState.SUBMITTING, engine={OWNER_PID: stale})
    current = make(store)
    store.transition(current.id, JobState.SUBMITTING, engine={OWNER_PID: process_id()})
    assert [j.id for j in store.mark_interrupted_submissions()] == [sending.id]

    polled = make(store)
    store.transition(polled.id, JobState.SUBMITTING)
    store.transition(polled.id, JobState.SUBMITTED, remote_id="r", engine={RUNNER_PID: stale})
    claimed = store.claim(polled.id)
    assert claimed is not None and claimed.engine[RUNNER_PID] == process_id()
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(20)"])
    try:
        store.release(polled.id)
        assert store.claim(polled.id, pid=other.pid) is not None
        assert store.claim(polled.id) is None  # a live process with its own start time holds it
    finally:
        other.kill()
        other.wait()
    assert store.claim(polled.id) is not None  # and once it is gone, the job can be taken over
