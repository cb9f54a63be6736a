"""The Audio tab's view-model against the relay test server: a recording becomes timed lines, the current
line follows the player's position, a click seeks, an edit is kept (and comes back), exports hold the edited
lines, a model without timestamps refuses subtitles in one sentence, speech ends in a saved voice-over, a
voice sample is paid for once, and bad input is one sentence before anything is sent."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from studio.jobs.model import JobState
from studio.services.core import StudioCore
from studio.viewmodels.audio import (
    SAMPLE_TEXT,
    AudioViewModel,
    Line,
    Source,
    SpeechView,
    TranscriptionView,
    edits_path,
    sample_path,
)
from studio.viewmodels.jobs import JobsViewModel
from tests.conftest import KEY
from tests.gui.conftest import Runner
from tests.gui.test_video_viewmodel import dispose
from tests.relay import RelayServer
from tests.relay import speech as speech_relay
from tests.relay import transcription as transcription_relay
from tests.support.media import mp4_bytes, speech_bytes, write_media


class Seen:
    def __init__(self, vm: AudioViewModel) -> None:
        self.errors: list[str] = []
        self.sources: list[Source | None] = []
        self.transcripts: list[TranscriptionView] = []
        self.speeches: list[SpeechView] = []
        self.current: list[int] = []
        self.seeks: list[float] = []
        self.samples: list[tuple[str, str]] = []
        self.exported: list[str] = []
        self.models: dict[str, list[list[str]]] = {"transcribe": [], "speech": []}
        vm.error.connect(self.errors.append)
        vm.sourceChanged.connect(self.sources.append)
        vm.transcriptionShown.connect(self.transcripts.append)
        vm.speechShown.connect(self.speeches.append)
        vm.currentLineChanged.connect(self.current.append)
        vm.seekRequested.connect(self.seeks.append)
        vm.sampleReady.connect(lambda voice, path: self.samples.append((voice, path)))
        vm.exported.connect(self.exported.append)
        vm.transcribeModelsChanged.connect(self.models["transcribe"].append)
        vm.speechModelsChanged.connect(self.models["speech"].append)

    @property
    def transcript(self) -> TranscriptionView | None:
        return self.transcripts[-1] if self.transcripts else None


@pytest.fixture
def audio(gui_core: StudioCore, relay: RelayServer, loop: Any,
          run_until: Runner) -> Iterator[tuple[AudioViewModel, Seen]]:
    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    jobs = JobsViewModel(gui_core)
    vm = AudioViewModel(gui_core, jobs)
    seen = Seen(vm)
    jobs.start()
    vm.start()
    run_until(lambda: len(seen.models["speech"]) >= 2 and idle(vm), message="models listed")
    yield vm, seen
    run_until(jobs.runner.idle, timeout=10)
    loop.run_until_complete(vm.shutdown())
    loop.run_until_complete(jobs.shutdown())
    dispose(vm, jobs)


def idle(vm: AudioViewModel) -> bool:
    return not vm._tasks


def recording(folder: Path, seconds: float = 7.0, name: str = "talk.mp3") -> Path:
    """A real MP3 of `seconds` (the test relay hears one line per 2 s of it)."""
    path = folder / name
    write_media(path, "mp3", tone_seconds=seconds, tone_codec="libmp3lame")
    return path


def transcribed(vm: AudioViewModel, seen: Seen, run_until: Runner, source: Path | str, asset_id: str = "",
                **options: Any) -> TranscriptionView:
    vm.setSource(str(source), asset_id)
    run_until(lambda: bool(seen.sources) and idle(vm), message="source set")
    assert not seen.errors, seen.errors
    vm.transcribe({"model": "whisper-1", **options})
    run_until(lambda: seen.transcript is not None and seen.transcript.state in (JobState.DONE, JobState.FAILED)
              and bool(seen.transcript.lines) == (seen.transcript.state is JobState.DONE) and idle(vm),
              message="transcribed")
    view = seen.transcript
    assert view is not None and view.state is JobState.DONE, (view, seen.errors)
    return view


def test_the_known_models_are_offered_with_the_relays_own(audio: tuple[AudioViewModel, Seen]) -> None:
    _vm, seen = audio
    assert seen.models["transcribe"][0][:3] == ["whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe"]
    assert seen.models["speech"][-1][:3] == ["tts-1", "tts-1-hd", "gpt-4o-mini-tts"]
    assert "gpt-4o" not in seen.models["transcribe"][-1], "chat models are not speech-to-text models"


def test_a_transcription_becomes_timed_lines_that_follow_the_player(
        audio: tuple[AudioViewModel, Seen], tmp_path: Path, relay: RelayServer, run_until: Runner) -> None:
    vm, seen = audio
    view = transcribed(vm, seen, run_until, recording(tmp_path, 7.0))
    (sent,) = transcription_relay.sent(relay)
    assert sent["response_format"] == "verbose_json" and sent["model"] == "whisper-1"
    assert view.timed and [line.text for line in view.lines] == [f"Line {i} is spoken here." for i in (1, 2, 3, 4)]
    assert view.lines[1].start == pytest.approx(2.0) and view.lines[1].end == pytest.approx(4.0)
    assert Path(view.media).is_file(), "the recording as sent plays in the player"

    vm.setPosition(0.5)
    assert vm.current_line == 0
    vm.setPosition(4.7)
    assert vm.current_line == 2
    vm.setPosition(4.9)
    assert seen.current[-2:] == [0, 2], "the index is emitted once per change"
    vm.setPosition(3.1)
    assert vm.current_line == 1

    vm.seekLine(3)
    assert seen.seeks == [pytest.approx(6.0)] and vm.current_line == 3


def test_an_edit_is_kept_and_exports_hold_it(audio: tuple[AudioViewModel, Seen], gui_core: StudioCore,
                                              tmp_path: Path, run_until: Runner) -> None:
    vm, seen = audio
    view = transcribed(vm, seen, run_until, recording(tmp_path, 3.0))
    vm.editLine(0, "The first line, corrected.")
    assert vm.lines[0] == Line("The first line, corrected.", 0.0, 2.0)
    sidecar = edits_path(gui_core.paths.root, view.asset_id)
    run_until(lambda: sidecar.is_file() and idle(vm), message="edit saved")
    asset = gui_core.gallery.get(view.asset_id)
    assert asset is not None and "corrected" not in asset.path.read_text(), "the relay's transcript stays as it was"

    for kind in ("srt", "vtt", "txt"):
        vm.export(kind, str(tmp_path / f"out.{kind}"))
    run_until(lambda: len(seen.exported) == 3 and idle(vm), message="exported")
    assert (tmp_path / "out.srt").read_text() == ("1\n00:00:00,000 --> 00:00:02,000\nThe first line, corrected.\n\n"
                                                  "2\n00:00:02,000 --> 00:00:03,000\nLine 2 is spoken here.\n\n")
    vtt = (tmp_path / "out.vtt").read_text()
    assert vtt.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nThe first line, corrected.\n")
    assert (tmp_path / "out.txt").read_text() == "The first line, corrected.\nLine 2 is spoken here.\n"

    vm.editLine(1, "   ")
    assert seen.errors == ["A line cannot be empty; its words were kept."]
    assert vm.lines[1].text == "Line 2 is spoken here."

    # shown again: the edit comes back from the sidecar
    seen.transcripts.clear()
    vm.show(view.job_id)
    run_until(lambda: seen.transcript is not None and idle(vm), message="shown again")
    assert seen.transcript.lines[0].text == "The first line, corrected."


def test_a_model_without_timestamps_shows_lines_without_times_and_refuses_subtitles(
        audio: tuple[AudioViewModel, Seen], tmp_path: Path, relay: RelayServer, run_until: Runner) -> None:
    vm, seen = audio
    view = transcribed(vm, seen, run_until, recording(tmp_path, 5.0), model="gpt-4o-mini-transcribe",
                       language="en", prompt="names: Ada")
    (sent,) = transcription_relay.sent(relay)
    assert (sent["response_format"], sent["language"], sent["prompt"]) == ("json", "en", "names: Ada")
    assert not view.timed and [line.start for line in view.lines] == [None, None, None]
    assert [line.text for line in view.lines] == [f"Line {i} is spoken here." for i in (1, 2, 3)]
    assert vm.export_problem("srt") == ("gpt-4o-mini-transcribe gave no timestamps, so there are no subtitle times "
                                        "to save; save the text, or transcribe with whisper-1 for subtitles.")
    assert vm.export_problem("txt") == ""
    vm.export("srt", str(tmp_path / "none.srt"))
    run_until(lambda: bool(seen.errors) and idle(vm), message="refused")
    assert seen.errors == [vm.export_problem("vtt")] and not (tmp_path / "none.srt").exists()
    vm.seekLine(1)
    assert not seen.seeks and vm.current_line == 1
    vm.setPosition(1.0)
    assert vm.current_line == -1


def test_translation_goes_to_the_translations_route(audio: tuple[AudioViewModel, Seen], tmp_path: Path,
                                                    relay: RelayServer, run_until: Runner) -> None:
    vm, seen = audio
    view = transcribed(vm, seen, run_until, recording(tmp_path, 3.0), translate=True, language="de")
    (sent,) = transcription_relay.sent(relay)
    assert sent["route"] == transcription_relay.TRANSLATE and "language" not in sent
    assert view.translated and view.lines[0].text == "Translated line 1."


def test_a_video_asset_is_transcribed_from_its_sound(audio: tuple[AudioViewModel, Seen], gui_core: StudioCore,
                                                     relay: RelayServer, tmp_path: Path, run_until: Runner) -> None:
    vm, seen = audio
    path = gui_core.gallery.new_path("a1a1a1a1a1a1", ".mp4")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(mp4_bytes(seconds=3.0, audio=True))
    asset = gui_core.gallery.add(path=path, kind="video", mime="video/mp4", prompt="a talk", asset_id="a1a1a1a1a1a1")
    vm.open_asset(asset.id)
    run_until(lambda: bool(seen.sources) and idle(vm), message="asset opened")
    assert seen.sources[-1] == Source(str(asset.path), asset.id, "a talk", True)
    vm.transcribe({"model": "whisper-1"})
    run_until(lambda: seen.transcript is not None and seen.transcript.state is JobState.DONE and idle(vm),
              message="transcribed")
    (sent,) = transcription_relay.sent(relay)
    assert sent["filename"].endswith(".mp3"), "the video's sound went, not the video"
    assert len(seen.transcript.lines) == 2
    assert seen.transcript.media == str(asset.path) and seen.transcript.video, "the video plays, with its picture"
    assert seen.transcript.name == "a talk"

    waves: list[tuple[str, list[float]]] = []
    vm.waveformReady.connect(lambda path, heights: waves.append((path, heights)))
    other = recording(tmp_path, 3.0, "other.mp3")
    vm.setSource(str(other), "")
    run_until(lambda: vm.source is not None and vm.source.path == str(other) and bool(waves) and idle(vm),
              message="another recording")
    assert seen.transcripts[-1] is None and vm.lines == () and vm.transcription_job is None, \
        "the lines of the last recording go with it"
    assert waves[0][0] == str(other) and len(waves[0][1]) == 200 and max(waves[0][1]) == 1.0


def test_bad_recordings_are_one_sentence_and_nothing_is_sent(audio: tuple[AudioViewModel, Seen], tmp_path: Path,
                                                             relay: RelayServer, run_until: Runner) -> None:
    vm, seen = audio
    huge = tmp_path / "huge.wav"
    with huge.open("wb") as handle:
        handle.truncate(65 * 1024 ** 3)  # sparse: 65 GB on paper, nothing on disk
    fake = tmp_path / "photo.mp3"
    Image.new("RGB", (32, 32), "red").save(fake, "PNG")
    empty = tmp_path / "empty.mp3"
    empty.write_bytes(b"")
    mute = tmp_path / "mute.mp4"
    mute.write_bytes(mp4_bytes(seconds=1.0))
    for path in (huge, fake, empty, mute, tmp_path / "gone.mp3"):
        vm.setSource(str(path), "")
        run_until(lambda: idle(vm), message=f"checked {path.name}")
    assert seen.errors == [
        "huge.wav is 65.0 GB; a recording to transcribe may be at most 64.0 GB.",
        "photo.mp3 is not an audio or video file.",
        "empty.mp3 is empty: there is nothing to transcribe.",
        "mute.mp4 holds no sound to transcribe.",
        f"{tmp_path / 'gone.mp3'} does not exist.",
    ]
    assert vm.source is None and not seen.sources
    vm.transcribe({"model": "whisper-1"})
    run_until(lambda: len(seen.errors) == 6 and idle(vm), message="nothing to transcribe")
    assert seen.errors[-1] == "Drop a recording or a video here first, or choose one."
    vm.speak("   ", {"model": "tts-1", "voice": "nova"})
    run_until(lambda: len(seen.errors) == 7 and idle(vm), message="empty text")
    assert seen.errors[-1] == "Write the text to speak first: it is empty."
    assert not transcription_relay.sent(relay) and not speech_relay.sent(relay)


def test_a_silent_recording_says_no_speech_was_heard(gui_core: StudioCore, relay: RelayServer, loop: Any,
                                                     tmp_path: Path, run_until: Runner) -> None:
    gui_core.profiles.add("local", relay.url + "/case/silent-audio", key=KEY, make_default=True)
    jobs = JobsViewModel(gui_core)
    vm = AudioViewModel(gui_core, jobs)
    seen = Seen(vm)
    jobs.start()
    try:
        vm.setSource(str(recording(tmp_path, 2.0, "quiet.mp3")), "")
        run_until(lambda: bool(seen.sources) and idle(vm), message="source set")
        vm.transcribe({"model": "whisper-1"})
        run_until(lambda: seen.transcript is not None and seen.transcript.state is JobState.FAILED and idle(vm),
                  message="failed")
        assert seen.transcript.error.startswith("No speech was heard in ")
        assert seen.transcript.error.endswith(" (it may be silent); nothing was saved.")
        assert vm.source is not None, "the recording stays set: nothing is lost"
    finally:
        run_until(jobs.runner.idle, timeout=10)
        loop.run_until_complete(vm.shutdown())
        loop.run_until_complete(jobs.shutdown())
        dispose(vm, jobs)


def test_speech_ends_in_a_saved_voice_over(audio: tuple[AudioViewModel, Seen], relay: RelayServer,
                                           run_until: Runner) -> None:
    vm, seen = audio
    vm.speak("Welcome to the show.", {"model": "gpt-4o-mini-tts", "voice": "coral", "format": "wav", "speed": 1.25,
                                      "instructions": "warm and slow"})
    run_until(lambda: bool(seen.speeches) and seen.speeches[-1].state is JobState.DONE and idle(vm),
              message="spoken")
    view = seen.speeches[-1]
    assert Path(view.audio).is_file() and Path(view.audio).suffix == ".wav" and view.voice == "coral"
    (body,) = [r.json() for r in relay.requests if r.path.endswith(speech_relay.ROUTE)]
    assert (body["model"], body["voice"], body["speed"], body["instructions"]) == (
        "gpt-4o-mini-tts", "coral", 1.25, "warm and slow")
    vm.speak("Plain.", {"model": "tts-1", "voice": "nova", "instructions": "ignored: tts-1 takes none"})
    run_until(lambda: seen.speeches[-1].job_id != view.job_id and seen.speeches[-1].state is JobState.DONE
              and idle(vm), message="spoken again")
    assert "instructions" not in [r.json() for r in relay.requests if r.path.endswith(speech_relay.ROUTE)][-1]


def test_a_voice_sample_is_synthesized_once_and_kept(audio: tuple[AudioViewModel, Seen], gui_core: StudioCore,
                                                     relay: RelayServer, run_until: Runner) -> None:
    vm, seen = audio
    vm.playSample("shimmer", "tts-1")
    run_until(lambda: bool(seen.samples) and idle(vm), message="sample made")
    (voice, path) = seen.samples[0]
    assert voice == "shimmer" and Path(path) == sample_path(gui_core.paths.cache, "tts-1", "shimmer", "en",
                                                            SAMPLE_TEXT)
    assert speech_relay.sent(relay) == [SAMPLE_TEXT]
    assert Path(path).read_bytes() == mp3_bytes_of(relay)
    vm.playSample("shimmer", "tts-1")
    run_until(lambda: len(seen.samples) == 2 and idle(vm), message="sample again")
    assert len(speech_relay.sent(relay)) == 1, "the second time costs nothing"
    assert os.path.commonpath([path, str(gui_core.paths.cache)]) == str(gui_core.paths.cache)


def mp3_bytes_of(relay: RelayServer) -> bytes:
    """The audio the test relay answered the one speech request with."""
    assert len(speech_relay.sent(relay)) == 1
    return speech_bytes("mp3", speech_relay.seconds_for(speech_relay.sent(relay)[0]))



def test_a_long_recording_goes_in_parts_and_says_how_far_it_is(audio: tuple[AudioViewModel, Seen], tmp_path: Path,
                                                               relay: RelayServer, run_until: Runner) -> None:
    vm, seen = audio
    vm.setSource(str(recording(tmp_path, 150.0, "lecture.mp3")), "")
    run_until(lambda: bool(seen.sources) and idle(vm), message="source set")
    vm.transcribe({"model": "whisper-1", "upload_limit": 262_144})  # 0.25 MB, the least a relay may take
    run_until(lambda: seen.transcript is not None and seen.transcript.state is JobState.DONE and idle(vm),
              timeout=60, message="transcribed in parts")
    parts = transcription_relay.sent(relay)
    assert len(parts) >= 2 and all(p["bytes"] <= 262_144 for p in parts)
    notes = [v.note for v in seen.transcripts if v is not None and v.note]
    assert any(note.endswith(" parts transcribed") for note in notes), notes
    starts = [line.start for line in seen.transcript.lines]
    assert starts == sorted(starts) and seen.transcript.lines[-1].end == pytest.approx(150.0, abs=1.0)
    assert seen.transcript.note == "" and seen.transcript.progress is None


def test_transcribe_right_after_choosing_another_recording_sends_that_one(
        audio: tuple[AudioViewModel, Seen], tmp_path: Path, relay: RelayServer, run_until: Runner) -> None:
    vm, seen = audio
    transcribed(vm, seen, run_until, recording(tmp_path, 3.0, "talk.mp3"))
    vm.setSource(str(recording(tmp_path, 3.0, "second.mp3")), "")
    vm.transcribe({"model": "whisper-1"})  # at once: the second file is still being checked
    run_until(lambda: len(transcription_relay.sent(relay)) == 2 and seen.transcript is not None
              and seen.transcript.state is JobState.DONE and idle(vm), message="second transcribed")
    assert transcription_relay.sent(relay)[-1]["filename"] == "second.mp3", "the file named on screen is paid for"
    assert seen.transcript.name == "second.mp3" and vm.source is not None and vm.source.name == "second.mp3"

    fake = tmp_path / "photo.mp3"
    Image.new("RGB", (32, 32), "red").save(fake, "PNG")
    vm.setSource(str(fake), "")
    vm.transcribe({"model": "whisper-1"})  # the chosen file is refused: nothing is sent, not the one before
    run_until(lambda: idle(vm), message="refused")
    assert seen.errors == ["photo.mp3 is not an audio or video file."]
    assert len(transcription_relay.sent(relay)) == 2


def test_a_rebuild_that_read_the_sidecar_before_an_edit_was_written_keeps_the_edit(
        audio: tuple[AudioViewModel, Seen], gui_core: StudioCore, tmp_path: Path, run_until: Runner,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    import studio.viewmodels.audio as audio_module

    vm, seen = audio
    view = transcribed(vm, seen, run_until, recording(tmp_path, 5.0))
    release = threading.Event()
    write = audio_module.write_edits

    def held(*args: Any) -> None:  # the disk is slow: the first edit is written after the rebuild read
        release.wait(10)
        write(*args)

    monkeypatch.setattr(audio_module, "write_edits", held)
    vm.editLine(0, "First, corrected.")
    shown = len(seen.transcripts)
    vm.reshow()  # a job event, a language switch: the view is built again from the stores
    run_until(lambda: len(seen.transcripts) > shown, message="rebuilt")
    assert seen.transcript.lines[0].text == "First, corrected." and vm.lines[0].text == "First, corrected."
    release.set()
    vm.editLine(1, "Second, corrected.")
    run_until(lambda: idle(vm), message="saved")
    sidecar = edits_path(gui_core.paths.root, view.asset_id)
    assert [line["text"] for line in json.loads(sidecar.read_text())["lines"]][:2] == [
        "First, corrected.", "Second, corrected."], "the second edit is saved with the first"


def test_a_recordings_export_is_offered_under_its_own_name() -> None:
    from studio.viewmodels.audio import export_stem

    assert export_stem("harbour-talk.mp4") == "harbour-talk"
    assert export_stem("Mr. Smith at 9: the talk") == "Mr. Smith at 9 the talk"
    assert export_stem("Night drive v1.2") == "Night drive v1.2", "only a recording's suffix is cut"
    assert export_stem("a/b") == "a b"


class Chinese(QTranslator):
    """A catalogue with the one sentence the test needs (the lead's zh_CN catalogue holds the real ones)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return "你好！我朗读你的文字时就是这样的声音。" if source == SAMPLE_TEXT else ""


def test_a_voice_sample_is_spoken_in_the_users_language(audio: tuple[AudioViewModel, Seen], gui_core: StudioCore,
                                                        relay: RelayServer, run_until: Runner) -> None:
    vm, seen = audio
    vm.playSample("nova", "tts-1")
    run_until(lambda: len(seen.samples) == 1 and idle(vm), message="English sample")
    translator = Chinese()
    QCoreApplication.installTranslator(translator)
    QLocale.setDefault(QLocale("zh_CN"))
    try:
        vm.playSample("nova", "tts-1")
        run_until(lambda: len(seen.samples) == 2 and idle(vm), message="Chinese sample")
    finally:
        QCoreApplication.removeTranslator(translator)
    assert speech_relay.sent(relay) == [SAMPLE_TEXT, "你好！我朗读你的文字时就是这样的声音。"]
    assert seen.samples[0][1] != seen.samples[1][1], "the English sample is not played to a Chinese user"
    assert "zh_CN" in Path(seen.samples[1][1]).name


def test_each_speech_model_is_offered_its_own_voices(audio: tuple[AudioViewModel, Seen]) -> None:
    vm, _seen = audio
    assert "ballad" not in vm.voices_for("tts-1") and "verse" not in vm.voices_for("tts-1-hd")
    assert {"alloy", "echo", "fable", "onyx", "nova", "shimmer", "ash", "coral", "sage"} <= set(vm.voices_for("tts-1"))
    assert {"ballad", "verse"} <= set(vm.voices_for("gpt-4o-mini-tts"))
    assert vm.takes_instructions("gpt-4o-mini-tts") and not vm.takes_instructions("tts-1-hd")
    assert vm.can_translate("whisper-1") and not vm.can_translate("gpt-4o-transcribe")


class Words(QTranslator):
    """A catalogue of the given sentences (the lead's catalogues hold the real ones)."""

    def __init__(self, words: dict[str, str]) -> None:
        super().__init__()
        self.words = words

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return self.words.get(source, "")


def test_the_split_paths_notes_and_the_no_speech_error_are_worded_from_their_codes(
        gui_core: StudioCore, relay: RelayServer, loop: Any, tmp_path: Path, run_until: Runner) -> None:
    translator = Words({
        "{0} of {1} parts transcribed": "已转写 {0}/{1} 段",
        "The recording is longer than one upload; cutting it into parts": "录音超过单次上传上限，正在切分",
        "No speech was heard in {0} (it may be silent); nothing was saved.": "{0} 中没有听到语音；未保存任何内容。",
        "The relay takes at most {0} MB an upload; cutting smaller parts": "最多收 {0} MB，切更小的段"})
    QCoreApplication.installTranslator(translator)
    gui_core.profiles.add("local", relay.url + "/case/upload-limit-1mb", key=KEY, make_default=True)
    gui_core.profiles.add("quiet", relay.url + "/case/silent-audio", key=KEY)
    jobs = JobsViewModel(gui_core)
    vm = AudioViewModel(gui_core, jobs)
    seen = Seen(vm)
    said: list[str] = []  # each note as worded when it comes (the view shows the latest one)
    jobs.jobNote.connect(lambda job_id, _english: said.append(jobs.note(job_id)))
    jobs.start()
    try:
        vm.setSource(str(recording(tmp_path, 150.0, "lecture.mp3")), "")
        run_until(lambda: bool(seen.sources) and idle(vm), message="source set")
        vm.transcribe({"model": "whisper-1"})  # over the 1 MB this relay takes: its 413 is learned from
        run_until(lambda: seen.transcript is not None and seen.transcript.state is JobState.DONE and idle(vm),
                  timeout=60, message="transcribed in parts")
        notes = [v.note for v in seen.transcripts if v is not None and v.note]
        assert "最多收 1.0 MB，切更小的段" in said, said
        assert "录音超过单次上传上限，正在切分" in notes and any(n.startswith("已转写 ") for n in notes), notes
        assert not any("parts" in n for n in notes), "no English note reaches a Chinese user"

        gui_core.profiles.set_route("transcribe", "quiet")
        vm.setSource(str(recording(tmp_path, 2.0, "quiet.mp3")), "")
        run_until(lambda: vm.source is not None and vm.source.name == "quiet.mp3" and idle(vm), message="set")
        vm.transcribe({"model": "whisper-1"})
        run_until(lambda: seen.transcript is not None and seen.transcript.state is JobState.FAILED and idle(vm),
                  message="failed")
        job = gui_core.jobs.get(seen.transcript.job_id)
        assert job is not None and job.error_detail == {"code": "transcribe.no-speech", "args": {"name": "quiet.mp3"}}
        assert seen.transcript.error == "quiet.mp3 中没有听到语音；未保存任何内容。"
    finally:
        QCoreApplication.removeTranslator(translator)
        run_until(jobs.runner.idle, timeout=10)
        loop.run_until_complete(vm.shutdown())
        loop.run_until_complete(jobs.shutdown())
        dispose(vm, jobs)


def test_each_part_follows_its_own_job_and_a_burst_of_changes_is_one_more_rebuild(
        audio: tuple[AudioViewModel, Seen], tmp_path: Path, run_until: Runner) -> None:
    vm, seen = audio
    view = transcribed(vm, seen, run_until, recording(tmp_path, 3.0))
    vm.speak("Both parts at once.", {"model": "tts-1", "voice": "nova"})
    run_until(lambda: bool(seen.speeches) and seen.speeches[-1].state is JobState.DONE and idle(vm),
              message="spoken")
    assert vm.transcription_job == view.job_id and vm.speech_job == seen.speeches[-1].job_id
    transcripts, speeches = len(seen.transcripts), len(seen.speeches)
    for _ in range(50):  # the runner reports many changes of both jobs while one rebuild runs
        vm._jobs.jobChanged.emit(view.job_id)
        vm._jobs.jobChanged.emit(seen.speeches[-1].job_id)
    run_until(lambda: idle(vm), message="rebuilt")
    assert 1 <= len(seen.transcripts) - transcripts <= 2 and 1 <= len(seen.speeches) - speeches <= 2
    assert seen.transcript is not None and seen.transcript.job_id == view.job_id
