"""Self-tests of the relay test server's media routes: Midjourney tasks, failing result links, image
generation/edits and chat-format images - with the standard library's HTTP clients only.

Why this exists: the client's media tests lean on these behaviours (task lifecycles, code 21 modals,
expiring and lying links); pinning them here keeps a server change from silently weakening them.
"""

from __future__ import annotations

import base64
import http.client
import json
import re
import struct
import time
import urllib.parse
import zlib
from collections.abc import Iterator
from typing import Any

import pytest

from tests.relay import VALID_KEY, RelayServer
from tests.relay.fixtures import GRID_COLOURS, png_base64, png_bytes
from tests.relay.test_server import fetch, sse_payloads, stream_text

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DATA_URL = f"data:image/png;base64,{png_base64()}"
NOT_AN_IMAGE = "data:image/png;base64," + base64.b64encode(b"not an image").decode()


@pytest.fixture(scope="module")
def relay() -> Iterator[RelayServer]:
    with RelayServer() as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh(relay: RelayServer) -> None:
    relay.reset()


def decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, RGB rows) of an 8-bit RGB PNG whose rows use filter 0 (what the server writes)."""
    assert data.startswith(PNG_SIGNATURE)
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
            assert body[8:10] == b"\x08\x02"  # 8-bit RGB
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride = zlib.decompress(idat), 1 + 3 * width
    rows = [raw[i * stride : (i + 1) * stride] for i in range(height)]
    assert all(row[0] == 0 for row in rows)
    return width, height, [row[1:] for row in rows]


def pixel(data: bytes, x: int, y: int) -> tuple[int, ...]:
    _, _, rows = decode_png(data)
    return tuple(rows[y][3 * x : 3 * x + 3])


def jpost(relay: RelayServer, path: str, body: Any, **kwargs: Any) -> tuple[int, Any]:
    status, _, raw = fetch(relay, "POST", path, body, **kwargs)
    return status, json.loads(raw)


def jget(relay: RelayServer, path: str, **kwargs: Any) -> tuple[int, Any]:
    status, _, raw = fetch(relay, "GET", path, **kwargs)
    return status, json.loads(raw)


def local(url: str) -> str:
    """The path + query of a URL pointing back at the test server."""
    parts = urllib.parse.urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# --------------------------------------------------------------------------------------------------
# Midjourney
# --------------------------------------------------------------------------------------------------


def imagine(relay: RelayServer, prompt: str = "cat", prefix: str = "", **extra: Any) -> str:
    status, answer = jpost(relay, f"{prefix}/mj/submit/imagine", {"prompt": prompt, "base64Array": [], **extra})
    assert status == 200 and answer["code"] in (1, 22), answer
    return str(answer["result"])


def poll(relay: RelayServer, task_id: str, times: int, prefix: str = "") -> list[dict[str, Any]]:
    return [jget(relay, f"{prefix}/mj/task/{task_id}/fetch")[1] for _ in range(times)]


def finished(relay: RelayServer, task_id: str) -> dict[str, Any]:
    """Poll until a terminal status (default lifecycle: 4 fetches)."""
    for task in poll(relay, task_id, 10):
        if task["status"] in ("SUCCESS", "FAILURE"):
            return task
    raise AssertionError(f"task {task_id} never finished")


def press(relay: RelayServer, task: dict[str, Any], label: str = "", emoji: str = "") -> tuple[int, Any]:
    button = next(b for b in task["buttons"] if b["label"] == label and (not emoji or b["emoji"] == emoji))
    return jpost(relay, "/mj/submit/action", {"taskId": task["id"], "customId": button["customId"]})


def test_mj_default_lifecycle_follows_the_fetch_count(relay: RelayServer) -> None:
    status, answer = jpost(relay, "/mj/submit/imagine", {"prompt": "cat", "base64Array": [DATA_URL], "state": "s"})
    assert status == 200 and answer["code"] == 1 and answer["description"] == "提交成功"
    task_id = answer["result"]
    assert task_id.isdigit() and int(task_id) >= 1760000000001
    assert relay.mj_task(task_id)["fetches"] == 0  # a snapshot is not a fetch
    first, second, third, fourth = poll(relay, task_id, 4)
    assert (first["status"], first["progress"], first["buttons"], first["properties"]) == ("", "0%", None, None)
    assert (second["status"], second["progress"], second["imageUrl"]) == ("NOT_START", "0%", "")
    assert (third["status"], third["progress"]) == ("IN_PROGRESS", "45%")
    assert third["imageUrl"] == f"{relay.url}/mj/image/{task_id}?rand=3"
    assert (fourth["status"], fourth["progress"]) == ("SUCCESS", "100%")
    assert fourth["imageUrl"] == f"{relay.url}/mj/image/{task_id}"
    assert fourth["finishTime"] >= fourth["startTime"] >= fourth["submitTime"] > 0
    assert fourth["properties"]["finalPrompt"] == "cat --v 6.1" and fourth["state"] == "s" and fourth["mode"] == ""
    hash_ = relay.mj_task(task_id)["hash"]
    assert [b["label"] for b in fourth["buttons"]] == ["U1", "U2", "U3", "U4", "", "V1", "V2", "V3", "V4"]
    assert fourth["buttons"][0] == {"customId": f"MJ::JOB::upsample::1::{hash_}", "emoji": "", "label": "U1",
                                    "type": 2, "style": 2}
    assert fourth["buttons"][4]["customId"] == f"MJ::JOB::reroll::0::{hash_}::SOLO"
    assert fourth["buttons"][4]["emoji"] == "🔄"
    assert fourth["buttons"][8]["customId"] == f"MJ::JOB::variation::4::{hash_}"
    assert poll(relay, task_id, 1)[0]["status"] == "SUCCESS"  # stays there
    assert imagine(relay) != task_id  # ids are unique and increasing
    assert int(imagine(relay)) > int(task_id)


def test_mj_polls_case_and_mode_prefix_through_a_case_base_url(relay: RelayServer) -> None:
    base = "/case/mj-polls-3"  # every request carries the case, as a client with this base URL does
    task_id = imagine(relay, prefix=f"{base}/mj-relax")
    tasks = poll(relay, task_id, 6, prefix=base)
    assert [t["status"] for t in tasks] == ["", "NOT_START", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "SUCCESS"]
    progress = [int(t["progress"].rstrip("%")) for t in tasks[2:5]]
    assert progress == sorted(progress) and len(set(progress)) == 3 and progress[-1] < 100
    assert tasks[-1]["mode"] == "RELAX" and relay.mj_task(task_id)["polls"] == 3
    assert relay.hits("/mj/submit/imagine") == 1
    # the case travels with the task, not with the fetch
    other = imagine(relay, prefix="/case/mj-polls-2/mj-fast")
    assert [t["status"] for t in poll(relay, other, 5)][-1] == "SUCCESS"
    assert relay.mj_task(other)["mode"] == "FAST"
    turbo = imagine(relay, prefix="/mj-turbo")
    assert relay.mj_task(turbo)["mode"] == "TURBO"
    assert [t["status"] for t in poll(relay, imagine(relay, prefix="/case/mj-polls-0"), 3)][-1] == "SUCCESS"


def test_mj_submit_codes(relay: RelayServer) -> None:
    assert jpost(relay, "/mj/submit/imagine", {"prompt": ""}) == (
        400, {"description": "prompt_is_required ", "type": "upstream_error", "code": 4})
    status, banned = jpost(relay, "/mj/submit/imagine", {"prompt": "nude body"})
    assert status == 200 and banned == {"code": 24, "description": "可能包含敏感词", "result": None,
                                        "properties": {"promptEn": "nude body", "bannedWord": "nude"}}
    _, full = jpost(relay, "/mj/submit/imagine", {"prompt": "queue-full please"})
    assert full["code"] == 23 and full["result"] not in relay.mj_task_ids()
    _, queued = jpost(relay, "/mj/submit/imagine", {"prompt": "queued cat"})
    assert queued["code"] == 22 and queued["properties"]["numberOfQueues"] == 1
    assert finished(relay, queued["result"])["status"] == "SUCCESS"
    assert jpost(relay, "/mj/submit/imagine", {"prompt": "cat", "base64Array": [NOT_AN_IMAGE]})[1]["code"] == 4
    assert jpost(relay, "/mj/submit/imagine", {"prompt": "cat", "base64Array": [png_base64()]})[1] == {
        "code": 4, "description": "base64格式错误", "result": None, "properties": {}}
    assert jget(relay, "/mj/task/nope/fetch") == (400, {"description": "task_no_found ", "type": "upstream_error",
                                                        "code": 4})
    assert fetch(relay, "GET", "/mj/task/nope/fetch", key="sk-bad")[0] == 401
    assert fetch(relay, "POST", "/mj/submit/imagine", {"prompt": "x"}, key=None,
                 headers={"mj-api-secret": VALID_KEY})[0] == 200
    failed = finished(relay, imagine(relay, "this will fail"))
    assert (failed["status"], failed["progress"], failed["failReason"], failed["imageUrl"]) == (
        "FAILURE", "100%", "[Invalid parameter] Invalid value", "")


def test_mj_actions_create_the_right_tasks(relay: RelayServer) -> None:
    task_id = imagine(relay)
    poll(relay, task_id, 2)
    hash_ = relay.mj_task(task_id)["hash"]
    assert jpost(relay, "/mj/submit/action", {"taskId": task_id, "customId": f"MJ::JOB::upsample::2::{hash_}"}) == (
        400, {"description": "task_status_not_success ", "type": "upstream_error", "code": 4})
    grid = finished(relay, task_id)
    _, unknown = jpost(relay, "/mj/submit/action", {"taskId": task_id, "customId": "MJ::JOB::upsample::9::x"})
    assert unknown["code"] == 4
    assert jpost(relay, "/mj/submit/action", {"taskId": task_id})[1]["description"] == "custom_id_is_required "

    _, answer = press(relay, grid, "U2")
    upscale = finished(relay, answer["result"])
    assert upscale["action"] == "UPSCALE" and upscale["customId"] == f"MJ::JOB::upsample::2::{hash_}"
    png = fetch(relay, "GET", local(upscale["imageUrl"]), key=None)[2]
    assert decode_png(png)[:2] == (64, 64) and pixel(png, 0, 0) == pixel(png, 63, 63) == GRID_COLOURS[1]
    up_hash = relay.mj_task(upscale["id"])["hash"]
    assert [(b["label"], b["emoji"]) for b in upscale["buttons"]] == [
        ("Upscale (2x)", ""), ("Upscale (4x)", ""), ("Vary (Strong)", "🪄"), ("Vary (Subtle)", "🪄"),
        ("Vary (Region)", "🖌️"), ("Zoom Out 2x", "🔍"), ("Zoom Out 1.5x", "🔍"), ("Custom Zoom", "🔍"),
        ("", "⬅️"), ("", "➡️"), ("", "⬆️"), ("", "⬇️")]
    assert [b["customId"] for b in upscale["buttons"]] == [
        f"MJ::JOB::upsample_v5_2x::1::{up_hash}::SOLO", f"MJ::JOB::upsample_v5_4x::1::{up_hash}::SOLO",
        f"MJ::JOB::high_variation::1::{up_hash}::SOLO", f"MJ::JOB::low_variation::1::{up_hash}::SOLO",
        f"MJ::Inpaint::1::{up_hash}::SOLO", f"MJ::Outpaint::50::1::{up_hash}::SOLO",
        f"MJ::Outpaint::75::1::{up_hash}::SOLO", f"MJ::CustomZoom::{up_hash}",
        *(f"MJ::JOB::pan_{side}::1::{up_hash}::SOLO" for side in ("left", "right", "up", "down"))]

    expected = [(grid, "V3", "", "VARIATION"), (grid, "", "🔄", "REROLL"), (upscale, "Upscale (2x)", "", "UPSCALE"),
                (upscale, "Vary (Strong)", "", "VARIATION"), (upscale, "Vary (Subtle)", "", "VARIATION"),
                (upscale, "Zoom Out 2x", "", "ZOOM"), (upscale, "", "⬅️", "PAN"), (upscale, "", "⬇️", "PAN")]
    for parent, label, emoji, action in expected:
        status, answer = press(relay, parent, label, emoji)
        assert status == 200 and answer["code"] == 1, (label, answer)
        child = finished(relay, answer["result"])
        assert child["action"] == action and child["status"] == "SUCCESS", label
        if action == "UPSCALE":
            assert decode_png(fetch(relay, "GET", local(child["imageUrl"]), key=None)[2])[:2] == (128, 128)
        else:
            assert [b["label"] for b in child["buttons"]][:4] == ["U1", "U2", "U3", "U4"]


def test_mj_modal_flow(relay: RelayServer) -> None:
    grid = finished(relay, imagine(relay))
    upscale = finished(relay, press(relay, grid, "U1")[1]["result"])
    status, answer = press(relay, upscale, "Vary (Region)")
    assert status == 200 and answer["code"] == 21 and answer["description"] == "Waiting for window confirm"
    assert answer["properties"] == {"finalPrompt": "cat --v 6.1", "remix": True}
    modal_id = answer["result"]
    waiting = poll(relay, modal_id, 2)
    assert [t["status"] for t in waiting] == ["MODAL", "MODAL"] and waiting[0]["action"] == "INPAINT"
    assert jpost(relay, "/mj/submit/modal", {"taskId": modal_id, "prompt": "cat with hat"})[1]["code"] == 4
    assert jpost(relay, "/mj/submit/modal", {"taskId": modal_id, "maskBase64": NOT_AN_IMAGE})[1]["code"] == 4
    assert jpost(relay, "/mj/submit/modal", {"taskId": "nope", "maskBase64": DATA_URL})[0] == 400
    status, confirmed = jpost(relay, "/mj/submit/modal",
                              {"taskId": modal_id, "prompt": "cat with hat", "maskBase64": DATA_URL})
    assert status == 200 and confirmed["code"] == 1 and confirmed["result"] == modal_id
    assert jpost(relay, "/mj/submit/modal", {"taskId": modal_id, "maskBase64": DATA_URL})[1]["code"] == 4  # once
    tasks = poll(relay, modal_id, 4)
    assert [t["status"] for t in tasks] == ["", "NOT_START", "IN_PROGRESS", "SUCCESS"]
    assert tasks[-1]["action"] == "INPAINT" and tasks[-1]["properties"]["finalPrompt"] == "cat with hat --v 6.1"

    _, zoom = press(relay, upscale, "Custom Zoom")
    assert zoom["code"] == 21
    assert jpost(relay, "/mj/submit/modal", {"taskId": zoom["result"], "prompt": "cat --zoom 2"})[1]["code"] == 1
    assert finished(relay, zoom["result"])["action"] == "CUSTOM_ZOOM"


def test_mj_change_and_simple_change(relay: RelayServer) -> None:
    task_id = imagine(relay)
    assert jpost(relay, "/mj/submit/change", {"taskId": task_id, "action": "UPSCALE", "index": 2})[1] == {
        "description": "task_status_not_success ", "type": "upstream_error", "code": 4}
    finished(relay, task_id)
    assert jpost(relay, "/mj/submit/change", {"taskId": task_id, "action": "REROLL", "index": 0}) == (
        400, {"description": "index_is_required ", "type": "upstream_error", "code": 4})
    for body, action in (({"action": "UPSCALE", "index": 2}, "UPSCALE"), ({"action": "REROLL", "index": 1}, "REROLL")):
        _, answer = jpost(relay, "/mj/submit/change", {"taskId": task_id, **body})
        assert answer["code"] == 1 and finished(relay, answer["result"])["action"] == action
    _, answer = jpost(relay, "/mj/submit/simple-change", {"content": f"{task_id} V3"})
    assert answer["code"] == 1 and finished(relay, answer["result"])["action"] == "VARIATION"
    assert jpost(relay, "/mj/submit/simple-change", {"content": "garbage"})[1]["code"] == 4


def test_mj_blend_describe_shorten_swap(relay: RelayServer) -> None:
    assert jpost(relay, "/mj/submit/blend", {"base64Array": [DATA_URL]})[1] == {
        "code": 4, "description": "base64List参数错误", "result": None, "properties": {}}
    assert jpost(relay, "/mj/submit/blend", {"base64Array": [DATA_URL] * 6})[1]["code"] == 4
    _, blend = jpost(relay, "/mj/submit/blend", {"base64Array": [DATA_URL, DATA_URL], "dimensions": "PORTRAIT"})
    assert blend["code"] == 1 and finished(relay, blend["result"])["action"] == "BLEND"

    assert jpost(relay, "/mj/submit/describe", {"base64": NOT_AN_IMAGE})[1]["code"] == 4
    _, describe = jpost(relay, "/mj/submit/describe", {"base64": DATA_URL})
    described = finished(relay, describe["result"])
    assert described["action"] == "DESCRIBE" and described["buttons"] == []
    assert re.fullmatch(r"1️⃣ .+\n\n2️⃣ .+\n\n3️⃣ .+\n\n4️⃣ .+", described["properties"]["finalPrompt"])
    assert fetch(relay, "GET", local(described["imageUrl"]), key=None)[2] == png_bytes()

    assert jpost(relay, "/mj/submit/shorten", {"prompt": ""})[0] == 400
    _, shorten = jpost(relay, "/mj/submit/shorten", {"prompt": "a very fluffy orange cat on a sofa"})
    shortened = finished(relay, shorten["result"])
    assert shortened["action"] == "SHORTEN" and shortened["imageUrl"] == ""
    assert re.fullmatch(r"1️⃣ .+\n\n2️⃣ .+\n\n3️⃣ .+\n\n4️⃣ .+\n\n5️⃣ .+", shortened["properties"]["finalPrompt"])

    assert jpost(relay, "/mj/insight-face/swap", {"sourceBase64": DATA_URL})[1]["code"] == 4
    _, swap = jpost(relay, "/mj/insight-face/swap", {"sourceBase64": DATA_URL, "targetBase64": DATA_URL})
    swapped = finished(relay, swap["result"])
    assert swapped["action"] == "SWAP_FACE"
    assert decode_png(fetch(relay, "GET", local(swapped["imageUrl"]), key=None)[2])[:2] == (64, 64)


def test_mj_list_by_condition_seed_and_image_route(relay: RelayServer) -> None:
    first, second = imagine(relay, state="a"), imagine(relay, state="b")
    status, tasks = jpost(relay, "/mj/task/list-by-condition", {"ids": [second, "missing", first]})
    assert status == 200 and [t["id"] for t in tasks] == [second, first] and tasks[0]["status"] == ""
    assert jpost(relay, "/mj/task/list-by-condition", {"ids": ["missing"]}) == (200, [])
    assert [t["status"] for t in jpost(relay, "/mj/task/list-by-condition", {"ids": [first]})[1]] == ["NOT_START"]
    assert [t["id"] for t in jpost(relay, "/mj/task/list-by-condition", {})[1]] == [first, second]
    assert [t["id"] for t in jpost(relay, "/mj/task/list-by-condition", {"state": "b"})[1]] == [second]
    assert relay.mj_task(first)["fetches"] == relay.mj_task(second)["fetches"] == 3

    assert jget(relay, f"/mj/task/{first}/image-seed") == (200, {"code": 1, "description": "成功",
                                                               "result": "3286151813"})
    assert jget(relay, "/mj/task/nope/image-seed")[0] == 400
    status, headers, body = fetch(relay, "GET", f"/mj/image/{first}?rand=7", key=None)
    assert status == 200 and headers["content-type"] == "image/png" and body.startswith(PNG_SIGNATURE)
    assert fetch(relay, "GET", "/mj/image/nope", key=None)[0] == 400
    third = imagine(relay)
    assert fetch(relay, "GET", f"/mj/image/{third}", key=None)[0] == 500  # no image before IN_PROGRESS
    relay.reset()
    assert jget(relay, f"/mj/task/{first}/fetch")[0] == 400


def test_grid_png_has_four_coloured_quadrants(relay: RelayServer) -> None:
    task = finished(relay, imagine(relay))
    png = fetch(relay, "GET", local(task["imageUrl"]), key=None)[2]
    width, height, _ = decode_png(png)
    assert (width, height) == (128, 128)
    corners = [pixel(png, x, y) for x, y in ((0, 0), (127, 0), (0, 127), (127, 127))]
    centres = [pixel(png, x, y) for x, y in ((32, 32), (96, 32), (32, 96), (96, 96))]
    assert corners == centres == list(GRID_COLOURS)
    assert pixel(png, 63, 63) == GRID_COLOURS[0] and pixel(png, 64, 64) == GRID_COLOURS[3]


# --------------------------------------------------------------------------------------------------
# Result links
# --------------------------------------------------------------------------------------------------


def generate(relay: RelayServer, case: str = "", **body: Any) -> list[Any]:
    prefix = f"/case/{case}" if case else ""
    status, answer = jpost(relay, f"{prefix}/v1/images/generations",
                           {"model": "dall-e-3", "prompt": "cat", "response_format": "url", **body})
    assert status == 200, answer
    return [item["url"] for item in answer["data"]]


def test_signed_links_expire_with_an_xml_403(relay: RelayServer) -> None:
    (url,) = generate(relay, "image-signed")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    assert "/files/signed/" in url and int(query["Expires"][0]) > time.time() + 3000
    status, headers, body = fetch(relay, "GET", local(url), key=None)
    assert status == 200 and body == png_bytes()
    tampered = re.sub(r"Signature=[^&]+", "Signature=AAAA", local(url))
    status, headers, body = fetch(relay, "GET", tampered, key=None)
    assert status == 403 and headers["content-type"] == "application/xml" and b"<Code>AccessDenied</Code>" in body
    (expired,) = generate(relay, "image-expired")
    status, headers, body = fetch(relay, "GET", local(expired), key=None)
    assert status == 403 and b"<Code>AccessDenied</Code>" in body and b"expired" in body


def test_html_and_once_links(relay: RelayServer) -> None:
    (url,) = generate(relay, "image-html")
    status, headers, body = fetch(relay, "GET", local(url), key=None)
    assert status == 200 and headers["content-type"] == "image/png" and body.startswith(b"<!DOCTYPE html>")
    first, second = generate(relay, "image-once", n=2)
    assert "/files/once/" in first and first != second
    assert fetch(relay, "GET", local(first), key=None)[2] == png_bytes()
    assert fetch(relay, "GET", local(first), key=None)[0] == 404
    assert fetch(relay, "GET", local(second), key=None)[0] == 200  # links are independent
    relay.reset()
    assert fetch(relay, "GET", local(first), key=None)[0] == 200


def test_slow_link_arrives_in_pieces(relay: RelayServer) -> None:
    (url,) = generate(relay, "image-slow")
    assert "/files/slow/" in url
    conn = http.client.HTTPConnection("127.0.0.1", relay.port, timeout=5)
    try:
        conn.request("GET", local(url))
        resp = conn.getresponse()
        assert resp.status == 200 and resp.getheader("content-length") == str(len(png_bytes()))
        start = time.perf_counter()
        head = resp.read(12)  # spans several pieces
        assert head == png_bytes()[:12] and time.perf_counter() - start >= 0.15
    finally:
        conn.close()  # the client gives up mid-download; the server must not mind


def test_generations_honour_n_and_url_objects(relay: RelayServer) -> None:
    urls = generate(relay, n=3)
    assert len(urls) == 3 == len(set(urls)) and all(u.startswith(f"{relay.url}/files/cat-") for u in urls)
    assert all(fetch(relay, "GET", local(u), key=None)[0] == 200 for u in urls)
    objects = generate(relay, "image-url-object", n=2)
    assert all(isinstance(o, dict) and o["url"].endswith(".png") for o in objects)
    _, answer = jpost(relay, "/v1/images/generations", {"model": "gpt-image-1", "prompt": "cat", "n": 2})
    assert len(answer["data"]) == 2 and answer["data"][0]["b64_json"].startswith("data:image/png;base64,")
    assert jpost(relay, "/v1/images/generations", {"prompt": "cat", "n": 0})[0] == 400


def multipart(fields: list[tuple[str, str | bytes, str | None]]) -> tuple[bytes, str]:
    """(body, content type) of a form: (name, value, filename or None)."""
    boundary = "----relaytest7MA4YWxkTrZu0gW"
    out = b""
    for name, value, filename in fields:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        kind = "Content-Type: image/png\r\n" if filename else ""
        data = value.encode() if isinstance(value, str) else value
        out += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n{kind}\r\n".encode() + data + b"\r\n"
    return out + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def edit(relay: RelayServer, fields: list[tuple[str, str | bytes, str | None]], prefix: str = "") -> tuple[int, Any]:
    body, content_type = multipart(fields)
    conn = http.client.HTTPConnection("127.0.0.1", relay.port, timeout=5)
    try:
        conn.request("POST", f"{prefix}/v1/images/edits", body=body,
                     headers={"Authorization": f"Bearer {VALID_KEY}", "Content-Type": content_type})
        resp = conn.getresponse()
        return resp.status, json.loads(resp.read())
    finally:
        conn.close()


def test_image_edits_check_every_file(relay: RelayServer) -> None:
    png = png_bytes()  # its signature holds \r\n: the multipart parser must be byte-exact
    fields = [("prompt", "add a hat", None), ("model", "dall-e-2", None), ("n", "2", None),
              ("image[]", png, "a.png"), ("image[]", png, "b.png"), ("mask", png, "mask.png")]
    status, answer = edit(relay, fields)
    assert status == 200 and len(answer["data"]) == 2
    assert answer["data"][0]["revised_prompt"] == "edited 2 image(s), mask: yes"
    assert answer["data"][0]["url"].startswith(f"{relay.url}/files/add-a-hat-")
    status, answer = edit(relay, [("prompt", "x", None), ("image", png, "a.png"),
                                  ("response_format", "b64_json", None)])
    assert status == 200 and answer["data"][0]["revised_prompt"] == "edited 1 image(s), mask: no"
    assert base64.b64decode(answer["data"][0]["b64_json"]) == png
    status, answer = edit(relay, [("prompt", "x", None), ("image[]", png, "a.png"), ("image[]", b"GIF8? no", "b.png")])
    assert status == 400 and answer["error"]["message"].startswith("image is not a valid image")
    assert edit(relay, [("prompt", "x", None)])[0] == 400
    assert edit(relay, [("image", png, "a.png")])[1]["error"]["message"].startswith("prompt is required")
    _, answer = edit(relay, [("prompt", "x", None), ("image", png, "a.png")], prefix="/case/image-once")
    assert "/files/once/" in answer["data"][0]["url"]


# --------------------------------------------------------------------------------------------------
# Chat-format images
# --------------------------------------------------------------------------------------------------


def image_chat(relay: RelayServer, prompt: str, model: str = "gpt-4o-image", **extra: Any) -> tuple[int, bytes]:
    parts = [{"type": "text", "text": prompt}]
    body = {"model": model, "messages": [{"role": "user", "content": "earlier"}, {"role": "assistant", "content": "ok"},
                                         {"role": "user", "content": parts}], **extra}
    status, _, raw = fetch(relay, "POST", "/v1/chat/completions", body)
    return status, raw


def test_chat_image_stream(relay: RelayServer) -> None:
    status, raw = image_chat(relay, "a cat", stream=True)
    assert status == 200 and sse_payloads(raw)[-1] == "[DONE]"
    chunks = [json.loads(p) for p in sse_payloads(raw)[:-1]]
    deltas = [c["choices"][0]["delta"].get("content") for c in chunks if c["choices"]]
    url = re.search(r"!\[image\]\(([^)]+)\)", stream_text(raw)).group(1)  # type: ignore[union-attr]
    assert deltas == ["", '```json\n{"prompt": "a cat", "size": "1024x1024"}\n```\n\n', "> 排队中.", "\n> 生成中...",
                      "\n>🏃 进度 36..", "61..", "\n\n> 生成完成 ✅\n\n", f"![image]({url})", None]
    assert chunks[-2]["choices"][0]["finish_reason"] == "stop" and chunks[-1]["choices"] == []
    assert re.fullmatch(rf"{relay.url}/files/a-cat-\d+\.png", url)
    assert fetch(relay, "GET", local(url), key=None)[2] == png_bytes()


def test_chat_image_non_stream_two_b64_and_models(relay: RelayServer) -> None:
    status, raw = image_chat(relay, "two cats", model="flux-dev")
    text = json.loads(raw)["choices"][0]["message"]["content"]
    links = re.findall(r"!\[image\]\(([^)]+)\)", text)
    assert status == 200 and text.startswith("```json\n") and "> 生成完成 ✅" in text and len(set(links)) == 2
    _, raw = image_chat(relay, "b64 please", model="stable-diffusion-xl")
    (link,) = re.findall(r"!\[image\]\(([^)]+)\)", json.loads(raw)["choices"][0]["message"]["content"])
    assert link == f"data:image/png;base64,{png_base64()}"
    _, raw = image_chat(relay, "a cat", model="gpt-4o")  # ordinary models are unchanged
    assert json.loads(raw)["choices"][0]["message"]["content"] == "Hello"


def test_chat_image_failure_is_in_band(relay: RelayServer) -> None:
    status, raw = image_chat(relay, "make it fail", stream=True, stream_options={"include_usage": False})
    assert status == 200 and stream_text(raw) == "> 排队中.\n生成失败: upstream error"
    assert sse_payloads(raw)[-1] == "[DONE]" and b"/files/" not in raw
    _, raw = image_chat(relay, "make it fail")
    body = json.loads(raw)
    assert body["choices"][0]["message"]["content"] == "> 排队中.\n生成失败: upstream error"
    assert body["choices"][0]["finish_reason"] == "stop"
