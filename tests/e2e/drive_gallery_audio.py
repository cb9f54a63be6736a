"""Shows the Gallery with audio cells on an X display (Xvfb) and saves screenshots: the grid (two Suno clips,
one with its cover and one whose cover is not saved, so it shows its waveform; a voice-over's waveform; a
broken sound's placeholder; a video and a picture beside them; duration badges), the context menu of a clip
(Transcribe, Extend), a song playing in the viewer with its details (title, Transcribe, Extend, its clip's
video offered) and the kind filter's "Song covers and videos" (the cover and video kept out of the grid):
gallery-audio-<language>-<theme>.png, gallery-audio-menu-…, gallery-audio-viewer-…, gallery-audio-parts-…. Run by
tests/e2e/test_gallery_audio.py in its own process.

usage: drive_gallery_audio.py OUT_DIR LANGUAGE THEME
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from studio.services.core import StudioCore
from tests.e2e.driving import wait_for

WORDS = {
    "en": {"idea": "A synthwave song about driving through a city at night, rain on the windscreen",
           "titles": ("Neon Rain", "Neon Rain (take 2)"), "voice": "Welcome to the harbour tour. On your left, "
           "the old lighthouse", "lighthouse": "A lighthouse on a rocky cape at dusk", "broken": "An interrupted "
           "download"},
    "zh_CN": {"idea": "一首关于夜里开车穿过城市的合成器浪潮歌曲，雨打在挡风玻璃上",
              "titles": ("霓虹雨", "霓虹雨（第二版）"), "voice": "欢迎参加港口游览。您的左边是古老的灯塔",
              "lighthouse": "黄昏时分岩石海岬上的灯塔", "broken": "一次中断的下载"},
}
WHEN = 1_764_600_000


def cover_art(path: Path, hue: int) -> None:
    """An album cover: a dusk gradient, a sun striped by the horizon, a grid floor (what Suno's look like)."""
    from PIL import Image, ImageDraw

    side = 512
    image = Image.new("RGB", (side, side))
    draw = ImageDraw.Draw(image)
    for y in range(side):
        t = y / side
        draw.line((0, y, side, y), fill=(int(40 + 150 * t), int(20 + 30 * t + hue // 3), int(90 + 60 * (1 - t))))
    draw.ellipse((136, 90, 376, 330), fill=(255, 150 + hue // 2, 80))
    for i in range(6):
        draw.rectangle((120, 230 + i * 16, 392, 236 + i * 16), fill=(int(40 + 150 * (230 + i * 16) / side), 40, 120))
    draw.rectangle((0, 340, side, side), fill=(25, 10, 45))
    for i in range(9):
        draw.line((side // 2, 340, i * side // 8, side), fill=(240, 80, 200), width=2)
    for i in range(5):
        y = 340 + (i * i + 1) * 9
        draw.line((0, y, side, y), fill=(240, 80, 200), width=2)
    image.save(path)


def seed(core: StudioCore, language: str) -> dict[str, str]:
    from tests.support.media import mp4_bytes, speech_bytes
    from tests.support.songs import song_bytes

    words: dict[str, Any] = WORDS[language]
    store = core.gallery
    ids: dict[str, str] = {}

    def add(name: str, kind: str, suffix: str, mime: str, data: bytes | None, when: int, **fields: Any) -> str:
        asset_id = store.new_id()
        path = store.new_path(asset_id, suffix, when=when)
        path.parent.mkdir(parents=True, exist_ok=True)
        if data is None and kind == "image" and "clip_id" not in fields.get("metadata", {}):
            from tests.e2e.drive_viewer import picture

            picture(path, (1024, 1024), 30)
        elif data is None:
            cover_art(path, fields.pop("hue"))
        else:
            path.write_bytes(data)
        store.add(path=path, kind=kind, mime=mime, asset_id=asset_id, created_at=when, **fields)
        ids[name] = asset_id
        return asset_id

    add("picture", "image", ".png", "image/png", None, WHEN, prompt=words["lighthouse"], model="gpt-image-1")
    add("video", "video", ".mp4", "video/mp4", mp4_bytes(seconds=4, width=320, height=180), WHEN + 10,
        prompt=words["lighthouse"], model="sora-2", duration=4, job_id="9d04b7e21a6c", result_index=0)
    add("voice", "audio", ".mp3", "audio/mpeg", speech_bytes("mp3", seconds=6.0), WHEN + 20, prompt=words["voice"],
        model="tts-1", job_id="speech0a1b2c", result_index=0, metadata={"family": "speech"})
    add("broken", "audio", ".mp3", "audio/mpeg", b"ID3" + bytes(300), WHEN + 25, prompt=words["broken"],
        model="tts-1", duration=12)
    job = "5c1e8a0f30b2"
    for index, (title, seconds, swell) in enumerate(zip(words["titles"], (48.0, 36.0), (9.0, 4.0), strict=True)):
        meta = {"family": "suno", "clip_id": f"clip-{index}", "title": title, "tags": "synthwave, night"}
        add(f"song{index}", "audio", ".mp3", "audio/mpeg", song_bytes(seconds=seconds, swell=swell),
            WHEN + 30 + index, prompt=words["idea"], model="chirp-v4", job_id=job, result_index=index * 3,
            profile="Home relay", metadata=meta)  # the duration read from the file, as a saved clip's is
    # the first clip's cover and video are saved, as Suno's handler saves them (marked by role: shown through
    # the song's cell, not as cells of their own); the second one's cover is not (yet): it shows its waveform
    add("cover0", "image", ".png", "image/png", None, WHEN + 32, hue=0, prompt=words["idea"], model="chirp-v4",
        job_id=job, result_index=1, profile="Home relay", metadata={"family": "suno", "clip_id": "clip-0",
                                                                    "role": "cover"})
    add("video0", "video", ".mp4", "video/mp4", mp4_bytes(seconds=4, width=320, height=320), WHEN + 33,
        prompt=words["idea"], model="chirp-v4", job_id=job, result_index=2, profile="Home relay",
        metadata={"family": "suno", "clip_id": "clip-0", "role": "clip-video"})
    return ids


#: assets shown through their song's cell, not in the grid
PARTS = ("cover0", "video0")


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
    ids = seed(core, language)
    tab = GalleryTab(GalleryViewModel(core))
    tab.resize(1000, 560)
    tab.show()
    tab.vm.start()

    def grab(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        image = widget.screen().grabWindow(widget.winId())  # the X server's pixels
        if image.isNull():
            image = widget.grab()
        image.save(str(out / f"{name}-{language}-{theme}.png"))

    async def script() -> None:
        model = tab.vm.list_model
        await wait_for(lambda: model.rowCount() == len(ids) - len(PARTS))
        await wait_for(lambda: all(model.is_fetched(r) for r in range(model.rowCount())))
        shown = [i for name, i in ids.items() if name != "broken" and name not in PARTS]
        await wait_for(lambda: all(tab.thumbnail_of(model.row_of(i)) is not None for i in shown))
        await asyncio.sleep(0.4)
        grab(tab, "gallery-audio")

        index = model.index(model.row_of(ids["song0"]))
        tab.view.setCurrentIndex(index)
        menu = tab.build_menu(index)
        menu.popup(tab.view.viewport().mapToGlobal(tab.view.visualRect(index).center()))
        await asyncio.sleep(0.5)
        screen = tab.screen().grabWindow(0)  # the whole screen: the menu is a window of its own
        screen.copy(tab.geometry().united(menu.geometry())).save(
            str(out / f"gallery-audio-menu-{language}-{theme}.png"))
        menu.close()

        viewer = tab.open_asset(ids["song0"], str(core.gallery.get(ids["song0"]).path), "audio")
        await wait_for(lambda: viewer.browser.asset is not None and len(viewer.browser._neighbours) == 2)
        await wait_for(lambda: not viewer.video_button.isHidden())  # the clip's video is offered
        viewer.resize(1024, 640)
        await asyncio.sleep(1.5)
        grab(viewer, "gallery-audio-viewer")
        viewer.close()

        picker = tab.kind_picker  # the songs' covers and videos, listed apart
        picker.setCurrentIndex(picker.findData("extras"))
        await wait_for(lambda: sorted(model.asset_ids()) == sorted(ids[name] for name in PARTS))
        await wait_for(lambda: all(model.is_fetched(r) and tab.thumbnail_of(r) is not None
                                   for r in range(model.rowCount())))
        await asyncio.sleep(0.4)
        grab(tab, "gallery-audio-parts")
        await tab.vm.shutdown()

    loop.run_until_complete(script())
    return 0


if __name__ == "__main__":
    sys.exit(main())
