"""Large video results: a 200 MB MP4 streams to `.part` (never into memory), a connection dropped half-way
resumes with Range, progress counts what is on disk, and the finished file is a whole, valid video."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from studio.api.errors import NetworkError
from studio.jobs.downloads import WRITE_SIZE, Downloader, DownloadFailed
from studio.storage.media import probe, verify
from tests.relay import RelayServer
from tests.support.media import big_mp4, mp4_bytes

MB = 1024 * 1024


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith(field + ":"))
    return int(line.split()[1]) / 1024


def reset_peak_rss() -> float:
    """Reset the peak RSS (VmHWM) to the current RSS; the current RSS in MB. Skips where Linux's
    /proc/self/clear_refs is missing."""
    if not sys.platform.startswith("linux"):
        pytest.skip("peak RSS is read from Linux's /proc")
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
    except OSError:
        pytest.skip("the peak RSS cannot be reset here")
    return _status_mb("VmRSS")


def test_a_200_mb_video_cut_half_way_resumes_with_range_and_is_never_held_in_memory(
        relay: RelayServer, tmp_path: Path) -> None:
    video = big_mp4()
    size = len(video)
    target = tmp_path / "library" / "clip.download"
    part = target.with_name(target.name + ".part")
    reported: list[tuple[int, int | None, int]] = []  # (done, total, the .part's size at that moment)

    def progress(done: int, total: int | None) -> None:
        reported.append((done, total, part.stat().st_size))

    async def go() -> tuple[int, object]:
        downloader = Downloader()
        try:
            with pytest.raises(NetworkError, match="resume where it stopped"):
                await downloader.fetch(f"{relay.url}/case/cut-download/files/big/clip-1.mp4", target, kind="video",
                                       progress=progress)
            kept = part.stat().st_size
            saved = await downloader.fetch(f"{relay.url}/files/big/clip-1.mp4", target, kind="video",
                                           progress=progress)
            return kept, saved
        finally:
            await downloader.aclose()

    before = reset_peak_rss()
    kept, saved = asyncio.run(go())
    growth = _status_mb("VmHWM") - before
    assert kept == size // 2  # everything that arrived before the cut is in the .part
    fetches = [r for r in relay.requests if r.path.endswith("/files/big/clip-1.mp4")]
    assert len(fetches) == 2 and fetches[1].headers.get("range") == f"bytes={kept}-"
    assert saved.path == target.with_suffix(".mp4") and saved.mime == "video/mp4"  # type: ignore[attr-defined]
    assert saved.size == size and saved.path.stat().st_size == size  # type: ignore[attr-defined]
    assert not part.exists()
    assert verify(saved.path, "video/mp4") and probe(saved.path).duration == 2.0  # type: ignore[attr-defined]
    # the .part grew as it was reported: each figure is what was on disk at that moment
    assert all(done == on_disk for done, _, on_disk in reported)
    first = [r for r in reported if r[0] <= kept]
    assert len(first) >= 50 and [d for d, _, _ in first] == sorted({d for d, _, _ in first})
    assert all(total == size for _, total, _ in reported)  # the whole size, from Content-Range on the resume
    resumed = reported[len(first):]
    assert resumed[0][0] > kept and resumed[-1][0] == size
    assert max(b - a for (a, _, _), (b, _, _) in zip(reported, reported[1:], strict=False)) <= 2 * WRITE_SIZE
    assert growth < 40, f"peak RSS grew {growth:.0f} MB while 200 MB streamed through"


def test_a_signed_link_that_expires_after_one_fetch_cut_half_way_fails_in_one_sentence_and_keeps_the_part(
        relay: RelayServer, tmp_path: Path) -> None:
    from tests.relay.fixtures import file_signature

    name = "fox-7.mp4"
    expires = 4_102_444_800  # 2100: the signature stays good, but the link works for ONE fetch
    query = f"?Expires={expires}&Signature={file_signature(name, expires)}"
    target = tmp_path / "clip.download"
    part = target.with_name(target.name + ".part")

    async def go() -> None:
        downloader = Downloader()
        try:
            cut = f"{relay.url}/case/cut-download/files/signed/{name}{query}"
            with pytest.raises(NetworkError):
                await downloader.fetch(cut, target, kind="video")
            expired = r"^The result link answered HTTP 403; it may have expired\.$"
            with pytest.raises(DownloadFailed, match=expired):
                await downloader.fetch(f"{relay.url}/files/signed/{name}{query}", target, kind="video")
        finally:
            await downloader.aclose()

    asyncio.run(go())
    assert relay.requests[-1].headers.get("range") == f"bytes={len(mp4_bytes()) // 2}-"
    assert part.stat().st_size == len(mp4_bytes()) // 2  # kept; no file pretends to be the video


def test_a_video_whose_tail_is_missing_is_not_accepted(relay: RelayServer, tmp_path: Path) -> None:
    data = mp4_bytes()
    target = tmp_path / "clip.download"
    part = target.with_name(target.name + ".part")
    part.write_bytes(data[: len(data) // 2] + bytes(len(data) - len(data) // 2))  # right size, zeros for a tail

    async def go() -> None:
        downloader = Downloader()
        try:
            with pytest.raises(DownloadFailed, match="damaged"):
                await downloader.fetch(f"{relay.url}/files/clip.mp4", target, kind="video")
        finally:
            await downloader.aclose()

    asyncio.run(go())
    assert not part.exists() and not list(tmp_path.glob("clip.mp4"))  # the next try starts again
