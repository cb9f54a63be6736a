"""Which actions a job's state allows (`JobActions`, decided by the jobs view-model), and the Jobs panel
turning them into buttons and texts — no relay needed: jobs are shown with `track`."""

from __future__ import annotations

import pytest

from studio.jobs.model import Job, JobState
from studio.services.core import StudioCore
from studio.viewmodels.jobs import JobActions, JobsViewModel, RetryKind
from studio.views.jobs_panel import JobsPanel

S = JobState
LINK = "https://relay.example/out/1.png"

#: state → (cancel, retry, keep waiting, open link when a web link is kept, discard asks, show in gallery)
RULES: dict[JobState, tuple[bool, RetryKind | None, bool, bool, bool, bool]] = {
    S.SAVED: (True, None, False, False, False, False),
    S.SUBMITTING: (False, None, False, False, False, False),  # a job being sent keeps its answer
    S.UNKNOWN: (True, "submit-again", False, False, True, False),
    S.SUBMITTED: (True, None, False, False, False, False),
    S.RUNNING: (True, None, False, False, False, False),
    S.STALLED: (True, None, True, False, False, False),
    S.DOWNLOADING: (False, None, False, False, False, False),
    S.DONE: (False, None, False, False, False, True),
    S.DONE_REMOTE_ONLY: (False, "download", False, True, False, False),
    S.FAILED: (False, "retry", False, False, False, False),
    S.CANCELLED: (False, "retry", False, False, False, False),
}


def job(state: JobState, *, links: tuple[str, ...] = (), job_id: str = "j1") -> Job:
    return Job(id=job_id, capability="image", family="openai-images", profile="local", model="dall-e-3",
               prompt="a red fox", request={}, state=state, result_urls=links)


def test_every_state_has_a_rule() -> None:
    assert set(RULES) == set(JobState)


@pytest.mark.parametrize("state", list(JobState))
def test_the_actions_a_state_allows(state: JobState) -> None:
    cancel, retry, keep_waiting, open_link, discard_asks, gallery = RULES[state]
    links = (LINK,) if state is S.DONE_REMOTE_ONLY else ()
    assert JobActions.of(job(state, links=links)) == JobActions(
        cancel=cancel, retry=retry, keep_waiting=keep_waiting,
        open_link=open_link, discard_asks=discard_asks, show_in_gallery=gallery, open=True)


def test_open_link_needs_a_web_link() -> None:
    assert not JobActions.of(job(S.DONE_REMOTE_ONLY)).open_link  # no link kept
    assert not JobActions.of(job(S.DONE_REMOTE_ONLY, links=("data:image/png;base64,AAAA",))).open_link
    assert JobActions.of(job(S.DONE_REMOTE_ONLY, links=(LINK,))).open_link


def test_no_job_allows_nothing(core: StudioCore) -> None:
    assert JobsViewModel(core).actions(None) == JobActions()


TEXTS = {None: "Retry", "retry": "Retry", "submit-again": "Submit again", "download": "Download now"}


def test_the_panel_shows_what_the_view_model_allows(core: StudioCore, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm = JobsViewModel(core)
    panel = JobsPanel(vm)
    qtbot.addWidget(panel)
    panel.show()
    for n, state in enumerate(JobState):
        shown = job(state, links=(LINK,), job_id=f"j{n}")
        vm.track(shown)  # newest first: row 0
        panel.table.selectRow(0)
        assert panel.selected_job() == shown
        cancel, retry, keep_waiting, open_link, discard_asks, _gallery = RULES[state]
        assert panel.cancel_button.isVisible() is cancel, state
        assert panel.cancel_button.text() == ("Discard" if discard_asks else "Cancel"), state
        assert panel.retry_button.isVisible() is (retry is not None), state
        assert panel.retry_button.text() == TEXTS[retry], state
        assert panel.wait_button.isVisible() is keep_waiting, state
        assert panel.link_button.isVisible() is open_link, state
    panel.table.clearSelection()
    buttons = (panel.cancel_button, panel.retry_button, panel.wait_button, panel.link_button)
    assert not any(b.isVisible() for b in buttons)
