"""The Jobs panel (a dock): every recent job with its live state, progress and elapsed time, and the
actions that fit the selected job's state — cancel, retry, submit again, keep waiting, download now."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QModelIndex, QPersistentModelIndex, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.jobs.model import Job
from studio.viewmodels.jobs import JOB_ID_ROLE, PROGRESS_ROLE, JobsViewModel


class _StateDelegate(QStyledItemDelegate):
    """The state column of a running job is drawn as a progress bar with the state as its text."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        progress = index.data(PROGRESS_ROLE)
        if not isinstance(progress, int) or progress < 0:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(2, 3, -2, -3)
        bar.minimum, bar.maximum, bar.progress = 0, 100, progress
        bar.text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bar.textVisible = True
        bar.state = option.state
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)


class JobsPanel(QWidget):
    #: the user opened a job (double-click): its id
    jobOpened = Signal(str)

    def __init__(self, vm: JobsViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vm = vm
        self.empty = QLabel(self.tr("No jobs yet. Images, videos and songs you generate appear here "
                                    "while they run, and survive a restart."), self)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.table = QTableView(self)
        self.table.setObjectName("jobsView")
        self.table.setModel(vm.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(vm.model.PROMPT, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.doubleClicked.connect(self._opened)
        self.table.setItemDelegateForColumn(vm.model.STATE, _StateDelegate(self.table))

        self.detail = QLabel(self)
        self.detail.setObjectName("jobDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.wait_button = QPushButton(self.tr("Keep waiting"), self)
        self.link_button = QPushButton(self.tr("Open link"), self)
        for button in (self.cancel_button, self.retry_button, self.wait_button, self.link_button):
            button.setVisible(False)
        self.cancel_button.clicked.connect(self._cancel)
        self.retry_button.clicked.connect(lambda: self._act(self.vm.retry))
        self.wait_button.clicked.connect(lambda: self._act(self.vm.keepWaiting))
        self.link_button.clicked.connect(self._open_link)

        buttons = QHBoxLayout()
        for button in (self.cancel_button, self.retry_button, self.wait_button, self.link_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        vm.jobChanged.connect(self._job_changed)
        vm.model.modelReset.connect(self._update_empty)
        vm.model.rowsInserted.connect(self._update_empty)
        self._update_empty()

    def selected_job(self) -> Job | None:
        rows = self.table.selectionModel().selectedRows()
        return self.vm.model.job_at(rows[0].row()) if rows else None

    @Slot()
    def _update_empty(self) -> None:
        has_jobs = self.vm.model.rowCount() > 0
        self.empty.setVisible(not has_jobs)
        self.table.setVisible(has_jobs)

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, *_: object) -> None:
        self._show(self.selected_job())

    @Slot(str)
    def _job_changed(self, job_id: str) -> None:
        job = self.selected_job()
        if job is not None and job.id == job_id:
            self._show(job)

    def _show(self, job: Job | None) -> None:
        if job is None:
            self.detail.clear()
            for button in (self.cancel_button, self.retry_button, self.wait_button, self.link_button):
                button.setVisible(False)
            return
        reason = job.metadata.get("family_reason", "")
        lines = [self.tr("{0} · dialect {1} ({2})").format(job.model, job.family, reason)]
        if job.error:
            lines.append(job.error)
        self.detail.setText("\n".join(lines))
        actions = self.vm.actions(job)
        self.cancel_button.setVisible(actions.cancel)
        retry_text = {"submit-again": self.tr("Submit again"),
                      "download": self.tr("Download now")}.get(actions.retry or "", self.tr("Retry"))
        self.retry_button.setText(retry_text)
        self.retry_button.setVisible(actions.retry is not None)
        self.wait_button.setVisible(actions.keep_waiting)
        self.link_button.setVisible(actions.open_link)
        self.cancel_button.setText(self.tr("Discard") if actions.discard_asks else self.tr("Cancel"))

    def _act(self, action: Callable[[str], object]) -> None:
        job = self.selected_job()
        if job is not None:
            action(job.id)

    @Slot()
    def _cancel(self) -> None:
        job = self.selected_job()
        if job is None:
            return
        if self.vm.actions(job).discard_asks:
            answer = QMessageBox.question(self, self.tr("Discard job"), self.tr(
                "The relay may have run this job and charged for it. Discard it anyway?"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.vm.cancel(job.id)

    @Slot()
    def _open_link(self) -> None:
        job = self.selected_job()
        if job is not None:
            for link in job.temporary_links:
                QDesktopServices.openUrl(QUrl(link))

    @Slot(QModelIndex)
    def _opened(self, index: QModelIndex) -> None:
        job_id = index.data(JOB_ID_ROLE)
        if job_id:
            self.jobOpened.emit(job_id)

