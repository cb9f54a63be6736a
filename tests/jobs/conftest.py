"""Fixtures of the job tests: a core with a profile on the relay test server and fast polling."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest

from studio.services.core import StudioCore
from tests.conftest import KEY
from tests.relay import RelayServer
from tests.relay.fixtures import png_bytes


@pytest.fixture
def studio(core: StudioCore, relay: RelayServer) -> StudioCore:
    core.profiles.add("local", relay.url, key=KEY, make_default=True)
    core.settings.set("jobs.poll_scale", 0.005)  # MJ's 3 s floor becomes 15 ms
    return core


def use_case(core: StudioCore, relay: RelayServer, case: str) -> None:
    """Point the profile at `/case/<case>` so every request (submit, polls) carries the case."""
    core.profiles.add("local", f"{relay.url}/case/{case}", key=KEY, make_default=True)


def run(core: StudioCore, body: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    async def go() -> Any:
        try:
            return await body()
        finally:
            await core.jobs.runner.aclose()
            await core.clients.aclose()
            del core.jobs.runner  # the next run builds a fresh runner on its own loop

    return asyncio.run(go())


def image_file(tmp_path: Path, name: str, rgb: tuple[int, int, int] = (10, 200, 30)) -> Path:
    path = tmp_path / name
    path.write_bytes(png_bytes(8, 8, rgb))
    return path


