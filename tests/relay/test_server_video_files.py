"""Self-tests of the relay test server's video result links (`/files/<flavour>/<name>.mp4`): the PNG
flavours for MP4s, a valid ~200 MB MP4 with Range, a slow one, and `video_link` choosing them by case.

Why this exists: the large-download and crash tests lean on these files being real, whole MP4s whose
halves are not; pinning them here keeps a server change from silently weakening those tests.
"""

from __future__ import annotations

import http.client
import re
import time
import urllib.parse
from types import SimpleNamespace

from tests.relay import RelayServer
from tests.relay.server import SLOW_VIDEO_SIZE, video_link
from tests.relay.test_server import fetch
from tests.support.media import big_mp4, mp3_bytes, mp4_bytes


def link(relay: RelayServer, *cases: str) -> str:
    """`video_link` as a route calls it, for a request with `cases`."""
    ctx = SimpleNamespace(base_url=relay.url, has=lambda *names: any(n in cases for n in names))
    handler = SimpleNamespace(server=SimpleNamespace(relay=relay))
    url = video_link(handler, ctx, "A fox, running")  # type: ignore[arg-type]
    parts = urllib.parse.urlsplit(url)
    assert url.startswith(f"{relay.url}/files/")
    return parts.path + (f"?{parts.query}" if parts.query else "")


def head(relay: RelayServer, path: str, size: int, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str],
                                                                                                    bytes]:
    """Status, headers and the first `size` bytes of a GET, then the connection is dropped."""
    conn = http.client.HTTPConnection("127.0.0.1", relay.port, timeout=10)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read(size)
    finally:
        conn.close()


def test_links_by_case(relay: RelayServer) -> None:
    assert re.fullmatch(r"/files/a-fox-running-\d+\.mp4", link(relay))
    assert link(relay) != link(relay)  # unique for the server's life
    for case, folder in (("video-big", "big"), ("video-slow", "slow"), ("video-once", "once"), ("video-html", "html")):
        assert link(relay, case).startswith(f"/files/{folder}/")
    assert re.fullmatch(r"/files/signed/a-fox-running-\d+\.mp4\?Expires=\d+&Signature=.+", link(relay, "video-signed"))


def test_plain_once_and_html_videos(relay: RelayServer) -> None:
    status, headers, body = fetch(relay, "GET", link(relay), key=None)
    assert status == 200 and headers["content-type"] == "video/mp4" and body == mp4_bytes()
    once = link(relay, "video-once")
    assert fetch(relay, "GET", once, key=None)[2] == mp4_bytes()
    assert fetch(relay, "GET", once, key=None)[0] == 404
    status, headers, body = fetch(relay, "GET", link(relay, "video-html"), key=None)
    assert status == 200 and headers["content-type"] == "video/mp4" and body.startswith(b"<!DOCTYPE html>")
    assert fetch(relay, "GET", "/files/song.mp3", key=None)[2] == mp3_bytes()


def test_a_signed_video_link_expires_after_one_fetch(relay: RelayServer) -> None:
    signed = link(relay, "video-signed")
    tampered = re.sub(r"Signature=[^&]+", "Signature=AAAA", signed)
    assert fetch(relay, "GET", tampered, key=None)[0] == 403  # a bad signature does not use the fetch up
    assert fetch(relay, "GET", signed, key=None)[2] == mp4_bytes()
    status, headers, body = fetch(relay, "GET", signed, key=None, headers={"Range": "bytes=100-"})
    assert status == 403 and headers["content-type"] == "application/xml" and b"Request has expired." in body


def test_the_big_video_is_200_mb_served_with_range(relay: RelayServer) -> None:
    video = big_mp4()
    path = link(relay, "video-big")
    status, headers, first = head(relay, path, 64)
    assert status == 200 and int(headers["content-length"]) == len(video) >= 200 * 1024 * 1024
    assert headers["accept-ranges"] == "bytes" and first == b"".join(video.pieces(0, 64))
    assert first[4:8] == b"ftyp"
    start = len(video) - 5000
    status, headers, tail = head(relay, path, 5000, {"Range": f"bytes={start}-"})
    assert status == 206 and headers["content-range"] == f"bytes {start}-{len(video) - 1}/{len(video)}"
    assert tail == b"".join(video.pieces(start)) and b"moov" in tail
    assert head(relay, path, 10, {"Range": f"bytes={len(video)}-"})[0] == 416


def test_the_slow_video_arrives_in_pieces_and_a_resume_at_once(relay: RelayServer) -> None:
    path = link(relay, "video-slow")
    started = time.perf_counter()
    status, headers, body = head(relay, path, SLOW_VIDEO_SIZE // 20 + 10)  # the first piece and a bit
    assert status == 200 and int(headers["content-length"]) == SLOW_VIDEO_SIZE
    assert time.perf_counter() - started >= 0.08 and body[4:8] == b"ftyp"
    status, headers, _ = head(relay, path, 10, {"Range": f"bytes={SLOW_VIDEO_SIZE - 10}-"})
    assert status == 206
