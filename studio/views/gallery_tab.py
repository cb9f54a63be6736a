"""The Gallery tab: filters above a grid of thumbnails over `GalleryViewModel.list_model`.

The grid is a `QListView` in icon mode with one fixed cell size and uniform items, so laying out ten
thousand rows costs no `data()` calls and the view asks only for the rows it paints; the model fetches
those lazily. A small delegate paints each cell (thumbnail, a star for favourites, one line of prompt)
without the style's general item code. The model hands out each thumbnail as PNG bytes; the delegate has
them decoded off the UI thread (`ThumbnailPixmaps`) and paints a placeholder until the pixmap is ready.
A video cell shows its poster frame (a film placeholder until there is one) under a play mark, a sound
cell its cover (a Suno clip's) or its waveform, with a small note mark (a note placeholder until the
thumbnail is there) and the song's title as its caption; both carry their duration in a badge.
Double-clicking a picture shows it in an `ImageViewer` (studio/views/image_viewer.py), a video or a sound
plays it in a `MediaViewer` (studio/views/media_viewer.py); either walks on through the grid's order with
the arrow keys, handing over to the other in the same place when the next asset is of the other kind.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
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
    QImage,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.viewmodels.durations import clock
from studio.viewmodels.gallery import EXTRAS, THUMBNAIL_SIZE, GalleryListModel, GalleryViewModel
from studio.views.banner import ErrorBanner
from studio.views.icons import FAVORITE_TONE, icon
from studio.views.thumbnail_decoder import ThumbnailPixmaps

if TYPE_CHECKING:
    from studio.gallery.store import Asset

#: one cell of the grid: the thumbnail, a line of text and margins
GRID = QSize(180, 200)
_MARGIN = 6
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp"}


_BASE = QPalette.ColorRole.Base
_TEXT = QPalette.ColorRole.Text
_ELIDE = Qt.TextElideMode.ElideRight
_SELECTED = QStyle.StateFlag.State_Selected
_HOVER = QStyle.StateFlag.State_MouseOver
_TINTED = _SELECTED | _HOVER
_STAR = 26
#: the play mark over a video's picture (diameter)
_PLAY = 38
#: the note mark in a sound's picture's corner (diameter)
_NOTE = 24
_TIMED = frozenset({"video", "audio"})
#: the context menu's entries by the view-model's names for them (`GalleryViewModel.allows`)
_MENU_ACTIONS = {"galleryViewAction": "view", "galleryFavoriteAction": "favorite", "galleryRerunAction": "rerun",
                 "galleryAnimateAction": "animate", "galleryReferenceAction": "reference",
                 "galleryTranscribeAction": "transcribe", "galleryExtendAction": "extend",
                 "galleryFolderAction": "folder", "galleryTagsAction": "tags"}


class GalleryDelegate(QStyledItemDelegate):
    """Paints a cell: thumbnail centred in a square, a ★ badge on favourites, the prompt's first line.

    Scrolling paints a screen of cells per frame, so a cell costs one `data()` call (`CellRole`) and a
    handful of painter calls: thumbnails are never scaled here (the model's are at most the cell's square),
    pixmaps are decoded from the model's bytes in a worker thread and cached (`pixmaps`; `thumbnailReady`
    when one arrives), the placeholders and the star are drawn once into pixmaps, and elided labels are
    remembered.
    """

    #: the asset's thumbnail is decoded: its cell can be repainted
    thumbnailReady = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._elided: dict[tuple[str, int], tuple[QStaticText, int]] = {}
        self._kinds: dict[str, QPixmap] = {}  # translucent placeholder by kind
        self._placeholders: dict[tuple[int, int], QPixmap] = {}  # ... flattened onto a background
        self._star: QPixmap | None = None
        self._play: QPixmap | None = None
        self._note: QPixmap | None = None
        self._badges: dict[str, QPixmap] = {}  # duration badges by their text
        self.pixmaps = ThumbnailPixmaps(self)
        self.pixmaps.ready.connect(self.thumbnailReady)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        # Fixed, and it never reads the index: the view samples one row for its uniform size and must not
        # make the model fetch the page of that row.
        return QSize(GRID.width() - 4, GRID.height() - 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        cell = index.data(GalleryListModel.CellRole)
        if not cell:
            return
        asset_id, kind, thumbnail, label, favorite, duration = cell
        decoded = self.pixmaps.pixmap(asset_id)
        if decoded is not None:
            pixmap, width, height = decoded
            placeholder = False
        else:
            if thumbnail is not None:
                self.pixmaps.request(asset_id, thumbnail)
            pixmap, width, height = self._placeholder(kind), THUMBNAIL_SIZE, THUMBNAIL_SIZE
            placeholder = True
        rect = option.rect
        x, y, w = rect.x(), rect.y(), rect.width()
        state = option.state
        tinted = bool(state & _TINTED)
        if tinted:
            self._tint(painter, option, bool(state & _SELECTED))
        left = x + (w - width) // 2
        top = y + 2 + _MARGIN + (THUMBNAIL_SIZE - height) // 2
        if placeholder and not tinted:  # over a tint the translucent one is blended, as it should be
            pixmap = self._opaque(pixmap, option)
        painter.drawPixmap(left, top, pixmap)
        if kind in _TIMED:
            if kind == "video":
                painter.drawPixmap(left + (width - _PLAY) // 2, top + (height - _PLAY) // 2, self._play_pixmap())
            elif not placeholder:  # a cover or a waveform: the mark says it is a sound (the placeholder is one)
                painter.drawPixmap(left + 4, top + height - _NOTE - 4, self._note_pixmap())
            if duration:
                badge = self._badge(clock(round(duration)))
                size = badge.deviceIndependentSize()
                painter.drawPixmap(int(left + width - size.width() - 4), int(top + height - size.height() - 4),
                                   badge)
        if favorite:  # on the picture's corner, however small the picture is
            painter.drawPixmap(left + width - _STAR, top, self._star_pixmap())
        if label:
            text_width = w - 2 * (_MARGIN + 2)
            found = self._elided.get((label, text_width))
            if found is None:
                found = self._elided[(label, text_width)] = self._layout_label(label, text_width, option)
            text, offset = found
            painter.setPen(option.palette.color(_TEXT))  # the selection is only a tint
            painter.drawStaticText(x + offset, y + 2 + _MARGIN + THUMBNAIL_SIZE + 5, text)

    def _layout_label(self, label: str, width: int, option: QStyleOptionViewItem) -> tuple[QStaticText, int]:
        """The label elided to `width` and laid out once (QStaticText), with its offset to be centred."""
        if len(self._elided) > 1000:  # a few screens; a new scroll position lays its labels out anyway
            self._elided.clear()
        elided = option.fontMetrics.elidedText(label, _ELIDE, width)
        text = QStaticText(elided)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.prepare(QTransform(), option.font)
        return text, _MARGIN + 2 + max(0, (width - int(text.size().width())) // 2)

    def clear_caches(self) -> None:
        """Forget elided labels (the font changed)."""
        self._elided.clear()

    def _placeholder(self, kind: str) -> QPixmap:
        found = self._kinds.get(kind)
        if found is None:
            found = self._kinds[kind] = draw_placeholder(kind, THUMBNAIL_SIZE)
        return found

    def _opaque(self, placeholder: QPixmap, option: QStyleOptionViewItem) -> QPixmap:
        """The translucent placeholder flattened onto the view's background once: a fast scroll paints a
        screen of them per frame, and copying is several times cheaper than blending."""
        base = option.palette.color(_BASE).rgba()
        key = (placeholder.cacheKey(), base)
        found = self._placeholders.get(key)
        if found is None:
            found = QPixmap(placeholder.size())
            found.setDevicePixelRatio(placeholder.devicePixelRatio())
            found.fill(QColor.fromRgba(base))
            painter = QPainter(found)
            painter.drawPixmap(0, 0, placeholder)
            painter.end()
            self._placeholders[key] = found
        return found

    @staticmethod
    def _tint(painter: QPainter, option: QStyleOptionViewItem, selected: bool) -> None:
        colour = QColor(option.palette.color(QPalette.ColorRole.Highlight))
        colour.setAlpha(90 if selected else 35)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(option.rect).adjusted(2, 2, -2, -2), 8, 8)
        painter.restore()

    def _play_pixmap(self) -> QPixmap:
        if self._play is None:
            self._play = draw_play_mark(_PLAY)
        return self._play

    def _badge(self, text: str) -> QPixmap:
        found = self._badges.get(text)
        if found is None:
            if len(self._badges) > 500:
                self._badges.clear()
            found = self._badges[text] = draw_badge(text)
        return found

    def _note_pixmap(self) -> QPixmap:
        if self._note is None:
            self._note = draw_note_mark(_NOTE)
        return self._note

    def _star_pixmap(self) -> QPixmap:
        if self._star is None:
            ratio = 2.0  # sharp on high-density screens too
            star = QPixmap(int(_STAR * ratio), int(_STAR * ratio))
            star.setDevicePixelRatio(ratio)
            star.fill(Qt.GlobalColor.transparent)
            painter = QPainter(star)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            _draw_star(painter, QPointF(_STAR / 2, _STAR / 2))
            painter.end()
            self._star = star
        return self._star


def draw_placeholder(kind: str, size: int) -> QPixmap:
    """A neutral square (translucent grey, so it suits light and dark themes) with a mark of the kind: a
    strip of film for a video without its poster yet (the cell adds the play mark), a note for audio,
    lines of writing for text, a framed landscape for an image still loading."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(128, 128, 128, 48))
    painter.drawRoundedRect(QRectF(0, 0, size, size), 8, 8)
    mark = QColor(128, 128, 128, 150)
    centre = size / 2
    if kind == "video":  # a strip of film: two rows of sprocket holes around a frame
        film = QPainterPath()
        film.addRoundedRect(QRectF(centre - 44, centre - 34, 88, 68), 5, 5)
        for i in range(6):
            for y in (centre - 29, centre + 23):
                film.addRoundedRect(QRectF(centre - 39 + i * 14, y, 8, 6), 1.5, 1.5)
        film.addRect(QRectF(centre - 38, centre - 19, 76, 38))
        painter.setBrush(mark)
        painter.drawPath(film)  # (odd-even fill: the holes and the frame stay open)
    elif kind == "audio":  # a pair of quavers under one beam, one shape (overlaps stay one shade)
        note = QPainterPath()
        note.setFillRule(Qt.FillRule.WindingFill)
        for x, y in ((centre - 22, centre + 18), (centre + 14, centre + 12)):
            note.addEllipse(QPointF(x, y), 10, 7.5)
            note.addRect(QRectF(x + 5.5, y - 38, 4.5, 38))
        note.moveTo(centre - 16.5, centre - 20)
        note.lineTo(centre + 24, centre - 26)
        note.lineTo(centre + 24, centre - 16)
        note.lineTo(centre - 16.5, centre - 10)
        note.closeSubpath()
        painter.setBrush(mark)
        painter.drawPath(note)
    elif kind == "text":  # lines of writing, the last one short
        painter.setBrush(mark)
        for i, width in enumerate((52, 52, 52, 30)):
            painter.drawRoundedRect(QRectF(centre - 26, centre - 20 + i * 12, width, 6), 3, 3)
    elif kind == "image":  # hills and a sun
        painter.setPen(QPen(mark, 3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(centre - 28, centre - 22, 56, 44), 4, 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(mark)
        hills = QPainterPath(QPointF(centre - 26, centre + 20))
        hills.lineTo(centre - 8, centre - 2)
        hills.lineTo(centre + 4, centre + 10)
        hills.lineTo(centre + 12, centre + 2)
        hills.lineTo(centre + 26, centre + 20)
        hills.closeSubpath()
        painter.drawPath(hills)
        painter.drawEllipse(QPointF(centre + 12, centre - 10), 5, 5)
    painter.end()
    return pixmap


def audio_poster() -> QImage:
    """What a sound shows in the player: its cell's note, larger."""
    return draw_placeholder("audio", 2 * THUMBNAIL_SIZE).toImage()


def _overlay_canvas(width: float, height: float) -> tuple[QPixmap, QPainter]:
    """A transparent pixmap drawn at twice its size (sharp on high-DPI screens) and its antialiased painter."""
    ratio = 2.0
    pixmap = QPixmap(int(width * ratio), int(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


def draw_play_mark(diameter: int) -> QPixmap:
    """A white play triangle on a dark translucent disc: readable over any poster, light or dark."""
    pixmap, painter = _overlay_canvas(diameter, diameter)
    painter.setPen(QPen(QColor(255, 255, 255, 200), 1.5))
    painter.setBrush(QColor(0, 0, 0, 120))
    painter.drawEllipse(QRectF(1, 1, diameter - 2, diameter - 2))
    centre = diameter / 2
    path = QPainterPath(QPointF(centre - diameter * 0.14, centre - diameter * 0.2))
    path.lineTo(centre + diameter * 0.22, centre)
    path.lineTo(centre - diameter * 0.14, centre + diameter * 0.2)
    path.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("white"))
    painter.drawPath(path)
    painter.end()
    return pixmap


def draw_note_mark(diameter: int) -> QPixmap:
    """A white pair of quavers on a dark translucent disc: "a sound", readable over any cover or waveform."""
    pixmap, painter = _overlay_canvas(diameter, diameter)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 140))
    painter.drawEllipse(QRectF(0, 0, diameter, diameter))
    unit = diameter / 24
    note = QPainterPath()
    note.setFillRule(Qt.FillRule.WindingFill)
    for x, y in ((8.0, 16.5), (15.5, 15.0)):
        note.addEllipse(QPointF(x * unit, y * unit), 2.6 * unit, 2.0 * unit)
        note.addRect(QRectF((x + 1.4) * unit, (y - 9.5) * unit, 1.3 * unit, 9.5 * unit))
    note.moveTo(9.4 * unit, 7.0 * unit)
    note.lineTo(18.2 * unit, 5.5 * unit)
    note.lineTo(18.2 * unit, 8.0 * unit)
    note.lineTo(9.4 * unit, 9.5 * unit)
    note.closeSubpath()
    painter.setBrush(QColor("white"))
    painter.drawPath(note)
    painter.end()
    return pixmap


def draw_badge(text: str) -> QPixmap:
    """A duration ("0:05") in white on a dark rounded label, for a cell's bottom-right corner."""
    font = QFont()
    font.setPixelSize(11)
    font.setBold(True)
    metrics = QFontMetrics(font)
    width, height = metrics.horizontalAdvance(text) + 10, metrics.height() + 2
    pixmap, painter = _overlay_canvas(width, height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 160))
    painter.drawRoundedRect(QRectF(0, 0, width, height), 4, 4)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap


def _draw_star(painter: QPainter, centre: QPointF, radius: float = 10.0) -> None:
    """A gold five-pointed star on a dark disc, readable over any thumbnail."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 130))
    painter.drawEllipse(centre, radius + 2.5, radius + 2.5)
    path = QPainterPath()
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.45
        angle = -math.pi / 2 + i * math.pi / 5
        point = QPointF(centre.x() + r * math.cos(angle), centre.y() + r * math.sin(angle))
        if i == 0:
            path.moveTo(point)
        else:
            path.lineTo(point)
    path.closeSubpath()
    painter.setBrush(QColor(FAVORITE_TONE))
    painter.drawPath(path)


class GalleryView(QListView):
    """The grid: columns spread over the whole width (each cell grows to share what is left over)
    instead of a ragged empty strip on the right."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_grid()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            delegate = self.itemDelegate()
            if isinstance(delegate, GalleryDelegate):
                delegate.clear_caches()
        super().changeEvent(event)

    def fit_grid(self) -> None:
        # Always as if the scroll bar were shown, so showing it never changes the column count (and the
        # layout can never flip between two widths).
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        width = self.width() - 2 * self.frameWidth() - bar - 4  # a little slack: never a horizontal scroll
        columns = max(1, width // GRID.width())
        cell = QSize(max(GRID.width(), width // columns), GRID.height())
        if cell != self.gridSize():
            self.setGridSize(cell)


class GalleryTab(QWidget):
    """Bound to one `GalleryViewModel`. Viewing, playing and revealing files are handled here; re-run,
    animate, "use as reference", transcribe and extend are the view-model's `rerunRequested` /
    `videoRerunRequested` / `animateRequested` / `referenceRequested` / `transcribe_requested` /
    `extend_requested` for the main window to route."""

    def __init__(self, vm: GalleryViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vm = vm
        self.setObjectName("galleryTab")
        self._build()
        self._connect_signals()

    # -- construction ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setObjectName("gallerySearch")
        self.search.setPlaceholderText(self.tr("Search prompts, tags, titles, styles and lyrics"))
        self.search.setClearButtonEnabled(True)
        self.kind_picker = QComboBox(self)
        self.kind_picker.setObjectName("galleryKind")
        for label, kind in ((self.tr("All kinds"), ""), (self.tr("Images"), "image"), (self.tr("Videos"), "video"),
                            (self.tr("Audio"), "audio"), (self.tr("Texts"), "text"),
                            (self.tr("Song covers and videos"), EXTRAS)):
            self.kind_picker.addItem(label, kind)
        self.period_picker = QComboBox(self)
        self.period_picker.setObjectName("galleryPeriod")
        for label, period in ((self.tr("Any time"), ""), (self.tr("Today"), "day"),
                              (self.tr("Past 7 days"), "week"), (self.tr("Past 30 days"), "month"),
                              (self.tr("Past year"), "year")):
            self.period_picker.addItem(label, period)
        self.model_picker = QComboBox(self)
        self.model_picker.setObjectName("galleryModel")
        self.model_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.model_picker.setMinimumContentsLength(12)
        self.model_picker.addItem(self.tr("All models"), "")
        self.favorites_toggle = QToolButton(self)
        self.favorites_toggle.setObjectName("galleryFavorites")
        self.favorites_toggle.setText(self.tr("Favorites"))
        self.favorites_toggle.setToolTip(self.tr("Show only favorites"))
        self.favorites_toggle.setCheckable(True)
        self.favorites_toggle.setIcon(icon("star"))
        self.favorites_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.favorites_toggle.toggled.connect(
            lambda on: self.favorites_toggle.setIcon(icon("star-filled", FAVORITE_TONE) if on else icon("star")))
        self.count_label = QLabel(self)
        self.count_label.setObjectName("galleryCount")
        self.refresh_button = QToolButton(self)
        self.refresh_button.setObjectName("galleryRefresh")
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Reload the library (F5)"))
        self.refresh_button.setIcon(icon("refresh"))
        self.refresh_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.kind_picker)
        top.addWidget(self.period_picker)
        top.addWidget(self.model_picker)
        top.addWidget(self.favorites_toggle)
        top.addWidget(self.count_label)
        top.addWidget(self.refresh_button)

        self.banner = ErrorBanner(self)

        self.view = GalleryView(self)
        self.view.setObjectName("galleryView")
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setWrapping(True)
        self.view.setUniformItemSizes(True)
        self.view.setGridSize(GRID)
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(1000)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the grid wraps
        self.view.verticalScrollBar().setSingleStep(GRID.height() // 4)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setDragEnabled(True)  # pictures can be dropped on the Image tab's references
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setMouseTracking(True)
        self.delegate = GalleryDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setModel(self.vm.list_model)

        self.empty = QLabel(self)
        self.empty.setObjectName("galleryEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.view)
        self.pages.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self._show_count(0)
        self.pages.setCurrentWidget(self.view)  # until the first load says otherwise

    def _connect_signals(self) -> None:
        vm = self.vm
        vm.countChanged.connect(self._show_count)
        vm.modelsChanged.connect(self._show_models)
        vm.error.connect(self.banner.show_message)
        vm.openRequested.connect(self.open_asset)
        vm.revealRequested.connect(self.reveal)
        vm.assetDeleted.connect(self.delegate.pixmaps.discard)
        vm.list_model.thumbnailChanged.connect(self.delegate.pixmaps.discard)
        self.delegate.thumbnailReady.connect(self._thumbnail_ready)

        self.search.textChanged.connect(vm.setSearch)
        self.kind_picker.currentIndexChanged.connect(lambda _i: vm.setKind(self.kind_picker.currentData() or ""))
        self.model_picker.currentIndexChanged.connect(
            lambda _i: vm.setModelFilter(self.model_picker.currentData() or ""))
        self.period_picker.currentIndexChanged.connect(
            lambda _i: vm.setPeriod(self.period_picker.currentData() or ""))
        self.favorites_toggle.toggled.connect(vm.setFavoritesOnly)
        self.refresh_button.clicked.connect(vm.refresh)
        self.view.verticalScrollBar().valueChanged.connect(vm.list_model.scrolled)  # loads wait for a pause
        self.view.activated.connect(self._activated)
        self.view.customContextMenuRequested.connect(self._context_menu)

        shortcut = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.view, self.delete_selected, context=shortcut)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, vm.refresh, context=shortcut)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus, context=shortcut)

    # -- view-model → widgets --------------------------------------------------------------------

    @Slot(int)
    def _show_count(self, count: int) -> None:
        self.count_label.setText(self.tr("%Ln item(s)", "", count))
        if count or not self.vm.loaded:
            self.pages.setCurrentWidget(self.view)
            return
        if self.vm.filtered:
            self.empty.setText(self.tr("Nothing matches the search and filters."))
        else:
            self.empty.setText(self.tr("No results yet. Images, videos and songs you generate are kept here."))
        self.pages.setCurrentWidget(self.empty)

    @Slot(str)
    def _thumbnail_ready(self, asset_id: str) -> None:
        """A decoded thumbnail: repaint just its cell (if it is still listed)."""
        model = self.vm.list_model
        row = model.row_of(asset_id)
        if row is not None:
            self.view.update(model.index(row))

    @Slot(list)
    def _show_models(self, names: list[str]) -> None:
        current = self.model_picker.currentData() or ""
        self.model_picker.blockSignals(True)
        self.model_picker.clear()
        self.model_picker.addItem(self.tr("All models"), "")
        for name in names:
            self.model_picker.addItem(name, name)
        if current and current not in names:
            self.model_picker.addItem(current, current)  # keep the chosen filter visible
        self.model_picker.setCurrentIndex(max(0, self.model_picker.findData(current)))
        self.model_picker.blockSignals(False)

    @Slot(str, str, str)
    def open_asset(self, asset_id: str, path: str, kind: str) -> QWidget | None:
        """Open the asset in the viewer of its kind, which can walk on through the gallery (None when the
        system's application shows it instead: a text, a picture format Qt does not read)."""
        if kind in ("video", "audio"):
            return self.open_player(path, kind, asset_id=asset_id)
        return self.open_viewer(path, asset_id=asset_id)

    def open_viewer(self, path: str, *, asset_id: str = "") -> QWidget | None:
        """Images open in the app's viewer; other kinds in the system's player."""
        if Path(path).suffix.lower() not in _IMAGE_SUFFIXES:
            self._open_url(QUrl.fromLocalFile(path))
            return None
        from studio.views.image_viewer import ImageViewer

        viewer = ImageViewer(path, self, gallery=self.vm if asset_id else None, asset_id=asset_id)
        return self._show_viewer(viewer)

    def open_player(self, path: str, kind: str = "video", *, asset_id: str = "") -> QWidget:
        """Videos and sounds play in the app's player (which offers the system's when libvlc is missing);
        a video shows its own frame before it starts, a sound the note of its cell."""
        from studio.views.media_viewer import MediaViewer

        poster = audio_poster() if kind == "audio" else None
        listed = self.vm.list_model.asset(asset_id) if asset_id else None
        viewer = MediaViewer(path, self, poster=poster, gallery=self.vm if asset_id else None, asset_id=asset_id,
                             duration=listed.duration if listed is not None else None)
        return self._show_viewer(viewer)

    def _show_viewer(self, viewer: QWidget) -> QWidget:
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        handoff = getattr(viewer, "handoff", None)
        if handoff is not None:
            handoff.connect(lambda asset_id, path, kind: self._hand_over(viewer, asset_id, path, kind))
        browser = getattr(viewer, "browser", None)
        if browser is not None:
            browser.current.connect(self._follow_viewer)
        viewer.show()
        return viewer

    @Slot(str)
    def _follow_viewer(self, asset_id: str) -> None:
        """The grid's selection follows the viewer's walk, so closing it leaves the user where they are."""
        row = self.vm.list_model.row_of(asset_id)
        if row is not None:
            index = self.vm.list_model.index(row)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def _hand_over(self, old: QWidget, asset_id: str, path: str, kind: str) -> None:
        """The next asset is of the other kind: its viewer opens where the old one was, which closes."""
        geometry = old.geometry()
        new = self.open_asset(asset_id, path, kind)
        if new is not None:
            new.setGeometry(geometry)
            new.activateWindow()
            old.close()

    @Slot(str)
    def reveal(self, path: str) -> None:
        self._open_url(QUrl.fromLocalFile(str(Path(path).parent)))

    def _open_url(self, url: QUrl) -> None:
        if not QDesktopServices.openUrl(url):
            self.banner.show_message(self.tr("No application could open {0}.").format(url.toLocalFile()))

    # -- widgets → view-model --------------------------------------------------------------------

    def current_asset_id(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(GalleryListModel.AssetIdRole) if index.isValid() else None

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        asset_id = index.data(GalleryListModel.AssetIdRole)
        if asset_id:
            self.vm.view(asset_id)

    @Slot()
    def delete_selected(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.delete_asset(index)

    def delete_asset(self, index: QModelIndex | QPersistentModelIndex) -> None:
        asset_id = index.data(GalleryListModel.AssetIdRole)
        prompt = str(index.data(GalleryListModel.PromptRole) or "")
        if not asset_id:
            return
        if index.data(GalleryListModel.KindRole) == "audio" and index.data(GalleryListModel.JobRole):
            # a song: its cover and video (shown through it) are offered too, once found off the UI thread
            self.vm.parts_of(asset_id, lambda song, parts: self._delete_song(song, prompt, parts))
        elif self.confirm_delete(prompt):
            self.vm.delete(asset_id)

    def _delete_song(self, asset_id: str, prompt: str, parts: list[Asset]) -> None:
        if not parts:
            if self.confirm_delete(prompt):
                self.vm.delete(asset_id)
            return
        answer, together = self.confirm_delete_song(prompt, {p.kind for p in parts})
        if answer:
            self.vm.delete(asset_id, [p.id for p in parts] if together else [])

    def confirm_delete_song(self, prompt: str, kinds: set[str]) -> tuple[bool, bool]:
        """As `confirm_delete`, with a box (ticked) to delete the song's cover and video with it: (delete?, its
        cover and video too?)."""
        text = self.tr("Delete this song from the library? This cannot be undone.")
        if prompt:
            text += "\n\n" + (prompt if len(prompt) <= 200 else prompt[:199] + "…")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete from the gallery"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        parts = (self.tr("Also delete its cover and video") if kinds >= {"image", "video"} else
                 self.tr("Also delete its cover") if "image" in kinds else self.tr("Also delete its video"))
        together = QCheckBox(parts, box)
        together.setObjectName("galleryDeleteParts")
        together.setChecked(True)
        box.setCheckBox(together)
        answer = box.exec() == QMessageBox.StandardButton.Yes
        return answer, together.isChecked()

    def confirm_delete(self, prompt: str) -> bool:
        """Deleting removes the file itself, so it is asked once, with No as the default."""
        text = self.tr("Delete this file from the library? This cannot be undone.")
        if prompt:
            text += "\n\n" + (prompt if len(prompt) <= 200 else prompt[:199] + "…")
        answer = QMessageBox.question(self, self.tr("Delete from the gallery"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def build_menu(self, index: QModelIndex) -> QMenu:
        """The context menu of one cell (separate from showing it, so tests can trigger its actions)."""
        asset_id = str(index.data(GalleryListModel.AssetIdRole))
        favorite = bool(index.data(GalleryListModel.FavoriteRole))
        kind = index.data(GalleryListModel.KindRole)
        tags = str(index.data(GalleryListModel.TagsRole) or "")
        menu = QMenu(self)
        menu.setObjectName("galleryMenu")
        vm = self.vm
        timed = kind in ("video", "audio")
        allows = vm.allows_row
        entries = (
            ("galleryViewAction", self.tr("Play") if timed else self.tr("View"), lambda: vm.view(asset_id)),
            ("galleryFavoriteAction", self.tr("Unfavorite") if favorite else self.tr("Favorite"),
             lambda: vm.toggleFavorite(asset_id)),
            ("galleryRerunAction", self.tr("Re-run") if kind == "video" else self.tr("Re-run prompt"),
             lambda: vm.rerun(asset_id)),
            ("galleryAnimateAction", self.tr("Animate"), lambda: vm.animate(asset_id)),
            ("galleryReferenceAction", self.tr("Use as reference"), lambda: vm.useAsReference(asset_id)),
            ("galleryTranscribeAction", self.tr("Transcribe"), lambda: vm.transcribe(asset_id)),
            ("galleryExtendAction", self.tr("Extend"), lambda: vm.extend(asset_id)),
            ("galleryFolderAction", self.tr("Open folder"), lambda: vm.openFolder(asset_id)),
            ("galleryTagsAction", self.tr("Edit tags…"), lambda: self.edit_tags(asset_id, tags)),
        )
        for name, text, slot in entries:
            action = menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(slot)
            action.setEnabled(allows(asset_id, _MENU_ACTIONS[name]))  # the view-model's rules
            action.setVisible(vm.offers(kind, _MENU_ACTIONS[name]))  # none that never applies to this kind
        menu.addSeparator()
        delete = menu.addAction(self.tr("Delete…"))
        delete.setObjectName("galleryDeleteAction")
        persistent = QPersistentModelIndex(index)
        delete.triggered.connect(lambda: self.delete_asset(persistent) if persistent.isValid() else None)
        return menu

    def edit_tags(self, asset_id: str, tags: str) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Edit tags"),
                                        self.tr("Tags, separated by commas (they are searched with the prompts)"),
                                        text=tags)
        if ok:
            self.vm.setTags(asset_id, text)

    @Slot(QPoint)
    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        menu = self.build_menu(index)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    # -- for tests and benchmarks ----------------------------------------------------------------

    def thumbnail_of(self, row: int) -> QPixmap | None:
        """The thumbnail the row's cell paints, None while it paints a placeholder."""
        asset_id = self.vm.list_model.index(row).data(GalleryListModel.AssetIdRole)
        return self.delegate.pixmaps.peek(asset_id) if asset_id else None

    def visible_rows(self) -> list[int]:
        """Rows whose cells intersect the viewport (what a user sees)."""
        viewport = self.view.viewport().rect()
        first = QModelIndex()
        for y in (2, GRID.height() // 4, GRID.height() // 2, GRID.height() * 3 // 4):
            first = self.view.indexAt(QPoint(GRID.width() // 2, y))
            if first.isValid():
                break
        else:
            return []
        rows = []
        model = self.vm.list_model
        for row in range(first.row(), model.rowCount()):
            rect = self.view.visualRect(model.index(row))
            if rect.top() > viewport.bottom():
                break
            if rect.intersects(viewport):
                rows.append(row)
        return rows
