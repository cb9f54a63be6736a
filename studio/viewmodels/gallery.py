"""The Gallery tab's state: a virtualised list of assets over `GalleryStore`, its filters and actions.

A library holds tens of thousands of results, so nothing here loads "everything": the model keeps only the
ordered ids of the current filter (one indexed query), fetches `Asset` rows a page at a time when the view
first asks for one of its rows, and loads thumbnails only for rows the view paints — a few at once, the
most recently painted first, and not while the view is being scrolled fast (loading competes with the UI
thread for the CPU and the GIL; the screen the scroll stops on loads first). Every SQLite query,
thumbnail read (made with Pillow on a cache miss) and file deletion runs in a worker thread; results come
back on the event loop.

The model hands out data only — ids, labels (a song's title, else the prompt's first line), favourite
flags, kinds, a video's or a sound's duration and a thumbnail's PNG bytes (a video's poster frame, a song's
cover or else its waveform; None while not loaded yet); painting, placeholders, badges and decoding the
bytes into pixmaps are the view's (studio/views/gallery_tab.py, studio/views/thumbnail_decoder.py). Which
asset allows which action (re-run, animate, transcribe, extend) is decided here, never in a widget.
"""

from __future__ import annotations

import asyncio
import html
import os
import time
from collections import OrderedDict
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QDateTime,
    QLocale,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)

from studio.errors import InputError, StudioError
from studio.ids import random_hex
from studio.viewmodels.base import ViewModel
from studio.viewmodels.dragdrop import ASSET_MIME, asset_mime_data
from studio.viewmodels.durations import clock

if TYPE_CHECKING:  # the store module costs ~20 ms to import: it is loaded in a worker thread at start
    from studio.gallery.store import Asset, GalleryStore
    from studio.services.core import StudioCore

#: rows fetched per `get_many` call: a few screens of a large window
PAGE_SIZE = 200
#: rows near a page edge that also fetch the next (or previous) page, so scrolling rarely shows placeholders
PREFETCH = 40
#: thumbnail edge in pixels, as stored by `ThumbnailCache` (`<id>_160.png`); the view's cells fit it
THUMBNAIL_SIZE = 160
#: thumbnails' PNG bytes kept in memory (tens of KB each): many screens' worth, a bounded total
THUMBNAIL_CACHE = 600
#: thumbnails loaded at once; the rest wait in `_wanted`, newest request first
THUMBNAILS_IN_FLIGHT = 2
#: while the view scrolls, loads wait until it has not moved for this long ...
SCROLL_QUIET_MS = 60
#: ... or after this long at the latest, so a scroll that never pauses still sees pictures
SCROLL_PATIENCE_MS = 400
#: requests remembered while waiting; older ones (rows scrolled past) are forgotten
WANTED_LIMIT = 160
#: debounce of the search box
SEARCH_DELAY_MS = 250
KINDS = ("image", "video", "audio", "text")
#: the kind filter's choice that lists songs' covers and videos, which every other choice leaves out (their
#: song's cell shows them; `GalleryStore.assets(extras=…)`)
EXTRAS = "extras"
#: kinds whose cell shows a thumbnail: a picture's, a video's poster frame, a sound's cover or waveform
#: (texts: a mark)
_PICTURED = frozenset({"image", "video", "audio"})
#: kinds whose sound can be transcribed (a video's is extracted first)
TRANSCRIBABLE = frozenset({"audio", "video"})
#: the family whose clips can be extended from a point in time (`continue_clip_id`)
EXTENDABLE_FAMILY = "suno"
#: the time filter: how many days back each choice reaches
PERIODS = {"day": 1, "week": 7, "month": 30, "year": 365}
#: kinds the viewers show (pictures in the image viewer, videos and sounds in the media viewer); walking
#: through the gallery in a viewer skips the others
VIEWABLE = frozenset({"image", "video", "audio"})
#: rows fetched at once while looking for a neighbour whose page is not loaded yet
_NEIGHBOUR_CHUNK = 50
#: characters a file name made from a prompt may not contain (Windows' list, which covers the others)
_NOT_IN_NAMES = set('\\/:*?"<>|') | {chr(c) for c in range(32)}

_USER = int(Qt.ItemDataRole.UserRole)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
#: flags computed once: `flags()` is called for every cell painted
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_FLAGS_DRAG = _FLAGS | Qt.ItemFlag.ItemIsDragEnabled

_pool: ThreadPoolExecutor | None = None


def _thumbnail_pool() -> ThreadPoolExecutor:
    """Thumbnails have their own small pool: a screen of loads never queues in front of the SQLite page
    fetches (and other tabs' work) on the loop's default executor, and our own LIFO queue stays in charge
    of the order instead of the executor's FIFO."""
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=THUMBNAILS_IN_FLIGHT, thread_name_prefix="studio-thumbs")
    return _pool


def _read_thumbnail(store: GalleryStore, asset: Asset, size: int) -> bytes | None:
    """Worker thread: the cached thumbnail's PNG bytes (made on a miss: Pillow for a picture, a frame near
    1 s for a video; for a sound its cover's thumbnail when its job saved one, else its waveform, made
    with PyAV); None when there is none (a video not readable yet, a broken picture). The view decodes them
    (studio/views/thumbnail_decoder.py)."""
    from studio.gallery.thumbnails import find_cover

    cache = store.thumbnails
    try:
        if asset.kind == "audio" and asset.job_id and asset.metadata.get("clip_id"):
            cover = find_cover(asset, store.for_job(asset.job_id))
            if cover is not None:
                data = cache.get_or_make(cover.id, cover.path, size)  # the picture's own cell's thumbnail
                if data is not None:
                    return data
        return cache.get_or_make(asset.id, asset.path, size, asset.kind)
    except (OSError, ValueError, StudioError):
        return None


def caption(asset: Asset) -> str:
    """What a cell says under its picture: a song's title (Suno keeps one per clip), else its prompt's first
    line."""
    title = asset.metadata.get("title") if asset.kind == "audio" else None
    if isinstance(title, str) and title.strip():
        return short_prompt(title)
    return short_prompt(asset.prompt)


def _song_style(asset: Asset) -> str:
    """A song's style line for its details: the tags its clip was made with, "" for anything else."""
    tags = asset.metadata.get("tags") if asset.kind == "audio" else None
    return tags.strip()[:300] if isinstance(tags, str) else ""


def part_caption(part: Asset, siblings: Sequence[Asset]) -> str:
    """What a song's cover or video says under its picture: its song's title (the part keeps no title of its
    own), else its own caption (the prompt)."""
    clip = part.metadata.get("clip_id")
    for song in siblings:
        if (song.kind == "audio" and not is_extra(song) and isinstance(clip, str) and clip
                and song.metadata.get("clip_id") == clip and isinstance(song.metadata.get("title"), str)
                and song.metadata["title"].strip()):
            return caption(song)
    return caption(part)


def is_extra(asset: Asset) -> bool:
    """A song's cover or video: shown through its song's cell, listed by the kind filter's own choice."""
    return bool(asset.metadata.get("role"))


def song_parts(song: Asset, siblings: Sequence[Asset]) -> list[Asset]:
    """The cover and video its job saved with a song (same job, same clip id), in result order; none for
    anything but a song with a clip id."""
    clip = song.metadata.get("clip_id")
    if song.kind != "audio" or not song.job_id or not isinstance(clip, str) or not clip:
        return []
    parts = [a for a in siblings if a.id != song.id and a.job_id == song.job_id and a.kind in ("image", "video")
             and a.metadata.get("clip_id") == clip]
    return sorted(parts, key=lambda a: (a.result_index is None, a.result_index or 0))


def is_suno_clip(asset: Asset) -> bool:
    """A song of the Suno family with the relay's clip id: one that can be extended."""
    clip = asset.metadata.get("clip_id")
    return (asset.kind == "audio" and asset.metadata.get("family") == EXTENDABLE_FAMILY
            and isinstance(clip, str) and bool(clip))


def short_prompt(prompt: str, limit: int = 60) -> str:
    """The first line of a prompt, cut to `limit` characters: what fits under a thumbnail."""
    line = " ".join(prompt.split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


class GalleryListModel(QAbstractListModel):
    """Assets of the current filter, newest first, fetched lazily (see the module docstring).

    `data()` never blocks: a row whose asset is not fetched yet answers empty values and schedules its
    page; a thumbnail not in memory answers None and is queued. When either arrives, `dataChanged` names
    just those rows. Nothing here paints or decodes: the view draws placeholders and makes pixmaps.
    """

    AssetIdRole = _USER + 1
    PathRole = _USER + 2
    FavoriteRole = _USER + 3
    KindRole = _USER + 4
    PromptRole = _USER + 5
    ModelRole = _USER + 6
    #: True once the row's thumbnail bytes are in memory (the view decodes and shows them next)
    ThumbnailReadyRole = _USER + 7
    CreatedRole = _USER + 8
    #: everything a grid cell paints, in one call: (asset id, kind, thumbnail, label, favorite, duration);
    #: the thumbnail is its PNG bytes (at most the thumbnail size a side; a video's poster frame), None
    #: while not loaded (or there is none: audio, text, a video without a poster yet); kind and label are
    #: "" while the row is not fetched; duration is a video's or a sound's seconds, else None
    CellRole = _USER + 9
    #: the asset's tags, comma-separated
    TagsRole = _USER + 10
    #: seconds of a video or a sound (None when not recorded, or for a picture)
    DurationRole = _USER + 11
    #: the job that made the asset (None for an imported file)
    JobRole = _USER + 12

    #: the asset's thumbnail bytes were replaced (a song's cover arrived after its waveform was shown): the
    #: view forgets the pixmap it decoded for this asset id
    thumbnailChanged = Signal(str)

    def __init__(self, spawn: Callable[[Coroutine[Any, Any, Any]], Any], parent: QObject | None = None, *,
                 page_size: int = PAGE_SIZE, thumbnail_size: int = THUMBNAIL_SIZE,
                 cache_size: int = THUMBNAIL_CACHE, in_flight: int = THUMBNAILS_IN_FLIGHT) -> None:
        super().__init__(parent)
        self._spawn = spawn
        self._store: GalleryStore | None = None
        self._page_size = page_size
        self._thumbnail_size = thumbnail_size
        self._cache_size = cache_size
        self._in_flight = in_flight
        self._ids: list[str] = []
        self._rows: dict[str, int] | None = {}
        self._assets: dict[str, Asset] = {}
        self._labels: dict[str, str] = {}  # short prompts, made with the page in the worker thread
        self._gone: set[str] = set()  # ids the store no longer has (deleted elsewhere)
        self._pending_pages: set[int] = set()
        self._complete_pages: set[int] = set()  # every row fetched (forgotten when rows move)
        self._generation = 0
        self._thumbs: OrderedDict[str, bytes] = OrderedDict()  # PNG bytes, least recently painted first
        self._no_thumbnail: set[str] = set()
        self._wanted: OrderedDict[str, Asset] = OrderedDict()
        self._loading: set[str] = set()
        self._stopped = False
        self._last_scroll = 0.0
        self._pump_since = 0.0
        self._pump = QTimer(self)
        self._pump.setSingleShot(True)
        self._pump.setTimerType(Qt.TimerType.PreciseTimer)
        self._pump.timeout.connect(self._pump_fired)
        #: figures for tests and benchmarks: `get_many` calls and rows they returned, thumbnails loaded
        self.pages_fetched = 0
        self.rows_fetched = 0
        self.thumbnails_loaded = 0

    # -- set-up by the view-model ----------------------------------------------------------------

    def set_store(self, store: GalleryStore) -> None:
        self._store = store

    def reset_ids(self, ids: Sequence[str], *, forget_assets: bool = False) -> None:
        """Show `ids` (a new filter or a refresh). Fetched assets and thumbnails stay cached unless
        `forget_assets` (a refresh: favourites may have changed elsewhere; thumbnails never change)."""
        self.beginResetModel()
        self._generation += 1
        self._ids = list(ids)
        self._rows = None
        self._pending_pages.clear()
        self._complete_pages.clear()
        self._wanted.clear()
        if forget_assets:
            self._assets.clear()
            self._labels.clear()
            self._no_thumbnail.clear()
        self._gone.clear()
        self.endResetModel()

    def insert_top(self, asset: Asset) -> bool:
        """Show a new asset first (a job just saved it); False when it is already listed."""
        if asset.id in self._row_map():
            return False
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._ids.insert(0, asset.id)
        self._complete_pages.clear()
        self._assets[asset.id] = asset
        self._labels[asset.id] = caption(asset)
        self._gone.discard(asset.id)
        self._rows = None
        self.endInsertRows()
        return True

    def remove(self, asset_id: str) -> bool:
        """Take the asset out of the list (deleted, or no longer matching the filter)."""
        row = self._row_map().get(asset_id)
        if row is None:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._ids[row]
        self._complete_pages.clear()
        self._rows = None
        self._assets.pop(asset_id, None)
        self._labels.pop(asset_id, None)
        self._thumbs.pop(asset_id, None)
        self._wanted.pop(asset_id, None)
        self.endRemoveRows()
        return True

    def update_asset(self, asset: Asset) -> None:
        """A changed row (favourite toggled): only that row is repainted."""
        self._assets[asset.id] = asset
        row = self._row_map().get(asset.id)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index)

    # -- reading (view-model, views, tests) ------------------------------------------------------

    def asset_ids(self) -> list[str]:
        return list(self._ids)

    def asset(self, asset_id: str) -> Asset | None:
        """The asset if its page was fetched (no query)."""
        return self._assets.get(asset_id)

    def row_of(self, asset_id: str) -> int | None:
        return self._row_map().get(asset_id)

    def is_fetched(self, row: int) -> bool:
        return 0 <= row < len(self._ids) and self._ids[row] in self._assets

    # -- QAbstractListModel ----------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        row = index.row()
        if row < 0:
            return Qt.ItemFlag.NoItemFlags
        # a fetched picture can be dragged onto the Image tab's references
        return _FLAGS_DRAG if self.is_fetched(row) else _FLAGS

    def mimeTypes(self) -> list[str]:
        return [ASSET_MIME, "text/uri-list"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        assets = [self._assets.get(self._ids[i.row()]) for i in indexes if 0 <= i.row() < len(self._ids)]
        return asset_mime_data(a for a in assets if a is not None)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        # Called for every cell of every frame: the common roles come first, and nothing here calls
        # back into Qt more than it must.
        row = index.row()
        if row < 0 or row >= len(self._ids):
            return None
        asset_id = self._ids[row]
        asset = self._assets.get(asset_id)
        if role == self.CellRole:
            if asset is None:
                self._missing(asset_id, row)
                return asset_id, "", None, "", False, None
            return (asset_id, asset.kind, self._thumbnail(asset), self._labels.get(asset_id, ""), asset.favorite,
                    asset.duration)
        if role == self.AssetIdRole:
            return asset_id
        if asset is None:
            self._missing(asset_id, row)
            if role == _DISPLAY:
                return ""
            return False if role in (self.ThumbnailReadyRole, self.FavoriteRole) else None
        if role == _DISPLAY:
            return self._labels.get(asset_id) or self.tr("(no prompt)")
        if role == self.FavoriteRole:
            return asset.favorite
        if role == self.ThumbnailReadyRole:
            return asset.id in self._thumbs
        if role == _TOOLTIP:
            return self._tooltip(asset)
        if role == self.PathRole:
            return str(asset.path)
        if role == self.KindRole:
            return asset.kind
        if role == self.PromptRole:
            return asset.prompt
        if role == self.ModelRole:
            return asset.model
        if role == self.TagsRole:
            return ", ".join(asset.tags)
        if role == self.CreatedRole:
            return asset.created_at
        if role == self.DurationRole:
            return asset.duration
        if role == self.JobRole:
            return asset.job_id
        return None

    # -- pages of rows ---------------------------------------------------------------------------

    def _row_map(self) -> dict[str, int]:
        """id → row, rebuilt after the list changed (10,000 ids: well under a millisecond)."""
        if self._rows is None:
            self._rows = {asset_id: row for row, asset_id in enumerate(self._ids)}
        return self._rows

    def _missing(self, asset_id: str, row: int) -> None:
        if asset_id not in self._gone:
            self._want_page(row)

    def _want_page(self, row: int) -> None:
        page, offset = divmod(row, self._page_size)
        self._request_page(page)
        if offset >= self._page_size - PREFETCH:
            self._request_page(page + 1)
        elif offset < PREFETCH and page > 0:
            self._request_page(page - 1)

    def _request_page(self, page: int) -> None:
        start = page * self._page_size
        if (page in self._pending_pages or page in self._complete_pages or start >= len(self._ids)
                or self._store is None):
            return
        missing = [i for i in self._ids[start:start + self._page_size] if i not in self._assets and i not in self._gone]
        if missing:
            self._pending_pages.add(page)
            self._spawn(self._fetch_page(self._generation, page, missing))
        else:
            self._complete_pages.add(page)

    async def _fetch_page(self, generation: int, page: int, ids: list[str]) -> None:
        assert self._store is not None
        store = self._store

        def fetch() -> tuple[list[Asset], dict[str, str]]:
            found = store.get_many(ids)
            labels = {a.id: caption(a) for a in found}
            jobs: dict[str, list[Asset]] = {}
            for part in found:  # a song's cover and video (their own filter) are named by their song's title
                if is_extra(part) and part.job_id:
                    if part.job_id not in jobs:
                        jobs[part.job_id] = store.for_job(part.job_id)
                    labels[part.id] = part_caption(part, jobs[part.job_id])
            return found, labels

        try:
            assets, labels = await asyncio.to_thread(fetch)
        finally:
            if generation == self._generation:
                self._pending_pages.discard(page)
        self.pages_fetched += 1
        self.rows_fetched += len(assets)
        for asset in assets:
            self._assets[asset.id] = asset
        self._labels.update(labels)
        found = {a.id for a in assets}
        self._gone.update(i for i in ids if i not in found)
        rows = self._row_map()
        changed = [rows[i] for i in ids if i in rows]
        if changed:
            self.dataChanged.emit(self.index(min(changed)), self.index(max(changed)))

    # -- thumbnails ------------------------------------------------------------------------------

    def _thumbnail(self, asset: Asset) -> bytes | None:
        """The thumbnail's PNG bytes, or None while it is queued or loading (or there is none)."""
        cached = self._thumbs.get(asset.id)
        if cached is not None:
            self._thumbs.move_to_end(asset.id)
            return cached
        if asset.kind in _PICTURED and asset.id not in self._no_thumbnail and asset.id not in self._loading:
            if asset.id in self._wanted:
                self._wanted.move_to_end(asset.id)
            else:
                self._wanted[asset.id] = asset
                if len(self._wanted) > WANTED_LIMIT:
                    self._wanted.popitem(last=False)
                self._new_request()
        return None

    def _new_request(self) -> None:
        """Start loading once the paint that asked is over (every row it wants is queued by then), unless
        the view is being scrolled: see `scrolled`."""
        if self._stopped:
            return
        if not self._pump.isActive():
            self._pump_since = time.monotonic()
            self._pump.start(SCROLL_QUIET_MS if self._scrolling() else 0)

    @Slot()
    def scrolled(self) -> None:
        """The view tells the model it scrolled. Loads then wait for a pause: decoding competes with the UI
        thread for the CPU and the GIL, and during a fast scroll every picture would be gone before it
        arrived; once the scroll pauses, the screen on view loads first (newest requests first)."""
        now = time.monotonic()
        self._last_scroll = now
        if self._pump.isActive() and (now - self._pump_since) * 1000 < SCROLL_PATIENCE_MS:
            self._pump.start(SCROLL_QUIET_MS)

    def _scrolling(self) -> bool:
        # a little short of SCROLL_QUIET_MS: a timer may fire a few milliseconds early
        return (time.monotonic() - self._last_scroll) * 1000 < SCROLL_QUIET_MS * 0.8

    def stop(self) -> None:
        """No more loads (the view-model is shutting down); what is queued is dropped."""
        self._stopped = True
        self._wanted.clear()
        self._pump.stop()

    @Slot()
    def _pump_fired(self) -> None:
        # patience ran out in the middle of a scroll: one at a time, which leaves the CPU to the UI
        self._start_thumbnails(1 if self._scrolling() else self._in_flight)

    def _start_thumbnails(self, limit: int) -> None:
        if self._store is None or self._stopped:
            return
        while len(self._loading) < limit and self._wanted:
            asset_id, asset = self._wanted.popitem(last=True)
            self._loading.add(asset_id)
            self._spawn(self._load_thumbnail(asset))

    async def _load_thumbnail(self, asset: Asset) -> None:
        assert self._store is not None
        asset_id = asset.id
        try:
            data = await asyncio.wrap_future(_thumbnail_pool().submit(
                _read_thumbnail, self._store, asset, self._thumbnail_size))
        finally:
            self._loading.discard(asset_id)
        if self._wanted and not self._pump.isActive() and not self._stopped:
            if not self._scrolling():
                self._start_thumbnails(self._in_flight)  # no scroll going on: the next ones at once
            else:
                self._pump_since = time.monotonic()
                self._pump.start(SCROLL_QUIET_MS)
        if data is None:
            self._no_thumbnail.add(asset_id)  # a broken picture: the view keeps its placeholder
            return
        self.thumbnails_loaded += 1
        self._thumbs[asset_id] = data
        while len(self._thumbs) > self._cache_size:
            self._thumbs.popitem(last=False)
        row = self._row_map().get(asset_id)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index, [self.ThumbnailReadyRole, self.CellRole])

    def renew_thumbnail(self, asset_id: str) -> None:
        """Load the asset's thumbnail again when next painted (a song's cover was saved after the song: the
        cover replaces its waveform)."""
        self._thumbs.pop(asset_id, None)
        self._no_thumbnail.discard(asset_id)
        self.thumbnailChanged.emit(asset_id)
        row = self._row_map().get(asset_id)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index, [self.ThumbnailReadyRole, self.CellRole])

    def assets_of_job(self, job_id: str) -> list[Asset]:
        """The fetched assets a job saved (no query)."""
        return [a for a in self._assets.values() if a.job_id == job_id]

    # -- tooltip ---------------------------------------------------------------------------------

    def _tooltip(self, asset: Asset) -> str:
        """Rich text, so a long prompt wraps instead of making a screen-wide tooltip."""
        locale = QLocale()
        when = locale.toString(QDateTime.fromSecsSinceEpoch(int(asset.created_at)), QLocale.FormatType.ShortFormat)
        facts = [when]
        if asset.width and asset.height:
            facts.append(f"{asset.width} × {asset.height}")
        if asset.duration:
            facts.append(clock(round(asset.duration)))  # as the cell's badge shows it
        facts.append(locale.formattedDataSize(asset.size))
        prompt = asset.prompt if len(asset.prompt) <= 600 else asset.prompt[:599] + "…"
        lines = [html.escape(prompt) if prompt else "<i>" + html.escape(self.tr("(no prompt)")) + "</i>"]
        title = asset.metadata.get("title") if asset.kind == "audio" else None
        if isinstance(title, str) and title.strip():
            lines.insert(0, "<b>" + html.escape(title.strip()[:200]) + "</b>")
        if asset.model:
            lines.append(html.escape(self.tr("Model: {0}").format(asset.model)))
        lines.append(html.escape(" · ".join(facts)))
        return "<qt>" + "<br>".join(lines) + "</qt>"


@dataclass(frozen=True, slots=True)
class AssetDetails:
    """What a viewer's details panel shows of one asset, each value ready to display ("" = not known)."""

    asset_id: str
    kind: str
    prompt: str
    model: str
    #: "1600 × 1200 px · 2.1 MB" (pixels only for pictures and videos)
    size: str
    #: "0:05" for a video or a sound
    duration: str
    #: the creation time in the user's locale
    created: str
    #: the relay (the profile's name) that made it, as the user named it ("" for an imported file)
    relay: str
    #: "" when the asset can be re-run, else the one sentence why not
    rerun_problem: str
    #: its sound can be transcribed (a sound or a video): the Audio tab opens with it
    can_transcribe: bool = False
    #: a Suno clip: the Music tab opens to extend it
    can_extend: bool = False
    #: a song's title ("" when it has none)
    title: str = ""
    #: a song's style, the tags Suno made it with ("" when it has none)
    style: str = ""


class GalleryViewModel(ViewModel):
    """Filters, counts and per-asset actions of the Gallery tab; the list itself is `list_model`.

    Actions take asset ids. Those that lead elsewhere (view, play, reveal, re-run, animate, use as
    reference, transcribe, extend) only emit a signal with the values the receiver needs, so the tab and the
    main window decide where they go. Which asset allows which is `allows(asset, action)`.
    """

    #: number of assets matching the filters (after each load)
    countChanged = Signal(int)
    #: the distinct models of the library, for the model filter
    modelsChanged = Signal(list)
    #: show the file's folder (carries the file's path; the view opens its folder)
    revealRequested = Signal(str)
    #: generate a picture again: (prompt, model)
    rerunRequested = Signal(str, str)
    #: generate a video again with the same prompt, model and options: the job that made it (the Video tab)
    videoRerunRequested = Signal(str)
    #: make a video from this picture: the image asset's id, for the Video tab's start frame
    animateRequested = Signal(str)
    #: use this image as a reference in the Image tab (path)
    referenceRequested = Signal(str)
    #: show this picture large (path)
    viewRequested = Signal(str)
    #: play this video or sound: (path, kind "video" or "audio")
    playRequested = Signal(str, str)
    #: an asset was deleted (its id), for other views that may show it
    assetDeleted = Signal(str)
    #: open this asset in the viewer that shows its kind: (asset id, path, kind); emitted by `view` before
    #: `viewRequested` / `playRequested`, for a view that lets its viewer walk through the gallery
    openRequested = Signal(str, str, str)
    #: transcribe this sound or this video's sound: the asset's id, for the Audio tab
    transcribe_requested = Signal(str)
    #: extend this Suno clip: the audio asset's id, for the Music tab (its metadata has the clip id)
    extend_requested = Signal(str)

    def __init__(self, core: StudioCore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._core = core
        self._store: GalleryStore | None = None
        self.list_model = GalleryListModel(self._run, self)
        self._search = ""
        self._typed = ""
        self._kind = ""
        self._model = ""
        self._favorites = False
        self._period = ""  # "", "day", "week", "month", "year": how far back
        self._count = 0
        self._models: list[str] = []
        self._loaded = False
        self._started = False
        self._loads_running = 0
        self._load_seq = 0
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._apply_search)

    # -- state readers ---------------------------------------------------------------------------

    @property
    def count(self) -> int:
        return self._count

    @property
    def loaded(self) -> bool:
        """True once the first list of ids is in the model."""
        return self._loaded

    @property
    def filtered(self) -> bool:
        """Whether any filter narrows the list (the view words its empty state accordingly)."""
        return bool(self._search or self._kind or self._model or self._favorites or self._period)

    @property
    def search(self) -> str:
        return self._search

    def _run(self, coro: Coroutine[Any, Any, Any], *, busy: bool = False) -> asyncio.Task[Any]:
        """`spawn`, and a task cancelled before it ever ran (shutdown, a closing window) closes its
        coroutine, so none is left "never awaited" (thumbnail loads are queued by the dozen)."""
        task = self.spawn(coro, busy=busy)
        task.add_done_callback(lambda t: coro.close() if t.cancelled() else None)
        return task

    async def shutdown(self) -> None:
        self.list_model.stop()
        await super().shutdown()

    # -- loading ---------------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """Load the first list (called after the window's first frame)."""
        self._started = True
        self._run(self._load(models=True))

    @Slot()
    def refresh(self) -> None:
        """Reload ids, rows and the model list (the library may have changed from the command line)."""
        self._started = True
        self._run(self._load(models=True, forget=True))

    async def _gallery(self) -> GalleryStore:
        if self._store is None:
            core = self._core
            self._store = await asyncio.to_thread(lambda: core.gallery)  # imports the store off the UI thread
            self.list_model.set_store(self._store)
        return self._store

    def _filters(self) -> dict[str, Any]:
        extras = self._kind == EXTRAS
        return {"search": self._search or None, "kind": None if extras else self._kind or None, "extras": extras,
                "model": self._model or None,
                "favorite": True if self._favorites else None, "since": self._since()}

    def _since(self) -> float | None:
        days = PERIODS.get(self._period)
        return time.time() - days * 86400 if days else None

    async def _load(self, *, models: bool = False, forget: bool = False) -> None:
        self._load_seq += 1
        seq = self._load_seq
        self._loads_running += 1
        try:
            store = await self._gallery()
            filters = self._filters()
            ids = await asyncio.to_thread(lambda: store.ids(**filters))
        finally:
            self._loads_running -= 1
        if seq != self._load_seq:
            return  # the filters changed meanwhile; a newer load is on its way
        self.list_model.reset_ids(ids, forget_assets=forget)
        self._loaded = True
        self._set_count(len(ids))
        if models:
            await self._load_models()

    async def _load_models(self) -> None:
        store = await self._gallery()
        self._models = await asyncio.to_thread(store.models)
        self.modelsChanged.emit(list(self._models))

    def _set_count(self, count: int) -> None:
        self._count = count
        self.countChanged.emit(count)

    # -- filters ---------------------------------------------------------------------------------

    @Slot(str)
    def setSearch(self, text: str) -> None:
        """Typed text is applied once typing pauses (each keystroke would otherwise query the index)."""
        self._typed = " ".join(text.split())
        self._debounce.start()

    @Slot()
    def _apply_search(self) -> None:
        if self._typed != self._search:
            self._search = self._typed
            self._reload()

    @Slot(str)
    def setKind(self, kind: str) -> None:
        kind = kind if kind in KINDS or kind == EXTRAS else ""
        if kind != self._kind:
            self._kind = kind
            self._reload()

    @Slot(str)
    def setModelFilter(self, model: str) -> None:
        if model != self._model:
            self._model = model
            self._reload()

    @Slot(str)
    def setPeriod(self, period: str) -> None:
        """Only what was made in the last day, week, month or year ("" = any time)."""
        period = period if period in PERIODS else ""
        if period != self._period:
            self._period = period
            self._reload()

    @Slot(str, str)
    def setTags(self, asset_id: str, tags: str) -> None:
        """Replace an asset's tags (comma-separated); they are searched with the prompts."""
        self._run(self._set_tags(asset_id, tags))

    async def _set_tags(self, asset_id: str, tags: str) -> None:
        store = await self._gallery()
        try:
            asset = await asyncio.to_thread(store.set_tags, asset_id, tags)
        except InputError:
            self._forget(asset_id)
            return
        self.list_model.update_asset(asset)

    @Slot(bool)
    def setFavoritesOnly(self, value: bool) -> None:
        if bool(value) != self._favorites:
            self._favorites = bool(value)
            self._reload()

    def _reload(self) -> None:
        self._run(self._load())

    # -- actions ---------------------------------------------------------------------------------

    @Slot(str)
    def toggleFavorite(self, asset_id: str) -> None:
        self._run(self._toggle_favorite(asset_id))

    async def _toggle_favorite(self, asset_id: str) -> None:
        store = await self._gallery()
        try:
            asset = await asyncio.to_thread(store.toggle_favorite, asset_id)
        except InputError:
            self._forget(asset_id)
            return
        if self._favorites and not asset.favorite:
            self._forget(asset_id)  # no longer matches "favourites only"
        else:
            self.list_model.update_asset(asset)

    @Slot(str)
    def delete(self, asset_id: str, also: Sequence[str] = ()) -> None:
        """Delete the file, its thumbnails and its row, and those of the assets `also` (a song's cover and
        video, when the user chose to); the view asked for confirmation."""
        self._run(self._delete([asset_id, *also]), busy=True)

    async def _delete(self, asset_ids: Sequence[str]) -> None:
        store = await self._gallery()
        for asset_id in asset_ids:
            try:
                await asyncio.to_thread(store.delete, asset_id)
            except InputError:
                pass  # already gone (deleted from the command line): the row goes too
            self._forget(asset_id)
            self.assetDeleted.emit(asset_id)

    def parts_of(self, asset_id: str, then: Callable[[str, list[Asset]], None]) -> None:
        """Call `then(asset id, its cover and video)` once known (`song_parts`: none for anything but a song)."""
        self._run(self._parts_of(asset_id, then))

    async def _parts_of(self, asset_id: str, then: Callable[[str, list[Asset]], None]) -> None:
        store = await self._gallery()

        def find() -> list[Asset]:
            asset = store.get(asset_id)
            if asset is None or asset.kind != "audio" or not asset.job_id:
                return []
            return song_parts(asset, store.for_job(asset.job_id))

        try:
            parts = await asyncio.to_thread(find)
        except StudioError:
            parts = []
        then(asset_id, parts)

    def _forget(self, asset_id: str) -> None:
        if self.list_model.remove(asset_id):
            self._set_count(self._count - 1)

    @Slot(str)
    def openFolder(self, asset_id: str) -> None:
        self._with_asset(asset_id, lambda a: self.revealRequested.emit(str(a.path)))

    @Slot(str)
    def rerun(self, asset_id: str) -> None:
        """A picture's prompt and model go back to the Image tab; a video reopens the Video tab with the
        job that made it."""
        def send(asset: Asset) -> None:
            problem = self.rerun_problem(asset)
            if problem:
                self.error.emit(problem)
            elif asset.kind == "video" and asset.job_id:
                self.videoRerunRequested.emit(asset.job_id)
            else:
                self.rerunRequested.emit(asset.prompt, asset.model)

        self._with_asset(asset_id, send)

    @Slot(str)
    def animate(self, asset_id: str) -> None:
        """The picture becomes the start frame of a new video."""
        def send(asset: Asset) -> None:
            if asset.kind == "image":
                self.animateRequested.emit(asset.id)
            else:
                self.error.emit(self.tr("Only images can be animated."))

        self._with_asset(asset_id, send)

    @Slot(str)
    def useAsReference(self, asset_id: str) -> None:
        def send(asset: Asset) -> None:
            if asset.kind == "image":
                self.referenceRequested.emit(str(asset.path))
            else:
                self.error.emit(self.tr("Only images can be used as a reference."))

        self._with_asset(asset_id, send)

    @Slot(str)
    def view(self, asset_id: str) -> None:
        """A picture opens large; a video or a sound plays."""
        def send(asset: Asset) -> None:
            self.openRequested.emit(asset.id, str(asset.path), asset.kind)
            if asset.kind in ("video", "audio"):
                self.playRequested.emit(str(asset.path), asset.kind)
            else:
                self.viewRequested.emit(str(asset.path))

        self._with_asset(asset_id, send)

    @Slot(str)
    def transcribe(self, asset_id: str) -> None:
        """A sound, or a video's sound, goes to the Audio tab to be transcribed."""
        def send(asset: Asset) -> None:
            if self.allows(asset, "transcribe"):
                self.transcribe_requested.emit(asset.id)
            else:
                self.error.emit(self.tr("Only sounds and videos can be transcribed."))

        self._with_asset(asset_id, send)

    @Slot(str)
    def extend(self, asset_id: str) -> None:
        """A Suno clip goes to the Music tab, to be continued from a point in time."""
        def send(asset: Asset) -> None:
            if self.allows(asset, "extend"):
                self.extend_requested.emit(asset.id)
            else:
                self.error.emit(self.tr("Only songs made with Suno can be extended."))

        self._with_asset(asset_id, send)

    def allows(self, asset: Asset | None, action: str) -> bool:
        """Whether `action` ("view", "favorite", "rerun", "animate", "reference", "transcribe", "extend",
        "folder", "tags", "delete") applies to `asset`; None (a row not fetched yet) allows what applies to any
        asset, and "animate" and "reference" (which were offered before the row was known)."""
        if action in ("view", "favorite", "folder", "tags", "delete"):
            return True
        if asset is None:
            return action in ("rerun", "animate", "reference")
        if action in ("animate", "reference"):
            return asset.kind == "image"
        if action == "rerun":  # a picture's prompt, a video's job (`rerun_problem` says why not)
            return asset.kind == "image" or (asset.kind == "video" and bool(asset.job_id))
        if action == "transcribe":
            return asset.kind in TRANSCRIBABLE
        if action == "extend":
            return is_suno_clip(asset)
        return False

    @staticmethod
    def offers(kind: str | None, action: str) -> bool:
        """Whether the context menu lists `action` at all for a cell of `kind`: what never applies to that kind
        (Animate or Extend for a picture's neighbour kinds) is left out rather than shown greyed; what applies
        to the kind but not to this asset (a picture imported without a prompt) stays, greyed. An unknown kind
        (a row not fetched yet) lists everything."""
        if kind not in ("image", "video", "audio"):
            return True
        if action in ("animate", "reference"):
            return kind == "image"
        if action == "rerun":
            return kind in ("image", "video")
        if action == "transcribe":
            return kind in TRANSCRIBABLE
        if action == "extend":
            return kind == "audio"
        return True

    def allows_row(self, asset_id: str, action: str) -> bool:
        """`allows` for a listed asset by its id (the grid's context menu)."""
        return self.allows(self.list_model.asset(asset_id), action)

    def rerun_problem(self, asset: Asset) -> str:
        """"" when `rerun` can make the asset again, else the sentence that says why not: a video goes back
        to the Video tab with the job that made it, a picture to the Image tab with its prompt."""
        if asset.kind == "video":
            if not asset.job_id:
                return self.tr("This video was not made by a job of this app, so it cannot be re-run.")
            return ""
        if asset.kind != "image":
            return self.tr("Only pictures and videos can be re-run.")
        if not asset.prompt.strip():
            return self.tr("This picture has no prompt to re-run.")
        return ""

    # -- the viewer: neighbours, details, saving a copy ------------------------------------------

    def fetch_asset(self, asset_id: str, then: Callable[[Asset], None]) -> None:
        """Call `then` with the asset (at once when its row is fetched); a gone asset is said in the banner."""
        self._with_asset(asset_id, then)

    def cover_of(self, asset_id: str, then: Callable[[str, str], None]) -> None:
        """Call `then(asset id, path of its cover)` once known: a song's cover picture (the image its job saved
        with the same clip id), "" for anything else or a song without one (the player keeps its note)."""
        self._run(self._cover_of(asset_id, then))

    async def _cover_of(self, asset_id: str, then: Callable[[str, str], None]) -> None:
        from studio.gallery.thumbnails import find_cover

        store = await self._gallery()

        def find() -> str:
            asset = store.get(asset_id)
            if asset is None or asset.kind != "audio" or not asset.job_id:
                return ""
            cover = find_cover(asset, store.for_job(asset.job_id))
            return str(cover.path) if cover is not None else ""

        try:
            path = await asyncio.to_thread(find)
        except StudioError:
            path = ""
        then(asset_id, path)

    def position(self, asset_id: str) -> tuple[int, int] | None:
        """(1-based place, count) of the asset in the current filter's order; None when it is not listed."""
        row = self.list_model.row_of(asset_id)
        return None if row is None else (row + 1, self.list_model.rowCount())

    def neighbour(self, asset_id: str, step: int, then: Callable[[Asset | None], None]) -> None:
        """Call `then` with the asset `step` (+1 next, -1 previous) places away in the current filter's order,
        skipping kinds the viewers do not show (texts); None at either end, or when the asset is no longer
        listed (the filter changed or it was deleted)."""
        self._run(self._neighbour_then(asset_id, step, then))

    async def _neighbour_then(self, asset_id: str, step: int, then: Callable[[Asset | None], None]) -> None:
        then(await self.find_neighbour(asset_id, step))

    async def find_neighbour(self, asset_id: str, step: int) -> Asset | None:
        model = self.list_model
        row = model.row_of(asset_id)
        if row is None or step == 0:
            return None
        step = 1 if step > 0 else -1
        ids = model.asset_ids()
        fetched: dict[str, Asset | None] = {}  # rows not fetched by the list, read here a chunk at a time
        index = row + step
        while 0 <= index < len(ids):
            candidate = ids[index]
            asset = model.asset(candidate)
            if asset is None and candidate not in fetched:
                start = index if step > 0 else max(0, index - _NEIGHBOUR_CHUNK + 1)
                chunk = ids[start:start + _NEIGHBOUR_CHUNK]
                store = await self._gallery()
                fetched.update(dict.fromkeys(chunk))  # an id the store no longer has stays None: skipped
                fetched.update((found.id, found) for found in await asyncio.to_thread(store.get_many, chunk))
            if asset is None:
                asset = fetched.get(candidate)
            if asset is not None and asset.kind in VIEWABLE:
                return asset
            index += step
        return None

    def details(self, asset: Asset) -> AssetDetails:
        """The asset's facts worded for the details panel (in the current language and locale)."""
        locale = QLocale()
        size = locale.formattedDataSize(asset.size)
        if asset.width and asset.height and asset.kind in ("image", "video"):
            size = self.tr("{0} × {1} px · {2}").format(asset.width, asset.height, size)
        made = QDateTime.fromSecsSinceEpoch(int(asset.created_at))
        when = (locale.toString(made.date(), QLocale.FormatType.LongFormat) + " "
                + locale.toString(made.time(), QLocale.FormatType.ShortFormat))
        return AssetDetails(
            asset_id=asset.id, kind=asset.kind, prompt=asset.prompt, model=asset.model, size=size,
            duration=clock(round(asset.duration)) if asset.duration and asset.kind in ("video", "audio") else "",
            created=when, relay=asset.profile if asset.job_id else "", rerun_problem=self.rerun_problem(asset),
            can_transcribe=self.allows(asset, "transcribe"), can_extend=self.allows(asset, "extend"),
            title=caption(asset) if asset.kind == "audio" and asset.metadata.get("title") else "",
            style=_song_style(asset))

    def suggested_name(self, asset: Asset) -> str:
        """A file name for "Save as…": the prompt's first words (else the library's name) and the file's suffix."""
        words = short_prompt(asset.prompt, 48).rstrip("…")
        stem = "".join("-" if c in _NOT_IN_NAMES or c.isspace() else c for c in words).strip("-. ")
        while "--" in stem:
            stem = stem.replace("--", "-")
        return (stem or asset.path.stem) + asset.path.suffix.lower()

    def export(self, asset_id: str, dest: str, then: Callable[[str, str], None], *, replace: bool = False) -> None:
        """Copy the asset's file to `dest` in a worker thread (`GalleryStore.export`), then call
        `then(path written, "")` or `then("", the sentence why not)`. `replace`: the user agreed to replace
        an existing file (the save dialog asked); the copy is written beside it first, so a failed copy never
        destroys it. A `dest` without a suffix gets the asset's."""
        self._run(self._export(asset_id, dest, then, replace))

    async def _export(self, asset_id: str, dest: str, then: Callable[[str, str], None], replace: bool) -> None:
        store = await self._gallery()
        target = Path(dest)

        def copy() -> Path:
            asset = store.get(asset_id)
            if asset is None:
                raise InputError(self.tr("This item is no longer in the gallery."))
            final = target if target.suffix else target.with_name(target.name + asset.path.suffix.lower())
            if not final.parent.is_dir():
                raise InputError(self.tr("The folder {0} does not exist.").format(final.parent))
            if not asset.path.is_file():
                raise InputError(self.tr("The file {0} is missing; it may have been moved or deleted.")
                                 .format(asset.path))
            if final.exists() and not replace:
                raise InputError(self.tr("{0} already exists; choose another name.").format(final))
            if not final.exists():
                return store.export(asset_id, final)
            part = final.with_name(f".{final.name}.{random_hex(8)}.part")
            try:
                store.export(asset_id, part)
                os.replace(part, final)
            finally:
                part.unlink(missing_ok=True)
            return final.absolute()

        try:
            written = await asyncio.to_thread(copy)
        except StudioError as exc:
            then("", str(exc))
        except OSError as exc:
            then("", self.tr("The copy could not be written to {0} ({1}).").format(target, exc.strerror or exc))
        else:
            then(str(written), "")

    def _with_asset(self, asset_id: str, then: Callable[[Asset], None]) -> None:
        """Run `then` with the asset: at once when its row is fetched, else after a query in a thread."""
        asset = self.list_model.asset(asset_id)
        if asset is not None:
            then(asset)
            return

        async def fetch() -> None:
            store = await self._gallery()
            found = await asyncio.to_thread(store.get, asset_id)
            if found is None:
                self._forget(asset_id)
                self.error.emit(self.tr("This item is no longer in the gallery."))
            else:
                then(found)

        self._run(fetch())

    # -- new results -----------------------------------------------------------------------------

    @Slot(str)
    def assetAdded(self, asset_id: str) -> None:
        """A job saved a file: show it first if it matches the filters (connect the jobs view-model here)."""
        if self._started:  # before that, `start` loads it with everything else
            self._run(self._added(asset_id))

    async def _added(self, asset_id: str) -> None:
        store = await self._gallery()
        asset = await asyncio.to_thread(store.get, asset_id)
        if asset is None:
            return
        self._cover_arrived(asset)
        if asset.model and asset.model not in self._models:
            await self._load_models()  # the library's first asset of this model
        if self._search or self._loads_running:
            # full-text matching is the index's business, and a list being loaded may predate the asset:
            # ask the store again (the newest load wins)
            await self._load()
            return
        if (is_extra(asset) != (self._kind == EXTRAS) or (self._kind not in ("", EXTRAS) and asset.kind != self._kind)
                or (self._model and asset.model != self._model)
                or (self._favorites and not asset.favorite)):
            return
        if self.list_model.insert_top(asset):
            self._set_count(self._count + 1)

    def _cover_arrived(self, asset: Asset) -> None:
        """A clip's cover saved after its song: the song's cell swaps its waveform for the cover."""
        clip = asset.metadata.get("clip_id")
        if asset.kind != "image" or not clip or not asset.job_id:
            return
        for song in self.list_model.assets_of_job(asset.job_id):
            if song.kind == "audio" and song.metadata.get("clip_id") == clip:
                self.list_model.renew_thumbnail(song.id)
