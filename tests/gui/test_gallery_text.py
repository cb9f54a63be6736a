"""Text assets in the Gallery tab: the kind filter offers them and a text cell paints its own placeholder
(lines of writing), never a thumbnail."""

from __future__ import annotations

from PySide6.QtGui import QImage

from studio.services.core import StudioCore
from studio.viewmodels.gallery import GalleryListModel
from studio.views.gallery_tab import THUMBNAIL_SIZE, draw_placeholder
from tests.gui.conftest import Runner


def add(core: StudioCore, kind: str, name: str, data: bytes, mime: str, when: float) -> str:
    asset_id = core.gallery.new_id()
    path = core.gallery.new_path(asset_id, name, when=when)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    core.gallery.add(path=path, kind=kind, mime=mime, prompt=f"a {kind}", model="meta/llama-text",
                     asset_id=asset_id, created_at=when)
    return asset_id


def test_the_kind_filter_offers_texts_and_a_text_keeps_its_placeholder(  # type: ignore[no-untyped-def]
        gui_core: StudioCore, make_gallery_tab, run_until: Runner) -> None:
    story = add(gui_core, "text", ".txt", "A short story — 猫.".encode(), "text/plain", 1_700_000_000.0)
    add(gui_core, "audio", ".mp3", b"ID3" + bytes(64), "audio/mpeg", 1_700_000_001.0)
    tab = make_gallery_tab()
    model = tab.vm.list_model
    run_until(lambda: model.rowCount() == 2)
    assert tab.kind_picker.findData("text") > 0
    tab.kind_picker.setCurrentIndex(tab.kind_picker.findData("text"))
    run_until(lambda: model.rowCount() == 1, message=f"one row, not {model.asset_ids()}")
    assert model.asset_ids() == [story]
    run_until(lambda: model.is_fetched(0), message="the row fetched")
    assert model.index(0).data(GalleryListModel.KindRole) == "text"
    assert not model.index(0).data(GalleryListModel.ThumbnailReadyRole) and tab.thumbnail_of(0) is None

    def pixels(kind: str) -> bytes:
        image = draw_placeholder(kind, THUMBNAIL_SIZE).toImage().convertToFormat(QImage.Format.Format_ARGB32)
        return bytes(image.constBits())

    assert pixels("text") != pixels("") and pixels("text") != pixels("audio")  # a mark of its own
