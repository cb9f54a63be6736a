"""Base URL normalisation, so `/v1/v1/...` can never happen.

Users paste what their relay's dashboard shows: `https://relay.example/`, `https://relay.example/v1`,
or a whole endpoint such as `https://relay.example/v1/chat/completions`. All of those become the relay
root `https://relay.example`; every family then appends its own `/v1/...` path. A path prefix before
`/v1` is kept, because some relays serve everything under `/{platform}/v1/...` (seed 002).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from studio.errors import InputError

_V1_SEGMENT = re.compile(r"(?:^|/)v1(?:/|$)")
_SLASHES = re.compile(r"/{2,}")


def normalise_base_url(url: str) -> str:
    """Return the relay root for a pasted URL, or raise `InputError` with one sentence."""
    text = url.strip()
    if not text:
        raise InputError("The base URL is empty.")
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(f"The base URL must start with http:// or https://, not {parts.scheme}://.")
    if not parts.hostname:
        raise InputError(f"The base URL {url.strip()!r} has no host name.")
    path = _SLASHES.sub("/", parts.path).rstrip("/")
    match = _V1_SEGMENT.search(path)
    if match:
        path = path[: match.start()]
    netloc = parts.netloc.rsplit("@", 1)[-1]  # credentials do not belong in a stored URL
    host, sep, port = netloc.partition(":") if not netloc.startswith("[") else (netloc, "", "")
    netloc = host.lower() + (sep + port if sep else "")
    return urlunsplit((scheme, netloc, path, "", ""))
