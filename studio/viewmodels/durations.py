"""How the app writes a length of time on screen: "0:05", "12:40", "1:02:03" (the player's time, the
Gallery's duration badges). Plain Python, so a view imports it without pulling in the player."""

from __future__ import annotations

import math


def clock(seconds: float) -> str:
    """0:03, 12:40, 1:02:03 (whole seconds, rounded down; nothing negative or undefined)."""
    whole = max(0, int(seconds)) if math.isfinite(seconds) else 0
    if whole < 3600:
        return f"{whole // 60}:{whole % 60:02d}"
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
