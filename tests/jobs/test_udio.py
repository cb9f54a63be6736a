"""Udio jobs end to end: JobService and the runner against the relay test server's Udio tasks
(docs/PROTOCOLS.md#udio, tests/relay/udio.py): a described song, the user's lyrics, instrumental, songs at
either nesting, a failed task, a failed song beside a finished one, and the bad input refused before
anything is saved or sent."""

from __future__ import annotations

import av
import pytest

from studio.api.errors import RelayError
from studio.api.families import family_of, spec_for
from studio.api.udio import LYRICS_LIMIT, parse_fetch, parse_submit, version_for
from studio.errors import InputError
from studio.jobs.model import Job, JobState
from studio.jobs.runner import JobEvent
from studio.jobs.udio import outcome_of
from studio.services.core import StudioCore
from tests.jobs.conftest import bodies, finish, one_sentence, run, states_seen, use_case
from tests.relay import RelayServer, udio


def _done_songs(studio: StudioCore, job: Job, songs: int = 2) -> None:
    """The job is done with `songs` songs, each an audio file that demuxes, a cover and a video, whose
    assets keep the song's title, tags, lyrics and duration."""
    assert job.state is JobState.DONE, job.error
    assets = sorted(studio.gallery.for_job(job.id), key=lambda a: a.result_index or 0)
    assert [a.kind for a in assets] == ["audio", "image", "video"] * songs
    for asset in assets:
        if asset.kind == "audio":
            with av.open(str(asset.path)) as container:
                assert container.streams.audio and next(container.demux(audio=0)) is not None


def test_a_udio_model_reaches_the_udio_handler() -> None:
    for model in ("udio_music", "udio130", "udio-32"):
        assert family_of(model, "music").family == "udio"
    spec = spec_for("music", "udio")
    assert spec is not None and spec.handler == "studio.jobs.udio:UdioHandler" and "title" not in spec.options
    assert (version_for("udio130"), version_for("udio-32"), version_for("udio_music")) == ("udio130", "udio32", "")


def test_a_described_song_saves_both_songs_with_their_details(studio: StudioCore, relay: RelayServer) -> None:
    job = studio.jobs.create_music("night jazz", family="udio")
    assert (job.family, job.model, job.prompt) == ("udio", "udio_music", "night jazz")
    done, seen = states_seen(studio, job.id, lambda j: (j.progress, [c["status"] for c in j.metadata.get("clips", [])]))
    _done_songs(studio, done)
    (body,) = bodies(relay, "POST", udio.SUBMIT)
    assert body == {"gen_params": {"prompt": "night jazz", "lyrics_type": "generate"}}
    assert ("running", (40.0, [])) in seen and ("running", (80.0, ["complete", "running"])) in seen  # one by one
    clips = done.metadata["clips"]
    assert [c["id"] for c in clips] == udio.Task(str(done.remote_id), {}).song_ids()
    assert all((c["title"], c["tags"], c["lyrics"], c["duration"]) ==
               ("Night Jazz", "jazz, smooth", udio.GENERATED_LYRICS, udio.DURATION) for c in clips)
    assert done.metadata["clip_ids"] == [clips[0]["id"]] * 3 + [clips[1]["id"]] * 3
    assert done.metadata["label"] == "Night Jazz" and udio.task(relay, str(done.remote_id))["status"] == "SUCCESS"


def test_a_song_is_saved_and_plays_while_its_sibling_is_still_made(studio: StudioCore, relay: RelayServer) -> None:
    job = studio.jobs.create_music("night jazz", family="udio")
    heard: list[tuple[str, str, int | None, bool]] = []  # (task status, job state, result index, decodes)

    def on_event(event: JobEvent) -> None:
        if event.asset is not None and event.asset.kind == "audio":
            status = udio.task(relay, str(event.job.remote_id))["status"]  # read without counting a query
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
    _done_songs(studio, done)
    assert heard == [("IN_PROGRESS", "running", 0, True), ("SUCCESS", "downloading", 3, True)]
    fetched = [r.path for r in relay.requests if r.method == "GET" and "/files/" in r.path]
    assert len(fetched) == len(set(fetched)) == 6  # the first song's files were not fetched again at the end
    first = min((a for a in studio.gallery.for_job(done.id)), key=lambda a: a.result_index or 0)
    assert {k: first.metadata.get(k) for k in ("title", "tags", "lyrics", "duration", "clip_id")} == {
        "title": "Night Jazz", "tags": "jazz, smooth", "lyrics": udio.GENERATED_LYRICS, "duration": udio.DURATION,
        "clip_id": done.metadata["clips"][0]["id"]}
    assert {a.job_id for a in studio.gallery.assets(search="Night Jazz")} == {job.id}


def test_lyrics_and_a_version_go_as_the_user_wrote_them(studio: StudioCore, relay: RelayServer) -> None:
    lyrics = "[Verse]\nCity lights\n[Chorus]\nAll night"
    done = finish(studio, studio.jobs.create_music("smooth jazz", model="udio130", lyrics=lyrics, tags="piano").id)
    _done_songs(studio, done)
    (body,) = bodies(relay, "POST", udio.SUBMIT)
    assert body == {"gen_params": {"prompt": "smooth jazz, piano", "lyrics_type": "user", "lyrics": lyrics,
                                   "model_type": "udio130"}}
    assert done.metadata["clips"][0]["lyrics"] == lyrics


def test_instrumental_and_songs_one_level_deeper(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "udio-nested")
    done = finish(studio, studio.jobs.create_music("", tags="lofi", instrumental=True, family="udio").id)
    _done_songs(studio, done)
    (body,) = bodies(relay, "POST", udio.SUBMIT)
    assert body == {"gen_params": {"prompt": "lofi", "lyrics_type": "instrumental"}}
    assert done.metadata["clips"][0]["lyrics"] == ""


def test_songs_keep_their_places_when_the_relay_lists_them_in_another_order(studio: StudioCore,
                                                                            relay: RelayServer) -> None:
    use_case(studio, relay, "udio-reorder")  # song 1 is saved while it runs; the finished task lists song 2 first
    done = finish(studio, studio.jobs.create_music("night jazz", family="udio").id)
    _done_songs(studio, done)
    first, second = udio.Task(str(done.remote_id), {}).song_ids()
    assert done.metadata["clip_order"] == [first, second]
    assert done.metadata["clip_ids"] == [first] * 3 + [second] * 3
    assets = sorted(studio.gallery.for_job(done.id), key=lambda a: a.result_index or 0)
    assert [a.metadata["clip_id"] for a in assets] == [first] * 3 + [second] * 3  # each song once, none lost
    audio = [a for a in assets if a.kind == "audio"]
    assert audio[0].path.read_bytes() != b"" and audio[0].path != audio[1].path


def test_a_failed_task_fails_the_job_with_its_reason(studio: StudioCore, relay: RelayServer) -> None:
    failed = finish(studio, studio.jobs.create_music("this will fail", family="udio").id)
    assert failed.state is JobState.FAILED and failed.remote_id
    assert one_sentence(failed.error) == f"Udio failed the task: {udio.FAIL_REASON}."
    assert studio.gallery.for_job(failed.id) == []


def test_a_failed_song_keeps_its_reason_beside_the_finished_one(studio: StudioCore, relay: RelayServer) -> None:
    done = finish(studio, studio.jobs.create_music("only half of it", family="udio").id)
    _done_songs(studio, done, songs=1)
    (failed,) = done.metadata["failed_clips"]
    assert failed == {"id": done.metadata["clips"][1]["id"], "reason": udio.SONG_ERROR}


def test_a_relay_without_udio_is_one_sentence_and_nothing_is_lost(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "no-udio-route")
    ended = finish(studio, studio.jobs.create_music("night jazz", family="udio").id)
    assert ended.state is JobState.FAILED
    assert "The relay has no Udio route (POST /udio/submit/music)" in one_sentence(ended.error)
    assert ended.prompt == "night jazz" and ended.request["mode"] == "inspiration"  # kept for a retry elsewhere


def test_a_web_page_instead_of_the_route_is_one_sentence(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "html200")
    ended = finish(studio, studio.jobs.create_music("night jazz", family="udio").id)
    assert ended.state in (JobState.FAILED, JobState.UNKNOWN)
    assert "with a web page, so it has no Udio route there" in one_sentence(ended.error)


@pytest.mark.parametrize(("arguments", "sentence"), [
    ({"prompt": " "}, "The prompt is empty; Udio needs a description"),
    ({"prompt": "", "lyrics": "[Verse]\nla"}, "The prompt is empty; Udio needs a description"),
    ({"prompt": "jazz", "title": "T"}, "Udio takes no title"),
    ({"prompt": "jazz", "lyrics": "la", "instrumental": True}, "An instrumental song has no lyrics"),
    ({"prompt": "jazz", "lyrics": "la " * (LYRICS_LIMIT // 3 + 1)},
     f"characters long; Udio takes at most {LYRICS_LIMIT}"),
    ({"prompt": "jazz", "at": 3}, "A start time (--at) needs a clip to extend"),
])
def test_bad_input_is_one_sentence_before_anything_is_saved(studio: StudioCore, relay: RelayServer,
                                                            arguments: dict[str, object], sentence: str) -> None:
    with pytest.raises(InputError) as raised:
        studio.jobs.create_music(family="udio", **arguments)  # type: ignore[arg-type]
    assert sentence in str(raised.value) and one_sentence(str(raised.value))
    assert studio.jobs.recent(limit=10) == [] and relay.requests == []


def test_an_answer_with_songs_in_either_place_and_a_song_error_object() -> None:
    song = {"id": "s1", "finished": False, "song_path": "", "error_detail": {"message": "blocked"}}
    flat = parse_fetch({"code": "success", "data": {"task_id": "t", "status": "SUCCESS", "songs": [song]}}, "t")
    nested = parse_fetch({"code": "success", "data": {"task_id": "t", "data": {"status": "SUCCESS",
                                                                               "songs": [song]}}}, "t")
    for task in (flat, nested):
        assert task.phase == "succeeded" and task.songs[0].error == "blocked" and task.songs[0].failed


def test_a_song_of_an_ended_task_counts_without_its_flag_and_a_refused_submit_is_the_relay_s_error() -> None:
    song = {"id": "s1", "song_path": "https://cdn.example/s1.mp3", "title": "T"}  # no `finished`
    running = parse_fetch({"code": "success", "data": {"status": "IN_PROGRESS", "songs": [song]}}, "t")
    ended = parse_fetch({"code": "success", "data": {"status": "SUCCESS", "songs": [song]}}, "t")
    assert outcome_of(running).results == [] and outcome_of(running).phase == "running"
    assert [r.kind for r in outcome_of(ended).results] == ["audio"] and outcome_of(ended).phase == "succeeded"
    assert parse_submit({"code": "success", "message": "", "data": 42}) == "42"
    with pytest.raises(RelayError) as refused:
        parse_submit({"code": "quota_not_enough", "message": "not enough quota", "data": None})
    assert "not enough quota" in one_sentence(str(refused.value))


def test_a_submit_refused_with_its_reason_as_data_fails_the_job_and_polls_nothing(
        studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "udio-refused")  # {"code": "fail", "data": "<the reason>"}: no task id
    failed = finish(studio, studio.jobs.create_music("night jazz", family="udio").id)
    assert failed.state is JobState.FAILED and not failed.remote_id
    assert udio.REFUSAL in one_sentence(failed.error)
    assert len(bodies(relay, "POST", udio.SUBMIT)) == 1 and not [r for r in relay.requests if "/udio/fetch/" in r.path]
