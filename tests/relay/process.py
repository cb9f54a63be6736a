"""The relay test server in a process of its own, for benchmarks: a server thread inside the measured
process would compete with the client for the GIL and distort the figures."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def relay_process() -> Iterator[str]:
    """Start `python -m tests.relay --port 0`; yields its URL; stops it on exit."""
    proc = subprocess.Popen([sys.executable, "-m", "tests.relay", "--port", "0"], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        yield proc.stdout.readline().strip().rsplit(" ", 1)[-1]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
