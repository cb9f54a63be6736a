"""Opens the Gallery's viewer with its details on an X display (Xvfb) at two window sizes and saves screenshots
(viewer-<width>-<language>-<theme>.png, and the player's: viewer-video-…). Run by tests/e2e/test_viewer.py in
its own process (the offscreen GUI tests own the QApplication of the pytest process).

usage: drive_viewer.py OUT_DIR LANGUAGE THEME
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from studio.services.core import StudioCore
from tests.e2e.driving import wait_for

PROMPTS = {
    "en": "A lighthouse on a rocky cape at dusk, warm light in the lantern room, long exposure of the sea, "
          "oil painting with visible brush strokes, soft clouds, a few gulls",
    "zh_CN": "黄昏时分岩石海岬上的灯塔，灯室里透出温暖的光，海面长曝光，油画质感，笔触清晰，柔和的云，几只海鸥",
}


def picture(path: Path, size: tuple[int, int], hue: int) -> None:
    """A landscape: a sky gradient, a sun and two rows of hills (something a creator would have made)."""
    from PIL import Image, ImageDraw

    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line((0, y, width, y), fill=(int(250 - 120 * t), int(170 - 60 * t + hue), int(110 + 90 * t)))
    draw.ellipse((width * 0.62, height * 0.18, width * 0.74, height * 0.18 + width * 0.12), fill=(255, 236, 170))
    draw.polygon([(0, height * 0.7), (width * 0.3, height * 0.5), (width * 0.6, height * 0.68), (width, height * 0.55),
                  (width, height), (0, height)], fill=(70, 80 + hue // 2, 110))
    draw.polygon([(0, height * 0.85), (width * 0.45, height * 0.72), (width, height * 0.88), (width, height),
                  (0, height)], fill=(30, 40, 60))
    image.save(path)


def seed(core: StudioCore, language: str) -> tuple[str, str]:
    """Three pictures and a video; returns the ids of the middle picture and of the video."""
    from tests.support.media import mp4_bytes

    store = core.gallery
    ids = []
    for index, size in enumerate(((1024, 1024), (1536, 1024), (1024, 1536))):
        asset_id = store.new_id()
        path = store.new_path(asset_id, ".png", when=1_764_600_000 + index * 60)
        path.parent.mkdir(parents=True, exist_ok=True)
        picture(path, size, index * 30)
        store.add(path=path, kind="image", mime="image/png", prompt=PROMPTS[language], model="gpt-image-1",
                  job_id=f"5c1e8a{index}f30b2", result_index=0, asset_id=asset_id,
                  created_at=1_764_600_000 + index * 60)
        ids.append(asset_id)
    video = store.new_id()
    path = store.new_path(video, ".mp4", when=1_764_590_000)
    path.write_bytes(mp4_bytes(seconds=4, width=320, height=180))
    store.add(path=path, kind="video", mime="video/mp4", prompt=PROMPTS[language], model="sora-2",
              job_id="9d04b7e21a6c", result_index=0, duration=4, asset_id=video, created_at=1_764_590_000)
    return ids[1], video


def main() -> int:
    out_dir, language, theme = sys.argv[1:4]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication

    from studio.app import create_event_loop, install_translators
    from studio.viewmodels.gallery import GalleryViewModel
    from studio.views.gallery_tab import GalleryTab
    from studio.views.theme import apply_theme

    app = QApplication(sys.argv[:1])
    install_translators(app, language)
    apply_theme(app, theme)
    loop = create_event_loop(app)
    core = StudioCore.open()
    picture_id, video_id = seed(core, language)
    tab = GalleryTab(GalleryViewModel(core))
    tab.resize(900, 600)
    tab.show()
    tab.vm.start()


    async def shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        await asyncio.sleep(0.4)
        image = widget.screen().grabWindow(widget.winId())  # the X server's pixels: libvlc's picture too
        if image.isNull():
            image = widget.grab()
        image.save(str(out / f"{name}-{language}-{theme}.png"))

    async def script() -> None:
        model = tab.vm.list_model
        await wait_for(lambda: model.rowCount() == 4)
        viewer = tab.open_asset(picture_id, str(core.gallery.get(picture_id).path), "image")
        await wait_for(lambda: viewer.ready and viewer.browser.asset is not None
                       and len(viewer.browser._neighbours) == 2)
        for width, height in ((1024, 700), (1400, 900)):
            viewer.resize(width, height)
            viewer.fit()
            await shot(viewer, f"viewer-{width}")
        viewer.copy_image()
        await shot(viewer, "viewer-copied")
        player = tab.open_asset(video_id, str(core.gallery.get(video_id).path), "video")
        viewer.close()
        await wait_for(lambda: player.browser.asset is not None and len(player.browser._neighbours) == 2)
        player.resize(1024, 700)
        await asyncio.sleep(1.5)
        player.player.pause()
        await shot(player, "viewer-video")
        player.close()
        await tab.vm.shutdown()

    loop.run_until_complete(script())
    return 0


if __name__ == "__main__":
    sys.exit(main())
