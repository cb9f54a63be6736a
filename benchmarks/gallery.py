"""The Gallery tab over a library of 10,000 real images (offscreen unless $DISPLAY is set).

Acceptance (the gallery issue): 10,000 assets in the store — open the gallery in < 1 s, scroll end to end
with the worst event-loop stall < 50 ms, thumbnail cache hit after a restart.

Setup: a temporary STUDIO_HOME with 50 distinct 512×512 PNGs made with Pillow, hard-linked (copied where
links are not possible) to N asset paths; every asset is its own file and its own row (`GalleryStore.add`).

The process is set up as the app's: `gc.freeze()` after start-up (see studio/app.py), so a full
collection scans what was made since, not every Qt wrapper and module. Measured with a 10 ms heartbeat
timer on the event loop (a stall = the longest gap minus 10 ms):
  (a) cold open: GalleryViewModel + GalleryTab created → first screen of rows painted; then → every
      visible thumbnail shown (made with Pillow in worker threads, written to thumbs/, its PNG bytes
      decoded by the view's ThumbnailPixmaps in a worker thread);
  (b) scroll end to end: the scroll bar moved top to bottom in steps of about a screen, each step
      painted at once and followed by 16 ms of event loop; worst stall, worst and p95 paint;
  (c) restart: a new core over the same folder, new view-model/model/tab: open time and the first
      screen's thumbnails, counting ThumbnailCache.get hits and Pillow `make_thumbnail` calls;
  baseline, same run: a bare QListView (icon mode, same grid) over a QStandardItemModel of the same N
      prompts read on the UI thread, no thumbnails: open time and the same scroll.

Usage: .venv/bin/python benchmarks/gallery.py [--assets N] [--steps S] [--keep]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studio.services.core import StudioCore  # noqa: E402
from studio.storage.paths import DataPaths  # noqa: E402

if TYPE_CHECKING:
    from studio.gallery.store import GalleryStore
    from studio.views.gallery_tab import GalleryTab

OPEN_TARGET_MS = 1000.0
STALL_TARGET_MS = 50.0
HEARTBEAT_MS = 10
DISTINCT = 50
WORDS = ("a lighthouse on a cliff", "a red fox in the snow", "neon street in the rain", "a bowl of ramen",
         "mountain lake at dawn", "猫 on a windowsill", "portrait of an astronaut", "a watercolor garden")
MODELS = ("gpt-image-1", "flux-dev", "dall-e-3", "mj_imagine")


# -- setup ---------------------------------------------------------------------------------------

def make_seeds(folder: Path) -> list[Path]:
    """50 distinct 512×512 PNGs: a gradient, a disc and a band, each in its own colours."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    seeds = []
    for n in range(DISTINCT):
        gradient = Image.linear_gradient("L").resize((512, 512)).rotate(n * 37 % 360)
        image = Image.merge("RGB", (gradient, gradient.point(lambda v, n=n: (v + n * 47) % 256),
                                    gradient.point(lambda v, n=n: 255 - (v + n * 13) % 256)))
        draw = ImageDraw.Draw(image)
        x, y = 60 + n * 7 % 300, 80 + n * 11 % 260
        draw.ellipse((x, y, x + 160, y + 160), fill=((n * 53) % 256, (n * 97) % 256, (n * 29) % 256))
        draw.rectangle((0, 400 - n * 5, 512, 430 - n * 5), fill="white")
        path = folder / f"seed-{n:02d}.png"
        image.save(path, "PNG")
        seeds.append(path)
    return seeds


def place(store: GalleryStore, asset_id: str, source: Path, when: float) -> Path:
    """`source` at the library path of a new asset (a hard link, a copy where links fail)."""
    path = store.new_path(asset_id, source.suffix, when=when)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, path)
    except OSError:
        shutil.copyfile(source, path)
    return path


def fill_library(home: Path, count: int) -> float:
    """`count` assets under `home`; returns the seconds it took."""
    started = time.perf_counter()
    core = StudioCore.open(DataPaths(home))
    store = core.gallery
    seeds = make_seeds(home / "seeds")
    base = time.time() - count
    for i in range(count):
        asset_id = store.new_id()
        when = base + i
        path = place(store, asset_id, seeds[i % DISTINCT], when)
        store.add(path=path, kind="image", mime="image/png", prompt=f"{WORDS[i % len(WORDS)]}, study {i}",
                  model=MODELS[i % len(MODELS)], width=512, height=512, created_at=when, asset_id=asset_id)
    core.db.close()
    return time.perf_counter() - started


# -- measuring -----------------------------------------------------------------------------------

class Heartbeat:
    """A 10 ms timer on the event loop; the gaps between its ticks show how long the loop was busy."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    @contextmanager
    def measuring(self) -> Iterator[list[float]]:
        self.gaps = []
        self._last = time.perf_counter()
        self._timer.start()
        try:
            yield self.gaps
        finally:
            self._timer.stop()

    @staticmethod
    def worst_stall_ms(gaps: list[float]) -> float:
        return max(0.0, max(gaps, default=0.0) * 1000 - HEARTBEAT_MS)


class ThumbnailCounter:
    """Counts ThumbnailCache.get hits/misses and Pillow `make_thumbnail` calls (from worker threads)."""

    def __init__(self) -> None:
        import studio.gallery.thumbnails as thumbnails

        self.hits = self.misses = self.made = 0
        self._lock = threading.Lock()
        original_get = thumbnails.ThumbnailCache.get
        original_make = thumbnails.make_thumbnail
        counter = self

        def get(cache, asset_id: str, size: int) -> bytes | None:  # type: ignore[no-untyped-def]
            data = original_get(cache, asset_id, size)
            with counter._lock:
                if data is None:
                    counter.misses += 1
                else:
                    counter.hits += 1
            return data

        def make(*args, **kwargs):  # type: ignore[no-untyped-def]
            with counter._lock:
                counter.made += 1
            return original_make(*args, **kwargs)

        thumbnails.ThumbnailCache.get = get  # type: ignore[method-assign]
        thumbnails.make_thumbnail = make

    def snapshot(self) -> tuple[int, int, int]:
        with self._lock:
            return self.hits, self.misses, self.made


async def wait_for(predicate: Callable[[], bool], timeout: float = 60.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what or predicate}")
        await asyncio.sleep(0.001)


async def settle_layout(view) -> None:  # type: ignore[no-untyped-def]
    """Batched layout grows the scroll range over a few event-loop turns; wait until it stops."""
    bar, last, stable = view.verticalScrollBar(), -1, 0
    while stable < 5:
        await asyncio.sleep(0.01)
        stable = stable + 1 if bar.maximum() == last else 0
        last = bar.maximum()


async def scroll_end_to_end(view, steps: int) -> tuple[list[float], int]:  # type: ignore[no-untyped-def]
    """Scroll top to bottom in `steps`, painting each step; the paint times (s) and the step in px."""
    bar = view.verticalScrollBar()
    stride = max(1, bar.maximum() // steps)
    frames = []
    for value in range(0, bar.maximum() + stride, stride):
        started = time.perf_counter()
        bar.setValue(min(value, bar.maximum()))
        view.viewport().repaint()
        frames.append(time.perf_counter() - started)
        await asyncio.sleep(0.016)
    return frames, stride


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(len(ordered) * 0.95)] if ordered else 0.0


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


# -- the runs ------------------------------------------------------------------------------------

async def open_first_screen(core: StudioCore, count: int) -> GalleryTab:
    """A 1200×800 Gallery tab on `core`, shown and started, once its `count` rows are known and the first
    screen's rows fetched and painted (their thumbnails may still be coming)."""
    from studio.viewmodels.gallery import GalleryViewModel
    from studio.views.gallery_tab import GalleryTab

    vm = GalleryViewModel(core)
    tab = GalleryTab(vm)
    tab.resize(1200, 800)
    tab.show()
    vm.start()
    model = vm.list_model
    await wait_for(lambda: model.rowCount() == count and model.is_fetched(0), what="first rows")
    await wait_for(lambda: all(model.is_fetched(r) for r in tab.visible_rows()), what="first screen")
    tab.view.viewport().repaint()
    return tab


async def run_gallery(home: Path, count: int, steps: int, beat: Heartbeat, thumbs: ThumbnailCounter) -> dict:
    figures: dict = {}

    async def open_tab(core: StudioCore) -> tuple[GalleryTab, float, float, list[float]]:
        with beat.measuring() as gaps:
            started = time.perf_counter()
            tab = await open_first_screen(core, count)
            opened = time.perf_counter() - started
            await wait_for(lambda: all(tab.thumbnail_of(r) is not None for r in tab.visible_rows()),
                           what="first screen's thumbnails")
            thumbnailed = time.perf_counter() - started
        return tab, opened, thumbnailed, list(gaps)

    # (a) cold
    core = StudioCore.open(DataPaths(home))
    before = thumbs.snapshot()
    tab, opened, thumbnailed, gaps = await open_tab(core)
    after = thumbs.snapshot()
    model = tab.vm.list_model
    figures["cold_open_ms"] = opened * 1000
    figures["cold_thumbs_ms"] = thumbnailed * 1000
    figures["cold_open_stall_ms"] = beat.worst_stall_ms(gaps)
    figures["first_screen"] = len(tab.visible_rows())
    figures["cold_made"] = after[2] - before[2]
    figures["open_pages"] = model.pages_fetched
    figures["open_rows"] = model.rows_fetched

    # (b) scroll end to end
    await settle_layout(tab.view)
    pages, rows, loaded = model.pages_fetched, model.rows_fetched, model.thumbnails_loaded
    decoded = tab.delegate.pixmaps.decoded
    before = thumbs.snapshot()
    with beat.measuring() as gaps:
        started = time.perf_counter()
        frames, stride = await scroll_end_to_end(tab.view, steps)
        scrolled = time.perf_counter() - started
        await wait_for(lambda: all(tab.thumbnail_of(r) is not None for r in tab.visible_rows()),
                       what="last screen's thumbnails")
        last_screen = time.perf_counter() - started - scrolled
    after = thumbs.snapshot()
    gc.collect()  # the garbage of the run so far, then what a full pass costs with every row fetched
    started = time.perf_counter()
    gc.collect()
    figures["gc_full_ms"] = (time.perf_counter() - started) * 1000
    figures.update(
        scroll_stall_ms=beat.worst_stall_ms(gaps), scroll_frame_max_ms=max(frames) * 1000,
        scroll_frame_p95_ms=p95(frames) * 1000, scroll_steps=len(frames), scroll_stride=stride,
        scroll_s=scrolled, scroll_pages=model.pages_fetched - pages, scroll_rows=model.rows_fetched - rows,
        scroll_thumbs=model.thumbnails_loaded - loaded, scroll_decoded=tab.delegate.pixmaps.decoded - decoded,
        scroll_made=after[2] - before[2],
        last_screen_ms=last_screen * 1000, at_end=model.is_fetched(count - 1))
    await tab.vm.shutdown()
    tab.close()
    tab.deleteLater()
    core.db.close()

    # (c) restart: a new core over the same folder, new instances of everything
    core = StudioCore.open(DataPaths(home))
    before = thumbs.snapshot()
    tab, opened, thumbnailed, gaps = await open_tab(core)
    after = thumbs.snapshot()
    figures["warm_open_ms"] = opened * 1000
    figures["warm_thumbs_ms"] = thumbnailed * 1000
    figures["warm_open_stall_ms"] = beat.worst_stall_ms(gaps)
    figures["warm_hits"], figures["warm_misses"], figures["warm_made"] = (a - b for a, b in zip(after, before))
    await tab.vm.shutdown()
    tab.close()
    tab.deleteLater()
    core.db.close()
    return figures


async def run_baseline(home: Path, count: int, steps: int, beat: Heartbeat) -> dict:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QListView

    from studio.viewmodels.gallery import short_prompt

    core = StudioCore.open(DataPaths(home))
    store = core.gallery
    with beat.measuring() as gaps:
        started = time.perf_counter()
        assets = store.assets(limit=count)  # on the UI thread, as a plain list would
        model = QStandardItemModel()
        root = model.invisibleRootItem()
        root.appendRows([QStandardItem(short_prompt(a.prompt)) for a in assets])
        view = QListView()
        view.setViewMode(QListView.ViewMode.IconMode)
        view.setMovement(QListView.Movement.Static)
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setUniformItemSizes(True)
        view.setGridSize(QSize(180, 200))
        view.setLayoutMode(QListView.LayoutMode.Batched)
        view.setBatchSize(1000)
        view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        view.setModel(model)
        view.resize(1200, 800)
        view.show()
        await asyncio.sleep(0)
        view.viewport().repaint()
        opened = time.perf_counter() - started
    open_stall = beat.worst_stall_ms(gaps)
    del assets
    gc.collect()  # the 10,000 rows read for the items are garbage now: not the view's cost while scrolling
    await settle_layout(view)
    with beat.measuring() as gaps:
        frames, _stride = await scroll_end_to_end(view, steps)
    figures = {"open_ms": opened * 1000, "open_stall_ms": open_stall, "scroll_stall_ms": beat.worst_stall_ms(gaps),
               "scroll_frame_max_ms": max(frames) * 1000, "scroll_frame_p95_ms": p95(frames) * 1000}
    view.close()
    view.deleteLater()
    core.db.close()
    return figures


def report(count: int, setup_s: float, g: dict, b: dict) -> bool:
    open_ok = g["cold_open_ms"] < OPEN_TARGET_MS and g["warm_open_ms"] < OPEN_TARGET_MS
    stall_ok = g["scroll_stall_ms"] < STALL_TARGET_MS
    lookups = g["warm_hits"] + g["warm_misses"]
    hit_rate = g["warm_hits"] / lookups if lookups else 0.0
    cache_ok = g["warm_made"] == 0 and g["warm_misses"] == 0 and lookups >= g["first_screen"]
    print(f"Gallery benchmark: {count:,} image assets ({DISTINCT} distinct 512×512 PNGs), "
          f"setup {setup_s:.1f} s, platform {os.environ.get('QT_QPA_PLATFORM') or 'default'}")
    print("(a) cold open (no thumbnails on disk):")
    print(f"  first screen shown    {g['cold_open_ms']:7.0f} ms   target < {OPEN_TARGET_MS:g} ms  "
          f"{verdict(g['cold_open_ms'] < OPEN_TARGET_MS)}   baseline {b['open_ms']:.0f} ms "
          f"({g['cold_open_ms'] / b['open_ms']:.2f} x)")
    print(f"  its thumbnails        {g['cold_thumbs_ms']:7.0f} ms   ({g['first_screen']} cells, "
          f"{g['cold_made']} made with Pillow)")
    print(f"  worst stall           {g['cold_open_stall_ms']:7.1f} ms   baseline {b['open_stall_ms']:.1f} ms")
    print(f"  rows fetched          {g['open_rows']:7d}      in {g['open_pages']} get_many call(s), of {count:,}")
    print(f"(b) scroll end to end ({g['scroll_steps']} steps of {g['scroll_stride']} px, "
          f"{g['scroll_s']:.1f} s):")
    print(f"  worst stall           {g['scroll_stall_ms']:7.1f} ms   target < {STALL_TARGET_MS:g} ms  "
          f"{verdict(stall_ok)}   baseline {b['scroll_stall_ms']:.1f} ms "
          f"({g['scroll_stall_ms'] / max(b['scroll_stall_ms'], 0.1):.2f} x)")
    print(f"  paint per step        {g['scroll_frame_max_ms']:7.1f} ms   worst; p95 {g['scroll_frame_p95_ms']:.1f} ms;"
          f" baseline worst {b['scroll_frame_max_ms']:.1f} ms, p95 {b['scroll_frame_p95_ms']:.1f} ms")
    print(f"  fetched on the way    {g['scroll_rows']:7d} rows in {g['scroll_pages']} pages; "
          f"{g['scroll_thumbs']} thumbnails loaded, {g['scroll_decoded']} decoded, {g['scroll_made']} made; "
          f"reached the end: {g['at_end']}")
    print(f"  last screen's thumbs  {g['last_screen_ms']:7.0f} ms   after the scroll stopped")
    print(f"  full gc.collect()     {g['gc_full_ms']:7.1f} ms   with all {count:,} rows fetched (after the freeze)")
    print("(c) restart (new core, view-model, model and tab over the same folder):")
    print(f"  first screen shown    {g['warm_open_ms']:7.0f} ms   target < {OPEN_TARGET_MS:g} ms  "
          f"{verdict(g['warm_open_ms'] < OPEN_TARGET_MS)}")
    print(f"  its thumbnails        {g['warm_thumbs_ms']:7.0f} ms   (cold {g['cold_thumbs_ms']:.0f} ms, "
          f"{g['cold_thumbs_ms'] / max(g['warm_thumbs_ms'], 0.1):.1f} x faster)")
    print(f"  thumbnail cache       {hit_rate:7.0%}      hits ({g['warm_hits']} hits, {g['warm_misses']} misses, "
          f"{g['warm_made']} made with Pillow)  target 100 %  {verdict(cache_ok)}")
    print(f"  worst stall           {g['warm_open_stall_ms']:7.1f} ms")
    ok = open_ok and stall_ok and cache_ok
    print(f"acceptance: {'PASS' if ok else 'MISS'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--assets", type=int, default=10_000)
    parser.add_argument("--steps", type=int, default=300, help="scroll steps from top to bottom")
    parser.add_argument("--keep", action="store_true", help="keep the temporary library and print its path")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="studio-gallery-bench-"))
    try:
        setup = fill_library(home, args.assets)
        from PySide6.QtWidgets import QApplication

        from studio.app import create_event_loop

        app = QApplication.instance() or QApplication([sys.argv[0]])
        loop = create_event_loop(app)
        beat = Heartbeat()
        thumbs = ThumbnailCounter()
        import studio.viewmodels.gallery  # noqa: F401 - imported before the freeze, as the app does
        import studio.views.gallery_tab  # noqa: F401

        gc.collect()
        gc.freeze()  # as build_gui does after start-up: start-up objects stay out of full collections
        gallery = loop.run_until_complete(run_gallery(home, args.assets, args.steps, beat, thumbs))
        baseline = loop.run_until_complete(run_baseline(home, args.assets, args.steps, beat))
        ok = report(args.assets, setup, gallery, baseline)
    finally:
        if args.keep:
            print(f"library kept in {home}")
        else:
            shutil.rmtree(home, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
