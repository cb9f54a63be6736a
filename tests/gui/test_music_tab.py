"""The Music tab against the relay test server: Generate follows the view-model's rules (off with an empty
description, a sentence saying why), custom mode's fields and the lyrics counter, a Suno job's two clips
as rows with title, length and cover, a clip played in the player, "Extend from here" and Re-run; the
main window builds the tab on first show and fills it from the Jobs panel and the Gallery's "Extend"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from studio.jobs.model import JobState
from studio.services.core import StudioCore
from studio.viewmodels.jobs import JobsViewModel
from studio.viewmodels.music import MusicViewModel
from studio.views.main_window import MainWindow, PlaceholderTab
from studio.views.music_tab import MusicTab
from tests.conftest import KEY
from tests.gui.conftest import Runner
from tests.gui.test_music_viewmodel import idle, submits
from tests.gui.test_video_viewmodel import dispose
from tests.relay import RelayServer


@pytest.fixture
def tab(gui_core: StudioCore, relay: RelayServer, loop: Any, run_until: Runner) -> Iterator[MusicTab]:
    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    gui_core.settings.set("jobs.poll_scale", 0.002)
    jobs = JobsViewModel(gui_core)
    tab = MusicTab(MusicViewModel(gui_core, jobs))
    tab.resize(1000, 700)
    tab.show()
    jobs.start()
    tab.vm.start()
    run_until(lambda: tab.model_picker.count() > 0 and tab.vm.options is not None and idle(tab.vm),
              message="music models listed")
    yield tab
    run_until(jobs.runner.idle, timeout=10)
    tab.shutdown()
    tab.close()
    loop.run_until_complete(tab.vm.shutdown())
    loop.run_until_complete(jobs.shutdown())
    dispose(tab, tab.vm, jobs)


def test_generate_follows_the_rules_and_custom_mode_shows_its_fields(tab: MusicTab) -> None:
    assert not tab.generate_button.isEnabled()
    assert tab.hint.isVisibleTo(tab) and tab.hint.text() == "Describe the song first: the description is empty."
    tab.prompt.setText("a song about the sea")
    assert tab.generate_button.isEnabled() and not tab.hint.isVisibleTo(tab)
    assert tab.family_note.text() == "Sent as: Suno"
    assert [tab.version.itemText(i) for i in range(tab.version.count())] == [
        "The model's (chirp-v3-5)", "chirp-v3-0", "chirp-v3-5", "chirp-v4", "chirp-auk"]

    tab.custom_mode.click()
    assert tab.lyrics.isVisibleTo(tab) and not tab.prompt.isVisibleTo(tab) and tab.title_edit.isVisibleTo(tab)
    assert not tab.generate_button.isEnabled() and tab.hint.text().startswith("Write the lyrics first")
    assert tab.write_button.isEnabled()  # the description is what the lyrics are about until an idea is typed
    tab.lyrics.setPlainText("x" * 3001)
    assert not tab.generate_button.isEnabled() and tab.lyrics_count.text() == "3001 of 3000 characters"
    assert "takes at most 3000" in tab.hint.text()
    tab.version.setCurrentIndex(tab.version.findData("chirp-auk"))
    assert tab.generate_button.isEnabled() and tab.lyrics_count.text() == "3001 of 5000 characters"
    tab.lyrics.clear()
    texts = " ".join(w.text() for w in (tab.family_note, tab.hint, tab.status)).lower()
    assert tab.hint.text() and "suno_" not in texts and "custom" not in texts and "inspiration" not in texts


def test_the_clips_are_listed_and_play_and_extend_from_here_prefills_the_form(
        tab: MusicTab, gui_core: StudioCore, run_until: Runner) -> None:
    tab.prompt.setText("a song about the sea")
    tab.generate_button.click()
    run_until(lambda: tab._shown is not None and tab._shown.state is JobState.DONE and len(tab.rows) == 2
              and all(not r.cover.pixmap().isNull() and r.cover.pixmap().width() == 56 for r in tab.rows.values()),
              message="two songs with their covers")
    rows = list(tab.rows.values())
    assert [r.title.text() for r in rows] == ["Sea Song", "Sea Song"]
    assert [r.duration.text() for r in rows] == ["0:01", "0:01"] and rows[0].details.text() == "Take 1 · pop"
    assert tab.rerun_button.isVisibleTo(tab) and not tab.extend_button.isVisibleTo(tab)
    assert "Suno" in tab.status.text() and not tab.progress.isVisibleTo(tab)

    rows[1].play.click()
    assert tab.player is not None and tab.player.path == Path(rows[1].clip.path)
    assert tab.extend_button.isVisibleTo(tab)
    run_until(lambda: not tab.player.poster.image.isNull(), message="the cover is the player's picture")
    tab.extend_button.click()
    run_until(lambda: tab.extend_box.isVisibleTo(tab), message="extension prefilled")
    assert tab.custom_mode.isChecked() and tab.title_edit.text() == "Sea Song" and tab.tags.text() == "pop"
    assert tab.generate_button.text() == "Extend" and tab.extend_text.text() == "Continues take 2 of “Sea Song” from"
    assert tab.vm.extending is not None and tab.vm.extending.asset_id == rows[1].clip.asset_id
    tab.extend_clear.click()
    assert not tab.extend_box.isVisibleTo(tab) and tab.generate_button.text() == "Generate"

    first = tab._shown.job_id
    tab.inspiration_mode.click()
    tab.prompt.setText("something else")
    tab.rerun_button.click()  # Re-run puts the job's settings back in the form; Generate sends them
    run_until(lambda: tab.prompt.text() == "a song about the sea" and idle(tab.vm), message="form refilled")
    assert tab._shown.job_id == first
    tab.generate_button.click()
    run_until(lambda: tab._shown.job_id != first and tab._shown.state is JobState.DONE, message="re-run saved")
    assert len(tab.rows) == 2 and all(r.clip.asset_id not in {x.clip.asset_id for x in rows} for r in tab.rows.values())
    playing = rows[1].clip.asset_id
    run_until(lambda: set(tab._covers) == {*tab.rows, playing}, message="the new job's covers decoded")
    next(iter(tab.rows.values())).play.click()  # another clip in the player: the old job's cover goes too
    assert set(tab._covers) == set(tab.rows)


def test_enter_twice_in_the_description_sends_one_song(tab: MusicTab, relay: RelayServer, run_until: Runner) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(tab.prompt, Qt.Key.Key_Return)  # an empty description: Generate is off, Enter sends nothing
    tab.prompt.setText("a song about the sea")
    QTest.keyClick(tab.prompt, Qt.Key.Key_Return)
    QTest.keyClick(tab.prompt, Qt.Key.Key_Return)
    run_until(lambda: tab._shown is not None and tab._shown.state is JobState.DONE and idle(tab.vm),
              message="songs saved")
    assert len(submits(relay)) == 1 and not tab.banner.isVisibleTo(tab)
    assert tab.rerun_button.isEnabled()


def test_write_lyrics_for_me_fills_the_editor(tab: MusicTab, run_until: Runner) -> None:
    tab.custom_mode.click()
    tab.idea.setText("rain on a window")
    assert tab.write_button.isEnabled()
    tab.write_button.click()
    run_until(lambda: "Rain on the window" in tab.lyrics.toPlainText(), message="lyrics written")
    assert tab.title_edit.text() == "Rain Song" and tab.write_button.text() == "Write lyrics for me"
    assert tab.generate_button.isEnabled() and not tab.lyrics_offer.isVisibleTo(tab)


def test_lyrics_written_while_the_user_typed_are_offered_and_replacing_them_can_be_undone(
        tab: MusicTab, run_until: Runner) -> None:
    tab.custom_mode.click()
    tab.idea.setText("rain on a window")
    tab.write_button.click()
    tab.lyrics.insertPlainText("[Verse]\nMy own words")  # typed while Suno writes
    run_until(lambda: tab.lyrics_offer.isVisibleTo(tab) and idle(tab.vm), message="lyrics offered")
    assert tab.lyrics.toPlainText() == "[Verse]\nMy own words" and tab.vm.form.lyrics == "[Verse]\nMy own words"
    assert "Rain on the window" in tab.lyrics_offer_text.toolTip()  # a look at Suno's before choosing
    tab.title_edit.setText("Mine")
    tab.lyrics_replace.click()
    assert "Rain on the window" in tab.lyrics.toPlainText() and tab.vm.form.lyrics == tab.lyrics.toPlainText()
    assert tab.title_edit.text() == "Mine" and not tab.lyrics_offer.isVisibleTo(tab)
    tab.lyrics.undo()  # Ctrl+Z brings the user's words back
    assert tab.lyrics.toPlainText() == "[Verse]\nMy own words" and tab.vm.form.lyrics == "[Verse]\nMy own words"

    tab.write_button.click()
    tab.lyrics.insertPlainText("\nmore")
    run_until(lambda: tab.lyrics_offer.isVisibleTo(tab) and idle(tab.vm), message="lyrics offered again")
    tab.lyrics_keep.click()
    assert tab.lyrics.toPlainText() == "[Verse]\nMy own words\nmore" and not tab.lyrics_offer.isVisibleTo(tab)


@pytest.fixture
def window(gui_core: StudioCore, relay: RelayServer, loop: Any, run_until: Runner) -> Iterator[MainWindow]:
    from studio.viewmodels.chat import ChatViewModel
    from studio.viewmodels.gallery import GalleryViewModel
    from studio.viewmodels.image import ImageViewModel
    from studio.viewmodels.main import MainViewModel

    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    gui_core.settings.set("jobs.poll_scale", 0.002)
    jobs = JobsViewModel(gui_core)
    vms = (MainViewModel(gui_core), ChatViewModel(gui_core), jobs, ImageViewModel(gui_core, jobs),
           GalleryViewModel(gui_core))
    window = MainWindow(*vms, lambda: None)
    yield window
    run_until(jobs.runner.idle, timeout=10)
    window.close()
    made = window.view_models_made()
    for vm in {*vms, *made}:
        loop.run_until_complete(vm.shutdown())
    dispose(window, *vms, *made)


def test_the_window_builds_the_music_tab_when_shown_and_fills_it(window: MainWindow, gui_core: StudioCore,
                                                                 loop: Any, run_until: Runner) -> None:
    window.show()
    window.jobs_vm.start()
    assert window.music_page.tab is None and not isinstance(window.music_page, PlaceholderTab)
    made = gui_core.jobs.create_music("a lullaby for a lighthouse keeper", version="chirp-v4")
    window.jobs_vm.track(made)

    async def run() -> None:
        (await window.jobs_vm.ready()).run(made.id)

    loop.run_until_complete(run())
    tab = window.music_tab
    tab.prompt.setText("a song being typed")
    window.open_job(made.id)  # from the Jobs panel: its songs are shown, the form kept
    assert window.tabs.currentWidget() is window.music_page
    run_until(lambda: tab._shown is not None and tab._shown.job_id == made.id and len(tab.rows) == 2
              and tab._shown.state is JobState.DONE and idle(tab.vm), message="the job's songs shown")
    assert tab.prompt.text() == "a song being typed" and tab.version.currentData() == ""
    tab.rerun_button.click()  # Re-run is what refills the form
    run_until(lambda: tab.prompt.text() == "a lullaby for a lighthouse keeper" and idle(tab.vm)
              and tab.version.currentData() == "chirp-v4", message="the form filled from the job")
    assert window.vm.capability == "music"
    window.vm.refreshStatus()
    run_until(lambda: window.profile_label.text() == "Profile: local", message="the music route's profile")

    tab.generate_button.click()
    run_until(lambda: tab._shown is not None and tab._shown.state is JobState.DONE and len(tab.rows) == 2)
    song = next(iter(tab.rows.values())).clip
    window.tabs.setCurrentIndex(0)
    window.gallery_vm.extend(song.asset_id)  # the Gallery's "Extend"
    run_until(lambda: window.tabs.currentWidget() is window.music_page and tab.extend_box.isVisibleTo(tab),
              message="the Music tab prefilled to extend the song")
    assert tab.vm.extending.asset_id == song.asset_id and tab.extend_at.value() == pytest.approx(0.5)


def test_a_long_song_is_named_its_takes_told_apart_its_lyrics_shown_and_extended_from_the_players_second(
        tab: MusicTab, gui_core: StudioCore, relay: RelayServer, loop: Any, run_until: Runner) -> None:
    from studio.views.player import PLAYING

    gui_core.profiles.add("local", relay.url + "/case/suno-long", key=KEY, make_default=True)  # 40 s songs
    loop.run_until_complete(gui_core.clients.forget("local"))
    tab.custom_mode.click()
    tab.title_edit.setText("Harbour Lights")
    tab.tags.setText("indie folk")
    tab.lyrics.setPlainText("[Verse]\nThe harbour lights are calling me home")
    tab.generate_button.click()
    run_until(lambda: tab._shown is not None and tab._shown.state is JobState.DONE and len(tab.rows) == 2,
              message="two long songs")
    assert tab.status.text() == "Done — “Harbour Lights” · Suno" and "suno_music" not in tab.status.text()
    rows = list(tab.rows.values())
    assert [r.details.text() for r in rows] == ["Take 1 · indie folk", "Take 2 · indie folk"]
    assert [r.duration.text() for r in rows] == ["0:40", "0:40"]
    assert rows[0].lyrics_toggle.isVisibleTo(tab) and not rows[0].lyrics.isVisibleTo(tab)
    assert rows[0].lyrics_toggle.toolTip() == "[Verse]\nThe harbour lights are calling me home"
    rows[0].lyrics_toggle.click()
    assert rows[0].lyrics.isVisibleTo(tab) and "calling me home" in rows[0].lyrics.text()

    rows[1].play.click()
    player = tab.player
    assert player is not None
    run_until(lambda: player.state == PLAYING and player.duration > 39, message="the 40 s song playing")
    player.pause()
    player.seek(30.0)
    assert player.position == pytest.approx(30.0)
    tab.extend_button.click()  # "Extend from here" at the player's second
    run_until(lambda: tab.extend_box.isVisibleTo(tab) and idle(tab.vm), message="extension prefilled")
    assert tab.extend_at.value() == pytest.approx(30.0) and tab.vm.extending.at == pytest.approx(30.0)
    assert tab.lyrics.toPlainText() == ""  # the song's own words: the continuation starts empty
    tab.lyrics.setPlainText("[Bridge]\nAnd the tide comes home")
    first = tab._shown.job_id
    tab.generate_button.click()
    run_until(lambda: tab._shown.job_id != first and tab._shown.state is JobState.DONE, message="extension saved")
    body = submits(relay)[-1]
    assert body["continue_clip_id"] == rows[1].clip.clip_id and body["continue_at"] == pytest.approx(30.0)
    assert tab.status.text() == "Done — “Harbour Lights”, continued from 0:30 · Suno"
