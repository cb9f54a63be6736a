"""What the e2e drivers (tests/e2e/drive_*.py, each run in its own process on an Xvfb display) share."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


async def wait_for(predicate: Callable[[], object], timeout: float = 30.0, required: bool = True) -> None:
    """Let the event loop run until `predicate()` is true; after `timeout` seconds the driver stops with the
    predicate named (or, when not `required`, goes on)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            if not required:
                return
            raise SystemExit(f"timed out: {predicate}")
        await asyncio.sleep(0.05)
