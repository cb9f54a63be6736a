"""Drives the real studio window on an X display (Xvfb) through the Music tab: a custom song through the relay
test server's Suno routes (40 s songs), its two takes listed with their covers, one of them playing in the
player, at 1024×700 (beside the Jobs panel) and 1400×900 (the first take's lyrics open), then "Extend from
here" at the player's 30th second; saves screenshots and prints one "seen" line the test checks.
Run by tests/e2e/test_music_screens.py in its own process.

usage: drive_music.py OUT_DIR LANGUAGE THEME
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from studio.app import build_gui
from studio.services.core import StudioCore
from studio.views.player import PLAYING
from tests.e2e.driving import wait_for

SONG = {
    "en": ("Harbour Lights", "indie folk, warm vocals, acoustic guitar",
           "[Verse]\nThe harbour lights are calling me home\nAcross the water, I'm not alone\n\n[Chorus]\n"
           "Sing it again, sing it slow"),
    "zh_CN": ("港口的灯", "民谣，温暖人声，木吉他",
              "[Verse]\n港口的灯在远方呼唤\n海风吹过，我不再孤单\n\n[Chorus]\n再唱一遍，慢慢地唱"),
}


def main() -> int:
    out_dir, language, theme = sys.argv[1:4]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    core = StudioCore.open()
    core.settings.set("jobs.poll_scale", 0.02)
    gui = build_gui(core, [sys.argv[0]], language=language, theme=theme)
    window = gui.window
    window.resize(1024, 700)
    seen: dict[str, object] = {}

    async def shot(name: str) -> None:
        await asyncio.sleep(0.4)  # let Qt lay out and paint; processEvents() in a task would re-enter others
        size = f"{window.width()}x{window.height()}"
        window.grab().save(str(out / f"{name}-{size}-{language}-{theme}.png"))

    async def script() -> None:
        gui.start()
        window.tabs.setCurrentWidget(window.music_page)
        tab = window.music_tab
        await wait_for(lambda: tab.model_picker.count() > 0 and tab.vm.options is not None)
        title, tags, lyrics = SONG[language]
        tab.custom_mode.click()
        tab.title_edit.setText(title)
        tab.tags.setText(tags)
        tab.lyrics.setPlainText(lyrics)
        tab.generate_button.click()
        await wait_for(lambda: tab._shown is not None and tab._shown.state.value == "done" and len(tab.rows) == 2
                       and all(r.cover.pixmap() is not None and r.cover.pixmap().width() == 56
                               for r in tab.rows.values()), timeout=60)
        first = next(iter(tab.rows.values()))
        first.play.click()
        player = tab.player
        assert player is not None
        await wait_for(lambda: player.state == PLAYING and first.playing and player.duration > 39, timeout=30)
        seen["playing"] = player.state
        seen["rows"] = [r.title.text() for r in tab.rows.values()]
        seen["details"] = [r.details.text() for r in tab.rows.values()]
        seen["durations"] = [r.duration.text() for r in tab.rows.values()]
        seen["status"] = tab.status.text()
        seen["extend_visible"] = tab.extend_button.isVisible()
        await shot("music")
        seen["window"] = window.width()
        window.resize(1400, 900)
        first.lyrics_toggle.click()
        seen["lyrics_shown"] = first.lyrics.isVisible() and first.lyrics.text()
        await shot("music")
        player.pause()
        player.seek(30.0)
        tab.extend_button.click()  # "Extend from here" at the player's 30th second
        await wait_for(lambda: tab.extend_box.isVisible() and tab.vm.extending is not None)
        seen["extend_text"] = tab.extend_text.text()
        seen["extend_at"] = tab.extend_at.value()
        await shot("music-extend")
        print("seen " + json.dumps(seen, ensure_ascii=False), flush=True)
        await gui.close()

    with gui.loop:
        gui.loop.run_until_complete(script())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
