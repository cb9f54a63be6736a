"""Start-up: process start -> first painted frame of the main window, and RSS one second later,
for `studio gui` and, as the baseline in the same run, a bare PySide6 window. Best of N runs.

Targets: <= 400 ms and <= 120 MB. Runs offscreen unless DISPLAY is set.

Usage: .venv/bin/python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.relay.process import relay_process  # noqa: E402

BARE = """
import os, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
started = float(os.environ["STUDIO_STARTUP_PROBE"])
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("bare"))
window.resize(1180, 760)
class Probe(QObject):
    seen = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            print(f"first-frame {time.time() - started:.4f}", flush=True)
            QTimer.singleShot(1000, report)
        return False
def report():
    rss = next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmRSS:"))
    print(f"rss-kb {rss}", flush=True)
    app.quit()
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    env = {**env, "STUDIO_STARTUP_PROBE": repr(time.time())}
    out = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60).stdout
    frame = rss = None
    for line in out.splitlines():
        if line.startswith("first-frame"):
            frame = float(line.split()[1])
        elif line.startswith("rss-kb"):
            rss = int(line.split()[1]) / 1024
    if frame is None or rss is None:
        raise SystemExit(f"no probe output from {command}: {out!r}")
    return frame, rss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with relay_process() as url, tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "STUDIO_HOME": home, "RELAY_KEY": "sk-test"}
        if not env.get("DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        subprocess.run([sys.executable, "-m", "studio", "profile", "add", "local", "--base-url", url,
                        "--key-env", "RELAY_KEY"], env=env, cwd=ROOT, check=True, capture_output=True)
        studio = [sys.executable, "-m", "studio", "gui"]
        bare = [sys.executable, "-c", BARE]
        results: dict[str, list[tuple[float, float]]] = {"studio": [], "bare": []}
        for _ in range(args.runs):
            results["bare"].append(measure(bare, env))
            results["studio"].append(measure(studio, env))
    print(f"start-up, best of {args.runs} ({'X display' if os.environ.get('DISPLAY') else 'offscreen'}):")
    for name in ("studio", "bare"):
        frame = min(r[0] for r in results[name]) * 1000
        rss = min(r[1] for r in results[name])
        print(f"  {name:7} first frame {frame:6.0f} ms   RSS after 1 s {rss:6.1f} MB")
    frame = min(r[0] for r in results["studio"]) * 1000
    rss = min(r[1] for r in results["studio"])
    print(f"  targets: first frame <= 400 ms {'OK' if frame <= 400 else 'MISSED'}, "
          f"RSS <= 120 MB {'OK' if rss <= 120 else 'MISSED'}")


if __name__ == "__main__":
    main()
