"""Job runner under load: N Midjourney imagine jobs submitted, polled and downloaded concurrently by one
JobRunner (a temp STUDIO_HOME, the relay test server in a subprocess), against the same number of bare
httpx polls of the same kind of task measured in the same run.

Each task stays IN_PROGRESS for `--polls` fetches (case `mj-polls-N` in the profile's base URL), so a job
is polled polls+3 times; `jobs.poll_scale` is set so a batch takes about 15 s. Prints:
  * client CPU per poll: all CPU of this process during a batch (submits, polls, store writes, events,
    grid downloads and splits) divided by the polls made - an upper bound (target < 5 ms);
  * bare httpx GET + json per poll on the same tasks (baseline) and the ratio runner / bare;
  * the worst lateness of a 10 ms asyncio ticker during the batch (target < 50 ms: nothing blocks the loop);
  * jobs done (target: all N), polls, wall time;
  * current RSS before, after a first and after a second batch of N jobs; target: the second batch
    grows RSS by < 20 MB (memory is bounded, not proportional to jobs ever run).

Usage: .venv/bin/python benchmarks/jobs.py [--jobs N] [--polls N]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import resource
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studio.jobs.midjourney import MidjourneyHandler  # noqa: E402
from studio.jobs.model import Job, JobState  # noqa: E402
from studio.services.core import StudioCore  # noqa: E402
from studio.storage.paths import DataPaths  # noqa: E402
from studio.storage.secrets import Redactor, SecretStore  # noqa: E402
from tests.relay.process import relay_process  # noqa: E402
from tests.support.keyrings import MemoryKeyring  # noqa: E402

KEY = "sk-test"
BATCH_SECONDS = 15.0  # wanted wall time of one batch, at the MJ poll floor of 3 s x poll_scale
CPU_TARGET_MS, STALL_TARGET_MS, RSS_TARGET_MB = 5.0, 50.0, 20.0


def rss_mb() -> float:
    """Current resident set size; peak RSS where /proc is missing."""
    gc.collect()
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 1024


class Ticker:
    """Records the worst lateness of a 10 ms sleep: how long the event loop was ever blocked."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        while True:
            started = time.perf_counter()
            await asyncio.sleep(0.01)
            self.worst = max(self.worst, time.perf_counter() - started - 0.01)

    def __enter__(self) -> Ticker:
        self._task = asyncio.get_running_loop().create_task(self._tick())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()


async def measured(work: Callable[[], Awaitable[Any]]) -> tuple[Any, float, float, float]:
    """(result, CPU seconds, wall seconds, worst loop stall in seconds) of `await work()`."""
    with Ticker() as ticker:
        cpu, wall = time.process_time(), time.perf_counter()
        result = await work()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return result, cpu, wall, ticker.worst


async def bare_polls(url: str, jobs: int, polls: int) -> tuple[int, float]:
    """Submit `jobs` tasks with bare httpx, then fetch each until it is done: (fetches, CPU seconds)."""
    async with httpx.AsyncClient(base_url=f"{url}/case/mj-polls-{polls}", timeout=60,
                                 headers={"Authorization": f"Bearer {KEY}"}) as http:
        async def submit(i: int) -> str:
            reply = await http.post("/mj/submit/imagine", json={"prompt": f"bare {i}", "state": str(i)})
            return str(reply.raise_for_status().json()["result"])

        async def fetch(task_id: str) -> str:
            reply = await http.get(f"/mj/task/{task_id}/fetch")
            return str(reply.raise_for_status().json()["status"])

        ids = await asyncio.gather(*(submit(i) for i in range(jobs)))
        count, cpu = 0, time.process_time()
        while ids:
            statuses = await asyncio.gather(*(fetch(i) for i in ids))
            count += len(ids)
            ids = [i for i, s in zip(ids, statuses, strict=True) if s not in ("SUCCESS", "FAILURE")]
        return count, time.process_time() - cpu


def create(core: StudioCore, jobs: int) -> list[Job]:
    return [core.jobs.create_mj("imagine", f"a lighthouse at dusk, take {i}") for i in range(jobs)]


async def batch(core: StudioCore, created: list[Job]) -> tuple[int, int]:
    """Run saved jobs to the end, as `studio jobs run` does: (jobs done with their grid saved, jobs)."""
    runner = core.jobs.runner
    for job in created:
        runner.run(job.id)
    finished = await asyncio.gather(*(runner.wait(job.id) for job in created))
    done = [j for j in finished if j.state is JobState.DONE and j.metadata.get("quadrants")]
    return len(done), len(finished)


async def bench(url: str, home: Path, jobs: int, polls: int) -> None:
    polls_made = 0
    original = MidjourneyHandler.poll

    async def counted(self: MidjourneyHandler, *args: Any, **kwargs: Any) -> Any:
        nonlocal polls_made
        polls_made += 1
        return await original(self, *args, **kwargs)

    MidjourneyHandler.poll = counted  # type: ignore[method-assign]
    bare_count, bare_cpu = await bare_polls(url, jobs, polls)
    core = StudioCore.open(DataPaths(home), secrets=SecretStore(Redactor(), MemoryKeyring()))
    try:
        core.profiles.add("local", f"{url}/case/mj-polls-{polls}", key=KEY, make_default=True)
        scale = BATCH_SECONDS / (3.0 * (polls + 2))
        core.settings.set("jobs.poll_scale", scale)
        await core.jobs.runner.start()
        rss = [rss_mb()]
        first = create(core, jobs)
        (done, total), cpu, wall, stall = await measured(lambda: batch(core, first))
        first_polls = polls_made
        rss.append(rss_mb())
        second_batch = create(core, jobs)
        (done2, _), cpu2, wall2, stall2 = await measured(lambda: batch(core, second_batch))
        rss.append(rss_mb())
    finally:
        await core.aclose()
        MidjourneyHandler.poll = original  # type: ignore[method-assign]

    per_poll = cpu / max(first_polls, 1) * 1000
    second = cpu2 / max(polls_made - first_polls, 1) * 1000
    bare = bare_cpu / max(bare_count, 1) * 1000
    growth1, growth2 = rss[1] - rss[0], rss[2] - rss[1]
    rows = [
        ("jobs done (batch 1)", f"{done} / {total}", f"= {jobs}", done == jobs),
        ("jobs done (batch 2)", f"{done2} / {jobs}", f"= {jobs}", done2 == jobs),
        ("client CPU per poll", f"{per_poll:.2f} ms", f"< {CPU_TARGET_MS:.0f} ms", per_poll < CPU_TARGET_MS),
        ("  same, batch 2", f"{second:.2f} ms", f"< {CPU_TARGET_MS:.0f} ms", second < CPU_TARGET_MS),
        ("  bare httpx per poll", f"{bare:.2f} ms", "baseline", None),
        ("  ratio runner / bare", f"{per_poll / bare:.1f} x", "", None),
        ("worst loop stall", f"{stall * 1000:.1f} ms", f"< {STALL_TARGET_MS:.0f} ms", stall * 1000 < STALL_TARGET_MS),
        ("  same, batch 2", f"{stall2 * 1000:.1f} ms", f"< {STALL_TARGET_MS:.0f} ms", stall2 * 1000 < STALL_TARGET_MS),
        ("RSS growth, batch 1", f"{growth1:+.1f} MB", "", None),
        ("RSS growth, batch 2", f"{growth2:+.1f} MB", f"< {RSS_TARGET_MB:.0f} MB", growth2 < RSS_TARGET_MB),
    ]
    print(f"{jobs} Midjourney jobs x {polls} in-progress fetches, poll_scale {scale:.3f} "
          f"(poll every {3 * scale:.2f} s)")
    print(f"  batch 1: {first_polls} polls in {wall:.1f} s ({first_polls / wall:.0f}/s of {jobs / (3 * scale):.0f}/s "
          f"planned), CPU {cpu:.2f} s ({cpu / wall:.0%} of a core); batch 2: {polls_made - first_polls} polls "
          f"in {wall2:.1f} s, CPU {cpu2:.2f} s")
    print(f"  bare httpx: {bare_count} polls, CPU {bare_cpu:.2f} s")
    print(f"  RSS: before {rss[0]:.1f} MB, after batch 1 {rss[1]:.1f} MB, after batch 2 {rss[2]:.1f} MB")
    missed = []
    for label, value, target, ok in rows:
        verdict = "" if ok is None else ("PASS" if ok else "MISS")
        print(f"  {label:24} {value:>12}   {target:10} {verdict}")
        if ok is False:
            missed.append(label.strip())
    print("all targets met" if not missed else f"MISSED: {', '.join(missed)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=200)
    parser.add_argument("--polls", type=int, default=20, help="IN_PROGRESS fetches per task")
    args = parser.parse_args()
    with relay_process() as url, tempfile.TemporaryDirectory() as home:
        asyncio.run(bench(url, Path(home), args.jobs, args.polls))


if __name__ == "__main__":
    main()
