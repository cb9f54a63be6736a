"""The Music tab's view-model against the relay test server: music models and their versions, the form's
rules (an empty description, custom mode without lyrics, lyrics over the limit) as one sentence before
anything is sent, a Suno job followed to its two clips with titles, lengths and covers, clips listed while
the job still runs, "Write lyrics for me", "Extend from here", Re-run, and a job reopened into the form."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from studio.jobs.model import JobState
from studio.services.core import StudioCore
from studio.viewmodels.families import reason_text
from studio.viewmodels.jobs import JobsViewModel
from studio.viewmodels.music import (
    CUSTOM,
    ExtendSource,
    FamilyView,
    FormCheck,
    MusicJobView,
    MusicViewModel,
    music_job_view,
)
from tests.conftest import KEY
from tests.gui.conftest import Runner
from tests.gui.test_video_viewmodel import dispose
from tests.relay import RelayServer
from tests.relay.suno import LYRICS, LYRICS_TITLE


class Seen:
    """What the view-model said, in order."""

    def __init__(self, vm: MusicViewModel) -> None:
        self.errors: list[str] = []
        self.options: list[FamilyView] = []
        self.checks: list[FormCheck] = []
        self.jobs: list[MusicJobView] = []
        self.forms: list[dict[str, Any]] = []
        self.lyrics: list[tuple[str, str]] = []
        self.extends: list[ExtendSource | None] = []
        vm.error.connect(self.errors.append)
        vm.optionsChanged.connect(self.options.append)
        vm.checkChanged.connect(self.checks.append)
        vm.jobShown.connect(self.jobs.append)
        vm.formRequested.connect(self.forms.append)
        vm.lyricsWritten.connect(lambda title, text: self.lyrics.append((title, text)))
        vm.extendChanged.connect(self.extends.append)

    @property
    def job(self) -> MusicJobView | None:
        return self.jobs[-1] if self.jobs else None


def idle(vm: MusicViewModel) -> bool:
    return not vm._tasks


@pytest.fixture
def music(gui_core: StudioCore, relay: RelayServer, loop: Any,
          run_until: Runner) -> Iterator[tuple[MusicViewModel, Seen]]:
    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    gui_core.settings.set("jobs.poll_scale", 0.002)
    jobs = JobsViewModel(gui_core)
    vm = MusicViewModel(gui_core, jobs)
    seen = Seen(vm)
    models: list[list[str]] = []
    vm.modelsChanged.connect(models.append)
    jobs.start()
    vm.start()
    run_until(lambda: bool(models) and vm.options is not None and idle(vm), message="music models listed")
    seen.models = models  # type: ignore[attr-defined]
    yield vm, seen
    run_until(jobs.runner.idle, timeout=10)
    loop.run_until_complete(vm.shutdown())
    loop.run_until_complete(jobs.shutdown())
    dispose(vm, jobs)


def submits(relay: RelayServer) -> list[dict[str, Any]]:
    return [json.loads(r.body) for r in relay.requests if r.method == "POST" and r.path.endswith("/suno/submit/music")]


def done(seen: Seen, after: str = "") -> bool:
    job = seen.job
    return job is not None and job.job_id != after and job.state is JobState.DONE


def test_the_models_are_song_models_and_the_versions_are_the_familys(music: tuple[MusicViewModel, Seen]) -> None:
    vm, seen = music
    assert "suno_music" in seen.models[-1] and "suno_lyrics" not in seen.models[-1]  # type: ignore[attr-defined]
    assert vm.model == "suno_music"
    view = vm.options
    assert view is not None and (view.family, view.label, view.problem) == ("suno", "Suno", "")
    assert view.versions == ("chirp-v3-0", "chirp-v3-5", "chirp-v4", "chirp-auk")
    assert view.default_version == "chirp-v3-5" and "title" in view.options and "extend" in view.options
    assert ("suno", "Suno") in vm.family_choices()


def test_the_forms_rules_are_one_sentence_and_nothing_is_sent(
        music: tuple[MusicViewModel, Seen], gui_core: StudioCore, relay: RelayServer, run_until: Runner) -> None:
    vm, seen = music
    assert not vm.check().can_generate
    assert vm.check().hint == "Describe the song first: the description is empty."
    vm.setForm({"prompt": "   "})
    assert not seen.checks[-1].can_generate
    vm.generate()
    run_until(lambda: len(seen.errors) == 1)
    assert seen.errors[-1] == "Describe the song first: the description is empty."
    vm.setForm({"prompt": "a song about the sea"})
    assert seen.checks[-1].can_generate and seen.checks[-1].hint == ""

    vm.setForm({"mode": CUSTOM})
    assert seen.checks[-1].hint == "Write the lyrics first, or tick Instrumental for a song without words."
    vm.setForm({"instrumental": True})
    assert seen.checks[-1].hint == "Give the instrumental a style or a title."
    vm.setForm({"tags": "lo-fi piano"})
    assert seen.checks[-1].can_generate
    vm.setForm({"instrumental": False, "lyrics": "la " * 1001})  # 3002 characters after the strip
    check = seen.checks[-1]
    assert (check.lyrics_length, check.lyrics_limit, check.over_limit) == (3002, 3000, True)
    assert check.hint == "The lyrics are 3002 characters long; model version chirp-v3-5 takes at most 3000."
    vm.generate()
    run_until(lambda: len(seen.errors) == 2)
    assert seen.errors[-1] == check.hint
    vm.setForm({"version": "chirp-auk"})  # v4.5 takes 5000
    assert seen.checks[-1].can_generate and seen.checks[-1].lyrics_limit == 5000
    assert submits(relay) == [] and gui_core.jobs.recent(limit=5) == []
    assert all("\n" not in e and "Traceback" not in e for e in seen.errors)


def test_a_song_job_lists_both_clips_with_titles_lengths_and_covers(
        music: tuple[MusicViewModel, Seen], gui_core: StudioCore, relay: RelayServer, run_until: Runner) -> None:
    vm, seen = music
    vm.setForm({"prompt": "a song about the sea"})
    vm.generate()
    run_until(lambda: done(seen), message="songs saved")
    view = seen.job
    assert view is not None and len(view.clips) == 2 and view.waiting == 0 and view.failed == ()
    assert any(v.state is not JobState.DONE for v in seen.jobs), "the job was shown while it ran"
    for clip in view.clips:
        assert clip.title == "Sea Song" and clip.duration == pytest.approx(0.5) and clip.duration_text == "0:01"
        assert Path(clip.path).is_file() and Path(clip.cover).is_file() and clip.cover.endswith(".png")
        assert clip.extendable and clip.clip_id.startswith("suno-")
    assert len({c.cover for c in view.clips}) == 2, "each clip has its own cover"
    assert view.can_rerun and view.family_label == "Suno"
    assert view.name == "Sea Song" and [c.take for c in view.clips] == [1, 2] and view.continued_at is None
    (body,) = submits(relay)
    assert body == {"mv": "chirp-v3-5", "make_instrumental": False, "gpt_description_prompt": "a song about the sea"}


def test_clips_saved_while_the_job_runs_are_listed_and_the_rest_awaited(gui_core: StudioCore) -> None:
    job = gui_core.jobs.store.create(capability="music", family="suno", profile="local", model="suno_music",
                                     prompt="a sea song", request={"action": "music", "mode": "inspiration"},
                                     metadata={})
    clips = [{"id": "c1", "status": "complete", "title": "Tide", "tags": "folk", "duration": 31.5},
             {"id": "c2", "status": "streaming", "title": "Tide", "tags": "folk", "duration": None}]
    running = replace(job, state=JobState.RUNNING, remote_id="task-1", metadata={"clips": clips})
    audio = gui_core.gallery.new_path("aaaaaaaaaaaa", ".mp3")
    audio.parent.mkdir(parents=True, exist_ok=True)
    audio.write_bytes(b"ID3")
    cover = gui_core.gallery.new_path("bbbbbbbbbbbb", ".png")
    cover.write_bytes(b"\x89PNG")
    gui_core.gallery.add(path=audio, kind="audio", mime="audio/mpeg", job_id=job.id, result_index=0,
                         asset_id="aaaaaaaaaaaa", metadata={"clip_id": "c1", "title": "Tide", "duration": 31.5})
    gui_core.gallery.add(path=cover, kind="image", mime="image/png", job_id=job.id, result_index=1,
                         asset_id="bbbbbbbbbbbb", metadata={"clip_id": "c1"})
    view = music_job_view(running, gui_core.gallery.for_job(job.id), "")
    (clip,) = view.clips
    assert (clip.title, clip.tags, clip.duration_text, Path(clip.cover), clip.extendable) == (
        "Tide", "folk", "0:32", cover, True)  # extendable at once, its sibling still being made
    assert view.waiting == 1 and not view.can_rerun


def test_a_custom_song_sends_its_lyrics_style_title_and_version(
        music: tuple[MusicViewModel, Seen], relay: RelayServer, run_until: Runner) -> None:
    vm, seen = music
    vm.setForm({"mode": CUSTOM, "lyrics": "[Verse]\nSalt on my lips", "tags": "sea shanty", "title": "Salt",
                "version": "chirp-v4", "prompt": "ignored in custom mode"})
    vm.generate()
    run_until(lambda: done(seen), message="custom songs saved")
    (body,) = submits(relay)
    assert body == {"mv": "chirp-v4", "make_instrumental": False, "prompt": "[Verse]\nSalt on my lips",
                    "title": "Salt", "tags": "sea shanty"}
    assert [c.title for c in seen.job.clips] == ["Salt", "Salt"]


def test_write_lyrics_for_me_fills_the_editor(music: tuple[MusicViewModel, Seen], relay: RelayServer,
                                              run_until: Runner) -> None:
    vm, seen = music
    assert not vm.check().can_write_lyrics
    vm.writeLyrics()
    run_until(lambda: bool(seen.errors))
    assert seen.errors[-1] == "Say what the song is about first, and Suno writes its lyrics."
    vm.setForm({"mode": CUSTOM, "idea": "rain on a window"})
    assert seen.checks[-1].can_write_lyrics
    vm.writeLyrics()
    run_until(lambda: bool(seen.lyrics), message="lyrics written")
    assert seen.lyrics[-1] == (LYRICS_TITLE, LYRICS)
    assert (vm.form.mode, vm.form.lyrics, vm.form.title) == (CUSTOM, LYRICS, LYRICS_TITLE)
    assert seen.checks[-1].can_generate and not vm.writing_lyrics
    (sent,) = [json.loads(r.body) for r in relay.requests if r.path.endswith("/suno/submit/lyrics")]
    assert sent == {"prompt": "rain on a window"}
    assert seen.job is None, "the songs shown stay (a lyrics job is not a song)"


def test_extend_from_here_continues_the_clip_from_the_players_second(
        music: tuple[MusicViewModel, Seen], gui_core: StudioCore, relay: RelayServer, run_until: Runner) -> None:
    vm, seen = music
    vm.setForm({"prompt": "a song about the sea"})
    vm.generate()
    run_until(lambda: done(seen), message="songs saved")
    first = seen.job
    clip = first.clips[1]
    vm.extendFromHere(clip.asset_id, 0.34)
    run_until(lambda: vm.extending is not None and bool(seen.forms), message="extension prefilled")
    assert vm.extending == ExtendSource(clip.asset_id, "Sea Song", 0.3, pytest.approx(0.5), take=2)
    assert seen.forms[-1] == {"mode": CUSTOM, "title": "Sea Song", "tags": "pop", "instrumental": False, "lyrics": ""}
    assert seen.checks[-1].hint.startswith("Write the words that come next")
    vm.setForm({"lyrics": "[Bridge]\nAnd the tide comes home"})
    vm.generate()
    run_until(lambda: done(seen, first.job_id), message="extension saved")
    body = submits(relay)[-1]
    task = gui_core.jobs.get(first.job_id).remote_id
    assert (body["continue_clip_id"], body["continue_at"], body["task_id"]) == (clip.clip_id, 0.3, task)
    assert body["prompt"] == "[Bridge]\nAnd the tide comes home" and vm.extending is None and seen.extends[-1] is None
    extension = gui_core.jobs.get(seen.job.job_id)
    assert reason_text(extension.metadata["family_reason"], extension.family, "music") == (
        "An extension of a song is sent in the same format as the song it continues (Suno).")

    # reopened from the Jobs panel: the form as it was, the extension too
    seen.forms.clear()
    vm.clearExtend()
    vm.rerun(extension.id)
    run_until(lambda: bool(seen.forms) and vm.extending is not None and idle(vm), message="extension reopened")
    assert seen.forms[-1]["lyrics"] == "[Bridge]\nAnd the tide comes home" and vm.extending.at == 0.3

    # Re-run: the same request again, a new job
    vm.runAgain(extension.id)
    run_until(lambda: done(seen, extension.id), message="re-run saved")
    again = submits(relay)[-1]
    assert again == body


def test_extending_what_cannot_be_extended_is_one_sentence(
        music: tuple[MusicViewModel, Seen], gui_core: StudioCore, run_until: Runner) -> None:
    vm, seen = music
    path = gui_core.gallery.new_path("cccccccccccc", ".png")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG")
    gui_core.gallery.add(path=path, kind="image", mime="image/png", asset_id="cccccccccccc")
    vm.extend_from_asset("cccccccccccc")
    run_until(lambda: bool(seen.errors))
    assert seen.errors[-1] == "Only a song can be extended."
    speech = gui_core.gallery.new_path("dddddddddddd", ".mp3")
    speech.write_bytes(b"ID3")
    gui_core.gallery.add(path=speech, kind="audio", mime="audio/mpeg", asset_id="dddddddddddd")
    vm.extend_from_asset("dddddddddddd")
    run_until(lambda: len(seen.errors) == 2)
    assert seen.errors[-1] == "Only songs Suno made can be extended."
    assert vm.extending is None


def test_a_failed_clip_says_why_beside_the_finished_one(music: tuple[MusicViewModel, Seen],
                                                        run_until: Runner) -> None:
    vm, seen = music
    vm.setForm({"prompt": "half a song about the sea"})
    vm.generate()
    run_until(lambda: done(seen), message="one song saved")
    assert len(seen.job.clips) == 1 and seen.job.failed == ("Audio generation failed",)


def test_a_reopened_song_job_fills_the_form(music: tuple[MusicViewModel, Seen], gui_core: StudioCore,
                                            run_until: Runner) -> None:
    vm, seen = music
    made = gui_core.jobs.create_music(lyrics="[Verse]\nSand", tags="desert blues", title="Dune", instrumental=False,
                                      version="chirp-v4")
    vm.rerun(made.id)
    run_until(lambda: bool(seen.forms) and idle(vm), message="form filled")
    assert seen.forms[-1] == {"mode": CUSTOM, "prompt": "", "lyrics": "[Verse]\nSand", "title": "Dune",
                              "tags": "desert blues", "instrumental": False, "version": "chirp-v4"}
    assert vm.check().can_generate


def test_the_first_clip_is_listed_and_playable_while_its_sibling_is_made(
        music: tuple[MusicViewModel, Seen], gui_core: StudioCore, run_until: Runner) -> None:
    vm, seen = music
    gui_core.settings.set("jobs.poll_scale", 0.05)  # a poll every 250 ms: the half-done task is seen
    vm.setForm({"prompt": "a song about the sea"})
    vm.generate()
    run_until(lambda: done(seen), message="songs saved")
    early = [v for v in seen.jobs if v.state is not JobState.DONE and v.clips]
    assert early, "a clip was listed before the job was done"
    assert len(early[0].clips) == 1 and early[0].waiting == 1 and Path(early[0].clips[0].path).is_file()
    assert early[0].clips[0].extendable and early[0].clips[0].title == "Sea Song"


def test_a_udio_model_takes_no_title_and_needs_a_style_beside_its_lyrics(
        music: tuple[MusicViewModel, Seen], relay: RelayServer, run_until: Runner) -> None:
    vm, seen = music
    vm.setModel("udio-130")
    run_until(lambda: vm.options is not None and vm.options.model == "udio-130" and idle(vm), message="Udio")
    view = vm.options
    assert (view.family, view.label, view.problem, view.default_version) == ("udio", "Udio", "", "udio130")
    assert "title" not in view.options and "extend" not in view.options
    vm.setForm({"mode": CUSTOM, "lyrics": "[Verse]\nNight bus home", "title": "left from Suno"})
    assert seen.checks[-1].hint == "Udio needs the song's style beside its lyrics: fill in Style."
    vm.setForm({"tags": "city pop"})
    assert seen.checks[-1].can_generate and seen.checks[-1].lyrics_limit == 2500
    vm.setForm({"lyrics": "x" * 2501})
    assert seen.checks[-1].hint == "The lyrics are 2501 characters long; Udio takes at most 2500."
    vm.setForm({"lyrics": "[Verse]\nNight bus home"})
    vm.generate()
    run_until(lambda: done(seen), message="Udio songs saved")
    (sent,) = [json.loads(r.body) for r in relay.requests if r.path.endswith("/udio/submit/music")]
    assert sent["gen_params"]["lyrics"] == "[Verse]\nNight bus home" and sent["gen_params"]["prompt"] == "city pop"
    assert len(seen.job.clips) == 2 and not any(c.extendable for c in seen.job.clips)
    assert not seen.errors


def test_a_relay_without_sunos_routes_is_one_sentence_and_the_form_is_kept(
        music: tuple[MusicViewModel, Seen], gui_core: StudioCore, relay: RelayServer, loop: Any,
        run_until: Runner) -> None:
    vm, seen = music
    gui_core.profiles.add("local", relay.url + "/case/no-suno-route", key=KEY, make_default=True)
    loop.run_until_complete(gui_core.clients.forget("local"))
    vm.setForm({"prompt": "a song about the sea"})
    vm.generate()
    run_until(lambda: seen.job is not None and seen.job.state is JobState.FAILED, message="the song job failed")
    assert "/suno/submit/music" in seen.job.error and "HTTP 404" in seen.job.error and "\n" not in seen.job.error
    assert seen.job.clips == () and seen.job.can_rerun
    vm.setForm({"mode": CUSTOM, "idea": "rain on a window"})
    vm.writeLyrics()
    run_until(lambda: bool(seen.errors) and not vm.writing_lyrics, message="the lyrics job failed")
    assert "/suno/submit/lyrics" in seen.errors[-1] and "\n" not in seen.errors[-1]
    assert (vm.form.prompt, vm.form.idea) == ("a song about the sea", "rain on a window")  # nothing lost
    assert vm.check().can_write_lyrics


def test_a_reopened_lyrics_job_puts_its_words_in_the_editor(music: tuple[MusicViewModel, Seen], gui_core: StudioCore,
                                                            run_until: Runner) -> None:
    vm, seen = music
    vm.setForm({"mode": CUSTOM, "idea": "rain on a window"})
    vm.writeLyrics()
    run_until(lambda: bool(seen.lyrics) and idle(vm), message="lyrics written")
    (made,) = gui_core.jobs.recent(limit=5)
    lyrics_job = made.id
    vm.setForm({"lyrics": "", "title": "", "idea": ""})
    vm.show(lyrics_job)
    vm.rerun(lyrics_job)
    run_until(lambda: bool(seen.forms) and seen.job is not None and idle(vm), message="lyrics job reopened")
    assert seen.forms[-1] == {"mode": CUSTOM, "idea": "rain on a window", "lyrics": LYRICS, "title": LYRICS_TITLE}
    assert seen.job.lyrics and seen.job.clips == () and seen.job.state is JobState.DONE


def test_generate_or_run_again_pressed_twice_makes_one_job(
        music: tuple[MusicViewModel, Seen], gui_core: StudioCore, relay: RelayServer, run_until: Runner) -> None:
    vm, seen = music
    vm.setForm({"prompt": "a song about the sea"})
    vm.generate()
    assert vm.submitting
    vm.generate()  # Enter pressed again before the first job is made
    run_until(lambda: done(seen) and idle(vm), message="songs saved")
    assert len(submits(relay)) == 1 and len(gui_core.jobs.recent(limit=5)) == 1 and not vm.submitting
    first = seen.job.job_id
    vm.runAgain(first)
    vm.runAgain(first)
    run_until(lambda: done(seen, first) and idle(vm), message="re-run saved")
    assert len(submits(relay)) == 2 and len(gui_core.jobs.recent(limit=5)) == 2
    vm.generate()  # the guard is over once the job runs: the next press is a new song
    run_until(lambda: len(gui_core.jobs.recent(limit=5)) == 3 and idle(vm), message="a third job")
    assert not seen.errors


def test_lyrics_written_after_the_user_changed_the_editor_are_offered_not_put_in(
        music: tuple[MusicViewModel, Seen], gui_core: StudioCore, run_until: Runner) -> None:
    vm, seen = music
    offers: list[tuple[str, str]] = []
    vm.lyricsOffered.connect(lambda title, text: offers.append((title, text)))
    vm.setForm({"mode": CUSTOM, "idea": "rain on a window", "lyrics": "[Verse]\nDraft"})
    vm.writeLyrics()  # an unchanged editor is replaced (the view does it as one undoable edit)
    run_until(lambda: bool(seen.lyrics) and idle(vm), message="lyrics written")
    assert vm.form.lyrics == LYRICS and offers == []
    vm.writeLyrics()
    vm.setForm({"lyrics": "[Verse]\nMy own words"})  # typed while Suno writes
    run_until(lambda: bool(offers) and idle(vm), message="lyrics offered")
    assert offers == [(LYRICS_TITLE, LYRICS)] and len(seen.lyrics) == 1
    assert vm.form.lyrics == "[Verse]\nMy own words" and vm.form.title == LYRICS_TITLE
    first = next(j for j in gui_core.jobs.recent(limit=5) if j.request.get("action") == "lyrics")
    vm.runAgain(first.id)  # asked again with these words in the editor, left unchanged: replaced (undoable)
    run_until(lambda: len(seen.lyrics) == 2 and idle(vm), message="lyrics written by a run again")
    assert vm.form.lyrics == LYRICS and len(offers) == 1


def test_extending_keeps_the_words_typed_and_drops_the_songs_own(
        music: tuple[MusicViewModel, Seen], run_until: Runner) -> None:
    vm, seen = music
    vm.setForm({"prompt": "a song about the sea"})
    vm.generate()
    run_until(lambda: done(seen) and idle(vm), message="songs saved")
    clip = seen.job.clips[0]
    assert clip.lyrics == LYRICS
    vm.setForm({"mode": CUSTOM, "lyrics": "[Bridge]\nTyped before extending"})
    vm.extendFromHere(clip.asset_id, 0.2)
    run_until(lambda: bool(seen.forms) and idle(vm), message="extension prefilled")
    assert "lyrics" not in seen.forms[-1] and vm.form.lyrics == "[Bridge]\nTyped before extending"
    vm.setForm({"lyrics": LYRICS})  # the song's own words (a Re-run of it): the continuation starts empty
    vm.extendFromHere(clip.asset_id, 0.2)
    run_until(lambda: len(seen.forms) == 2 and idle(vm), message="extension prefilled again")
    assert seen.forms[-1]["lyrics"] == "" and vm.form.lyrics == ""


def test_a_job_opened_from_the_jobs_panel_is_shown_and_the_form_kept(
        music: tuple[MusicViewModel, Seen], gui_core: StudioCore, run_until: Runner) -> None:
    vm, seen = music
    offers: list[tuple[str, str]] = []
    vm.lyricsOffered.connect(lambda title, text: offers.append((title, text)))
    vm.setForm({"mode": CUSTOM, "idea": "rain on a window"})
    vm.writeLyrics()
    run_until(lambda: bool(seen.lyrics) and idle(vm), message="lyrics written")
    (lyrics_job,) = gui_core.jobs.recent(limit=5)
    vm.setForm({"prompt": "a song about the sea", "mode": "inspiration"})
    vm.generate()
    run_until(lambda: done(seen) and idle(vm), message="songs saved")
    song_job = seen.job.job_id
    vm.setForm({"mode": CUSTOM, "lyrics": "[Verse]\nBeing typed", "title": "Mine"})
    seen.forms.clear()
    vm.open(lyrics_job.id)
    run_until(lambda: seen.job.job_id == lyrics_job.id and bool(offers) and idle(vm), message="lyrics job opened")
    assert offers == [(LYRICS_TITLE, LYRICS)] and vm.form.lyrics == "[Verse]\nBeing typed"
    vm.open(song_job)
    run_until(lambda: seen.job.job_id == song_job and idle(vm), message="song job opened")
    assert seen.forms == [] and vm.form.lyrics == "[Verse]\nBeing typed" and vm.form.title == "Mine"
    assert vm.extending is None


def test_write_lyrics_pressed_twice_makes_one_lyrics_job(music: tuple[MusicViewModel, Seen], relay: RelayServer,
                                                         gui_core: StudioCore, run_until: Runner) -> None:
    vm, seen = music
    vm.setForm({"mode": CUSTOM, "idea": "rain on a window"})
    vm.writeLyrics()
    assert vm.writing_lyrics and not seen.checks[-1].can_write_lyrics  # off from the press on
    vm.writeLyrics()
    run_until(lambda: bool(seen.lyrics) and idle(vm), message="lyrics written")
    assert len([r for r in relay.requests if r.path.endswith("/suno/submit/lyrics")]) == 1
    assert len(gui_core.jobs.recent(limit=5)) == 1 and seen.checks[-1].can_write_lyrics
