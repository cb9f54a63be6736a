"""`studio music` and `studio lyrics` as real subprocesses against the relay test server's Suno tasks
(docs/PROTOCOLS.md#suno, docs/ARCHITECTURE.md#cli-contract)."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import av

from studio.storage.db import Database
from studio.storage.settings import Settings
from tests.cli.test_cli_crash import kill_when, only_job, start
from tests.conftest import CliRunner
from tests.jobs.conftest import bodies
from tests.relay import RelayServer, suno

MUSIC = "/suno/submit/music"


def _audio_paths(stdout: str, count: int = 2) -> list[str]:
    lines = stdout.splitlines()
    assert len(lines) == count and all(Path(line).is_absolute() for line in lines), stdout
    for line in lines:
        with av.open(line) as container:
            assert container.streams.audio
    return lines


def test_music_prints_one_audio_path_per_clip(studio_cli: CliRunner, relay: RelayServer) -> None:
    result = studio_cli("music", "a song about the sea")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    _audio_paths(result.stdout)
    assert bodies(relay, "POST", MUSIC) == [{"gpt_description_prompt": "a song about the sea",
                                             "make_instrumental": False, "mv": "chirp-v3-5"}]
    (job,) = json.loads(studio_cli("jobs", "--json").stdout)
    assert (job["family"], job["state"], job["model"]) == ("suno", "done", "suno_music")


def test_custom_mode_from_a_lyrics_file_with_json(studio_cli: CliRunner, relay: RelayServer, tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("[Verse]\nSalt on my lips\n", encoding="utf-8")
    result = studio_cli("music", "-m", "chirp-v4", "--lyrics", str(words), "--title", "Tide", "--tags", "shanty",
                        "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["state"] == "done" and sorted(a["kind"] for a in document["assets"]) == [
        "audio", "audio", "image", "image", "video", "video"]
    assert [(c["title"], c["tags"], c["lyrics"], c["duration"]) for c in document["clips"]] == [
        ("Tide", "shanty", "[Verse]\nSalt on my lips", suno.DURATION)] * 2
    assert len(document["clip_ids"]) == 6 and "failed_clips" not in document
    assert bodies(relay, "POST", MUSIC) == [{"prompt": "[Verse]\nSalt on my lips", "title": "Tide",
                                             "tags": "shanty", "mv": "chirp-v4", "make_instrumental": False}]


def test_the_gallery_lists_and_finds_clips_by_their_title_style_and_lyrics(studio_cli: CliRunner,
                                                                          relay: RelayServer) -> None:
    made = studio_cli("music", "--lyrics", "[Verse]\nLanterns over the harbour\n[Chorus]\n灯塔在远方",
                      "--title", "Harbour Lights", "--tags", "sea shanty")
    assert made.returncode == 0, made.stderr
    for query in ("harbour lights", "shanty", "lanterns", "灯塔", "塔"):
        found = json.loads(studio_cli("gallery", "--search", query, "--kind", "audio", "--json").stdout)
        assert len(found) == 2, query
        assert all(a["metadata"]["title"] == "Harbour Lights" and a["metadata"]["tags"] == "sea shanty"
                   and a["metadata"]["duration"] == suno.DURATION and a["metadata"]["clip_id"] for a in found)
    assert json.loads(studio_cli("gallery", "--search", "banana", "--json").stdout) == []
    table = studio_cli("gallery", "list", "--search", "harbour", "--kind", "audio")
    header, *rows = table.stdout.splitlines()
    assert header.split()[:8] == ["ID", "KIND", "CREATED", "FAV", "LENGTH", "MODEL", "TITLE", "PATH"]
    assert len(rows) == 2 and all("Harbour Lights" in row and " 0:01 " in row for row in rows), table.stdout
    (clip, _) = json.loads(studio_cli("gallery", "--search", "lanterns", "--kind", "audio", "--json").stdout)
    shown = studio_cli("gallery", "show", clip["id"]).stdout
    assert "title: Harbour Lights\nstyle: sea shanty\n" in shown
    assert "lyrics:\n  [Verse]\n  Lanterns over the harbour\n  [Chorus]\n  灯塔在远方\n" in shown
    # without --kind the list holds each song once; its cover and video come with --all-files, marked by role
    listed = json.loads(studio_cli("gallery", "--search", "harbour lights", "--json").stdout)
    assert [a["kind"] for a in listed] == ["audio", "audio"]
    everything = json.loads(studio_cli("gallery", "--all-files", "--json").stdout)
    assert sorted(a["kind"] for a in everything) == ["audio", "audio", "image", "image", "video", "video"]
    assert sorted(a["metadata"].get("role", "") for a in everything) == ["", "", "clip-video", "clip-video",
                                                                        "cover", "cover"]
    assert len(studio_cli("gallery", "list", "--all-files").stdout.splitlines()) == 1 + 6


def test_instrumental_and_extend_from_a_clip(studio_cli: CliRunner, relay: RelayServer) -> None:
    first = json.loads(studio_cli("music", "calm piano", "--instrumental", "--json").stdout)
    clip = next(a["id"] for a in first["assets"] if a["kind"] == "audio")
    result = studio_cli("music", "--lyrics", "[Verse]\nmore", "--extend", clip, "--at", "0.2")
    assert result.returncode == 0, result.stderr
    _audio_paths(result.stdout)
    first_body, extension = bodies(relay, "POST", MUSIC)
    assert first_body["make_instrumental"] is True
    assert extension["continue_at"] == 0.2 and extension["task_id"] == first["remote_id"]
    assert extension["continue_clip_id"].startswith(first["remote_id"])


def test_detach_prints_the_job_id_then_wait_prints_the_files(studio_cli: CliRunner, relay: RelayServer) -> None:
    result = studio_cli("music", "a song about the sea", "--detach")
    assert result.returncode == 0, result.stderr
    job_id = result.stdout.strip()
    assert job_id and "\n" not in job_id and suno.task_ids(relay)  # submitted before returning
    waited = studio_cli("jobs", "wait", job_id)
    assert waited.returncode == 0 and len(waited.stdout.splitlines()) == 6  # audio, cover and video per clip


def test_lyrics_prints_the_lyrics(studio_cli: CliRunner, relay: RelayServer) -> None:
    result = studio_cli("lyrics", "about rain")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert result.stdout == suno.LYRICS + "\n"


def test_a_task_that_fails_as_a_clip_completes_says_the_clip_is_saved(
        case_cli: Callable[[str], CliRunner], relay: RelayServer) -> None:
    cli = case_cli("suno-time-out-same-poll")
    failed = cli("music", "a song about the sea")
    assert failed.returncode == 1 and failed.stdout == ""
    (job,) = json.loads(cli("jobs", "--json").stdout)
    assert failed.stderr == (f"studio: Suno failed the task: {suno.TIME_OUT}. It saved 3 file(s) first: "
                             f"`studio jobs show {job['job_id']}` lists them.\n")
    shown = json.loads(cli("jobs", "show", job["job_id"], "--json").stdout)
    assert [a["kind"] for a in shown["assets"]] == ["audio", "image", "video"]
    assert all(Path(a["path"]).is_file() for a in shown["assets"])
    assert len(bodies(relay, "POST", "/suno/submit/music")) == 1


def test_failures_and_bad_input_exit_with_one_sentence(studio_cli: CliRunner, relay: RelayServer) -> None:
    failed = studio_cli("music", "this will fail")
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr == f"studio: Suno failed the task: {suno.FAIL_REASON}.\n"
    for args, words in ((("music", ""), "The prompt is empty."),
                        (("music", "x", "--at", "30"), "needs a clip to extend"),
                        (("music", "--title", "T"), "Custom mode needs lyrics"),
                        (("music", "x", "--lyrics", "la " * 1001), "takes at most 3000"),
                        (("lyrics", " "), "The prompt is empty.")):
        result = studio_cli(*args)
        assert result.returncode == 2 and result.stdout == "", (args, result.stderr)
        assert len(result.stderr.splitlines()) == 1 and words in result.stderr, result.stderr
    assert len(bodies(relay, "POST", MUSIC)) == 1


def test_killed_while_a_song_polls_resumes_without_a_second_submit(
        case_cli: Callable[[str], CliRunner], cli_env: dict[str, str], relay: RelayServer) -> None:
    cli = case_cli("suno-polls-40")
    earlier = set(suno.task_ids(relay))  # the server outlives tests: its store has other tests' songs
    proc = start(cli_env, "music", "a song about the sea")

    def polling() -> bool:
        ids = [i for i in suno.task_ids(relay) if i not in earlier]
        return bool(ids) and suno.task(relay, ids[-1])["queries"] >= 4

    kill_when(proc, polling)
    job = only_job(cli)
    assert job["state"] in ("submitted", "running") and job["remote_id"] == suno.task_ids(relay)[-1]
    resumed = cli("jobs", "resume")
    assert resumed.returncode == 0, resumed.stderr
    songs = [line for line in resumed.stdout.splitlines() if line.endswith(".mp3")]
    _audio_paths("\n".join(songs))
    assert relay.hits("/suno/submit/music") == 1  # one submit; the rest were polls and the files
    assert only_job(cli)["state"] == "done"


def test_killed_after_the_first_clip_is_saved_keeps_it_and_never_fetches_it_again(
        case_cli: Callable[[str], CliRunner], cli_env: dict[str, str], relay: RelayServer,
        studio_home: Path) -> None:
    cli = case_cli("suno-polls-3")
    set_poll_scale(studio_home, 0.2)  # a second between polls: the kill lands while the second clip streams
    earlier = set(suno.task_ids(relay))
    proc = start(cli_env, "music", "a song about the sea")
    kill_when(proc, lambda: len(saved_links(studio_home)) >= 3)
    (task_id,) = [i for i in suno.task_ids(relay) if i not in earlier]
    assert suno.task(relay, task_id)["status"] == "IN_PROGRESS"
    first = saved_links(studio_home)
    assert only_job(cli)["state"] == "running" and len(first) == 3
    set_poll_scale(studio_home, 0.01)
    resumed = cli("jobs", "resume")
    assert resumed.returncode == 0, resumed.stderr
    _audio_paths("\n".join(line for line in resumed.stdout.splitlines() if line.endswith(".mp3")))
    assert saved_links(studio_home)[:3] == first and only_job(cli)["state"] == "done"
    for link in first:  # each of the first clip's files was fetched once, before the kill
        name = link.rsplit("/", 1)[-1]
        assert sum(1 for r in relay.requests if r.method == "GET" and r.path.endswith("/" + name)) == 1, name
    assert relay.hits("/suno/submit/music") == 1


def set_poll_scale(home: Path, scale: float) -> None:
    db = Database(home / "studio.sqlite3")
    Settings(db).set("jobs.poll_scale", scale)
    db.close()


def saved_links(home: Path) -> list[str]:
    """The relay links of the assets saved so far, by result index (read-only: the CLI may be writing)."""
    with contextlib.closing(sqlite3.connect(f"file:{home / 'studio.sqlite3'}?mode=ro", uri=True)) as conn:
        try:
            rows = conn.execute("SELECT remote_url FROM assets ORDER BY result_index").fetchall()
        except sqlite3.OperationalError:  # not made yet, or busy this instant
            return []
    return [str(row[0]) for row in rows]
