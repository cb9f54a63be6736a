"""The Gallery tab: filters above a grid of thumbnails over `GalleryViewModel.list_model`.

The grid is a `QListView` in icon mode with one fixed cell size and uniform items, so laying out ten
thousand rows costs no `data()` calls and the view asks only for the rows it paints; the model fetches
those lazily. A small delegate paints each cell (thumbnail, a star for favourites, one line of prompt)
without the style's general item code.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QPointF, QRect, QRectF, QSize, Qt, QUrl, Slot
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
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

from studio.viewmodels.gallery import THUMBNAIL_SIZE, GalleryListModel, GalleryViewModel
from studio.views.banner import ErrorBanner

#: one cell of the grid: the thumbnail, a line of text and margins
GRID = QSize(180, 200)
_MARGIN = 6
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp"}


class GalleryDelegate(QStyledItemDelegate):
    """Paints a cell: thumbnail centred in a square, a ★ badge on favourites, the prompt's first line."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        # Fixed, and it never reads the index: the view samples one row for its uniform size and must not
        # make the model fetch the page of that row.
        return QSize(GRID.width() - 4, GRID.height() - 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        cell = QRectF(option.rect).adjusted(2, 2, -2, -2)
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
            highlight.setAlpha(90)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(highlight)
            painter.drawRoundedRect(cell, 8, 8)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            hover = QColor(palette.color(QPalette.ColorRole.Highlight))
            hover.setAlpha(35)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(hover)
            painter.drawRoundedRect(cell, 8, 8)

        box = QRectF(cell.center().x() - THUMBNAIL_SIZE / 2, cell.top() + _MARGIN, THUMBNAIL_SIZE, THUMBNAIL_SIZE)
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            size = pixmap.size() / pixmap.devicePixelRatio()
            if size.width() > box.width() or size.height() > box.height():
                size = size.scaled(box.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            target = QRectF(box.center().x() - size.width() / 2, box.center().y() - size.height() / 2,
                            size.width(), size.height())
            painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))
        if index.data(GalleryListModel.FavoriteRole):
            _draw_star(painter, QPointF(box.right() - 14, box.top() + 14))

        text_rect = QRect(int(cell.left()) + _MARGIN, int(box.bottom()) + 4, int(cell.width()) - 2 * _MARGIN,
                          option.fontMetrics.height() + 2)
        text = option.fontMetrics.elidedText(str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
                                             Qt.TextElideMode.ElideRight, text_rect.width())
        role = QPalette.ColorRole.HighlightedText if selected and self._solid_selection() else QPalette.ColorRole.Text
        painter.setPen(palette.color(role))
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter), text)
        painter.restore()

    @staticmethod
    def _solid_selection() -> bool:
        return False  # the selection is a translucent tint: normal text colour stays readable


def _draw_star(painter: QPainter, centre: QPointF, radius: float = 10.0) -> None:
    """A gold five-pointed star on a dark disc, readable over any thumbnail."""
    import math

    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 130))
    painter.drawEllipse(centre, radius + 3, radius + 3)
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
    painter.setBrush(QColor("#f5c518"))
    painter.drawPath(path)


class GalleryTab(QWidget):
    """Bound to one `GalleryViewModel`. Viewing and revealing files are handled here; re-run and "use as
    reference" are the view-model's `rerunRequested` / `referenceRequested` for the main window to route."""

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
        self.search.setPlaceholderText(self.tr("Search prompts and tags"))
        self.search.setClearButtonEnabled(True)
        self.kind_picker = QComboBox(self)
        self.kind_picker.setObjectName("galleryKind")
        for label, kind in ((self.tr("All kinds"), ""), (self.tr("Images"), "image"), (self.tr("Videos"), "video"),
                            (self.tr("Audio"), "audio")):
            self.kind_picker.addItem(label, kind)
        self.model_picker = QComboBox(self)
        self.model_picker.setObjectName("galleryModel")
        self.model_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.model_picker.setMinimumContentsLength(12)
        self.model_picker.addItem(self.tr("All models"), "")
        self.favorites_toggle = QToolButton(self)
        self.favorites_toggle.setObjectName("galleryFavorites")
        self.favorites_toggle.setText(self.tr("★ Favorites"))
        self.favorites_toggle.setToolTip(self.tr("Show only favorites"))
        self.favorites_toggle.setCheckable(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("galleryCount")
        self.refresh_button = QToolButton(self)
        self.refresh_button.setObjectName("galleryRefresh")
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Reload the library (F5)"))
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.kind_picker)
        top.addWidget(self.model_picker)
        top.addWidget(self.favorites_toggle)
        top.addWidget(self.count_label)
        top.addWidget(self.refresh_button)

        self.banner = ErrorBanner(self)

        self.view = QListView(self)
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
        self.view.verticalScrollBar().setSingleStep(GRID.height() // 4)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setDragEnabled(True)  # pictures can be dropped on the Image tab's references
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setMouseTracking(True)
        self.view.setItemDelegate(GalleryDelegate(self.view))
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
        vm.viewRequested.connect(self.open_viewer)
        vm.revealRequested.connect(self.reveal)

        self.search.textChanged.connect(vm.setSearch)
        self.kind_picker.currentIndexChanged.connect(lambda _i: vm.setKind(self.kind_picker.currentData() or ""))
        self.model_picker.currentIndexChanged.connect(
            lambda _i: vm.setModelFilter(self.model_picker.currentData() or ""))
        self.favorites_toggle.toggled.connect(vm.setFavoritesOnly)
        self.refresh_button.clicked.connect(vm.refresh)
        self.view.activated.connect(self._activated)
        self.view.customContextMenuRequested.connect(self._context_menu)

        shortcut = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.view, self.delete_selected, context=shortcut)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, vm.refresh, context=shortcut)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus, context=shortcut)

    # -- view-model → widgets --------------------------------------------------------------------

    @Slot(int)
    def _show_count(self, count: int) -> None:
        self.count_label.setText(self.tr("%n item(s)", "", count))
        if count or not self.vm.loaded:
            self.pages.setCurrentWidget(self.view)
            return
        if self.vm.filtered:
            self.empty.setText(self.tr("Nothing matches the search and filters."))
        else:
            self.empty.setText(self.tr("No results yet. Images, videos and songs you generate are kept here."))
        self.pages.setCurrentWidget(self.empty)

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

    @Slot(str)
    def open_viewer(self, path: str) -> None:
        """Images open in the app's viewer; other kinds in the system's player."""
        if Path(path).suffix.lower() not in _IMAGE_SUFFIXES:
            self._open_url(QUrl.fromLocalFile(path))
            return
        from studio.views.image_viewer import ImageViewer

        viewer = ImageViewer(path, self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()

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

    def delete_asset(self, index: QModelIndex) -> None:
        asset_id = index.data(GalleryListModel.AssetIdRole)
        if asset_id and self.confirm_delete(str(index.data(GalleryListModel.PromptRole) or "")):
            self.vm.delete(asset_id)

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
        menu = QMenu(self)
        menu.setObjectName("galleryMenu")
        vm = self.vm
        entries = (
            ("galleryViewAction", self.tr("View"), lambda: vm.view(asset_id)),
            ("galleryFavoriteAction", self.tr("Unfavorite") if favorite else self.tr("Favorite"),
             lambda: vm.toggleFavorite(asset_id)),
            ("galleryRerunAction", self.tr("Re-run prompt"), lambda: vm.rerun(asset_id)),
            ("galleryReferenceAction", self.tr("Use as reference"), lambda: vm.useAsReference(asset_id)),
            ("galleryFolderAction", self.tr("Open folder"), lambda: vm.openFolder(asset_id)),
        )
        for name, text, slot in entries:
            action = menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(slot)
        reference = menu.findChild(type(menu.actions()[0]), "galleryReferenceAction")
        if reference is not None and kind not in (None, "image"):
            reference.setEnabled(False)
        menu.addSeparator()
        delete = menu.addAction(self.tr("Delete…"))
        delete.setObjectName("galleryDeleteAction")
        persistent = QPersistentModelIndex(index)
        delete.triggered.connect(lambda: persistent.isValid() and self.delete_asset(QModelIndex(persistent)))
        return menu

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

    def visible_rows(self) -> list[int]:
        """Rows whose cells intersect the viewport (what a user sees)."""
        viewport = self.view.viewport().rect()
        first = self.view.indexAt(QPoint(GRID.width() // 2, 4))
        if not first.isValid():
            first = self.view.indexAt(QPoint(GRID.width() // 2, GRID.height() // 2))
        if not first.isValid():
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
