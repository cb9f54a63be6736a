"""Speech jobs end to end: JobService, the runner and the speech handler against the relay test server's
`/v1/audio/speech` (docs/PROTOCOLS.md#speech, tests/relay/speech.py): every format lands in the gallery as
audio, a long text goes in parts joined into one file, and a part already paid for is never sent twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.api.families import family_of, spec_for
from studio.api.speech import MAX_INPUT, split_text
from studio.errors import InputError
from studio.jobs.model import JobState
from studio.jobs.speech import speech_parts_folder
from studio.services.core import StudioCore
from studio.storage.media import probe
from tests.jobs.conftest import bodies, finish, one_sentence, run, use_case
from tests.relay import RelayServer, speech

ROUTE = "/v1/audio/speech"
SENTENCES = ("The quick brown fox jumps over the lazy dog.", "Is it raining again today?",
             "What a wonderful evening this is!", "Line breaks end a sentence too\n")


def long_text(size: int = 10_000) -> str:
    words, index = [], 0
    while sum(len(w) + 1 for w in words) < size:
        words.append(f"Number {index} says: {SENTENCES[index % len(SENTENCES)]}")  # every part differs
        index += 1
    return " ".join(words)[:size].rsplit(" ", 1)[0].rstrip() + "."


def test_speech_models_reach_the_speech_handler() -> None:
    for model, rule in (("tts-1", "tts-1, tts-1-hd"), ("tts-1-hd", "tts-1, tts-1-hd"),
                        ("gpt-4o-mini-tts", "gpt-4o-mini-tts"), ("cosyvoice-tts", "*-tts")):
        assert family_of(model, "speech").as_dict() == {"family": "openai-speech", "reason": f"name rule {rule}"}
    spec = spec_for("speech", "openai-speech")
    assert spec is not None and spec.handler == "studio.jobs.speech:SpeechHandler" and spec.results == ("audio",)


@pytest.mark.parametrize("fmt", ["mp3", "wav", "opus", "aac", "flac"])
def test_every_format_decodes_and_lands_in_the_gallery_as_audio(studio: StudioCore, relay: RelayServer,
                                                                 fmt: str) -> None:
    job = studio.jobs.create_speech("Hello there, this is a test.", model="tts-1", voice="nova", format=fmt,
                                    speed=1.25)
    assert (job.capability, job.family) == ("speech", "openai-speech")
    done = finish(studio, job.id)
    assert done.state is JobState.DONE, done.error
    (body,) = bodies(relay, "POST", ROUTE)
    assert body == {"model": "tts-1", "input": "Hello there, this is a test.", "voice": "nova",
                    "response_format": fmt, "speed": 1.25}
    (asset,) = studio.gallery.for_job(job.id)
    assert asset.kind == "audio" and asset.path.suffix == {"opus": ".ogg"}.get(fmt, f".{fmt}")
    info = probe(asset.path)
    assert info.audio and not info.video and info.duration is not None
    assert asset.duration is not None and asset.duration == pytest.approx(speech.MIN_SECONDS, abs=0.1)
    assert not speech_parts_folder(studio.paths.root, job.id).parent.exists()  # the parts are gone


def test_instructions_go_to_gpt_4o_mini_tts(studio: StudioCore, relay: RelayServer) -> None:
    done = finish(studio, studio.jobs.create_speech("Good night.", model="gpt-4o-mini-tts", voice="coral",
                                                    instructions="Whisper, slowly.").id)
    assert done.state is JobState.DONE, done.error
    (body,) = bodies(relay, "POST", ROUTE)
    assert body["instructions"] == "Whisper, slowly." and body["voice"] == "coral" and "speed" not in body


def test_a_long_text_is_split_at_sentence_ends_and_joined_into_one_file(studio: StudioCore,
                                                                         relay: RelayServer) -> None:
    text = long_text()
    assert len(text) > 9_900
    done = finish(studio, studio.jobs.create_speech(text, model="tts-1", format="mp3").id)
    assert done.state is JobState.DONE, done.error
    inputs = speech.sent(relay)
    assert len(inputs) == 3 == done.metadata["parts"]
    assert sorted(inputs) == sorted(split_text(text)) == sorted(set(inputs))  # each part once (3 at a time)
    for part in inputs:
        end = text.index(part) + len(part)
        assert len(part) <= MAX_INPUT and (part[-1] in ".!?" or text[end] == "\n")  # cut at a sentence's end
    assert " ".join(split_text(text)).split() == text.split()  # in order, nothing lost, nothing doubled
    (asset,) = studio.gallery.for_job(done.id)
    expected = sum(speech.seconds_for(p) for p in inputs)
    assert asset.kind == "audio" and asset.duration == pytest.approx(expected, abs=0.3)
    assert probe(asset.path).duration == pytest.approx(expected, abs=0.3)


def test_a_sentence_longer_than_the_limit_is_cut_at_a_comma_or_space_never_in_a_word() -> None:
    clause = "word " * 30 + "again, "
    parts = split_text(clause * 40 + "end.", 1000)
    assert all(len(p) <= 1000 for p in parts) and len(parts) > 1
    assert all(p.endswith(",") for p in parts[:-1])
    assert " ".join(parts).split() == (clause * 40 + "end.").split()
    assert split_text("你好。" * 10, 7) == ["你好。你好。"] * 5


def test_a_failed_part_is_retried_without_paying_again_for_the_parts_that_arrived(studio: StudioCore,
                                                                                   relay: RelayServer) -> None:
    text = long_text(20_000)
    at = text.index(". ", 13_000) + 2
    marked = f"{text[:at]}{speech.REFUSE_ONCE} {text[at:]}"
    parts = split_text(marked)
    refused = next(p for p in parts if speech.REFUSE_ONCE in p)
    assert len(parts) == 5 and parts.index(refused) == 3
    job = studio.jobs.create_speech(marked, model="tts-1", format="wav")
    failed = finish(studio, job.id)
    assert failed.state is JobState.FAILED and "refused once" in one_sentence(failed.error)
    first = speech.sent(relay)
    assert refused in first and len(set(first)) == len(first)
    kept = sorted(speech_parts_folder(studio.paths.root, job.id).glob("part-*.wav"))
    assert len(kept) == len(first) - 1 >= 3  # every part that arrived is on disk

    async def again() -> None:
        await studio.jobs.runner.retry(job.id)
        await studio.jobs.runner.wait(job.id)

    run(studio, again)
    done = studio.jobs.get(job.id)
    assert done is not None and done.state is JobState.DONE, done and done.error
    second = speech.sent(relay)[len(first):]
    assert refused in second and not set(second) & (set(first) - {refused})  # no part paid for twice
    assert {*first, *second} == set(parts)
    (asset,) = studio.gallery.for_job(job.id)
    assert asset.duration == pytest.approx(sum(speech.seconds_for(p) for p in parts), abs=0.3)


def test_a_resumed_job_sends_only_the_parts_it_has_no_file_for(studio: StudioCore, relay: RelayServer) -> None:
    """A process killed after two of five parts, left `unknown` (as a row from before sends resumed by
    themselves was); submitting it again sends the three others only (the parts' files are keyed by index and a
    hash of what makes their audio)."""
    text = long_text(20_000)
    parts = split_text(text)
    job = studio.jobs.create_speech(text, model="tts-1", format="flac")
    from studio.jobs.handlers import HandlerContext
    from studio.jobs.speech import SpeechHandler, part_key

    folder = speech_parts_folder(studio.paths.root, job.id)
    folder.mkdir(parents=True)
    from tests.support.media import speech_bytes

    for index in (0, 1):  # what the killed process had saved
        (folder / f"part-{index:03d}-{part_key(job, parts[index])}.flac").write_bytes(
            speech_bytes("flac", speech.seconds_for(parts[index])))
    (folder / f"part-002-{part_key(job, parts[2])}.flac").write_bytes(b"fLaC cut short")  # a half-written file
    assert SpeechHandler(HandlerContext(studio.paths.root, studio.paths.thumbs))
    studio.jobs.store.transition(job.id, JobState.SUBMITTING)
    studio.jobs.store.transition(job.id, JobState.UNKNOWN)

    async def again() -> None:
        await studio.jobs.runner.retry(job.id)
        await studio.jobs.runner.wait(job.id)

    run(studio, again)
    done = studio.jobs.get(job.id)
    assert done is not None and done.state is JobState.DONE, done and done.error
    assert sorted(speech.sent(relay)) == sorted(parts[2:])
    (asset,) = studio.gallery.for_job(job.id)
    assert asset.duration == pytest.approx(sum(speech.seconds_for(p) for p in parts), abs=0.3)


def test_cancelled_while_its_parts_are_made_it_keeps_what_arrived_and_a_retry_makes_the_rest(
        studio: StudioCore, relay: RelayServer) -> None:
    """docs/JOBS.md#sends-that-resume: Cancel while a long speech is sent stops it between parts."""
    import asyncio
    from typing import Any

    use_case(studio, relay, "speech-slow")  # each answer waits: three parts at a time, the cancel after the first
    text = long_text(60_000)
    parts = split_text(text)
    job = studio.jobs.create_speech(text, model="tts-1", format="mp3")

    async def cancel_after_the_first_part() -> Any:
        runner = studio.jobs.runner
        first = asyncio.Event()
        runner.subscribe(lambda event: first.set() if event.job.id == job.id and event.job.progress else None)
        runner.run(job.id)
        await first.wait()
        return await runner.cancel(job.id)

    cancelled = run(studio, cancel_after_the_first_part)
    assert cancelled.state is JobState.CANCELLED
    made = speech.sent(relay)
    files = list(speech_parts_folder(studio.paths.root, job.id).glob("part-*.mp3"))
    assert 1 <= len(files) == len(made) < len(parts)  # what was in flight arrived and was kept; nothing more
    relay.requests.clear()

    async def retry() -> Any:
        await studio.jobs.runner.retry(job.id)
        return await studio.jobs.runner.wait(job.id)

    assert run(studio, retry).state is JobState.DONE
    assert sorted(made + speech.sent(relay)) == sorted(parts)  # each part paid for once


@pytest.mark.parametrize(("kwargs", "sentence"), [
    ({"text": "  "}, "The text to speak is empty."),
    ({"voice": "robot"}, "Unknown voice 'robot'; choose one of alloy, ash"),
    ({"format": "pcm"}, "Unknown audio format 'pcm'; choose one of mp3, wav, opus, aac, flac."),
    ({"speed": 5.0}, "The speed must be between 0.25 and 4; 1 is normal."),
    ({"speed": 0.1}, "The speed must be between 0.25 and 4; 1 is normal."),
    ({"instructions": "Be cheerful."}, "tts-1 takes no instructions; only gpt-4o-mini-tts does."),
])
def test_bad_input_is_one_sentence_and_nothing_is_saved(studio: StudioCore, relay: RelayServer,
                                                        kwargs: dict[str, object], sentence: str) -> None:
    arguments: dict[str, object] = {"text": "Hello.", "model": "tts-1", **kwargs}
    text = str(arguments.pop("text"))
    with pytest.raises(InputError) as raised:
        studio.jobs.create_speech(text, **arguments)  # type: ignore[arg-type]
    assert str(raised.value).startswith(sentence) and one_sentence(str(raised.value))
    assert studio.jobs.recent(limit=10) == [] and relay.requests == []


@pytest.mark.parametrize(("case", "words"), [
    ("no-speech-route", "The relay has no text-to-speech route (POST /v1/audio/speech)"),
    ("html200", "web page"),
])
def test_a_relay_without_the_route_or_a_web_page_is_one_sentence(studio: StudioCore, relay: RelayServer,
                                                                   case: str, words: str) -> None:
    use_case(studio, relay, case)
    ended = finish(studio, studio.jobs.create_speech("Hello.", model="tts-1").id)
    assert ended.state in (JobState.FAILED, JobState.UNKNOWN) and words in one_sentence(ended.error)
    assert studio.gallery.for_job(ended.id) == []


@pytest.mark.parametrize("text", ["One short sentence.", None])
def test_audio_in_another_format_than_asked_is_converted_not_paid_again(studio: StudioCore, relay: RelayServer,
                                                                        text: str | None) -> None:
    use_case(studio, relay, "speech-always-mp3")
    spoken = text or long_text()
    done = finish(studio, studio.jobs.create_speech(spoken, model="tts-1", format="flac").id)
    assert done.state is JobState.DONE, done.error
    (asset,) = studio.gallery.for_job(done.id)
    assert asset.mime == "audio/flac" and probe(asset.path).audio_codec == "flac"
    assert len(speech.sent(relay)) == len(split_text(spoken))
    assert asset.duration == pytest.approx(sum(speech.seconds_for(p) for p in split_text(spoken)), abs=0.3)


def test_a_job_id_that_is_no_plain_name_is_refused_before_anything_is_sent(tmp_path: Path) -> None:
    from studio.storage.paths import OutsideDataFolder

    assert speech_parts_folder(tmp_path, "a1b2c3") == tmp_path / "jobs" / "a1b2c3" / "speech"
    for bad in ("..", "../x", "a/b", ""):
        with pytest.raises(OutsideDataFolder):
            speech_parts_folder(tmp_path, bad)
