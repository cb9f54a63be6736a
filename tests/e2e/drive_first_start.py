"""Drives the real studio window's first start on an X display (Xvfb) with no OS keyring: the welcome page's
button opens the one first-start dialog; the base URL and key are typed, Test connects, the encrypted-file
choice is picked, and screenshots of the 1024×700 and the 1400×900 window with the dialog over it are saved
(first-start-1024x700-<language>-<theme>.png, first-start-1400x900-…); then it saves, and the next run's
passphrase question after a wrong passphrase is saved too (passphrase-1024x700-…). Run by
tests/e2e/test_first_start_screens.py in its own process; prints one "dialog" line (the dialog's size and
whether every label fits at 1024×700) the test checks.

usage: drive_first_start.py OUT_DIR LANGUAGE THEME RELAY_URL KEY
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
    out_dir, language, theme, relay_url, key = sys.argv[1:6]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    core = StudioCore.open()
    gui = build_gui(core, [sys.argv[0]], language=language, theme=theme)
    window = gui.window
    window.resize(1024, 700)

    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPainter, QPalette
    from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QRadioButton, QWidget

    from studio.viewmodels.profiles import ProfilesViewModel
    from studio.views.first_start import FirstStartDialog, PassphraseDialog


    def dialog() -> FirstStartDialog | None:
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, FirstStartDialog) and w.isVisible()),
                    None)

    async def script() -> None:
        gui.start()
        button = window.findChild(QPushButton, "welcomeAddProfile")
        await wait_for(lambda: button is not None and button.isVisible())
        button.click()
        await wait_for(lambda: dialog() is not None)
        shown = dialog()
        assert shown is not None
        choice = shown.findChild(QWidget, "keyStoreChoice")
        await wait_for(lambda: choice.isVisible())
        shown.findChild(QLineEdit, "firstBaseUrl").setText(relay_url)
        shown.findChild(QLineEdit, "firstKey").setText(key)
        shown.findChild(QPushButton, "firstTest").click()
        result = shown.findChild(QLabel, "firstTestResult")
        await wait_for(lambda: bool(result.text()) and not result.text().endswith("…"))
        shown.findChild(QRadioButton, "fileRadio").click()
        shown.findChild(QLineEdit, "passphraseEdit").setText("correct horse")
        offset = await shot(shown, "first-start")
        window.resize(1400, 900)
        shown.move(window.mapToGlobal(window.rect().center()) - shown.rect().center())
        await shot(shown, "first-start")
        window.resize(1024, 700)
        shown.move(window.mapToGlobal(window.rect().center()) - shown.rect().center())
        await asyncio.sleep(0.3)
        labels = [w for w in shown.findChildren(QLabel) if w.isVisible() and w.text()]
        clipped = [w.text() for w in labels if not w.wordWrap() and w.sizeHint().width() > w.width()]
        print("dialog " + json.dumps({"width": shown.width(), "height": shown.height(), "clipped": clipped,
                                      "result": result.text(), "x": offset.x(), "y": offset.y()}), flush=True)
        shown.findChild(QLineEdit, "passphraseConfirm").setText("correct horse")
        shown.findChild(QPushButton, "firstSave").click()
        await wait_for(lambda: not shown.isVisible(), timeout=30)

        # the next run's question, after a wrong passphrase
        asking = PassphraseDialog(ProfilesViewModel(core), window)
        asking.open()
        asking.findChild(QLineEdit, "unlockPassphrase").setText("wrong horse")
        asking.findChild(QPushButton, "unlockButton").click()
        message = asking.findChild(QLabel, "unlockMessage")
        await wait_for(lambda: message.isVisible(), timeout=30)
        await shot(asking, "passphrase")
        asking.reject()
        await gui.close()

    async def shot(dialog: QWidget, name: str) -> QPoint:
        """The window with `dialog` over it (drawn in: there is no window manager to compose them)."""
        await asyncio.sleep(0.5)  # let Qt lay out and paint; processEvents() in a task would re-enter others
        picture = window.grab()
        painter = QPainter(picture)
        offset = dialog.mapToGlobal(QPoint(0, 0)) - window.mapToGlobal(QPoint(0, 0))
        painter.drawPixmap(offset, dialog.grab())
        painter.setPen(dialog.palette().color(QPalette.ColorRole.Mid))  # the frame a window manager would draw
        painter.drawRect(offset.x() - 1, offset.y() - 1, dialog.width() + 1, dialog.height() + 1)
        painter.end()
        picture.save(str(out / f"{name}-{window.width()}x{window.height()}-{language}-{theme}.png"))
        return offset

    with gui.loop:
        gui.loop.run_until_complete(script())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
