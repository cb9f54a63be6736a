"""Sounds in the Gallery tab over a real library: a song's cell shows its cover (the picture of its job with
the same clip id) or else its waveform, made once and cached on disk; a cover saved after its song
replaces the waveform; the cell's caption is the song's title and its badge the duration; "Transcribe"
(sounds and videos) and "Extend" (Suno clips) are offered where the view-model allows them, in the context
menu and the viewer's details panel, and emit the asset's id; the viewer shows a clip's cover while it plays;
a broken sound shows a placeholder tile."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import studio.gallery.waveform as waveform_module
from studio.gallery.waveform import BACKGROUND
from studio.services.core import StudioCore
from studio.viewmodels.gallery import GalleryListModel
from studio.views.asset_details import GalleryBrowser
from studio.views.gallery_tab import THUMBNAIL_SIZE, GalleryTab
from studio.views.media_viewer import MediaViewer
from tests.gui.conftest import Runner
from tests.gui.test_gallery_video import START, add, cell_image, colour, picture_rect, poster_png
from tests.support.media import mp4_bytes
from tests.support.songs import song_bytes

ROLE = GalleryListModel
#: the threads the waveforms were decoded in (`counted`)
THREADS: list[threading.Thread] = []


def add_song(core: StudioCore, when: float, *, job_id: str | None = None, clip_id: str = "", title: str = "",
             family: str = "suno", data: bytes | None = None, duration: float = 205.0, profile: str = "",
             tags: str = "") -> str:
    store = core.gallery
    asset_id = store.new_id()
    path = store.new_path(asset_id, ".mp3", when=when)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(song_bytes(seconds=4.0) if data is None else data)
    metadata = {"family": family, **({"clip_id": clip_id} if clip_id else {}), **({"title": title} if title else {}),
                **({"tags": tags} if tags else {})}
    store.add(path=path, kind="audio", mime="audio/mpeg", prompt="a synthwave night drive", model="chirp-v4",
              profile=profile, asset_id=asset_id, created_at=when, duration=duration, job_id=job_id,
              result_index=0 if job_id else None, metadata=metadata)
    return asset_id


def add_cover(core: StudioCore, when: float, job_id: str, clip_id: str, hue: str = "#d35400") -> str:
    store = core.gallery
    asset_id = store.new_id()
    path = store.new_path(asset_id, ".png", when=when)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(poster_png(hue, (200, 200)))
    store.add(path=path, kind="image", mime="image/png", prompt="cover", asset_id=asset_id, created_at=when,
              job_id=job_id, result_index=1, metadata={"family": "suno", "clip_id": clip_id})
    return asset_id


def ready(tab: GalleryTab, *asset_ids: str) -> bool:
    model = tab.vm.list_model
    return all((row := model.row_of(i)) is not None and model.is_fetched(row) and tab.thumbnail_of(row) is not None
               for i in asset_ids)


def centre_colour(tab: GalleryTab, asset_id: str) -> str:
    shot = cell_image(tab, asset_id)
    square = picture_rect(shot, THUMBNAIL_SIZE, THUMBNAIL_SIZE)
    return colour(shot, square.right() - 30, square.top() + 30).name()


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The paths `make_waveform` decoded; each decode also asserts it runs off the UI thread."""
    calls: list[str] = []
    real = waveform_module.make_waveform

    def counting(path, size=160):  # type: ignore[no-untyped-def]
        calls.append(str(path))
        THREADS.append(threading.current_thread())
        return real(path, size)

    monkeypatch.setattr(waveform_module, "make_waveform", counting)
    THREADS.clear()
    yield calls
    THREADS.clear()


def test_a_song_without_a_cover_shows_its_waveform_made_once(gui_core: StudioCore, make_gallery_tab,  # type: ignore[no-untyped-def]
                                                             run_until: Runner, counted: list[str]) -> None:
    song = add_song(gui_core, START, job_id="job-a", clip_id="clip-1", title="Night Drive")
    tab = make_gallery_tab()
    run_until(lambda: ready(tab, song), message="the waveform decoded")
    tab.view.viewport().repaint()
    assert centre_colour(tab, song) == "#{:02x}{:02x}{:02x}".format(*BACKGROUND)  # the tile, not the note
    cached = gui_core.gallery.thumbnails.path_for(song, THUMBNAIL_SIZE)
    assert cached.is_file() and len(counted) == 1
    second = make_gallery_tab()  # a new session's gallery reads the cached file
    run_until(lambda: ready(second, song))
    assert len(counted) == 1
    (decoder,) = THREADS  # in the thumbnail pool's worker, never on the UI thread
    assert decoder is not threading.main_thread() and decoder.name.startswith("studio-thumbs")


def test_a_clips_cover_is_its_thumbnail_even_when_saved_after_it(gui_core: StudioCore, make_gallery_tab,  # type: ignore[no-untyped-def]
                                                                  run_until: Runner) -> None:
    with_cover = add_song(gui_core, START, job_id="job-b", clip_id="clip-1", title="First Light")
    cover = add_cover(gui_core, START + 1, "job-b", "clip-1")
    add_cover(gui_core, START + 2, "job-b", "clip-2", hue="#27ae60")  # the other clip's cover
    late = add_song(gui_core, START + 3, job_id="job-c", clip_id="clip-9", title="Late Cover")
    tab = make_gallery_tab()
    run_until(lambda: ready(tab, with_cover, cover, late))
    tab.view.viewport().repaint()
    assert centre_colour(tab, with_cover) == "#d35400"
    assert centre_colour(tab, late) == "#{:02x}{:02x}{:02x}".format(*BACKGROUND)  # no cover yet: its waveform
    arrived = add_cover(gui_core, START + 4, "job-c", "clip-9", hue="#8e44ad")
    tab.vm.assetAdded(arrived)
    run_until(lambda: ready(tab, arrived, late) and centre_colour(tab, late) == "#8e44ad",
              message="the late cover replaced the waveform")


def test_caption_badge_and_tooltip(gui_core: StudioCore, make_gallery_tab, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    titled = add_song(gui_core, START, job_id="job-d", clip_id="c1", title="Neon Rain", duration=205.4)
    plain = add_song(gui_core, START + 1, family="speech", duration=3723)
    tab = make_gallery_tab()
    model = tab.vm.list_model
    run_until(lambda: ready(tab, titled, plain))
    tab.view.viewport().repaint()
    assert model.index(model.row_of(titled)).data() == "Neon Rain"  # the title, not the prompt
    assert model.index(model.row_of(titled)).data(ROLE.CellRole)[3] == "Neon Rain"
    assert model.index(model.row_of(plain)).data() == "a synthwave night drive"
    assert "<b>Neon Rain</b><br>a synthwave night drive" in model.index(model.row_of(titled)).data(
        Qt.ItemDataRole.ToolTipRole)
    assert {"3:25", "1:02:03"} <= set(tab.delegate._badges)
    tip = model.index(model.row_of(plain)).data(Qt.ItemDataRole.ToolTipRole)
    assert " · 1:02:03 · " in tip and "3723" not in tip  # the length as the badge says it
    shot = cell_image(tab, titled)
    square = picture_rect(shot, THUMBNAIL_SIZE, THUMBNAIL_SIZE)
    assert colour(shot, square.left() + 19, square.top() + 147).lightness() > 200  # the white note mark
    assert colour(shot, square.right() - 8, square.bottom() - 5).lightness() < 60  # the badge


def test_a_broken_sound_shows_a_placeholder_tile(gui_core: StudioCore, make_gallery_tab,  # type: ignore[no-untyped-def]
                                                 run_until: Runner) -> None:
    broken = add_song(gui_core, START, data=b"ID3" + bytes(200), duration=1.0)
    empty = add_song(gui_core, START + 1, data=b"", duration=1.0)
    tab = make_gallery_tab()
    run_until(lambda: ready(tab, broken, empty))
    assert not gui_core.gallery.thumbnails.path_for(broken, THUMBNAIL_SIZE).exists()  # only a mark: tried if it changes
    assert tab.banner.text == ""


def test_transcribe_and_extend_only_where_allowed(gui_core: StudioCore, make_gallery_tab,  # type: ignore[no-untyped-def]
                                                  run_until: Runner) -> None:
    clip = add_song(gui_core, START, job_id="job-e", clip_id="clip-e", title="Extend Me")
    speech = add_song(gui_core, START + 1, family="speech")  # a sound, but no Suno clip
    video = add(gui_core, "video", mp4_bytes(seconds=1, audio=True), ".mp4", "video/mp4", START + 2, duration=1)
    picture = add(gui_core, "image", poster_png("#3a7bd5", (120, 120)), ".png", "image/png", START + 3)
    tab = make_gallery_tab()
    vm = tab.vm
    model = vm.list_model
    run_until(lambda: all(model.is_fetched(r) for r in range(model.rowCount())) and model.rowCount() == 4)
    transcribed: list[str] = []
    extended: list[str] = []
    vm.transcribe_requested.connect(transcribed.append)
    vm.extend_requested.connect(extended.append)

    def menu_actions(asset_id: str) -> dict[str, bool]:
        menu = tab.build_menu(model.index(model.row_of(asset_id)))
        return {a.objectName(): a.isEnabled() for a in menu.actions()
                if a.objectName() in ("galleryTranscribeAction", "galleryExtendAction")}

    rerun = next(a for a in tab.build_menu(model.index(model.row_of(clip))).actions()
                 if a.objectName() == "galleryRerunAction")
    assert not rerun.isEnabled()  # a song is re-run from the Music tab, as the viewer's panel says

    assert menu_actions(clip) == {"galleryTranscribeAction": True, "galleryExtendAction": True}
    assert menu_actions(speech) == {"galleryTranscribeAction": True, "galleryExtendAction": False}
    assert menu_actions(video) == {"galleryTranscribeAction": True, "galleryExtendAction": False}
    assert menu_actions(picture) == {"galleryTranscribeAction": False, "galleryExtendAction": False}

    def listed(asset_id: str) -> list[str]:  # what the menu shows: none that never applies to that kind
        menu = tab.build_menu(model.index(model.row_of(asset_id)))
        return [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()]

    assert listed(clip) == ["Play", "Favorite", "Transcribe", "Extend", "Open folder", "Edit tags…", "Delete…"]
    assert listed(video) == ["Play", "Favorite", "Re-run", "Transcribe", "Open folder", "Edit tags…", "Delete…"]
    assert listed(picture) == ["View", "Favorite", "Re-run prompt", "Animate", "Use as reference", "Open folder",
                               "Edit tags…", "Delete…"]

    menu = tab.build_menu(model.index(model.row_of(clip)))
    next(a for a in menu.actions() if a.objectName() == "galleryExtendAction").trigger()
    next(a for a in menu.actions() if a.objectName() == "galleryTranscribeAction").trigger()
    menu = tab.build_menu(model.index(model.row_of(video)))
    next(a for a in menu.actions() if a.objectName() == "galleryTranscribeAction").trigger()
    assert extended == [clip] and transcribed == [clip, video]

    vm.extend(speech)  # the rule holds however it is asked
    vm.transcribe(picture)
    run_until(lambda: "Suno" in tab.banner.text or "transcribed" in tab.banner.text)
    assert extended == [clip] and transcribed == [clip, video]


def test_the_viewer_offers_transcribe_and_extend(gui_core: StudioCore, make_gallery_tab,  # type: ignore[no-untyped-def]
                                                 run_until: Runner) -> None:
    clip = add_song(gui_core, START, job_id="job-f", clip_id="clip-f", title="Viewer Song",
                    tags="synthwave, night drive")
    speech = add_song(gui_core, START + 1, family="speech")
    add_cover(gui_core, START + 2, "job-f", "clip-f")
    tab = make_gallery_tab()
    vm = tab.vm
    run_until(lambda: vm.list_model.rowCount() == 3 and all(vm.list_model.is_fetched(r) for r in range(3)))
    extended: list[str] = []
    transcribed: list[str] = []
    vm.extend_requested.connect(extended.append)
    vm.transcribe_requested.connect(transcribed.append)
    viewer = MediaViewer(gui_core.gallery.get(clip).path, tab, gallery=vm, asset_id=clip, autoplay=False)
    try:
        browser = viewer.browser
        assert isinstance(browser, GalleryBrowser)
        run_until(lambda: browser.asset is not None)
        poster = viewer.player.poster
        run_until(lambda: not poster.image.isNull() and poster.image.pixelColor(150, 20).name() == "#d35400",
                  message="the clip's cover in the player instead of the note")
        panel = browser.panel
        assert not panel.transcribe_button.isHidden() and not panel.extend_button.isHidden()
        assert panel.value("title") == "Viewer Song" and panel.value("duration") == "3:25"
        assert panel.value("style") == "synthwave, night drive"  # the style it was made in, beside its title
        assert panel.rerun_button.isHidden()  # never applies to a sound: not offered greyed
        panel.extend_button.click()
        assert extended == [clip]
        browser._set_asset(gui_core.gallery.get(speech))
        assert not panel.transcribe_button.isHidden() and panel.extend_button.isHidden()
        assert panel.value("title") == "" and panel.value("style") == ""
        panel.transcribe_button.click()
        assert transcribed == [speech]
    finally:
        viewer.close()
        viewer.deleteLater()
        QApplication.processEvents()


def _add_part(core: StudioCore, when: float, job_id: str, clip_id: str, kind: str, index: int) -> str:
    """A song's cover or clip video as the Suno handler saves it: marked by its role."""
    store = core.gallery
    asset_id = store.new_id()
    suffix, mime, data = ((".png", "image/png", poster_png("#d35400", (200, 200))) if kind == "image"
                          else (".mp4", "video/mp4", mp4_bytes()))
    path = store.new_path(asset_id, suffix, when=when)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    role = "cover" if kind == "image" else "clip-video"
    store.add(path=path, kind=kind, mime=mime, prompt="a synthwave night drive", asset_id=asset_id, created_at=when,
              job_id=job_id, result_index=index, metadata={"family": "suno", "clip_id": clip_id, "role": role})
    return asset_id


def test_a_songs_cover_and_video_show_through_its_cell_and_go_with_it(gui_core: StudioCore, make_gallery_tab,  # type: ignore[no-untyped-def]
                                                                       run_until: Runner,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    song = add_song(gui_core, START, job_id="job-r", clip_id="clip-r", title="Night Drive", profile="Home relay")
    cover = _add_part(gui_core, START + 1, "job-r", "clip-r", "image", 1)
    video = _add_part(gui_core, START + 2, "job-r", "clip-r", "video", 2)
    tab = make_gallery_tab()
    vm, model = tab.vm, tab.vm.list_model
    run_until(lambda: ready(tab, song))
    assert model.asset_ids() == [song] and centre_colour(tab, song) == "#d35400"  # one cell, with the cover
    picker = tab.kind_picker
    picker.setCurrentIndex(picker.findData("extras"))
    run_until(lambda: model.asset_ids() == [video, cover])
    assert picker.currentText() == "Song covers and videos"
    run_until(lambda: all(model.is_fetched(r) for r in range(2)))
    labels = [model.index(r).data(GalleryListModel.CellRole)[3] for r in range(2)]
    assert labels == ["Night Drive", "Night Drive"]  # named by their song's title, not its prompt
    vm.assetAdded(song)  # a song saved while the covers are listed does not join them
    picker.setCurrentIndex(picker.findData(""))
    run_until(lambda: model.asset_ids() == [song])

    viewer = tab.open_player(str(gui_core.gallery.get(song).path), "audio", asset_id=song)
    try:  # the viewer offers the clip's video, and back; its length is the gallery's (the badge's), 3:25
        assert isinstance(viewer, MediaViewer) and viewer.player.duration == 205.0
        button = viewer.video_button
        run_until(lambda: not button.isHidden(), message="the clip's video offered")
        panel = viewer.browser.panel  # type: ignore[union-attr]
        assert panel.value("relay") == "Home relay" and "job-r" not in panel.value("relay")  # no internal id
        assert button.text() == "Play its video"
        button.click()
        assert viewer.player.path == gui_core.gallery.get(video).path and button.text() == "Play the song"
        button.click()
        assert viewer.player.path == gui_core.gallery.get(song).path and button.text() == "Play its video"
    finally:
        viewer.close()
        viewer.deleteLater()
        QApplication.processEvents()

    asked: list[tuple[str, set[str]]] = []
    monkeypatch.setattr(tab, "confirm_delete_song", lambda prompt, kinds: asked.append((prompt, kinds)) or (True, True))
    delete = next(a for a in tab.build_menu(model.index(0)).actions() if a.objectName() == "galleryDeleteAction")
    paths = [gui_core.gallery.get(i).path for i in (song, cover, video)]
    delete.trigger()
    run_until(lambda: gui_core.gallery.get(video) is None and model.rowCount() == 0)
    assert asked == [("a synthwave night drive", {"image", "video"})]
    assert gui_core.gallery.get(song) is None and gui_core.gallery.get(cover) is None
    assert not any(p.exists() for p in paths)
