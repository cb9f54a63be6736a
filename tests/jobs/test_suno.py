"""Suno jobs end to end: JobService and the runner against the relay test server's Suno tasks
(docs/PROTOCOLS.md#suno, tests/relay/suno.py): songs in both modes, instrumental, extension, lyrics, a
failed task, a failed clip beside a finished one, batched polls and the routes' other spellings."""

from __future__ import annotations

import asyncio

import av
import pytest

from studio.api.families import family_of, spec_for
from studio.errors import InputError
from studio.jobs.model import Job, JobState
from studio.jobs.runner import JobEvent
from studio.services.core import StudioCore
from tests.jobs.conftest import bodies, finish, one_sentence, run, states_seen, use_case
from tests.relay import RelayServer, suno

MUSIC = "/suno/submit/music"


def _done_song(studio: StudioCore, job: Job, clips: int = 2) -> list[tuple[str, str]]:
    """The job is done with `clips` songs, each an audio file that demuxes, a cover and a video."""
    assert job.state is JobState.DONE, job.error
    assets = studio.gallery.for_job(job.id)
    kinds = [a.kind for a in sorted(assets, key=lambda a: a.result_index or 0)]
    assert kinds == ["audio", "image", "video"] * clips, kinds
    for asset in assets:
        if asset.kind == "audio":
            with av.open(str(asset.path)) as container:
                assert container.streams.audio and next(container.demux(audio=0)) is not None
    return [(a.kind, str(a.path)) for a in assets]


def test_a_suno_model_reaches_the_suno_handler() -> None:
    for model in ("suno_music", "suno_lyrics", "chirp-v3-5", "suno-v4"):
        assert family_of(model, "music").family == "suno"
    spec = spec_for("music", "suno")
    assert spec is not None and spec.handler == "studio.jobs.suno:SunoHandler" and "audio" in spec.results


def test_inspiration_mode_saves_both_clips_with_covers_and_metadata(studio: StudioCore, relay: RelayServer) -> None:
    job = studio.jobs.create_music("a song about the sea")
    assert (job.capability, job.family, job.model) == ("music", "suno", "suno_music")
    done, seen = states_seen(studio, job.id)
    _done_song(studio, done)
    (body,) = bodies(relay, "POST", MUSIC)
    assert body == {"gpt_description_prompt": "a song about the sea", "make_instrumental": False, "mv": "chirp-v3-5"}
    assert ("running", 50.0) in seen  # the first clip finished a poll before the second
    clips = done.metadata["clips"]
    assert [c["id"] for c in clips] == suno.Task(str(done.remote_id), "MUSIC", {}, "").clip_ids()
    assert all(c["title"] == "Sea Song" and c["tags"] == "pop" and c["lyrics"] == suno.LYRICS
               and c["duration"] == suno.DURATION for c in clips)
    assert done.metadata["clip_ids"] == [clips[0]["id"]] * 3 + [clips[1]["id"]] * 3
    assert suno.task(relay, str(done.remote_id))["status"] == "SUCCESS"
    assert {a.job_id for a in studio.gallery.assets(search="about the sea")} == {job.id}
    for asset in studio.gallery.for_job(done.id):  # the audio: its words, length and clip id; cover, video: a role
        clip = clips[(asset.result_index or 0) // 3]
        role = {"image": {"role": "cover"}, "video": {"role": "clip-video"}}.get(asset.kind)
        assert asset.metadata == ({"family": "suno", "clip_id": clip["id"], **role} if role else
                                  {"family": "suno", "title": "Sea Song", "tags": "pop", "lyrics": suno.LYRICS,
                                   "duration": suno.DURATION, "clip_id": clip["id"]})
    # the grid lists a song once: its cover and video are shown through it, and listed apart
    assert [a.kind for a in studio.gallery.assets(search="Sea Song")] == ["audio", "audio"]
    assert [a.kind for a in studio.gallery.assets(search="Rain on the window")] == ["audio", "audio"]
    assert {a.kind for a in studio.gallery.assets()} == {"audio"} and studio.gallery.count() == 2
    assert sorted(a.kind for a in studio.gallery.assets(extras=True)) == ["image", "image", "video", "video"]
    assert len(studio.gallery.assets(extras=None)) == studio.gallery.count(extras=None) == 6
    audio = [a for a in studio.gallery.for_job(done.id) if a.kind == "audio"]
    covers = [next(c for c in studio.gallery.for_job(done.id)
                   if c.kind == "image" and c.metadata["clip_id"] == a.metadata["clip_id"]) for a in audio]
    assert [c.result_index for c in covers] == [1, 4] and all(a.duration for a in audio)


def test_a_clip_is_saved_and_plays_while_its_sibling_still_streams(studio: StudioCore, relay: RelayServer) -> None:
    job = studio.jobs.create_music("a song about the sea")
    heard: list[tuple[str, str, int | None, bool]] = []  # (task status, job state, result index, decodes)

    def on_event(event: JobEvent) -> None:
        if event.asset is not None and event.asset.kind == "audio":
            status = suno.task(relay, str(event.job.remote_id))["status"]  # read without counting a query
            with av.open(str(event.asset.path)) as container:
                decodes = next(container.decode(audio=0)).samples > 0
            heard.append((status, event.job.state.value, event.asset.result_index, decodes))

    async def body() -> Job:
        unsubscribe = studio.jobs.runner.subscribe(on_event)
        try:
            studio.jobs.runner.run(job.id)
            return await studio.jobs.runner.wait(job.id)
        finally:
            unsubscribe()

    done = run(studio, body)
    _done_song(studio, done)
    assert heard == [("IN_PROGRESS", "running", 0, True), ("SUCCESS", "downloading", 3, True)]
    fetched = [r.path for r in relay.requests if r.method == "GET" and "/files/" in r.path]
    assert len(fetched) == len(set(fetched)) == 6  # the first clip's files were not fetched again at the end


def test_a_restart_mid_song_keeps_the_saved_clip_and_fetches_only_the_rest(studio: StudioCore,
                                                                         relay: RelayServer) -> None:
    job = studio.jobs.create_music("a song about the sea")
    studio.settings.set("jobs.poll_scale", 0.2)  # a second between polls: the stop lands before the next one

    async def until_the_first_clip() -> Job:
        studio.jobs.runner.run(job.id)
        return await studio.jobs.runner.wait(job.id, until=lambda j: len(studio.gallery.for_job(j.id)) >= 3)

    stopped = run(studio, until_the_first_clip)  # the runner is closed as a quitting process closes it
    first = {a.id: a.path for a in studio.gallery.for_job(job.id)}
    assert stopped.state is JobState.RUNNING and len(first) == 3
    assert suno.task(relay, str(stopped.remote_id))["status"] == "IN_PROGRESS"
    studio.settings.set("jobs.poll_scale", 0.005)
    done = finish(studio, job.id)  # a fresh runner resumes the job
    _done_song(studio, done)
    assert {a.id: a.path for a in studio.gallery.for_job(job.id) if a.id in first} == first
    fetched = [r.path for r in relay.requests if r.method == "GET" and "/files/" in r.path]
    assert len(fetched) == len(set(fetched)) == 6
    assert len(bodies(relay, "POST", MUSIC)) == 1


def test_custom_mode_sends_lyrics_title_tags_and_the_version(studio: StudioCore, relay: RelayServer) -> None:
    lyrics = "[Verse]\nSalt on my lips\n[Chorus]\nOh the sea"
    done = finish(studio, studio.jobs.create_music("", model="chirp-v4", lyrics=lyrics, title="Tide",
                                                   tags="sea shanty").id)
    _done_song(studio, done)
    (body,) = bodies(relay, "POST", MUSIC)
    assert body == {"prompt": lyrics, "title": "Tide", "tags": "sea shanty", "mv": "chirp-v4",
                    "make_instrumental": False}
    assert done.prompt == "Tide" and done.metadata["clips"][0]["lyrics"] == lyrics
    assert done.metadata["clips"][0]["title"] == "Tide" and done.metadata["clips"][0]["tags"] == "sea shanty"


def test_instrumental_in_both_modes(studio: StudioCore, relay: RelayServer) -> None:
    inspired = finish(studio, studio.jobs.create_music("calm piano", instrumental=True).id)
    custom = finish(studio, studio.jobs.create_music("", tags="lofi, piano", title="Calm", instrumental=True).id)
    _done_song(studio, inspired)
    _done_song(studio, custom)
    first, second = bodies(relay, "POST", MUSIC)
    assert first == {"gpt_description_prompt": "calm piano", "make_instrumental": True, "mv": "chirp-v3-5"}
    assert second == {"prompt": "", "title": "Calm", "tags": "lofi, piano", "make_instrumental": True,
                      "mv": "chirp-v3-5"}


def test_extend_continues_the_chosen_clip_from_a_second(studio: StudioCore, relay: RelayServer) -> None:
    first = finish(studio, studio.jobs.create_music("a song about the sea").id)
    second_clip = [a for a in studio.gallery.for_job(first.id) if a.kind == "audio"][1]
    job = studio.jobs.create_music("", lyrics="[Verse]\nAnd the waves came back", extend=second_clip.id, at=0.25)
    assert job.request["continue_clip_id"] == first.metadata["clips"][1]["id"]
    done = finish(studio, job.id)
    _done_song(studio, done)
    body = bodies(relay, "POST", MUSIC)[-1]
    assert body["continue_clip_id"] == first.metadata["clips"][1]["id"] and body["continue_at"] == 0.25
    assert body["task_id"] == first.remote_id and body["prompt"] == "[Verse]\nAnd the waves came back"


def test_lyrics_end_as_text(studio: StudioCore, relay: RelayServer) -> None:
    job = studio.jobs.create_lyrics("about rain")
    assert job.model == "suno_lyrics" and job.request["action"] == "lyrics"
    done = finish(studio, job.id)
    assert done.state is JobState.DONE, done.error
    assert list(done.texts) == [suno.LYRICS] and done.metadata["title"] == suno.LYRICS_TITLE
    assert bodies(relay, "POST", "/suno/submit/lyrics") == [{"prompt": "about rain"}]
    assert studio.gallery.for_job(done.id) == []


def test_a_failed_task_fails_the_job_with_its_reason(studio: StudioCore, relay: RelayServer) -> None:
    failed = finish(studio, studio.jobs.create_music("this will fail").id)
    assert failed.state is JobState.FAILED and failed.remote_id
    assert one_sentence(failed.error) == f"Suno failed the task: {suno.FAIL_REASON}."
    assert studio.gallery.for_job(failed.id) == []


def test_a_failed_clip_keeps_its_reason_beside_the_finished_one(studio: StudioCore, relay: RelayServer) -> None:
    done = finish(studio, studio.jobs.create_music("only half of it").id)
    _done_song(studio, done, clips=1)
    (failed,) = done.metadata["failed_clips"]
    assert failed == {"id": done.metadata["clips"][1]["id"], "reason": suno.CLIP_ERROR}


def test_polls_of_running_songs_share_one_batch_query(studio: StudioCore, relay: RelayServer) -> None:
    jobs = [studio.jobs.create_music(f"song number {i}") for i in range(3)]

    async def body() -> list[Job]:
        for job in jobs:
            studio.jobs.runner.run(job.id)
        return list(await asyncio.gather(*(studio.jobs.runner.wait(job.id) for job in jobs)))

    for done in run(studio, body):
        _done_song(studio, done)
    batches = bodies(relay, "POST", "/suno/fetch")
    assert any(len(b["ids"]) > 1 for b in batches), batches
    assert len(bodies(relay, "POST", MUSIC)) == 3  # one submit per song


@pytest.mark.parametrize("case", ["suno-s004", "suno-bare", "suno-no-batch"])
def test_other_relays_spellings_and_forms(studio: StudioCore, relay: RelayServer, case: str) -> None:
    use_case(studio, relay, case)
    _done_song(studio, finish(studio, studio.jobs.create_music("a song about the sea").id))
    if case == "suno-s004":
        assert any("/suno/submit/fetch/" in r.path for r in relay.requests)


def test_bad_input_is_one_sentence_and_nothing_is_saved(studio: StudioCore, relay: RelayServer) -> None:
    cases = [
        (lambda: studio.jobs.create_music("   "), "The prompt is empty."),
        (lambda: studio.jobs.create_music("", title="Only a title"), "Custom mode needs lyrics"),
        (lambda: studio.jobs.create_music("x", lyrics="la " * 1001), "takes at most 3000"),
        (lambda: studio.jobs.create_music("x", at=30), "needs a clip to extend"),
        (lambda: studio.jobs.create_lyrics(""), "The prompt is empty."),
    ]
    for make, words in cases:
        with pytest.raises(InputError) as caught:
            make()
        assert words in one_sentence(str(caught.value))
    # newer versions take longer lyrics
    assert studio.jobs.create_music("x", lyrics="la " * 1001, model="chirp-auk").request["version"] == "chirp-auk"


def test_an_extension_needs_a_clip_of_a_finished_song(studio: StudioCore, relay: RelayServer) -> None:
    done = finish(studio, studio.jobs.create_music("a song about the sea").id)
    cover = next(a for a in studio.gallery.for_job(done.id) if a.kind == "image")
    audio = next(a for a in studio.gallery.for_job(done.id) if a.kind == "audio")
    for kwargs, words in (({"extend": cover.id, "at": 1}, "is not a song"),
                          ({"extend": audio.id}, "needs the second to continue from"),
                          ({"extend": audio.id, "at": 99}, "is not inside the clip")):
        with pytest.raises(InputError) as caught:
            studio.jobs.create_music("", lyrics="more", **kwargs)  # type: ignore[arg-type]
        assert words in one_sentence(str(caught.value))
    spoken = finish(studio, studio.jobs.create_speech("Hello there.").id)
    voice = next(a for a in studio.gallery.for_job(spoken.id) if a.kind == "audio")
    with pytest.raises(InputError, match="only Suno clips can be extended"):
        studio.jobs.create_music("", lyrics="more", extend=voice.id, at=0)


def test_a_clip_saved_while_its_sibling_streams_can_be_extended_at_once(studio: StudioCore,
                                                                       relay: RelayServer) -> None:
    first = studio.jobs.create_music("a song about the sea")
    studio.settings.set("jobs.poll_scale", 0.2)

    async def until_the_first_clip() -> Job:
        studio.jobs.runner.run(first.id)
        return await studio.jobs.runner.wait(first.id, until=lambda j: len(studio.gallery.for_job(j.id)) >= 3)

    running = run(studio, until_the_first_clip)
    assert running.state is JobState.RUNNING
    (clip,) = [a for a in studio.gallery.for_job(first.id) if a.kind == "audio"]
    studio.settings.set("jobs.poll_scale", 0.005)
    job = studio.jobs.create_music("", lyrics="[Verse]\nAnd the waves came back", extend=clip.id, at=0.25)
    assert job.request["continue_clip_id"] == clip.metadata["clip_id"] == f"{running.remote_id}-clip-1"
    with pytest.raises(InputError, match="the clip is 0.5 s long"):
        studio.jobs.create_music("", lyrics="more", extend=clip.id, at=3)
    _done_song(studio, finish(studio, job.id))
    _done_song(studio, finish(studio, first.id))


def _clip_assets(studio: StudioCore, job: Job) -> list[str]:
    """The kinds of the job's assets by place; each audio file decodes."""
    assets = sorted(studio.gallery.for_job(job.id), key=lambda a: a.result_index or 0)
    for asset in assets:
        if asset.kind == "audio":
            with av.open(str(asset.path)) as container:
                assert next(container.decode(audio=0)).samples > 0
    return [a.kind for a in assets]


def test_a_task_that_fails_as_a_clip_completes_still_saves_that_clip(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "suno-time-out-same-poll")
    failed = finish(studio, studio.jobs.create_music("a song about the sea").id)
    assert failed.state is JobState.FAILED and failed.remote_id
    assert one_sentence(failed.error) == f"Suno failed the task: {suno.TIME_OUT}."
    assert suno.task(relay, str(failed.remote_id))["status"] == "FAILURE"
    assert _clip_assets(studio, failed) == ["audio", "image", "video"]  # clip 1, paid for, is in the library
    first = failed.metadata["clips"][0]["id"]
    assert [a.metadata["clip_id"] for a in studio.gallery.for_job(failed.id)] == [first] * 3
    assert failed.metadata["failed_clips"] == [{"id": failed.metadata["clips"][1]["id"], "reason": suno.TIME_OUT}]
    assert len(bodies(relay, "POST", MUSIC)) == 1


def test_a_clip_whose_download_failed_while_the_task_ran_is_saved_when_the_task_fails(
        studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "suno-time-out")
    job = studio.jobs.create_music("a song about the sea")
    notes: list[tuple[str, str]] = []  # (task status when the runner said the download failed, the note)

    def on_event(event: JobEvent) -> None:
        if event.note and event.job.remote_id and not event.note.startswith("Downloading"):
            notes.append((suno.task(relay, str(event.job.remote_id))["status"], event.note))

    async def body() -> Job:
        unsubscribe = studio.jobs.runner.subscribe(on_event)
        try:
            studio.jobs.runner.run(job.id)
            return await studio.jobs.runner.wait(job.id)
        finally:
            unsubscribe()

    failed = run(studio, body)
    assert failed.state is JobState.FAILED, failed.error
    assert one_sentence(failed.error) == f"Suno failed the task: {suno.TIME_OUT}."
    assert notes and all(status == "IN_PROGRESS" for status, _ in notes)  # tried at once, while the task ran
    assert _clip_assets(studio, failed) == ["audio", "image", "video"]
    held = [r.path for r in relay.requests if r.method == "GET" and suno.HELD in r.path]
    assert {p.rsplit(".", 1)[1] for p in held} == {"mp3", "png", "mp4"}
    assert all(held.count(p) > 1 for p in held)  # each refused while the task ran, fetched at its end
    assert len(bodies(relay, "POST", MUSIC)) == 1


def test_a_failed_task_whose_finished_clip_cannot_be_downloaded_keeps_its_links(studio: StudioCore,
                                                                                relay: RelayServer) -> None:
    use_case(studio, relay, "suno-time-out-gone")
    job = studio.jobs.create_music("a song about the sea")
    kept = finish(studio, job.id)
    assert kept.state is JobState.DONE_REMOTE_ONLY
    assert one_sentence(kept.error) == "3 result(s) could not be downloaded; the relay's temporary link may still work."
    assert kept.engine["remote_only"] == [0, 1, 2] and all(suno.HELD in url for url in kept.result_urls)
    assert studio.gallery.for_job(job.id) == []

    async def again() -> Job:  # "download again" asks the file host, never the relay for a new song
        await studio.jobs.runner.retry(job.id)
        return await studio.jobs.runner.wait(job.id)

    assert run(studio, again).state is JobState.DONE_REMOTE_ONLY
    assert len(bodies(relay, "POST", MUSIC)) == 1
