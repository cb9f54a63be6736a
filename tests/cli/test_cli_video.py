"""`studio video` as a real subprocess for the OpenAI-style families - the Videos API, new-api's generic
route, `custom_video` and chat-format video: the saved MP4's path on stdout, `--json`, `--detach`, a
remix, and bad input refused in one sentence before anything is sent (docs/PROTOCOLS.md#video,
docs/ARCHITECTURE.md#cli-contract)."""

from __future__ import annotations

import json
from pathlib import Path

import av
import pytest

from tests.conftest import CliRunner
from tests.relay import RelayServer, videos
from tests.relay.fixtures import png_bytes

#: (arguments after the prompt, family, the route of the one POST)
FAMILIES = [
    (["-m", "sora-2", "--seconds", "4", "--size", "720x1280"], "openai-video", "/v1/videos"),
    (["-m", "hailuo-02", "--seconds", "6", "--aspect", "16:9"], "video-generations", "/v1/video/generations"),
    (["-m", "veo-2", "--family", "custom-video"], "custom-video", "/custom_video/model/veo-2"),
    (["-m", "vidu-video"], "chat", "/v1/chat/completions"),
]


def decodes(path: Path) -> bool:
    with av.open(str(path)) as container:
        return next(container.decode(video=0)).width > 0


def sent(relay: RelayServer) -> list[str]:
    return [r.path for r in relay.requests if r.method == "POST"]


@pytest.mark.parametrize(("args", "family", "route"), FAMILIES, ids=[f[1] for f in FAMILIES])
def test_video_prints_the_saved_mp4(studio_cli: CliRunner, relay: RelayServer, args: list[str], family: str,
                                    route: str) -> None:
    result = studio_cli("video", "a red fox runs", *args)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    (line,) = result.stdout.splitlines()
    path = Path(line)
    assert path.is_absolute() and path.suffix == ".mp4" and decodes(path)
    assert sent(relay) == [route]
    (job,) = json.loads(studio_cli("jobs", "--json").stdout)
    assert (job["family"], job["state"]) == (family, "done")
    assert bool(job["remote_id"]) is (family != "chat")  # a chat reply is no task


def test_json_names_the_job_and_its_asset_and_a_remix_starts_from_it(studio_cli: CliRunner,
                                                                     relay: RelayServer) -> None:
    result = studio_cli("video", "a fox by day", "-m", "sora-2", "--json")
    assert result.returncode == 0, result.stderr
    first = json.loads(result.stdout)
    assert (first["state"], first["family"], first["model"], first["prompt"]) == ("done", "openai-video", "sora-2",
                                                                                  "a fox by day")
    (asset,) = first["assets"]
    assert asset["kind"] == "video" and decodes(Path(asset["path"]))
    assert first["error"] is None and "sk-test" not in result.stdout

    remixed = studio_cli("video", "make it night", "--remix", asset["id"], "--json")
    assert remixed.returncode == 0, remixed.stderr
    second = json.loads(remixed.stdout)
    assert second["state"] == "done" and second["remote_id"] != first["remote_id"]
    assert videos.task(relay, second["remote_id"])["remixed_from"] == first["remote_id"]
    assert sent(relay)[-1] == f"/v1/videos/{first['remote_id']}/remix"


def test_detach_returns_the_submitted_job_and_jobs_wait_finishes_it(studio_cli: CliRunner,
                                                                    relay: RelayServer) -> None:
    result = studio_cli("video", "a patient fox", "-m", "sora-2", "--detach")
    assert result.returncode == 0, result.stderr
    job_id = result.stdout.strip()
    assert job_id and "\n" not in job_id
    (job,) = json.loads(studio_cli("jobs", "--json").stdout)
    assert job["job_id"] == job_id and job["state"] in ("submitted", "running") and job["remote_id"]
    waited = studio_cli("jobs", "wait", job_id)
    assert waited.returncode == 0, waited.stderr
    (line,) = waited.stdout.splitlines()
    assert decodes(Path(line))
    assert sent(relay) == ["/v1/videos"]  # one submit: waiting polls the task it already has


def test_a_start_frame_file_goes_with_the_job(studio_cli: CliRunner, relay: RelayServer, tmp_path: Path) -> None:
    frame = tmp_path / "start.png"
    frame.write_bytes(png_bytes(32, 18, (10, 20, 30)))
    result = studio_cli("video", "the fox wakes", "-m", "sora-2", "--image", str(frame), "--size", "1280x720")
    assert result.returncode == 0, result.stderr
    (task_id,) = videos.task_ids(relay)[-1:]
    assert videos.task(relay, task_id)["reference"] == (1280, 720)


def test_a_failed_video_exits_1_with_the_relays_reason(studio_cli: CliRunner, relay: RelayServer) -> None:
    result = studio_cli("video", "this one will fail", "-m", "sora-2")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == f"studio: The relay failed the video: {videos.FAIL_REASON}."


@pytest.mark.parametrize(("args", "sentence"), [
    (["", "-m", "sora-2"], "The prompt is empty."),
    (["a fox", "-m", "sora-2", "--loop"], "sora-2 (Videos API (/v1/videos)) takes no loop."),
    (["a fox", "-m", "sora-2", "--seconds", "5"],
     "sora-2 (Videos API (/v1/videos)) takes length 4, 8 or 12, not 5."),
    (["a fox", "-m", "veo-2", "--family", "custom-video", "--size", "1280x720"],
     "veo-2 (Custom video (/custom_video)) takes no size."),
])
def test_bad_input_exits_2_in_one_line_before_anything_is_sent(studio_cli: CliRunner, relay: RelayServer,
                                                               args: list[str], sentence: str) -> None:
    result = studio_cli("video", *args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == f"studio: {sentence}", result.stderr
    assert sent(relay) == [] and json.loads(studio_cli("jobs", "--json").stdout) == []


def test_a_text_file_renamed_png_is_refused_as_a_frame(studio_cli: CliRunner, relay: RelayServer,
                                                       tmp_path: Path) -> None:
    fake = tmp_path / "frame.png"
    fake.write_text("not a picture at all\n")
    result = studio_cli("video", "a fox", "-m", "sora-2", "--image", str(fake))
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "frame.png" in lines[0] and lines[0].endswith("."), result.stderr
    assert sent(relay) == []
