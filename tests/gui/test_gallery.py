"""The Gallery tab over a real library (real PNG files in `core.gallery`): newest first, debounced search,
filters, thumbnails made once and kept on disk, actions, lazy paging with thousands of assets, the image
viewer, and a screenshot of the grid for a person to look at."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication

import studio.gallery.thumbnails as thumbnails
from studio.services.core import StudioCore
from studio.viewmodels.gallery import PAGE_SIZE, GalleryListModel
from studio.views.gallery_tab import GalleryTab
from studio.views.image_viewer import ImageViewer
from tests.conftest import ROOT
from tests.gui.conftest import Runner

ARTIFACTS = ROOT / "tests" / "artifacts"
START = 1_700_000_000.0
HUES = ["#e4572e", "#17bebb", "#ffc914", "#2e282a", "#76b041", "#6a4c93", "#1982c4", "#ff595e",
        "#8ac926", "#ff924c", "#52a675", "#4267ac"]
ROLE = GalleryListModel


def seed_png(path: Path, n: int, size: tuple[int, int] = (96, 72)) -> Path:
    """A small real picture, different for each `n` (a colour, a shape, a stripe)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, HUES[n % len(HUES)])
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.ellipse((w * 0.2, h * 0.2, w * 0.6, h * 0.8), fill=HUES[(n + 5) % len(HUES)])
    draw.rectangle((0, h * (n % 4) / 4, w, h * (n % 4) / 4 + 6), fill="white")
    image.save(path, "PNG")
    return path


def add_images(core: StudioCore, count: int, *, prompt: str = "picture {i}", model: str = "gpt-image-1",
               kind: str = "image", start: float = START, distinct: int | None = None,
               sizes: tuple[tuple[int, int], ...] = ((96, 72),)) -> list[str]:
    """`count` assets, each its own file under `new_path` and its own row, created one second apart
    (so the newest is the last one added). `distinct` reuses that many pictures by hard links."""
    store = core.gallery
    seeds: list[Path] = []
    if distinct:
        seeds = [seed_png(core.paths.root / "seeds" / f"{kind}-{start}-{n}.png", n, sizes[n % len(sizes)])
                 for n in range(distinct)]
    ids = []
    for i in range(count):
        asset_id = store.new_id()
        when = start + i
        if kind == "image":
            path = store.new_path(asset_id, ".png", when=when)
            if seeds:
                path.parent.mkdir(parents=True, exist_ok=True)
                os.link(seeds[i % len(seeds)], path)
            else:
                seed_png(path, i)
            mime = "image/png"
        else:
            path = store.new_path(asset_id, ".mp4" if kind == "video" else ".mp3", when=when)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(64) if kind == "video" else b"ID3" + bytes(64))
            mime = "video/mp4" if kind == "video" else "audio/mpeg"
        store.add(path=path, kind=kind, mime=mime, prompt=prompt.format(i=i), model=model, asset_id=asset_id,
                  created_at=when)
        ids.append(asset_id)
    return ids


@pytest.fixture
def make_tab(make_gallery_tab: Callable[..., GalleryTab]) -> Callable[..., GalleryTab]:
    """Gallery tabs of 1000×700 unless told otherwise."""
    return lambda size=(1000, 700): make_gallery_tab(size)


def ids_of(model: GalleryListModel) -> list[str]:
    return model.asset_ids()


def all_fetched(model: GalleryListModel, rows: range | list[int]) -> bool:
    return all(model.is_fetched(r) for r in rows)


def thumbnails_ready(tab: GalleryTab) -> bool:
    """Every picture on screen shows its thumbnail (videos and songs keep their placeholder): the model
    holds its bytes and the view has decoded them into the pixmap the cell paints."""
    model = tab.vm.list_model
    rows = tab.visible_rows()
    return bool(rows) and all(model.is_fetched(r) and (model.index(r).data(ROLE.KindRole) != "image"
                                                       or (model.index(r).data(ROLE.ThumbnailReadyRole)
                                                           and tab.thumbnail_of(r) is not None))
                              for r in rows)


def test_newest_first_with_roles_and_count(gui_core: StudioCore, make_tab, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    ids = add_images(gui_core, 50, prompt="a red fox number {i} in the snow")
    tab = make_tab()
    model = tab.vm.list_model
    run_until(lambda: model.rowCount() == 50 and model.is_fetched(0), message="first page")
    assert ids_of(model) == ids[::-1]
    top = model.index(0)
    assert top.data(ROLE.AssetIdRole) == ids[-1]
    assert top.data(Qt.ItemDataRole.DisplayRole) == "a red fox number 49 in the snow"
    assert top.data(ROLE.PromptRole) == "a red fox number 49 in the snow"
    assert top.data(ROLE.ModelRole) == "gpt-image-1"
    assert top.data(ROLE.KindRole) == "image"
    assert top.data(ROLE.FavoriteRole) is False
    assert Path(top.data(ROLE.PathRole)).is_file()
    tip = top.data(Qt.ItemDataRole.ToolTipRole)
    assert "red fox number 49" in tip and "gpt-image-1" in tip and "96 × 72" in tip
    assert tab.count_label.text() == "50 item(s)"
    assert tab.pages.currentWidget() is tab.view
    assert [tab.model_picker.itemData(i) for i in range(tab.model_picker.count())] == ["", "gpt-image-1"]


def test_search_is_debounced_and_narrows(gui_core: StudioCore, make_tab, run_until: Runner, qtbot) -> None:  # type: ignore[no-untyped-def]
    add_images(gui_core, 30, prompt="a dog on a beach {i}")
    cats = add_images(gui_core, 5, prompt="猫 a cat on a mat {i}", start=START + 100)
    tab = make_tab()
    model = tab.vm.list_model
    run_until(lambda: model.rowCount() == 35)
    calls: list[int] = []
    tab.vm.countChanged.connect(calls.append)
    for prefix in ("c", "ca", "cat"):  # typing: one query after the pause, not one per key
        tab.search.setText(prefix)
    assert model.rowCount() == 35  # nothing yet: the debounce holds it
    run_until(lambda: model.rowCount() == 5, message="search applied")
    assert set(ids_of(model)) == set(cats)
    assert calls == [5]
    tab.search.setText("猫")  # a one-character Chinese term goes through LIKE
    run_until(lambda: tab.vm.search == "猫")
    run_until(lambda: model.rowCount() == 5)
    tab.search.setText("zebra")
    run_until(lambda: model.rowCount() == 0)
    assert tab.pages.currentWidget() is tab.empty
    assert "Nothing matches" in tab.empty.text()
    tab.search.clear()
    run_until(lambda: model.rowCount() == 35)
    assert tab.pages.currentWidget() is tab.view


def test_kind_model_and_favorite_filters(gui_core: StudioCore, make_tab, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    images = add_images(gui_core, 10, model="flux-dev")
    videos = add_images(gui_core, 3, kind="video", model="sora-2", start=START + 50)
    songs = add_images(gui_core, 2, kind="audio", model="suno-v4", start=START + 80)
    tab = make_tab()
    vm, model = tab.vm, tab.vm.list_model
    run_until(lambda: model.rowCount() == 15)
    assert tab.model_picker.count() == 4  # all + three models

    tab.kind_picker.setCurrentIndex(tab.kind_picker.findData("video"))
    run_until(lambda: model.rowCount() == 3)
    assert set(ids_of(model)) == set(videos)
    run_until(lambda: all_fetched(model, range(3)))
    assert model.index(0).data(ROLE.KindRole) == "video"
    assert not model.index(0).data(ROLE.ThumbnailReadyRole)  # videos keep their placeholder
    tab.kind_picker.setCurrentIndex(tab.kind_picker.findData("audio"))
    run_until(lambda: set(ids_of(model)) == set(songs))
    tab.kind_picker.setCurrentIndex(0)
    tab.model_picker.setCurrentIndex(tab.model_picker.findData("flux-dev"))
    run_until(lambda: set(ids_of(model)) == set(images))
    tab.model_picker.setCurrentIndex(0)
    run_until(lambda: model.rowCount() == 15)

    vm.toggleFavorite(images[2])
    vm.toggleFavorite(videos[0])
    run_until(lambda: all_fetched(model, range(15)) and model.index(model.row_of(images[2])).data(ROLE.FavoriteRole))
    tab.favorites_toggle.setChecked(True)
    run_until(lambda: model.rowCount() == 2)
    assert set(ids_of(model)) == {images[2], videos[0]}
    vm.toggleFavorite(videos[0])  # no longer a favourite: it leaves this filtered list
    run_until(lambda: model.rowCount() == 1)
    assert tab.count_label.text() == "1 item(s)"
    assert gui_core.gallery.get(videos[0]).favorite is False


def test_thumbnails_arrive_and_are_cached_on_disk(gui_core: StudioCore, make_tab, run_until: Runner,  # type: ignore[no-untyped-def]
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    ids = add_images(gui_core, 50)
    tab = make_tab()
    model = tab.vm.list_model
    run_until(lambda: model.rowCount() == 50)
    run_until(lambda: thumbnails_ready(tab), message="thumbnails of the first screen")
    visible = tab.visible_rows()
    assert 8 <= len(visible) < 50  # only what is on screen was decoded
    pixmap = tab.thumbnail_of(0)  # what the delegate paints for the row (decoded by the view)
    assert isinstance(pixmap, QPixmap) and not pixmap.isNull()
    assert (pixmap.width(), pixmap.height()) == (96, 72)  # the picture itself, not the 160 px placeholder
    assert tab.delegate.pixmaps.decoded <= model.thumbnails_loaded  # decoded only what the model loaded
    cache = gui_core.gallery.thumbnails
    on_disk = [i for i in ids if cache.path_for(i, 160).is_file()]
    assert len(on_disk) >= len(visible)
    assert model.thumbnails_loaded <= len(on_disk)
    assert not list(cache.directory.rglob("*.tmp"))

    made: list[object] = []
    monkeypatch.setattr(thumbnails, "make_thumbnail", lambda *a, **k: made.append(a))  # Pillow must not run
    again = make_tab()
    run_until(lambda: again.vm.list_model.rowCount() == 50)
    run_until(lambda: thumbnails_ready(again), message="thumbnails from the disk cache")
    assert made == []


def test_the_model_hands_out_data_and_the_view_paints(gui_core: StudioCore, make_tab, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    """`CellRole` is plain data (id, kind, PNG bytes or None, label, favourite, duration); pixmaps, placeholders and
    decoding are the view's, and the view-model module imports nothing that paints or decodes."""
    import ast

    import studio.viewmodels.gallery as gallery_vm

    (video,) = add_images(gui_core, 1, kind="video", prompt="waves at dusk")
    (image,) = add_images(gui_core, 1, prompt="a lighthouse", start=START + 10)
    tab = make_tab()
    model = tab.vm.list_model
    run_until(lambda: model.rowCount() == 2 and thumbnails_ready(tab))
    image_row, video_row = model.row_of(image), model.row_of(video)
    asset_id, kind, thumbnail, label, favorite, duration = model.index(image_row).data(ROLE.CellRole)
    assert (asset_id, kind, label, favorite, duration) == (image, "image", "a lighthouse", False, None)
    assert isinstance(thumbnail, bytes) and thumbnail.startswith(b"\x89PNG\r\n\x1a\n")
    assert model.index(video_row).data(ROLE.CellRole) == (video, "video", None, "waves at dusk", False, None)
    assert model.index(image_row).data(Qt.ItemDataRole.DecorationRole) is None
    assert tab.thumbnail_of(video_row) is None  # the view paints the video's placeholder
    assert tab.thumbnail_of(image_row).size().toTuple() == (96, 72)
    imported = {alias.name for node in ast.walk(ast.parse(Path(gallery_vm.__file__).read_text(encoding="utf-8")))
                if isinstance(node, ast.ImportFrom) and node.module == "PySide6.QtGui" for alias in node.names}
    assert imported == set()


def test_actions_carry_the_right_values(gui_core: StudioCore, make_tab, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    (video,) = add_images(gui_core, 1, kind="video", model="sora-2", prompt="waves at dusk")
    (image,) = add_images(gui_core, 1, model="gpt-image-1", prompt="a lighthouse, oil painting", start=START + 10)
    tab = make_tab()
    vm = tab.vm
    run_until(lambda: vm.list_model.rowCount() == 2)
    seen: list[tuple[str, ...]] = []
    vm.rerunRequested.connect(lambda prompt, model: seen.append(("rerun", prompt, model)))
    vm.referenceRequested.connect(lambda path: seen.append(("reference", path)))
    vm.viewRequested.connect(lambda path: seen.append(("view", path)))
    vm.revealRequested.connect(lambda path: seen.append(("reveal", path)))
    vm.openRequested.disconnect(tab.open_asset)  # no window from this test
    vm.revealRequested.disconnect(tab.reveal)  # nor a file manager
    path = str(gui_core.gallery.get(image).path)
    for action in (vm.rerun, vm.useAsReference, vm.view, vm.openFolder):
        action(image)  # works before the row's page is fetched too
    run_until(lambda: len(seen) == 4)
    assert sorted(seen) == sorted([("rerun", "a lighthouse, oil painting", "gpt-image-1"), ("reference", path),
                                   ("view", path), ("reveal", path)])
    vm.useAsReference(video)
    run_until(lambda: tab.banner.text != "")
    assert "Only images" in tab.banner.text
    assert len(seen) == 4

    run_until(lambda: all_fetched(vm.list_model, range(2)))
    menu = tab.build_menu(vm.list_model.index(vm.list_model.row_of(video)))
    names = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert names == ["Play", "Favorite", "Re-run", "Animate", "Use as reference", "Transcribe", "Extend",
                     "Open folder", "Edit tags…", "Delete…"]
    for name in ("galleryReferenceAction", "galleryAnimateAction", "galleryRerunAction",  # (no job made it)
                 "galleryExtendAction"):  # (not a song)
        assert not next(a for a in menu.actions() if a.objectName() == name).isEnabled()
    assert next(a for a in menu.actions() if a.objectName() == "galleryTranscribeAction").isEnabled()
    next(a for a in menu.actions() if a.objectName() == "galleryFavoriteAction").trigger()
    row = vm.list_model.row_of(video)
    run_until(lambda: vm.list_model.index(row).data(ROLE.FavoriteRole) is True)
    menu = tab.build_menu(vm.list_model.index(row))
    assert "Unfavorite" in [a.text() for a in menu.actions()]


def test_delete_asks_then_removes_row_and_file(gui_core: StudioCore, make_tab, run_until: Runner,  # type: ignore[no-untyped-def]
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    ids = add_images(gui_core, 5)
    tab = make_tab()
    model = tab.vm.list_model
    run_until(lambda: model.rowCount() == 5 and thumbnails_ready(tab))
    victim = ids[-1]  # newest: row 0
    path = gui_core.gallery.get(victim).path
    thumb = gui_core.gallery.thumbnails.path_for(victim, 160)
    assert thumb.is_file()
    answers = [False, True]
    asked: list[str] = []
    monkeypatch.setattr(tab, "confirm_delete", lambda prompt: asked.append(prompt) or answers.pop(0))

    delete = next(a for a in tab.build_menu(model.index(0)).actions() if a.objectName() == "galleryDeleteAction")
    delete.trigger()  # "No"
    assert asked == ["picture 4"] and model.rowCount() == 5 and path.exists()
    tab.view.setCurrentIndex(model.index(0))
    tab.delete_selected()  # the Delete key: "Yes"
    run_until(lambda: model.rowCount() == 4)
    assert victim not in ids_of(model)
    assert not path.exists() and not thumb.exists()
    assert gui_core.gallery.get(victim) is None
    assert tab.count_label.text() == "4 item(s)"


def test_new_results_appear_at_the_top(gui_core: StudioCore, make_tab, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    add_images(gui_core, 3)
    tab = make_tab()
    vm, model = tab.vm, tab.vm.list_model
    run_until(lambda: model.rowCount() == 3)
    (fresh,) = add_images(gui_core, 1, model="dall-e-3", start=START + 1000)
    vm.assetAdded(fresh)
    run_until(lambda: model.rowCount() == 4)
    assert ids_of(model)[0] == fresh
    run_until(lambda: tab.model_picker.findData("dall-e-3") > 0, message="new model listed")
    vm.assetAdded(fresh)  # a second report of the same asset changes nothing
    tab.kind_picker.setCurrentIndex(tab.kind_picker.findData("video"))
    run_until(lambda: model.rowCount() == 0)
    (other,) = add_images(gui_core, 1, start=START + 2000)
    vm.assetAdded(other)  # an image while showing videos: not listed
    tab.kind_picker.setCurrentIndex(0)
    run_until(lambda: model.rowCount() == 5)
    assert ids_of(model)[:2] == [other, fresh]


def test_two_thousand_assets_open_with_a_page_or_two(gui_core: StudioCore, make_tab, run_until: Runner,  # type: ignore[no-untyped-def]
                                                     loop) -> None:
    add_images(gui_core, 2000, distinct=6, prompt="batch item {i}")
    store = gui_core.gallery
    calls: list[int] = []
    real = store.get_many
    store.get_many = lambda ids: calls.append(len(ids)) or real(ids)  # type: ignore[method-assign]
    tab = make_tab()
    model = tab.vm.list_model
    run_until(lambda: model.rowCount() == 2000 and thumbnails_ready(tab), message="first screen")
    loop.run_until_complete(asyncio.sleep(0.3))  # anything else it would fetch, it has by now
    assert len(calls) <= 2 and sum(calls) <= 2 * PAGE_SIZE
    assert model.rows_fetched <= 2 * PAGE_SIZE
    bar = tab.view.verticalScrollBar()
    run_until(lambda: bar.maximum() > 100 * 200, message="laid out")
    bar.setValue(bar.maximum())
    run_until(lambda: model.is_fetched(1999) and thumbnails_ready(tab), message="the end of the list")
    assert len(calls) <= 4  # the last page (and its neighbour), not everything in between


def test_image_viewer_zooms_and_says_what_is_wrong(qtbot, tmp_path: Path, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    picture = seed_png(tmp_path / "big.png", 3, size=(1600, 1200))
    viewer = ImageViewer(picture)
    qtbot.addWidget(viewer)
    viewer.resize(800, 600)
    viewer.show()
    results: list[bool] = []
    viewer.loaded.connect(results.append)
    run_until(lambda: viewer.ready, message="decoded in a worker")
    assert viewer.image_size.width() == 1600
    assert viewer.zoom < 1.0  # fitted into the window on opening
    fitted = viewer.zoom
    qtbot.mouseClick(viewer.actual_button, Qt.MouseButton.LeftButton)
    assert viewer.zoom == 1.0 and "100 %" in viewer.zoom_label.text()
    qtbot.keyClick(viewer, Qt.Key.Key_Plus)
    assert viewer.zoom == pytest.approx(1.25)
    viewer.zoom_out()
    viewer.zoom_out()
    assert viewer.zoom == pytest.approx(0.8)
    qtbot.mouseClick(viewer.fit_button, Qt.MouseButton.LeftButton)
    assert viewer.zoom == pytest.approx(fitted, rel=0.05)
    viewer.set_zoom(1000)
    assert viewer.zoom == 32.0
    assert results == [True]

    missing = ImageViewer(tmp_path / "gone.png")
    qtbot.addWidget(missing)
    missing.show()
    broken_file = tmp_path / "broken.png"
    broken_file.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really" * 10)
    broken = ImageViewer(broken_file)
    qtbot.addWidget(broken)
    broken.show()
    run_until(lambda: "missing" in missing.message.text() and "cannot be shown" in broken.message.text())
    assert missing.pages.currentWidget() is missing.message and not missing.ready
    assert not broken.fit_button.isEnabled()
    missing.zoom_in()  # nothing to zoom: no error either
    closed = ImageViewer(picture)
    closed.close()
    closed.deleteLater()  # decoding finishes after the dialog is gone: nothing happens
    QApplication.processEvents()


def test_view_opens_the_viewer(gui_core: StudioCore, make_tab, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    add_images(gui_core, 3)
    tab = make_tab()
    model = tab.vm.list_model
    run_until(lambda: all_fetched(model, range(3)))
    tab._activated(model.index(1))
    run_until(lambda: any(isinstance(w, ImageViewer) and w.ready for w in QApplication.topLevelWidgets()))
    viewer = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ImageViewer))
    assert viewer.path == Path(model.index(1).data(ROLE.PathRole))
    viewer.close()


def test_screenshot_of_two_hundred(gui_core: StudioCore, make_tab, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    prompts = ["a lighthouse on a cliff at dawn, oil painting with heavy impasto and a stormy sky {i}",
               "猫 sleeping on a windowsill {i}",
               "neon city street in the rain, cinematic {i}", "watercolor fox {i}"]
    ids: list[str] = []
    for n, prompt in enumerate(prompts):
        ids += add_images(gui_core, 49, prompt=prompt, model=["gpt-image-1", "flux-dev"][n % 2],
                          start=START + n * 100, distinct=12,
                          sizes=((320, 240), (240, 320), (300, 300), (400, 225), (512, 512)))
    for asset_id in ids[-10::3]:
        gui_core.gallery.toggle_favorite(asset_id)
    # the newest: a video and a song (placeholders), and prompts too long for a cell
    add_images(gui_core, 2, kind="video", model="sora-2", prompt="drone shot over a glacier {i}", start=START + 500)
    add_images(gui_core, 2, kind="audio", model="suno-v4", prompt="lofi beat with rain {i}", start=START + 510)
    tab = make_tab((1100, 760))
    run_until(lambda: tab.vm.list_model.rowCount() == 200 and thumbnails_ready(tab), message="first screen")
    tab.view.setCurrentIndex(tab.vm.list_model.index(1))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "gallery-200.png"
    assert tab.grab().save(str(shot))
    assert shot.stat().st_size > 10_000
    assert tab.count_label.text() == "200 item(s)"
    assert len(tab.visible_rows()) >= 15


@pytest.fixture(autouse=True)
def _no_leftover_viewers() -> Iterator[None]:
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ImageViewer):
            widget.close()
            widget.deleteLater()


def test_time_filter_and_tags(gui_core, qtbot, run_until) -> None:  # type: ignore[no-untyped-def]
    import time as clock

    from studio.viewmodels.gallery import GalleryListModel, GalleryViewModel

    store = gui_core.gallery
    from PIL import Image

    ids = []
    for index, age_days in enumerate((0, 3, 40)):
        asset_id = store.new_id()
        path = store.new_path(asset_id, ".png")
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (8, 8), (index * 60, 0, 0)).save(path)
        store.add(path=path, kind="image", mime="image/png", prompt=f"picture {index}", asset_id=asset_id,
                  created_at=clock.time() - age_days * 86400)
        ids.append(asset_id)
    vm = GalleryViewModel(gui_core)
    vm.start()
    run_until(lambda: vm.count == len(store.ids()))
    total = vm.count
    vm.setPeriod("week")
    run_until(lambda: vm.count == total - 1)
    vm.setPeriod("")
    run_until(lambda: vm.count == total)
    vm.setTags(ids[2], "autumn, 秋天")
    run_until(lambda: store.get(ids[2]).tags == ("autumn", "秋天"))
    row = next(r for r in range(vm.list_model.rowCount())
               if vm.list_model.index(r, 0).data(GalleryListModel.AssetIdRole) == ids[2])
    run_until(lambda: vm.list_model.index(row, 0).data(GalleryListModel.TagsRole) == "autumn, 秋天")
