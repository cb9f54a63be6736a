"""Result downloads: relay links expire (signed CDN URLs, Discord links), so every result is fetched
at once into the library.

The file is streamed to `<name>.part`, fsynced and renamed, so a half-written file never looks
finished; a `.part` left by a crash is resumed with `Range`. What arrives is checked against what was
asked for (content type and the file's first bytes): an HTML error page saved as `.png` is a failed
download, not an asset. Downloads use their own HTTP client with no `Authorization` header: a relay
key must never be sent to a third-party host.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path

import httpx

from studio.api.errors import ApiError, NetworkError
from studio.storage.filetypes import extension_for, sniff_kind


class DownloadFailed(ApiError):
    """A result link could not be turned into a valid local file."""


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

    async def fetch(self, url: str, target: Path, *, kind: str) -> Downloaded:
        """Download `url` to `target` (its suffix is corrected to the real type); `kind` is the
        expected media family: "image", "video" or "audio"."""
        part = target.with_name(target.name + ".part")
        offset = await asyncio.to_thread(_prepare, part)
        headers = {"Range": f"bytes={offset}-"} if offset else {}
        try:
            async with self._http.stream("GET", url, headers=headers) as response:
                if response.status_code == 416 and offset > 0:  # the .part was already whole (killed before rename)
                    return await asyncio.to_thread(_finish, part, target, kind)
                if response.status_code >= 400:
                    raise DownloadFailed(f"The result link answered HTTP {response.status_code}; it may have expired.")
                resumed = response.status_code == 206 and offset > 0
                content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if content_type.startswith("text/html"):
                    raise DownloadFailed("The result link returned a web page instead of the file.")
                # unbuffered, written in worker threads (the GUI's loop never waits on the disk): what
                # arrived is in the file even if the process is killed
                handle = await asyncio.to_thread(part.open, "ab" if resumed else "wb", buffering=0)
                try:
                    async for chunk in response.aiter_bytes():  # as received: a cut keeps what came
                        await asyncio.to_thread(handle.write, chunk)
                    await asyncio.to_thread(os.fsync, handle.fileno())
                finally:
                    await asyncio.to_thread(handle.close)
        except httpx.TransportError:
            raise NetworkError("The download of a result broke off; it will resume where it stopped.",
                               reason="broken") from None
        except OSError as exc:  # a full disk: the link is kept, the download can be tried again
            raise DownloadFailed(f"The result could not be saved in the library ({exc.strerror or exc}).") from None
        return await asyncio.to_thread(_finish, part, target, kind)


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


def _finish(part: Path, target: Path, kind: str) -> Downloaded:
    """Check the finished `.part` and move it into place under its true extension."""
    with part.open("rb") as handle:
        head = handle.read(32)
    mime = sniff_kind(head, kind)
    if mime is None:
        part.unlink(missing_ok=True)
        what = "a web page" if head.lstrip()[:1] == b"<" else "not a valid file"
        raise DownloadFailed(f"The result link returned {what} instead of the {kind}.")
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
