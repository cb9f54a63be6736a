"""`studio image`, `studio mj …` and `studio jobs …`: generation jobs from the command line.

stdout of a generation is the absolute path of each saved file, one per line (describe and shorten
print their prompts); progress and notes go to stderr. `--detach` returns once the job is saved and
submitted, printing only its id. Ctrl-C leaves the job in the store (`studio jobs resume`).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import TYPE_CHECKING, Any

from studio.cli.output import note, print_json, print_table, read_stdin_text
from studio.errors import InputError, StudioError
from studio.jobs.model import Job, JobState
from studio.storage.paths import contains

if TYPE_CHECKING:
    from studio.jobs.runner import JobEvent
    from studio.services.core import StudioCore


class JobFailed(StudioError):
    """The job ended without its files (failed, unknown, cancelled, or links only)."""


# -- shared ----------------------------------------------------------------------------------------


def job_json(core: StudioCore, job: Job) -> dict[str, Any]:
    """The job as `--json` prints it; links and errors scrubbed again (rows saved before links were
    stored masked, and keys echoed in forms the store did not know yet)."""
    assets = core.gallery.for_job(job.id)
    redact = core.redactor.redact
    document: dict[str, Any] = {
        "job_id": job.id, "state": job.state.value, "family": job.family, "model": job.model,
        "prompt": job.prompt, "remote_id": job.remote_id,
        "assets": [{"id": a.id, "kind": a.kind, "path": str(a.path),
                    "remote_url": redact(a.remote_url) if a.remote_url else None} for a in assets],
        "error": redact(job.error) if job.error else job.error, "capability": job.capability,
        "profile": job.profile, "progress": job.progress, "family_reason": job.metadata.get("family_reason"),
        "created_at": job.created_at, "result_urls": [_shown(redact(u)) for u in job.result_urls if u],
    }
    for key in ("buttons", "label", "clips", "clip_ids", "failed_clips", "title"):  # Suno's clips and lyrics title
        if key in job.metadata:
            document[key] = job.metadata[key]
    if job.texts:
        document["texts"] = list(job.texts)
    if "quadrants" in job.metadata:  # only files where the grid split puts them (the database is input)
        document["quadrants"] = [q for q in job.metadata["quadrants"] if contains(core.paths.thumbs, q)]
    return document


def _shown(link: str) -> str:
    """A link as printed: result bytes kept as a `data:` link are summarised, not dumped."""
    if link.startswith("data:"):
        return f"{link.split(',', 1)[0]},… ({len(link) * 3 // 4} bytes, kept in the job)"
    return link


class _Progress:
    """A live progress bar (rich) on stderr while a job runs, used only when stderr is a terminal, so a
    script reads only the paths on stdout and, on failure, one sentence on stderr."""

    def __init__(self, job: Job) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._job_id = job.id
        self._bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                             TextColumn("{task.percentage:>3.0f}%"), TimeElapsedColumn(),
                             console=Console(stderr=True), transient=True)
        self._task = self._bar.add_task(self._describe(job, ""), total=100)

    def __enter__(self) -> _Progress:
        self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.stop()

    @staticmethod
    def _describe(job: Job, note: str) -> str:
        text = f"{job.id} {job.state.value}"
        return f"{text} · {note[:60]}" if note else text

    def __call__(self, event: JobEvent) -> None:
        job = event.job
        if job.id != self._job_id or event.asset is not None:
            return
        self._bar.update(self._task, description=self._describe(job, event.note), completed=job.progress or 0)


async def _follow_live(core: StudioCore, job: Job, live: bool) -> Job:
    """Wait for `job`, with the progress bar when `live`."""
    runner = core.jobs.runner
    if not live:
        return await runner.wait(job.id)
    progress = _Progress(job)
    unsubscribe = runner.subscribe(progress)
    try:
        with progress:
            return await runner.wait(job.id)
    finally:
        unsubscribe()


def report_job(core: StudioCore, job: Job, as_json: bool) -> int:
    """Print a finished job the way docs/ARCHITECTURE.md#cli-contract says; raise `JobFailed` when it has no files."""
    if as_json:
        print_json(job_json(core, job))
    if job.state is JobState.DONE:
        if not as_json:
            for text in job.texts:  # describe's prompts, lyrics, a transcript: the result itself
                sys.stdout.write(text + "\n")
            for asset in core.gallery.for_job(job.id):
                sys.stdout.write(f"{asset.path}\n")
            sys.stdout.flush()
        return 0
    if job.state is JobState.DONE_REMOTE_ONLY:
        links = " ".join(core.redactor.redact(link) for link in job.temporary_links)
        where = f" Temporary link: {links}" if links else ""
        raise JobFailed(f"{job.error}{where} — `studio jobs retry {job.id}` downloads again.")
    if job.state is JobState.UNKNOWN:
        raise JobFailed(f"{job.error or 'The job may or may not have reached the relay.'} "
                        f"`studio jobs retry {job.id}` submits it again.")
    if job.state is JobState.CANCELLED:
        raise JobFailed(f"Job {job.id} was cancelled.")
    saved = len(core.gallery.for_job(job.id))  # what its task finished before it failed (a Suno clip) is kept
    kept = f" It saved {saved} file(s) first: `studio jobs show {job.id}` lists them." if saved else ""
    raise JobFailed(f"{job.error or f'Job {job.id} failed.'}{kept}")


async def finish(core: StudioCore, job: Job, args: argparse.Namespace) -> Job:
    """Run `job` here (resuming other unfinished jobs alongside) until it settles, with the progress bar on a
    terminal, for a command that prints something of its own from the result (music's audio paths, `-o`);
    a job that did not finish is reported as `report_job` words it (`JobFailed`), not returned."""
    await core.jobs.runner.start()
    done = await _follow_live(core, job, sys.stderr.isatty() and not getattr(args, "json", False))
    if done.state is not JobState.DONE:
        report_job(core, done, getattr(args, "json", False))  # raises for every state but done
    return done


async def follow(core: StudioCore, job: Job, args: argparse.Namespace) -> int:
    """Run `job` (resuming other unfinished jobs alongside) and report it."""
    runner = core.jobs.runner
    await runner.start()
    detach = getattr(args, "detach", False)
    if detach:
        # submitted with its task id stored; results that came with the answer are saved before returning
        waiting = (JobState.SAVED, JobState.SUBMITTING, JobState.DOWNLOADING)
        done = await runner.wait(job.id, until=lambda j: j.state not in waiting)
        if done.state in (JobState.FAILED, JobState.UNKNOWN, JobState.CANCELLED, JobState.DONE_REMOTE_ONLY):
            return report_job(core, done, args.json)
        if args.json:
            print_json(job_json(core, done))
        else:
            sys.stdout.write(done.id + "\n")
        return 0
    live = sys.stderr.isatty() and not args.json
    if live:
        note(f"job {job.id}: {job.model} via {job.family} ({job.metadata.get('family_reason', '')})")
    return report_job(core, await _follow_live(core, job, live), args.json)


# -- generation commands ---------------------------------------------------------------------------


async def image(core: StudioCore, args: argparse.Namespace) -> int:
    job = await asyncio.to_thread(
        core.jobs.create_image, _text(args.prompt), model=args.model, n=args.n, size=args.size,
        quality=args.quality, images=args.edit, mask=args.mask, family=args.family, profile=args.profile,
        variation=args.variation, mode=args.mode, action=args.image_action,
    )
    return await follow(core, job, args)


async def video(core: StudioCore, args: argparse.Namespace) -> int:
    job = await asyncio.to_thread(
        core.jobs.create_video, _text(args.prompt), model=args.model, image=args.image, end_image=args.end_image,
        seconds=args.seconds, size=args.size, aspect=args.aspect, ratio=args.ratio,
        negative_prompt=args.negative_prompt, mode=args.video_mode, cfg_scale=args.cfg_scale, loop=args.loop,
        remix=args.remix, extend=args.extend, upscale=args.upscale, family=args.family, profile=args.profile,
    )
    return await follow(core, job, args)


async def mj(core: StudioCore, args: argparse.Namespace) -> int:
    action = args.action
    if action == "action":
        job = await asyncio.to_thread(core.jobs.create_mj_action, args.job_id, args.button,
                                      prompt=args.prompt, mask=args.mask)
    elif action == "imagine":
        job = await asyncio.to_thread(core.jobs.create_mj, "imagine", _text(args.prompt), images=args.image,
                                      mode=args.mode, profile=args.profile)
    elif action == "shorten":
        job = await asyncio.to_thread(core.jobs.create_mj, "shorten", _text(args.prompt), mode=args.mode,
                                      profile=args.profile)
    elif action == "blend":
        job = await asyncio.to_thread(core.jobs.create_mj, "blend", images=args.paths, mode=args.mode,
                                      dimensions=args.dimensions, profile=args.profile)
    elif action == "describe":
        job = await asyncio.to_thread(core.jobs.create_mj, "describe", images=[args.path], mode=args.mode,
                                      profile=args.profile)
    else:
        job = await asyncio.to_thread(core.jobs.create_mj, "swap-face", images=[args.source, args.target],
                                      mode=args.mode, profile=args.profile)
    return await follow(core, job, args)


def _text(prompt: str) -> str:
    return read_stdin_text() if prompt == "-" else prompt


# -- studio jobs -----------------------------------------------------------------------------------


def jobs_list(core: StudioCore, args: argparse.Namespace) -> int:
    states = None
    if args.state:
        try:
            states = [JobState(s.strip().lower()) for s in args.state.split(",")]
        except ValueError:
            names = ", ".join(s.value for s in JobState)
            raise InputError(f"Unknown job state in {args.state!r}; choose from {names}.") from None
    jobs = core.jobs.store.recent(states=states, limit=args.limit)
    if args.json:
        print_json([job_json(core, j) for j in jobs])
        return 0
    rows = [[j.id, j.state.value + (f" {j.progress:.0f}%" if j.progress is not None and not j.finished else ""),
             j.family, j.model, _clip(j.metadata.get("label") or j.prompt)] for j in jobs]
    print_table(rows, header=["ID", "STATE", "FAMILY", "MODEL", "PROMPT"])
    return 0


def jobs_show(core: StudioCore, args: argparse.Namespace) -> int:
    job = core.jobs.find(args.job_id)
    if args.json:
        print_json(job_json(core, job))
        return 0
    document = job_json(core, job)
    for key in ("job_id", "state", "family", "family_reason", "model", "profile", "prompt", "remote_id",
                "progress", "error"):
        if document.get(key) not in (None, ""):
            sys.stdout.write(f"{key}: {document[key]}\n")
    for asset in document["assets"]:
        sys.stdout.write(f"asset {asset['id']}: {asset['path']}\n")
    for url in document["result_urls"]:
        sys.stdout.write(f"link: {url}\n")
    for button in document.get("buttons") or []:
        sys.stdout.write(f"button: {button.get('label') or button.get('emoji')}  {button['customId']}\n")
    return 0


async def jobs_wait(core: StudioCore, args: argparse.Namespace) -> int:
    job = core.jobs.find(args.job_id)
    await core.jobs.runner.start()
    return report_job(core, await _follow_live(core, job, sys.stderr.isatty() and not args.json), args.json)


async def jobs_cancel(core: StudioCore, args: argparse.Namespace) -> int:
    job = core.jobs.find(args.job_id)
    cancelled = await core.jobs.runner.cancel(job.id)  # InputError when its state cannot be cancelled
    if args.json:
        print_json(job_json(core, cancelled))
    else:
        note(f"job {job.id} cancelled.")
    return 0


async def jobs_retry(core: StudioCore, args: argparse.Namespace) -> int:
    job = core.jobs.find(args.job_id)
    retried = await core.jobs.runner.retry(job.id)  # InputError when its state cannot be retried
    return await follow(core, retried, args)


async def jobs_resume(core: StudioCore, args: argparse.Namespace) -> int:
    """Finish every unfinished job (also ones saved but never sent) before returning."""
    runner = core.jobs.runner
    resumed = await runner.start()
    saved = await asyncio.to_thread(core.jobs.store.recent, states=[JobState.SAVED], limit=10_000)
    for job in saved:
        runner.run(job.id)
    # being sent by another live process (a submit whose sender died was marked unknown by `start`)
    sending = await asyncio.to_thread(core.jobs.store.recent, states=[JobState.SUBMITTING], limit=10_000)
    ids = list(dict.fromkeys(j.id for j in resumed + saved + sending))
    for job in await asyncio.to_thread(core.jobs.store.recent, states=[JobState.UNKNOWN], limit=10_000):
        note(f"job {job.id} is unknown (it may have reached the relay); `studio jobs retry {job.id}` submits it "
             "again.")
    if not ids:
        note("no unfinished jobs.")
        if args.json:
            print_json([])
        return 0
    note(f"resuming {len(ids)} job(s)…")
    finished = await asyncio.gather(*(runner.wait(i) for i in ids))
    if args.json:
        print_json([job_json(core, j) for j in finished])
    failed = 0
    for job in finished:
        if job.state is JobState.DONE:
            if not args.json:
                for asset in core.gallery.for_job(job.id):
                    sys.stdout.write(f"{asset.path}\n")
        else:
            failed += 1
            note(f"job {job.id} {job.state.value}: {job.error or ''}".rstrip(": "))
    return 1 if failed else 0


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
