"""Metadata calls (model list, balance) against a relay that never answers end within a short
deadline, retries included, with one sentence; chat and generation keep their long read timeout."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from studio.api import errors as e
from studio.api.client import RelayClient, Timeouts
from tests.conftest import FAST_RETRY, KEY
from tests.relay import RelayServer


class BlackHole:
    """Accepts TCP connections on 127.0.0.1, reads what arrives, never answers."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.connections: list[socket.socket] = []
        self._stopped = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            self.connections.append(conn)
            threading.Thread(target=self._drain, args=(conn,), daemon=True).start()

    @staticmethod
    def _drain(conn: socket.socket) -> None:
        try:
            while conn.recv(65536):
                pass
        except OSError:
            pass

    def close(self) -> None:
        self._stopped.set()
        self._listener.close()
        for conn in self.connections:
            conn.close()


@pytest.fixture
def black_hole() -> Iterator[BlackHole]:
    hole = BlackHole()
    yield hole
    hole.close()


def _run(base_url: str, call: str, *, metadata: float, headers: dict[str, str] | None = None) -> object:
    async def go() -> object:
        async with RelayClient(base_url, KEY, headers=headers, retry=FAST_RETRY,
                               timeouts=Timeouts(metadata=metadata)) as client:
            return await (client.models.list() if call == "models" else client.billing.balance())

    return asyncio.run(go())


@pytest.mark.parametrize("call", ["models", "balance"])
def test_a_relay_that_never_answers_is_given_up_on_after_the_metadata_deadline(black_hole: BlackHole,
                                                                               call: str) -> None:
    started = time.monotonic()
    with pytest.raises(e.RelayTimeout) as err:
        _run(black_hole.url, call, metadata=1.0)
    assert time.monotonic() - started < 3
    host = black_hole.url.removeprefix("http://")
    assert str(err.value) == f"The relay at {host} did not answer within 1 s."
    assert (err.value.reason, err.value.seconds) == ("deadline", 1.0)


def test_a_retry_that_would_overrun_the_deadline_is_not_waited_for(relay: RelayServer) -> None:
    started = time.monotonic()
    with pytest.raises(e.RateLimited):  # Retry-After: 1 would overrun a 0.5 s deadline: the relay's answer
        _run(relay.url, "models", metadata=0.5, headers={"X-Test-Case": "ratelimit"})
    assert time.monotonic() - started < 0.5
    assert relay.hits("/v1/models") == 1


def test_metadata_calls_that_answer_in_time_are_unchanged(relay: RelayServer) -> None:
    models = _run(relay.url, "models", metadata=5.0)
    assert isinstance(models, list) and "gpt-4o" in [m.id for m in models]
    assert _run(relay.url, "models", metadata=5.0, headers={"X-Test-Case": "ratelimit-once"})
    assert relay.hits("/v1/models") == 3  # a retry that fits in the deadline still happens
