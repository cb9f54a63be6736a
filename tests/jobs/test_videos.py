"""OpenAI-style video jobs end to end: `JobService.create_video` and the runner against the relay test
server's Videos API (tests/relay/videos.py), new-api's generic route (tests/relay/video_generations.py)
and `custom_video` (tests/relay/custom_video.py), to a saved MP4 that decodes (docs/PROTOCOLS.md#video)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import av
import pytest
from PIL import Image

from studio.errors import InputError
from studio.jobs.model import Job, JobState
from studio.services.core import StudioCore
from tests.conftest import KEY
from tests.jobs.conftest import finish, one_sentence, run, states_seen, use_case
from tests.relay import RelayServer, custom_video, video_generations, videos


def picture(tmp_path: Path, name: str, size: tuple[int, int], fmt: str = "PNG") -> Path:
    path = tmp_path / name
    Image.new("RGB", size, (30, 120, 200)).save(path, fmt)
    return path


def saved_video(core: StudioCore, job: Job) -> Path:
    """The job's one asset: a video in the gallery whose frames decode."""
    (asset,) = core.gallery.for_job(job.id)
    assert asset.kind == "video" and asset.mime == "video/mp4" and asset.path.suffix == ".mp4"
    with av.open(str(asset.path)) as container:
        frames = sum(1 for _ in container.decode(video=0))
    assert frames > 1
    return asset.path


def posts(relay: RelayServer, suffix: str) -> list[Any]:
    return [r for r in relay.requests if r.method == "POST" and r.path.endswith(suffix)]


def content_fetches(relay: RelayServer) -> list[Any]:
    return [r for r in relay.requests if r.method == "GET" and r.path.endswith("/content")]


def no_key_stored(core: StudioCore) -> None:
    for path in core.paths.database.parent.glob(core.paths.database.name + "*"):  # the database, its WAL
        assert KEY.encode() not in path.read_bytes(), path.name


# -- OpenAI Videos API -------------------------------------------------------------------------------


def test_a_sora_job_polls_and_saves_the_clip_fetched_from_content_with_the_key(
        studio: StudioCore, relay: RelayServer) -> None:
    job = studio.jobs.create_video("a fox running", model="sora-2", seconds="8", size="1280x720")
    assert (job.family, job.metadata["family_reason"]) == ("openai-video", "name rule sora*")
    done = finish(studio, job.id)
    assert done.state is JobState.DONE, done.error
    (create,) = posts(relay, "/v1/videos")
    assert create.json() == {"model": "sora-2", "prompt": "a fox running", "seconds": "8", "size": "1280x720"}
    assert videos.task(relay, str(done.remote_id))["queries"] >= 4  # queued, in_progress ×2, completed
    assert done.result_urls == (f"relay:/v1/videos/{done.remote_id}/content",)
    saved_video(studio, done)
    (fetch,) = content_fetches(relay)
    assert fetch.path == f"/v1/videos/{done.remote_id}/content"
    assert fetch.headers["authorization"] == f"Bearer {KEY}"
    assert done.metadata["video_status"] == "completed"
    no_key_stored(studio)


def test_a_start_frame_goes_as_input_reference_at_the_requested_size(
        studio: StudioCore, relay: RelayServer, tmp_path: Path) -> None:
    frame = picture(tmp_path, "start.png", (300, 200))
    done = finish(studio, studio.jobs.create_video("the fox jumps", model="sora-2", image=frame,
                                                   size="1280x720").id)
    assert done.state is JobState.DONE, done.error
    (create,) = posts(relay, "/v1/videos")
    assert create.headers["content-type"].startswith("multipart/form-data")
    seen = videos.task(relay, str(done.remote_id))
    assert seen["reference"] == (1280, 720)  # cropped and scaled to the size OpenAI insists on
    assert (seen["fields"]["size"], seen["fields"]["model"]) == ("1280x720", "sora-2")
    saved_video(studio, done)


def test_a_frame_without_a_size_picks_the_size_of_its_orientation(
        studio: StudioCore, relay: RelayServer, tmp_path: Path) -> None:
    frame = picture(tmp_path, "tall.jpg", (200, 320), "JPEG")
    done = finish(studio, studio.jobs.create_video("a tall fox", model="sora-2", image=frame).id)
    assert done.state is JobState.DONE, done.error
    seen = videos.task(relay, str(done.remote_id))
    assert (seen["fields"]["size"], seen["reference"]) == ("720x1280", (720, 1280))


def test_a_frame_already_at_the_size_is_sent_as_it_is(studio: StudioCore, relay: RelayServer,
                                                      tmp_path: Path) -> None:
    frame = picture(tmp_path, "exact.png", (720, 1280))
    done = finish(studio, studio.jobs.create_video("a fox", model="sora-2", image=frame, size="720x1280").id)
    assert done.state is JobState.DONE, done.error
    (create,) = posts(relay, "/v1/videos")
    assert frame.read_bytes() in create.body


def test_a_remix_of_a_finished_video_posts_the_prompt_to_its_remix_route(
        studio: StudioCore, relay: RelayServer) -> None:
    first = finish(studio, studio.jobs.create_video("a fox by day", model="sora-2").id)
    assert first.state is JobState.DONE, first.error
    (asset,) = studio.gallery.for_job(first.id)
    job = studio.jobs.create_video("make it night", remix=asset.id)
    assert (job.family, job.model, job.request["source"]["remote_id"]) == ("openai-video", "sora-2", first.remote_id)
    done = finish(studio, job.id)
    assert done.state is JobState.DONE, done.error
    (remix,) = posts(relay, "/remix")
    assert remix.path == f"/v1/videos/{first.remote_id}/remix" and remix.json() == {"prompt": "make it night"}
    assert done.remote_id != first.remote_id and done.metadata["remixed_from"] == first.remote_id
    assert videos.task(relay, str(done.remote_id))["remixed_from"] == first.remote_id
    saved_video(studio, done)


def test_a_failed_video_fails_the_job_with_the_relays_reason(studio: StudioCore, relay: RelayServer) -> None:
    failed = finish(studio, studio.jobs.create_video("this will fail", model="sora-2").id)
    assert failed.state is JobState.FAILED and failed.remote_id
    assert one_sentence(failed.error) == f"The relay failed the video: {videos.FAIL_REASON}."
    assert studio.gallery.for_job(failed.id) == [] and content_fetches(relay) == []


def elsewhere(core: StudioCore, relay: RelayServer, case: str) -> None:
    """The profile names the relay `localhost`: the links it makes (on 127.0.0.1) are another origin."""
    core.profiles.add("local", f"http://localhost:{relay.port}/case/{case}", key=KEY, make_default=True)


@pytest.mark.parametrize("case", ["videos-url", "videos-video-url", "videos-metadata-url"])
def test_a_direct_link_on_another_host_is_downloaded_without_the_key(studio: StudioCore, relay: RelayServer,
                                                                     case: str) -> None:
    elsewhere(studio, relay, case)
    done = finish(studio, studio.jobs.create_video("a linked fox", model="sora-2").id)
    assert done.state is JobState.DONE, done.error
    (link,) = done.result_urls
    assert link.startswith(relay.url + "/files/a-linked-fox-") and link.endswith(".mp4")
    assert content_fetches(relay) == []
    (download,) = [r for r in relay.requests if r.path.startswith("/files/")]
    assert "authorization" not in download.headers
    saved_video(studio, done)


@pytest.mark.parametrize("case", ["videos-video-url,video-signed", "videos-url,video-once"])
def test_a_direct_link_that_works_once_is_fetched_once(studio: StudioCore, relay: RelayServer, case: str) -> None:
    studio.profiles.add("local", relay.url, key=KEY, headers={"X-Test-Case": case}, make_default=True)
    done = finish(studio, studio.jobs.create_video("a fleeting fox", model="sora-2").id)
    assert done.state is JobState.DONE, done.error
    (link,) = done.result_urls
    assert ("/files/signed/" if "signed" in case else "/files/once/") in link
    saved_video(studio, done)


def test_unknown_and_empty_states_keep_the_job_polling_until_it_ends(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "videos-unknown-3")
    relay.reset()
    job = studio.jobs.create_video("a patient fox", model="sora-2")
    seen: list[tuple[str, float | None]] = []

    async def body() -> Job:
        unsubscribe = studio.jobs.runner.subscribe(lambda event: seen.append((event.job.state.value,
                                                                              event.job.progress)))
        try:
            studio.jobs.runner.run(job.id)
            return await studio.jobs.runner.wait(job.id)
        finally:
            unsubscribe()

    done: Job = run(studio, body)
    assert done.state is JobState.DONE, done.error
    assert videos.task(relay, str(done.remote_id))["queries"] >= 7  # queued, unknown ×3, in_progress ×2, done
    assert "running" in {state for state, _ in seen}
    assert {p for _, p in seen} >= {33.0, 66.0}


def test_a_video_that_stays_unknown_shows_stalled_and_is_still_polled(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "videos-unknown-100000")
    studio.settings.set("jobs.poll_scale", 0.0005)  # the hour before `stalled` becomes 1.8 s
    job = studio.jobs.create_video("a lost fox", model="sora-2")

    async def body() -> tuple[Job, int, int]:
        studio.jobs.runner.run(job.id)
        stalled: Job = await studio.jobs.runner.wait(job.id, until=lambda j: j.state is JobState.STALLED)
        before = videos.task(relay, str(stalled.remote_id))["queries"]
        await asyncio.sleep(0.2)
        after = videos.task(relay, str(stalled.remote_id))["queries"]
        await studio.jobs.runner.cancel(job.id)
        return stalled, before, after

    stalled, before, after = run(studio, body)
    assert stalled.state is JobState.STALLED and stalled.metadata["video_status"] == "unknown"
    assert after > before  # stalled, still asked


def test_an_older_relays_empty_submit_status_is_queued(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "videos-empty-status")
    done = finish(studio, studio.jobs.create_video("an old relay's fox", model="sora-2").id)
    assert done.state is JobState.DONE, done.error


def test_sora_under_a_relay_installed_at_a_path_keeps_openais_form(studio: StudioCore, relay: RelayServer,
                                                                  tmp_path: Path) -> None:
    studio.profiles.add("api", f"{relay.url}/api", key=KEY)
    frame = picture(tmp_path, "start.png", (64, 48))
    done = finish(studio, studio.jobs.create_video("a fox", model="sora-2", image=frame, profile="api").id)
    assert done.state is JobState.DONE, done.error
    (create,) = posts(relay, "/v1/videos")
    assert create.path == "/api/v1/videos" and b'name="input_reference"; filename=' in create.body


def test_the_platform_form_works_under_the_profiles_prefix(studio: StudioCore, relay: RelayServer,
                                                           tmp_path: Path) -> None:
    studio.profiles.add("veo", f"{relay.url}/veo", key=KEY)
    frame = picture(tmp_path, "start.png", (64, 48))
    job = studio.jobs.create_video("a veo fox", model="veo3", family="openai-video", image=frame, profile="veo")
    done = finish(studio, job.id)
    assert done.state is JobState.DONE, done.error
    (create,) = posts(relay, "/v1/videos")
    assert create.path == "/veo/v1/videos"
    assert b'name="input_reference[]"' in create.body and frame.read_bytes() in create.body  # as it is
    seen = videos.task(relay, str(done.remote_id))
    assert seen["platform"] == "veo" and str(done.remote_id).startswith("pv-")
    assert seen["fields"] == {"model": "veo3", "prompt": "a veo fox"}  # no Sora size added
    assert seen["reference"] == (64, 48)  # nor the frame cropped to one
    (fetch,) = content_fetches(relay)
    assert fetch.path == f"/veo/v1/videos/{done.remote_id}/content"
    saved_video(studio, done)

    (asset,) = studio.gallery.for_job(done.id)
    remixed = finish(studio, studio.jobs.create_video("now at dusk", remix=asset.id).id)
    assert remixed.state is JobState.DONE, remixed.error
    (remix,) = posts(relay, "/remix")
    assert remix.path == f"/veo/v1/videos/{done.remote_id}/remix"
    assert remix.json() == {"prompt": "now at dusk", "model": "veo3"}  # the platform form names the model


def test_a_size_the_model_refuses_is_refused_before_saving_and_the_relays_sentence_after(
        studio: StudioCore, relay: RelayServer) -> None:
    with pytest.raises(InputError, match="takes size 720x1280 or 1280x720, not 1792x1024"):
        studio.jobs.create_video("a wide fox", model="sora-2", size="1792x1024")
    assert posts(relay, "/v1/videos") == []
    # a job saved before the service knew the rule (an older build) gets the relay's own sentence
    saved = studio.jobs.store.create(capability="video", family="openai-video", profile="local", model="sora-2",
                                     prompt="a wide fox", request={"size": "1792x1024"}, metadata={})
    refused = finish(studio, saved.id)
    assert refused.state is JobState.FAILED and refused.remote_id is None
    assert "invalid_size" in one_sentence(refused.error) and "HTTP 400" in refused.error



# -- new-api's generic /v1/video/generations -------------------------------------------------------


def generation_bodies(relay: RelayServer) -> list[Any]:
    return [r.json() for r in posts(relay, "/v1/video/generations")]


def test_another_video_model_goes_to_the_generic_route_with_its_options_in_metadata(
        studio: StudioCore, relay: RelayServer, tmp_path: Path) -> None:
    frame = picture(tmp_path, "start.webp", (64, 48), "WEBP")
    job = studio.jobs.create_video("a dog runs", model="hailuo-02", image=frame, seconds="6", size="1280x720",
                                   aspect="16:9", negative_prompt="blur", mode="pro", cfg_scale=0.5)
    assert (job.family, job.metadata["family_reason"]) == ("video-generations", "default for video models")
    done = finish(studio, job.id)
    assert done.state is JobState.DONE, done.error
    (body,) = generation_bodies(relay)
    image = body.pop("image")
    assert body == {"model": "hailuo-02", "prompt": "a dog runs", "duration": 6, "seconds": "6", "size": "1280x720",
                    "mode": "pro", "metadata": {"negative_prompt": "blur", "aspect_ratio": "16:9", "cfg_scale": 0.5,
                                                "mode": "pro"}}
    assert image.startswith("data:image/webp;base64,")
    assert video_generations.task(relay, str(done.remote_id))["queries"] >= 3  # SUBMITTED, IN_PROGRESS, SUCCESS
    (link,) = done.result_urls
    assert link.startswith(relay.url + "/files/a-dog-runs-") and link.endswith(".mp4")
    saved_video(studio, done)


def test_a_clip_the_relay_serves_itself_is_downloaded_with_the_key(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "video-result-on-relay")  # newer new-api: result_url is its own /content
    done = finish(studio, studio.jobs.create_video("a dog at home", model="hailuo-02").id)
    assert done.state is JobState.DONE, done.error
    assert done.result_urls == (f"{relay.url}/v1/videos/{done.remote_id}/content",)
    (fetch,) = content_fetches(relay)
    assert fetch.headers["authorization"] == f"Bearer {KEY}"
    saved_video(studio, done)
    no_key_stored(studio)


def test_a_link_on_another_origin_never_gets_the_key(studio: StudioCore, relay: RelayServer) -> None:
    elsewhere(studio, relay, "video-result-on-relay")
    kept = finish(studio, studio.jobs.create_video("a dog away", model="hailuo-02").id)
    assert kept.state is JobState.DONE_REMOTE_ONLY  # the file wants a key its host was never given
    fetches = content_fetches(relay)
    assert fetches and all(f.headers["host"] == f"127.0.0.1:{relay.port}" for f in fetches)
    assert all("authorization" not in f.headers and KEY not in f.query for f in fetches)
    assert studio.gallery.for_job(kept.id) == []


@pytest.mark.parametrize(("case", "model", "form"), [
    ("vg-old", "kling-v1-generic", "old"), ("vg-gemini", "hailuo-02", "gemini"), (None, "veo-3-fast", "gemini"),
    ("vg-unknown-2", "hailuo-02", "generic"),
])
def test_every_form_of_the_task_gives_the_clip(studio: StudioCore, relay: RelayServer, case: str | None,
                                               model: str, form: str) -> None:
    if case:
        use_case(studio, relay, case)
    done = finish(studio, studio.jobs.create_video("a dog", model=model, family="video-generations").id)
    assert done.state is JobState.DONE, done.error
    assert video_generations.task(relay, str(done.remote_id))["form"] == form
    (body,) = generation_bodies(relay)
    assert body == {"model": model, "prompt": "a dog"}  # nothing the job did not ask for
    saved_video(studio, done)


@pytest.mark.parametrize("case", [None, "vg-gemini"])
def test_a_failed_generic_task_fails_the_job_with_its_reason(studio: StudioCore, relay: RelayServer,
                                                             case: str | None) -> None:
    if case:
        use_case(studio, relay, case)
    failed = finish(studio, studio.jobs.create_video("this will fail", model="hailuo-02").id)
    assert failed.state is JobState.FAILED and failed.remote_id
    assert one_sentence(failed.error) == f"The relay failed the video: {video_generations.FAIL_REASON}."
    assert studio.gallery.for_job(failed.id) == []


# -- custom_video and a relay without the route ------------------------------------------------------


def test_a_custom_video_job_needs_its_family_named_and_takes_only_a_prompt(studio: StudioCore,
                                                                          relay: RelayServer) -> None:
    job = studio.jobs.create_video("a cat on a roof", model="veo-2", family="custom-video")
    assert (job.family, job.metadata["family_reason"]) == ("custom-video", "override")
    done = finish(studio, job.id)
    assert done.state is JobState.DONE, done.error
    (submit,) = posts(relay, "/custom_video/model/veo-2")
    assert submit.json() == {"prompt": "a cat on a roof"}
    assert custom_video.task(relay, str(done.remote_id))["queries"] >= 3
    saved_video(studio, done)
    with pytest.raises(InputError, match=r"^veo-2 \(Custom video \(/custom_video\)\) takes no length\.$"):
        studio.jobs.create_video("a cat", model="veo-2", family="custom-video", seconds=5)


def test_a_failed_custom_video_fails_the_job_with_its_reason(studio: StudioCore, relay: RelayServer) -> None:
    failed = finish(studio, studio.jobs.create_video("this will fail", model="veo-2", family="custom-video").id)
    assert failed.state is JobState.FAILED and failed.remote_id
    assert one_sentence(failed.error) == f"The relay failed the video: {custom_video.FAIL_REASON}."


@pytest.mark.parametrize("family", ["custom-video", "openai-video", "video-generations"])
def test_a_relay_without_the_route_fails_the_job_in_one_sentence(studio: StudioCore, relay: RelayServer,
                                                                 family: str) -> None:
    studio.profiles.add("bare", f"{relay.url}/case/no-video", key=KEY, make_default=True)
    missing = finish(studio, studio.jobs.create_video("a cat", model="veo-2", family=family).id)
    assert missing.state is JobState.FAILED and missing.remote_id is None
    assert one_sentence(missing.error).startswith("The relay does not know this endpoint; check the base URL")
    assert "Invalid URL (POST " in missing.error and "(HTTP 404)" in missing.error


# -- video answered through chat completions -----------------------------------------------------------


def follow(core: StudioCore, job_id: str) -> tuple[Job, list[float]]:
    """Run the job to its end; the progress figures it showed on the way."""
    done, seen = states_seen(core, job_id)
    return done, [progress for _, progress in seen if progress is not None]


def chat_bodies(relay: RelayServer) -> list[Any]:
    return [r.json() for r in posts(relay, "/v1/chat/completions")]


def test_a_vidu_chat_reply_gives_the_clip_not_the_echoed_input(studio: StudioCore, relay: RelayServer,
                                                               tmp_path: Path) -> None:
    frame = picture(tmp_path, "start.png", (64, 48))
    job = studio.jobs.create_video("熊猫从小吃到大", model="vidu-video", image=frame)
    assert (job.family, job.metadata["family_reason"]) == ("chat", "name rule *-video")
    done, progress = follow(studio, job.id)
    assert done.state is JobState.DONE, done.error
    (body,) = chat_bodies(relay)
    assert body["stream"] is True and body["model"] == "vidu-video"
    parts = body["messages"][-1]["content"]
    assert {p["type"] for p in parts} == {"text", "image_url"}
    (link,) = done.result_urls
    assert "/files/input-frame.mp4" not in link and link.endswith(".mp4")
    assert 100.0 in progress and "生成完成" in done.metadata["reply"]
    saved_video(studio, done)


@pytest.mark.parametrize(("model", "family", "figures"), [
    ("veo3-video", None, {36.0, 72.0, 100.0}),
    ("sora-2", "chat", {36.0, 44.0, 61.0, 81.0}),
    ("runway-video", None, {100.0}),
])
def test_every_chat_video_style_shows_its_progress_and_saves_only_the_clip(
        studio: StudioCore, relay: RelayServer, model: str, family: str | None, figures: set[float]) -> None:
    done, progress = follow(studio, studio.jobs.create_video("a red fox", model=model, family=family).id)
    assert done.state is JobState.DONE, done.error
    assert figures <= set(progress)
    (link,) = done.result_urls  # the preview picture and the task's data links are no results
    signed = model.startswith("veo")  # the veo relay's storage link, presigned and good for one fetch
    folder = "/files/signed/" if signed else "/files/"
    assert link.startswith(relay.url + folder + "a-red-fox-") and ".mp4" in link and ("Signature=" in link) is signed
    saved_video(studio, done)


@pytest.mark.parametrize(("model", "reason"), [
    ("vidu-video", "upstream error"), ("veo3-video", "Flow API request failed: HTTP Error 401")])
def test_an_in_band_chat_video_failure_fails_the_job_with_its_text(studio: StudioCore, relay: RelayServer,
                                                                   model: str, reason: str) -> None:
    failed = finish(studio, studio.jobs.create_video("this will fail", model=model).id)
    assert failed.state is JobState.FAILED
    assert one_sentence(failed.error) == f"The relay did not return a result: {reason}."
    assert studio.gallery.for_job(failed.id) == []


def test_a_cut_chat_video_stream_leaves_the_job_unknown(studio: StudioCore, relay: RelayServer) -> None:
    use_case(studio, relay, "cut-stream")
    cut = finish(studio, studio.jobs.create_video("a red fox", model="vidu-video").id)
    assert cut.state is JobState.UNKNOWN and one_sentence(cut.error)
    assert len(chat_bodies(relay)) == 1  # never sent again by itself: it may have been charged
