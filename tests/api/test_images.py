"""OpenAI-format image generation against the relay test server (docs/PROTOCOLS.md#images)."""

from __future__ import annotations

import asyncio

import pytest

from studio.api.client import RelayClient
from studio.api.errors import BadResponse, NotImplementedByRelay
from studio.api.images import ImageResult, parse_image_results
from tests.conftest import FAST_RETRY, KEY
from tests.relay import RelayServer

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def generate(relay: RelayServer, case: str | None = None, **kw):  # type: ignore[no-untyped-def]
    async def go():  # type: ignore[no-untyped-def]
        headers = {"X-Test-Case": case} if case else None
        async with RelayClient(relay.url, KEY, headers=headers, retry=FAST_RETRY) as c:
            return await c.images.generate(**kw)

    return asyncio.run(go())


def test_url_result(relay: RelayServer) -> None:
    (result,) = generate(relay, model="dall-e-3", prompt="cat", response_format="url")
    assert result.url and result.url.startswith(relay.url) and result.url.endswith(".png")
    assert result.revised_prompt == "a cat"


@pytest.mark.parametrize("case", [None, "bare-b64"])
def test_b64_with_and_without_data_uri_prefix(relay: RelayServer, case: str | None) -> None:
    (result,) = generate(relay, case, model="gpt-image-1", prompt="cat")
    assert result.url is None
    assert result.decode().startswith(PNG_SIGNATURE)


def test_shapes_relays_use() -> None:
    results = parse_image_results({"data": [{"url": {"url": "http://x/1.png"}, "b64_json": ""},
                                            {"url": "", "b64_json": "data:image/png;base64,iVBORw0KGgo="},
                                            "http://x/3.png"]})
    assert [r.url for r in results] == ["http://x/1.png", None, "http://x/3.png"]
    assert results[1].decode().startswith(PNG_SIGNATURE)
    with pytest.raises(BadResponse):
        parse_image_results({"data": []})
    with pytest.raises(BadResponse):
        ImageResult(b64="***not base64***").decode() and ImageResult().decode()


def test_variations_not_implemented_is_one_sentence(relay: RelayServer) -> None:
    async def go() -> None:
        async with RelayClient(relay.url, KEY, retry=FAST_RETRY) as c:
            await c.post_json("/v1/images/variations", {"model": "dall-e-2"})

    with pytest.raises(NotImplementedByRelay, match="does not implement"):
        asyncio.run(go())
