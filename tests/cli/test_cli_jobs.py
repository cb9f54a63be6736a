"""`studio image`, `studio mj`, `studio jobs` and `studio gallery` as real subprocesses
(docs/ARCHITECTURE.md#cli-contract)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli_chat import assert_clean_failure
from tests.conftest import CliRunner
from tests.relay import RelayServer
from tests.relay.fixtures import png_bytes


def paths(stdout: str) -> list[Path]:
    lines = stdout.splitlines()
    assert lines and all(Path(line).is_absolute() for line in lines), stdout
    return [Path(line) for line in lines]


def test_image_prints_only_the_saved_paths(studio_cli: CliRunner, relay: RelayServer) -> None:
    result = studio_cli("image", "a red fox", "-m", "dall-e-3", "-n", "2", "--size", "1024x1024")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    files = paths(result.stdout)
    assert len(files) == 2 and all(f.read_bytes().startswith(b"\x89PNG") for f in files)
    sent = next(r for r in relay.requests if r.path.endswith("/images/generations")).json()
    assert (sent["n"], sent["size"], sent["model"]) == (2, "1024x1024", "dall-e-3")


def test_image_json_and_the_job_and_gallery_listings(studio_cli: CliRunner) -> None:
    result = studio_cli("image", "a red fox", "-m", "gpt-image-1", "--json")
    doc = json.loads(result.stdout)
    assert set(doc) >= {"job_id", "state", "family", "model", "prompt", "remote_id", "assets", "error"}
    assert doc["state"] == "done" and doc["family"] == "openai-images" and doc["error"] is None
    (asset,) = doc["assets"]
    assert set(asset) >= {"id", "kind", "path", "remote_url"} and Path(asset["path"]).exists()

    jobs = json.loads(studio_cli("jobs", "--json").stdout)
    assert [j["job_id"] for j in jobs] == [doc["job_id"]]
    listed = json.loads(studio_cli("gallery", "list", "--search", "red fox", "--json").stdout)
    assert set(listed[0]) >= {"id", "kind", "path", "prompt", "model", "created_at", "favorite", "job_id"}
    assert listed[0]["job_id"] == doc["job_id"]
    assert json.loads(studio_cli("gallery", "--search", "banana", "--json").stdout) == []

    shown = studio_cli("jobs", "show", doc["job_id"][:6])
    assert "family: openai-images" in shown.stdout and "default for image models" in shown.stdout
    assert studio_cli("gallery", "favorite", asset["id"]).returncode == 0
    assert json.loads(studio_cli("gallery", "show", asset["id"], "--json").stdout)["favorite"] is True


def test_gallery_export_and_delete(studio_cli: CliRunner, tmp_path: Path) -> None:
    (made,) = paths(studio_cli("image", "a red fox", "-m", "dall-e-3").stdout)
    asset_id = made.stem
    out = tmp_path / "out"
    out.mkdir()
    exported = studio_cli("gallery", "export", asset_id, str(out))
    assert exported.returncode == 0 and Path(exported.stdout.strip()).read_bytes() == made.read_bytes()
    assert_clean_failure(studio_cli("gallery", "export", asset_id, str(out)), code=2)  # never overwrites
    assert studio_cli("gallery", "delete", asset_id).returncode == 0
    assert not made.exists()
    assert_clean_failure(studio_cli("gallery", "show", asset_id), code=2)


def test_detach_returns_the_id_and_wait_follows_it(studio_cli: CliRunner, relay: RelayServer) -> None:
    studio_cli("profile", "add", "local", "--base-url", relay.url + "/case/mj-polls-5", "--key-env", "RELAY_KEY")
    detached = studio_cli("mj", "imagine", "a cat", "--detach")
    assert detached.returncode == 0, detached.stderr
    job_id = detached.stdout.strip()
    assert len(job_id) == 12 and relay.hits("/submit/imagine") == 1
    shown = json.loads(studio_cli("jobs", "show", job_id, "--json").stdout)
    assert shown["state"] in ("submitted", "running") and shown["remote_id"]
    waited = studio_cli("jobs", "wait", job_id)
    assert waited.returncode == 0, waited.stderr
    assert len(paths(waited.stdout)) == 1 and relay.hits("/submit/imagine") == 1


def test_mj_buttons_describe_and_shorten(studio_cli: CliRunner, tmp_path: Path) -> None:
    grid = json.loads(studio_cli("mj", "imagine", "a cat", "--json").stdout)
    assert grid["state"] == "done" and len(grid["buttons"]) >= 9
    upscaled = studio_cli("mj", "action", grid["job_id"], "U3")
    assert upscaled.returncode == 0, upscaled.stderr
    assert len(paths(upscaled.stdout)) == 1
    assert_clean_failure(studio_cli("mj", "action", grid["job_id"], "zoom-2x"), code=2)  # a grid has no zoom

    image = tmp_path / "photo.png"
    image.write_bytes(png_bytes(8, 8))
    described = studio_cli("mj", "describe", str(image))
    assert described.returncode == 0 and len(described.stdout.strip().splitlines()) == 4
    shortened = studio_cli("mj", "shorten", "a very long prompt about a cat")
    assert len(shortened.stdout.strip().splitlines()) == 5


def test_bad_input_exits_2_before_anything_is_sent(studio_cli: CliRunner, relay: RelayServer,
                                                   tmp_path: Path) -> None:
    fake = tmp_path / "picture.png"
    fake.write_text("<html><body>error</body></html>")
    assert_clean_failure(studio_cli("image", "  ", "-m", "dall-e-3"), code=2)
    assert_clean_failure(studio_cli("image", "x", "--edit", str(fake)), code=2)
    assert_clean_failure(studio_cli("image", "x", "--edit", str(tmp_path / "missing.png")), code=2)
    assert_clean_failure(studio_cli("image", "x", "--size", "big"), code=2)
    assert_clean_failure(studio_cli("image", "x", "--family", "dalle"), code=2)
    assert_clean_failure(studio_cli("mj", "blend", str(fake)), code=2)
    assert not [r for r in relay.requests if r.method == "POST"]


def test_relay_refusals_and_dead_links_exit_1_with_one_sentence(studio_cli: CliRunner, relay: RelayServer) -> None:
    banned = studio_cli("mj", "imagine", "nude body")
    assert_clean_failure(banned)
    assert "banned word" in banned.stderr
    studio_cli("profile", "add", "local", "--base-url", relay.url + "/case/image-html", "--key-env", "RELAY_KEY")
    dead = studio_cli("image", "a red fox", "-m", "dall-e-3")
    assert_clean_failure(dead)
    assert "Temporary link: http" in dead.stderr and "jobs retry" in dead.stderr
    assert json.loads(studio_cli("jobs", "--state", "done_remote_only", "--json").stdout)[0]["result_urls"]


def test_family_flag_and_override(studio_cli: CliRunner, relay: RelayServer) -> None:
    forced = json.loads(studio_cli("image", "a red fox", "-m", "my-painter", "--family", "chat", "--json").stdout)
    assert forced["family"] == "chat" and forced["family_reason"] == "override"
    assert relay.hits("/chat/completions") == 1


def test_detach_keeps_results_that_came_with_the_answer(studio_cli: CliRunner) -> None:
    detached = studio_cli("image", "a red fox", "-m", "dall-e-3", "-n", "2", "--detach")
    assert detached.returncode == 0, detached.stderr
    job_id = detached.stdout.strip()
    shown = json.loads(studio_cli("jobs", "show", job_id, "--json").stdout)
    assert shown["state"] == "done" and len(shown["assets"]) == 2  # the links were fetched before returning


def test_cancel_refuses_jobs_it_cannot_stop(studio_cli: CliRunner) -> None:
    (made,) = paths(studio_cli("image", "a red fox", "-m", "dall-e-3").stdout)
    job_id = json.loads(studio_cli("jobs", "--json").stdout)[0]["job_id"]
    refused = studio_cli("jobs", "cancel", job_id)
    assert_clean_failure(refused, code=2)
    assert "already ended" in refused.stderr and made.exists()


def test_gallery_dates_and_tags(studio_cli: CliRunner) -> None:
    (made,) = paths(studio_cli("image", "a red fox", "-m", "dall-e-3").stdout)
    assert studio_cli("gallery", "tag", made.stem, "winter, fox portraits").returncode == 0
    found = json.loads(studio_cli("gallery", "--search", "portraits", "--json").stdout)
    assert [a["id"] for a in found] == [made.stem] and found[0]["tags"] == ["winter", "fox portraits"]
    today = __import__("time").strftime("%Y-%m-%d")
    assert len(json.loads(studio_cli("gallery", "--since", today, "--json").stdout)) == 1
    assert json.loads(studio_cli("gallery", "--until", today, "--json").stdout) == []
    assert_clean_failure(studio_cli("gallery", "--since", "yesterday"), code=2)
