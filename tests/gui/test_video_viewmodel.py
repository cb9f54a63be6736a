"""The Video tab's view-model against the relay test server: video models, the options each family takes,
frames checked when they are set, a Videos API job followed to a saved video, Remix on it, Re-run and
Animate, and bad input as one sentence before anything is sent."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pillow_heif
import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTranslator

from studio.api.families import FamilySpec, register, unregister
from studio.jobs.model import JobState
from studio.services.core import StudioCore
from studio.viewmodels.jobs import JobsViewModel
from studio.viewmodels.video import END, START, OptionsView, VideoJobView, VideoViewModel, localized_note
from tests.conftest import KEY
from tests.gui.conftest import Runner
from tests.relay import RelayServer

TOY = "toy-video"


def dispose(*objects: QObject) -> None:
    """Delete Qt objects here, on the GUI thread: left to the garbage collector, their timers could be
    destroyed by whichever thread happens to run a collection (Qt warns, a widget may crash)."""
    for item in objects:
        item.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


class Seen:
    """What the view-model said, in order."""

    def __init__(self, vm: VideoViewModel) -> None:
        self.errors: list[str] = []
        self.options: list[OptionsView] = []
        self.jobs: list[VideoJobView] = []
        self.frames: list[tuple[str, Any]] = []
        self.forms: list[tuple[str, dict[str, Any]]] = []
        vm.error.connect(self.errors.append)
        vm.optionsChanged.connect(self.options.append)
        vm.jobShown.connect(self.jobs.append)
        vm.frameChanged.connect(lambda slot, frame: self.frames.append((slot, frame)))
        vm.formRequested.connect(lambda prompt, values: self.forms.append((prompt, values)))

    @property
    def job(self) -> VideoJobView | None:
        return self.jobs[-1] if self.jobs else None


@pytest.fixture
def video(gui_core: StudioCore, relay: RelayServer, loop: Any,
          run_until: Runner) -> Iterator[tuple[VideoViewModel, Seen]]:
    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    gui_core.settings.set("jobs.poll_scale", 0.002)
    jobs = JobsViewModel(gui_core)
    vm = VideoViewModel(gui_core, jobs)
    seen = Seen(vm)
    jobs.start()
    vm.start()
    models: list[list[str]] = []
    vm.modelsChanged.connect(models.append)
    run_until(lambda: bool(models) and idle(vm), message="video models listed")
    yield vm, seen
    run_until(jobs.runner.idle, timeout=10)
    loop.run_until_complete(vm.shutdown())
    loop.run_until_complete(jobs.shutdown())
    dispose(vm, jobs)


@pytest.fixture
def toy_family() -> Iterator[FamilySpec]:
    """A video family with a start and an end frame, a loop and a free size (a handler that runs)."""
    spec = register(FamilySpec(TOY, "video", "Toy video", names=(("toyvid*", r"^toyvid"),),
                               handler="studio.jobs.images:ChatVideoHandler",
                               options=("image", "end_image", "size", "loop", "negative_prompt"),
                               results=("video",)))
    yield spec
    unregister(TOY, "video")


def idle(vm: VideoViewModel) -> bool:
    """Nothing the view-model started is still running (a test that stops the loop with work in flight
    could resume it outside the loop)."""
    return not vm._tasks


def choose(vm: VideoViewModel, seen: Seen, model: str, run_until: Runner) -> OptionsView:
    vm.setModel(model)
    run_until(lambda: bool(seen.options) and seen.options[-1].model == model and idle(vm),
              message=f"options of {model}")
    return seen.options[-1]


def picture(path: Path, size: tuple[int, int] = (720, 1280)) -> Path:
    Image.new("RGB", size, (30, 120, 200)).save(path)
    return path


def video_requests(relay: RelayServer) -> list[Any]:
    return [r for r in relay.requests if "/videos" in r.path]


def test_the_models_are_video_models_and_the_options_follow_the_family(
        video: tuple[VideoViewModel, Seen], toy_family: FamilySpec, run_until: Runner) -> None:
    vm, seen = video
    sora = choose(vm, seen, "sora-2", run_until)
    assert (sora.family, sora.label, sora.problem) == ("openai-video", "Videos API (/v1/videos)", "")
    assert sora.options == ("seconds", "size") and sora.choices["seconds"] == ("4", "8", "12")
    assert sora.start_frame and not sora.end_frame
    chat = choose(vm, seen, "vidu-video", run_until)
    assert (chat.family, chat.options, chat.start_frame, chat.end_frame) == ("chat", (), True, False)
    toy = choose(vm, seen, "toyvid-1", run_until)
    assert toy.options == ("size", "negative_prompt", "loop") and toy.end_frame and not toy.choices


def test_a_family_this_build_cannot_send_is_said_in_one_sentence(
        video: tuple[VideoViewModel, Seen], run_until: Runner) -> None:
    vm, seen = video
    register(FamilySpec("later-video", "video", "Later video", names=(("later*", r"^later"),), results=("video",)))
    try:
        later = choose(vm, seen, "later-1", run_until)
    finally:
        unregister("later-video", "video")
    assert later.options == () and later.label == "Later video"
    assert later.problem == ("later-1 speaks the Later video format, which this version of Relay Studio cannot "
                             "send yet; choose another format or model.")


def test_a_videos_api_job_is_followed_to_a_saved_video_then_remixed(
        video: tuple[VideoViewModel, Seen], gui_core: StudioCore, relay: RelayServer, run_until: Runner) -> None:
    vm, seen = video
    choose(vm, seen, "sora-2", run_until)
    vm.generate("a fox running through snow", {"seconds": "4", "size": "1280x720"})
    run_until(lambda: seen.job is not None and seen.job.state is JobState.DONE, message="video saved")
    done = seen.job
    assert done is not None and Path(done.video).is_file() and done.video.endswith(".mp4")
    assert done.actions == ("remix",) and done.family_label == "Videos API (/v1/videos)"
    assert any(v.state is JobState.RUNNING and v.progress for v in seen.jobs), "progress shown while it ran"
    assert not seen.errors
    (create,) = [r for r in video_requests(relay) if r.method == "POST" and r.path.endswith("/v1/videos")]
    body = create.json()
    assert (body["model"], body["prompt"], str(body["seconds"]), body["size"]) == (
        "sora-2", "a fox running through snow", "4", "1280x720")
    asset = gui_core.gallery.get(done.asset_id)
    assert asset is not None and asset.kind == "video"

    vm.act("remix", "the same fox, at night", {})
    run_until(lambda: seen.job is not None and seen.job.job_id != done.job_id and seen.job.state is JobState.DONE,
              message="remix saved")
    remix = [r for r in video_requests(relay) if r.path.endswith("/remix")]
    assert len(remix) == 1 and remix[0].json()["prompt"] == "the same fox, at night"
    assert remix[0].path.endswith(f"/v1/videos/{gui_core.jobs.get(done.job_id).remote_id}/remix")


def test_the_relays_own_reason_is_shown_when_a_job_fails(video: tuple[VideoViewModel, Seen],
                                                         run_until: Runner) -> None:
    vm, seen = video
    choose(vm, seen, "sora-2", run_until)
    vm.generate("this one will fail", {})
    run_until(lambda: seen.job is not None and seen.job.state is JobState.FAILED, message="failed")
    assert seen.job is not None and "moderation" in seen.job.error and not seen.job.video
    assert seen.job.actions == ()


def test_bad_input_is_one_sentence_before_anything_is_sent(
        video: tuple[VideoViewModel, Seen], gui_core: StudioCore, relay: RelayServer, tmp_path: Path,
        run_until: Runner) -> None:
    vm, seen = video
    choose(vm, seen, "sora-2", run_until)
    vm.generate("   ", {})
    run_until(lambda: len(seen.errors) == 1)
    assert seen.errors[-1] == "Describe the video first: the prompt is empty."
    vm.generate("a fox", {"loop": True})
    run_until(lambda: len(seen.errors) == 2)
    assert seen.errors[-1] == "sora-2 (Videos API (/v1/videos)) takes no loop."
    vm.generate("a fox", {"seconds": "5"})
    run_until(lambda: len(seen.errors) == 3)
    assert seen.errors[-1] == "sora-2 (Videos API (/v1/videos)) takes length 4, 8 or 12, not 5."

    renamed = tmp_path / "notes.png"
    renamed.write_text("shopping list: eggs, milk\n")
    vm.setFrame(START, str(renamed), "")
    run_until(lambda: len(seen.errors) == 4)
    assert seen.errors[-1] == "notes.png is not a PNG, JPEG, GIF, WebP or HEIC picture."
    huge = tmp_path / "huge.png"
    with huge.open("wb") as handle:  # sparse: 2 GB on paper, nothing on disk
        handle.write(b"\x89PNG\r\n\x1a\n")
        handle.truncate(2 * 1024 ** 3)
    vm.setFrame(END, str(huge), "")
    run_until(lambda: len(seen.errors) == 5)
    assert seen.errors[-1] == "huge.png is 2.0 GB; a frame picture may be at most 20.0 MB."
    assert vm.frame(START) is None and vm.frame(END) is None and not seen.frames
    assert all("Traceback" not in e and "\n" not in e for e in seen.errors)
    assert video_requests(relay) == [] and gui_core.jobs.recent(limit=5) == []


class Chinese(QTranslator):
    """The error sentences of studio/viewmodels/errors.py in Chinese (the lead's .ts file may lag)."""

    WORDS = {"{0} is not a PNG, JPEG, GIF, WebP or HEIC picture.": "{0} 不是 PNG、JPEG、GIF、WebP 或 HEIC 图片。",
             "{0} does not exist.": "{0} 不存在。",
             "{0} is {1}; a frame picture may be at most {2}.": "{0} 有 {1}；帧图片最大 {2}。",
             "{0} is damaged: it does not decode as a picture.": "{0} 已损坏：无法解码为图片。"}

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return self.WORDS.get(source) if context == "Errors" else None


def test_a_heic_photo_is_taken_as_a_frame_and_refusals_are_in_the_users_language(
        video: tuple[VideoViewModel, Seen], tmp_path: Path, run_until: Runner) -> None:
    vm, seen = video
    choose(vm, seen, "sora-2", run_until)
    pillow_heif.register_heif_opener()
    photo = tmp_path / "IMG_0042.HEIC"
    Image.new("RGB", (64, 48), (200, 80, 40)).save(photo, "HEIF")
    vm.setFrame(START, str(photo), "")
    run_until(lambda: vm.frame(START) is not None or bool(seen.errors), message="the HEIC photo checked")
    assert not seen.errors and vm.frame(START).path == str(photo)

    translator = Chinese()
    QCoreApplication.installTranslator(translator)
    try:
        renamed = tmp_path / "notes.png"
        renamed.write_text("shopping list: eggs, milk\n")
        broken = tmp_path / "broken.heic"
        broken.write_bytes(photo.read_bytes()[:60])
        huge = tmp_path / "huge.jpg"
        with huge.open("wb") as handle:
            handle.write(b"\xff\xd8\xff\xe0")
            handle.truncate(30 * 1024 ** 2)
        for path in (renamed, tmp_path / "gone.png", huge, broken):
            vm.setFrame(END, str(path), "")
            run_until(lambda path=path: len(seen.errors) == 1 + [renamed, tmp_path / "gone.png", huge, broken].index(
                path), message=f"{path.name} refused")
    finally:
        QCoreApplication.removeTranslator(translator)
    assert seen.errors == ["notes.png 不是 PNG、JPEG、GIF、WebP 或 HEIC 图片。", f"{tmp_path / 'gone.png'} 不存在。",
                           "huge.jpg 有 30.0 MB；帧图片最大 20.0 MB。", "broken.heic 已损坏：无法解码为图片。"]
    assert vm.frame(END) is None


def test_a_start_frame_is_sent_and_rerun_fills_the_form_again(
        video: tuple[VideoViewModel, Seen], gui_core: StudioCore, relay: RelayServer, tmp_path: Path,
        run_until: Runner) -> None:
    vm, seen = video
    choose(vm, seen, "sora-2", run_until)
    start = picture(tmp_path / "start.png", (720, 1280))
    vm.setFrame(START, str(start), "")
    run_until(lambda: vm.frame(START) is not None)
    vm.generate("the lake comes alive", {"seconds": "8", "size": "720x1280"})
    run_until(lambda: seen.job is not None and seen.job.state is JobState.DONE, message="video saved")
    (create,) = [r for r in video_requests(relay) if r.method == "POST" and r.path.endswith("/v1/videos")]
    assert start.read_bytes() in create.body, "the start frame went as the input reference"
    job_id = seen.job.job_id

    vm.clearFrame(START)
    vm.setModel("vidu-video")
    seen.frames.clear()
    vm.rerun(job_id)
    run_until(lambda: bool(seen.forms) and bool(seen.frames), message="form filled")
    prompt, values = seen.forms[-1]
    assert (prompt, values, vm.model) == ("the lake comes alive", {"seconds": "8", "size": "720x1280"}, "sora-2")
    slot, frame = seen.frames[-1]
    assert slot == START and Path(frame.path).read_bytes() == start.read_bytes()


def test_rerun_restores_the_format_the_user_chose_and_the_profile(
        video: tuple[VideoViewModel, Seen], gui_core: StudioCore, run_until: Runner) -> None:
    vm, seen = video
    gui_core.profiles.add("second", gui_core.profiles.get("local").base_url, key=KEY)
    made = gui_core.jobs.create_video("a red kite over the dunes", model="sora-2", family="custom-video",
                                      profile="second")  # as `studio video … --family custom-video --profile second`
    assert (made.family, made.profile, made.metadata["family_reason"]) == ("custom-video", "second", "override")
    table = gui_core.jobs.create_video("a paper boat", model="sora-2", seconds="4")
    assert (table.family, table.profile, table.metadata["family_reason"]) == (
        "openai-video", "local", "name rule sora*")
    families: list[str] = []
    profiles: list[str] = []
    vm.familyChanged.connect(families.append)
    vm.profileChanged.connect(profiles.append)
    choose(vm, seen, "vidu-video", run_until)

    vm.rerun(made.id)
    run_until(lambda: bool(seen.forms) and vm.options is not None and vm.options.model == "sora-2" and idle(vm),
              message="form filled")
    assert seen.forms[-1] == ("a red kite over the dunes", {})
    assert (vm.model, vm.options.family, vm.options.reason, families[-1]) == (
        "sora-2", "custom-video", "override", "custom-video")  # the format box shows the job's format
    assert vm.profile == "second" and profiles == ["second"]
    vm.generate("a red kite over the dunes", {})
    run_until(lambda: seen.job is not None and seen.job.job_id != made.id, message="the job re-sent")
    again = gui_core.jobs.get(seen.job.job_id)
    assert (again.family, again.profile, again.metadata["family_reason"]) == ("custom-video", "second", "override")

    # a job whose family the table chose: the format box goes back to Automatic, as it was made
    seen.forms.clear()
    vm.rerun(table.id)
    run_until(lambda: bool(seen.forms) and vm.options is not None and vm.options.family == "openai-video"
              and idle(vm), message="form filled again")
    assert seen.forms[-1] == ("a paper boat", {"seconds": "4"}) and families[-1] == ""
    assert gui_core.settings.get("families.overrides") == {} and vm.profile == "local"
    vm.setModel("vidu-video")  # another model: the route decides the profile again
    assert vm.profile == "" and profiles[-1] == ""


def test_animate_puts_a_gallery_picture_in_the_start_frame(
        video: tuple[VideoViewModel, Seen], gui_core: StudioCore, run_until: Runner) -> None:
    vm, seen = video
    path = gui_core.gallery.new_path("a1b2c3d4e5f6", ".png")
    path.parent.mkdir(parents=True, exist_ok=True)
    picture(path, (64, 48))
    asset = gui_core.gallery.add(path=path, kind="image", mime="image/png", asset_id="a1b2c3d4e5f6")
    vm.animate(asset.id)
    run_until(lambda: vm.frame(START) is not None)
    assert vm.frame(START).asset_id == asset.id and Path(vm.frame(START).path) == path
    clip = gui_core.gallery.new_path("0f0f0f0f0f0f", ".mp4")
    clip.write_bytes(b"\x00\x00\x00\x18ftypmp42")
    gui_core.gallery.add(path=clip, kind="video", mime="video/mp4", asset_id="0f0f0f0f0f0f")
    vm.setFrameAsset(END, "0f0f0f0f0f0f")
    run_until(lambda: bool(seen.errors))
    assert seen.errors[-1] == "This video is not a picture; a frame must be a picture."
    assert vm.frame(END) is None


def test_download_notes_are_in_the_users_words() -> None:
    def tr(text: str) -> str:
        return {"Downloading: {0} of {1} MB ({2} %)": "正在下载：{0} / {1} MB（{2} %）"}.get(text, text)

    assert localized_note("Downloading: 120 of 480 MB (25 %)", tr) == "正在下载：120 / 480 MB（25 %）"
    assert localized_note("Downloading: 7 MB", tr) == "Downloading: 7 MB"
    assert localized_note("The connection dropped; resuming.", tr) == "The connection dropped; resuming."


def test_luma_takes_an_end_frame_and_a_loop_and_extends_its_video(
        video: tuple[VideoViewModel, Seen], relay: RelayServer, tmp_path: Path, run_until: Runner) -> None:
    vm, seen = video
    luma = choose(vm, seen, "luma-ray-2", run_until)
    assert (luma.family, luma.options, luma.start_frame, luma.end_frame) == ("luma", ("loop",), True, True)
    vm.setFrame(START, str(picture(tmp_path / "first.png", (64, 36))), "")
    vm.setFrame(END, str(picture(tmp_path / "last.jpg", (64, 36))), "")
    run_until(lambda: vm.frame(START) is not None and vm.frame(END) is not None)
    vm.generate("a door opens onto the sea", {"loop": True})
    run_until(lambda: seen.job is not None and seen.job.state is JobState.DONE, message="Luma video saved")
    first = seen.job
    assert first.actions == ("extend",) and first.family_label == "Luma"
    (create,) = [r for r in relay.requests if r.method == "POST" and r.path.endswith("/luma/generations")]
    body = create.json()
    assert body["loop"] is True and body["image_url"].startswith("data:image/png")
    assert body["image_end_url"].startswith("data:image/jpeg")

    vm.act("extend", "", {})
    run_until(lambda: bool(seen.errors))
    assert seen.errors[-1] == "Say what should change in the prompt first: it is empty."
    vm.act("extend", "the waves roll in", {})
    run_until(lambda: seen.job.job_id != first.job_id and seen.job.state is JobState.DONE, message="extension saved")
    assert [r for r in relay.requests if r.path.endswith("/extend")]


def test_vidu_upscales_its_video_without_a_prompt(video: tuple[VideoViewModel, Seen], relay: RelayServer,
                                                  run_until: Runner) -> None:
    vm, seen = video
    vidu = choose(vm, seen, "viduq1", run_until)
    assert (vidu.family, vidu.options) == ("vidu", ("seconds", "aspect"))
    assert vidu.choices["aspect"] == ("16:9", "9:16", "1:1")
    vm.generate("a paper crane takes flight", {"seconds": "4", "aspect": "9:16"})
    run_until(lambda: seen.job is not None and seen.job.state is JobState.DONE, message="Vidu video saved")
    first = seen.job
    assert first.actions == ("upscale",)
    vm.act("upscale", "", {})
    run_until(lambda: seen.job.job_id != first.job_id and seen.job.state is JobState.DONE, message="upscale saved")
    kinds = [r.json().get("type") for r in relay.requests if r.method == "POST" and r.path.endswith("/vidu/v1/tasks")]
    assert kinds == ["text2video", "upscale"]
