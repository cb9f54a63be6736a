"""Which process holds something: a pid with the process's start time, so a pid the system reused
for another process (containers, Flatpak sandboxes) is not mistaken for the one that recorded it.

Used by the job store (who sends and who drives a job) and by the conversation store (who writes a
streaming reply)."""

from __future__ import annotations

import os


def _start_time(pid: int) -> str:
    """When process `pid` started (clock ticks since boot, from /proc), or "" where that is unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[-1].split()
        return fields[19].decode()  # field 22 of stat(5); the first two fields are before ")"
    except (OSError, IndexError):
        return ""


def process_id(pid: int | None = None) -> str:
    """A process's identity for claims: its pid and start time."""
    pid = pid or os.getpid()
    return f"{pid}:{_start_time(pid)}"


def alive(identity: object) -> bool:
    """Whether the process recorded as `identity` (from `process_id`, or a bare pid) still runs."""
    if isinstance(identity, int):
        pid, started = identity, ""
    elif isinstance(identity, str) and identity.partition(":")[0].isdigit():
        text, _, started = identity.partition(":")
        pid = int(text)
    else:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return not started or started == _start_time(pid)
