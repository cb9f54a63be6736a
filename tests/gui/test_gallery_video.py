"""Videos and sounds in the Gallery tab, over a real library with real media files: a video cell paints its
poster under a play mark with a duration badge (a film placeholder while it has no poster), a sound cell a
note and its duration; the kind filter offers both; double-clicking plays them in the MediaPlayer; a
dragged asset carries its file:// URL and its id; "Animate" on a picture and "Re-run" on a video are
signals for the main window; and screenshots of the grid with video cells (light and dark, en and zh_CN)
land in tests/artifacts/."""

from __future__ import annotations

import io
import json
import math
import struct
import wave
from collections.abc import Iterator

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QMimeData, QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

import studio.views.player as player_module
from studio.services.core import StudioCore
from studio.viewmodels.dragdrop import ASSET_MIME, dropped
from studio.viewmodels.gallery import GalleryListModel, GalleryViewModel
from studio.views.gallery_tab import GRID, THUMBNAIL_SIZE, GalleryTab
from studio.views.media_viewer import MediaViewer
from studio.views.theme import apply_theme
from tests.conftest import ROOT
from tests.gui.conftest import Runner
from tests.support.media import mp4_bytes

ARTIFACTS = ROOT / "tests" / "artifacts"
START = 1_700_000_000.0
ROLE = GalleryListModel


def wav_bytes(seconds: float = 1.5, rate: int = 22050) -> bytes:
    """A real WAV of a 440 Hz tone (the standard library writes it)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        count = int(seconds * rate)
        out.writeframes(struct.pack(f"<{count}h", *(int(5000 * math.sin(2 * math.pi * 440 * i / rate))
                                                    for i in range(count))))
    return buffer.getvalue()


def poster_png(colour: str, size: tuple[int, int] = (160, 90)) -> bytes:
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 3, size[1]), fill="#ffd400")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def add(core: StudioCore, kind: str, data: bytes, suffix: str, mime: str, when: float, *, prompt: str = "",
        model: str = "", duration: float | None = None, job_id: str | None = None,
        poster: bytes | None = None) -> str:
    """One asset with its real file; `poster` goes into the thumbnail cache as if the cache had made it."""
    store = core.gallery
    asset_id = store.new_id()
    path = store.new_path(asset_id, suffix, when=when)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    store.add(path=path, kind=kind, mime=mime, prompt=prompt or f"a {kind}", model=model, asset_id=asset_id,
              created_at=when, duration=duration, job_id=job_id, result_index=0 if job_id else None)
    if poster is not None:
        target = store.thumbnails.path_for(asset_id, THUMBNAIL_SIZE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(poster)
    return asset_id


def add_picture(core: StudioCore, when: float, colour: str = "#3a7bd5", prompt: str = "a lighthouse") -> str:
    return add(core, "image", poster_png(colour, (120, 120)), ".png", "image/png", when, prompt=prompt,
               model="gpt-image-1")


@pytest.fixture(autouse=True)
def _no_leftover_viewers() -> Iterator[None]:
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MediaViewer):
            widget.close()
            widget.deleteLater()


def all_fetched(model: GalleryListModel) -> bool:
    return model.rowCount() > 0 and all(model.is_fetched(r) for r in range(model.rowCount()))


def cell_image(tab: GalleryTab, asset_id: str) -> QImage:
    model = tab.vm.list_model
    rect = tab.view.visualRect(model.index(model.row_of(asset_id)))
    return tab.view.viewport().grab(rect).toImage()


def picture_rect(image: QImage, width: int, height: int) -> QRect:
    """Where the delegate puts a `width`×`height` picture in a cell (centred in the thumbnail square)."""
    ratio = image.devicePixelRatio()
    cell_width = image.width() / ratio
    left = int((cell_width - width) // 2)
    top = 2 + 6 + (THUMBNAIL_SIZE - height) // 2
    return QRect(left, top, width, height)


def colour(image: QImage, x: float, y: float) -> QColor:
    ratio = image.devicePixelRatio()
    return image.pixelColor(int(x * ratio), int(y * ratio))


def test_video_and_audio_cells_paint_poster_play_mark_duration_and_placeholders(  # type: ignore[no-untyped-def]
        gui_core: StudioCore, make_gallery_tab, run_until: Runner) -> None:
    clip = mp4_bytes(seconds=3)
    with_poster = add(gui_core, "video", clip, ".mp4", "video/mp4", START, duration=5.2,
                      poster=poster_png("#c0392b"))
    no_poster = add(gui_core, "video", b"\x00\x00\x00\x18ftypmp42" + bytes(64), ".mp4", "video/mp4", START + 1,
                    duration=65)
    song = add(gui_core, "audio", wav_bytes(), ".wav", "audio/wav", START + 2, duration=1.5)
    picture = add_picture(gui_core, START + 3)
    tab = make_gallery_tab()
    model = tab.vm.list_model
    run_until(lambda: all_fetched(model) and tab.thumbnail_of(model.row_of(with_poster)) is not None
              and tab.thumbnail_of(model.row_of(picture)) is not None
              and tab.thumbnail_of(model.row_of(song)) is not None, message="the poster decoded")
    assert model.index(model.row_of(with_poster)).data(ROLE.CellRole)[5] == 5.2
    assert model.index(model.row_of(with_poster)).data(ROLE.DurationRole) == 5.2
    assert " · 0:05 · " in model.index(model.row_of(with_poster)).data(Qt.ItemDataRole.ToolTipRole)  # as the badge
    tab.view.viewport().repaint()

    # the poster, a white play mark on its middle, a dark "0:05" badge in its bottom-right corner
    shot = cell_image(tab, with_poster)
    area = picture_rect(shot, 160, 90)
    assert colour(shot, area.left() + 100, area.top() + 8).name() == "#c0392b"  # the poster itself
    assert colour(shot, area.left() + 20, area.top() + 8).name() == "#ffd400"
    centre = colour(shot, area.center().x() + 1, area.center().y())
    assert centre.lightness() > 200, centre.name()  # the play triangle
    rim = colour(shot, area.center().x(), area.center().y() - 14)
    assert rim.lightness() < colour(shot, area.left() + 100, area.top() + 8).lightness()  # the dark disc
    badge = colour(shot, area.right() - 6, area.bottom() - 5)
    assert badge.lightness() < 70, badge.name()
    assert {"0:05", "1:05", "0:02"} <= set(tab.delegate._badges)  # 5.2 s, 65 s, 1.5 s (rounded)

    # without a poster: the film placeholder (not the image one) with the play mark; the song: its waveform
    # (tests/gui/test_gallery_audio.py tells it apart)
    film, note, image = (cell_image(tab, i) for i in (no_poster, song, picture))
    assert film.convertToFormat(QImage.Format.Format_RGB32) != note.convertToFormat(QImage.Format.Format_RGB32)
    square = picture_rect(film, THUMBNAIL_SIZE, THUMBNAIL_SIZE)
    assert colour(film, square.center().x() + 1, square.center().y()).lightness() > 200  # play mark
    background = colour(film, square.left() + 12, square.top() + 12)
    dark = background.lightness() - 80
    assert colour(film, square.right() - 8, square.bottom() - 5).lightness() < dark  # its "1:05" badge
    assert colour(note, square.right() - 8, square.bottom() - 5).lightness() < 60  # "0:02" (on the dark tile)
    plain = colour(image, square.right() - 8, square.bottom() - 5)
    assert plain.lightness() > 150  # a picture has no badge


def test_the_kind_filter_offers_videos_and_audio(gui_core: StudioCore, make_gallery_tab, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    video = add(gui_core, "video", mp4_bytes(seconds=1), ".mp4", "video/mp4", START, duration=1)
    song = add(gui_core, "audio", wav_bytes(0.5), ".wav", "audio/wav", START + 1, duration=0.5)
    add_picture(gui_core, START + 2)
    tab = make_gallery_tab()
    model = tab.vm.list_model
    run_until(lambda: model.rowCount() == 3)
    for kind, expected in (("video", [video]), ("audio", [song])):
        tab.kind_picker.setCurrentIndex(tab.kind_picker.findData(kind))
        run_until(lambda expected=expected: model.asset_ids() == expected, message=kind)
    assert [tab.kind_picker.itemText(i) for i in range(tab.kind_picker.count())][1:4] == ["Images", "Videos", "Audio"]


def test_a_dragged_video_carries_its_file_url_and_its_id(gui_core: StudioCore, make_gallery_tab,  # type: ignore[no-untyped-def]
                                                         run_until: Runner) -> None:
    video = add(gui_core, "video", mp4_bytes(seconds=1), ".mp4", "video/mp4", START, duration=1)
    tab = make_gallery_tab()
    model = tab.vm.list_model
    run_until(lambda: all_fetched(model))
    index = model.index(0)
    assert model.flags(index) & Qt.ItemFlag.ItemIsDragEnabled
    data: QMimeData = model.mimeData([index])
    path = gui_core.gallery.get(video).path
    assert [url.toString() for url in data.urls()] == [path.as_uri()]  # what a file manager takes
    assert json.loads(bytes(data.data(ASSET_MIME).data())) == [{"id": video, "kind": "video", "path": str(path)}]
    assert [(d.path, d.asset_id, d.kind) for d in dropped(data)] == [(path, video, "video")]
    assert set(model.mimeTypes()) == {ASSET_MIME, "text/uri-list"}


def test_animate_a_picture_and_rerun_a_video(gui_core: StudioCore, make_gallery_tab, run_until: Runner,  # type: ignore[no-untyped-def]
                                             loop) -> None:
    made = add(gui_core, "video", mp4_bytes(seconds=1), ".mp4", "video/mp4", START, duration=1,
               job_id="job-video-1", model="kling-v2", prompt="waves at dusk")
    imported = add(gui_core, "video", mp4_bytes(seconds=1), ".mp4", "video/mp4", START + 1, duration=1)
    picture = add_picture(gui_core, START + 2)
    tab = make_gallery_tab()
    vm = tab.vm
    model = vm.list_model
    run_until(lambda: all_fetched(model))
    seen: list[tuple[str, ...]] = []
    vm.animateRequested.connect(lambda asset_id: seen.append(("animate", asset_id)))
    vm.videoRerunRequested.connect(lambda job_id: seen.append(("rerun-video", job_id)))
    vm.rerunRequested.connect(lambda prompt, name: seen.append(("rerun-image", prompt, name)))

    def menu_action(asset_id: str, name: str):  # type: ignore[no-untyped-def]
        menu = tab.build_menu(model.index(model.row_of(asset_id)))
        return next(a for a in menu.actions() if a.objectName() == name)

    animate = menu_action(picture, "galleryAnimateAction")
    assert animate.text() == "Animate" and animate.isEnabled()
    animate.trigger()
    rerun = menu_action(made, "galleryRerunAction")
    assert rerun.text() == "Re-run" and rerun.isEnabled()
    rerun.trigger()
    menu_action(picture, "galleryRerunAction").trigger()  # a picture's prompt still goes to the Image tab
    assert seen == [("animate", picture), ("rerun-video", "job-video-1"), ("rerun-image", "a lighthouse",
                                                                              "gpt-image-1")]
    assert not menu_action(made, "galleryAnimateAction").isEnabled()
    assert not menu_action(imported, "galleryRerunAction").isEnabled()
    assert menu_action(made, "galleryViewAction").text() == "Play"

    vm.animate(made)
    run_until(lambda: tab.banner.text != "")
    assert tab.banner.text == "Only images can be animated."
    tab.banner.clear()
    vm.rerun(imported)
    run_until(lambda: tab.banner.text != "")
    assert tab.banner.text == "This video was not made by a job of this app, so it cannot be re-run."
    assert len(seen) == 3

    fresh = GalleryViewModel(gui_core)  # before its rows are fetched: the store is asked
    fresh.animateRequested.connect(lambda asset_id: seen.append(("animate", asset_id)))
    fresh.videoRerunRequested.connect(lambda job_id: seen.append(("rerun-video", job_id)))
    fresh.animate(picture)
    fresh.rerun(made)
    run_until(lambda: len(seen) == 5)
    assert sorted(seen[3:]) == [("animate", picture), ("rerun-video", "job-video-1")]
    loop.run_until_complete(fresh.shutdown())


def test_double_clicking_a_video_or_a_song_plays_it_in_the_player(gui_core: StudioCore, make_gallery_tab,  # type: ignore[no-untyped-def]
                                                                   run_until: Runner, qtbot) -> None:
    if player_module.libvlc() is None:
        pytest.skip(f"libvlc is not installed here ({player_module.load_error()})")
    video = add(gui_core, "video", mp4_bytes(seconds=3), ".mp4", "video/mp4", START, duration=3)
    song = add(gui_core, "audio", wav_bytes(2.0), ".wav", "audio/wav", START + 1, duration=2)
    picture = add_picture(gui_core, START + 2)
    tab = make_gallery_tab()
    model = tab.vm.list_model
    run_until(lambda: all_fetched(model))
    viewed: list[str] = []
    tab.vm.openRequested.disconnect(tab.open_asset)  # pictures are test_gallery.py's
    tab.vm.openRequested.connect(lambda asset_id, path, kind: viewed.append(path) if kind == "image"
                                 else tab.open_asset(asset_id, path, kind))

    def viewers() -> list[MediaViewer]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, MediaViewer) and w.isVisible()]

    tab._activated(model.index(model.row_of(video)))
    run_until(lambda: len(viewers()) == 1, message="the player opened")
    viewer = viewers()[0]
    assert viewer.path == gui_core.gallery.get(video).path and viewer.windowTitle() == viewer.path.name
    player = viewer.player
    qtbot.waitUntil(lambda: player.state == "playing" and player.position > 0.3, timeout=10_000)
    qtbot.waitUntil(lambda: not player.poster.image.isNull(), timeout=10_000)  # the clip's own frame
    viewer.close()
    assert player._player is None  # libvlc let go when the preview closed

    tab._activated(model.index(model.row_of(song)))
    run_until(lambda: len(viewers()) == 1, message="the player opened for the song")
    viewer = viewers()[0]
    player = viewer.player
    assert not player.poster.image.isNull()  # the note stands in for a cover
    qtbot.waitUntil(lambda: player.position > 0.3, timeout=10_000)
    assert player.duration == pytest.approx(2.0, abs=0.2)
    viewer.close()

    tab._activated(model.index(model.row_of(picture)))
    run_until(lambda: len(viewed) == 1)
    assert viewers() == []


def test_the_preview_without_libvlc_says_so_and_offers_the_system_player(  # type: ignore[no-untyped-def]
        gui_core: StudioCore, make_gallery_tab, run_until: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> None:
        raise OSError("libvlc.so.5: cannot open shared object file")

    monkeypatch.setattr(player_module, "_load_vlc", missing)
    monkeypatch.setattr(player_module, "_loaded", None)
    monkeypatch.setattr(player_module, "_load_error", None)
    video = add(gui_core, "video", mp4_bytes(seconds=1), ".mp4", "video/mp4", START, duration=1)
    tab = make_gallery_tab()
    run_until(lambda: all_fetched(tab.vm.list_model))
    tab.vm.view(video)
    run_until(lambda: any(isinstance(w, MediaViewer) for w in QApplication.topLevelWidgets()))
    viewer = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MediaViewer))
    sentence = "Videos cannot be played inside the studio because VLC's library is not installed."
    run_until(lambda: viewer.player.state != "loading", message="libvlc's start tried")  # (in a worker)
    assert viewer.banner.text == sentence
    assert viewer.player.open_external_button.isVisible()
    viewer.close()


@pytest.mark.parametrize(("language", "theme"), [("en", "light"), ("en", "dark"), ("zh_CN", "light"),
                                                 ("zh_CN", "dark")])
def test_screenshot_of_video_cells(gui_core: StudioCore, make_gallery_tab, run_until: Runner, qapp: QApplication,  # type: ignore[no-untyped-def]
                                   language: str, theme: str) -> None:
    from studio.app import install_translators

    videos = ["drone shot over a glacier at dawn", "海浪拍打礁石，慢动作", "a paper boat drifting down a rainy street",
              "timelapse of a city at night", "猫在窗台上打盹", "a koi pond, slow pan"]
    colours = ["#2e86de", "#10ac84", "#ee5253", "#5f27cd", "#ff9f43", "#222f3e"]
    ids = []
    for n in range(8):  # newest first: a song, a picture, then videos (one without a poster: not readable yet)
        when = START + 7 - n
        if n in (0, 5):
            ids.append(add(gui_core, "audio", wav_bytes(0.2), ".wav", "audio/wav", when, duration=95 + n * 40,
                           prompt="lofi beat with rain" if n == 0 else "雨夜钢琴曲", model="suno-v4"))
        elif n == 1:
            ids.append(add_picture(gui_core, when, colours[n], "a lighthouse at dusk, oil painting"))
        elif n == 6:
            ids.append(add(gui_core, "video", b"\x00\x00\x00\x18ftypmp42" + bytes(64), ".mp4", "video/mp4", when,
                           duration=8, prompt=videos[n % 6], model="sora-2"))
        else:
            ids.append(add(gui_core, "video", mp4_bytes(seconds=1), ".mp4", "video/mp4", when,
                           duration=[5, 10, 4.6, 62][n % 4], prompt=videos[n % 6], model="kling-v2",
                           poster=None if n == 7 else poster_png(colours[n % 6], [(160, 90), (90, 160)][n % 2])))
    gui_core.gallery.toggle_favorite(ids[0])
    translators = install_translators(qapp, language)
    style, palette = qapp.style().name(), qapp.palette()
    apply_theme(qapp, theme)
    try:
        tab = make_gallery_tab((4 * GRID.width() + 40, 2 * GRID.height() + 64))
        model = tab.vm.list_model
        pictured = [i for n, i in enumerate(ids) if n not in (0, 5, 6, 7)]
        last = gui_core.gallery.get(ids[7])
        if gui_core.gallery.thumbnails.get_or_make(last.id, last.path, THUMBNAIL_SIZE) is not None:
            pictured.append(last.id)  # the cache's own poster of a real MP4 (PyAV, a frame near 1 s)
        run_until(lambda: all_fetched(model) and all(tab.thumbnail_of(model.row_of(i)) is not None
                                                     for i in pictured), message="posters decoded")
        tab.view.setCurrentIndex(QModelIndex())
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shot = ARTIFACTS / f"gallery-video-cells-{language}-{theme}.png"
        assert tab.grab().save(str(shot))
        assert shot.stat().st_size > 10_000
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)  # type: ignore[arg-type]
        qapp.setStyle(style)
        qapp.setPalette(palette)
