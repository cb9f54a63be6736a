"""The split path of transcription as a job (docs/JOBS.md#long-transcriptions): a recording over the upload
limit is cut at its pauses into parts under the limit, the parts go to the relay test server's audio route
(tests/relay/transcription.py, case ``hear-bursts``: each part is decoded and answered one line a tone burst,
timed where the burst sounds in that part), and the merged transcript holds every burst of the recording
once, in order, at its true time, across every seam."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from studio.api.subtitles import Transcript, from_cues
from studio.errors import InputError
from studio.jobs.model import JobState
from studio.jobs.transcription import parts_folder
from studio.services.core import StudioCore
from tests.conftest import KEY
from tests.jobs.conftest import finish, one_sentence, run, use_case
from tests.relay import RelayServer, transcription
from tests.support.long_audio import assert_every_burst_once, bursts_wav
from tests.support.media import mp4_bytes, silent_wav

LIMIT = 256 * 1024  # about a minute of speech per part: an 8-minute recording is nine parts
MINUTES = 8


@pytest.fixture
def lecture(tmp_path: Path) -> Path:
    return bursts_wav(tmp_path / "lecture.wav", MINUTES * 60)


def listen(core: StudioCore, relay: RelayServer, *cases: str) -> None:
    """Every request of the profile carries case ``hear-bursts`` (the relay hears each part) and `cases`."""
    core.profiles.add("local", relay.url, key=KEY, make_default=True,
                      headers={"X-Test-Case": ",".join(("hear-bursts", *cases))})


def assert_forward(transcript: Transcript) -> None:
    """Every line ends after it starts and no later than the next one starts."""
    segments = transcript.segments
    assert segments
    for line in segments:
        assert line.start < line.end, line
    for before, after in zip(segments, segments[1:], strict=False):
        assert before.end <= after.start, (before, after)


def every_part_once(relay: RelayServer) -> list[str]:
    """The lines the relay answered, part after part (in the parts' order, whatever order they arrived in)."""
    sent = sorted(transcription.sent(relay), key=lambda s: s["filename"])
    return [line for s in sent for line in s["lines"]]


def test_a_long_recording_goes_in_parts_and_its_srt_runs_forward_across_the_seams(
        studio: StudioCore, relay: RelayServer, lecture: Path) -> None:
    listen(studio, relay)
    job = studio.jobs.create_transcription(lecture, format="srt", language="en", upload_limit=LIMIT)
    assert job.request["upload_limit"] == LIMIT
    done = finish(studio, job.id)
    assert done.state is JobState.DONE, done.error
    sent = transcription.sent(relay)
    assert len(sent) == done.metadata["parts"] == MINUTES + 1
    assert len({s["filename"] for s in sent}) == len(sent)  # no part sent twice
    for part in sent:
        assert part["bytes"] <= LIMIT and part["response_format"] == "verbose_json" and part["language"] == "en"
        assert part["timestamp_granularities[]"] == ["segment"] and part["filename"].startswith("lecture-part-")
    (asset,) = studio.gallery.for_job(done.id)
    heard = from_cues(asset.path.read_text(encoding="utf-8"))
    assert_forward(heard)
    assert [s.text for s in heard.segments] == every_part_once(relay)
    assert_every_burst_once(heard.segments, MINUTES * 60)  # no line lost, doubled or moved at a seam
    assert done.metadata["lines"] == len(heard.segments) and done.metadata["duration"] == pytest.approx(MINUTES * 60)
    assert not parts_folder(studio.paths.root, job.id).exists()  # the parts go once the transcript is saved


def test_a_failed_part_is_one_sentence_and_a_retry_sends_only_the_parts_without_a_transcript(
        studio: StudioCore, relay: RelayServer, lecture: Path) -> None:
    listen(studio, relay, "transcription-refuse-fourth")
    job = studio.jobs.create_transcription(lecture, format="vtt", upload_limit=LIMIT)
    failed = finish(studio, job.id)
    assert failed.state is JobState.FAILED
    assert "This upload was refused once, for the test. (HTTP 400)" in one_sentence(failed.error)
    first = [s["filename"] for s in transcription.sent(relay)]
    assert 4 <= len(first) <= 6  # the parts in flight when the fourth was refused, then none
    folder = parts_folder(studio.paths.root, job.id)
    saved = {f"lecture-{p.name.split('.')[0]}.mp3" for p in folder.glob("part-*.json")}
    (refused,) = set(first) - saved  # every answer that came is on disk, the refused one is not
    relay.requests.clear()

    async def retry() -> None:
        await studio.jobs.runner.retry(job.id)
        await studio.jobs.runner.wait(job.id)

    run(studio, retry)
    done = studio.jobs.get(job.id)
    assert done is not None and done.state is JobState.DONE, done and done.error
    again = [s["filename"] for s in transcription.sent(relay)]
    assert refused in again and not set(again) & (set(first) - {refused})  # no part transcribed twice
    assert len(again) + len(first) - 1 == MINUTES + 1
    (asset,) = studio.gallery.for_job(job.id)
    heard = from_cues(asset.path.read_text(encoding="utf-8"))
    assert_forward(heard)
    assert_every_burst_once(heard.segments, MINUTES * 60)  # the saved transcripts and the new ones, merged


def test_a_speech_mp3_is_cut_between_its_packets_and_every_burst_is_heard_once(
        studio: StudioCore, relay: RelayServer, tmp_path: Path) -> None:
    """A recording that already is a speech MP3 is not encoded again: its packets are cut, each part beginning a
    few packets before its cut, placed where its sound begins; no burst is lost, doubled or moved."""
    from studio.storage.audio_extract import extract_speech

    sound = extract_speech(bursts_wav(tmp_path / "talk.wav", MINUTES * 60, rate=16000), tmp_path / "talk.mp3")
    listen(studio, relay)
    done = finish(studio, studio.jobs.create_transcription(sound, format="srt", upload_limit=LIMIT).id)
    assert done.state is JobState.DONE, done.error
    assert done.metadata["parts"] == len(transcription.sent(relay)) > 1
    (asset,) = studio.gallery.for_job(done.id)
    heard = from_cues(asset.path.read_text(encoding="utf-8"))
    assert_forward(heard)
    assert_every_burst_once(heard.segments, MINUTES * 60)


@pytest.mark.parametrize("damage", ["part-file-gone", "plan-unreadable", "old-transcripts-part-resized", "stale"])
def test_a_cut_made_again_keeps_the_transcripts_of_the_parts_it_did_not_change(
        studio: StudioCore, relay: RelayServer, lecture: Path, damage: str) -> None:
    """The plan does not fit the folder any more: the recording is cut again (the same cut: it is deterministic)
    and a transcript is kept when its part's start, length and bytes are unchanged, so no paid part is sent
    again; a transcript of another part is sent for again."""
    listen(studio, relay, "transcription-refuse-fourth")
    job = studio.jobs.create_transcription(lecture, format="srt", upload_limit=LIMIT)
    assert finish(studio, job.id).state is JobState.FAILED
    folder = parts_folder(studio.paths.root, job.id)
    answers = sorted(folder.glob("part-*.json"))
    saved = {f"lecture-{p.name.split('.')[0]}.mp3" for p in answers}
    assert len(saved) >= 3
    plan = folder / "plan.json"
    if damage == "part-file-gone":
        (folder / "part-000.mp3").unlink()
    elif damage == "plan-unreadable":
        plan.write_text("{not json", encoding="utf-8")
    elif damage == "old-transcripts-part-resized":  # transcripts saved before they named their part: the plan does
        for path in answers:
            payload = json.loads(path.read_text(encoding="utf-8"))
            del payload["part"]
            path.write_text(json.dumps(payload), encoding="utf-8")
        with (folder / "part-001.mp3").open("ab") as handle:
            handle.write(b"\0" * 10)
    else:  # a transcript of a part this cut does not have (its start differs): sent for again
        payload = json.loads(answers[0].read_text(encoding="utf-8"))
        payload["part"][0] += 1.0
        answers[0].write_text(json.dumps(payload), encoding="utf-8")
        (folder / "part-000.mp3").unlink()
    relay.requests.clear()

    async def retry() -> None:
        await studio.jobs.runner.retry(job.id)
        await studio.jobs.runner.wait(job.id)

    run(studio, retry)
    done = studio.jobs.get(job.id)
    assert done is not None and done.state is JobState.DONE, done and done.error
    again = [s["filename"] for s in transcription.sent(relay)]
    resent = {f"lecture-{answers[0].name.split('.')[0]}.mp3"} if damage == "stale" else set()
    assert set(again) & saved == resent and len(again) == len(set(again))  # no kept part paid for twice
    assert saved | set(again) == {f"lecture-part-{k:03d}.mp3" for k in range(MINUTES + 1)}
    (asset,) = studio.gallery.for_job(job.id)
    assert_every_burst_once(from_cues(asset.path.read_text(encoding="utf-8")).segments, MINUTES * 60)


def test_text_and_verbose_json_from_parts(studio: StudioCore, relay: RelayServer, lecture: Path) -> None:
    done = finish(studio, studio.jobs.create_transcription(lecture, format="text", upload_limit=LIMIT).id)
    assert done.state is JobState.DONE, done.error
    assert {s["response_format"] for s in transcription.sent(relay)} == {"json"}
    (asset,) = studio.gallery.for_job(done.id)
    assert asset.path.read_text(encoding="utf-8") == " ".join(every_part_once(relay)) + "\n"
    relay.requests.clear()
    done = finish(studio, studio.jobs.create_transcription(lecture, format="verbose_json", upload_limit=LIMIT).id)
    assert done.state is JobState.DONE, done.error
    assert {tuple(s["timestamp_granularities[]"]) for s in transcription.sent(relay)} == {("word", "segment")}
    (asset,) = studio.gallery.for_job(done.id)
    document = json.loads(asset.path.read_text(encoding="utf-8"))
    starts = [w["start"] for w in document["words"]]
    assert starts == sorted(set(starts)) and len(document["words"]) == 5 * len(document["segments"])
    assert document["duration"] == pytest.approx(MINUTES * 60) and document["language"] == "english"


def test_a_model_without_timestamps_gives_the_text_of_all_parts(studio: StudioCore, relay: RelayServer,
                                                                lecture: Path) -> None:
    done = finish(studio, studio.jobs.create_transcription(lecture, model="gpt-4o-mini-transcribe", format="json",
                                                           upload_limit=LIMIT).id)
    assert done.state is JobState.DONE, done.error
    (asset,) = studio.gallery.for_job(done.id)
    assert json.loads(asset.path.read_text(encoding="utf-8")) == {"text": " ".join(every_part_once(relay))}


def test_a_silent_long_recording_is_one_sentence_and_costs_nothing(studio: StudioCore, relay: RelayServer,
                                                                   tmp_path: Path) -> None:
    silent = silent_wav(tmp_path / "quiet.wav", 90)
    done = finish(studio, studio.jobs.create_transcription(silent, format="srt", upload_limit=LIMIT).id)
    assert done.state is JobState.FAILED
    assert one_sentence(done.error) == "quiet.wav is silent; nothing was sent."
    assert done.metadata["parts"] == 2 and transcription.sent(relay) == []  # digital silence is not sent


def test_a_part_of_silence_is_not_sent_and_the_rest_is(studio: StudioCore, relay: RelayServer,
                                                       tmp_path: Path) -> None:
    import wave

    talk, quiet = bursts_wav(tmp_path / "talk.wav", 40), silent_wav(tmp_path / "quiet.wav", 140, rate=8000)
    joined = tmp_path / "talk-then-quiet.wav"
    with wave.open(str(talk)) as a, wave.open(str(quiet)) as b, wave.open(str(joined), "wb") as out:
        out.setparams(a.getparams())
        out.writeframes(a.readframes(a.getnframes()) + b.readframes(b.getnframes()))
    done = finish(studio, studio.jobs.create_transcription(joined, format="srt", upload_limit=LIMIT).id)
    assert done.state is JobState.DONE, done.error
    (sent,) = transcription.sent(relay)
    assert done.metadata["parts"] == 4 and sent["filename"] == "talk-then-quiet-part-000.mp3"  # the rest is silence
    (asset,) = studio.gallery.for_job(done.id)
    assert [s.text for s in from_cues(asset.path.read_text(encoding="utf-8")).segments] == sent["lines"]


def test_parts_answered_without_times_make_no_subtitles(studio: StudioCore, relay: RelayServer,
                                                          lecture: Path) -> None:
    use_case(studio, relay, "transcript-text-only")  # a relay model with one output: plain text whatever is asked
    done = finish(studio, studio.jobs.create_transcription(lecture, format="srt", upload_limit=LIMIT).id)
    assert done.state is JobState.FAILED
    assert one_sentence(done.error).startswith("The relay gave no timestamps, so there is no srt to make")
    done = finish(studio, studio.jobs.create_transcription(lecture, format="text", upload_limit=LIMIT).id)
    assert done.state is JobState.DONE, done.error


def test_a_sound_in_a_format_the_route_does_not_take_is_re_encoded_first(studio: StudioCore,
                                                                         relay: RelayServer) -> None:
    spoken = finish(studio, studio.jobs.create_speech("z" * 3000, model="tts-1", format="aac").id)  # a raw AAC stream
    (voice,) = studio.gallery.for_job(spoken.id)
    done = finish(studio, studio.jobs.create_transcription(voice.id, format="srt").id)
    assert done.state is JobState.DONE, done.error
    (sent,) = transcription.sent(relay)
    assert sent["filename"] == f"{voice.id}-part-000.mp3" and done.metadata["parts"] == 1
    (asset,) = studio.gallery.for_job(done.id)
    assert [s.text for s in from_cues(asset.path.read_text(encoding="utf-8")).segments] == sent["lines"]


def test_a_relay_that_takes_less_gets_smaller_parts_without_being_told(studio: StudioCore, relay: RelayServer,
                                                                       tmp_path: Path) -> None:
    """A 413 before anything was transcribed: the limit it states becomes the cut's, and the parts go."""
    use_case(studio, relay, "upload-limit-1mb")
    talk = bursts_wav(tmp_path / "talk.wav", 40, rate=16000)  # 1.3 MB: the relay refuses it as it is
    done = finish(studio, studio.jobs.create_transcription(talk, format="srt").id)
    assert done.state is JobState.DONE, done.error
    refused, part = transcription.sent(relay)
    assert refused["filename"] == "talk.wav" and part["filename"] == "talk-part-000.mp3"
    assert done.metadata["upload_limit"] == transcription.SMALL_LIMIT and done.metadata["parts"] == 1
    relay.requests.clear()
    lecture = bursts_wav(tmp_path / "lecture.wav", MINUTES * 60)  # 1.9 MB once compressed: cut again, at 1 MB
    job = studio.jobs.create_transcription(lecture, format="vtt")
    done = finish(studio, job.id)
    assert done.state is JobState.DONE, done.error
    sent = transcription.sent(relay)
    assert [s["bytes"] > transcription.SMALL_LIMIT for s in sent[:1]] == [True]  # the one refused
    assert len(sent) == 1 + done.metadata["parts"] and all(s["bytes"] <= transcription.SMALL_LIMIT for s in sent[1:])
    assert len({s["filename"] for s in sent[1:]}) == done.metadata["parts"] == 2
    (asset,) = studio.gallery.for_job(job.id)
    heard = from_cues(asset.path.read_text(encoding="utf-8"))
    assert_forward(heard)
    assert [s.text for s in heard.segments] == [line for s in sorted(sent[1:], key=lambda s: s["filename"])
                                                for line in s["lines"]]


def test_a_long_videos_sound_is_extracted_then_cut(studio: StudioCore, relay: RelayServer, tmp_path: Path) -> None:
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(mp4_bytes(75.0, fps=2, audio=True))
    job = studio.jobs.create_transcription(clip, format="srt", upload_limit=LIMIT)
    (saved,) = job.request["images"]
    assert saved["mime"] == "audio/mpeg" and saved["name"] == "clip.mp3"  # the sound, 300 KB: over the limit
    done = finish(studio, job.id)
    assert done.state is JobState.DONE, done.error
    sent = transcription.sent(relay)
    assert sorted(s["filename"] for s in sent) == ["clip-part-000.mp3", "clip-part-001.mp3"]  # sent together
    (asset,) = studio.gallery.for_job(done.id)
    heard = from_cues(asset.path.read_text(encoding="utf-8"))
    assert_forward(heard)
    assert [s.text for s in heard.segments] == every_part_once(relay)
    assert heard.segments[-1].end == pytest.approx(75.0, abs=0.2)


def test_a_retry_after_a_learned_limit_keeps_that_cut_and_its_transcripts(studio: StudioCore, relay: RelayServer,
                                                                          tmp_path: Path) -> None:
    """The relay takes 1 MB (learned from its 413), then refuses a part: the retry neither uploads the whole
    file again nor cuts anew; it sends only the parts without a transcript."""
    listen(studio, relay, "upload-limit-1mb", "transcription-refuse-fourth")
    lecture = bursts_wav(tmp_path / "lecture.wav", 20 * 60)  # 19 MB of WAV, 4.8 MB of speech MP3: 5 parts at 1 MB
    job = studio.jobs.create_transcription(lecture, format="srt")
    failed = finish(studio, job.id)
    assert failed.state is JobState.FAILED and "refused once, for the test" in one_sentence(failed.error)
    first = [s["filename"] for s in transcription.sent(relay)]
    folder = parts_folder(studio.paths.root, job.id)
    assert first[0] == "lecture.wav"  # refused with 413: the cut on disk is for the limit it stated
    assert json.loads((folder / "plan.json").read_text(encoding="utf-8"))["limit"] == transcription.SMALL_LIMIT
    saved = {f"lecture-{p.name.split('.')[0]}.mp3" for p in folder.glob("part-*.json")}
    relay.requests.clear()

    async def retry() -> None:
        await studio.jobs.runner.retry(job.id)
        await studio.jobs.runner.wait(job.id)

    run(studio, retry)
    done = studio.jobs.get(job.id)
    assert done is not None and done.state is JobState.DONE, done and done.error
    again = [s["filename"] for s in transcription.sent(relay)]
    assert "lecture.wav" not in again and not set(again) & saved  # no whole upload, no part twice
    assert saved | set(again) == {f"lecture-part-{k:03d}.mp3" for k in range(done.metadata["parts"])}
    assert all(s["bytes"] <= transcription.SMALL_LIMIT for s in transcription.sent(relay))
    (asset,) = studio.gallery.for_job(job.id)
    assert_every_burst_once(from_cues(asset.path.read_text(encoding="utf-8")).segments, 20 * 60)


def test_a_limit_outside_the_routes_is_one_sentence(studio: StudioCore, relay: RelayServer, lecture: Path) -> None:
    for limit in (1000, 26 * 1024 * 1024):
        with pytest.raises(InputError, match=r"^The upload limit must be between 0.25 MB and 25 MB"):
            studio.jobs.create_transcription(lecture, upload_limit=limit)
    assert transcription.sent(relay) == [] and studio.jobs.recent(limit=5) == []


def test_a_send_its_dead_process_left_half_done_is_sent_on_at_start_never_unknown(
        studio: StudioCore, relay: RelayServer, lecture: Path) -> None:
    """docs/JOBS.md#sends-that-resume: a transcription left `submitting` by a process that is gone is taken up
    by the next start by itself; what it saved is not sent again."""
    import subprocess

    from studio.jobs.model import resumes_by_itself
    from studio.jobs.store import OWNER_PID

    job = studio.jobs.create_transcription(lecture, format="srt", upload_limit=LIMIT)
    first = saved_after_a_failed_part(studio, relay, job.id)  # transcripts on disk, as a kill would leave them
    gone = subprocess.Popen(["true"])
    gone.wait()
    studio.jobs.store.transition(job.id, JobState.SAVED, error=None)
    studio.jobs.store.transition(job.id, JobState.SUBMITTING,
                                 engine={OWNER_PID: f"{gone.pid}:1", "resumable_submit": True})
    assert studio.jobs.store.mark_interrupted_submissions() == []  # never `unknown`
    left = studio.jobs.get(job.id)
    assert left is not None and resumes_by_itself(left)
    relay.requests.clear()

    async def fresh_start() -> Any:
        started = await studio.jobs.runner.start()
        assert [j.id for j in started] == [job.id]
        return await studio.jobs.runner.wait(job.id)

    done = run(studio, fresh_start)
    assert done.state is JobState.DONE, done.error
    again = {s["filename"] for s in transcription.sent(relay)}
    assert not again & first and again | first == {f"lecture-part-{k:03d}.mp3" for k in range(MINUTES + 1)}


def test_a_connection_lost_while_a_part_is_sent_fails_the_job_never_unknown(
        studio: StudioCore, relay: RelayServer, lecture: Path) -> None:
    """A transcription is no task the relay may have started: a broken connection is a plain failure, never
    `unknown` with its advice to look in the relay's task list."""
    use_case(studio, relay, "drop-after-request")
    job = studio.jobs.create_transcription(lecture, format="srt", upload_limit=LIMIT)
    failed = finish(studio, job.id)
    assert failed.state is JobState.FAILED and "task list" not in one_sentence(failed.error)


def saved_after_a_failed_part(studio: StudioCore, relay: RelayServer, job_id: str) -> set[str]:
    """Send `job_id` through a relay that refuses its fourth upload: the names of the parts whose transcript
    was saved before the job failed (what a kill half-way would leave on disk)."""
    studio.profiles.add("local", f"{relay.url}/case/transcription-refuse-fourth", key=KEY, make_default=True)
    failed = finish(studio, job_id)
    assert failed.state is JobState.FAILED
    studio.profiles.add("local", relay.url, key=KEY, make_default=True)
    saved = {f"lecture-{p.name.split('.')[0]}.mp3" for p in parts_folder(studio.paths.root, job_id).glob("part-*.json")}
    assert saved
    return saved


def test_cancelled_while_its_parts_are_sent_it_keeps_what_arrived_and_a_retry_sends_the_rest(
        studio: StudioCore, relay: RelayServer, lecture: Path) -> None:
    """docs/JOBS.md#sends-that-resume: Cancel on a long transcription being sent (the Jobs panel offers it) sends
    no further part, lets the parts in flight arrive and be saved, and ends the job cancelled; Retry sends only
    the parts without a transcript."""
    import asyncio

    from studio.viewmodels.jobs import JobActions

    use_case(studio, relay, "transcription-slow")  # each answer waits: the cancel lands while parts are out
    job = studio.jobs.create_transcription(lecture, format="srt", upload_limit=LIMIT)
    folder = parts_folder(studio.paths.root, job.id)

    async def cancel_after_the_first_part() -> Any:
        runner = studio.jobs.runner
        first = asyncio.Event()
        runner.subscribe(lambda event: first.set() if event.job.id == job.id and event.job.progress else None)
        runner.run(job.id)
        await first.wait()
        sending = studio.jobs.get(job.id)
        assert sending is not None and sending.state is JobState.SUBMITTING and JobActions.of(sending).cancel
        return await runner.cancel(job.id)

    cancelled = run(studio, cancel_after_the_first_part)
    assert cancelled.state is JobState.CANCELLED and cancelled.error is None
    sent = {s["filename"] for s in transcription.sent(relay)}
    saved = {f"lecture-{p.name.split('.')[0]}.mp3" for p in folder.glob("part-*.json")}
    assert sent == saved and 1 <= len(saved) < MINUTES + 1  # what was in flight arrived and was kept; no more
    relay.requests.clear()

    async def retry() -> Any:
        await studio.jobs.runner.retry(job.id)
        return await studio.jobs.runner.wait(job.id)

    done = run(studio, retry)
    assert done.state is JobState.DONE, done.error
    again = {s["filename"] for s in transcription.sent(relay)}
    assert not again & saved and again | saved == {f"lecture-part-{k:03d}.mp3" for k in range(MINUTES + 1)}


def test_a_send_whose_process_is_gone_is_cancelled_at_once_and_a_plain_one_cannot_be(studio: StudioCore,
                                                                                        lecture: Path) -> None:
    import subprocess

    from studio.jobs.store import OWNER_PID
    from studio.viewmodels.jobs import JobActions

    gone = subprocess.Popen(["true"])
    gone.wait()
    job = studio.jobs.create_transcription(lecture, format="srt", upload_limit=LIMIT)
    plain = studio.jobs.create_image("a red fox", model="dall-e-3")
    for each, engine in ((job, {"resumable_submit": True}), (plain, {})):
        studio.jobs.store.transition(each.id, JobState.SUBMITTING, engine={OWNER_PID: f"{gone.pid}:1", **engine})
    sending, image = studio.jobs.get(job.id), studio.jobs.get(plain.id)
    assert sending is not None and image is not None
    assert JobActions.of(sending).cancel and not JobActions.of(image).cancel

    async def cancel(job_id: str) -> Any:
        return await studio.jobs.runner.cancel(job_id)

    assert run(studio, lambda: cancel(job.id)).state is JobState.CANCELLED
    with pytest.raises(InputError, match="being sent"):
        run(studio, lambda: cancel(plain.id))


def test_a_recording_longer_than_the_model_takes_is_cut_for_the_length_its_400_states(
        studio: StudioCore, relay: RelayServer, tmp_path: Path) -> None:
    """26 minutes of WAV fit one 25 MB upload, but gpt-4o-transcribe takes at most 1500 s (OpenAI's 400 says so;
    docs/PROTOCOLS.md#transcription): the refusal is learned like a 413, and the recording goes in parts no longer
    than that, none of them refused."""
    from tests.relay.transcription import MODEL_MAX_SECONDS, SEGMENT_SECONDS

    meeting = bursts_wav(tmp_path / "meeting.wav", 26 * 60)
    assert meeting.stat().st_size <= 25 * 1024 * 1024
    job = studio.jobs.create_transcription(meeting, model="gpt-4o-transcribe", format="json")
    done = finish(studio, job.id)
    assert done.state is JobState.DONE, done.error
    refused, *parts = transcription.sent(relay)
    assert refused["filename"] == "meeting.wav" and len(parts) == done.metadata["parts"] == 2
    assert done.metadata["seconds_limit"] < MODEL_MAX_SECONDS
    assert all(len(p["lines"]) * SEGMENT_SECONDS <= MODEL_MAX_SECONDS for p in parts)
    (asset,) = studio.gallery.for_job(job.id)
    text = json.loads(asset.path.read_text(encoding="utf-8"))["text"]
    assert text.count("is spoken here") == sum(len(p["lines"]) for p in parts)  # every part's lines, once


def test_each_part_is_streamed_from_its_file_never_read_whole(studio: StudioCore, relay: RelayServer, lecture: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Three parts of up to 25 MB in flight would hold 150 MB if each were read whole (and copied into the form):
    each upload is given to the client as its open file, which httpx reads as it sends."""
    import io

    from studio.api.transcription import Transcriptions

    given: list[object] = []
    create = Transcriptions.create

    async def spy(self: Transcriptions, file: Any, **kwargs: Any) -> Any:
        given.append(file[1])
        return await create(self, file, **kwargs)

    monkeypatch.setattr(Transcriptions, "create", spy)
    done = finish(studio, studio.jobs.create_transcription(lecture, format="srt", upload_limit=LIMIT).id)
    assert done.state is JobState.DONE, done.error
    assert len(given) == len(transcription.sent(relay)) == MINUTES + 1
    assert all(isinstance(f, io.BufferedReader) and f.closed for f in given)  # streamed, then closed
