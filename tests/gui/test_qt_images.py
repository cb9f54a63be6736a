"""Qt's image readers in worker threads never wait for each other for ever (studio/views/qt_images.py): a
reader that fails words its error and warns while holding Qt's plugin mutex (a Python message handler needs
the GIL then), and a reader that keeps the GIL while it waits for that mutex would deadlock both. Run in its own
process under a time limit: a deadlock there fails the test instead of hanging the suite."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT

STRESS = r"""
import sys, tempfile, threading
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from studio.app import install_translators
install_translators(app, "zh_CN")
from studio.viewmodels.image import _quadrants
from studio.views.image_viewer import decode_image
from studio.views.thumbnail_decoder import decode_thumbnail
bad = Path(tempfile.mkdtemp()) / "bad.png"
bad.write_bytes(b"\x00 not a picture " * 64)
junk = b"\x00\x01 junk bytes " * 32
work = [lambda: decode_thumbnail(junk), lambda: decode_image(bad), lambda: _quadrants(junk)]
def loop(job):
    for _ in range(200):
        job()
threads = [threading.Thread(target=loop, args=(job,), daemon=True) for job in work * 2]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("all read")
"""


def test_worker_threads_reading_undecodable_pictures_at_once_finish() -> None:
    result = subprocess.run([sys.executable, "-c", STRESS], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0 and "all read" in result.stdout, result.stderr[-2000:]
