"""The relay test server's Replicate predictions (tests/relay/replicate.py) with the standard library's
client only: the fixture's exact answers, the lifecycle by reads, cancel, refusals and the files."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from tests.relay import VALID_KEY, RelayServer
from tests.relay import replicate as upstream


@pytest.fixture
def relay() -> Iterator[RelayServer]:
    with RelayServer() as server:  # a fresh server: its first prediction is rp-1
        yield server


def call(relay: RelayServer, method: str, path: str, body: Any = None, key: str | None = VALID_KEY,
         ) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if data is not None else {}
    if key is not None:
        headers["Authorization"] = f"Bearer {key}"
    request = urllib.request.Request(relay.url + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read()
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, raw


def test_the_fixture_create_then_processing_then_succeeded(relay: RelayServer) -> None:
    status, created = call(relay, "POST", "/v1/models/black-forest-labs/flux-schnell/predictions",
                           {"input": {"prompt": "x"}})
    link = f"http://127.0.0.1:{relay.port}/v1/predictions/rp-1"
    assert status == 201
    assert {k: created[k] for k in ("id", "status", "input", "output", "error", "urls")} == {
        "id": "rp-1", "status": "starting", "input": {"prompt": "x"}, "output": None, "error": None,
        "urls": {"get": link, "cancel": link + "/cancel"}}
    assert set(created) >= {"version", "logs", "created_at", "started_at", "completed_at", "metrics"}
    assert call(relay, "GET", "/v1/predictions/rp-1")[1]["status"] == "processing"
    _, done = call(relay, "GET", "/v1/predictions/rp-1")
    assert (done["status"], done["metrics"], done["error"]) == ("succeeded", {"predict_time": 1.2}, None)
    (output,) = done["output"]
    assert output.startswith(f"{relay.url}/files/replicate/") and output.endswith(".webp")
    with urllib.request.urlopen(output) as picture:  # no key needed
        assert picture.headers["Content-Type"] == "image/webp" and picture.read() == upstream.WEBP_BYTES
    assert call(relay, "GET", "/v1/predictions/rp-1")[1]["output"] == done["output"]  # the same links again


def test_failure_text_tokens_single_links_and_versions(relay: RelayServer) -> None:
    _, failing = call(relay, "POST", "/v1/models/a/b/predictions", {"input": {"prompt": "this will fail"}})
    call(relay, "GET", f"/v1/predictions/{failing['id']}")
    _, failed = call(relay, "GET", f"/v1/predictions/{failing['id']}")
    assert (failed["status"], failed["error"], failed["output"]) == ("failed", "NSFW", None)

    _, text = call(relay, "POST", f"/v1/models/{upstream.TEXT_MODEL}/predictions", {"input": {"prompt": "a key"}})
    assert call(relay, "GET", f"/v1/predictions/{text['id']}")[1]["output"] == upstream.tokens("a key")[:2]
    assert call(relay, "GET", f"/v1/predictions/{text['id']}")[1]["output"] == upstream.tokens("a key")

    _, single = call(relay, "POST", f"/v1/models/{upstream.AUDIO_MODEL}/predictions", {"input": {"prompt": "a"}})
    call(relay, "GET", f"/v1/predictions/{single['id']}")
    link = call(relay, "GET", f"/v1/predictions/{single['id']}")[1]["output"]
    assert isinstance(link, str) and link.endswith(".mp3")

    version = "f" * 64
    status, by_version = call(relay, "POST", "/v1/predictions", {"version": version, "input": {"prompt": "a"}})
    assert status == 201 and by_version["version"] == version


def test_cancel_refusals_and_authentication(relay: RelayServer) -> None:
    _, created = call(relay, "POST", "/v1/models/a/b/predictions", {"input": {"prompt": "x", "num_outputs": 2}})
    status, cancelled = call(relay, "POST", f"/v1/predictions/{created['id']}/cancel")
    assert (status, cancelled["status"]) == (200, "canceled")
    assert call(relay, "GET", f"/v1/predictions/{created['id']}")[1]["status"] == "canceled"
    assert upstream.prediction(relay, created["id"])["reads"] == 1

    status, refused = call(relay, "POST", "/v1/models/a/b/predictions", {"input": {"prompt": " "}})
    assert status == 422 and set(refused) == {"title", "detail", "status"} and "prompt" in refused["detail"]
    assert call(relay, "POST", "/v1/predictions", {"version": "nope", "input": {"prompt": "x"}})[0] == 422
    for bad in ({"aspect_ratio": "7:1"}, {"image": "x"}, {"num_outputs": 5}):
        assert call(relay, "POST", "/v1/models/a/b/predictions", {"input": {"prompt": "x", **bad}})[0] == 422
    assert call(relay, "GET", "/v1/predictions/rp-999") == (404, {"detail": "Not found."})
    assert call(relay, "GET", "/v1/predictions/rp-1", key=None)[0] == 401
