"""The Video tab against the relay test server: only the options the model's family takes are shown, a
picture dropped on the start-frame slot (a gallery asset, an Image tab result, a file from the file
manager) is shown and sent, the job's progress, then the video in the player with Remix."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pillow_heif
import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from studio.api.families import FamilySpec, register, unregister
from studio.gallery.store import Asset
from studio.jobs.model import JobState
from studio.services.core import StudioCore
from studio.viewmodels.dragdrop import ASSET_MIME, asset_mime_data
from studio.viewmodels.image import ImageViewModel
from studio.viewmodels.jobs import JobsViewModel
from studio.viewmodels.video import START, VideoViewModel
from studio.views.image_tab import ImageTab
from studio.views.main_window import MainWindow
from studio.views.video_tab import VideoTab
from tests.conftest import KEY
from tests.gui.conftest import Runner
from tests.gui.test_video_viewmodel import dispose, idle
from tests.relay import RelayServer


@pytest.fixture
def tab(gui_core: StudioCore, relay: RelayServer, loop: Any, run_until: Runner) -> Iterator[VideoTab]:
    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    gui_core.settings.set("jobs.poll_scale", 0.002)
    jobs = JobsViewModel(gui_core)
    tab = VideoTab(VideoViewModel(gui_core, jobs))
    tab.resize(1100, 760)
    tab.show()
    jobs.start()
    tab.vm.start()
    run_until(lambda: tab.model_picker.count() > 0 and idle(tab.vm), message="video models listed")
    yield tab
    run_until(jobs.runner.idle, timeout=10)
    tab.shutdown()  # libvlc lets go of the native window first
    tab.close()
    loop.run_until_complete(tab.vm.shutdown())
    loop.run_until_complete(jobs.shutdown())
    dispose(tab, tab.vm, jobs)


def choose(tab: VideoTab, model: str, run_until: Runner) -> None:
    tab.model_picker.setEditText(model)
    run_until(lambda: tab.vm.options is not None and tab.vm.options.model == model and idle(tab.vm),
              message=f"options of {model}")


def image_asset(core: StudioCore, asset_id: str, size: tuple[int, int]) -> Asset:
    path = core.gallery.new_path(asset_id, ".png")
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (200, 80, 40)).save(path)
    return core.gallery.add(path=path, kind="image", mime="image/png", prompt="a lake", asset_id=asset_id)


def drop(widget: QWidget, mime: QMimeData) -> bool:
    """Drag `mime` over `widget` and drop it there, as Qt delivers a drop; whether the drag was taken."""
    point = QPointF(widget.rect().center())
    enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)
    return True


def sent_videos(relay: RelayServer) -> list:  # type: ignore[type-arg]
    return [r for r in relay.requests if r.method == "POST" and r.path.endswith("/v1/videos")]


def test_only_the_options_the_family_takes_are_shown(tab: VideoTab, run_until: Runner) -> None:
    choose(tab, "sora-2", run_until)
    shown = {name for name, widget in tab._option_rows.items() if widget.isVisibleTo(tab)}
    assert shown == {"seconds", "size"}
    assert [tab.seconds.itemText(i) for i in range(tab.seconds.count())] == ["Relay default", "4", "8", "12"]
    assert not tab.seconds.isEditable()
    assert tab.start_slot.isVisibleTo(tab) and not tab.end_slot.isVisibleTo(tab)
    assert tab.family_note.text() == "Sent as: Videos API (/v1/videos)"
    assert "openai-video" not in tab.family_note.text()
    tab.seconds.setCurrentIndex(tab.seconds.findData("8"))
    tab.negative.setText("blur")  # a field the family does not take stays out of the request
    assert tab.option_values() == {"seconds": "8", "size": ""}

    choose(tab, "vidu-video", run_until)
    assert not any(widget.isVisibleTo(tab) for widget in tab._option_rows.values())
    assert tab.no_options.isVisibleTo(tab) and tab.family_note.text() == "Sent as: Chat format"

    spec = register(FamilySpec("toy-video", "video", "Toy video", names=(("toyvid*", r"^toyvid"),),
                               handler="studio.jobs.images:ChatVideoHandler",
                               options=("image", "end_image", "aspect", "loop", "mode"),
                               choices={"mode": ("std", "pro")}, results=("video",)))
    try:
        choose(tab, "toyvid-1", run_until)
    finally:
        unregister(spec.id, "video")
    shown = {name for name, widget in tab._option_rows.items() if widget.isVisibleTo(tab)}
    assert shown == {"aspect", "loop", "mode"} and tab.end_slot.isVisibleTo(tab)
    assert tab.aspect.isEditable(), "a family that lists no aspects takes any: the box is free"
    assert [tab.mode.itemText(i) for i in range(tab.mode.count())] == ["Relay default", "Standard", "Professional"]


def test_a_gallery_picture_dropped_on_the_start_frame_is_shown_and_sent(
        tab: VideoTab, gui_core: StudioCore, relay: RelayServer, run_until: Runner) -> None:
    choose(tab, "sora-2", run_until)
    asset = image_asset(gui_core, "5a5a5a5a5a5a", (720, 1280))
    assert tab.start_slot.picture.text() == "Drop a picture here" and not tab.start_slot.remove.isVisibleTo(tab)
    assert drop(tab.start_slot, asset_mime_data([asset]))
    run_until(lambda: tab.start_slot.picture.pixmap() is not None and not tab.start_slot.picture.pixmap().isNull(),
              message="the picture is shown")
    assert tab.vm.frame(START).asset_id == asset.id and tab.start_slot.remove.isVisibleTo(tab)

    tab.prompt.setPlainText("the lake at dawn, mist rising")
    tab.size_box.setCurrentIndex(tab.size_box.findData("720x1280"))
    tab.generate()
    run_until(lambda: tab._shown is not None and tab._shown.state is JobState.DONE, message="video saved")
    (create,) = sent_videos(relay)
    assert asset.path.read_bytes() in create.body, "the dropped picture went as the input reference"
    assert b'name="prompt"' in create.body and b"the lake at dawn, mist rising" in create.body
    job = gui_core.jobs.get(tab._shown.job_id)
    assert job is not None and job.request["images"][0]["name"] == f"{asset.id}.png"


def test_the_finished_video_plays_in_the_player_with_remix(tab: VideoTab, relay: RelayServer,
                                                          run_until: Runner) -> None:
    choose(tab, "sora-2", run_until)
    tab.prompt.setPlainText("a paper boat on a river")
    tab.generate()
    run_until(lambda: tab._shown is not None and tab._shown.state is JobState.RUNNING, message="running")
    assert tab.progress.isVisibleTo(tab) and tab.stage.currentWidget() is tab.placeholder
    run_until(lambda: tab._shown.state is JobState.DONE, message="video saved")
    assert not tab.progress.isVisibleTo(tab)
    assert tab.player is not None and tab.stage.currentWidget() is tab.player
    assert tab.player.path == Path(tab._shown.video)
    assert tab.action_buttons["remix"].isVisibleTo(tab)
    assert not tab.action_buttons["extend"].isVisibleTo(tab) and not tab.action_buttons["upscale"].isVisibleTo(tab)
    assert "Videos API (/v1/videos)" in tab.status.text() and "openai-video" not in tab.status.text()
    first = tab._shown.job_id
    tab.prompt.setPlainText("the boat sails into a storm")
    tab.action_buttons["remix"].click()
    run_until(lambda: tab._shown.job_id != first and tab._shown.state is JobState.DONE, message="remix saved")
    assert [r.json()["prompt"] for r in relay.requests if r.path.endswith("/remix")] == ["the boat sails into a storm"]


def test_a_file_from_the_file_manager_and_a_bad_one(tab: VideoTab, tmp_path: Path, run_until: Runner) -> None:
    choose(tab, "vidu-video", run_until)
    good = tmp_path / "still.jpg"
    Image.new("RGB", (320, 180), (10, 200, 90)).save(good)
    files = QMimeData()
    files.setUrls([QUrl.fromLocalFile(str(good))])
    assert drop(tab.start_slot, files)
    run_until(lambda: tab.vm.frame(START) is not None)
    assert tab.vm.frame(START).path == str(good) and tab.vm.frame(START).asset_id == ""
    tab.start_slot.remove.click()
    run_until(lambda: tab.vm.frame(START) is None)
    assert tab.start_slot.picture.text() == "Drop a picture here"

    fake = tmp_path / "fake.png"
    fake.write_text("<html>not a picture</html>")
    bad = QMimeData()
    bad.setUrls([QUrl.fromLocalFile(str(fake))])
    assert drop(tab.start_slot, bad)
    run_until(lambda: tab.banner.isVisibleTo(tab))
    assert tab.banner.text == "fake.png is not a PNG, JPEG, GIF, WebP or HEIC picture."
    assert tab.vm.frame(START) is None
    assert not drop(tab.start_slot, QMimeData()), "a drag without files is refused"


def test_a_heic_photo_dropped_on_the_start_frame_is_taken_and_shown(tab: VideoTab, tmp_path: Path,
                                                                   run_until: Runner) -> None:
    choose(tab, "sora-2", run_until)
    pillow_heif.register_heif_opener()
    photo = tmp_path / "IMG_0007.heic"
    Image.new("RGB", (320, 180), (200, 80, 40)).save(photo, "HEIF")
    files = QMimeData()
    files.setUrls([QUrl.fromLocalFile(str(photo))])
    assert drop(tab.start_slot, files)
    run_until(lambda: tab.vm.frame(START) is not None or tab.banner.isVisibleTo(tab), message="the photo checked")
    assert not tab.banner.isVisibleTo(tab) and tab.vm.frame(START).path == str(photo)
    run_until(lambda: not tab.start_slot._full.isNull(), message="the photo's thumbnail")  # Qt reads no HEIC
    colour = tab.start_slot._full.toImage().pixelColor(10, 10)
    assert (colour.red(), colour.green(), colour.blue()) == pytest.approx((200, 80, 40), abs=12)


def test_an_image_tab_result_drags_as_an_asset_onto_the_start_frame(
        tab: VideoTab, gui_core: StudioCore, relay: RelayServer, loop: Any, run_until: Runner) -> None:
    image_tab = ImageTab(ImageViewModel(gui_core, tab.vm._jobs))
    try:
        drag_an_image_result(tab, image_tab, gui_core, run_until)
    finally:
        image_tab.close()
        loop.run_until_complete(image_tab.vm.shutdown())
        dispose(image_tab, image_tab.vm)


def drag_an_image_result(tab: VideoTab, image_tab: ImageTab, gui_core: StudioCore, run_until: Runner) -> None:
    image_tab.show()
    image_tab.vm.start()
    run_until(lambda: image_tab.model_picker.count() > 0)
    image_tab.model_picker.setEditText("dall-e-3")
    image_tab.prompt.setPlainText("a red fox")
    image_tab.generate()
    run_until(lambda: image_tab._shown is not None and image_tab._shown.state is JobState.DONE
              and image_tab.images.count() == 1, message="image saved")
    mime = image_tab.images.mimeData([image_tab.images.item(0)])
    assert mime.hasFormat(ASSET_MIME) and mime.urls()[0].isLocalFile()
    (asset,) = gui_core.gallery.for_job(image_tab._shown.job_id)
    choose(tab, "vidu-video", run_until)
    assert drop(tab.start_slot, mime)
    run_until(lambda: tab.vm.frame(START) is not None)
    assert tab.vm.frame(START).asset_id == asset.id


@pytest.fixture
def window(gui_core: StudioCore, relay: RelayServer, loop: Any, run_until: Runner) -> Iterator[MainWindow]:
    from studio.viewmodels.chat import ChatViewModel
    from studio.viewmodels.gallery import GalleryViewModel
    from studio.viewmodels.main import MainViewModel

    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    gui_core.settings.set("jobs.poll_scale", 0.002)
    jobs = JobsViewModel(gui_core)
    vms = (MainViewModel(gui_core), ChatViewModel(gui_core), jobs, ImageViewModel(gui_core, jobs),
           GalleryViewModel(gui_core), VideoViewModel(gui_core, jobs))
    window = MainWindow(*vms[:5], lambda: None, video_vm=vms[5])
    yield window
    run_until(jobs.runner.idle, timeout=10)
    window.close()  # stops the Video tab's player first
    for vm in vms:
        loop.run_until_complete(vm.shutdown())
    dispose(window, *vms)


def test_the_window_builds_the_video_tab_on_the_first_drag_and_opens_it_filled(
        window: MainWindow, gui_core: StudioCore, run_until: Runner) -> None:
    window.show()
    window.jobs_vm.start()
    assert window.video_page.tab is None, "the Video tab waits until it is needed"
    asset = image_asset(gui_core, "7e7e7e7e7e7e", (720, 1280))
    mime = asset_mime_data([asset])
    window.tabs.setCurrentWidget(window.video_page)  # the tab bar switches tabs under a drag
    tab = window.video_page.tab
    assert tab is not None and drop(tab.start_slot, mime)
    run_until(lambda: window.video_vm.frame(START) is not None and tab.model_picker.count() > 0 and idle(tab.vm),
              message="the frame is set; the models load when the tab is first shown")

    window.tabs.setCurrentIndex(0)
    window.video_vm.clearFrame(START)
    window.open_video(start_asset_id=asset.id)
    assert window.tabs.currentWidget() is window.video_page
    run_until(lambda: window.video_vm.frame(START) is not None and window.video_vm.frame(START).asset_id == asset.id)

    choose(tab, "sora-2", run_until)
    tab.prompt.setPlainText("a kite over the dunes")
    tab.seconds.setCurrentIndex(tab.seconds.findData("12"))
    tab.generate()
    run_until(lambda: tab._shown is not None and tab._shown.state is JobState.DONE, message="video saved")
    job_id = tab._shown.job_id
    tab.prompt.clear()
    tab.seconds.setCurrentIndex(0)
    window.tabs.setCurrentIndex(0)
    window.open_video(rerun_job_id=job_id)
    run_until(lambda: tab.prompt.toPlainText() == "a kite over the dunes" and tab.seconds.value() == "12")
    assert window.tabs.currentWidget() is window.video_page

    window.tabs.setCurrentIndex(0)
    window.open_job(job_id)  # from the Jobs panel
    assert window.tabs.currentWidget() is window.video_page

    # the Gallery's "Re-run" on the video and "Animate" on a picture
    (clip,) = [a for a in gui_core.gallery.for_job(job_id) if a.kind == "video"]
    tab.prompt.clear()
    window.tabs.setCurrentWidget(window.gallery_page)
    window.gallery_vm.rerun(clip.id)
    run_until(lambda: tab.prompt.toPlainText() == "a kite over the dunes" and idle(tab.vm))
    assert window.tabs.currentWidget() is window.video_page
    other = image_asset(gui_core, "3c3c3c3c3c3c", (320, 200))
    window.tabs.setCurrentWidget(window.gallery_page)
    window.gallery_vm.animate(other.id)
    run_until(lambda: window.video_vm.frame(START) is not None and window.video_vm.frame(START).asset_id == other.id
              and idle(tab.vm))
    assert window.tabs.currentWidget() is window.video_page


def test_the_window_opens_without_the_video_view_or_libvlc(cli_env: dict[str, str]) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    script = (
        "import sys\n"
        "from studio.app import build_gui\n"
        "from studio.services.core import StudioCore\n"
        "gui = build_gui(StudioCore.open(), ['studio'], language='en', theme='light')\n"
        "gui.window.show(); gui.app.processEvents()\n"
        "print('before', *(m in sys.modules for m in ('studio.views.video_tab', 'studio.views.player', 'vlc')))\n"
        "gui.window.tabs.setCurrentWidget(gui.window.video_page); gui.app.processEvents()\n"
        "print('after', gui.window.video_page.tab is not None, 'studio.views.video_tab' in sys.modules)\n"
    )
    env = {**cli_env, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "before False False False" in result.stdout and "after True True" in result.stdout


def test_rerun_shows_the_jobs_format_and_profile(tab: VideoTab, gui_core: StudioCore, run_until: Runner) -> None:
    gui_core.profiles.add("second", gui_core.profiles.get("local").base_url, key=KEY)
    made = gui_core.jobs.create_video("a red kite", model="sora-2", family="custom-video", profile="second")
    assert not tab.profile_note.isVisibleTo(tab)
    tab.vm.rerun(made.id)
    run_until(lambda: tab.vm.options is not None and tab.vm.options.family == "custom-video" and idle(tab.vm),
              message="form filled")
    assert tab.family.currentData() == "custom-video" and tab.prompt.toPlainText() == "a red kite"
    assert tab.profile_note.isVisibleTo(tab)
    assert tab.profile_note.text() == "Sent through the profile “second”, as the re-run job was."
    tab.model_picker.setEditText("vidu-video")
    run_until(lambda: tab.vm.options is not None and tab.vm.options.model == "vidu-video" and idle(tab.vm))
    assert not tab.profile_note.isVisibleTo(tab) and tab.family.currentData() == ""


def test_building_the_tab_starts_libvlc_in_a_worker(gui_core: StudioCore, loop: Any, monkeypatch: pytest.MonkeyPatch,
                                                    run_until: Runner) -> None:
    import threading

    import studio.views.player as player_module

    threads: list[str] = []
    monkeypatch.setattr(player_module, "_load_vlc", lambda: threads.append(threading.current_thread().name)
                        or player_module._Libvlc(None, None))
    monkeypatch.setattr(player_module, "_loaded", None)
    monkeypatch.setattr(player_module, "_load_error", None)
    jobs = JobsViewModel(gui_core)
    tab = VideoTab(VideoViewModel(gui_core, jobs))
    run_until(lambda: player_module.started(), message="libvlc started")
    assert threads == ["libvlc-start"] and tab.player is None  # the player itself waits for the first video
    loop.run_until_complete(tab.vm.shutdown())
    loop.run_until_complete(jobs.shutdown())
    dispose(tab, tab.vm, jobs)
