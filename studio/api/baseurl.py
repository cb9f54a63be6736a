"""Base URL normalisation, so `/v1/v1/...` can never happen.

Users paste what their relay's dashboard shows: `https://relay.example/`, `https://relay.example/v1`,
or a whole endpoint such as `https://relay.example/v1/chat/completions`. All of those become the relay
root `https://relay.example`; every family then appends its own `/v1/...` path. A path prefix before
`/v1` is kept, because some relays serve everything under `/{platform}/v1/...` (docs/PROTOCOLS.md#base-url).
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit, urlunsplit

from studio.errors import InputError

_V1_SEGMENT = re.compile(r"(?:^|/)v1(?:/|$)")
_SLASHES = re.compile(r"/{2,}")
#: `javascript:…`, `mailto:…`: a scheme without `//` (but not `localhost:3000`, a host and a port)
_BARE_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(?!\d)")
#: one label of a host name: letters (any script), digits, '-' and '_'
_LABEL = re.compile(r"^[\w-]+$")


def normalise_base_url(url: str) -> str:
    """Return the relay root for a pasted URL, or raise `InputError` with one sentence.

    Only http(s) URLs with a host name (or IP address) and, when given, a port from 1 to 65535 pass."""
    text = url.strip()
    if not text:
        raise InputError("The base URL is empty.")
    if "://" not in text:
        bare = _BARE_SCHEME.match(text)
        if bare and bare.group(1).lower() not in ("http", "https"):
            raise InputError(f"The base URL must start with http:// or https://, not {bare.group(1)}:.")
        if not bare:
            text = "https://" + text
    shown = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:  # "http://[::1": an unclosed or invalid bracketed address
        raise InputError(f"The base URL {shown!r} is not a valid web address.") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(f"The base URL must start with http:// or https://, not {parts.scheme}://.")
    host = parts.hostname
    if not host:
        raise InputError(f"The base URL {shown!r} has no host name.")
    try:
        port = parts.port  # ValueError: "host:99999", "host:port"
    except ValueError:
        port = 0
    if port == 0:
        raise InputError(f"The base URL {shown!r} has an invalid port; a port is a number from 1 to 65535.")
    if not _valid_host(host, bracketed=parts.netloc.rsplit("@", 1)[-1].startswith("[")):
        raise InputError(f"The base URL {shown!r} has an invalid host name.")
    path = _SLASHES.sub("/", parts.path).rstrip("/")
    match = _V1_SEGMENT.search(path)
    if match:
        path = path[: match.start()]
    # credentials do not belong in a stored URL; an empty port ("host:") is dropped
    netloc = (f"[{host}]" if ":" in host else host) + (f":{port}" if port else "")
    return urlunsplit((scheme, netloc, path, "", ""))


def _valid_host(host: str, *, bracketed: bool) -> bool:
    if bracketed:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return True
    name = host[:-1] if host.endswith(".") else host  # "relay.example." is fully qualified
    return all(_LABEL.match(label) for label in name.split("."))
