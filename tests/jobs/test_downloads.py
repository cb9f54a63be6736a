"""Result downloads: .part + rename, Range resume after a cut, HTML pages refused, no key sent."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from studio.api.errors import NetworkError
from studio.jobs.downloads import Downloader, DownloadFailed
from studio.storage.filetypes import sniff
from tests.relay import RelayServer

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
