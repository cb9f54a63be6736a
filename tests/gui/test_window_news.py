"""The main window's side of the Jobs panel: the dock's badge, the news of a job that settled while the
window was away (the status bar where there is no system tray, as offscreen), and a reopened job that
fills its tab with its prompt and model."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QSystemTrayIcon

from studio.jobs.model import Job, JobState
from studio.jobs.runner import JobEvent
from studio.services.core import StudioCore
from studio.viewmodels.chat import ChatViewModel
from studio.viewmodels.image import ImageViewModel
from studio.viewmodels.jobs import JobsViewModel
from studio.viewmodels.main import MainViewModel
from studio.views.main_window import MainWindow
from tests.gui.conftest import Runner


def job(state: JobState, job_id: str, *, created: float) -> Job:
    return Job(id=job_id, capability="image", family="openai-images", profile="local", model="dall-e-3",
               prompt="a red fox at dawn", request={}, state=state, progress=None, created_at=created,
               updated_at=time.time(), metadata={})


def test_news_badge_and_a_reopened_job(gui_core: StudioCore, qtbot, run_until: Runner) -> None:  # type: ignore[no-untyped-def]
    jobs = JobsViewModel(gui_core)
    window = MainWindow(MainViewModel(gui_core), ChatViewModel(gui_core), jobs, ImageViewModel(gui_core, jobs), None,
                        lambda: None)
    qtbot.addWidget(window)
    jobs.setWindowActive(False)  # the window is away
    long_ago = time.time() - 60
    jobs.track(job(JobState.RUNNING, "fox", created=long_ago))
    jobs._on_event(JobEvent(job(JobState.DONE, "fox", created=long_ago)))
    assert window.jobs_dock.windowTitle() == "Jobs (1 new)"
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen: the news goes to the status bar
    assert window.statusBar().currentMessage() == "Your image is ready: a red fox at dawn"
    jobs.setWindowActive(True)
    assert window.jobs_dock.windowTitle() == "Jobs"

    window.open_job("fox")
    assert window.tabs.currentWidget() is window.image_page
    run_until(lambda: window.image_tab.prompt.toPlainText() == "a red fox at dawn")
    assert window.image_vm.model == "dall-e-3"
