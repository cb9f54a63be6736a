"""Ideogram's protocol (docs/PROTOCOLS.md#ideogram): sizes to aspect ratios, model codes, answer shapes,
and the key in both headers, against the relay test server."""

from __future__ import annotations

import asyncio
import http.client
import json
from typing import Any

import pytest

from studio.api import errors as e
from studio.api.client import RelayClient
from studio.api.ideogram import (
    Ideogram,
    ImageRefused,
    ImageRequest,
    aspect_ratio,
    model_code,
    parse_descriptions,
    parse_images,
)
from studio.errors import InputError
from tests.conftest import FAST_RETRY, KEY
from tests.relay import RelayServer


@pytest.mark.parametrize(("size", "aspect"), [
    (None, "ASPECT_1_1"), ("auto", "ASPECT_1_1"), ("1024x1024", "ASPECT_1_1"), ("1792x1024", "ASPECT_16_9"),
    ("1024x1792", "ASPECT_9_16"), ("1536x1024", "ASPECT_3_2"), ("1024x1536", "ASPECT_2_3"),
    ("1280x800", "ASPECT_16_10"), ("1024x768", "ASPECT_4_3"), ("3000x1000", "ASPECT_3_1"), ("100x4000", "ASPECT_1_3"),
])
def test_a_size_becomes_the_nearest_aspect_ratio(size: str | None, aspect: str) -> None:
    assert aspect_ratio(size) == aspect


def test_a_size_that_is_not_one_is_a_sentence() -> None:
    with pytest.raises(InputError, match="not a size"):
        aspect_ratio("0x10")


@pytest.mark.parametrize(("model", "code"), [
    ("ideogram-v2", "V_2"), ("ideogram-v2-turbo", "V_2_TURBO"), ("ideogram_v2a", "V_2A"),
    ("ideogram-v2a-turbo", "V_2A_TURBO"), ("ideogram-v1", "V_1"), ("V_2_TURBO", "V_2_TURBO"), ("ideogram", "V_2"),
])
def test_model_codes(model: str, code: str) -> None:
    assert model_code(model) == code


def test_answer_shapes() -> None:
    answer = parse_images({"created": "2024-08-01T00:00:00Z", "data": [
        {"url": "http://x/1.png", "is_image_safe": True, "seed": "7", "resolution": "1024x1024"},
        {"url": None, "is_image_safe": "false"},  # withheld
        {"url": "", "is_image_safe": True},  # nothing to fetch
        "junk",
    ]})
    assert [i.url for i in answer.images] == ["http://x/1.png"] and answer.images[0].seed == 7
    assert answer.withheld == 1
    with pytest.raises(ImageRefused, match="all 2 images as unsafe"):
        parse_images({"data": [{"is_image_safe": False}, {"is_image_safe": False, "url": "http://x/2.png"}]})
    for bad in ({"data": []}, {"created": "x"}, [], {"data": [{"url": ""}]}):
        with pytest.raises(e.BadResponse):
            parse_images(bad)
    assert parse_descriptions({"descriptions": [{"text": " a cat "}, {"text": None}, "a dog"]}) == ["a cat", "a dog"]
    with pytest.raises(e.BadResponse):
        parse_descriptions({"descriptions": [{"text": ""}]})


def test_the_request_sends_only_what_is_set() -> None:
    assert ImageRequest("x").body() == {"prompt": "x", "aspect_ratio": "ASPECT_1_1", "model": "V_2",
                                        "magic_prompt_option": "AUTO"}
    assert ImageRequest("x", num_images=3, seed=5, image_weight=60).body() == {
        "prompt": "x", "aspect_ratio": "ASPECT_1_1", "model": "V_2", "magic_prompt_option": "AUTO",
        "num_images": 3, "seed": 5, "image_weight": 60}


def call(relay: RelayServer, base: str, body: Any) -> Any:
    async def go() -> Any:
        async with RelayClient(base, KEY, retry=FAST_RETRY) as client:
            return await body(client)

    return asyncio.run(go())


def test_the_key_goes_as_bearer_and_api_key(relay: RelayServer) -> None:
    answer = call(relay, relay.url, lambda c: Ideogram(c).generate(ImageRequest("x")))
    (image,) = answer.images
    assert image.url.startswith(f"{relay.url}/files/") and image.resolution == "1024x1024"
    request = relay.requests[-1]
    assert request.headers["authorization"] == f"Bearer {KEY}" and request.headers["api-key"] == KEY


@pytest.mark.parametrize(("headers", "status"), [
    ({"Api-Key": KEY}, 200), ({"Authorization": f"Bearer {KEY}"}, 200), ({"Api-Key": "sk-wrong"}, 401), ({}, 401),
])
def test_the_test_server_takes_either_header(relay: RelayServer, headers: dict[str, str], status: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", relay.port, timeout=10)
    body = json.dumps({"image_request": {"prompt": "x", "aspect_ratio": "ASPECT_1_1", "model": "V_2",
                                         "magic_prompt_option": "AUTO"}})
    connection.request("POST", "/ideogram/generate", body, {"Content-Type": "application/json", **headers})
    response = connection.getresponse()
    answer = json.loads(response.read())
    connection.close()
    assert response.status == status
    if status == 200:
        assert answer["created"] == "2024-08-01T00:00:00Z" and answer["data"][0]["seed"] == 123


def test_a_redirect_to_another_origin_carries_neither_header(relay: RelayServer) -> None:
    with pytest.raises(e.RelayError):
        call(relay, f"{relay.url}/case/redirect-away", lambda c: Ideogram(c).generate(ImageRequest("x")))
    first, second = relay.requests[-2:]
    assert first.headers["api-key"] == KEY and second.headers["host"] == f"localhost:{relay.port}"
    assert "api-key" not in second.headers and "authorization" not in second.headers


def test_a_request_ideogram_refuses_is_a_bad_request(relay: RelayServer) -> None:
    with pytest.raises(e.BadRequest, match="aspect_ratio must be one of"):
        call(relay, relay.url, lambda c: Ideogram(c).generate(ImageRequest("x", aspect_ratio="ASPECT_5_4")))
