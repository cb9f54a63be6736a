"""One `RelayClient` per profile, built on first use and kept for the life of the process.

The HTTP stack (httpx, its TLS set-up, ~15 MB) is imported with the first client, not with the pool: a
window that starts from the relays' saved answers (`relay_cache.py`) has no use for it yet."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studio.api.client import RelayClient, RetryPolicy
    from studio.services.profiles import ProfileService
    from studio.storage.profiles import Profile
    from studio.storage.settings import Settings


class ClientPool:
    """Thread-safe: the GUI calls `client_for` from worker threads (it may read the keyring)."""

    def __init__(self, profiles: ProfileService, settings: Settings,
                 retry: RetryPolicy | None = None) -> None:
        self._profiles = profiles
        self._settings = settings
        self._retry = retry
        self._clients: dict[str, tuple[Profile, RelayClient]] = {}
        self._retired: list[RelayClient] = []  # replaced after a profile edit; closed by aclose()
        self._lock = threading.Lock()

    def client_for(self, profile: Profile) -> RelayClient:
        with self._lock:
            return self._client_for(profile)

    def _client_for(self, profile: Profile) -> RelayClient:
        cached = self._clients.get(profile.name)
        if cached is not None and cached[0] == profile:
            return cached[1]
        if cached is not None:
            self._retired.append(cached[1])
        from studio.api.client import RelayClient, Timeouts

        timeouts = Timeouts(
            connect=self._settings.get_float("net.connect_timeout"),
            read=self._settings.get_float("chat.read_timeout"),
        )
        client = RelayClient(
            profile.base_url,
            self._profiles.api_key(profile),
            headers=self._profiles.custom_headers(profile),
            proxy=profile.proxy,
            timeouts=timeouts,
            retry=self._retry,
            redact=self._profiles.secrets.redactor.redact,
        )
        self._clients[profile.name] = (profile, client)
        return client

    async def forget(self, name: str) -> None:
        """Close and drop the client of profile `name` (its key or name changed)."""
        with self._lock:
            cached = self._clients.pop(name, None)
        if cached is not None:
            await cached[1].aclose()

    async def aclose(self) -> None:
        with self._lock:
            clients = [c for _, c in self._clients.values()] + self._retired
            self._clients.clear()
            self._retired = []
        for client in clients:
            await client.aclose()
