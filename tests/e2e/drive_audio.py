"""Drives the Audio tab of the real studio window on an X display (Xvfb): a clip with sound is dropped on the
tab and transcribed through the relay test server, the transcript plays in the player with the spoken line
highlighted, then a voice-over is made; screenshots at 1024×700 and 1400×900, and one JSON line of what
was seen. Run by tests/e2e/test_audio_screens.py in its own process.

usage: drive_audio.py OUT_DIR LANGUAGE THEME
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path

from studio.app import build_gui
from studio.services.core import StudioCore
from tests.e2e.driving import wait_for

SIZES = ((1024, 700), (1400, 900))
SCRIPTS = {"en": "Good evening, and welcome to the harbour. Tonight the lights come on one by one.",
           "zh_CN": "晚上好，欢迎来到港口。今晚，灯光一盏接一盏地亮起。"}


def main() -> int:
    out_dir, language, theme = sys.argv[1:4]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    core = StudioCore.open()
    gui = build_gui(core, [sys.argv[0]], language=language, theme=theme)
    window = gui.window
    seen: dict[str, object] = {}

    from studio.views.audio_tab import SPEECH, TRANSCRIBE
    from studio.views.player import PLAYING
    from tests.support.media import mp4_bytes

    clip = Path(tempfile.mkdtemp()) / "harbour-talk.mp4"
    clip.write_bytes(mp4_bytes(seconds=14.0, width=320, height=180, audio=True))

    async def shot(name: str) -> None:
        for width, height in SIZES:
            window.resize(width, height)
            await asyncio.sleep(0.4)  # let Qt lay out and paint; libvlc redraws into the new size
            image = window.screen().grabWindow(window.winId())
            if image.isNull():
                image = window.grab()
            image.save(str(out / f"{name}-{width}x{height}-{language}-{theme}.png"))

    async def script() -> None:
        gui.start()
        window.resize(*SIZES[0])
        window.tabs.setCurrentWidget(window.audio_page)
        tab = window.audio_tab
        await wait_for(lambda: tab.transcribe_model.count() >= 3)
        from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
        from PySide6.QtGui import QDragEnterEvent, QDropEvent
        from PySide6.QtWidgets import QApplication

        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(clip))])
        point = QPointF(tab.drop_area.rect().center())
        left, plain = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        QApplication.sendEvent(tab.drop_area, QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, mime, left,
                                                              plain))
        QApplication.sendEvent(tab.drop_area, QDropEvent(point, Qt.DropAction.CopyAction, mime, left, plain))
        await wait_for(lambda: tab._transcript is not None and tab._transcript.state.value == "done"
                       and tab.lines.rowCount() > 0, timeout=40)
        player = tab.players[TRANSCRIBE]
        player.set_volume(0)
        player.play()
        await wait_for(lambda: player.state == PLAYING and player.position >= 4.4, timeout=40)
        player.pause()
        await wait_for(lambda: tab.lines.current == 2, timeout=10)
        seen.update(lines=tab.lines.rowCount(), current=tab.lines.current, position=player.position,
                    showing_video=player.showing_video, state=player.state)
        await shot("audio-transcript")

        tab.show_part(SPEECH)
        tab.speech_model.setEditText("gpt-4o-mini-tts")
        tab.voice.setCurrentIndex(tab.voice.findData("nova"))
        tab.instructions.setText("Calm, warm, unhurried" if language == "en" else "平静、温暖、从容")
        tab.text.setPlainText(SCRIPTS.get(language, SCRIPTS["en"]))
        tab.speak()
        await wait_for(lambda: tab._speech is not None and tab._speech.state.value == "done"
                       and SPEECH in tab.players, timeout=40)
        voice_over = tab.players[SPEECH]
        voice_over.set_volume(0)
        await wait_for(lambda: voice_over.state == PLAYING and voice_over.position >= 1.5, timeout=20)
        voice_over.pause()  # part played, part to come
        seen.update(speech=voice_over.path is not None, speech_length=voice_over.duration,
                    speech_at=voice_over.position)
        await shot("audio-speech")
        await gui.close()

    with gui.loop:
        gui.loop.run_until_complete(script())
    print(json.dumps(seen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
