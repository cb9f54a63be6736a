"""The Audio tab against the relay test server: a video asset dragged from the Gallery and dropped on the tab
starts its transcription, the lines fill the table under the player with the spoken one highlighted, a click
on a line seeks, an edit in the table is kept; the Gallery's "Transcribe" opens the tab with the asset set;
Speech ends in the voice-over loaded in its player; bad input is one sentence in the banner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QColor, QFont
from PySide6.QtTest import QTest

from studio.gallery.store import Asset
from studio.jobs.model import JobState
from studio.services.core import StudioCore
from studio.viewmodels.audio import AudioViewModel, Line, edits_path
from studio.viewmodels.chat import ChatViewModel
from studio.viewmodels.dragdrop import asset_mime_data
from studio.viewmodels.gallery import GalleryViewModel
from studio.viewmodels.image import ImageViewModel
from studio.viewmodels.jobs import JobsViewModel
from studio.viewmodels.main import MainViewModel
from studio.views.audio_tab import SPEECH, TRANSCRIBE, AudioTab
from studio.views.main_window import MainWindow
from tests.conftest import KEY
from tests.gui.conftest import Runner
from tests.gui.test_audio_viewmodel import idle, recording
from tests.gui.test_video_tab import drop
from tests.gui.test_video_viewmodel import dispose
from tests.relay import RelayServer
from tests.relay import transcription as transcription_relay
from tests.support.media import mp4_bytes


@pytest.fixture
def tab(gui_core: StudioCore, relay: RelayServer, loop: Any, run_until: Runner) -> Iterator[AudioTab]:
    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    jobs = JobsViewModel(gui_core)
    tab = AudioTab(AudioViewModel(gui_core, jobs))
    tab.resize(1100, 760)
    tab.show()
    jobs.start()
    tab.vm.start()
    run_until(lambda: tab.transcribe_model.count() >= 3 and idle(tab.vm), message="models listed")
    yield tab
    run_until(jobs.runner.idle, timeout=10)
    tab.shutdown()
    tab.close()
    loop.run_until_complete(tab.vm.shutdown())
    loop.run_until_complete(jobs.shutdown())
    dispose(tab, tab.vm, jobs)


def video_asset(core: StudioCore, asset_id: str = "b2b2b2b2b2b2", seconds: float = 5.0) -> Asset:
    path = core.gallery.new_path(asset_id, ".mp4")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(mp4_bytes(seconds=seconds, audio=True))
    return core.gallery.add(path=path, kind="video", mime="video/mp4", prompt="a talk on stage", asset_id=asset_id,
                            duration=seconds)


def done(tab: AudioTab) -> bool:
    view = tab._transcript
    return view is not None and view.state is JobState.DONE and tab.lines.rowCount() > 0 and idle(tab.vm)


def test_a_video_asset_dropped_on_the_tab_starts_its_transcription(
        tab: AudioTab, gui_core: StudioCore, relay: RelayServer, run_until: Runner,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    asset = video_asset(gui_core)
    tab.show_part(SPEECH)
    assert drop(tab.drop_area, asset_mime_data([asset])), "the drop area takes a gallery asset"
    run_until(lambda: done(tab), message="transcribed")
    assert tab.pages.currentIndex() == TRANSCRIBE, "a drop brings the Transcribe part forward"
    assert tab.drop_area.name.text() == "a talk on stage", "the asset's own words name it, not its id"
    assert "a talk on stage" in tab.transcribe_status.text() and asset.id not in tab.transcribe_status.text()
    (sent,) = transcription_relay.sent(relay)
    assert sent["model"] == "whisper-1" and sent["filename"].endswith(".mp3"), "the video's sound was sent"
    job = gui_core.jobs.get(tab._transcript.job_id)
    assert job is not None and job.request["images"][0]["name"] == f"{asset.id}.mp3", "the id names the upload"
    assert job.prompt == "a talk on stage" and job.request["source_asset"] == asset.id
    offered: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (offered.append(args[2]), ("", ""))[1])
    tab._export("srt")
    assert offered == ["a talk on stage.srt"]
    assert [tab.lines.item(r, 1).text() for r in range(tab.lines.rowCount())] == [
        "Line 1 is spoken here.", "Line 2 is spoken here.", "Line 3 is spoken here."]
    assert [tab.lines.item(r, 0).text() for r in range(3)] == ["0:00", "0:02", "0:04"]
    assert not tab.lines.isColumnHidden(0) and not tab.lines_note.isVisibleTo(tab)
    assert all(button.isEnabled() for button in tab.export_buttons.values())
    assert tab.players[TRANSCRIBE].path is not None and str(tab.players[TRANSCRIBE].path) == tab._transcript.media


def test_the_spoken_line_is_highlighted_a_click_seeks_and_an_edit_is_kept(
        tab: AudioTab, gui_core: StudioCore, tmp_path: Path, run_until: Runner) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(recording(tmp_path, 5.0)))])  # a file from the file manager
    assert drop(tab, mime), "the whole tab takes a dropped recording"
    run_until(lambda: done(tab), message="transcribed")
    tab.vm.setPosition(2.5)  # what the player reports as it plays
    assert tab.lines.current == 1
    assert tab.lines.item(1, 1).font().weight() == QFont.Weight.Bold
    assert tab.lines.item(1, 1).background().color().alpha() > 0
    assert tab.lines.item(0, 1).background().style() == Qt.BrushStyle.NoBrush
    seeks: list[float] = []
    tab.vm.seekRequested.connect(seeks.append)
    tab.lines.cellClicked.emit(2, 1)  # a click on the third line: it seeks once it is no double-click
    run_until(lambda: bool(seeks), message="seeked")
    assert seeks == [4.0] and tab.lines.current == 2

    tab.lines.item(0, 1).setText("Welcome, everyone.")  # what the editor commits
    assert tab.vm.lines[0].text == "Welcome, everyone."
    sidecar = edits_path(gui_core.paths.root, tab._transcript.asset_id)
    run_until(lambda: sidecar.is_file() and idle(tab.vm), message="edit saved")
    tab.lines.item(1, 1).setText("  ")
    assert tab.lines.item(1, 1).text() == "Line 2 is spoken here.", "an emptied line keeps its words"
    assert tab.banner.text == "A line cannot be empty; its words were kept."


def test_a_model_without_timestamps_shows_lines_without_times(tab: AudioTab, tmp_path: Path,
                                                               run_until: Runner) -> None:
    tab.transcribe_model.setEditText("gpt-4o-transcribe")
    assert not tab.translate.isEnabled(), "only whisper translates"
    tab.vm.setSource(str(recording(tmp_path, 3.0)), "")
    run_until(lambda: tab.vm.source is not None and idle(tab.vm), message="source set")
    tab.transcribe()
    run_until(lambda: done(tab), message="transcribed")
    assert tab.lines.isColumnHidden(0)
    assert tab.lines_note.isVisibleTo(tab) and "gave no timestamps" in tab.lines_note.text()
    tab._export("srt")
    assert tab.banner.text == tab.vm.export_problem("srt")


def test_the_gallerys_transcribe_opens_the_tab_with_the_asset(gui_core: StudioCore, relay: RelayServer, qtbot,  # type: ignore[no-untyped-def]
                                                              loop: Any, run_until: Runner) -> None:
    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    jobs = JobsViewModel(gui_core)
    gallery = GalleryViewModel(gui_core)
    window = MainWindow(MainViewModel(gui_core), ChatViewModel(gui_core), jobs, ImageViewModel(gui_core, jobs),
                        gallery, lambda: None)
    qtbot.addWidget(window)
    window.show()
    asset = video_asset(gui_core, "c3c3c3c3c3c3", 3.0)
    gallery.transcribe(asset.id)  # the Gallery's "Transcribe" on the video
    run_until(lambda: window.audio_page.tab is not None and window.audio_vm.source is not None
              and idle(window.audio_vm), message="asset opened")
    assert window.tabs.currentWidget() is window.audio_page
    assert window.audio_tab.drop_area.name.text() == "a talk on stage"
    assert not transcription_relay.sent(relay), "opening sends nothing: the user chooses the model first"
    window.audio_tab.shutdown()
    loop.run_until_complete(window.audio_vm.shutdown())
    loop.run_until_complete(gallery.shutdown())
    loop.run_until_complete(jobs.shutdown())


def test_speech_plays_in_the_player_and_bad_input_is_one_sentence(tab: AudioTab, tmp_path: Path,
                                                                  run_until: Runner) -> None:
    tab.show_part(SPEECH)
    assert tab.pages.currentIndex() == SPEECH and tab.speech_mode.isChecked()
    tab.speak()
    run_until(lambda: bool(tab.banner.text) and idle(tab.vm), message="refused")
    assert tab.banner.text == "Write the text to speak first: it is empty."
    tab.speech_model.setEditText("tts-1")
    assert not tab.instructions.isEnabled() and tab.instructions_note.isVisibleTo(tab)
    tab.speech_model.setEditText("gpt-4o-mini-tts")
    assert tab.instructions.isEnabled()
    tab.text.setPlainText("Good evening, and welcome.")
    tab.voice.setCurrentIndex(tab.voice.findData("nova"))
    tab.format.setCurrentIndex(tab.format.findData("flac"))
    tab.speak()
    run_until(lambda: tab._speech is not None and tab._speech.state is JobState.DONE and SPEECH in tab.players
              and idle(tab.vm), message="spoken")
    player = tab.players[SPEECH]
    assert player.path is not None and player.path.suffix == ".flac" and str(player.path) == tab._speech.audio
    assert "Nova" in tab.speech_status.text()

    image = tmp_path / "cover.mp3"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    tab.show_part(TRANSCRIBE)
    tab.banner.clear()
    tab.vm.setSource(str(image), "")
    run_until(lambda: bool(tab.banner.text) and idle(tab.vm), message="refused")
    assert tab.banner.text == "cover.mp3 is not an audio or video file."


def test_a_voice_sample_plays_and_an_export_is_saved_where_the_dialog_says(
        tab: AudioTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_until: Runner) -> None:
    from PySide6.QtWidgets import QFileDialog

    tab.show_part(SPEECH)
    assert "once" in tab.sample.toolTip() and "free" in tab.sample.toolTip()
    tab.voice.setCurrentIndex(tab.voice.findData("echo"))
    tab.sample.click()
    run_until(lambda: tab.sample_player is not None and tab.sample_player.path is not None and idle(tab.vm),
              message="sample played")
    assert tab.sample_player.path.name.startswith("tts-1-echo-") and not tab.sample_player.isVisible()
    assert SPEECH not in tab.players, "the sample does not take the voice-over's player"

    tab.vm.setSource(str(recording(tmp_path, 3.0)), "")
    run_until(lambda: tab.vm.source is not None and idle(tab.vm), message="source set")
    tab.transcribe()
    run_until(lambda: done(tab), message="transcribed")
    target = tmp_path / "subtitles"  # no suffix typed: the format's is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    tab.export_buttons["vtt"].click()
    run_until(lambda: (tmp_path / "subtitles.vtt").is_file() and idle(tab.vm), message="exported")
    assert (tmp_path / "subtitles.vtt").read_text().startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nLine 1")


def test_a_relay_without_the_route_is_one_sentence(gui_core: StudioCore, relay: RelayServer, loop: Any,
                                                   tmp_path: Path, run_until: Runner) -> None:
    gui_core.profiles.add("local", relay.url + "/case/no-transcription-route", key=KEY, make_default=True)
    jobs = JobsViewModel(gui_core)
    tab = AudioTab(AudioViewModel(gui_core, jobs))
    tab.show()
    jobs.start()
    try:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(recording(tmp_path, 2.0)))])
        assert drop(tab.drop_area, mime)
        run_until(lambda: tab._transcript is not None and tab._transcript.state is JobState.FAILED
                  and bool(tab.banner.text) and idle(tab.vm), message="failed")
        sentence = tab.banner.text
        assert "\n" not in sentence and "Traceback" not in sentence and "HTTP 404" in sentence
        assert "/v1/audio/transcriptions" in sentence, sentence
        assert tab.vm.source is not None and tab.drop_area.name.isVisibleTo(tab), "the recording stays set"
    finally:
        run_until(jobs.runner.idle, timeout=10)
        tab.shutdown()
        tab.close()
        loop.run_until_complete(tab.vm.shutdown())
        loop.run_until_complete(jobs.shutdown())
        dispose(tab, tab.vm, jobs)


def test_a_job_opened_from_the_jobs_panel_shows_in_its_part(gui_core: StudioCore, relay: RelayServer, qtbot,  # type: ignore[no-untyped-def]
                                                            loop: Any, run_until: Runner) -> None:
    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    jobs = JobsViewModel(gui_core)
    window = MainWindow(MainViewModel(gui_core), ChatViewModel(gui_core), jobs, ImageViewModel(gui_core, jobs),
                        GalleryViewModel(gui_core), lambda: None)
    qtbot.addWidget(window)
    window.show()
    jobs.start()
    speech = gui_core.jobs.create_speech("Opened again.", voice="sage")
    jobs.track(speech)

    async def send() -> None:
        (await jobs.ready()).run(speech.id)

    loop.run_until_complete(send())
    run_until(lambda: (job := gui_core.jobs.get(speech.id)) is not None and job.state is JobState.DONE,
              message="spoken")
    window.open_job(speech.id)
    tab = window.audio_tab
    run_until(lambda: tab._speech is not None and SPEECH in tab.players and idle(window.audio_vm),
              message="shown")
    assert window.tabs.currentWidget() is window.audio_page and tab.pages.currentIndex() == SPEECH
    assert tab.players[SPEECH].path is not None and tab.spoken.text() == "Opened again."
    tab.shutdown()
    loop.run_until_complete(window.audio_vm.shutdown())
    loop.run_until_complete(jobs.shutdown())


def test_an_edited_line_emptied_again_keeps_the_edit(tab: AudioTab, tmp_path: Path, run_until: Runner) -> None:
    tab.vm.setSource(str(recording(tmp_path, 3.0)), "")
    run_until(lambda: tab.vm.source is not None and idle(tab.vm), message="source set")
    tab.transcribe()
    run_until(lambda: done(tab), message="transcribed")
    tab.lines.item(0, 1).setText("Welcome, everyone.")
    tab.lines.item(0, 1).setText("")  # emptied: the words put back are the user's, as the view-model keeps them
    assert tab.lines.item(0, 1).text() == "Welcome, everyone." == tab.vm.lines[0].text
    run_until(lambda: idle(tab.vm), message="saved")


def test_a_sample_leaves_the_voice_over_in_its_player_and_a_refresh_does_not_play_it(
        tab: AudioTab, run_until: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    from studio.views.player import MediaPlayer

    played: list[str] = []
    play = MediaPlayer.play
    monkeypatch.setattr(MediaPlayer, "play", lambda self: (played.append(self.objectName()), play(self))[1])
    tab.show_part(SPEECH)
    tab.text.setPlainText("The voice-over.")
    tab.speak()
    run_until(lambda: tab._speech is not None and tab._speech.state is JobState.DONE and SPEECH in tab.players
              and idle(tab.vm), message="spoken")
    voice_over = tab.players[SPEECH].path
    assert played == ["audioSpeechPlayer"], "a voice-over just made plays"
    assert tab.players[SPEECH].duration > 0, "its length shows before it is played through"
    tab.sample.click()
    run_until(lambda: tab.sample_player is not None and tab.sample_player.path is not None and idle(tab.vm),
              message="sample played")
    assert tab.players[SPEECH].path == voice_over and played[-1] == "audioSamplePlayer"
    shown = tab._speech
    tab.vm.reshow()  # a job event or a language switch builds the view again
    run_until(lambda: tab._speech is not shown and idle(tab.vm), message="shown again")
    assert played == ["audioSpeechPlayer", "audioSamplePlayer"], "a refresh plays nothing over the sample"
    assert tab.players[SPEECH].path == voice_over


def test_a_double_click_edits_a_line_without_seeking_and_a_single_click_seeks(
        tab: AudioTab, tmp_path: Path, run_until: Runner) -> None:
    from PySide6.QtWidgets import QAbstractItemView

    tab.vm.setSource(str(recording(tmp_path, 5.0)), "")
    run_until(lambda: tab.vm.source is not None and idle(tab.vm), message="source set")
    tab.transcribe()
    run_until(lambda: done(tab), message="transcribed")
    seeks: list[float] = []
    tab.vm.seekRequested.connect(seeks.append)
    table = tab.lines
    centre = table.visualItemRect(table.item(1, 1)).center()
    for click in (QTest.mouseClick, QTest.mouseDClick):  # a double-click: a click, then the second press
        click(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    run_until(lambda: not table._click.isActive(), message="the click settled")
    assert table.state() == QAbstractItemView.State.EditingState, "the double-click opened the editor"
    assert seeks == [], "fixing a word neither seeks nor plays"
    table.closePersistentEditor(table.item(1, 1))
    table.setFocus()
    QTest.keyClick(table.viewport(), Qt.Key.Key_Escape)
    run_until(lambda: table.state() != QAbstractItemView.State.EditingState, message="editor closed")
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     table.visualItemRect(table.item(2, 1)).center())
    run_until(lambda: bool(seeks), message="seeked")
    assert seeks == [4.0]


def test_the_lines_do_not_scroll_away_while_edited_or_just_after_the_user_scrolled(
        tab: AudioTab, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QAbstractSlider, QApplication

    import studio.views.audio_tab as audio_tab

    table = tab.lines
    table.show_lines(tuple(Line(f"Line {i}.", i * 2.0, i * 2.0 + 2) for i in range(200)))
    QApplication.processEvents()  # the table lays its rows out
    bar = table.verticalScrollBar()
    table.set_current(150)
    assert bar.value() > 0, "the line spoken is kept in view"
    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)  # the user scrolls back to read
    table.set_current(151)
    assert bar.value() == 0 and table.current == 151, "highlighted, but the lines stay where the user put them"
    monkeypatch.setattr(audio_tab, "USER_SCROLL_HOLD", 0.0)  # the hold is over
    table.set_current(152)
    assert bar.value() > 0
    table.scrollToTop()
    table.editItem(table.item(0, 1))  # a line being corrected
    table.set_current(160)
    assert bar.value() == 0, "the line being edited stays in view"


def test_languages_are_named_in_their_own_words_and_lines_are_counted(tab: AudioTab, tmp_path: Path,
                                                                      run_until: Runner) -> None:
    names = {tab.language.itemData(i): tab.language.itemText(i) for i in range(tab.language.count())}
    assert names["zh"] in ("中文", "简体中文") and names["de"] == "Deutsch" and names["ja"] == "日本語"
    assert all(text != code for code, text in names.items()), "no raw ISO code on screen"
    tab.language.setCurrentIndex(tab.language.findData("de"))
    assert tab.transcribe_options()["language"] == "de"
    tab.language.setEditText("nl")  # any other code may be typed
    assert tab.transcribe_options()["language"] == "nl"
    tab.language.setCurrentIndex(0)
    tab.vm.setSource(str(recording(tmp_path, 5.0)), "")
    run_until(lambda: tab.vm.source is not None and idle(tab.vm), message="source set")
    tab.transcribe()
    run_until(lambda: done(tab), message="transcribed")
    assert "3 line" in tab.transcribe_status.text()


def test_each_speech_model_offers_its_own_voices(tab: AudioTab) -> None:
    tab.show_part(SPEECH)
    tab.speech_model.setEditText("gpt-4o-mini-tts")
    assert tab.voice.findData("ballad") >= 0 and tab.voice.findData("verse") >= 0
    tab.voice.setCurrentIndex(tab.voice.findData("nova"))
    tab.speech_model.setEditText("tts-1")
    assert tab.voice.findData("ballad") < 0 and tab.voice.findData("verse") < 0, "ballad and verse are not tts-1's"
    assert tab.voice.currentData() == "nova", "a voice the model has stays chosen"
    tab.speech_model.setEditText("gpt-4o-mini-tts")
    tab.voice.setCurrentIndex(tab.voice.findData("verse"))
    tab.speech_model.setEditText("tts-1-hd")
    assert tab.voice.currentData() == "alloy", "a voice the model lacks gives way to Alloy"


def test_the_status_bar_follows_the_audio_part_shown(gui_core: StudioCore, relay: RelayServer, qtbot,  # type: ignore[no-untyped-def]
                                                     loop: Any, run_until: Runner) -> None:
    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    jobs = JobsViewModel(gui_core)
    window = MainWindow(MainViewModel(gui_core), ChatViewModel(gui_core), jobs, ImageViewModel(gui_core, jobs),
                        GalleryViewModel(gui_core), lambda: None)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.audio_page)
    tab = window.audio_tab
    assert window.vm.capability == "transcribe"
    tab.speech_mode.click()
    assert window.vm.capability == "speech", "on Speech the profile and balance are speech's"
    tab.transcribe_mode.click()
    assert window.vm.capability == "transcribe"
    tab.shutdown()
    loop.run_until_complete(window.audio_vm.shutdown())
    loop.run_until_complete(jobs.shutdown())


def test_the_sounds_waveform_shows_what_was_played_and_leaves_room_around_it() -> None:
    from PySide6.QtCore import QSize

    from studio.views.audio_tab import PLAYED, PLAYHEAD, TO_COME, waveform_image

    image = waveform_image([1.0] * 100, QSize(400, 100), 0.5)
    middle = image.height() // 2
    assert image.pixelColor(48, middle) == PLAYED and image.pixelColor(352, middle) == TO_COME  # a bar each
    assert image.pixelColor(200, middle + 10) == PLAYHEAD or image.pixelColor(199, middle + 10) == PLAYHEAD
    assert image.pixelColor(48, 5) == QColor(0, 0, 0), "the loudest bar does not fill the stage"
