"""Drives the real studio window on an X display (Xvfb) through a Midjourney grid and its U1, at 1024×700 and
1400×900, and saves screenshots of the Image tab with its grouped actions beside the Jobs panel. Run by
tests/e2e/test_image_actions.py in its own process; prints one "widths" line the test checks.

usage: drive_image_actions.py OUT_DIR LANGUAGE THEME
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
    out_dir, language, theme = sys.argv[1:4]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    core = StudioCore.open()
    core.settings.set("jobs.poll_scale", 0.02)  # Midjourney's 3 s poll floor becomes 60 ms
    gui = build_gui(core, [sys.argv[0]], language=language, theme=theme)
    window = gui.window
    window.resize(1024, 700)

    from PySide6.QtGui import QColor, QImage
    from PySide6.QtWidgets import QToolButton


    async def shot(name: str) -> None:
        await asyncio.sleep(0.3)  # let Qt lay out and paint; processEvents() in a task would re-enter others
        size = f"{window.width()}x{window.height()}"
        window.grab().save(str(out / f"{name}-{size}-{language}-{theme}.png"))  # the window may pass the screen

    async def script() -> None:
        gui.start()
        window.tabs.setCurrentIndex(1)
        image = window.image_tab
        await wait_for(lambda: image.model_picker.count() > 0)
        widths = {"window": window.width(), "dock": window.jobs_dock.width()}
        image.model_picker.setEditText("mj_imagine")
        image.prompt.setPlainText("a lighthouse at dusk, oil painting")
        image.generate()

        def done(count: int) -> bool:
            view = image._shown
            return (view is not None and view.state.value == "done" and len(image.mj_buttons) == count
                    and all(q.pixmap() is not None and not q.pixmap().isNull() for q in image.quadrants
                            if q.isVisible()))

        await wait_for(lambda: done(9))
        await shot("image-grid")
        widths |= {"grid_window": window.width(), "grid_dock": window.jobs_dock.width()}
        grid = image._shown.job_id if image._shown else ""
        button = image.findChild(QToolButton, "mjButton-U1")
        assert button is not None
        button.click()
        await wait_for(lambda: image._shown is not None and image._shown.job_id != grid and done(4))
        await shot("image-u1")
        widths |= {"u1_window": window.width(), "u1_dock": window.jobs_dock.width()}
        pictures = []
        for index, colour in enumerate(("#d9822b", "#2b7bd9", "#3fa34d")):  # references, each with its ✕
            picture = QImage(256, 192, QImage.Format.Format_RGB32)
            picture.fill(QColor(colour))
            pictures.append(str(out / f"reference-{index}.png"))
            picture.save(pictures[-1])
        image.vm.addReferences(pictures)
        await wait_for(lambda: image.references.count() == 3 and all(
            image.references.thumb(r) is not None and not image.references.thumb(r).picture.pixmap().isNull()
            for r in range(3)))
        await shot("image-references")
        for path in pictures:
            Path(path).unlink()
        window.resize(1400, 900)
        await shot("image-u1")
        print("widths " + json.dumps(widths), flush=True)
        await gui.close()

    with gui.loop:
        gui.loop.run_until_complete(script())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
