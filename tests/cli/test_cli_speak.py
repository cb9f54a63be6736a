"""`studio speak` as a real subprocess against the relay test server's `/v1/audio/speech`
(docs/PROTOCOLS.md#speech, docs/ARCHITECTURE.md#cli-contract): stdout is the saved file's path, bad input
exits 2 with one line, a relay failure exits 1 with one line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from studio.storage.media import probe
from tests.conftest import CliRunner
from tests.relay import RelayServer, speech


def bodies(relay: RelayServer) -> list[dict[str, object]]:
    return [r.json() for r in relay.requests if r.method == "POST" and r.path.endswith(speech.ROUTE)]


def one_line(text: str) -> str:
    assert text.count("\n") == 1 and text.startswith("studio: ") and "Traceback" not in text, text
    return text


def test_speak_prints_the_saved_files_path(studio_cli: CliRunner, relay: RelayServer) -> None:
    result = studio_cli("speak", "Hello from the command line.", "--voice", "echo", "--format", "opus",
                        "--speed", "0.75")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    (line,) = result.stdout.splitlines()
    path = Path(line)
    assert path.is_absolute() and path.suffix == ".ogg" and probe(path).audio
    assert bodies(relay) == [{"model": "tts-1", "input": "Hello from the command line.", "voice": "echo",
                              "response_format": "opus", "speed": 0.75}]
    (job,) = json.loads(studio_cli("jobs", "--json").stdout)
    assert (job["capability"], job["family"], job["state"]) == ("speech", "openai-speech", "done")


def test_a_long_file_becomes_one_file_written_with_o(studio_cli: CliRunner, relay: RelayServer,
                                                     tmp_path: Path) -> None:
    script = tmp_path / "script.txt"
    sentences = [f"Sentence number {i} is here to be read aloud by the voice." for i in range(200)]
    script.write_text("\n".join(sentences), encoding="utf-8")  # ~12,000 characters
    target = tmp_path / "voice-over.wav"
    result = studio_cli("speak", "-f", str(script), "--format", "wav", "-o", str(target), "--json")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    document = json.loads(result.stdout)
    assert document["output"] == str(target) and document["state"] == "done"
    (asset,) = document["assets"]
    assert asset["kind"] == "audio" and Path(asset["path"]).is_file()
    inputs = [str(b["input"]) for b in bodies(relay)]
    assert len(inputs) == 3 and all(len(i) <= speech.MAX_INPUT for i in inputs)
    duration = probe(target).duration
    assert duration == pytest.approx(sum(speech.seconds_for(i) for i in inputs), abs=0.3)


def test_gpt_4o_mini_tts_takes_instructions_and_stdin(studio_cli: CliRunner, relay: RelayServer) -> None:
    result = studio_cli("speak", "-", "-m", "gpt-4o-mini-tts", "--instructions", "Cheerful.", input="Good morning!")
    assert result.returncode == 0, result.stderr
    (body,) = bodies(relay)
    assert body["input"] == "Good morning!" and body["instructions"] == "Cheerful."


def test_detach_prints_the_job_id(studio_cli: CliRunner, relay: RelayServer) -> None:
    result = studio_cli("speak", "Quick one.", "--detach")
    assert result.returncode == 0, result.stderr
    (job_id,) = result.stdout.split()
    shown = json.loads(studio_cli("jobs", "show", job_id, "--json").stdout)
    assert shown["state"] == "done" and shown["assets"][0]["kind"] == "audio"


@pytest.mark.parametrize(("args", "words"), [
    (("speak",), "The text to speak is empty."),
    (("speak", "   "), "The text to speak is empty."),
    (("speak", "Hi.", "--voice", "robot"), "Unknown voice 'robot'"),
    (("speak", "Hi.", "--format", "ogg"), "Unknown audio format 'ogg'"),
    (("speak", "Hi.", "--speed", "9"), "The speed must be between 0.25 and 4"),
    (("speak", "Hi.", "--speed", "fast"), "invalid float value"),
    (("speak", "Hi.", "--instructions", "Slowly."), "tts-1 takes no instructions"),
    (("speak", "Hi.", "-f", "missing.txt"), "Give the text to speak or -f FILE, not both."),
    (("speak", "-f", "/nonexistent/script.txt"), "does not exist"),
    (("speak", "Hi.", "-o", "x.mp3", "--detach"), "cannot be combined with --detach"),
])
def test_bad_input_exits_2_with_one_line(studio_cli: CliRunner, relay: RelayServer, args: tuple[str, ...],
                                         words: str) -> None:
    result = studio_cli(*args)
    assert result.returncode == 2 and result.stdout == "", result
    assert words in one_line(result.stderr)
    assert bodies(relay) == []


def test_a_relay_without_the_route_exits_1_with_one_line(case_cli: Callable[[str], CliRunner],
                                                          relay: RelayServer) -> None:
    cli = case_cli("no-speech-route")
    result = cli("speak", "Hello.")
    assert result.returncode == 1 and result.stdout == ""
    assert "The relay has no text-to-speech route (POST /v1/audio/speech)" in one_line(result.stderr)


def test_killed_after_some_parts_a_fresh_start_sends_only_the_parts_not_saved(
        case_cli: Callable[[str], CliRunner], cli_env: dict[str, str], relay: RelayServer, studio_home: Path,
        tmp_path: Path) -> None:
    """SIGKILL once a few of five parts are on disk: the job stays `submitting` (its send resumes from what it
    saved); a plain `studio jobs resume` sends only the parts without a file, and the joined file holds all five."""
    from studio.api.speech import split_text
    from tests.cli.test_cli_crash import kill_when, only_job, start

    cli = case_cli("speech-slow")  # each answer waits 0.6 s: parts 1-3 arrive together, 4-5 after them
    script = tmp_path / "long.txt"
    script.write_text(" ".join(f"Line {i} of the long script is spoken here." for i in range(400)), encoding="utf-8")
    parts = split_text(script.read_text(encoding="utf-8"))
    assert len(parts) == 5
    proc = start(cli_env, "speak", "-f", str(script), "--format", "mp3")
    folder = studio_home / "jobs"

    def some_parts_saved() -> bool:
        return len(list(folder.rglob("part-*.mp3"))) >= 2

    kill_when(proc, some_parts_saved)
    saved = {int(p.name.split("-")[1]) for p in folder.rglob("part-*.mp3")}
    assert 2 <= len(saved) < 5
    before = len(speech.sent(relay))
    assert only_job(cli)["state"] == "submitting"
    waited = cli("jobs", "resume")
    assert waited.returncode == 0, waited.stderr
    assert only_job(cli)["state"] == "done"
    (path,) = waited.stdout.splitlines()
    again = speech.sent(relay)[before:]
    assert not {parts[i] for i in saved} & set(again)  # a part on disk is never paid for twice
    assert {*(parts[i] for i in saved), *again} == set(parts)
    assert probe(path).duration == pytest.approx(sum(speech.seconds_for(p) for p in parts), abs=0.3)
    assert not list(folder.rglob("part-*"))
