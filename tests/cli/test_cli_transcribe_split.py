"""`studio transcribe` of a recording over the 25 MB upload limit, as a real subprocess against the relay test
server (docs/JOBS.md#long-transcriptions): a 40-minute WAV made by the test is compressed (and, for a relay
that takes less, cut at its pauses) before it is sent, its SRT runs forward across the seams with every tone
burst of the recording once at its true time (the relay's case ``hear-bursts`` decodes each part and answers
a line a burst), every upload on the server's log is under the limit, and a process killed half-way
through the parts is finished by a fresh start, which sends only the parts whose transcript it had not saved."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from studio.api.subtitles import from_cues
from studio.api.transcription import MAX_UPLOAD
from tests.conftest import CliRunner
from tests.jobs.test_transcription_split import assert_forward, every_part_once
from tests.relay import RelayServer, transcription
from tests.support.long_audio import assert_every_burst_once, bursts_wav

MB = 1024 * 1024


@pytest.fixture(scope="module")
def forty_minutes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = bursts_wav(tmp_path_factory.mktemp("long") / "interview.wav", 40 * 60)  # 8 kHz: 38 MB in 0.1 s
    assert path.stat().st_size > MAX_UPLOAD
    return path


@pytest.mark.slow
def test_a_40_minute_wav_over_25_mb_is_compressed_into_one_upload(
        case_cli: Callable[[str], CliRunner], relay: RelayServer, forty_minutes: Path) -> None:
    result = case_cli("hear-bursts")("transcribe", str(forty_minutes), "--format", "srt")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    (sent,) = transcription.sent(relay)
    assert sent["bytes"] <= MAX_UPLOAD // 2 and sent["filename"] == "interview-part-000.mp3"  # 40 min of speech MP3
    heard = from_cues(result.stdout)
    assert_forward(heard)
    assert [s.text for s in heard.segments] == sent["lines"]
    assert_every_burst_once(heard.segments, 40 * 60)


@pytest.mark.slow
def test_a_40_minute_wav_for_a_relay_that_takes_1_mb_is_cut_at_its_pauses(
        case_cli: Callable[[str], CliRunner], relay: RelayServer, forty_minutes: Path, tmp_path: Path) -> None:
    cli = case_cli("upload-limit-1mb,hear-bursts")  # a relay behind a proxy that takes 1 MB a request
    target = tmp_path / "interview.srt"
    result = cli("transcribe", str(forty_minutes), "--format", "srt", "--upload-limit", "1", "-o", str(target),
                 "--json")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    document = json.loads(result.stdout)
    sent = transcription.sent(relay)
    assert document["parts"] == len(sent) == 10 and document["output"] == str(target)
    assert all(s["bytes"] <= MB for s in sent) and len({s["filename"] for s in sent}) == 10
    heard = from_cues(target.read_text(encoding="utf-8"))
    assert_forward(heard)
    assert [s.text for s in heard.segments] == every_part_once(relay)
    assert_every_burst_once(heard.segments, 40 * 60)  # every burst once at its true time: none lost at a seam
    assert document["lines"] == len(heard.segments)


def test_killed_half_way_through_the_parts_a_fresh_start_sends_only_the_parts_without_a_transcript(
        case_cli: Callable[[str], CliRunner], cli_env: dict[str, str], relay: RelayServer, studio_home: Path,
        tmp_path: Path) -> None:
    """SIGKILL once some parts' transcripts are saved: the job stays `submitting` (its send resumes from what it
    saved, docs/JOBS.md#sends-that-resume), and a plain `studio jobs resume` finishes it, with no retry."""
    from tests.cli.test_cli_crash import kill_when, only_job, start

    cli = case_cli("transcription-slow,hear-bursts")  # each answer waits 0.5 s: three parts at a time, then three
    source = bursts_wav(tmp_path / "lecture.wav", 12 * 60)
    proc = start(cli_env, "transcribe", str(source), "--format", "srt", "--upload-limit", "0.25")
    folder = studio_home / "jobs"

    def some_transcripts_saved() -> bool:
        return len(list(folder.rglob("part-*.json"))) >= 3

    kill_when(proc, some_transcripts_saved)
    saved = {p.name.split(".")[0] for p in folder.rglob("part-*.json")}
    assert 3 <= len(saved) < 13
    before = len(transcription.sent(relay))
    job = only_job(cli)
    assert job["state"] == "submitting"  # never `unknown`: what was paid for is on disk, the rest is sent on
    waited = cli("jobs", "resume")
    assert waited.returncode == 0, waited.stderr
    assert only_job(cli)["state"] == "done"
    again = [s["filename"].removeprefix("lecture-").removesuffix(".mp3") for s in transcription.sent(relay)[before:]]
    assert not saved & set(again)  # a part with a saved transcript is never sent again
    assert saved | set(again) == {f"part-{k:03d}" for k in range(13)}
    assert len(again) == len(set(again))
    every = [s["filename"] for s in transcription.sent(relay) if "filename" in s]
    assert len(every) - 13 <= 3  # only a part in flight at the kill (three at most) can have gone twice
    (path,) = waited.stdout.splitlines()
    heard = from_cues(Path(path).read_text(encoding="utf-8"))
    assert_forward(heard)
    answered = {s["filename"]: s["lines"] for s in transcription.sent(relay) if "filename" in s}  # the last answer
    assert [s.text for s in heard.segments] == [line for name in sorted(answered) for line in answered[name]]
    assert_every_burst_once(heard.segments, 12 * 60)
    assert not list(folder.rglob("part-*"))
