"""Drives the real studio window's chat on an X display (Xvfb): a pasted function and a long code reply, the reply
regenerated (versions 2/2), the hover buttons over the last reply and the "Copied" toast; screenshots at 1024×700
and 1400×900 (chat-<size>-<language>-<theme>.png, chat-end-…, chat-top-…, chat-copied-…). Run by
tests/e2e/test_chat_screens.py in its own process; prints one "chat" line (what was on screen) the test checks.

usage: drive_chat.py RELAY_URL OUT_DIR LANGUAGE THEME
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from studio.app import build_gui
from studio.services.core import StudioCore
from tests.e2e.driving import wait_for

CODE = "\n".join([
    "```python", "import asyncio", "", "",
    "async def fetch_all(client, urls: list[str]) -> list[bytes]:",
    '    """Fetch every URL at once, at most eight requests in flight (a long line that has to wrap)."""',
    "    gate = asyncio.Semaphore(8)", "",
    "    async def one(url: str) -> bytes:", "        async with gate:",
    "            response = await client.get(url, timeout=30)", "            response.raise_for_status()",
    "            return response.content", "",
    "    return await asyncio.gather(*(one(u) for u in urls))", "", "",
    "if __name__ == '__main__':", "    import httpx", "",
    "    async def main() -> None:", "        async with httpx.AsyncClient() as client:",
    "            pages = await fetch_all(client, ['https://example.org'] * 20)",
    "            print(sum(len(p) for p in pages), 'bytes')", "",
    "    asyncio.run(main())", "```"])
#: the relay test server answers with what follows "echo:": a realistic long code reply
REPLY = ("Here is a version that keeps **eight** requests in flight:\n\n" + CODE +
         "\n\n1. `Semaphore(8)` caps the requests.\n2. `gather` keeps the order of `urls`.\n\nAsk if you want retries.")
PASTED = "def fetch(url):\n    return requests.get(url).content\n\nmake this async please\n"


def main() -> int:
    relay_url, out_dir, language, theme = sys.argv[1:5]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    core = StudioCore.open()
    gui = build_gui(core, [sys.argv[0]], language=language, theme=theme)
    window = gui.window

    from PySide6.QtCore import QUrl

    from studio.storage.conversations import MessageUpdate


    async def shot(name: str) -> None:
        await asyncio.sleep(0.3)  # let Qt lay out and paint; processEvents() in a task would re-enter others
        window.grab().save(str(out / f"{name}-{language}-{theme}.png"))  # grab: 1400×900 is larger than the screen

    async def script() -> None:
        gui.start()
        chat = window.chat_tab
        window.resize(1024, 700)
        await wait_for(lambda: chat.model_picker.count() > 0)
        chat.model_picker.setEditText("gpt-4o")
        chat.prompt.setPlainText("echo:" + PASTED + REPLY)
        chat.send()
        view = chat.transcript
        await wait_for(lambda: not gui.chat_vm.streaming and "fetch_all" in view.toPlainText())
        reply = max(view._messages)
        core.conversations.finish_message(reply, MessageUpdate(content="An older answer: a thread pool.\n\n" + CODE))
        chat.vm.regenerate()
        await wait_for(lambda: gui.chat_vm.streaming, 5)
        await wait_for(lambda: not gui.chat_vm.streaming and "2/2" in view.toPlainText())
        chat.prompt.setPlainText("Can it retry\nfailed requests\ntoo?")
        bar = view.verticalScrollBar()
        facts: dict[str, object] = {"versions": "◀ 2/2 ▶" in view.toPlainText()}
        for width, height in ((1024, 700), (1400, 900)):
            window.resize(width, height)
            await asyncio.sleep(0.3)
            last = max(view._messages)
            header = view._header_block(last)
            assert header is not None
            bar.setValue(int(view.document().documentLayout().blockBoundingRect(header).top()) - 240)
            view.show_actions(last)
            await shot(f"chat-{width}")
            facts[f"actions-{width}"] = view.actions_bar.isVisible()
            facts[f"horizontal-scroll-{width}"] = view.horizontalScrollBar().maximum()
            bar.setValue(bar.maximum())
            view.show_actions(last)
            await shot(f"chat-end-{width}")
        window.resize(1024, 700)
        await asyncio.sleep(0.3)
        bar.setValue(0)
        view.show_actions(min(view._messages))
        await shot("chat-top-1024")
        bar.setValue(bar.maximum())
        view._on_anchor(QUrl("copy:1"))  # the reply's code block
        facts["toast"] = view.toast.isVisible() and bool(view.toast.text())
        await shot("chat-copied-1024")
        print("chat " + json.dumps(facts), flush=True)
        await gui.close()

    with gui.loop:
        gui.loop.run_until_complete(script())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
