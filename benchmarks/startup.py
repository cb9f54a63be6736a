"""Start-up: process start -> first painted frame of the main window, and RSS one second later,
for `studio gui` and, as the baseline in the same run, a bare PySide6 window. Best of N runs, after one
warm-up run of each that writes the bytecode caches (an installed app has them; a checkout run with
PYTHONDONTWRITEBYTECODE would compile every module each time).

Targets are ratios against the bare window of the same run, so a busy or slow machine moves both:
first frame <= 2x the bare window's, RSS after 1 s <= 1.6x. They are for a start like every start but the
first: the relay's model list and balance were saved by an earlier one (studio/services/relay_cache.py),
so the window asks the relay nothing and loads no HTTP stack. A start with nothing saved (the very first,
or one more than an hour after the last) is measured too and printed for information: it fetches both
within the second, so its RSS includes httpx and OpenSSL. Runs offscreen unless DISPLAY is set.

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

#: studio / bare, at most
FRAME_RATIO = 2.0
RSS_RATIO = 1.6

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
    with relay_process() as url, tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as pycache:
        env = {**os.environ, "STUDIO_HOME": home, "RELAY_KEY": "sk-test", "PYTHONPYCACHEPREFIX": pycache}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        if not env.get("DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        subprocess.run([sys.executable, "-m", "studio", "profile", "add", "local", "--base-url", url,
                        "--key-env", "RELAY_KEY"], env=env, cwd=ROOT, check=True, capture_output=True)
        studio = [sys.executable, "-m", "studio", "gui"]
        bare = [sys.executable, "-c", BARE]
        measure(bare, env)  # warm-up: bytecode caches, the page cache
        measure(studio, env)
        subprocess.run([sys.executable, "-m", "studio", "models"], env=env, cwd=ROOT, check=True,
                       capture_output=True)  # what the warm-up may not have saved within its second
        subprocess.run([sys.executable, "-m", "studio", "balance"], env=env, cwd=ROOT, check=True,
                       capture_output=True)
        saved = Path(home) / "cache" / "relays.json"
        answers = saved.read_bytes()
        results: dict[str, list[tuple[float, float]]] = {"studio": [], "bare": [], "nothing saved": []}
        for _ in range(args.runs):
            results["bare"].append(measure(bare, env))
            results["studio"].append(measure(studio, env))
            saved.unlink()
            results["nothing saved"].append(measure(studio, env))
            saved.write_bytes(answers)
    print(f"start-up, best of {args.runs} ({'X display' if os.environ.get('DISPLAY') else 'offscreen'}):")
    best = {name: (min(r[0] for r in runs) * 1000, min(r[1] for r in runs)) for name, runs in results.items()}
    for name in ("studio", "bare", "nothing saved"):
        frame, rss = best[name]
        label = "studio, no saved relay answers (information)" if name == "nothing saved" else name
        print(f"  {label:7} first frame {frame:6.0f} ms   RSS after 1 s {rss:6.1f} MB")
    frame_ratio = best["studio"][0] / best["bare"][0]
    rss_ratio = best["studio"][1] / best["bare"][1]
    print(f"  ratios: first frame {frame_ratio:.2f}x (target <= {FRAME_RATIO}x) "
          f"{'OK' if frame_ratio <= FRAME_RATIO else 'MISSED'}, "
          f"RSS {rss_ratio:.2f}x (target <= {RSS_RATIO}x) {'OK' if rss_ratio <= RSS_RATIO else 'MISSED'}")


if __name__ == "__main__":
    main()
