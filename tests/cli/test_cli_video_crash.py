"""Nothing paid for is lost with video either: `studio video` killed with SIGKILL half-way through a large
download, or while its task is polled, then a fresh start finishes the job with ONE submit on the relay's
log and the file whole and valid (docs/JOBS.md#what-resumes)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from studio.storage.media import probe, verify
from tests.cli.test_cli_crash import kill_when, only_job, start
from tests.conftest import CliRunner
from tests.relay import RelayServer, videos
from tests.relay.server import SLOW_VIDEO_SIZE


def assert_whole_video(path: str, size: int | None = None) -> None:
    assert Path(path).suffix == ".mp4" and verify(path, "video/mp4")
    assert probe(path).duration == 2.0
    if size is not None:
        assert Path(path).stat().st_size == size


def test_killed_half_way_through_a_large_video_resumes_the_part_with_range(
        case_cli: Callable[[str], CliRunner], cli_env: dict[str, str], relay: RelayServer,
        studio_home: Path) -> None:
    cli = case_cli("video-slow")  # the clip's link: a 64 MB MP4 sent in 20 pieces 0.1 s apart
    proc = start(cli_env, "video", "a red fox runs", "-m", "vidu-video")
    library = studio_home / "library"

    def half_downloaded() -> bool:
        return any(p.stat().st_size >= SLOW_VIDEO_SIZE // 2 for p in library.rglob("*.part"))

    kill_when(proc, half_downloaded)
    (part,) = library.rglob("*.part")
    kept = part.stat().st_size
    assert SLOW_VIDEO_SIZE // 2 <= kept < SLOW_VIDEO_SIZE
    assert only_job(cli)["state"] == "downloading"
    resumed = cli("jobs", "resume")
    assert resumed.returncode == 0, resumed.stderr
    (path,) = resumed.stdout.splitlines()
    assert_whole_video(path, SLOW_VIDEO_SIZE)
    assert not list(library.rglob("*.part"))
    fetches = [r for r in relay.requests if r.path.startswith("/files/slow/")]
    assert len(fetches) == 2 and int(fetches[1].headers["range"].removeprefix("bytes=").rstrip("-")) >= kept
    assert relay.hits("/chat/completions") == 1  # the paid request was sent once
    assert only_job(cli)["state"] == "done"
    (asset,) = json.loads(cli("gallery", "--kind", "video", "--json").stdout)
    assert (asset["path"], asset["size"], asset["duration"], asset["width"]) == (path, SLOW_VIDEO_SIZE, 2.0, 160)


def test_killed_while_a_sora_video_polls_resumes_without_a_second_submit(
        case_cli: Callable[[str], CliRunner], cli_env: dict[str, str], relay: RelayServer) -> None:
    cli = case_cli("videos-polls-60")
    earlier = set(videos.task_ids(relay))  # the server outlives tests: its store has other tests' videos
    proc = start(cli_env, "video", "a red fox runs", "-m", "sora-2", "--seconds", "4", "--size", "720x1280")

    def polling() -> bool:
        ids = [i for i in videos.task_ids(relay) if i not in earlier]
        return bool(ids) and videos.task(relay, ids[-1])["queries"] >= 4

    kill_when(proc, polling)
    job = only_job(cli)
    assert job["state"] in ("submitted", "running") and job["remote_id"] == videos.task_ids(relay)[-1]
    resumed = cli("jobs", "resume")
    assert resumed.returncode == 0, resumed.stderr
    (path,) = resumed.stdout.splitlines()
    assert_whole_video(path)
    assert relay.hits("/v1/videos") == 1  # one create; the rest were polls and the file
    assert videos.task(relay, job["remote_id"])["contents"] >= 1
    assert only_job(cli)["state"] == "done"
