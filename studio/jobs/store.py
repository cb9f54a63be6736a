"""The job store: every job is a row, and every state change is checked against the rule book and
committed before the runner acts on it (docs/JOBS.md).

Rows are read as input: one whose JSON is broken or whose state this version does not know (a tampered
or damaged database, a backup from a newer version) is quarantined: left out of every list with one
warning, refused by id with one sentence, never driven, never changed.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Iterable
from typing import Any, cast

from studio.errors import ErrorInfo, StudioError
from studio.ids import random_hex
from studio.jobs.model import RESUMABLE, Engine, IllegalTransition, Job, JobState, check_transition, sends_on
from studio.storage.db import Database, json_object
from studio.storage.processes import alive, process_id

log = logging.getLogger(__name__)

_FIELDS = ("remote_id", "progress", "error", "error_detail", "result_urls", "metadata", "submitted_at", "engine",
           "texts")
#: `Job.engine` key: the process that is sending a job (so another process does not call it unknown)
OWNER_PID = "submitting_pid"
#: `Job.engine` key: the process whose runner drives a job (so two processes never poll or save it twice)
RUNNER_PID = "runner_pid"


class DamagedJob(StudioError):
    """A job row that cannot be read (broken JSON, an unknown state): quarantined, never driven."""


def new_job_id() -> str:
    """Short enough to type (`studio jobs show 3f9a…`), random enough never to collide."""
    return random_hex(12)


class JobStore:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._quarantined: set[str] = set()  # ids of damaged rows already reported

    def create(self, *, capability: str, family: str, profile: str, model: str, prompt: str,
               request: dict[str, Any], metadata: dict[str, Any] | None = None) -> Job:
        """Save a job (state `saved`) before anything is sent."""
        now = time.time()
        job_id = new_job_id()
        self._db.execute(
            "INSERT INTO jobs(id, capability, family, profile, model, prompt, request, state, metadata,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (job_id, capability, family, profile, model, prompt, json.dumps(request, ensure_ascii=False),
             JobState.SAVED.value, json.dumps(metadata or {}, ensure_ascii=False), now, now),
        )
        created = self.get(job_id)
        assert created is not None
        return created

    def get(self, job_id: str) -> Job | None:
        row = self._db.query_one("SELECT * FROM jobs WHERE id = ?", (job_id,))
        return _job(row) if row else None

    def find(self, prefix: str) -> Job | None:
        """A job by its id or an unambiguous prefix of it (what users type)."""
        rows = self._db.query("SELECT * FROM jobs WHERE id LIKE ? LIMIT 2", (prefix.replace("%", "") + "%",))
        return _job(rows[0]) if len(rows) == 1 else None  # by id: a damaged row is refused in one sentence

    def recent(self, *, states: Iterable[JobState] | None = None, limit: int = 200) -> list[Job]:
        """Jobs, newest first (only those in `states` when given)."""
        if states is None:
            rows = self._db.query("SELECT * FROM jobs ORDER BY created_at DESC LIMIT ?", (limit,))
        else:
            wanted = [s.value for s in states]
            marks = ",".join("?" * len(wanted))
            rows = self._db.query(
                f"SELECT * FROM jobs WHERE state IN ({marks}) ORDER BY created_at DESC LIMIT ?", (*wanted, limit)
            )
        return _readable(rows, self._quarantined)

    def resumable(self) -> list[Job]:
        """Jobs the runner picks up by itself at start: their remote id is known, polling is free; or a dead
        process left them half sent by a handler whose send resumes from what it saved (`model.sends_on`)."""
        jobs = self.recent(states=RESUMABLE | {JobState.SUBMITTING}, limit=10_000)
        return [j for j in jobs if j.state in RESUMABLE or (sends_on(j) and not alive(j.engine.get(OWNER_PID)))]

    def transition(self, job_id: str, target: JobState, **fields: Any) -> Job:
        """Move a job to `target` (checked against the rule book) and set `fields`, atomically."""
        unknown = set(fields) - set(_FIELDS)
        if unknown:
            raise ValueError(f"not job fields: {sorted(unknown)}")
        with self._db.transaction() as conn:
            row = conn.execute("SELECT state FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None:
                raise KeyError(job_id)
            check_transition(JobState(row[0]), target)
            self._write(conn, job_id, {"state": target.value, **fields})
        updated = self.get(job_id)
        assert updated is not None
        return updated

    def update(self, job_id: str, **fields: Any) -> Job:
        """Change fields without changing the state (progress, next poll time)."""
        unknown = set(fields) - set(_FIELDS)
        if unknown:
            raise ValueError(f"not job fields: {sorted(unknown)}")
        with self._db.transaction() as conn:
            self._write(conn, job_id, fields)
        updated = self.get(job_id)
        assert updated is not None
        return updated

    def claim(self, job_id: str, pid: int | None = None) -> Job | None:
        """Make this process (or process `pid`) the job's runner, unless another live process already is."""
        me = process_id(pid)
        with self._db.transaction() as conn:
            row = conn.execute("SELECT engine FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None:
                return None
            engine = _metadata(job_id, row[0])
            owner = engine.get(RUNNER_PID)
            if owner not in (None, me) and alive(owner):
                return None
            if owner != me:
                engine[RUNNER_PID] = me
                self._write(conn, job_id, {"engine": engine})
        return self.get(job_id)

    def release(self, job_id: str, pid: int | None = None) -> None:
        """Give a job back (this runner stops without finishing it); a no-op if another owns it."""
        me = process_id(pid)
        with self._db.transaction() as conn:
            row = conn.execute("SELECT engine FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None:
                return
            engine = _metadata(job_id, row[0])
            if engine.get(RUNNER_PID) == me:
                del engine[RUNNER_PID]
                self._write(conn, job_id, {"engine": engine})

    def mark_interrupted_submissions(self) -> list[Job]:
        """At start-up: a job left `submitting` by a process that is gone may or may not have reached
        the relay; it becomes `unknown` and waits for the user ("submit again" / "discard"). A job whose send
        resumes from what it saved (`model.sends_on`) stays `submitting`: `resumable` lists it."""
        marked = []
        for job in self.recent(states=[JobState.SUBMITTING], limit=10_000):
            if alive(job.engine.get(OWNER_PID)) or sends_on(job):
                continue
            try:
                marked.append(self.transition(job.id, JobState.UNKNOWN, error=None))
            except IllegalTransition:  # it moved on meanwhile
                continue
        return marked

    def delete(self, job_id: str) -> None:
        self._db.execute("DELETE FROM jobs WHERE id = ?", (job_id,))

    @staticmethod
    def _write(conn: sqlite3.Connection, job_id: str, fields: dict[str, Any]) -> None:
        values: dict[str, Any] = {}
        if "error" in fields and "error_detail" not in fields:  # a new sentence never keeps an old code
            fields = {**fields, "error_detail": None}
        for key, value in fields.items():
            if key in ("result_urls", "texts"):
                value = json.dumps(list(value), ensure_ascii=False)
            elif key == "error_detail":
                value = None if value is None else json.dumps(value, ensure_ascii=False)
            elif key in ("metadata", "engine"):
                value = json.dumps(value, ensure_ascii=False)
            values[key] = value
        values["updated_at"] = time.time()
        sets = ", ".join(f"{k} = ?" for k in values)
        conn.execute(f"UPDATE jobs SET {sets} WHERE id = ?", (*values.values(), job_id))


def _job(r: sqlite3.Row) -> Job:
    try:
        return Job(
            id=r["id"], capability=r["capability"], family=r["family"], profile=r["profile"], model=r["model"],
            prompt=r["prompt"], request=json_object(r["request"]), state=JobState(r["state"]), remote_id=r["remote_id"],
            progress=r["progress"], error=r["error"], result_urls=tuple(_strings(r["result_urls"])),
            created_at=r["created_at"], updated_at=r["updated_at"], submitted_at=r["submitted_at"],
            metadata=json_object(r["metadata"]), engine=cast(Engine, json_object(r["engine"])),
            texts=tuple(_strings(r["texts"])), error_detail=_detail(r["error_detail"]),
        )
    except (ValueError, TypeError):  # json.JSONDecodeError is a ValueError; so is an unknown state
        raise _damaged(r["id"]) from None


def _readable(rows: Iterable[sqlite3.Row], reported: set[str]) -> list[Job]:
    """The jobs of `rows`, quarantining the damaged ones (one warning each, remembered in `reported`)."""
    jobs = []
    for row in rows:
        try:
            jobs.append(_job(row))
        except DamagedJob as exc:
            if row["id"] not in reported:
                reported.add(row["id"])
                log.warning("%s", exc)
    return jobs


def _strings(text: str | None) -> list[str]:
    value = json.loads(text or "[]")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError("a list of strings was expected")
    return value


def _detail(text: str | None) -> ErrorInfo | None:
    """A stored error description, or None when there is none or it is not one (it only words the error
    again: a damaged one leaves the English sentence, never the whole job, unreadable)."""
    try:
        value = json.loads(text) if text else None
    except ValueError:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("code"), str) or not isinstance(value.get("args"), dict):
        return None
    return cast(ErrorInfo, value)


def _metadata(job_id: str, text: str | None) -> dict[str, Any]:
    try:
        return json_object(text)
    except (ValueError, TypeError):
        raise _damaged(job_id) from None


def _damaged(job_id: str) -> DamagedJob:
    return DamagedJob(f"The saved data of job {job_id} is damaged (by hand or by a disk error); it is left alone.")
