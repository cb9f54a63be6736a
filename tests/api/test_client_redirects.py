"""A redirect to another origin carries no credential: not the key, not a profile's own headers."""

from __future__ import annotations

import asyncio

import pytest

from studio.api import errors as e
from studio.api.client import RelayClient
from tests.conftest import FAST_RETRY, KEY
from tests.relay import RelayServer

PROFILE_HEADERS = {"x-api-key": "hdr-secret-1", "X-Relay-Token": "hdr-secret-2"}
PATH = "/v1/dashboard/billing/subscription"  # a route where only Authorization carries the key
CREDENTIALS = ("authorization", "x-api-key", "api-key", "x-relay-token")


def get_billing(relay: RelayServer, case: str) -> object:
    async def go() -> object:
        async with RelayClient(f"{relay.url}/case/{case}", KEY, headers=PROFILE_HEADERS,
                               retry=FAST_RETRY) as client:
            return await client.get_json(PATH, headers={"api-key": "hdr-secret-3"})

    return asyncio.run(go())


def test_a_redirect_to_another_origin_drops_every_credential_header(relay: RelayServer) -> None:
    with pytest.raises(e.AuthError):  # the other origin got no key, so it refused
        get_billing(relay, "redirect-away")
    first, second = relay.requests[-2:]
    assert first.headers["host"] == f"127.0.0.1:{relay.port}"
    assert all(name in first.headers for name in CREDENTIALS)
    assert second.headers["host"] == f"localhost:{relay.port}" and second.path == PATH
    assert [name for name in CREDENTIALS if name in second.headers] == []
    assert not any("secret" in value or KEY in value for value in second.headers.values())


def test_a_redirect_within_the_relay_keeps_the_key(relay: RelayServer) -> None:
    assert get_billing(relay, "redirect-here")
    second = relay.requests[-1]
    assert second.headers["host"] == f"127.0.0.1:{relay.port}"
    assert second.headers["authorization"] == f"Bearer {KEY}"
    assert second.headers["x-relay-token"] == "hdr-secret-2"


@pytest.mark.parametrize(("url", "kept"), [
    ("http://relay.example/v1/models", True),
    ("https://relay.example/v1/models", True),  # the usual http -> https upgrade of the same host
    ("http://relay.example:8080/v1/models", False),
    ("https://cdn.example/v1/models", False),
    ("http://sub.relay.example/v1/models", False),
])
def test_what_counts_as_the_relays_origin(url: str, kept: bool) -> None:
    client = RelayClient("http://relay.example", KEY, headers=PROFILE_HEADERS)
    request = client.http.build_request("GET", url, headers={"api-key": "hdr-secret-3"})
    asyncio.run(client._keep_credentials_home(request))
    assert [name for name in CREDENTIALS if name in request.headers] == (list(CREDENTIALS) if kept else [])
    assert request.headers["user-agent"].startswith("RelayStudio/")


@pytest.mark.parametrize(("url", "home"), [
    ("http://relay.example/v1/videos/v1/content", True),
    ("https://relay.example/files/a.mp4", True),
    ("http://relay.example:8080/files/a.mp4", False),
    ("https://cdn.example/files/a.mp4", False),
    ("relay:/v1/videos/v1/content", False),
    ("not a link", False),
])
def test_a_result_link_is_home_only_on_the_relays_origin(url: str, home: bool) -> None:
    assert RelayClient("http://relay.example/veo", KEY).is_home(url) is home


def test_the_key_is_sealed_in_a_link_and_put_back_only_on_the_relays_origin() -> None:
    client = RelayClient("https://relay.example", "sk-a/b+c")
    link = "https://relay.example/files/a.png?key=sk-a%2Fb%2Bc&alt=sk-a/b+c"
    sealed = client.seal(link)
    assert "sk-a" not in sealed
    assert client.unseal(sealed) == link
    away = client.seal("https://evil.example/x.png?key=sk-a%2Fb%2Bc")
    assert client.unseal(away) == away and "sk-a" not in away  # a link elsewhere never gets the key


@pytest.mark.parametrize("mark", ["{relay-studio:key}", "{relay-studio:key:quoted}", "{relay-studio:key:plus}"])
def test_a_mark_already_in_the_relays_text_is_never_taken_for_the_key(mark: str) -> None:
    client = RelayClient("https://relay.example", "sk-secret")
    for host in ("relay.example", "evil.example"):  # a model can write a mark into its reply
        sealed = client.seal(f"https://{host}/x.png?t={mark}")
        assert "sk-secret" not in client.unseal(sealed)
        assert "relay-studio:key" in client.unseal(sealed)  # kept, harmless, as text
