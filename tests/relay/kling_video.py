"""The kling_video video family for the relay test server (to be written: see docs/PROTOCOLS.md#video)."""

from __future__ import annotations

from typing import Any

ROUTES: dict[tuple[str, str], Any] = {}
PREFIX_ROUTES: list[tuple[str, str, Any]] = []
NATIVE_PREFIXES: tuple[str, ...] = ()
