"""The Gallery's viewer over a real library: ← and → walk the grid's current filter and stop at its ends, a
video hands over to the player in the same place, the details panel shows the asset's fields, Copy image
and Copy prompt fill the clipboard (with a note), "Save as…" writes the file in a worker, Re-run goes back
to a tab."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog

import studio.views.player as player_module
from studio.services.core import StudioCore
from studio.views.gallery_tab import GalleryTab
from studio.views.image_viewer import ImageViewer
from studio.views.media_viewer import MediaViewer
from tests.gui.conftest import Runner
from tests.gui.test_gallery import START, add_images, all_fetched
from tests.support.media import mp4_bytes


@pytest.fixture(autouse=True)
def _no_leftover_viewers() -> Iterator[None]:
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, (ImageViewer, MediaViewer)):
            widget.close()
            widget.deleteLater()
    QApplication.processEvents()


def viewers(kind: type) -> list[QApplication]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def open_row(tab: GalleryTab, row: int, run_until: Runner, kind: type = ImageViewer) -> ImageViewer:
    """Double-click the row's cell and wait until its viewer shows the picture, its details and both
    neighbours' answers."""
    tab._activated(tab.vm.list_model.index(row))
    run_until(lambda: len(viewers(kind)) == 1, message="the viewer opened")
    viewer = viewers(kind)[0]
    settle(viewer, run_until)
    return viewer  # type: ignore[no-any-return]


def settle(viewer: ImageViewer, run_until: Runner) -> None:
    browser = viewer.browser
    assert browser is not None
    run_until(lambda: browser.asset is not None and len(browser._neighbours) == 2
              and (not isinstance(viewer, ImageViewer) or viewer.ready), message="the viewer settled")


@pytest.fixture
def make_tab(make_gallery_tab: Callable[..., GalleryTab]) -> Callable[[], GalleryTab]:
    """A Gallery tab opened on the library seeded so far."""
    return lambda: make_gallery_tab(size=(900, 600))


def test_arrow_keys_walk_the_filters_order_and_stop_at_the_ends(gui_core: StudioCore, make_gallery_tab,  # type: ignore[no-untyped-def]
                                                                run_until: Runner, qtbot) -> None:
    shown = add_images(gui_core, 3, model="gpt-image-1", prompt="kept {i}")
    add_images(gui_core, 3, model="dall-e-3", prompt="filtered out {i}", start=START + 100)
    tab = make_gallery_tab(size=(900, 600))
    vm = tab.vm
    run_until(lambda: vm.list_model.rowCount() == 6)
    vm.setModelFilter("gpt-image-1")
    run_until(lambda: vm.list_model.rowCount() == 3)
    order = vm.list_model.asset_ids()
    assert order == list(reversed(shown))  # newest first
    paths = {asset_id: gui_core.gallery.get(asset_id).path for asset_id in order}

    viewer = open_row(tab, 0, run_until)
    browser = viewer.browser
    assert browser is not None and viewer.path == paths[order[0]]
    assert browser.position_label.text() == "1 / 3"
    assert not browser.previous_button.isEnabled() and browser.next_button.isEnabled()
    qtbot.keyClick(viewer, Qt.Key.Key_Left)  # at the start: nothing happens
    QApplication.processEvents()
    assert viewer.path == paths[order[0]]

    run_until(lambda: viewer.decoded_ahead == [paths[order[1]]], message="the next picture decoded ahead")
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    run_until(lambda: viewer.path == paths[order[1]])
    assert viewer.ready and viewer.image_size.width() == 96  # shown at once: it was decoded ahead
    qtbot.keyClick(viewer, Qt.Key.Key_Left)
    run_until(lambda: viewer.path == paths[order[0]] and viewer.ready and len(browser._neighbours) == 2)

    for row in (1, 2):
        qtbot.keyClick(viewer, Qt.Key.Key_Right)
        run_until(lambda r=row: viewer.path == paths[order[r]] and viewer.ready and len(browser._neighbours) == 2)
        assert browser.position_label.text() == f"{row + 1} / 3"
        assert viewer.windowTitle() == paths[order[row]].name
        assert browser.panel.details is not None and browser.panel.details.prompt == f"kept {2 - row}"
        assert tab.current_asset_id() == order[row]  # the grid's selection follows
    assert browser.previous_button.isEnabled() and not browser.next_button.isEnabled()
    qtbot.keyClick(viewer, Qt.Key.Key_Right)  # at the end: it stays (never wraps to the other filter)
    QApplication.processEvents()
    run_until(lambda: not browser._stepping)
    assert viewer.path == paths[order[2]]

    qtbot.mouseClick(browser.previous_button, Qt.MouseButton.LeftButton)
    run_until(lambda: viewer.path == paths[order[1]] and viewer.ready)
    assert len(viewers(ImageViewer)) == 1  # the same window walks on


def test_neighbours_skip_texts_and_a_video_opens_in_the_player_in_the_same_place(  # type: ignore[no-untyped-def]
        gui_core: StudioCore, make_tab, run_until: Runner, qtbot) -> None:
    if player_module.libvlc() is None:
        pytest.skip(f"libvlc is not installed here ({player_module.load_error()})")
    store = gui_core.gallery
    (picture,) = add_images(gui_core, 1, prompt="a harbour", start=START + 30)
    text_path = store.new_path(store.new_id(), ".txt", when=START + 20)
    text_path.parent.mkdir(parents=True, exist_ok=True)
    text_path.write_text("a poem")
    store.add(path=text_path, kind="text", mime="text/plain", prompt="a poem", created_at=START + 20)
    video_id = store.new_id()
    video_path = store.new_path(video_id, ".mp4", when=START + 10)
    video_path.write_bytes(mp4_bytes(seconds=2))
    store.add(path=video_path, kind="video", mime="video/mp4", prompt="waves", model="sora-2", asset_id=video_id,
              created_at=START + 10)
    tab = make_tab()
    model = tab.vm.list_model
    run_until(lambda: model.rowCount() == 3 and all_fetched(model, range(3)))
    viewer = open_row(tab, model.row_of(picture), run_until)
    viewer.move(40, 30)
    viewer.resize(820, 560)
    geometry = viewer.geometry()
    qtbot.keyClick(viewer, Qt.Key.Key_Right)  # the text is skipped: the video plays where the picture was
    run_until(lambda: len(viewers(MediaViewer)) == 1 and not viewers(ImageViewer), message="handed over")
    player = viewers(MediaViewer)[0]
    assert player.path == video_path and player.geometry() == geometry
    settle(player, run_until)  # type: ignore[arg-type]
    assert player.browser is not None and player.browser.position_label.text() == "3 / 3"
    assert not player.browser.next_button.isEnabled()
    assert player.browser.panel.value("duration") == "0:02"
    qtbot.keyClick(player, Qt.Key.Key_Left)  # and back to the picture, again in the same place
    run_until(lambda: len(viewers(ImageViewer)) == 1 and not viewers(MediaViewer), message="handed back")
    assert viewers(ImageViewer)[0].path == store.get(picture).path


def test_details_show_the_assets_fields_and_rerun_follows_the_rules(gui_core: StudioCore, make_tab,  # type: ignore[no-untyped-def]
                                                                    run_until: Runner, qtbot) -> None:
    (picture,) = add_images(gui_core, 1, prompt="a lighthouse at night, oil painting", model="gpt-image-1",
                            sizes=((96, 72),))
    (blank,) = add_images(gui_core, 1, prompt="", start=START + 5)
    (video,) = add_images(gui_core, 1, kind="video", prompt="waves", start=START - 5)
    tab = make_tab()
    vm = tab.vm
    run_until(lambda: vm.list_model.rowCount() == 3 and all_fetched(vm.list_model, range(3)))
    asset = gui_core.gallery.get(picture)
    viewer = open_row(tab, vm.list_model.row_of(picture), run_until)
    panel = viewer.browser.panel  # type: ignore[union-attr]
    assert panel.isVisible() and panel.prompt.toPlainText() == "a lighthouse at night, oil painting"
    assert panel.value("model") == "gpt-image-1"
    assert panel.value("size") == f"96 × 72 px · {QLocale().formattedDataSize(asset.size)}"
    assert panel.value("duration") == ""  # a picture has no length: the row is hidden
    assert "2023" in panel.value("created")  # START is November 2023
    assert panel.value("relay") == ""  # imported, not made by a job
    assert asset.job_id is None
    assert panel.rerun_button.isEnabled() and panel.copy_prompt_button.isEnabled()

    details = vm.details(gui_core.gallery.get(blank))
    assert details.rerun_problem == "This picture has no prompt to re-run."
    assert "cannot be re-run" in vm.details(gui_core.gallery.get(video)).rerun_problem

    qtbot.mouseClick(panel.copy_prompt_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "a lighthouse at night, oil painting"
    assert viewer.note.isVisible() and viewer.note.text() == "Prompt copied"

    seen: list[tuple[str, str]] = []
    vm.rerunRequested.connect(lambda prompt, name: seen.append((prompt, name)))
    qtbot.mouseClick(panel.rerun_button, Qt.MouseButton.LeftButton)
    assert seen == [("a lighthouse at night, oil painting", "gpt-image-1")]
    assert not viewer.isVisible()  # Re-run took the user to the Image tab

    viewer = open_row(tab, vm.list_model.row_of(blank), run_until)
    panel = viewer.browser.panel  # type: ignore[union-attr]
    assert not panel.rerun_button.isEnabled() and panel.rerun_button.toolTip() == details.rerun_problem
    assert not panel.copy_prompt_button.isEnabled() and panel.prompt.toPlainText() == "(no prompt)"
    qtbot.keyClick(viewer, Qt.Key.Key_I)  # the panel hides (and the next viewer remembers it)
    assert not panel.isVisible() and viewer.browser.details_button.text() == "Show details"  # type: ignore[union-attr]
    qtbot.keyClick(viewer, Qt.Key.Key_I)
    assert panel.isVisible()


def test_copy_image_puts_the_picture_on_the_clipboard(gui_core: StudioCore, make_tab,  # type: ignore[no-untyped-def]
                                                      run_until: Runner, qtbot) -> None:
    add_images(gui_core, 1, sizes=((96, 72),))
    tab = make_tab()
    run_until(lambda: all_fetched(tab.vm.list_model, range(1)))
    viewer = open_row(tab, 0, run_until)
    QApplication.clipboard().clear()
    qtbot.mouseClick(viewer.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().image()
    assert (copied.width(), copied.height()) == (96, 72)
    assert copied.pixelColor(1, 1) == viewer.image.pixelColor(1, 1)
    assert viewer.note.isVisible() and viewer.note.text() == "Image copied"
    QApplication.clipboard().clear()
    qtbot.keyClick(viewer, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().image().width() == 96

    plain = ImageViewer(viewer.path)  # the Image tab's viewer: copy too, but no gallery walk
    qtbot.addWidget(plain)
    plain.show()
    run_until(lambda: plain.ready)
    assert plain.browser is None and plain.copy_button.isEnabled()


def test_save_as_writes_the_file_in_a_worker(gui_core: StudioCore, make_tab, run_until: Runner,  # type: ignore[no-untyped-def]
                                             qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (picture,) = add_images(gui_core, 1, prompt="a red fox: portrait / studio light")
    source = gui_core.gallery.get(picture).path
    tab = make_tab()
    run_until(lambda: all_fetched(tab.vm.list_model, range(1)))
    viewer = open_row(tab, 0, run_until)
    browser = viewer.browser
    assert browser is not None
    asked: list[str] = []
    out = tmp_path / "exports"
    out.mkdir()
    answer = {"path": str(out / "fox")}

    def dialog(parent, title, suggested, filters):  # type: ignore[no-untyped-def]
        asked.append(suggested)
        return answer["path"], ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    qtbot.mouseClick(browser.save_button, Qt.MouseButton.LeftButton)
    written = out / "fox.png"  # the file's suffix is added to a name typed without one
    run_until(lambda: written.exists() and viewer.note.isVisible(), message="saved")
    assert written.read_bytes() == source.read_bytes()
    assert Path(asked[0]).name == "a-red-fox-portrait-studio-light.png"  # a name from the prompt
    assert viewer.note.text() == f"Saved to {written}"
    assert browser.save_button.isEnabled()

    written.write_bytes(b"old")  # the dialog asked before replacing: the copy replaces it
    answer["path"] = str(written)
    qtbot.keyClick(viewer, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    run_until(lambda: written.read_bytes() == source.read_bytes() and browser.save_button.isEnabled(),
              message="replaced")  # (the button waits while a copy is being written)
    assert Path(asked[1]).parent == out  # the last folder is offered again
    assert sorted(p.name for p in out.iterdir()) == ["fox.png"]  # no partial copy left

    answer["path"] = str(out / "no such folder" / "fox.png")
    qtbot.mouseClick(browser.save_button, Qt.MouseButton.LeftButton)
    run_until(lambda: viewer.banner.text != "", message="refused")
    assert viewer.banner.text == f"The folder {out / 'no such folder'} does not exist."

    answer["path"] = ""  # cancelled: nothing happens
    viewer.banner.clear()
    qtbot.mouseClick(browser.save_button, Qt.MouseButton.LeftButton)
    assert viewer.banner.text == "" and len(asked) == 4


def test_the_walk_follows_the_grid_when_its_list_changes(gui_core: StudioCore, make_tab,  # type: ignore[no-untyped-def]
                                                         run_until: Runner) -> None:
    first, second = add_images(gui_core, 2)
    tab = make_tab()
    vm = tab.vm
    run_until(lambda: all_fetched(vm.list_model, range(2)) and vm.list_model.rowCount() == 2)
    viewer = open_row(tab, 0, run_until)  # the newest: `second`
    browser = viewer.browser
    assert browser is not None and browser.asset_id == second
    assert browser.position_label.text() == "1 / 2" and not browser.previous_button.isEnabled()

    (newer,) = add_images(gui_core, 1, start=START + 50)  # a job just saved a result: it comes first
    vm.assetAdded(newer)
    run_until(lambda: browser.position_label.text() == "2 / 3" and browser.previous_button.isEnabled(),
              message="the position and the previous neighbour follow")
    assert viewer.path == gui_core.gallery.get(second).path  # what is shown stays

    vm.delete(first)  # the next one is deleted in the grid: nothing comes after any more
    run_until(lambda: browser.position_label.text() == "2 / 2" and not browser.next_button.isEnabled(),
              message="the deleted neighbour is gone")


class _Shouting(QTranslator):
    """A catalogue that "translates" the viewer's words into capitals, to see them change at run time."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        if context in ("GalleryBrowser", "DetailsPanel", "ImageViewer") and "{" not in source:
            return source.upper()
        return ""

    def isEmpty(self) -> bool:  # (an empty catalogue is skipped)
        return False


def test_the_viewer_follows_a_language_change_at_once(gui_core: StudioCore, make_tab,  # type: ignore[no-untyped-def]
                                                      run_until: Runner) -> None:
    add_images(gui_core, 2)
    tab = make_tab()
    run_until(lambda: all_fetched(tab.vm.list_model, range(2)))
    viewer = open_row(tab, 0, run_until)
    browser = viewer.browser
    assert browser is not None
    texts = lambda: (browser.save_button.text(), browser.details_button.text(),  # noqa: E731
                     browser.panel.copy_prompt_button.text(), browser.panel.rerun_button.text(),
                     browser.panel.prompt_caption.text(), viewer.copy_button.text(), viewer.close_button.text())
    assert texts() == ("Save as…", "Hide details", "Copy prompt", "Re-run", "Prompt", "Copy image", "Close")
    translator = _Shouting()
    QApplication.installTranslator(translator)
    try:
        QApplication.processEvents()
        assert texts() == ("SAVE AS…", "HIDE DETAILS", "COPY PROMPT", "RE-RUN", "PROMPT", "COPY IMAGE", "CLOSE")
        assert browser.panel.value("model") == "gpt-image-1"  # values are not words to translate
    finally:
        QApplication.removeTranslator(translator)
    QApplication.processEvents()
    assert texts()[0] == "Save as…"


def test_the_viewer_follows_a_theme_change_at_once(gui_core: StudioCore, make_tab, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    from studio.views.theme import _dark_palette

    add_images(gui_core, 2)
    tab = make_tab()
    run_until(lambda: all_fetched(tab.vm.list_model, range(2)))
    viewer = open_row(tab, 0, run_until)
    browser = viewer.browser
    assert browser is not None
    app = QApplication.instance()
    light = app.palette()
    backdrop = viewer.view.backgroundBrush().color()
    arrow = browser.next_button.icon().pixmap(20, 20).toImage()
    app.setPalette(_dark_palette())
    try:
        QApplication.processEvents()
        assert viewer.view.backgroundBrush().color().lightness() < backdrop.lightness()
        assert browser.next_button.icon().pixmap(20, 20).toImage() != arrow  # redrawn in the new text colour
    finally:
        app.setPalette(light)
        QApplication.processEvents()
    assert viewer.view.backgroundBrush().color() == backdrop


def test_a_long_prompt_scrolls_and_keeps_its_buttons_in_view(qtbot) -> None:  # type: ignore[no-untyped-def]
    from studio.viewmodels.gallery import AssetDetails
    from studio.views.asset_details import DetailsPanel

    panel = DetailsPanel()
    qtbot.addWidget(panel)
    panel.resize(290, 600)
    panel.show()
    long = "a lighthouse at dusk, " * 150
    panel.show_details(AssetDetails("a1", "image", long, "gpt-image-1", "1 KB", "", "today", "", ""))
    QApplication.processEvents()
    assert panel.prompt.height() <= 300 and panel.prompt.verticalScrollBar().maximum() > 0
    assert panel.rerun_button.geometry().bottom() < 600 and panel.rerun_button.isVisible()
    panel.show_details(AssetDetails("a2", "image", "short", "gpt-image-1", "1 KB", "", "today", "", ""))
    QApplication.processEvents()
    assert panel.prompt.height() < 60 and not panel.prompt.verticalScrollBar().isVisible()


def test_the_details_date_reads_in_the_ui_language(gui_core: StudioCore, make_tab, qapp,  # type: ignore[no-untyped-def]
                                                   run_until: Runner) -> None:
    """Installing the Chinese catalogue makes Chinese the locale of dates too: the created date is not
    English words inside the Chinese UI."""
    from studio.app import install_translators

    add_images(gui_core, 1)
    translators = install_translators(qapp, "zh_CN")
    try:
        tab = make_tab()
        run_until(lambda: all_fetched(tab.vm.list_model, range(1)))
        viewer = open_row(tab, 0, run_until)
        assert viewer.browser is not None
        created = viewer.browser.panel.value("created")
        assert "年" in created and not any(word in created for word in ("Monday", "December", "January", "day,"))
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)  # type: ignore[arg-type]
