"""Base URL normalisation: whatever users paste, requests never hit /v1/v1/..."""

import pytest

from studio.api.baseurl import normalise_base_url
from studio.errors import InputError


@pytest.mark.parametrize(
    ("pasted", "root"),
    [
        ("https://relay.example", "https://relay.example"),
        ("https://relay.example/", "https://relay.example"),
        ("https://relay.example/v1", "https://relay.example"),
        ("https://relay.example/v1/", "https://relay.example"),
        ("https://relay.example/v1/chat/completions", "https://relay.example"),
        ("https://relay.example/v1/models?x=1#top", "https://relay.example"),
        ("  https://Relay.Example:8443/v1//  ", "https://relay.example:8443"),
        ("relay.example/v1", "https://relay.example"),
        ("http://127.0.0.1:3000/v1/", "http://127.0.0.1:3000"),
        ("https://relay.example/openai/v1/chat/completions", "https://relay.example/openai"),
        ("https://relay.example/veo/v1", "https://relay.example/veo"),
        ("https://relay.example/api/proxy", "https://relay.example/api/proxy"),
        ("https://user:pw@relay.example/v1", "https://relay.example"),
        ("https://relay.example/v1/v1/chat/completions", "https://relay.example"),
        ("localhost:3000/v1", "https://localhost:3000"),
        ("http://[::1]:8080/v1", "http://[::1]:8080"),
        ("http://[::1]/v1", "http://[::1]"),
        ("http://relay.example:/v1", "http://relay.example"),
        ("https://relay.example:65535", "https://relay.example:65535"),
        ("https://中转站.example/v1", "https://中转站.example"),
        ("http://my_relay.internal:8080", "http://my_relay.internal:8080"),
    ],
)
def test_normalises_to_relay_root(pasted: str, root: str) -> None:
    assert normalise_base_url(pasted) == root


@pytest.mark.parametrize("bad", [
    "", "   ", "ftp://relay.example", "https://", "ftp://x", "not a url", "http://host:99999", "http://host:0",
    "http://host:port", "javascript:alert(1)", "mailto:me@relay.example", "http://[::1", "http://[not-ipv6]/v1",
    "http://relay example/v1", "http://relay..example", "http://<script>/", "file:///etc/passwd", "https:relay.example",
])
def test_rejects_unusable_urls_with_one_sentence(bad: str) -> None:
    with pytest.raises(InputError) as err:
        normalise_base_url(bad)
    assert str(err.value).endswith(".")
    assert "\n" not in str(err.value)
