"""Result downloads: relay links expire (signed CDN URLs, Discord links), so every result is fetched
at once into the library.

The file is streamed to `<name>.part` (written a megabyte at a time in worker threads, never held in
memory: results are videos of 50-500 MB), fsynced and renamed, so a half-written file never looks
finished; a `.part` left by a crash or a cut is resumed with `Range`. A download is complete only when it is
whole and sound: every write's count is checked, the size must be what the server announced
(`Content-Length`, or the total of `Content-Range`), the first bytes must be of the kind asked for (an
HTML error page saved as `.png` is a failed download) and the whole file must decode, checked in a worker
thread (images are loaded by Pillow; audio and video are opened with PyAV, every packet demuxed and a
frame decoded: `studio.storage.media.verify`). Anything less raises `DownloadFailed`, so the job keeps its link and
stays retriable (docs/JOBS.md). Before writing, the room the file needs is checked: a full disk is one
sentence. Downloads use their own HTTP client with no `Authorization` header: a relay key must never
be sent to a third-party host.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import httpx

from studio.api.errors import ApiError, NetworkError
from studio.errors import ErrorInfo, StudioError, error_info
from studio.storage.disk import DiskFull, disk_full, ensure_room, is_no_room
from studio.storage.filetypes import decodes, extension_for, sniff_kind

_CONTENT_RANGE = re.compile(r"bytes\s+(?:(\d+)-\d+|\*)/(\d+|\*)")  # total `*`: not known


#: called with (bytes in the file so far, the whole size or None)
Progress = Callable[[int, int | None], None]


class DownloadFailed(ApiError):
    """A result link could not be turned into a valid local file. `no_room`: the disk is full, so trying
    again at once would fail the same way."""

    def __init__(self, message: str, *, no_room: bool = False, info: ErrorInfo | None = None) -> None:
        super().__init__(message)
        self.no_room = no_room
        self._info = info

    @classmethod
    def because(cls, error: StudioError, *, no_room: bool = False) -> DownloadFailed:
        """`error` (a full disk, a network failure) as the reason a result could not be saved."""
        return error if isinstance(error, DownloadFailed) else cls(str(error), no_room=no_room, info=error.describe())

    def describe(self) -> ErrorInfo | None:
        return self._info


@dataclass(frozen=True, slots=True)
class Downloaded:
    path: Path
    mime: str
    size: int


class Downloader:
    """Fetches result links into files; one instance (one connection pool) per process."""

    def __init__(self, *, timeout: float = 60.0, transport: httpx.AsyncBaseTransport | None = None) -> None:
        from studio.api.client import shared_ssl_context

        self._http = httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=15.0), follow_redirects=True,
                                       transport=transport, headers={"User-Agent": "RelayStudio"},
                                       verify=shared_ssl_context(),
                                       limits=httpx.Limits(max_connections=12, max_keepalive_connections=6))

    async def aclose(self) -> None:
        await self._http.aclose()

    async def fetch_bytes(self, url: str, *, limit: int, kind: str) -> bytes:
        """A small file into memory (previews of work in progress): checked like a download."""
        try:
            async with self._http.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise DownloadFailed(f"The link answered HTTP {response.status_code}.")
                data = await _read_limited(response, limit)
        except httpx.TransportError:
            raise NetworkError("The preview could not be fetched.", reason="broken") from None
        if sniff_kind(data[:32], kind) is None:
            raise DownloadFailed(f"The link did not return an {kind}.")
        return data

    async def fetch(self, url: str, target: Path, *, kind: str, http: httpx.AsyncClient | None = None,
                    progress: Progress | None = None) -> Downloaded:
        """Download `url` to `target` (its suffix is corrected to the real type); `kind` is the
        expected media family: "image", "video" or "audio". `http`: the relay's own client, for a file
        the relay serves (`url` is then a path under its base URL and the key goes with it). `progress`
        is called with the bytes in the file and the whole size (None when unknown) as chunks arrive."""
        part = target.with_name(target.name + ".part")
        offset = await asyncio.to_thread(_prepare, part)
        headers = {"Range": f"bytes={offset}-"} if offset else {}
        if http is not None:
            headers["Accept"] = "application/binary, */*"
        expected: int | None = None
        try:
            async with (http or self._http).stream("GET", url, headers=headers) as response:
                if response.status_code == 416 and offset > 0:  # the .part may already be whole (killed before rename)
                    return await asyncio.to_thread(_finish, part, target, kind, _range_total(response))
                if response.status_code >= 400:
                    raise DownloadFailed(f"The result link answered HTTP {response.status_code}; it may have expired.",
                                         info=error_info("download.http", status=response.status_code))
                content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if content_type.startswith("text/html"):
                    raise DownloadFailed("The result link returned a web page instead of the file.",
                                         info=error_info("download.web-page"))
                resumed = response.status_code == 206 and offset > 0
                if resumed and _range_start(response) != offset:  # not the rest of our .part: start again
                    await asyncio.to_thread(part.unlink, missing_ok=True)
                    raise DownloadFailed("The server sent a different part of the file than asked; the download "
                                         "will start again.")
                expected = _range_total(response) if resumed else _length(response)
                if expected is not None:
                    await asyncio.to_thread(ensure_room, part.parent, expected - (offset if resumed else 0))
                handle = await asyncio.to_thread(part.open, "ab" if resumed else "wb", buffering=0)
                try:
                    await _stream_to(response, handle, offset if resumed else 0, expected, progress)
                    await asyncio.to_thread(os.fsync, handle.fileno())
                finally:
                    await asyncio.to_thread(handle.close)
        except httpx.TransportError:
            raise NetworkError("The download of a result broke off; it will resume where it stopped.",
                               reason="broken") from None
        except DiskFull as exc:
            raise DownloadFailed.because(exc, no_room=True) from None
        except OSError as exc:  # the link is kept, the download can be tried again
            if is_no_room(exc):
                raise DownloadFailed.because(disk_full(part.parent, expected), no_room=True) from None
            raise DownloadFailed(f"The result could not be saved in the library ({exc.strerror or exc}).") from None
        return await asyncio.to_thread(_finish, part, target, kind, expected)


#: bytes gathered before they are written: one worker-thread hop per MB rather than per network chunk
#: (~16 KB) keeps the downloader within 10 % of bare httpx writing on the event loop
#: (benchmarks/video.py); a kill loses at most this much of what arrived
WRITE_SIZE = 1024 * 1024


async def _stream_to(response: httpx.Response, handle: BinaryIO, written: int, expected: int | None,
                     progress: Progress | None) -> None:
    """Append the body to `handle` (unbuffered) in `WRITE_SIZE` writes made in worker threads, so the
    GUI's loop never waits on the disk and the body is never held in memory (one write runs while the next
    megabyte arrives: at most two in memory). `progress` counts what is in the file; a cut first writes
    what arrived, so the resume asks only for the rest."""
    pending: list[bytes] = []
    size = 0
    writing: asyncio.Future[int] | None = None

    async def settle() -> None:
        nonlocal written, writing
        if writing is not None:
            done, writing = writing, None
            written += await done
            if progress is not None:
                progress(written, expected)

    async def flush() -> None:
        nonlocal pending, size, writing
        await settle()  # in order, one at a time
        chunks, pending, size = pending, [], 0
        writing = asyncio.ensure_future(asyncio.to_thread(_write_chunks, handle, chunks, written))

    try:
        async for chunk in response.aiter_bytes():
            pending.append(chunk)
            size += len(chunk)
            if size >= WRITE_SIZE:
                await flush()
    except httpx.TransportError:
        if pending:
            await flush()
        await settle()
        raise
    except BaseException:
        if writing is not None:  # let the write end before the file is closed under it
            await asyncio.shield(writing)
        raise
    if pending:
        await flush()
    await settle()


def _write_chunks(handle: BinaryIO, chunks: list[bytes], offset: int) -> int:
    """Write `chunks` at the end of the file (which is `offset` bytes long); their total size. On Linux the
    kernel is asked to start writing them to the disk now (`POSIX_FADV_DONTNEED` on pages still dirty
    starts their writeback and drops nothing), so the fsync at the end waits for little."""
    total = sum(len(c) for c in chunks)
    if _WRITEV is None or len(chunks) == 1:
        _write_all(handle, chunks[0] if len(chunks) == 1 else b"".join(chunks))
    else:
        for start in range(0, len(chunks), _IOV_MAX):  # one system call, no copy into one buffer
            group = chunks[start : start + _IOV_MAX]
            written = _WRITEV(handle.fileno(), group)
            if written < sum(len(c) for c in group):  # a short write (a disk filling up): the rest one by one
                _write_all(handle, b"".join(group)[written:])
    if _START_WRITEBACK is not None:
        _START_WRITEBACK(handle.fileno(), offset, total, os.POSIX_FADV_DONTNEED)
    return total


_WRITEV = getattr(os, "writev", None)
_IOV_MAX = 512
_START_WRITEBACK = getattr(os, "posix_fadvise", None) if sys.platform.startswith("linux") else None


async def _read_limited(response: httpx.Response, limit: int) -> bytes:
    data = bytearray()
    async for chunk in response.aiter_bytes():
        data += chunk
        if len(data) > limit:
            raise DownloadFailed("The preview is larger than expected.")
    return bytes(data)


def _prepare(part: Path) -> int:
    """Make the folder; the size of a `.part` a broken or killed download left (0 when none)."""
    part.parent.mkdir(parents=True, exist_ok=True)
    return part.stat().st_size if part.exists() else 0


def _write_all(handle: BinaryIO, data: bytes) -> None:
    """Write all of `data`: an unbuffered write may take only part of it (a disk filling up)."""
    view = memoryview(data)
    while view:
        written = handle.write(view)
        if not written:  # nothing taken and no error: treat as no room, never as written
            raise OSError(28, "No space left on device")
        view = view[written:]


def _length(response: httpx.Response) -> int | None:
    """The body size the server announced, when the bytes we read are the bytes it counted."""
    if response.headers.get("content-encoding", "identity").lower() not in ("", "identity"):
        return None  # httpx decompresses: the announced length is of the compressed body
    value = response.headers.get("content-length", "")
    return int(value) if value.isdigit() else None


def _range_match(response: httpx.Response) -> re.Match[str] | None:
    return _CONTENT_RANGE.fullmatch(response.headers.get("content-range", "").strip())


def _range_start(response: httpx.Response) -> int | None:
    match = _range_match(response)
    return int(match.group(1)) if match and match.group(1) is not None else None


def _range_total(response: httpx.Response) -> int | None:
    """The whole file's size from `Content-Range: bytes a-b/TOTAL` (or `bytes */TOTAL` on a 416)."""
    match = _range_match(response)
    return int(match.group(2)) if match and match.group(2).isdigit() else None


def _finish(part: Path, target: Path, kind: str, expected: int | None) -> Downloaded:
    """Check the finished `.part` (size, kind, decoding) and move it into place under its true extension.
    A `.part` that is too short stays to be resumed; one that is damaged is removed so the next try
    starts again."""
    size = part.stat().st_size
    if expected is not None and size < expected:
        raise DownloadFailed(f"The download stopped at {size} of {expected} bytes; it will resume where it stopped.",
                             info=error_info("download.short", size=size, expected=expected))
    if expected is not None and size > expected:
        part.unlink(missing_ok=True)
        raise DownloadFailed(f"The downloaded file is {size} bytes but should be {expected}; it will be "
                             "downloaded again.")
    with part.open("rb") as handle:
        head = handle.read(32)
    mime = sniff_kind(head, kind)
    if mime is None:
        part.unlink(missing_ok=True)
        what = "a web page" if head.lstrip()[:1] == b"<" else "not a valid file"
        raise DownloadFailed(f"The result link returned {what} instead of the {kind}.")
    if not decodes(part, mime):
        part.unlink(missing_ok=True)
        raise DownloadFailed(f"The downloaded {kind} is damaged (it does not decode); it will be downloaded again.")
    final = target.with_suffix(extension_for(mime))
    os.replace(part, final)
    return Downloaded(final, mime, final.stat().st_size)


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` the way downloads do: a `.part` file, fsync, rename (call in a thread)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    with part.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(part, path)
