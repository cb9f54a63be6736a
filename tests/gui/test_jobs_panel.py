"""The Jobs panel and the Image tab as a creator reads them: no internal identifier (family ids, name
rules, "endpoint type") in any visible label, the job details or their tooltips, in English and Chinese;
state chips in colours that read in light and dark; result thumbnails; the right-click menu."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QAbstractListModel, QCoreApplication, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QComboBox, QGroupBox, QLabel, QWidget

from studio.api.families import REGISTRY
from studio.app import install_translators
from studio.jobs.model import Job, JobState
from studio.jobs.runner import JobEvent
from studio.services.core import StudioCore
from studio.viewmodels.families import family_label, localized_note, reason_text
from studio.viewmodels.image import ImageViewModel
from studio.viewmodels.jobs import TONE_ROLE, TONES, JobsViewModel, state_tone
from studio.views.image_tab import ImageTab
from studio.views.jobs_panel import PROMPT_MINIMUM, JobsPanel, chip_colors
from studio.views.theme import _dark_palette
from tests.conftest import KEY
from tests.gui.conftest import Runner
from tests.relay import RelayServer

#: what the core writes for the CLI and the logs, never for the screen
PHRASES = ("endpoint type", "name rule", "dialect", "default for", "override", "image-generation",
           "Midjourney button", "Midjourney command", "the family with", "of a finished video", " via ")
RULES = sorted({rule for spec in REGISTRY for rule, _pattern in spec.names})
IDS = sorted({str(spec.id) for spec in REGISTRY})


def identifiers_in(text: str) -> list[str]:
    found = [phrase for phrase in (*PHRASES, *RULES) if phrase in text]
    found += [family for family in IDS if re.search(rf"(?<![\w-]){re.escape(family)}(?![\w-])", text)]
    return found


def visible_texts(root: QWidget) -> list[str]:
    """Every text the user can see in `root` or read in a tooltip: labels, buttons, boxes' items, group
    titles, the cells, headers and tooltips of item views."""
    texts: list[str] = []
    for widget in (root, *root.findChildren(QWidget)):
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
            for column in range(columns):
                texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
                for row in range(model.rowCount()):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        texts.append(str(model.data(model.index(row, column), role) or ""))
    return [t for t in texts if t]


@pytest.fixture(params=["en", "zh_CN"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The app's catalogue for the language, loaded as the app loads it (strings not translated yet stay
    English: the test asserts on identifiers, not on translation)."""
    translators = install_translators(qapp, request.param)
    if request.param == "zh_CN":
        assert translators, "the zh_CN catalogue was not compiled (run the setup command)"
    yield request.param
    for translator in translators:
        qapp.removeTranslator(translator)  # type: ignore[arg-type]


@pytest.fixture
def studio(language: str, gui_core: StudioCore, relay: RelayServer, qtbot, run_until: Runner):  # type: ignore[no-untyped-def]
    gui_core.profiles.add("local", relay.url, key=KEY, make_default=True)
    gui_core.settings.set("jobs.poll_scale", 0.005)
    jobs = JobsViewModel(gui_core)
    vm = ImageViewModel(gui_core, jobs)
    tab, panel = ImageTab(vm), JobsPanel(jobs)
    qtbot.addWidget(tab)
    qtbot.addWidget(panel)
    tab.resize(1100, 760)
    panel.resize(420, 600)
    tab.show()
    panel.show()
    jobs.start()
    vm.start()
    run_until(lambda: tab.model_picker.count() > 0, message="image models listed")
    yield tab, panel
    run_until(jobs.runner.idle, timeout=10)


def generate(tab: ImageTab, model: str, prompt: str, run_until: Runner) -> str:
    before = tab._shown.job_id if tab._shown else None
    tab.model_picker.setEditText(model)
    run_until(lambda: tab.vm.model == model)
    tab.prompt.setPlainText(prompt)
    tab.generate()
    run_until(lambda: tab._shown is not None and tab._shown.job_id != before and tab._shown.state is JobState.DONE,
              message=f"the {model} job done")
    return tab._shown.job_id


def test_no_internal_identifier_on_screen(studio, gui_core: StudioCore, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    tab, panel = studio
    seen: list[str] = visible_texts(tab)
    generate(tab, "dall-e-3", "a red fox", run_until)
    seen += visible_texts(tab)
    generate(tab, "gpt-4o-image", "a blue bird", run_until)  # chosen by its name
    seen += visible_texts(tab)
    generate(tab, "mj_imagine", "a cat", run_until)  # Midjourney, by its name
    seen += visible_texts(tab)
    grid = tab._shown.job_id
    u1 = next(b for b in tab._shown.buttons if b.name == "U1")
    tab.vm.pressButton(u1.custom_id)  # a Midjourney button's job
    run_until(lambda: tab._shown.job_id != grid and tab._shown.state is JobState.DONE, message="the button's job")
    seen += visible_texts(tab)
    tab.model_picker.setEditText("my-painter")  # a format the user chose
    run_until(lambda: tab.vm.model == "my-painter")
    tab.family.setCurrentIndex(tab.family.findData("chat"))
    tab.family.activated.emit(tab.family.currentIndex())
    run_until(lambda: (gui_core.settings.get("families.overrides") or {}).get("my-painter") == "chat")
    tab.prompt.setPlainText("two cats")
    tab.generate()
    run_until(lambda: tab._shown is not None and tab._shown.model == "my-painter" and tab._shown.state in (
        JobState.DONE, JobState.FAILED), message="the chosen format's job")
    seen += visible_texts(tab)
    reasons = set()
    for row in range(panel.vm.model.rowCount()):
        panel.table.selectRow(row)
        job = panel.selected_job()
        assert job is not None
        reasons.add(str(job.metadata.get("family_reason", "")).split(" ")[0])
        assert panel.detail.text().startswith(job.model + " · ")  # model · format, the reason in the tooltip
        seen += visible_texts(panel)
        menu = panel.job_menu(job)
        seen += [action.text() for action in menu.actions()]
        menu.deleteLater()
    assert len(reasons) >= 3, reasons  # several kinds of reason were worded
    problems = {text: identifiers_in(text) for text in seen if identifiers_in(text)}
    assert not problems


def test_every_reason_shape_is_worded() -> None:
    for reason, family in (("override", "chat"), ("endpoint type image-generation", "openai-images"),
                           ("name rule mj_*", "midjourney"), ("default for video models", "video-generations"),
                           ("Midjourney command", "midjourney"), ("Midjourney button", "midjourney"),
                           ("variations of an image", "openai-images"), ("the family with describe", "ideogram"),
                           ("remix of a finished video", "openai-video"), ("extend of a finished video", "luma")):
        sentence = reason_text(reason, family)
        assert sentence.endswith(".") and not identifiers_in(sentence), (reason, sentence)
    assert reason_text("something new") == "something new"  # unknown: shown as it is, in the tooltip only
    assert {family_label(str(spec.id), spec.capability) for spec in REGISTRY}.isdisjoint(IDS)


def test_runner_notes_in_the_users_words() -> None:
    def tr(text: str) -> str:
        return {"Downloading: {0} of {1} MB ({2} %)": "正在下载：{0} / {1} MB（{2} %）",
                "The download of a result broke off; it will resume where it stopped.": "下载中断，将从断点继续。",
                }.get(text, text)

    assert localized_note("Downloading: 12 of 48 MB (25 %)", tr) == "正在下载：12 / 48 MB（25 %）"
    assert localized_note("The download of a result broke off; it will resume where it stopped.", tr) == (
        "下载中断，将从断点继续。")
    assert localized_note("The connection dropped; resuming.", tr) == "The connection dropped; resuming."


# -- chips ---------------------------------------------------------------------------------------


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_chip_colours_read_in_light_and_dark(dark: bool, qapp: QApplication) -> None:
    palette = _dark_palette() if dark else qapp.style().standardPalette()
    backgrounds = set()
    for tone in TONES:
        background, fill, text = chip_colors(tone, palette)
        assert contrast(text, background) >= 4.5, (tone, text.name(), background.name())
        assert contrast(text, fill) >= 3.0, (tone, text.name(), fill.name())
        backgrounds.add(background.name())
    assert len(backgrounds) == len(TONES)  # each state its own colour
    base = palette.color(QPalette.ColorRole.Base)
    assert all(abs(QColor(b).lightnessF() - base.lightnessF()) < 0.35 for b in backgrounds)  # a wash, not a slab


def job(state: JobState, job_id: str = "j1", *, progress: float | None = None, created: float = 0.0) -> Job:
    now = time.time()
    return Job(id=job_id, capability="image", family="openai-images", profile="local", model="dall-e-3",
               prompt="a red fox", request={}, state=state, progress=progress, created_at=created or now,
               updated_at=now, metadata={"family_reason": "default for image models"})


def test_states_are_chips_that_never_collapse(gui_core: StudioCore, qtbot, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    vm = JobsViewModel(gui_core)
    panel = JobsPanel(vm)
    qtbot.addWidget(panel)
    panel.resize(panel.minimumWidth(), 500)
    panel.show()
    for n, state in enumerate(JobState):
        vm.track(job(state, f"j{n}", progress=40.0 if state is JobState.RUNNING else None))
    run_until(lambda: len(vm._tasks) == 0, message="the rows' thumbnails looked up")  # none: no results
    qtbot.wait(20)
    model = vm.model
    tones = {model.data(model.index(r, model.STATE), TONE_ROLE) for r in range(model.rowCount())}
    assert tones == set(TONES)
    assert state_tone(JobState.STALLED) == "unknown" and state_tone(JobState.DOWNLOADING) == "running"
    running = next(r for r in range(model.rowCount()) if model.job_at(r).state is JobState.RUNNING)
    assert model.data(model.index(running, model.STATE)) == "Running 40%"
    header = panel.table.horizontalHeader()
    metrics = panel.table.fontMetrics()
    widest = max(metrics.horizontalAdvance(str(model.data(model.index(r, model.STATE))))
                 for r in range(model.rowCount()))
    assert header.sectionSize(model.STATE) >= widest + 16  # the chip's text is never elided
    assert header.sectionSize(model.PROMPT) >= PROMPT_MINIMUM  # at the panel's narrowest
    assert panel.table.isColumnHidden(model.TIME)  # the time is drawn under the chip
    assert not panel.grab().isNull()  # the chips paint


def test_the_result_thumbnail_is_in_the_row(studio, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    tab, panel = studio
    job_id = generate(tab, "dall-e-3", "a red fox", run_until)
    panel.table.viewport().update()
    run_until(lambda: panel.pixmaps.peek(job_id) is not None, message="the row's thumbnail")
    assert not panel.pixmaps.peek(job_id).isNull()


# -- the right-click menu ------------------------------------------------------------------------


def test_the_menu_offers_what_the_state_allows(studio, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    tab, panel = studio
    job_id = generate(tab, "dall-e-3", "a red fox", run_until)
    done = panel.vm.model.job(job_id)
    assert done is not None
    menu = panel.job_menu(done)
    actions = {action.objectName(): action for action in menu.actions() if action.objectName()}
    assert actions["jobMenuOpen"].isEnabled() and actions["jobMenuGallery"].isEnabled()
    assert not actions["jobMenuCancel"].isEnabled() and not actions["jobMenuRetry"].isEnabled()
    opened: list[str] = []
    shown: list[str] = []
    panel.jobOpened.connect(opened.append)
    panel.galleryRequested.connect(shown.append)
    actions["jobMenuOpen"].trigger()
    actions["jobMenuGallery"].trigger()
    actions["jobMenuCopy"].trigger()
    assert opened == [job_id]
    run_until(lambda: bool(shown), message="the result shown in the gallery")
    assert shown == [tab._shown.assets[0].id]
    assert QGuiApplication.clipboard().text() == "a red fox"
    menu = panel.job_menu(replace(done, id="failed1", state=JobState.FAILED))
    retry = next(a for a in menu.actions() if a.objectName() == "jobMenuRetry")
    assert retry.isEnabled() and retry.text() == QCoreApplication.translate("JobsPanel", "Retry")
    assert not next(a for a in menu.actions() if a.objectName() == "jobMenuGallery").isEnabled()


# -- news while the window is away ---------------------------------------------------------------


def test_a_long_job_that_settles_while_away_is_news(gui_core: StudioCore, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm = JobsViewModel(gui_core)
    panel = JobsPanel(vm)
    qtbot.addWidget(panel)
    titles: list[str] = []
    panel.titleChanged.connect(titles.append)
    counts: list[int] = []
    news: list[tuple[str, bool]] = []
    vm.unseenChanged.connect(counts.append)
    vm.newsArrived.connect(lambda job_id, ok: news.append((job_id, ok)))
    vm.setWindowActive(False)
    long_ago = time.time() - 60
    for job_id, final in (("long", JobState.DONE), ("broke", JobState.FAILED), ("mine", JobState.CANCELLED)):
        vm.track(job(JobState.RUNNING, job_id, created=long_ago))
        vm._on_event(JobEvent(job(final, job_id, created=long_ago)))
    vm.track(job(JobState.RUNNING, "quick"))
    vm._on_event(JobEvent(job(JobState.DONE, "quick")))  # a few seconds: the user did not wait for it
    assert news == [("long", True), ("broke", False)] and vm.unseen == 2 and counts == [1, 2]
    assert vm.news("long") == ("Your image is ready", "a red fox")
    assert vm.news("broke")[0] == "Your image failed"
    assert panel.title() == "Jobs (2 new)" and titles[-1] == "Jobs (2 new)"
    vm.setWindowActive(True)
    assert vm.unseen == 0 and counts[-1] == 0
    assert titles[-1] == panel.title() == "Jobs"


def test_a_model_whose_format_cannot_make_images_is_told_without_identifiers(  # type: ignore[no-untyped-def]
        studio, run_until: Runner) -> None:
    tab, _panel = studio
    tab.model_picker.setEditText("sora-2")  # a video model: its format makes no pictures
    run_until(lambda: tab.vm.model == "sora-2")
    tab.prompt.setPlainText("a red fox")
    tab.generate()
    run_until(lambda: tab.banner.isVisible(), message="the refusal shown")
    assert tab.banner.text.startswith("sora-2 ") and not identifiers_in(tab.banner.text), tab.banner.text
    assert "--family" not in tab.banner.text  # no window tells a creator to run a command


def test_the_panel_follows_a_language_change(gui_core: StudioCore, qapp: QApplication, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm = JobsViewModel(gui_core)
    panel = JobsPanel(vm)
    qtbot.addWidget(panel)
    panel.show()
    english = panel.empty.text()
    translators = install_translators(qapp, "zh_CN")
    try:
        assert translators
        qtbot.waitUntil(lambda: panel.empty.text() != english)  # LanguageChange reached the panel
        assert panel.empty.text() == QCoreApplication.translate("JobsPanel", english)
        assert vm.model.headerData(1, Qt.Orientation.Horizontal) == QCoreApplication.translate("JobListModel",
                                                                                                "State")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: panel.empty.text() == english)
