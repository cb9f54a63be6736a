"""The Jobs panel (a dock): every recent job with its result's thumbnail, its state as a coloured chip
(with the progress of a job at work) and its elapsed time, and the actions that fit the selected job's
state — cancel, retry, submit again, keep waiting, download now — as buttons and a right-click menu."""

from __future__ import annotations

import asyncio
import html
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRectF,
    QSize,
    Qt,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QHelpEvent,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from studio.jobs.model import SETTLED, Job, JobState
from studio.viewmodels.jobs import JOB_ID_ROLE, PROGRESS_ROLE, TONE_ROLE, JobActions, JobsViewModel, chip_text
from studio.views.icons import icon
from studio.views.thumbnail_decoder import ThumbnailPixmaps

#: the hue of each chip tone; mixed with the palette's base colour so the chip reads in light and dark
_HUES: dict[str, str] = {
    "queued": "#7a8699", "running": "#3d7bd9", "done": "#2e9d5b", "failed": "#d9463d",
    "unknown": "#d68a00", "cancelled": "#8a8a8a",
}
THUMB = 32
#: thumbnails kept decoded (the panel lists the recent jobs)
RECENT_THUMBS = 320
CHIP_HEIGHT = 20
#: the prompt column at the panel's narrowest, its thumbnail included: about 20 letters or 10 Chinese characters
PROMPT_MINIMUM = 160
#: the panel's own margin (docs/UI.md)
MARGIN = 4
#: what stands in a row's thumbnail until its result is there (a running job, a failed one): its kind
_KIND_ICONS = {"image": "image", "mj": "image", "video": "video", "music": "music", "audio": "audio", "speech": "audio",
               "transcribe": "audio"}


def chip_colors(tone: str, palette: QPalette) -> tuple[QColor, QColor, QColor]:
    """(background, fill of the progress, text) of a state chip for `palette`: a faint wash of the tone's
    hue over the base colour, and the hue itself darkened (light theme) or lightened (dark) for the text."""
    base = palette.color(QPalette.ColorRole.Base)
    hue = QColor(_HUES.get(tone, _HUES["queued"]))
    dark = base.lightnessF() < 0.5

    def mix(amount: float) -> QColor:
        return QColor.fromRgbF(base.redF() + (hue.redF() - base.redF()) * amount,
                               base.greenF() + (hue.greenF() - base.greenF()) * amount,
                               base.blueF() + (hue.blueF() - base.blueF()) * amount)

    text = hue.lighter(150) if dark else hue.darker(160)
    return mix(0.22 if dark else 0.16), mix(0.45 if dark else 0.34), text


def tooltip_html(text: str) -> str:
    """`text` (a prompt and the job's details) as a tooltip that keeps its lines and wraps a long one."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def small_font(font: QFont) -> QFont:
    """`font` at the size of secondary details (×0.9, docs/UI.md)."""
    small = QFont(font)
    if small.pointSizeF() > 0:
        small.setPointSizeF(small.pointSizeF() * 0.9)
    else:
        small.setPixelSize(round(small.pixelSize() * 0.9))
    return small


def row_height(font: QFont) -> int:
    """The height of every row: the thumbnail, or the chip with the time beneath, whichever is taller."""
    return max(THUMB + 8, CHIP_HEIGHT + QFontMetrics(small_font(font)).height() + 6)


class _StateDelegate(QStyledItemDelegate):
    """The state column as a rounded chip in the state's colour (a job at work fills it with its progress), with
    the job's elapsed time beneath it in small muted type: the time needs no column of its own."""

    def __init__(self, time_column: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._time_column = time_column


    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        style = option.widget.style() if option.widget else QApplication.style()
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        plain.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, option.widget)  # selection
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        elapsed = str(index.sibling(index.row(), self._time_column).data(Qt.ItemDataRole.DisplayRole) or "")
        background, fill, color = chip_colors(str(index.data(TONE_ROLE) or ""), option.palette)
        metrics = option.fontMetrics
        small = small_font(option.font)
        line = QFontMetrics(small).height() if elapsed else 0
        width = min(option.rect.width() - 4, metrics.horizontalAdvance(text) + 16)
        height = min(option.rect.height() - 4 - line, CHIP_HEIGHT)
        top = option.rect.center().y() - (height + line) / 2 + 1
        chip = QRectF(option.rect.x() + 2, top, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(chip, height / 2, height / 2)
        painter.fillPath(path, background)
        progress = index.data(PROGRESS_ROLE)
        if isinstance(progress, int) and progress > 0:
            painter.setClipPath(path)
            painter.fillRect(QRectF(chip.x(), chip.y(), chip.width() * min(progress, 100) / 100, chip.height()), fill)
            painter.setClipping(False)
        painter.setPen(color)
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, metrics.elidedText(
            text, Qt.TextElideMode.ElideRight, int(chip.width()) - 8))
        if elapsed:
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
            painter.setPen(option.palette.color(role))
            painter.setFont(small)
            painter.drawText(QRectF(chip.x() + 8, chip.bottom(), option.rect.width() - 12, line),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elapsed)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        return QSize(option.fontMetrics.horizontalAdvance(text) + 24, row_height(option.font))


class _PromptDelegate(QStyledItemDelegate):
    """The prompt column with the job's result as a small thumbnail (decoded off the UI thread); a row
    painted before its thumbnail is known asks the view-model for it."""

    def __init__(self, vm: JobsViewModel, pixmaps: ThumbnailPixmaps, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self._pixmaps = pixmaps
        self._icons: dict[str, tuple[int, QIcon]] = {}  # job id -> (cache key of the pixmap, its icon)
        self._kinds: dict[tuple[str, str], QIcon] = {}  # (kind, colour) -> the stand-in for a thumbnail

    def _icon(self, job_id: str, pixmap: QPixmap) -> QIcon:
        """The thumbnail scaled to the row once (a small picture is enlarged to fill it too)."""
        known = self._icons.get(job_id)
        if known is not None and known[0] == pixmap.cacheKey():
            return known[1]
        view = self.parent()
        ratio = view.devicePixelRatioF() if isinstance(view, QWidget) else 1.0
        side = round(THUMB * ratio)
        scaled = pixmap.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                               Qt.TransformationMode.SmoothTransformation)
        scaled.setDevicePixelRatio(ratio)
        made = QIcon(scaled)
        if len(self._icons) > RECENT_THUMBS:
            self._icons.clear()
        self._icons[job_id] = (pixmap.cacheKey(), made)
        return made

    def _stand_in(self, job_id: str, palette: QPalette) -> QIcon:
        """The job's kind as a small line icon in the placeholder colour, centred where its thumbnail goes."""
        job = self._vm.model.job(job_id) if job_id else None
        kind = _KIND_ICONS.get(job.capability if job is not None else "", "image")
        colour = palette.color(QPalette.ColorRole.PlaceholderText).name(QColor.NameFormat.HexArgb)  # often translucent
        made = self._kinds.get((kind, colour))
        if made is None:
            view = self.parent()
            ratio = view.devicePixelRatioF() if isinstance(view, QWidget) else 1.0
            canvas = QPixmap(round(THUMB * ratio), round(THUMB * ratio))
            canvas.setDevicePixelRatio(ratio)
            canvas.fill(Qt.GlobalColor.transparent)
            painter = QPainter(canvas)
            side = THUMB // 2
            corner = (THUMB - side) // 2
            painter.drawPixmap(corner, corner, icon(kind, colour).pixmap(QSize(side, side), ratio))
            painter.end()
            made = self._kinds[(kind, colour)] = QIcon(canvas)
        return made

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        job_id = str(index.data(JOB_ID_ROLE) or "")
        found = self._pixmaps.pixmap(job_id) if job_id else None
        if found is None and job_id:
            self._vm.want_thumbnail(job_id)
        option.icon = self._icon(job_id, found[0]) if found is not None else self._stand_in(job_id, option.palette)
        option.decorationSize = QSize(THUMB, THUMB)
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration


class JobsPanel(QWidget):
    #: the user opened a job (double-click, or Open in its menu): its id
    jobOpened = Signal(str)
    #: the user asked to see a job's result in the gallery: the asset id
    galleryRequested = Signal(str)
    #: the dock's title with the count of jobs that finished while the window was away ("Jobs (2)")
    titleChanged = Signal(str)

    def __init__(self, vm: JobsViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vm = vm
        self.table = QTableView(self)
        self.table.setObjectName("jobsView")
        self.table.setModel(vm.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setIconSize(QSize(THUMB, THUMB))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        # the chip (with the time beneath) gets the width of its longest text (it never elides, never jumps); the
        # prompt stretches, never narrower than PROMPT_MINIMUM (the panel's minimum width follows, `_fit_columns`)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(vm.model.PROMPT, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        # the empty panel is the same list with a sentence in it: nothing is swapped (or resized) at the first job
        self.empty = QLabel(self.table.viewport())
        self.empty.setObjectName("jobsEmpty")
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.table.viewport().installEventFilter(self)
        self._fit_columns()
        self.table.doubleClicked.connect(self._opened)
        self.table.setItemDelegateForColumn(vm.model.STATE, _StateDelegate(vm.model.TIME, self.table))
        self.table.setColumnHidden(vm.model.TIME, True)  # drawn under the chip
        vm.model.dataChanged.connect(self._time_changed)
        self.pixmaps = ThumbnailPixmaps(self, cache_size=RECENT_THUMBS)
        self.table.setItemDelegateForColumn(vm.model.PROMPT, _PromptDelegate(vm, self.pixmaps, self.table))
        vm.thumbnailLoaded.connect(self.pixmaps.request)
        self.pixmaps.ready.connect(vm.model.refresh)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        vm.unseenChanged.connect(lambda _count: self.titleChanged.emit(self.title()))

        self.detail = QLabel(self)
        self.detail.setObjectName("jobDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cancel_button = QPushButton(self)
        self.retry_button = QPushButton(self)
        self.wait_button = QPushButton(self)
        self.link_button = QPushButton(self)
        for button, name in ((self.cancel_button, "close"), (self.retry_button, "refresh"),
                             (self.wait_button, "clock"), (self.link_button, "external")):
            button.setIcon(icon(name))
        self.retranslate()
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
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        vm.jobChanged.connect(self._job_changed)
        vm.model.modelReset.connect(self._update_empty)
        vm.model.rowsInserted.connect(self._update_empty)
        vm.model.rowsRemoved.connect(self._update_empty)
        self._update_empty()

    def title(self) -> str:
        """The dock's title: "Jobs", with a badge while jobs that finished away from the window are unseen."""
        count = self.vm.unseen
        return self.tr("Jobs ({0} new)").format(count) if count else self.tr("Jobs")

    def _fit_columns(self) -> None:
        metrics = self.table.fontMetrics()
        texts = [chip_text(state) + (" 100%" if state not in SETTLED else "") for state in JobState]
        header = self.table.horizontalHeader()
        state = max(metrics.horizontalAdvance(t) for t in texts) + 24
        header.resizeSection(self.vm.model.STATE, state)
        # every row as tall, with a thumbnail or without (the panel never changes size with its rows)
        self.table.verticalHeader().setDefaultSectionSize(row_height(self.table.font()))
        # room for the vertical scroll bar too, so many rows never squeeze the prompt under its minimum
        bar = self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.table)
        self.setMinimumWidth(PROMPT_MINIMUM + state + bar + 2 * self.table.frameWidth() + 2 * MARGIN)

    @Slot(QModelIndex, QModelIndex)
    def _time_changed(self, first: QModelIndex, last: QModelIndex) -> None:
        """The elapsed time ticked (its column is hidden): the chips above it are painted again."""
        if first.column() <= self.vm.model.TIME <= last.column() and first.column() > self.vm.model.STATE:
            for row in range(first.row(), last.row() + 1):
                self.table.update(first.siblingAtRow(row).siblingAtColumn(self.vm.model.STATE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.empty.setGeometry(self.table.viewport().rect().adjusted(12, 12, -12, -12))
        elif watched is self.table.viewport() and event.type() == QEvent.Type.ToolTip:
            help_event = cast(QHelpEvent, event)
            index = self.table.indexAt(help_event.pos())
            text = str(index.data(Qt.ItemDataRole.ToolTipRole) or "") if index.isValid() else ""
            if text:  # a long prompt wraps instead of running across the screen
                QToolTip.showText(help_event.globalPos(), tooltip_html(text), self.table.viewport())
                return True
        return False

    def retranslate(self) -> None:
        """Every text of the panel in the current language (at start, and when the language changes)."""
        self.empty.setText(self.tr("No jobs yet. Images, videos and songs you generate appear here "
                                   "while they run, and survive a restart."))
        self.cancel_button.setText(self.tr("Cancel"))
        self.retry_button.setText(self.tr("Retry"))
        self.wait_button.setText(self.tr("Keep waiting"))
        self.link_button.setText(self.tr("Open link"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.FontChange):
            self._fit_columns()
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.vm.model.retranslate()
            self._show(self.selected_job())
            self.titleChanged.emit(self.title())

    def selected_job(self) -> Job | None:
        rows = self.table.selectionModel().selectedRows()
        return self.vm.model.job_at(rows[0].row()) if rows else None

    @Slot()
    def _update_empty(self) -> None:
        has_jobs = self.vm.model.rowCount() > 0
        self.empty.setVisible(not has_jobs)
        self.table.horizontalHeader().setVisible(has_jobs)

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
        details = self.vm.details(job)  # why the format was chosen goes in the tooltip
        self.detail.setText("\n".join(line for line in (details.sent_as, details.note, details.error) if line))
        self.detail.setToolTip(details.why)
        actions = self.vm.actions(job)
        self.cancel_button.setVisible(actions.cancel)
        self.retry_button.setText(self._retry_text(actions))
        self.retry_button.setVisible(actions.retry is not None)
        self.wait_button.setVisible(actions.keep_waiting)
        self.link_button.setVisible(actions.open_link)
        self.cancel_button.setText(self._cancel_text(actions))

    def _retry_text(self, actions: JobActions) -> str:
        return {"submit-again": self.tr("Submit again"),
                "download": self.tr("Download now")}.get(actions.retry or "", self.tr("Retry"))

    def _cancel_text(self, actions: JobActions) -> str:
        return self.tr("Discard") if actions.discard_asks else self.tr("Cancel")

    def job_menu(self, job: Job) -> QMenu:
        """The right-click menu of a job: the actions its state allows (`JobActions`), in the panel's words."""
        actions = self.vm.actions(job)
        menu = QMenu(self)
        menu.setObjectName("jobMenu")
        opened = menu.addAction(self.tr("Open"))
        opened.setObjectName("jobMenuOpen")
        opened.setEnabled(actions.open)
        opened.triggered.connect(lambda: self.jobOpened.emit(job.id))
        shown = menu.addAction(self.tr("Show in gallery"))
        shown.setObjectName("jobMenuGallery")
        shown.setEnabled(actions.show_in_gallery)
        shown.triggered.connect(lambda: self._show_in_gallery(job.id))
        copied = menu.addAction(self.tr("Copy prompt"))
        copied.setObjectName("jobMenuCopy")
        copied.setEnabled(bool(job.prompt))
        copied.triggered.connect(lambda: QGuiApplication.clipboard().setText(job.prompt))
        menu.addSeparator()
        retry = menu.addAction(self._retry_text(actions))
        retry.setObjectName("jobMenuRetry")
        retry.setEnabled(actions.retry is not None)
        retry.triggered.connect(lambda: self.vm.retry(job.id))
        if actions.keep_waiting:
            waiting = menu.addAction(self.tr("Keep waiting"))
            waiting.setObjectName("jobMenuWait")
            waiting.triggered.connect(lambda: self.vm.keepWaiting(job.id))
        cancel = menu.addAction(self._cancel_text(actions))
        cancel.setObjectName("jobMenuCancel")
        cancel.setEnabled(actions.cancel)
        cancel.triggered.connect(lambda: self._cancel_job(job))
        return menu

    @Slot(QPoint)
    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        job = self.vm.model.job_at(index.row()) if index.isValid() else None
        if job is None:
            return
        self.table.selectRow(index.row())
        menu = self.job_menu(job)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def _show_in_gallery(self, job_id: str) -> None:
        self.vm.spawn(self._reveal(job_id), busy=False)

    async def _reveal(self, job_id: str) -> None:
        asset = await asyncio.to_thread(self.vm.gallery_asset, job_id)  # the library is read off the UI thread
        if asset:
            self.galleryRequested.emit(asset)

    def _act(self, action: Callable[[str], object]) -> None:
        job = self.selected_job()
        if job is not None:
            action(job.id)

    @Slot()
    def _cancel(self) -> None:
        job = self.selected_job()
        if job is not None:
            self._cancel_job(job)

    def _cancel_job(self, job: Job) -> None:
        if self.vm.actions(job).discard_asks:
            from PySide6.QtWidgets import QMessageBox  # made when first asked: its enums cost ~3 ms at start-up

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

