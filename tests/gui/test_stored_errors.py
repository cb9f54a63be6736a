"""A job's stored error is worded in the language the window shows now, from the code and arguments the
runner stored beside its English sentence: in Chinese after a failure in English, the relay's own words and
request id verbatim, and a code this version does not know shown as its English sentence."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from studio.app import install_translators
from studio.errors import ErrorInfo, StudioError
from studio.jobs.model import Job, JobState
from studio.jobs.runner import JobEvent
from studio.services.core import StudioCore
from studio.viewmodels.errors import stored_error, worded
from studio.viewmodels.image import job_view
from studio.viewmodels.jobs import JobsViewModel
from studio.views.jobs_panel import JobsPanel
from tests.gui.conftest import Runner
from tests.relay import RelayServer
from tests.relay.fixtures import REQUEST_ID

#: the auth error's category as the zh_CN catalogue already says it (resources/i18n/relay_studio_zh_CN.ts)
AUTH_ZH = "中转站拒绝了 API 密钥，请检查此配置的密钥"
AUTH_EN = "The relay rejected the API key; check the key of this profile"


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, "zh_CN")
    assert translators, "the zh_CN catalogue was not compiled (run the setup command)"
    assert QCoreApplication.translate("Errors", AUTH_EN) == AUTH_ZH
    yield
    for translator in translators:
        qapp.removeTranslator(translator)  # type: ignore[arg-type]


def failed_job(job_id: str, error: str, detail: ErrorInfo | None) -> Job:
    now = time.time()
    return Job(id=job_id, capability="image", family="openai-images", profile="local", model="dall-e-3",
               prompt="a red fox", request={}, state=JobState.FAILED, created_at=now - 60, updated_at=now,
               error=error, error_detail=detail)


def row_tooltip(vm: JobsViewModel, job_id: str) -> str:
    model = vm.model
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0), Qt.ItemDataRole.UserRole + 1)
               == job_id)
    return str(model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole))


def test_a_key_the_relay_rejected_reads_in_chinese_in_the_jobs_panel(  # type: ignore[no-untyped-def]
        gui_core: StudioCore, relay: RelayServer, qtbot, loop, run_until: Runner, chinese: None) -> None:
    gui_core.profiles.add("local", relay.url, key="sk-wrong-0123456789", make_default=True)
    vm = JobsViewModel(gui_core)
    panel = JobsPanel(vm)
    qtbot.addWidget(panel)
    panel.show()
    vm.start()
    job = gui_core.jobs.create_image("a red fox", model="dall-e-3")
    vm.track(job)
    loop.call_soon(lambda: vm.runner.run(job.id))
    run_until(lambda: (vm.model.job(job.id) or job).state is JobState.FAILED, message="the job failed")
    failed = vm.model.job(job.id)
    assert failed is not None and failed.error and failed.error.startswith(AUTH_EN)  # the CLI's sentence, kept
    expected = f"{AUTH_ZH}：无效的令牌（HTTP 401）。 （请求 ID：{REQUEST_ID}）"
    assert stored_error(failed) == expected
    assert expected in row_tooltip(vm, job.id)  # the row's tooltip (the job's details)
    assert vm.details(failed).error == expected
    assert vm.news(job.id)[1] == expected  # the tray message
    assert job_view(failed, [], gui_core.paths.root).error == expected  # the Image tab's status
    panel.table.selectRow(0)
    run_until(lambda: expected in panel.detail.text(), message="the details worded")
    run_until(lambda: not vm.runner.active(job.id), timeout=10)


def test_an_error_stored_in_english_reads_in_the_language_shown_now(  # type: ignore[no-untyped-def]
        gui_core: StudioCore, qapp: QApplication, qtbot) -> None:
    vm = JobsViewModel(gui_core)
    detail = ErrorInfo(code="network.refused", args={"host": "relay.example:8443"})
    english = "Cannot reach the relay at relay.example:8443; it refused the connection or is down."
    vm.track(failed_job("net", english, detail))
    assert english in row_tooltip(vm, "net")
    translators = install_translators(qapp, "zh_CN")
    try:
        assert "无法连接中转站 relay.example:8443：连接被拒绝或服务已停止。" in row_tooltip(vm, "net")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)  # type: ignore[arg-type]


def test_an_unknown_code_or_arguments_that_do_not_fit_show_the_english_sentence(  # type: ignore[no-untyped-def]
        gui_core: StudioCore, chinese: None) -> None:
    vm = JobsViewModel(gui_core)
    cases = {
        "future": ErrorInfo(code="runner.from-a-newer-version", args={"x": 1}),
        "unfit": ErrorInfo(code="runner.unsupported-family", args={}),  # its family is missing
        "nested": ErrorInfo(code="runner.nothing-sent", args={"cause": "not a description"}),
        "old": None,  # a row stored before codes
    }
    for job_id, detail in cases.items():
        sentence = f"Something only version 9 knows about ({job_id})."
        vm.track(failed_job(job_id, sentence, detail))
        vm._on_event(JobEvent(failed_job(job_id, sentence, detail)))
        assert sentence in row_tooltip(vm, job_id), job_id
        assert vm.details(vm.model.job(job_id)).error == sentence  # type: ignore[arg-type]


def test_a_nested_cause_is_worded_and_its_unknown_code_keeps_its_sentence(chinese: None) -> None:
    auth = ErrorInfo(code="relay.auth", args={"status": 401, "message": "无效的令牌"}, sentence="ignored")
    worded_auth = worded(ErrorInfo(code="runner.maybe-started", args={"cause": auth}), "English.")
    assert worded_auth.startswith(f"{AUTH_ZH}：无效的令牌（HTTP 401）") and "English" not in worded_auth
    unknown = ErrorInfo(code="", args={}, sentence="The disk said no.")
    assert worded(ErrorInfo(code="runner.nothing-sent", args={"cause": unknown}), "x").startswith("The disk said no")


def test_a_running_jobs_note_is_worded_from_its_code(gui_core: StudioCore, chinese: None) -> None:
    vm = JobsViewModel(gui_core)
    running = replace(failed_job("run", "", None), state=JobState.RUNNING, error=None)
    vm.track(running)
    vm._on_event(JobEvent(running, note="Cannot reach the relay at relay.example; it refused the connection or is "
                                        "down.", detail=ErrorInfo(code="network.refused",
                                                                  args={"host": "relay.example"})))
    assert vm.details(running).note == "无法连接中转站 relay.example：连接被拒绝或服务已停止。"
    progress = ErrorInfo(code="download.progress", args={"done": "12", "total": "48", "percent": 25})
    vm._on_event(JobEvent(running, note="Downloading: 12 of 48 MB (25 %)", detail=progress))
    assert vm.note("run") == "正在下载：12 / 48 MB（25 %）"
    vm._on_event(JobEvent(running, note="The result link answered HTTP 403; it may have expired."))  # no code
    assert vm.note("run") == "结果链接返回 HTTP 403，可能已过期。"  # worded by its shape, as before codes


def test_a_silent_recordings_error_reads_as_the_cores_own_sentence() -> None:
    """A recording of digital silence (never sent) is worded from its code, as the core says it in English."""
    from studio.jobs.transcription import _silent_outcome

    outcome = _silent_outcome("quiet.wav", {})
    assert outcome.error_detail == {"code": "transcribe.silent", "args": {"name": "quiet.wav"}}
    assert worded(outcome.error_detail, "") == outcome.error == "quiet.wav is silent; nothing was sent."


def test_a_long_transcriptions_notes_are_worded_from_their_codes_as_the_core_says_them() -> None:
    notes = [
        ("whisper-1 takes at most 25 minutes an upload: cutting shorter parts",
         ErrorInfo(code="transcribe.shorter-parts", args={"model": "whisper-1", "minutes": "25"})),
        ("Compressing talk.wav", ErrorInfo(code="transcribe.compressing", args={"name": "talk.wav"})),
        ("Compressed 12 minutes of talk.wav",
         ErrorInfo(code="transcribe.compressed", args={"name": "talk.wav", "minutes": "12"})),
        ("3 of 12 parts transcribed", ErrorInfo(code="transcribe.parts", args={"done": 3, "total": 12})),
    ]
    for english, info in notes:
        assert worded(info, "not this") == english


def test_in_english_a_described_error_reads_as_the_cores_own_sentence(tmp_path: Path) -> None:
    """The window's English and the CLI's are one sentence for the codes the runner and handlers store."""
    from studio.api.errors import NetworkError
    from studio.jobs.handlers import Outcome
    from studio.jobs.runner import _outcome_error, _unknown
    from studio.jobs.vendor_video import failed
    from studio.storage.disk import DiskFull, disk_full, ensure_margin

    problems: list[StudioError | str] = [
        _unknown(NetworkError("The connection to the relay at h broke before the answer was complete.", host="h",
                              reason="broken")),
        _outcome_error(Outcome(phase="failed")),
        _outcome_error(failed("Luma", "", what="generation")),
        _outcome_error(failed("Kling", "content moderation")),
        disk_full(tmp_path, 3 * 1024 * 1024),
        disk_full(tmp_path),
    ]
    with pytest.raises(DiskFull) as full:
        ensure_margin(tmp_path, 1 << 60)
    problems.append(full.value)
    for problem in problems:
        assert isinstance(problem, StudioError) and problem.describe() is not None, problem
        assert worded(problem.describe(), "") == str(problem)
