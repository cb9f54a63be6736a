"""`studio music --family udio` (or a `udio*` model) as a real subprocess against the relay test server's Udio
tasks (docs/PROTOCOLS.md#udio, docs/ARCHITECTURE.md#cli-contract)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import av

from studio.api.udio import LYRICS_LIMIT
from tests.cli.test_cli_crash import kill_when, only_job, start
from tests.conftest import CliRunner
from tests.jobs.conftest import bodies
from tests.relay import RelayServer, udio


def _audio_paths(stdout: str, count: int = 2) -> list[str]:
    lines = stdout.splitlines()
    assert len(lines) == count and all(Path(line).is_absolute() for line in lines), stdout
    for line in lines:
        with av.open(line) as container:
            assert container.streams.audio
    return lines


def one_line(text: str) -> str:
    assert text.count("\n") == 1 and text.startswith("studio: ") and "Traceback" not in text, text
    return text


def test_music_with_the_udio_family_prints_one_audio_path_per_song(studio_cli: CliRunner, relay: RelayServer) -> None:
    result = studio_cli("music", "night jazz", "--family", "udio")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    _audio_paths(result.stdout)
    assert bodies(relay, "POST", udio.SUBMIT) == [{"gen_params": {"prompt": "night jazz", "lyrics_type": "generate"}}]
    (job,) = json.loads(studio_cli("jobs", "--json").stdout)
    assert (job["family"], job["state"], job["model"]) == ("udio", "done", "udio_music")


def test_a_udio_model_with_lyrics_and_json_lists_the_songs(studio_cli: CliRunner, relay: RelayServer,
                                                           tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("[Verse]\nCity lights\n", encoding="utf-8")
    result = studio_cli("music", "smooth jazz", "-m", "udio130", "--lyrics", str(words), "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["state"] == "done" and document["family"] == "udio"
    assert sorted(a["kind"] for a in document["assets"]) == ["audio", "audio", "image", "image", "video", "video"]
    assert [(c["title"], c["lyrics"], c["duration"]) for c in document["clips"]] == [
        ("Night Jazz", "[Verse]\nCity lights", udio.DURATION)] * 2
    assert bodies(relay, "POST", udio.SUBMIT) == [{"gen_params": {
        "prompt": "smooth jazz", "lyrics_type": "user", "lyrics": "[Verse]\nCity lights", "model_type": "udio130"}}]


def test_detach_then_wait_prints_the_files(studio_cli: CliRunner, relay: RelayServer) -> None:
    result = studio_cli("music", "night jazz", "--family", "udio", "--instrumental", "--detach")
    assert result.returncode == 0, result.stderr
    waited = studio_cli("jobs", "wait", result.stdout.strip())
    assert waited.returncode == 0 and len(waited.stdout.splitlines()) == 6  # audio, cover and video per song


def test_failures_and_bad_input_exit_with_one_sentence(studio_cli: CliRunner, relay: RelayServer) -> None:
    failed = studio_cli("music", "this will fail", "--family", "udio")
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr == f"studio: Udio failed the task: {udio.FAIL_REASON}.\n"
    for args, words in ((("", "--family", "udio"), "The prompt is empty; Udio needs a description"),
                        (("jazz", "--family", "udio", "--title", "T"), "Udio takes no title"),
                        (("jazz", "-m", "udio130", "--lyrics", "la " * LYRICS_LIMIT), "Udio takes at most")):
        result = studio_cli("music", *args)
        assert result.returncode == 2 and result.stdout == "", (args, result.stderr)
        assert words in one_line(result.stderr), result.stderr
    assert len(bodies(relay, "POST", udio.SUBMIT)) == 1


def test_a_relay_without_udio_exits_1_with_one_line(case_cli: Callable[[str], CliRunner], relay: RelayServer) -> None:
    cli = case_cli("no-udio-route")
    result = cli("music", "night jazz", "--family", "udio")
    assert result.returncode == 1 and result.stdout == ""
    assert "The relay has no Udio route (POST /udio/submit/music)" in one_line(result.stderr)


def test_killed_while_a_song_polls_resumes_without_a_second_submit(
        case_cli: Callable[[str], CliRunner], cli_env: dict[str, str], relay: RelayServer) -> None:
    cli = case_cli("udio-polls-40")
    earlier = set(udio.task_ids(relay))  # the server outlives tests: its store has other tests' songs
    proc = start(cli_env, "music", "night jazz", "--family", "udio")

    def polling() -> bool:
        ids = [i for i in udio.task_ids(relay) if i not in earlier]
        return bool(ids) and udio.task(relay, ids[-1])["queries"] >= 4

    kill_when(proc, polling)
    job = only_job(cli)
    assert job["state"] in ("submitted", "running") and job["remote_id"] == udio.task_ids(relay)[-1]
    resumed = cli("jobs", "resume")
    assert resumed.returncode == 0, resumed.stderr
    _audio_paths("\n".join(line for line in resumed.stdout.splitlines() if line.endswith(".mp3")))
    assert relay.hits(udio.SUBMIT) == 1 and only_job(cli)["state"] == "done"
