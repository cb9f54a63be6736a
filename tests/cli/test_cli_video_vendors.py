"""`studio video -m <model>` as a real subprocess for every vendor-native video family: the saved MP4's path
on stdout, or exit 1 with the relay's reason (docs/PROTOCOLS.md#video, docs/ARCHITECTURE.md#cli-contract)."""

from __future__ import annotations

import json
from pathlib import Path

import av
import pytest

from tests.conftest import CliRunner
from tests.relay import RelayServer, jimeng, kling_video, luma, pika, runway, vidu
from tests.relay.fixtures import png_bytes

#: (model, family, the route the create went to, the sentence of a failed task)
FAMILIES = [
    ("kling-v1-6", "kling", "/kling/v1/videos/text2video", f"Kling failed the task: {kling_video.FAIL_REASON}."),
    ("luma-ray-2", "luma", "/luma/generations", f"Luma failed the generation: {luma.FAIL_REASON}."),
    ("vidu-1", "vidu", "/vidu/v1/tasks", f"Vidu failed the task: {vidu.ERR_CODE}."),
    ("gen3a_turbo", "runway", "/runway/v1/tasks", f"Runway failed the task: {runway.FAIL_REASON}."),
    ("jimeng_vgfm_t2v_l20", "jimeng", "/jimeng/", f"Jimeng failed the task: {jimeng.FAIL_REASON}"),
    ("pika-1.5", "pika", "/pika/generate", f"Pika failed the task: {pika.FAIL_REASON}."),
    ("pixverse-v3.5", "pixverse", "/pixverse/generate", "PixVerse failed the video: video_status 100."),
]


def decodes(path: Path) -> bool:
    with av.open(str(path)) as container:
        return next(container.decode(video=0)).width > 0


@pytest.mark.parametrize(("model", "family", "route", "reason"), FAMILIES, ids=[f[1] for f in FAMILIES])
def test_video_prints_the_saved_mp4(studio_cli: CliRunner, relay: RelayServer, model: str, family: str, route: str,
                                    reason: str) -> None:
    result = studio_cli("video", "a red fox runs", "-m", model)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    (line,) = result.stdout.splitlines()
    path = Path(line)
    assert path.is_absolute() and path.suffix == ".mp4" and decodes(path)
    creates = [r.path for r in relay.requests if r.method == "POST" and "GetResult" not in r.query]  # Jimeng polls POST
    assert creates == [route]
    (job,) = json.loads(studio_cli("jobs", "--json").stdout)
    assert (job["family"], job["state"]) == (family, "done") and job["remote_id"]


@pytest.mark.parametrize(("model", "family", "route", "reason"), FAMILIES, ids=[f[1] for f in FAMILIES])
def test_a_failed_task_exits_1_with_the_relay_s_reason(studio_cli: CliRunner, relay: RelayServer, model: str,
                                                       family: str, route: str, reason: str) -> None:
    result = studio_cli("video", "this one will fail", "-m", model)
    assert result.returncode == 1 and result.stdout == ""
    assert reason in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_kling_image_to_video_through_new_api_s_rewrite(studio_cli: CliRunner, relay: RelayServer,
                                                        tmp_path: Path) -> None:
    frame = tmp_path / "start.png"
    frame.write_bytes(png_bytes(16, 16, (10, 20, 30)))
    added = studio_cli("profile", "add", "newapi", "--base-url", f"{relay.url}/case/kling-newapi",
                       "--key-env", "RELAY_KEY")
    assert added.returncode == 0, added.stderr
    result = studio_cli("video", "it moves", "-m", "kling-v1", "--image", str(frame), "--profile", "newapi")
    assert result.returncode == 0, result.stderr
    assert decodes(Path(result.stdout.strip()))
    task_id = kling_video.task_ids(relay)[-1]
    assert kling_video.task(relay, task_id)["extra"]["kind"] == "image2video"


def test_luma_extend_of_a_finished_video(studio_cli: CliRunner, relay: RelayServer) -> None:
    first = studio_cli("video", "a fox", "-m", "luma", "--json")
    assert first.returncode == 0, first.stderr
    source = json.loads(first.stdout)
    result = studio_cli("video", "it jumps", "--extend", source["assets"][0]["id"])
    assert result.returncode == 0, result.stderr
    assert decodes(Path(result.stdout.strip()))
    assert relay.hits(f"/luma/generations/{source['remote_id']}/extend") == 1


def test_vidu_upscale_of_a_finished_clip(studio_cli: CliRunner, relay: RelayServer) -> None:
    first = studio_cli("video", "a panda", "-m", "vidu-1", "--json")
    assert first.returncode == 0, first.stderr
    source = json.loads(first.stdout)
    result = studio_cli("video", "--upscale", source["assets"][0]["id"])
    assert result.returncode == 0, result.stderr
    assert decodes(Path(result.stdout.strip()))
    upscale = vidu.task(relay, vidu.task_ids(relay)[-1])
    assert upscale["extra"]["upscales"] == vidu.clip_id(source["remote_id"])


def test_runway_with_a_start_frame_goes_to_the_official_api(studio_cli: CliRunner, relay: RelayServer,
                                                           tmp_path: Path) -> None:
    frame = tmp_path / "start.png"
    frame.write_bytes(png_bytes(16, 16, (10, 20, 30)))
    result = studio_cli("video", "it turns", "-m", "gen4_turbo", "--image", str(frame), "--ratio", "1280:768")
    assert result.returncode == 0, result.stderr
    assert decodes(Path(result.stdout.strip()))
    assert [r.path for r in relay.requests if r.method == "POST"] == ["/runwayml/v1/image_to_video"]


def test_pixverse_extend_of_a_finished_video(studio_cli: CliRunner, relay: RelayServer) -> None:
    first = studio_cli("video", "a lighthouse", "-m", "pixverse-v3.5", "--json")
    assert first.returncode == 0, first.stderr
    source = json.loads(first.stdout)
    result = studio_cli("video", "the storm comes", "--extend", source["assets"][0]["id"], "--seconds", "8")
    assert result.returncode == 0, result.stderr
    assert decodes(Path(result.stdout.strip()))
    extend = [r.json() for r in relay.requests if r.path == "/pixverse/generate"][-1]
    assert (extend["original_video_id"], extend["duration"]) == (int(source["remote_id"]), 8)
