"""Transcription jobs end to end: JobService, the runner and the transcription handler against the relay test
server's audio routes (docs/PROTOCOLS.md#transcription, tests/relay/transcription.py): every format lands in
the gallery as a text asset with its format's file, whisper gives word times, gpt-4o-*-transcribe text and
JSON only, a video's sound is extracted first, and bad input or a refused upload is one sentence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from studio.api.families import family_of, spec_for
from studio.api.models import parse_models
from studio.api.subtitles import NoTimestamps, from_cues, parse, render
from studio.api.transcription import Transcriptions, UploadTooLarge
from studio.errors import InputError
from studio.jobs.model import JobState
from studio.services.core import StudioCore
from tests.conftest import KEY
from tests.jobs.conftest import finish, one_sentence, run, use_case
from tests.relay import RelayServer, transcription
from tests.relay.fixtures import png_bytes
from tests.support.media import mp4_bytes, silent_wav, speech_bytes

SECONDS = 5.0  # three lines: 0-2, 2-4, 4-5


@pytest.fixture
def audio(tmp_path: Path) -> Path:
    path = tmp_path / "interview.wav"
    path.write_bytes(speech_bytes("wav", SECONDS))
    return path


def test_transcription_models_reach_the_transcription_handler() -> None:
    for model, rule in (("whisper-1", "whisper*"), ("gpt-4o-transcribe", "gpt-4o-transcribe, gpt-4o-mini-transcribe"),
                        ("gpt-4o-mini-transcribe", "gpt-4o-transcribe, gpt-4o-mini-transcribe")):
        assert family_of(model, "transcribe").as_dict() == {"family": "openai-transcription",
                                                            "reason": f"name rule {rule}"}
    spec = spec_for("transcribe", "openai-transcription")
    assert spec is not None and spec.handler == "studio.jobs.transcription:TranscriptionHandler"
    assert spec.choices_for("gpt-4o-transcribe")["format"] == ("text", "json")
    (model,) = parse_models({"data": [{"id": "whisper-1", "owned_by": "openai"}]})
    assert (model.capability, model.family) == ("transcribe", "openai-transcription")


@pytest.mark.parametrize(("fmt", "suffix"), [("text", ".txt"), ("srt", ".srt"), ("vtt", ".vtt"), ("json", ".json"),
                                             ("verbose_json", ".json")])
def test_every_format_is_a_text_asset_with_its_formats_file(studio: StudioCore, relay: RelayServer, audio: Path,
                                                            fmt: str, suffix: str) -> None:
    job = studio.jobs.create_transcription(audio, language="en", prompt="An interview.", format=fmt)
    assert (job.capability, job.family, job.model, job.prompt) == ("transcribe", "openai-transcription",
                                                                   "whisper-1", "interview.wav")
    done = finish(studio, job.id)
    assert done.state is JobState.DONE, done.error
    (sent,) = transcription.sent(relay)
    assert sent["route"] == transcription.TRANSCRIBE and sent["response_format"] == fmt
    assert (sent["model"], sent["language"], sent["prompt"], sent["filename"]) == ("whisper-1", "en", "An interview.",
                                                                                  "interview.wav")
    assert sent.get("timestamp_granularities[]") == (["word", "segment"] if fmt == "verbose_json" else None)
    (asset,) = studio.gallery.for_job(job.id)
    assert asset.kind == "text" and asset.mime == "text/plain" and asset.path.suffix == suffix
    body = asset.path.read_text(encoding="utf-8")
    heard = parse(body, fmt)
    assert heard.text == "Line 1 is spoken here. Line 2 is spoken here. Line 3 is spoken here."
    if fmt in ("srt", "vtt", "verbose_json"):
        assert [(s.start, s.end) for s in heard.segments] == [(0.0, 2.0), (2.0, 4.0), (4.0, SECONDS)]
    if fmt == "srt":
        assert body.startswith("1\n00:00:00,000 --> 00:00:02,000\nLine 1 is spoken here.\n\n2\n")
    if fmt == "vtt":
        assert body.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nLine 1")
    if fmt == "verbose_json":
        document = json.loads(body)
        assert document["language"] == "english" and document["duration"] == pytest.approx(SECONDS)
        assert len(document["words"]) == 15 and document["words"][0] == {"word": "Line", "start": 0.0, "end": 0.4}
        assert done.metadata["language"] == "english" and done.metadata["lines"] == 3


@pytest.mark.parametrize("model", ["gpt-4o-transcribe", "gpt-4o-mini-transcribe"])
def test_gpt_4o_transcribe_gives_text_and_json_and_refuses_subtitles_in_one_sentence(
        studio: StudioCore, relay: RelayServer, audio: Path, model: str) -> None:
    for fmt in ("text", "json"):
        done = finish(studio, studio.jobs.create_transcription(audio, model=model, format=fmt).id)
        assert done.state is JobState.DONE, done.error
        (asset,) = studio.gallery.for_job(done.id)
        assert "Line 3 is spoken here." in asset.path.read_text(encoding="utf-8")
    assert [s["response_format"] for s in transcription.sent(relay)] == ["text", "json"]
    for fmt in ("srt", "vtt", "verbose_json"):
        with pytest.raises(InputError, match=f"^{model} gives no timestamps, so it cannot make {fmt}; choose text or "
                                             "json, or whisper-1 for subtitles.$"):
            studio.jobs.create_transcription(audio, model=model, format=fmt)
    assert len(transcription.sent(relay)) == 2  # nothing sent for the refused ones


def test_a_translation_goes_to_the_translations_route_without_a_language(studio: StudioCore, relay: RelayServer,
                                                                         audio: Path) -> None:
    done = finish(studio, studio.jobs.create_transcription(audio, translate=True, format="srt").id)
    assert done.state is JobState.DONE, done.error
    (sent,) = transcription.sent(relay)
    assert sent["route"] == transcription.TRANSLATE and "language" not in sent and sent["response_format"] == "srt"
    (asset,) = studio.gallery.for_job(done.id)
    assert "\nTranslated line 3.\n" in asset.path.read_text(encoding="utf-8") and done.metadata["translated"]
    with pytest.raises(InputError, match="gpt-4o-transcribe does not translate; only whisper-1 does."):
        studio.jobs.create_transcription(audio, model="gpt-4o-transcribe", translate=True)
    with pytest.raises(InputError, match="always into English"):
        studio.jobs.create_transcription(audio, translate=True, language="de")


def test_a_videos_sound_is_extracted_into_a_small_mono_mp3_first(studio: StudioCore, relay: RelayServer,
                                                                 tmp_path: Path) -> None:
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(mp4_bytes(3.0, audio=True))
    job = studio.jobs.create_transcription(clip, format="vtt")
    (saved,) = job.request["images"]
    assert saved["mime"] == "audio/mpeg" and saved["name"] == "clip.mp3"
    assert not list((studio.paths.root / "tmp").glob("audio-*"))  # the extracted copy lives in the library only
    done = finish(studio, job.id)
    assert done.state is JobState.DONE, done.error
    (sent,) = transcription.sent(relay)
    assert sent["filename"] == "clip.mp3" and sent["bytes"] < len(mp4_bytes(3.0, audio=True))
    (asset,) = studio.gallery.for_job(done.id)
    assert from_cues(asset.path.read_text(encoding="utf-8")).segments[-1].end == pytest.approx(3.0, abs=0.1)
    silent = tmp_path / "silent.mp4"
    silent.write_bytes(mp4_bytes(1.0))
    with pytest.raises(InputError, match="silent.mp4 holds no sound to transcribe."):
        studio.jobs.create_transcription(silent)


@pytest.fixture
def concert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A recording the job keeps by its place, as it keeps one over 256 MB (a 2 GB concert)."""
    from studio.services import audio_input

    recording = tmp_path / "concert.wav"
    recording.write_bytes(speech_bytes("wav", 4.0))
    monkeypatch.setattr(audio_input, "KEEP_WHOLE_BYTES", recording.stat().st_size - 1)
    return recording


def test_a_very_large_sound_file_is_compressed_by_its_job_not_copied_before(studio: StudioCore, relay: RelayServer,
                                                                           concert: Path) -> None:
    """docs/JOBS.md#long-transcriptions: the job is saved at once with the file's place (nothing compressed,
    nothing copied); its submit compresses it and sends the speech MP3; the user's file is left as it was."""
    job = studio.jobs.create_transcription(concert, format="srt")
    assert "images" not in job.request and job.request["source"]["path"] == str(concert.resolve())
    assert not list((studio.paths.root / "library").rglob("*.wav"))  # no copy of it in the library
    done = finish(studio, job.id)
    assert done.state is JobState.DONE, done.error
    (sent,) = transcription.sent(relay)
    assert sent["filename"] == "concert.mp3" and sent["bytes"] < concert.stat().st_size / 4
    assert concert.read_bytes() == speech_bytes("wav", 4.0)
    assert not (studio.paths.root / "jobs" / job.id).exists()  # the compressed sound goes with the parts


def test_a_kept_recording_moved_before_its_job_compressed_it_fails_in_one_sentence(
        studio: StudioCore, relay: RelayServer, concert: Path) -> None:
    job = studio.jobs.create_transcription(concert, format="srt")
    concert.rename(concert.with_name("elsewhere.wav"))
    failed = finish(studio, job.id)
    assert failed.state is JobState.FAILED and transcription.sent(relay) == []
    assert one_sentence(failed.error).startswith(f"concert.wav is no longer at {concert.parent}; ")


def test_a_kept_recording_moved_after_its_job_compressed_it_is_not_needed_again(
        studio: StudioCore, relay: RelayServer, concert: Path) -> None:
    job = studio.jobs.create_transcription(concert, format="srt")
    use_case(studio, relay, "no-transcription-route")  # the first try fails after the compression
    assert finish(studio, job.id).state is JobState.FAILED
    concert.unlink()
    studio.profiles.add("local", relay.url, key=KEY, make_default=True)

    async def retry() -> Any:
        await studio.jobs.runner.retry(job.id)
        return await studio.jobs.runner.wait(job.id)

    assert run(studio, retry).state is JobState.DONE


def test_a_kept_recording_cancelled_while_its_job_compresses_it_sends_nothing(
        studio: StudioCore, relay: RelayServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The compression of a file over 256 MB takes minutes: Cancel (the Jobs panel offers it) stops it soon (within
    a frame), nothing is sent, and a retry finishes the job."""
    import asyncio

    from studio.services import audio_input
    from tests.support.long_audio import bursts_wav

    lecture = bursts_wav(tmp_path / "lecture.wav", 20 * 60)
    monkeypatch.setattr(audio_input, "KEEP_WHOLE_BYTES", lecture.stat().st_size - 1)
    job = studio.jobs.create_transcription(lecture, format="srt")

    async def cancel_while_compressing() -> Any:
        runner = studio.jobs.runner
        compressing = asyncio.Event()
        runner.subscribe(lambda e: compressing.set() if e.job.id == job.id and e.note.startswith("Compressing")
                         else None)
        runner.run(job.id)
        await compressing.wait()
        return await runner.cancel(job.id)

    assert run(studio, cancel_while_compressing).state is JobState.CANCELLED
    assert transcription.sent(relay) == []
    assert not list((studio.paths.root / "jobs" / job.id).rglob("part-*"))  # no half-written compression left

    async def retry() -> Any:
        await studio.jobs.runner.retry(job.id)
        return await studio.jobs.runner.wait(job.id)

    assert run(studio, retry).state is JobState.DONE


def test_an_audio_asset_is_transcribed_by_its_id(studio: StudioCore, relay: RelayServer) -> None:
    spoken = finish(studio, studio.jobs.create_speech("x" * 4000, model="tts-1", format="mp3").id)
    (voice,) = studio.gallery.for_job(spoken.id)
    job = studio.jobs.create_transcription(voice.id[:8])
    assert job.prompt == "x" * 59 + "…", "the job is known by the asset's own words, not its id"
    assert job.request["source_asset"] == voice.id and job.request["images"][0]["name"] == f"{voice.id}.mp3"
    done = finish(studio, job.id)
    assert done.state is JobState.DONE, done.error
    (asset,) = studio.gallery.for_job(done.id)
    assert asset.path.read_text(encoding="utf-8") == "Line 1 is spoken here. Line 2 is spoken here.\n"  # 4 s


@pytest.mark.parametrize(("make", "words"), [
    (lambda d: d / "missing.mp3", "missing.mp3 does not exist."),
    (lambda d: _write(d / "empty.mp3", b""), "empty.mp3 is empty: there is nothing to transcribe."),
    (lambda d: _write(d / "photo.mp3", png_bytes(8, 8)), "photo.mp3 is not an audio or video file."),
    (lambda d: _write(d / "notes.wav", b"just some words, no sound\n"), "notes.wav is not an audio or video file."),
    (lambda d: _write(d / "cut.wav", speech_bytes("wav", 1.0)[:40]), "cut.wav is damaged"),
    (lambda d: _sparse(d / "huge.wav", 65 * 1024 ** 3), "huge.wav is 65.0 GB; transcription takes recordings of at "
                                                         "most 64.0 GB."),
    (lambda d: _sparse(d / "huge.mov", 2 * 1024 ** 3), "huge.mov is not an audio or video file."),  # read: 32 bytes
    (lambda d: _sparse(d / "huge.mp3", 900 * 1024 ** 2), "huge.mp3 is not an audio or video file."),  # read: 32 bytes
])
def test_bad_input_is_one_sentence_and_sends_nothing(studio: StudioCore, relay: RelayServer, tmp_path: Path,
                                                     make, words: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as caught:
        studio.jobs.create_transcription(make(tmp_path))
    assert words in one_sentence(str(caught.value))
    assert transcription.sent(relay) == [] and studio.jobs.recent(limit=5) == []


def test_bad_options_are_one_sentence(studio: StudioCore, audio: Path) -> None:
    with pytest.raises(InputError, match="Unknown transcript format 'docx'"):
        studio.jobs.create_transcription(audio, format="docx")
    with pytest.raises(InputError, match="not an ISO-639-1 code"):
        studio.jobs.create_transcription(audio, language="english!")
    with pytest.raises(InputError, match="is not audio or video"):
        studio.gallery.add(path=_write(studio.paths.library / "pic.png", png_bytes(4, 4)), kind="image",
                           mime="image/png", asset_id="abcdef123456")
        studio.jobs.create_transcription("abcdef123456")


def test_a_413_names_the_25_mb_limit_in_one_sentence(studio: StudioCore, relay: RelayServer, tmp_path: Path) -> None:
    use_case(studio, relay, "upload-limit-100kb")  # less than a part may be: nothing smaller to cut
    talk = tmp_path / "a.wav"
    talk.write_bytes(speech_bytes("wav", 40.0, rate=16000))  # 1.3 MB
    done = finish(studio, studio.jobs.create_transcription(talk).id)
    assert done.state is JobState.FAILED
    assert one_sentence(done.error).startswith("The relay refused the upload as too large: the transcription route "
                                               "takes at most 25 MB per file (HTTP 413)")


def test_an_upload_over_25_mb_gets_openais_413(studio: StudioCore, relay: RelayServer) -> None:
    async def body() -> None:
        client = studio.clients.client_for(studio.profiles.get("local"))
        with pytest.raises(UploadTooLarge) as caught:
            await Transcriptions(client).create(("big.wav", bytes(26 * 1024 * 1024), "audio/wav"), model="whisper-1")
        assert caught.value.status == 413 and "Maximum content size limit (26214400) exceeded" in caught.value.message

    run(studio, body)
    assert any(r.path.endswith(transcription.TRANSCRIBE) for r in relay.requests)


def test_a_relay_without_the_route_and_a_silent_recording_are_one_sentence(studio: StudioCore, relay: RelayServer,
                                                                           audio: Path) -> None:
    use_case(studio, relay, "no-transcription-route")
    done = finish(studio, studio.jobs.create_transcription(audio).id)
    assert done.state is JobState.FAILED
    assert "The relay has no speech-to-text route (POST /v1/audio/transcriptions)" in one_sentence(done.error)
    use_case(studio, relay, "silent-audio")
    done = finish(studio, studio.jobs.create_transcription(audio, format="srt").id)
    assert done.state is JobState.FAILED
    assert one_sentence(done.error) == "The relay heard no speech in interview.wav; nothing was saved."


def test_a_recording_of_digital_silence_is_one_sentence_and_not_sent(studio: StudioCore, relay: RelayServer,
                                                                      tmp_path: Path) -> None:
    done = finish(studio, studio.jobs.create_transcription(silent_wav(tmp_path / "quiet.wav", 20), format="srt").id)
    assert done.state is JobState.FAILED
    assert one_sentence(done.error) == "quiet.wav is silent; nothing was sent."
    assert done.error_detail == {"code": "transcribe.silent", "args": {"name": "quiet.wav"}}
    assert transcription.sent(relay) == []  # nothing paid for, no words invented for the silence


def test_a_recording_with_sound_on_one_side_only_is_sent(studio: StudioCore, relay: RelayServer,
                                                         tmp_path: Path) -> None:
    """Silence is digital silence in every channel: a stereo WAV with speech on the right only is transcribed."""
    from tests.support.long_audio import one_sided_wav

    done = finish(studio, studio.jobs.create_transcription(one_sided_wav(tmp_path / "right.wav", 12), format="srt").id)
    assert done.state is JobState.DONE, done.error
    (sent,) = transcription.sent(relay)
    assert sent["filename"] == "right.wav" and sent["lines"]


def test_a_relay_that_answers_plain_text_to_every_format(studio: StudioCore, relay: RelayServer,
                                                         audio: Path) -> None:
    use_case(studio, relay, "transcript-text-only")
    done = finish(studio, studio.jobs.create_transcription(audio, format="json").id)
    assert done.state is JobState.DONE, done.error
    (asset,) = studio.gallery.for_job(done.id)
    assert json.loads(asset.path.read_text(encoding="utf-8"))["text"].endswith("Line 3 is spoken here.")
    done = finish(studio, studio.jobs.create_transcription(audio, format="verbose_json").id)
    assert done.state is JobState.FAILED
    assert one_sentence(done.error).startswith("The relay gave no timestamps, so there is no verbose_json to make")


def test_subtitles_round_trip_and_a_transcript_without_times_makes_none() -> None:
    srt = "1\n00:00:01,500 --> 00:00:03,000\nHello\nthere\n\n2\n01:02:03,004 --> 01:02:04,000\nBye\n\n"
    heard = parse(srt, "srt")
    assert [(s.start, s.end, s.text) for s in heard.segments] == [(1.5, 3.0, "Hello\nthere"),
                                                                  (3723.004, 3724.0, "Bye")]
    assert render(heard, "srt") == srt
    assert render(parse(render(heard, "vtt"), "vtt"), "srt") == srt
    untimed = parse('{"text": "no times here"}', "json")
    assert render(untimed, "text") == "no times here\n"
    with pytest.raises(NoTimestamps, match="^gpt-4o-transcribe gives no timestamps, so there is no srt to make"):
        render(untimed, "srt", model="gpt-4o-transcribe")


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path



def _sparse(path: Path, size: int) -> Path:
    """A file of `size` bytes that takes no room on disk (a recording of many GB as far as its size tells)."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path
