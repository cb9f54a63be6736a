"""The Image tab's Midjourney actions, option rows and references: the task's buttons in groups that fit a
1024×700 window beside the Jobs panel, only the options the chosen model's family takes, references that
say where they go and can be removed one by one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QToolButton

from studio.api.midjourney import MjButton
from studio.jobs.model import JobState
from studio.services.core import StudioCore
from studio.viewmodels.image import ButtonView, ImageViewModel, group_buttons
from studio.viewmodels.jobs import JobsViewModel
from studio.views.image_tab import THUMB, ImageTab
from tests.conftest import KEY
from tests.gui.conftest import Runner
from tests.gui.test_main_window import make_window
from tests.relay import RelayServer
from tests.relay.fixtures import png_bytes
from tests.relay.mj import grid_buttons, upscale_buttons


def views(buttons: list) -> tuple[ButtonView, ...]:  # type: ignore[type-arg]
    """The relay's buttons as the Image tab sees them (through the API's own parsing)."""
    found = []
    for wire in (b.wire() for b in buttons):
        button = MjButton(wire["customId"], wire["label"], wire["emoji"])
        found.append(ButtonView(button.custom_id, button.text, button.name or "", button.label, False, False))
    return tuple(found)


def test_the_relay_tasks_buttons_fall_into_their_groups() -> None:
    grid = group_buttons(views(grid_buttons("abc")))
    assert [(g.kind, [b.name for b in g.buttons]) for g in grid] == [
        ("pick-upscale", ["U1", "U2", "U3", "U4"]), ("pick-vary", ["V1", "V2", "V3", "V4"]), ("single", ["reroll"])]
    assert not any(g.menu for g in grid)
    upscaled = group_buttons(views(upscale_buttons("abc")))
    assert [(g.kind, [b.name for b in g.buttons]) for g in upscaled] == [
        ("upscale", ["upscale-2x", "upscale-4x"]), ("vary", ["vary-strong", "vary-subtle", "vary-region"]),
        ("zoom", ["zoom-2x", "zoom-1.5x", "zoom-custom"]), ("pan", ["pan-left", "pan-right", "pan-up", "pan-down"])]
    assert all(g.menu for g in upscaled)
    unknown = ButtonView("MJ::BOOKMARK::1", "❤️", "", "", False, False)
    assert group_buttons((unknown,))[0].kind == "single"


@pytest.fixture
def tab(gui_core: StudioCore, relay: RelayServer, qtbot, run_until: Runner):  # type: ignore[no-untyped-def]
    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    gui_core.settings.set("jobs.poll_scale", 0.005)
    jobs = JobsViewModel(gui_core)
    vm = ImageViewModel(gui_core, jobs)
    tab = ImageTab(vm)
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    tab.show()
    jobs.start()
    vm.start()
    run_until(lambda: tab.model_picker.count() > 0, message="image models listed")
    yield tab
    run_until(jobs.runner.idle, timeout=10)


def rows_shown(tab: ImageTab) -> set[str]:
    return {option for option, widget in tab.option_rows.items() if tab._fields.isRowVisible(widget)}


def test_the_form_shows_only_the_options_of_the_models_family(tab: ImageTab, run_until: Runner) -> None:
    for model, wanted in (("dall-e-3", {"size", "quality", "n"}), ("mj_imagine", {"mode"}), ("gpt-4o-image", set()),
                          ("ideogram-v3", {"size", "n"}), ("gpt-image-1", {"size", "quality", "n"})):
        tab.model_picker.setEditText(model)
        run_until(lambda m=model: tab.vm.form.model == m, message=f"the form of {model}")  # type: ignore[misc]
        assert rows_shown(tab) == wanted, model
        assert tab.references.isVisible() and tab.add_reference.isVisible()


def test_a_hidden_row_sends_nothing(tab: ImageTab, gui_core: StudioCore, run_until: Runner) -> None:
    """A count chosen for dall-e-3 is not sent to a chat-format model, which takes none (its row is hidden)."""
    tab.model_picker.setEditText("dall-e-3")
    run_until(lambda: tab.vm.form.model == "dall-e-3")
    tab.count.setValue(3)
    tab.quality.setCurrentIndex(tab.quality.findData("hd"))
    tab.model_picker.setEditText("gpt-4o-image")
    run_until(lambda: tab.vm.form.model == "gpt-4o-image" and not tab.count.isVisible())
    tab.prompt.setPlainText("two cats")
    tab.generate()
    run_until(lambda: tab._shown is not None and tab._shown.state is JobState.DONE)
    job = gui_core.jobs.get(tab._shown.job_id)
    assert job is not None and job.model == "gpt-4o-image" and not tab.banner.isVisible()
    assert job.request.get("n") == 1 and not job.request.get("quality")


def test_the_status_line_and_the_splitter_stay_put_when_results_change(tab: ImageTab, run_until: Runner) -> None:
    sizes, status = tab.splitter.sizes(), tab.status.geometry()
    for model, prompt in (("mj_imagine", "a cat " * 40), ("dall-e-3", "a red fox")):
        grid = tab._shown.job_id if tab._shown else ""
        tab.model_picker.setEditText(model)
        tab.prompt.setPlainText(prompt)
        tab.generate()
        run_until(lambda g=grid: tab._shown is not None and tab._shown.job_id != g  # type: ignore[misc]
                  and tab._shown.state is JobState.DONE)
        run_until(lambda: bool(tab.mj_buttons) or tab.images.count() > 0, message="results shown")
        assert tab.splitter.sizes() == sizes, model
        assert tab.status.geometry() == status, model


def test_references_say_where_they_go_and_each_can_be_removed(tab: ImageTab, tmp_path: Path,
                                                              run_until: Runner) -> None:
    assert tab.references.count() == 0 and tab.references.placeholder == "Drop images here"
    empty = tab.references.viewport().grab().toImage()
    assert len({empty.pixel(x, empty.height() // 2) for x in range(empty.width())}) > 1, "the words are painted"
    paths = []
    for name in ("a.png", "b.png", "c.png"):
        path = tmp_path / name
        path.write_bytes(png_bytes(16, 16))
        paths.append(str(path.resolve()))
    tab.vm.addReferences(paths)
    run_until(lambda: tab.references.count() == 3)
    run_until(lambda: all(not tab.references.thumb(r).picture.pixmap().isNull() for r in range(3)), message="thumbs")
    assert tab.references.height() < 2 * THUMB, "one row of thumbnails is one row tall"
    second = tab.references.thumb(1)
    assert second is not None and second.remove.toolTip() and second.remove.isVisible()
    second.remove.click()
    run_until(lambda: tab.references.count() == 2)
    assert [Path(p).name for p in tab.vm.references] == ["a.png", "c.png"]
    assert all(not tab.references.thumb(r).picture.pixmap().isNull() for r in range(2)), "kept, not loaded again"
    tab.references.setCurrentRow(0)
    QTest.keyClick(tab.references, Qt.Key.Key_Delete)  # the keyboard's way
    run_until(lambda: tab.references.count() == 1)
    assert [Path(p).name for p in tab.vm.references] == ["c.png"]


def test_a_finished_midjourney_job_does_not_widen_a_1024_window(gui_core: StudioCore, relay: RelayServer, qtbot,  # type: ignore[no-untyped-def]
                                                                run_until: Runner) -> None:
    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    gui_core.settings.set("jobs.poll_scale", 0.005)
    window = make_window(gui_core, qtbot)
    window.resize(1024, 700)
    window.show()
    window.tabs.setCurrentIndex(1)  # the Image tab
    window.jobs_vm.start()
    window.image_vm.start()
    image = window.image_tab
    run_until(lambda: image.model_picker.count() > 0)
    assert window.jobs_dock.isVisible()
    width, dock, least = window.width(), window.jobs_dock.width(), image.minimumSizeHint().width()
    image.model_picker.setEditText("mj_imagine")
    image.prompt.setPlainText("a cat")
    image.generate()
    run_until(lambda: image._shown is not None and image._shown.state is JobState.DONE and len(image.mj_buttons) == 9)
    qtbot.wait(50)
    # the window keeps its width and the Jobs panel keeps its room (the panel may ask for more of its own)
    assert window.width() == width and window.jobs_dock.width() >= dock
    assert image.minimumSizeHint().width() <= least
    grid_job = image._shown.job_id
    u1 = image.findChild(QToolButton, "mjButton-U1")
    assert u1.isVisible() and u1.toolTip() == "Upscale picture 1"
    assert image.findChild(QToolButton, "mjButton-reroll").toolTip().startswith("Reroll")
    u1.click()
    run_until(lambda: image._shown.job_id != grid_job and image._shown.state is JobState.DONE
              and image.findChild(QPushButton, "mjMenu-pan") is not None)
    qtbot.wait(50)
    # the window keeps its width and the Jobs panel keeps its room (the panel may ask for more of its own)
    assert window.width() == width and window.jobs_dock.width() >= dock
    assert image.minimumSizeHint().width() <= least
    menus = [b for b in image.mj_buttons if b.isVisible()]
    assert [b.text() for b in menus] == ["Upscale", "Vary", "Zoom", "Pan"]
    panel = image.mj_panel
    for button in menus:  # every group inside the results area: nothing cut off at the right
        right = button.mapTo(panel, button.rect().topRight()).x()
        assert right <= panel.width(), button.text()
    pan = [a.text() for a in image.findChild(QPushButton, "mjMenu-pan").menu().actions()]
    assert pan == ["← Pan left", "→ Pan right", "↑ Pan up", "↓ Pan down"]
    upscaled = image._shown.job_id
    two = next(a for a in image.mj_actions if a.objectName() == "mjButton-upscale-2x")
    assert two.text() == "Upscale 2x"
    two.trigger()  # a choice in a menu is pressed like a button
    run_until(lambda: image._shown.job_id != upscaled and image._shown.state is JobState.DONE)
    sent = [r.json()["customId"] for r in relay.requests if r.path.endswith("/mj/submit/action")]
    assert "::upsample_v5_2x::" in sent[-1]
