"""`studio transcribe` as a real subprocess against the relay test server's audio routes
(docs/PROTOCOLS.md#transcription, docs/ARCHITECTURE.md#cli-contract): stdout is the transcript in the chosen
format (or the path written with -o), bad input exits 2 with one line, a relay failure exits 1 with one line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tests.relay import RelayServer, transcription
from tests.relay.fixtures import png_bytes
from tests.support.media import mp4_bytes, silent_wav, speech_bytes


@pytest.fixture
def audio(tmp_path: Path) -> Path:
    path = tmp_path / "talk.wav"
    path.write_bytes(speech_bytes("wav", 3.0))
    return path


def one_line(text: str) -> str:
    assert text.count("\n") == 1 and text.startswith("studio: ") and "Traceback" not in text, text
    return text


def test_transcribe_prints_the_transcript(studio_cli: CliRunner, relay: RelayServer, audio: Path) -> None:
    result = studio_cli("transcribe", str(audio), "--language", "en", "--prompt", "A talk.")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert result.stdout == "Line 1 is spoken here. Line 2 is spoken here.\n"
    (sent,) = transcription.sent(relay)
    assert (sent["model"], sent["language"], sent["prompt"], sent["response_format"]) == ("whisper-1", "en",
                                                                                          "A talk.", "text")
    (job,) = json.loads(studio_cli("jobs", "--json").stdout)
    assert (job["capability"], job["family"], job["state"]) == ("transcribe", "openai-transcription", "done")


def test_srt_written_with_o_prints_the_path(studio_cli: CliRunner, relay: RelayServer, audio: Path,
                                            tmp_path: Path) -> None:
    target = tmp_path / "talk.srt"
    result = studio_cli("transcribe", str(audio), "--format", "srt", "-o", str(target))
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert result.stdout == f"{target}\n"
    assert target.read_text(encoding="utf-8") == ("1\n00:00:00,000 --> 00:00:02,000\nLine 1 is spoken here.\n\n"
                                                  "2\n00:00:02,000 --> 00:00:03,000\nLine 2 is spoken here.\n\n")


def test_json_of_a_verbose_video_transcript_and_a_translation(studio_cli: CliRunner, relay: RelayServer,
                                                               tmp_path: Path) -> None:
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(mp4_bytes(2.0, audio=True))
    result = studio_cli("transcribe", str(clip), "--format", "verbose_json", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["state"] == "done" and document["language"] == "english" and document["lines"] == 1
    (asset,) = document["assets"]
    assert asset["kind"] == "text" and asset["path"].endswith(".json")
    assert json.loads(document["transcript"])["words"][0]["word"] == "Line"
    refused = studio_cli("transcribe", asset["path"])
    assert refused.returncode == 2 and "is not an audio or video file." in one_line(refused.stderr)
    result = studio_cli("transcribe", str(clip), "--translate", "--format", "vtt")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nTranslated line 1.\n")
    assert [s["route"] for s in transcription.sent(relay)] == [transcription.TRANSCRIBE, transcription.TRANSLATE]


def test_an_asset_id_and_detach(studio_cli: CliRunner, relay: RelayServer) -> None:
    spoken = studio_cli("speak", "y" * 2500, "--format", "wav")
    assert spoken.returncode == 0, spoken.stderr
    (voice,) = json.loads(studio_cli("gallery", "list", "--json").stdout)
    result = studio_cli("transcribe", voice["id"], "-m", "gpt-4o-mini-transcribe", "--format", "json", "--detach")
    assert result.returncode == 0, result.stderr
    (job_id,) = result.stdout.split()
    shown = json.loads(studio_cli("jobs", "show", job_id, "--json").stdout)
    assert shown["state"] == "done" and shown["model"] == "gpt-4o-mini-transcribe"
    (asset,) = shown["assets"]
    assert json.loads(Path(asset["path"]).read_text(encoding="utf-8")) == {"text": "Line 1 is spoken here. "
                                                                                   "Line 2 is spoken here."}


@pytest.mark.parametrize(("args", "words"), [
    (("transcribe", "/nonexistent/talk.mp3"), "/nonexistent/talk.mp3 does not exist."),
    (("transcribe", "PHOTO"), "photo.mp3 is not an audio or video file."),
    (("transcribe", "AUDIO", "--format", "docx"), "Unknown transcript format 'docx'"),
    (("transcribe", "AUDIO", "-m", "gpt-4o-transcribe", "--format", "srt"),
     "gpt-4o-transcribe gives no timestamps, so it cannot make srt"),
    (("transcribe", "AUDIO", "-m", "gpt-4o-transcribe", "--translate"), "only whisper-1 does"),
    (("transcribe", "AUDIO", "-o", "x.txt", "--detach"), "cannot be combined with --detach"),
    (("transcribe", "EMPTY"), "empty.wav is empty: there is nothing to transcribe."),
    (("transcribe", "HUGE"), "huge.wav is 65.0 GB; transcription takes recordings of at most 64.0 GB."),
    (("transcribe", "SPARSE"), "sparse.mp3 is not an audio or video file."),
    (("transcribe", "AUDIO", "--upload-limit", "0.1"), "The upload limit must be between 0.25 MB and 25 MB"),
    (("transcribe", "nosuchasset"), "No asset with id 'nosuchasset'."),
])
def test_bad_input_exits_2_with_one_line(studio_cli: CliRunner, relay: RelayServer, audio: Path, tmp_path: Path,
                                         args: tuple[str, ...], words: str) -> None:
    photo = tmp_path / "photo.mp3"
    photo.write_bytes(png_bytes(8, 8))
    files = {"AUDIO": str(audio), "PHOTO": str(photo)}
    for name, size in (("HUGE", 65 * 1024 ** 3), ("SPARSE", 900 * 1024 ** 2), ("EMPTY", 0)):  # sparse: no room taken
        if name in args:
            files[name] = str(tmp_path / {"HUGE": "huge.wav", "SPARSE": "sparse.mp3", "EMPTY": "empty.wav"}[name])
            with open(files[name], "wb") as handle:
                handle.truncate(size)
    result = studio_cli(*(files.get(a, a) for a in args))
    assert result.returncode == 2 and result.stdout == "", result
    assert words in one_line(result.stderr)
    assert transcription.sent(relay) == []


def test_a_silent_recording_exits_1_with_one_line_and_sends_nothing(studio_cli: CliRunner, relay: RelayServer,
                                                                     tmp_path: Path) -> None:
    for seconds, limit in ((20, ()), (60, ("--upload-limit", "0.25"))):  # sent whole, and in parts
        result = studio_cli("transcribe", str(silent_wav(tmp_path / "quiet.wav", seconds)), *limit)
        assert result.returncode == 1 and result.stdout == ""
        assert "quiet.wav is silent; nothing was sent." in one_line(result.stderr)
    assert transcription.sent(relay) == []


def test_a_refused_upload_and_a_missing_route_exit_1_with_one_line(case_cli: Callable[[str], CliRunner],
                                                                    relay: RelayServer, tmp_path: Path) -> None:
    cli = case_cli("upload-limit-100kb")
    talk = tmp_path / "a.wav"
    talk.write_bytes(speech_bytes("wav", 40.0, rate=16000))
    result = cli("transcribe", str(talk))
    assert result.returncode == 1 and result.stdout == ""
    assert "takes at most 25 MB per file (HTTP 413)" in one_line(result.stderr)
    cli = case_cli("no-transcription-route")
    result = cli("transcribe", str(tmp_path / "a.wav"))
    assert result.returncode == 1 and result.stdout == ""
    assert "The relay has no speech-to-text route (POST /v1/audio/transcriptions)" in one_line(result.stderr)
