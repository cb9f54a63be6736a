"""Random names: job ids, scratch and temporary files.

`uuid` would do, but importing it loads `platform` (~7 ms at start-up, where a job store and the chat are
imported before the first frame); hex digits from the OS's random source are all these names need."""

from __future__ import annotations

import os


def random_hex(digits: int = 12) -> str:
    """`digits` random hexadecimal digits (48 bits for the default 12: a job id never collides in practice)."""
    return os.urandom((digits + 1) // 2).hex()[:digits]
