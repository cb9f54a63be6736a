"""An X display of our own (Xvfb) for what draws real windows: the end-to-end tests and the player benchmark."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def xvfb(first: int, size: str = "1280x860") -> Iterator[str]:
    """Xvfb on display `first` + pid % 50 (`size`, 24 bits, no TCP), given once its socket is there (at most
    10 s); stopped afterwards. The caller checks that Xvfb is installed."""
    number = first + os.getpid() % 50
    proc = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    socket = Path(f"/tmp/.X11-unix/X{number}")
    deadline = time.monotonic() + 10
    while not socket.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
