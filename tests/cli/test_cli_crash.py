"""Nothing paid for is lost: the CLI killed with SIGKILL mid-job, then a fresh start (docs/JOBS.md#what-resumes)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from tests.conftest import ROOT, CliRunner
from tests.relay import RelayServer


def start(cli_env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "studio", *args], cwd=ROOT, env=cli_env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def kill_when(proc: subprocess.Popen[str], ready: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the process never reached the point to kill it at"
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)


def only_job(cli: CliRunner) -> dict:  # type: ignore[type-arg]
    (job,) = json.loads(cli("jobs", "--json").stdout)
    return job  # type: ignore[no-any-return]


def assert_valid_image(path: str) -> None:
    with Image.open(path) as image:
        image.load()


def test_killed_while_polling_midjourney_resumes_without_a_second_submit(
        case_cli: Callable[[str], CliRunner], cli_env: dict[str, str], relay: RelayServer) -> None:
    cli = case_cli("mj-polls-60")
    proc = start(cli_env, "mj", "imagine", "a cat")

    def polling() -> bool:
        ids = relay.mj_task_ids()
        return bool(ids) and relay.mj_task(ids[-1])["fetches"] >= 4

    kill_when(proc, polling)
    job = only_job(cli)
    assert job["state"] in ("submitted", "running") and job["remote_id"]
    resumed = cli("jobs", "resume")
    assert resumed.returncode == 0, resumed.stderr
    (path,) = resumed.stdout.splitlines()
    assert_valid_image(path)
    assert relay.hits("/submit/imagine") == 1
    assert only_job(cli)["state"] == "done"


def test_killed_mid_download_resumes_the_half_written_file(
        case_cli: Callable[[str], CliRunner], cli_env: dict[str, str], relay: RelayServer,
        studio_home: Path) -> None:
    cli = case_cli("image-slow")
    proc = start(cli_env, "image", "a red fox", "-m", "dall-e-3")
    library = studio_home / "library"

    def half_written() -> bool:
        return any(p.stat().st_size > 0 for p in library.rglob("*.part"))

    kill_when(proc, half_written)
    assert only_job(cli)["state"] == "downloading"
    resumed = cli("jobs", "resume")
    assert resumed.returncode == 0, resumed.stderr
    (path,) = resumed.stdout.splitlines()
    assert_valid_image(path)
    assert not list(library.rglob("*.part"))
    fetches = [r for r in relay.requests if r.path.startswith("/files/slow/")]
    assert len(fetches) == 2 and fetches[1].headers.get("range", "").startswith("bytes=")
    assert relay.hits("/images/generations") == 1


def test_killed_between_sending_and_the_answer_is_unknown_and_never_resent(
        case_cli: Callable[[str], CliRunner], cli_env: dict[str, str], relay: RelayServer) -> None:
    cli = case_cli("slow-first-byte")
    proc = start(cli_env, "image", "a red fox", "-m", "dall-e-3")
    kill_when(proc, lambda: relay.hits("/images/generations") == 1)
    job = only_job(cli)
    assert job["state"] == "unknown"
    resumed = cli("jobs", "resume")
    assert resumed.returncode == 0 and f"jobs retry {job['job_id']}" in resumed.stderr
    assert only_job(cli)["state"] == "unknown"
    time.sleep(2.2)  # the relay's slow answer to the killed request is over
    assert relay.hits("/images/generations") == 1


def test_three_resumes_at_once_wait_for_the_driver_and_all_exit_0(
        case_cli: Callable[[str], CliRunner], cli_env: dict[str, str], relay: RelayServer,
        studio_home: Path) -> None:
    from studio.services.core import StudioCore
    from studio.storage.paths import DataPaths

    cli = case_cli("slow-first-byte")  # each submit takes 2 s: the other resumes see it being sent
    core = StudioCore.open(DataPaths(studio_home))  # jobs saved but never sent: every resume may take them
    try:
        for i in range(3):
            core.jobs.create_image(f"a fox number {i}", model="dall-e-3")
    finally:
        core.db.close()
    procs = [start(cli_env, "jobs", "resume") for _ in range(3)]
    results = [(p.wait(timeout=90), *p.communicate()) for p in procs]
    for code, _stdout, stderr in results:
        assert code == 0, stderr  # none gave up on a job another one was still sending
    printed = {line for _code, stdout, _stderr in results for line in stdout.splitlines()}
    assert len(printed) == 3 and all(Path(p).exists() for p in printed)
    assert relay.hits("/images/generations") == 3  # each job sent once
    assert {j["state"] for j in json.loads(cli("jobs", "--json").stdout)} == {"done"}
