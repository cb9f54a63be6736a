"""Drives the real studio window on an X display (Xvfb): sends a chat through the relay test server
and saves screenshots. Run by tests/e2e/test_window.py in its own process (the offscreen GUI tests
own the QApplication of the pytest process).

usage: drive_window.py RELAY_URL OUT_DIR LANGUAGE THEME
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from studio.app import build_gui
from studio.services.core import StudioCore


def main() -> int:
    relay_url, out_dir, language, theme = sys.argv[1:5]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    core = StudioCore.open()
    gui = build_gui(core, [sys.argv[0]], language=language, theme=theme)
    window = gui.window
    window.resize(1200, 780)

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    async def wait_for(predicate, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out: {predicate}")
            await asyncio.sleep(0.05)

    def shot(name: str) -> None:
        gui.app.processEvents()
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
        shot("typing")
        QTest.keyClick(chat.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        await wait_for(lambda: "print" in chat.transcript.toPlainText() and not gui.chat_vm.streaming)
        await asyncio.sleep(0.3)
        shot("chat")
        window.tabs.setCurrentIndex(1)
        shot("image-tab")
        window.tabs.setCurrentIndex(0)
        await gui.close()

    with gui.loop:
        gui.loop.run_until_complete(script())
    print("screenshots saved", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
