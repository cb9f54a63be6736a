"""Result downloads: .part + rename, Range resume after a cut, HTML pages refused, no key sent."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from studio.api.errors import NetworkError
from studio.jobs.downloads import Downloader, DownloadFailed
from studio.storage.filetypes import sniff
from tests.relay import RelayServer
from tests.relay.fixtures import big_png_bytes

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def fetch(url: str, target: Path, kind: str = "image"):  # type: ignore[no-untyped-def]
    async def go():  # type: ignore[no-untyped-def]
        downloader = Downloader()
        try:
            return await downloader.fetch(url, target, kind=kind)
        finally:
            await downloader.aclose()

    return asyncio.run(go())


def test_download_lands_with_its_true_extension_and_no_key(relay: RelayServer, tmp_path: Path) -> None:
    result = fetch(relay.url + "/files/cat.png", tmp_path / "library" / "asset1.bin")
    assert result.path == tmp_path / "library" / "asset1.png"
    assert result.path.read_bytes().startswith(PNG_SIGNATURE) and result.mime == "image/png"
    assert not list(tmp_path.rglob("*.part"))
    assert "authorization" not in relay.requests[-1].headers


def test_a_cut_download_resumes_with_range(relay: RelayServer, tmp_path: Path) -> None:
    target = tmp_path / "asset2.png"
    with pytest.raises(NetworkError):
        fetch(relay.url + "/case/cut-download/files/cat.png", target)
    part = tmp_path / "asset2.png.part"
    kept = part.stat().st_size
    assert kept > 0  # what arrived before the cut is kept
    result = fetch(relay.url + "/files/cat.png", target)
    assert relay.requests[-1].headers.get("range") == f"bytes={kept}-"
    whole = fetch(relay.url + "/files/cat.png", tmp_path / "fresh.png").path.read_bytes()
    assert result.path.read_bytes() == whole and not part.exists()


def test_an_html_page_is_a_failed_download_not_an_asset(relay: RelayServer, tmp_path: Path) -> None:
    with pytest.raises(DownloadFailed, match="web page"):
        fetch(relay.url + "/case/html200/files/cat.png", tmp_path / "asset3.png")
    assert not list(tmp_path.iterdir())


def test_expired_link(relay: RelayServer, tmp_path: Path) -> None:
    with pytest.raises(DownloadFailed, match="HTTP 404"):
        fetch(relay.url + "/files/gone.xyz", tmp_path / "asset4.png")


def test_sniffing() -> None:
    assert sniff(PNG_SIGNATURE) == "image/png"
    assert sniff(b"\x00\x00\x00\x18ftypmp42") == "video/mp4"
    assert sniff(b"ID3\x04") == "audio/mpeg"
    assert sniff(b"<!doctype html>") is None


def test_previews_are_read_into_memory_and_checked(relay: RelayServer) -> None:
    async def go(url: str):  # type: ignore[no-untyped-def]
        downloader = Downloader()
        try:
            return await downloader.fetch_bytes(url, limit=1_000_000, kind="image")
        finally:
            await downloader.aclose()

    assert asyncio.run(go(relay.url + "/files/preview.png")).startswith(PNG_SIGNATURE)
    with pytest.raises(DownloadFailed):
        asyncio.run(go(relay.url + "/files/html/preview.png"))  # an HTML page that says it is a PNG
    with pytest.raises(DownloadFailed):
        asyncio.run(go(relay.url + "/files/missing.webp"))


# -- complete only when whole and sound (issue: a truncated result was saved as done) --------------


def test_every_byte_of_a_short_write_is_written_and_a_write_that_takes_nothing_is_no_room() -> None:
    from studio.jobs.downloads import _write_all

    class Trickle:  # an unbuffered file on a filling disk takes a few bytes per call
        def __init__(self, per_call: int) -> None:
            self.per_call, self.data = per_call, bytearray()

        def write(self, view: memoryview) -> int:
            taken = bytes(view[: self.per_call])
            self.data += taken
            return len(taken)

    handle = Trickle(7)
    _write_all(handle, b"x" * 100)  # type: ignore[arg-type]
    assert handle.data == b"x" * 100
    with pytest.raises(OSError) as raised:
        _write_all(Trickle(0), b"abc")  # type: ignore[arg-type]
    assert raised.value.errno == 28


def test_a_disk_that_fills_during_a_download_is_one_sentence_and_leaves_no_asset(relay: RelayServer,
                                                                                  tmp_path: Path) -> None:
    from tests.support.disks import small_disk

    with small_disk(tmp_path / "library", 200) as library:
        with pytest.raises(DownloadFailed) as raised:  # chunked: no size announced, the disk fills mid-way
            fetch(relay.url + "/files/chunked/big.png", library / "asset.png")
        assert raised.value.no_room
        assert re.fullmatch(r"The disk holding the library is full: \d+ MB free\.", str(raised.value))
        assert not list(library.glob("*.png"))


def test_the_room_a_file_needs_is_checked_before_it_is_written(relay: RelayServer, tmp_path: Path) -> None:
    from tests.support.disks import small_disk

    with small_disk(tmp_path / "library", 200) as library:
        with pytest.raises(DownloadFailed) as raised:
            fetch(relay.url + "/files/big/big.png", library / "asset.png")
        assert re.fullmatch(r"The disk holding the library is full: \d+ MB free, the file needs 0\.\d MB\.",
                            str(raised.value))
        assert not list(library.iterdir())  # nothing was written


def test_a_resumed_part_with_a_damaged_tail_is_not_accepted(relay: RelayServer, tmp_path: Path) -> None:
    body = big_png_bytes()
    part = tmp_path / "asset.png.part"
    kept = len(body) // 2
    part.write_bytes(body[: kept - 500] + b"\0" * 500)  # what a crash can leave: zeros at the end
    with pytest.raises(DownloadFailed, match="damaged"):
        fetch(relay.url + "/files/big/big.png", tmp_path / "asset.png")
    assert relay.requests[-1].headers.get("range") == f"bytes={kept}-"
    assert not part.exists() and not (tmp_path / "asset.png").exists()
    assert fetch(relay.url + "/files/big/big.png", tmp_path / "asset.png").path.read_bytes() == body


def test_a_part_longer_than_the_file_is_not_accepted(relay: RelayServer, tmp_path: Path) -> None:
    part = tmp_path / "asset.png.part"
    part.write_bytes(big_png_bytes() + b"trailing junk")
    with pytest.raises(DownloadFailed, match="should be"):
        fetch(relay.url + "/files/big/big.png", tmp_path / "asset.png")
    assert not part.exists()


def test_a_file_whose_first_bytes_are_right_but_which_does_not_decode_is_refused(relay: RelayServer,
                                                                                  tmp_path: Path) -> None:
    body = big_png_bytes()
    # a PNG cut short whose size nobody announced (a chunked answer that ended early): only decoding tells
    part = tmp_path / "asset.png.part"
    part.write_bytes(body[:1000])
    with pytest.raises(DownloadFailed):
        asyncio.run(_finish_only(part, tmp_path / "asset.png"))
    assert not (tmp_path / "asset.png").exists()


async def _finish_only(part: Path, target: Path) -> None:
    from studio.jobs.downloads import _finish

    await asyncio.to_thread(_finish, part, target, "image", None)
