"""Drives the real studio window on an X display (Xvfb): sends a chat, makes images and videos through the
relay test server and saves screenshots. Run by tests/e2e/test_window.py in its own process (the offscreen GUI tests
own the QApplication of the pytest process).

usage: drive_window.py RELAY_URL OUT_DIR LANGUAGE THEME
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from studio.app import build_gui
from studio.services.core import StudioCore
from tests.e2e.driving import wait_for

PROMPTS = ("a lighthouse at dusk, oil painting", "水墨山水，远山与小舟", "a red fox in fresh snow",
           "neon city street at night, rain", "a koi pond, ukiyo-e print", "赛博朋克风格的猫",
           "a bowl of ramen, studio light", "portrait of an astronaut, film grain")


def seed_gallery(core: StudioCore, count: int) -> None:
    """`count` real images in the library, as if earlier jobs had made them (the Gallery screenshot)."""
    from PIL import Image, ImageDraw

    for index in range(count):
        width, height = ((256, 256), (320, 192), (192, 320))[index % 3]
        hue = (index * 37) % 255
        image = Image.new("RGB", (width, height), (hue, 120 + index % 100, 255 - hue))
        draw = ImageDraw.Draw(image)
        draw.ellipse((width // 4, height // 4, width * 3 // 4, height * 3 // 4), fill=(255 - hue, hue, 90))
        asset_id = core.gallery.new_id()
        path = core.gallery.new_path(asset_id, ".png")
        path.parent.mkdir(parents=True, exist_ok=True)
        image.save(path)
        asset = core.gallery.add(path=path, kind="image", mime="image/png", prompt=PROMPTS[index % len(PROMPTS)],
                                 model=("gpt-image-1", "mj_imagine", "flux-1.1-pro")[index % 3], asset_id=asset_id)
        if index % 7 == 0:
            core.gallery.set_favorite(asset.id, True)


VIDEO_PROMPTS = ("a paper boat drifting down a rainy street", "城市夜景延时摄影", "waves breaking on black sand",
                 "a hummingbird in slow motion", "雪中的红狐狸", "a drone shot over rice terraces")


def seed_videos(core: StudioCore) -> None:
    """Real short MP4s in the library, newest first in the gallery (the Gallery's video cells)."""
    from tests.support.media import mp4_bytes

    for index, prompt in enumerate(VIDEO_PROMPTS):
        seconds = 2.0 + index
        asset_id = core.gallery.new_id()
        path = core.gallery.new_path(asset_id, ".mp4")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(mp4_bytes(seconds=seconds, width=192, height=108))
        core.gallery.add(path=path, kind="video", mime="video/mp4", prompt=prompt,
                         model=("sora-2", "kling-v1-6")[index % 2],
                         width=192, height=108, duration=seconds, asset_id=asset_id)


def main() -> int:
    relay_url, out_dir, language, theme = sys.argv[1:5]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    core = StudioCore.open()
    core.settings.set("jobs.poll_scale", 0.02)  # Midjourney's 3 s poll floor becomes 60 ms
    seed_gallery(core, 200)
    seed_videos(core)
    gui = build_gui(core, [sys.argv[0]], language=language, theme=theme)
    window = gui.window
    window.resize(1200, 780)

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest


    async def shot(name: str) -> None:
        await asyncio.sleep(0.15)  # let Qt paint; processEvents() inside a task would re-enter other tasks
        screen = window.screen()
        image = screen.grabWindow(window.winId())
        if image.isNull():
            image = window.grab()
        image.save(str(out / f"{name}-{language}-{theme}.png"))

    async def script() -> None:
        gui.start()
        chat = window.chat_tab
        await wait_for(lambda: chat.model_picker.count() > 0)
        chat.model_picker.setEditText("gpt-4o")
        QTest.keyClicks(chat.prompt, "echo:Here is **bold** text, a list and code:")
        chat.prompt.insertPlainText("\n\n- one\n- two\n\n```python\nprint('你好, relay')\n```\n\n"
                                    "| a | b |\n|---|---|\n| 1 | 2 |\n")
        await shot("typing")
        QTest.keyClick(chat.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        await wait_for(lambda: "print" in chat.transcript.toPlainText() and not gui.chat_vm.streaming)
        await asyncio.sleep(0.3)
        await shot("chat")
        window.tabs.setCurrentIndex(1)
        await shot("image-tab")
        await midjourney_and_jobs()
        await video()
        await gallery()
        window.tabs.setCurrentIndex(0)
        await gui.close()

    async def gallery() -> None:
        from studio.viewmodels.gallery import GalleryListModel

        window.tabs.setCurrentWidget(window.gallery_page)
        model = gui.gallery_vm.list_model

        def thumbnails_shown() -> bool:
            rows = min(model.rowCount(), 15)
            return rows >= 15 and all(model.index(r, 0).data(GalleryListModel.ThumbnailReadyRole) for r in range(rows))

        await wait_for(thumbnails_shown)
        await shot("gallery")
        kinds = window.gallery_tab.kind_picker
        kinds.setCurrentIndex(kinds.findData("video"))
        await wait_for(lambda: model.rowCount() > 0 and thumbnails_shown_of(min(model.rowCount(), 8)), timeout=10,
                       required=False)  # posters: a video without one yet shows its placeholder
        await asyncio.sleep(0.3)
        await shot("gallery-video")

    def thumbnails_shown_of(rows: int) -> bool:
        from studio.viewmodels.gallery import GalleryListModel

        model = gui.gallery_vm.list_model
        return all(model.index(r, 0).data(GalleryListModel.ThumbnailReadyRole) for r in range(rows))

    async def video() -> None:
        """The Video tab: a gallery picture dropped on the start frame, a job running, the video playing."""
        from PySide6.QtCore import QPointF
        from PySide6.QtGui import QDragEnterEvent, QDropEvent
        from PySide6.QtWidgets import QApplication

        from studio.viewmodels.dragdrop import asset_mime_data

        window.tabs.setCurrentWidget(window.video_page)
        tab = window.video_tab
        await wait_for(lambda: tab.model_picker.count() > 0)
        tab.model_picker.setEditText("sora-2")
        await wait_for(lambda: tab.vm.options is not None and tab.vm.options.model == "sora-2")
        picture = next(a for a in core.gallery.assets(kind="image", limit=20) if (a.width or 0) < (a.height or 0))
        mime = asset_mime_data([picture])
        point = QPointF(tab.start_slot.rect().center())
        enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(tab.start_slot, enter)
        QApplication.sendEvent(tab.start_slot, QDropEvent(point, Qt.DropAction.CopyAction, mime,
                                                          Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
        await wait_for(lambda: tab.start_slot.picture.pixmap() is not None
                       and not tab.start_slot.picture.pixmap().isNull())
        tab.prompt.setPlainText(PROMPTS[0] if language == "en" else "灯塔在黄昏中亮起，海浪拍岸，镜头缓缓推进")
        tab.seconds.setCurrentIndex(tab.seconds.findData("8"))
        tab.size_box.setCurrentIndex(tab.size_box.findData("720x1280"))
        await shot("video-frame")

        core.profiles.add("local", relay_url + "/case/videos-polls-400", key_env="RELAY_KEY", make_default=True)
        await core.clients.forget("local")
        tab.generate()
        await wait_for(lambda: tab._shown is not None and tab._shown.state.value == "running"
                       and (tab._shown.progress or 0) >= 12, timeout=40)
        await shot("video-running")
        await gui.jobs_vm.runner.cancel(tab._shown.job_id)

        core.profiles.add("local", relay_url, key_env="RELAY_KEY", make_default=True)
        await core.clients.forget("local")
        tab.generate()
        await wait_for(lambda: tab._shown is not None and tab._shown.state.value == "done", timeout=40)
        player = tab.player
        await wait_for(lambda: player is not None and player.state == "playing" and player.showing_video
                       and player.position >= 0.4)
        await shot("video-playing")
        player.pause()

    async def midjourney_and_jobs() -> None:
        image = window.image_tab
        await wait_for(lambda: image.model_picker.count() > 0)
        image.model_picker.setEditText("mj_imagine")
        image.prompt.setPlainText("a lighthouse at dusk, oil painting")
        image.generate()

        def grid_shown() -> bool:
            view = image._shown
            return (view is not None and view.state.value == "done" and len(image.mj_buttons) >= 9
                    and all(q.pixmap() is not None and not q.pixmap().isNull() for q in image.quadrants))

        await wait_for(grid_shown)
        await asyncio.sleep(0.2)
        await shot("image-mj")
        # three jobs that keep running: the Jobs panel with live rows
        core.profiles.add("local", relay_url + "/case/mj-polls-100000", key_env="RELAY_KEY", make_default=True)
        await core.clients.forget("local")
        for prompt in ("a fox in the snow", "a koi pond, ukiyo-e", "a city at night, neon"):
            image.prompt.setPlainText(prompt)
            image.generate()
            await asyncio.sleep(0.2)
        model = gui.jobs_vm.model
        await wait_for(lambda: sum(1 for r in range(model.rowCount()) if model.job_at(r).state.value == "running") >= 3)
        window.jobs_panel.table.selectRow(0)
        await asyncio.sleep(0.3)
        await shot("jobs-running")
        for row in range(model.rowCount()):
            job = model.job_at(row)
            if job.state.value == "running":
                await gui.jobs_vm.runner.cancel(job.id)

    with gui.loop:
        gui.loop.run_until_complete(script())
    print("screenshots saved", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
