"""End-to-end fixtures: an X display of our own (Xvfb) for a process that draws real windows."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from tests.support.display import xvfb


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (the setup command installs it as root)")
    with xvfb(90) as display:
        yield display


@pytest.fixture(scope="module")
def large_display() -> Iterator[str]:
    """An Xvfb screen larger than the largest window shot (1400×900; tests/support/display.py's is 1280×860)."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (the setup command installs it as root)")
    with xvfb(140, "1600x1000") as display:
        yield display
