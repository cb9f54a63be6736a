"""Free space on the disk that holds the data folder, and the one sentence a full disk gets.

A full disk must never lose what was paid for: a result written short is not a result, and a task id
that cannot be saved is a task paid twice. So downloads check the room a file needs before they write
(and every write's count), and a paid submit is refused before it is sent when the disk is nearly full.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from studio.errors import ErrorInfo, StudioError, error_info

#: errors that mean "no room": a full disk, a user quota, a file-size limit
_NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_MB = 1024 * 1024


class DiskFull(StudioError):
    """The disk holding the data folder has no room for what must be written. The figures (MB, as the
    sentence shows them) are kept for a front end that words it in its own language."""

    def __init__(self, sentence: str, *, free: str, needed: str = "", keep: str = "") -> None:
        super().__init__(sentence)
        self.free, self.needed, self.keep = free, needed, keep

    def describe(self) -> ErrorInfo | None:
        return error_info("disk.full", free=self.free, needed=self.needed, keep=self.keep)


def free_bytes(path: Path) -> int:
    """Bytes free for this user on the disk holding `path` (or its nearest existing parent)."""
    for candidate in (path, *path.parents):
        try:
            return shutil.disk_usage(candidate).free
        except OSError:
            continue
    return 0


def is_no_room(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in _NO_ROOM


def disk_full(path: Path, needed: int | None = None) -> DiskFull:
    """The sentence for a full disk at `path`, with what is free and, when known, what was needed."""
    free = f"{free_bytes(path) / _MB:.0f}"
    if needed is None:
        return DiskFull(f"The disk holding the library is full: {free} MB free.", free=free)
    size = f"{max(needed / _MB, 0.1):.1f}"
    return DiskFull(f"The disk holding the library is full: {free} MB free, the file needs {size} MB.", free=free,
                    needed=size)


def ensure_margin(path: Path, keep: int) -> None:
    """Raise `DiskFull` when the disk holding `path` has less than `keep` bytes free: a paid request is not
    sent then, so its answer (a task id, the results) always has somewhere to go."""
    free = free_bytes(path)
    if free < keep:
        raise DiskFull(f"The disk holding the library is full: {free / _MB:.0f} MB free, and Relay Studio keeps "
                       f"{keep / _MB:.0f} MB free before it sends a paid request.", free=f"{free / _MB:.0f}",
                       keep=f"{keep / _MB:.0f}")


def ensure_room(path: Path, needed: int) -> None:
    """Raise `DiskFull` unless `needed` bytes fit on the disk holding `path`."""
    if needed > free_bytes(path):
        raise disk_full(path, needed)


def write_whole(path: Path, data: bytes, what: str) -> None:
    """Write `data` to `path` so that it is either whole on disk or absent (a `.part` file, fsync, rename; call
    in a worker thread). A full disk is `DiskFull`; another refusal is one sentence: "`what` could not be saved
    (…)."."""
    scratch = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with scratch.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(scratch, path)
    except OSError as exc:
        scratch.unlink(missing_ok=True)
        if is_no_room(exc):
            raise disk_full(path.parent, len(data)) from None
        raise StudioError(f"{what} could not be saved ({exc.strerror or exc}).") from None
