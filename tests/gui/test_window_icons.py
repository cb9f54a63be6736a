"""The window's icons and its Jobs dock: every tab, the toolbar's actions and the Image tab's buttons carry an icon
of the set, drawn again in the new palette's colours when the theme switches at run time; the Jobs dock keeps its
size from the empty panel to its first rows, and at its narrowest the prompt column still reads (the whole prompt
in its tooltip)."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QHelpEvent, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QToolBar, QToolTip

from studio.app import follow_choices
from studio.jobs.model import JobState
from studio.services.core import StudioCore
from studio.viewmodels.chat import ChatViewModel
from studio.viewmodels.image import ImageViewModel
from studio.viewmodels.jobs import JobsViewModel
from studio.viewmodels.main import MainViewModel
from studio.views.jobs_panel import PROMPT_MINIMUM, JobsPanel
from studio.views.main_window import MainWindow
from studio.views.theme import apply_theme
from tests.conftest import KEY
from tests.gui.conftest import Runner
from tests.gui.test_jobs_panel import generate, job, language, studio  # noqa: F401 (fixtures)
from tests.relay import RelayServer


def ink(drawn: QIcon) -> set[str]:
    """The opaque colours of the icon drawn at 16 px, as the tab bar draws it."""
    image = drawn.pixmap(QSize(16, 16), 1.0).toImage()
    return {image.pixelColor(x, y).name() for y in range(image.height()) for x in range(image.width())
            if image.pixelColor(x, y).alpha() == 255}


@pytest.fixture
def window(gui_core: StudioCore, relay: RelayServer, qapp: QApplication, qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    gui_core.profiles.add("local", relay.url, key=KEY)
    palette, style = qapp.palette(), qapp.style().name()
    jobs = JobsViewModel(gui_core)
    main_vm = MainViewModel(gui_core)
    window = MainWindow(main_vm, ChatViewModel(gui_core), jobs, ImageViewModel(gui_core, jobs), None, lambda: None)
    qtbot.addWidget(window)
    follow_choices(qapp, window, main_vm, "en", "light")
    window.set_dark(apply_theme(qapp, "light"))
    yield window
    qapp.setPalette(palette)
    qapp.setStyle(style)


def drawn_icons(window: MainWindow) -> dict[str, QIcon]:
    """What the window shows with an icon: its tabs, its toolbar's buttons, the Image tab's buttons."""
    shown = {f"tab {window.tabs.tabText(i)}": window.tabs.tabIcon(i) for i in range(window.tabs.count())}
    toolbar = window.findChild(QToolBar, "mainToolbar")
    assert toolbar is not None
    for action in toolbar.actions():
        button = toolbar.widgetForAction(action)
        shown[f"toolbar {action.text()}"] = button.icon() if hasattr(button, "icon") else action.icon()
    image = window.image_tab
    for button in (image.add_reference, image.clear_references, image.generate_button, image.mj_tools):
        shown[f"image {button.text()}"] = button.icon()
    return shown


def test_tabs_toolbar_and_image_buttons_have_icons_that_follow_the_theme(window: MainWindow, qapp: QApplication,
                                                                         run_until: Runner) -> None:
    window.resize(1024, 700)
    window.show()
    icons = drawn_icons(window)
    assert len(icons) == 6 + 2 + 4
    assert all(not drawn.isNull() for drawn in icons.values()), [name for name, d in icons.items() if d.isNull()]
    light = qapp.palette().color(QPalette.ColorRole.ButtonText).name()
    assert {name: ink(drawn) for name, drawn in icons.items()} == {name: {light} for name in icons}
    before = window.tabs.tabBar().grab().toImage()

    window.vm.setTheme("dark")  # at run time, as the View menu does
    run_until(lambda: qapp.palette().color(QPalette.ColorRole.Window).lightness() < 80, message="the dark palette")
    dark = qapp.palette().color(QPalette.ColorRole.ButtonText).name()
    assert dark != light
    assert {name: ink(drawn) for name, drawn in drawn_icons(window).items()} == {name: {dark} for name in icons}
    bar = window.tabs.tabBar()
    painted = bar.grab().toImage()
    assert painted != before
    rect = bar.tabRect(1)  # the Image tab's icon, painted on the bar in the new colour
    colours = {painted.pixelColor(x, y).name() for x in range(rect.left(), rect.left() + 28)
               for y in range(rect.top(), rect.bottom())}
    assert dark in colours and light not in colours

    window.vm.setTheme("light")
    run_until(lambda: qapp.palette().color(QPalette.ColorRole.Window).lightness() > 150, message="back to light")
    assert ink(window.tabs.tabIcon(0)) == {light}


# -- the Jobs dock ---------------------------------------------------------------------------------


def test_the_dock_keeps_its_size_when_the_first_rows_appear(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1024, 700)
    window.show()
    window.restore_state()  # a first run: the dock at the panel's narrowest
    qtbot.wait(50)
    panel = window.jobs_panel
    empty = (window.jobs_dock.size(), panel.sizeHint(), panel.minimumSizeHint(), panel.minimumWidth())
    assert window.jobs_dock.width() <= panel.minimumWidth() + 10
    assert panel.empty.isVisible() and panel.table.isVisible()  # the empty panel is the same list
    window.jobs_vm.track(job(JobState.DONE, "first"))
    qtbot.wait(50)
    assert not panel.empty.isVisible()
    assert (window.jobs_dock.size(), panel.sizeHint(), panel.minimumSizeHint(), panel.minimumWidth()) == empty
    for n in range(30):  # more rows than fit: a scroll bar, and still no change
        window.jobs_vm.track(job(JobState.RUNNING if n % 3 else JobState.FAILED, f"j{n}", progress=50.0))
    qtbot.wait(50)
    assert panel.table.verticalScrollBar().isVisible()
    assert (window.jobs_dock.size(), panel.sizeHint(), panel.minimumSizeHint(), panel.minimumWidth()) == empty
    assert window.width() == 1024


def test_rows_are_as_tall_with_or_without_a_thumbnail(studio, run_until: Runner) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    tab, panel = studio
    sizes = (panel.size(), panel.sizeHint(), panel.minimumSizeHint())
    generate(tab, "dall-e-3", "a red fox", run_until)
    panel.table.viewport().update()
    job_id = panel.vm.model.job_at(0).id
    run_until(lambda: panel.pixmaps.peek(job_id) is not None, message="the row's thumbnail")
    panel.vm.track(job(JobState.FAILED, "no-thumbnail"))
    heights = {panel.table.rowHeight(row) for row in range(panel.vm.model.rowCount())}
    assert len(heights) == 1 and heights.pop() >= 40
    assert (panel.size(), panel.sizeHint(), panel.minimumSizeHint()) == sizes


def test_at_its_narrowest_the_prompt_column_reads(gui_core: StudioCore, language: str, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """In English and Chinese (`language` installs the catalogue), with a scroll bar, every state's chip."""
    vm = JobsViewModel(gui_core)
    panel = JobsPanel(vm)
    qtbot.addWidget(panel)
    for n, state in enumerate([*JobState] * 3):
        vm.track(job(state, f"j{n}", progress=99.0 if state is JobState.RUNNING else None))
    panel.resize(panel.minimumWidth(), 400)
    panel.show()
    qtbot.wait(50)
    model = vm.model
    header = panel.table.horizontalHeader()
    assert panel.table.verticalScrollBar().isVisible()
    assert header.sectionSize(model.PROMPT) >= PROMPT_MINIMUM
    assert not panel.table.horizontalScrollBar().isVisible()
    metrics = panel.table.fontMetrics()
    widest = max(metrics.horizontalAdvance(str(model.data(model.index(r, model.STATE))))
                 for r in range(model.rowCount()))
    assert header.sectionSize(model.STATE) >= widest + 16  # no chip elides
    tip = model.data(model.index(0, model.PROMPT), Qt.ItemDataRole.ToolTipRole)
    assert str(tip).startswith("a red fox")  # the full prompt


def test_a_long_prompt_is_whole_in_a_wrapping_tooltip(gui_core: StudioCore, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm = JobsViewModel(gui_core)
    panel = JobsPanel(vm)
    qtbot.addWidget(panel)
    prompt = "a lighthouse at dusk on a rocky coast, " * 12 + "<b>not markup</b>"
    vm.track(replace(job(JobState.DONE, "long"), prompt=prompt))
    panel.resize(panel.minimumWidth(), 300)
    panel.show()
    qtbot.wait(20)
    viewport = panel.table.viewport()
    where = panel.table.visualRect(vm.model.index(0, vm.model.PROMPT)).center()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, where, viewport.mapToGlobal(where)))
    shown = QToolTip.text()
    assert shown.startswith("<p style='white-space:pre-wrap'>") and html.escape(prompt) in shown
    QToolTip.hideText()
