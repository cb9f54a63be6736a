"""The Image tab and the Jobs panel against the relay test server: results, the Midjourney grid with its
buttons, live job rows and the actions that fit each state."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QToolButton

from studio.jobs.model import JobState
from studio.services.core import StudioCore
from studio.viewmodels.image import ImageViewModel, JobView
from studio.viewmodels.jobs import JobsViewModel
from studio.views.image_tab import ImageTab
from studio.views.jobs_panel import JobsPanel
from tests.conftest import KEY
from tests.gui.conftest import Runner
from tests.relay import RelayServer
from tests.relay.fixtures import png_bytes


@pytest.fixture
def tab(gui_core: StudioCore, relay: RelayServer, qtbot, run_until: Runner):  # type: ignore[no-untyped-def]
    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    gui_core.settings.set("jobs.poll_scale", 0.005)
    jobs = JobsViewModel(gui_core)
    vm = ImageViewModel(gui_core, jobs)
    tab = ImageTab(vm)
    panel = JobsPanel(jobs)
    qtbot.addWidget(tab)
    qtbot.addWidget(panel)
    tab.resize(1100, 760)
    tab.show()
    panel.show()
    jobs.start()
    vm.start()
    run_until(lambda: tab.model_picker.count() > 0, message="image models listed")
    yield tab, panel
    run_until(jobs.runner.idle, timeout=10)


def shown(tab: ImageTab) -> JobView | None:
    return tab._shown


def test_models_are_image_models_and_results_are_shown(tab, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    image_tab, panel = tab
    names = [image_tab.model_picker.itemText(i) for i in range(image_tab.model_picker.count())]
    assert names and all(not n.startswith(("gpt-4o-mini", "claude")) for n in names)
    image_tab.model_picker.setEditText("dall-e-3")
    image_tab.prompt.setPlainText("a red fox")
    image_tab.count.setValue(2)
    image_tab.generate()
    run_until(lambda: shown(image_tab) is not None and shown(image_tab).state is JobState.DONE)
    view = shown(image_tab)
    assert len(view.images) == 2 and view.family == "openai-images"
    run_until(lambda: image_tab.images.count() == 2
              and all(not image_tab.images.item(i).icon().isNull() for i in range(2)), message="previews")
    assert "Images API" in image_tab.status.text() and "openai-images" not in image_tab.status.text()
    assert panel.vm.model.rowCount() == 1 and panel.table.isVisible()


def test_midjourney_grid_buttons_and_an_upscale(tab, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    image_tab, _panel = tab
    image_tab.model_picker.setEditText("mj_imagine")
    image_tab.prompt.setPlainText("a cat")
    image_tab.generate()
    run_until(lambda: shown(image_tab) is not None and shown(image_tab).state is JobState.DONE)
    assert image_tab.mj_panel.isVisible() and len(shown(image_tab).quadrants) == 4
    run_until(lambda: all(q.pixmap() is not None and not q.pixmap().isNull() for q in image_tab.quadrants))
    names = {b.objectName() for b in image_tab.mj_buttons}
    assert {"mjButton-U1", "mjButton-U4", "mjButton-V2", "mjButton-reroll"} <= names
    grid_job = shown(image_tab).job_id
    u2 = image_tab.findChild(QToolButton, "mjButton-U2")
    u2.click()
    run_until(lambda: shown(image_tab).job_id != grid_job and shown(image_tab).state is JobState.DONE)
    upscale = shown(image_tab)
    assert len(upscale.images) == 1 and not upscale.quadrants
    assert {b.name for b in upscale.buttons} >= {"vary-region", "zoom-2x", "pan-left", "upscale-2x"}
    assert not image_tab.quadrants[1].isVisible()


def test_a_bad_reference_is_one_sentence(tab, tmp_path: Path, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    image_tab, _panel = tab
    fake = tmp_path / "x.png"
    fake.write_text("<html>")
    good = tmp_path / "y.png"
    good.write_bytes(png_bytes(8, 8))
    image_tab.vm.addReferences([str(fake)])
    run_until(lambda: image_tab.banner.isVisible())
    assert "not a PNG" in image_tab.banner.text
    image_tab.vm.addReferences([str(good)])
    run_until(lambda: image_tab.references.count() == 1)


def test_jobs_panel_offers_what_fits_the_state(tab, gui_core: StudioCore, relay: RelayServer,  # type: ignore[no-untyped-def]
                                               run_until: Runner) -> None:
    image_tab, panel = tab
    gui_core.profiles.add("local", relay.url + "/case/drop-after-request", key=KEY, make_default=True)
    image_tab.model_picker.setEditText("dall-e-3")
    image_tab.prompt.setPlainText("a red fox")
    image_tab.generate()
    run_until(lambda: shown(image_tab) is not None and shown(image_tab).state is JobState.UNKNOWN)
    panel.table.selectRow(0)
    assert panel.retry_button.isVisible() and panel.retry_button.text() == "Submit again"
    assert panel.cancel_button.text() == "Discard"
    assert "may have started" in panel.detail.text()
    assert image_tab.banner.isVisible()


def test_the_dialect_chosen_for_a_model_is_remembered_and_used(tab, gui_core: StudioCore,  # type: ignore[no-untyped-def]
                                                               run_until: Runner) -> None:
    image_tab, _panel = tab
    image_tab.model_picker.setEditText("my-painter")
    run_until(lambda: image_tab.vm.model == "my-painter")
    image_tab.family.setCurrentIndex(image_tab.family.findData("chat"))
    image_tab.family.activated.emit(image_tab.family.currentIndex())
    run_until(lambda: (gui_core.settings.get("families.overrides") or {}).get("my-painter") == "chat")
    image_tab.prompt.setPlainText("two cats")
    image_tab.generate()
    run_until(lambda: shown(image_tab) is not None and shown(image_tab).state in (JobState.DONE, JobState.FAILED))
    assert shown(image_tab).family == "chat" and shown(image_tab).family_reason == "override"


def test_vary_region_is_painted_and_sent_through_the_modal(tab, relay: RelayServer, qtbot,  # type: ignore[no-untyped-def]
                                                           run_until: Runner) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QImage
    from PySide6.QtTest import QTest

    from studio.views.mask_painter import MaskPainter

    image_tab, _panel = tab
    image_tab.model_picker.setEditText("mj_imagine")
    image_tab.prompt.setPlainText("a cat")
    image_tab.generate()
    run_until(lambda: shown(image_tab) is not None and shown(image_tab).state is JobState.DONE)
    image_tab.findChild(QToolButton, "mjButton-U1").click()
    run_until(lambda: shown(image_tab).state is JobState.DONE and len(shown(image_tab).images) == 1
              and any(b.name == "vary-region" for b in shown(image_tab).buttons))

    painter = MaskPainter(shown(image_tab).images[0], "a cat with a hat")
    qtbot.addWidget(painter)
    painter.show()
    run_until(lambda: not painter.canvas.mask_image.isNull(), message="picture loaded")
    painter._accept()
    assert painter.problem.text()  # nothing painted yet: it says so instead of sending
    centre = painter.canvas.rect().center()
    QTest.mousePress(painter.canvas, Qt.MouseButton.LeftButton, pos=centre)
    QTest.mouseMove(painter.canvas, centre + QPoint(20, 10))
    QTest.mouseRelease(painter.canvas, Qt.MouseButton.LeftButton, pos=centre + QPoint(20, 10))
    assert painter.canvas.painted()
    mask: QImage = painter.painted_mask()
    assert mask.size() == painter.canvas._picture.size()

    upscale_id = shown(image_tab).job_id
    image_tab.vm.pressButtonWithMask(
        next(b.custom_id for b in shown(image_tab).buttons if b.name == "vary-region"), painter.prompt(), mask)
    run_until(lambda: shown(image_tab).job_id != upscale_id and shown(image_tab).state is JobState.DONE)
    modal = next(r for r in relay.requests if r.path.endswith("/submit/modal")).json()
    assert modal["prompt"] == "a cat with a hat" and modal["maskBase64"].startswith("data:image/png;base64,")


def test_midjourney_tools_describe_a_reference_and_its_prompts_fill_the_form(tab, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                             run_until: Runner) -> None:
    from PySide6.QtGui import QAction

    image_tab, _panel = tab
    photo = tmp_path / "photo.png"
    photo.write_bytes(png_bytes(8, 8))
    image_tab.vm.addReferences([str(photo)])
    run_until(lambda: image_tab.references.count() == 1)
    image_tab.findChild(QAction, "mjTool-describe").trigger()
    run_until(lambda: shown(image_tab) is not None and shown(image_tab).state is JobState.DONE)
    assert image_tab.prompts.isVisible() and image_tab.prompts.count() == 4
    image_tab.prompts.itemDoubleClicked.emit(image_tab.prompts.item(1))
    assert image_tab.prompt.toPlainText() == shown(image_tab).prompts[1]
    image_tab.findChild(QAction, "mjTool-blend").trigger()  # one reference is not enough: one sentence
    run_until(lambda: image_tab.banner.isVisible())
    assert "2 to 5" in image_tab.banner.text


def test_the_forming_grid_is_shown_while_midjourney_draws(tab, gui_core: StudioCore, relay: RelayServer,  # type: ignore[no-untyped-def]
                                                          run_until: Runner) -> None:
    image_tab, _panel = tab
    gui_core.profiles.add("local", relay.url + "/case/mj-polls-400", key=KEY, make_default=True)
    image_tab.model_picker.setEditText("mj_imagine")
    image_tab.prompt.setPlainText("a slow cat")
    image_tab.generate()
    run_until(lambda: shown(image_tab) is not None and shown(image_tab).state is JobState.RUNNING)
    run_until(lambda: image_tab.mj_panel.isVisible() and image_tab.quadrants[3].pixmap() is not None
              and not image_tab.quadrants[3].pixmap().isNull(), message="the preview grid")
    assert shown(image_tab).state is JobState.RUNNING and not shown(image_tab).quadrants
    assert any("/mj/image/" in r.path and "rand=" in r.query for r in relay.requests)
    assert all("authorization" not in r.headers for r in relay.requests if "/mj/image/" in r.path)
    image_tab.vm._jobs.cancel(shown(image_tab).job_id)
    run_until(lambda: shown(image_tab).state is JobState.CANCELLED)


def test_the_format_box_offers_what_the_family_registry_holds(gui_core: StudioCore, qtbot) -> None:  # type: ignore[no-untyped-def]
    from studio.api.families import FamilySpec, register, unregister

    register(FamilySpec("toy", "image", "Toy pictures", names=(("toy-*", r"^toy-"),),
                        handler="tests.jobs.toy_family:ToyHandler", results=("image",)))
    try:
        tab = ImageTab(ImageViewModel(gui_core, JobsViewModel(gui_core)))
        qtbot.addWidget(tab)
        offered = {tab.family.itemData(i): tab.family.itemText(i) for i in range(tab.family.count())}
    finally:
        unregister("toy", "image")
    assert offered["toy"] == "Toy pictures"  # a registered family's own label
    assert {"", "openai-images", "chat", "midjourney"} <= set(offered)
