"""asyncio imported without OpenSSL at the window's start (studio/lazy_tls.py): `ssl` stays unloaded until
something imports it, and then asyncio's own TLS works — a TLS connection attempt reaches the handshake
instead of failing on a missing module."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

SCRIPT = r"""
import sys
from studio.lazy_tls import import_asyncio
import_asyncio()
import asyncio
import studio.app  # what the window imports before its first frame
print("ssl loaded at start:", "ssl" in sys.modules, asyncio.base_events.ssl)
import httpx  # the first relay client
import ssl
print("handed over:", all(m.ssl is ssl for m in (asyncio.base_events, asyncio.selector_events, asyncio.sslproto)))

async def main():
    async def refuse(reader, writer):
        writer.close()
    server = await asyncio.start_server(refuse, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        await asyncio.open_connection("127.0.0.1", port, ssl=ssl.create_default_context())
    except (ssl.SSLError, ConnectionError, OSError) as exc:
        print("handshake reached:", type(exc).__name__)
    server.close()

asyncio.run(main())
"""


def test_openssl_loads_with_the_first_tls_user_and_asyncio_gets_it() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert lines[0] == "ssl loaded at start: False None", result.stdout
    assert lines[1] == "handed over: True", result.stdout
    assert lines[2].startswith("handshake reached:"), result.stdout
