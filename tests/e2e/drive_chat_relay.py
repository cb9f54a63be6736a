"""Drives the real studio window's chat header on an X display (Xvfb) with two relay profiles: routing's one
preselected and marked, the other chosen, its list open; screenshots at 1024×700 and 1400×900
(chat-relay-<size>-<language>-<theme>.png, chat-relay-list-1024-…). Run by tests/e2e/test_chat_relay_screens.py
in its own process; prints one "relay" line (what was on screen) the test checks.

usage: drive_chat_relay.py RELAY_URL OUT_DIR LANGUAGE THEME
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from studio.app import build_gui
from studio.services.core import StudioCore
from tests.e2e.driving import wait_for


def main() -> int:
    relay_url, out_dir, language, theme = sys.argv[1:5]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    core = StudioCore.open()
    gui = build_gui(core, [sys.argv[0]], language=language, theme=theme)
    window = gui.window


    async def shot(name: str, widget: object = None) -> None:
        await asyncio.sleep(0.3)  # let Qt lay out and paint; processEvents() in a task would re-enter others
        (widget or window).grab().save(str(out / f"{name}-{language}-{theme}.png"))  # type: ignore[attr-defined]

    async def script() -> None:
        gui.start()
        chat = window.chat_tab
        window.resize(1024, 700)
        await wait_for(lambda: chat.model_picker.count() > 0 and chat.relay_picker.count() == 2)
        facts: dict[str, object] = {"items": [chat.relay_picker.itemText(i) for i in range(2)]}
        backup = chat.relay_picker.findData("backup-relay")
        chat.relay_picker.setCurrentIndex(backup)
        chat.relay_picker.activated.emit(backup)
        await wait_for(lambda: window.profile_label.text().endswith("backup-relay"))
        chat.prompt.setPlainText("echo:Sent through the **backup** relay.")
        chat.send()
        await wait_for(lambda: not gui.chat_vm.streaming and "backup" in chat.transcript.toPlainText())
        for width, height in ((1024, 700), (1400, 900)):
            window.resize(width, height)
            await asyncio.sleep(0.3)
            facts[f"width-{width}"] = window.width()
            await shot(f"chat-relay-{width}")
        window.resize(1024, 700)
        chat.relay_picker.showPopup()
        await asyncio.sleep(0.3)
        screen = window.screen().grabWindow(0)  # the open list is a window of its own
        screen.save(str(out / f"chat-relay-list-1024-{language}-{theme}.png"))
        chat.relay_picker.hidePopup()
        facts["status"] = window.profile_label.text()
        print("relay " + json.dumps(facts, ensure_ascii=False), flush=True)
        await gui.close()

    with gui.loop:
        gui.loop.run_until_complete(script())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
