"""The sentences for connection-level failures: `transport_error` (any request; `RelayClient` raises it)
and `stream_failure` (a streamed reply that broke midway; both chat dialects raise it). Nothing here
sends a request and the client is imported only for type checking, so `chat.py` and `claude.py` use
these without importing `client.py` at run time (`client.py` imports this module, and the two dialects
lazily, as its resources).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

from studio.api.errors import ApiError, NetworkError, RelayTimeout, StreamInterrupted

if TYPE_CHECKING:
    from studio.api.client import RelayClient, Timeouts


def transport_error(exc: httpx.TransportError, host: str, timeouts: Timeouts) -> NetworkError:
    """One sentence for a connection-level failure."""
    if isinstance(exc, httpx.ConnectTimeout):
        return RelayTimeout(f"Connecting to the relay at {host} timed out after {timeouts.connect:g} s.",
                            host=host, reason="connect-timeout", seconds=timeouts.connect)
    if isinstance(exc, httpx.ReadTimeout):
        return RelayTimeout(
            f"The relay at {host} sent nothing for {timeouts.read:g} s; it may be overloaded "
            "(the wait can be raised with the chat.read_timeout setting).",
            host=host, reason="read-timeout", seconds=timeouts.read,
        )
    if isinstance(exc, httpx.TimeoutException):
        return RelayTimeout(f"The connection to the relay at {host} timed out.", host=host, reason="timeout")
    if isinstance(exc, httpx.ProxyError):
        return NetworkError(f"The proxy refused the connection to {host}.", host=host, reason="proxy")
    if isinstance(exc, httpx.ConnectError):
        reason = str(exc).lower()
        if "name or service not known" in reason or "nodename" in reason or "getaddrinfo" in reason:
            return NetworkError(f"The relay's host name {host} cannot be resolved; check the base URL.",
                                host=host, reason="dns")
        if "certificate" in reason or "ssl" in reason:
            return NetworkError(f"The TLS certificate of {host} could not be verified.", host=host, reason="tls")
        return NetworkError(f"Cannot reach the relay at {host}; it refused the connection or is down.",
                            host=host, reason="refused")
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError)):
        return NetworkError(f"The connection to the relay at {host} broke before the answer was complete.",
                            host=host, reason="broken")
    return NetworkError(f"The connection to the relay at {host} failed ({type(exc).__name__}).", host=host)


def stream_failure(exc: httpx.TransportError, client: RelayClient) -> ApiError:
    """The sentence for a connection that broke in the middle of a streamed reply."""
    if isinstance(exc, httpx.TimeoutException):
        return transport_error(exc, client.host, client.timeouts)
    return StreamInterrupted("The relay cut the reply off before it finished; what arrived was kept.")
