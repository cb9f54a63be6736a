"""`studio music --family chat`: Suno songs through chat completions as a real subprocess against the relay
test server (docs/PROTOCOLS.md#suno-through-chat, docs/JOBS.md), including a kill while the answer streams."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import av

from tests.cli.test_cli_crash import kill_when, only_job, start
from tests.conftest import CliRunner
from tests.relay import RelayServer, suno_chat

ROUTE = "/chat/completions"


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


def test_music_through_chat_prints_one_audio_path_per_song(studio_cli: CliRunner, relay: RelayServer) -> None:
    result = studio_cli("music", "a song about the sea", "--family", "chat")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    _audio_paths(result.stdout)
    (job,) = json.loads(studio_cli("jobs", "--json").stdout)
    assert (job["family"], job["state"], job["model"]) == ("chat", "done", "suno-v3.5")
    assert relay.hits(ROUTE) == 1


def test_json_lists_the_songs_with_their_details(studio_cli: CliRunner, relay: RelayServer) -> None:
    result = studio_cli("music", "a song about the sea", "--family", "chat", "-m", "chirp-v3-5", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["state"] == "done" and document["model"] == "chirp-v3-5"
    assert sorted(a["kind"] for a in document["assets"]) == ["audio", "audio", "image", "image", "video", "video"]
    assert [(c["title"], c["tags"], c["duration"]) for c in document["clips"]] == [
        (suno_chat.TITLE, suno_chat.TAGS, suno_chat.DURATION)] * 2


def test_bad_input_and_an_answer_without_a_song_exit_with_one_line(studio_cli: CliRunner, relay: RelayServer) -> None:
    for args, words in (((" ",), "The prompt is empty."),
                        (("sea", "--lyrics", "[Verse]\nla"), "Suno through chat takes only a prompt"),
                        (("sea", "--title", "T", "--mv", "chirp-v4"), "--title, --mv need the Suno task routes")):
        result = studio_cli("music", *args, "--family", "chat")
        assert result.returncode == 2 and result.stdout == "", (args, result.stderr)
        assert words in one_line(result.stderr)
    assert relay.hits(ROUTE) == 0
    failed = studio_cli("music", "nolink at all", "--family", "chat")
    assert failed.returncode == 1 and failed.stdout == ""
    assert one_line(failed.stderr) == "studio: The relay did not return a song: the answer contains no song link.\n"


def test_a_relay_without_the_chat_route_exits_1_with_one_line(case_cli: Callable[[str], CliRunner]) -> None:
    result = case_cli("no-chat-route")("music", "a song about the sea", "--family", "chat")
    assert result.returncode == 1 and result.stdout == ""
    assert "no chat completions route (POST /v1/chat/completions) to ask Suno through" in one_line(result.stderr)


def test_killed_while_the_answer_streams_is_unknown_and_never_resent(
        case_cli: Callable[[str], CliRunner], cli_env: dict[str, str], relay: RelayServer) -> None:
    cli = case_cli("slow-stream")  # twenty ticks 0.2 s apart: the answer takes seconds
    proc = start(cli_env, "music", "a long song about the sea", "--family", "chat")
    kill_when(proc, lambda: relay.hits(ROUTE) == 1)
    assert only_job(cli)["state"] == "unknown"  # the sender died mid-answer: nobody knows if it was made
    resumed = cli("jobs", "resume")
    job = only_job(cli)
    assert resumed.returncode == 0 and f"jobs retry {job['job_id']}" in resumed.stderr
    assert job["state"] == "unknown" and relay.hits(ROUTE) == 1  # a chat answer cannot be polled: not sent again
