"""Drives the real studio window on an X display (Xvfb) from an empty Jobs panel to one with finished, failed and
running jobs (thumbnails, chips, long prompts in two scripts), at 1024×700 and 1400×900, and saves screenshots of
the window. Run by tests/e2e/test_jobs_dock.py in its own process; prints one "sizes" line the test checks: the
dock's size empty, with its first row and with many, and the prompt column's width.

usage: drive_jobs_dock.py RELAY_URL OUT_DIR LANGUAGE THEME
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from studio.app import build_gui
from studio.services.core import StudioCore
from tests.e2e.driving import wait_for

PROMPTS = ("a lighthouse at dusk on a rocky coast, oil painting with thick brush strokes and warm light",
           "水墨山水，远山与小舟，清晨的薄雾笼罩着江面", "a bowl of ramen, studio light")


def main() -> int:
    relay_url, out_dir, language, theme = sys.argv[1:5]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    core = StudioCore.open()
    core.settings.set("jobs.poll_scale", 0.02)  # Midjourney's 3 s poll floor becomes 60 ms
    gui = build_gui(core, [sys.argv[0]], language=language, theme=theme)
    window = gui.window
    window.resize(1024, 700)


    async def shot(name: str) -> None:
        await asyncio.sleep(0.4)  # let Qt lay out and paint; processEvents() in a task would re-enter others
        size = f"{window.width()}x{window.height()}"
        window.grab().save(str(out / f"{name}-{size}-{language}-{theme}.png"))

    def dock() -> list[int]:
        return [window.jobs_dock.width(), window.jobs_dock.height()]

    async def settled(count: int) -> None:
        model = gui.jobs_vm.model
        await wait_for(lambda: model.rowCount() >= count and all(
            model.job_at(r).state.value in ("done", "failed") for r in range(model.rowCount())))

    async def script() -> None:
        gui.start()
        window.tabs.setCurrentIndex(1)
        image = window.image_tab
        await wait_for(lambda: image.model_picker.count() > 0)
        await shot("jobs-empty")
        sizes: dict[str, object] = {"empty": dock()}

        async def generate(model: str, prompt: str) -> None:
            image.model_picker.setEditText(model)
            await wait_for(lambda: image.vm.model == model)
            image.prompt.setPlainText(prompt)
            image.generate()

        await generate("dall-e-3", PROMPTS[0])
        await settled(1)
        await asyncio.sleep(0.5)
        sizes["first"] = dock()
        await generate("gpt-4o-image", "a fail of a picture")  # the relay fails a prompt saying "fail"
        await settled(2)
        await generate("dall-e-3", PROMPTS[1])
        await settled(3)
        core.profiles.add("local", relay_url + "/case/mj-polls-100000", key_env="RELAY_KEY", make_default=True)
        await core.clients.forget("local")
        await generate("mj_imagine", PROMPTS[2])  # keeps running
        model = gui.jobs_vm.model
        await wait_for(lambda: model.rowCount() >= 4 and model.job_at(0).state.value == "running")
        panel = window.jobs_panel
        panel.table.selectRow(1)
        await shot("jobs-panel")
        sizes["many"] = dock()
        sizes["prompt"] = panel.table.horizontalHeader().sectionSize(model.PROMPT)
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QGuiApplication, QHelpEvent
        from PySide6.QtWidgets import QApplication

        viewport = panel.table.viewport()  # the whole long prompt in its tooltip, wrapped
        where = panel.table.visualRect(model.index(model.rowCount() - 1, model.PROMPT)).center()
        QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, where, viewport.mapToGlobal(where)))
        await asyncio.sleep(0.6)
        QGuiApplication.primaryScreen().grabWindow(0).save(str(out / f"jobs-tooltip-{language}-{theme}.png"))
        window.resize(1400, 900)
        await shot("jobs-panel")
        sizes["wide"] = dock()
        print("sizes " + json.dumps(sizes), flush=True)
        await gui.jobs_vm.runner.cancel(model.job_at(0).id)
        await gui.close()

    with gui.loop:
        gui.loop.run_until_complete(script())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
