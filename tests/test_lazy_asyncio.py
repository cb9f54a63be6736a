"""asyncio made lazy at the window's start (studio/lazy_asyncio.py): it is not loaded until the first frame has
been painted, it loads without OpenSSL, `ssl` stays unloaded until something imports it, and then asyncio's
own TLS works — OpenSSL reads a (refused) handshake instead of the connection failing on a missing name."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

TLS = r"""
import sys
from studio import lazy_asyncio
lazy_asyncio.install()
import asyncio
import studio.app  # what the window imports before its first frame
print("loaded at import:", lazy_asyncio.loaded())
asyncio.get_event_loop_policy()  # the first use of one of its names
print("ssl loaded with asyncio:", "ssl" in sys.modules, asyncio.base_events.ssl)
import httpx  # the first relay client
import ssl
print("handed over:", all(m.ssl is ssl for m in (asyncio.base_events, asyncio.selector_events, asyncio.sslproto)))

async def main():
    async def not_tls(reader, writer):  # answers the client's TLS hello with plain text
        writer.write(b"HTTP/1.1 400 Bad Request\r\n\r\n" * 64)
        await writer.drain()
        writer.close()
    server = await asyncio.start_server(not_tls, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        await asyncio.open_connection("127.0.0.1", port, ssl=ssl.create_default_context(), server_hostname="x")
    except ssl.SSLError as exc:  # OpenSSL read the answer and refused it: asyncio's TLS machinery ran
        print("handshake reached:", type(exc).__name__)
    server.close()
    await server.wait_closed()

asyncio.run(main())
"""

#: the real start (`relay-studio`): at the first paint asyncio is still the lazy stand-in and the cyclic collector
#: is on again (with the window's objects frozen); the view-models start right after on the qasync loop and the
#: chat's model list arrives
WINDOW = r"""
import gc, sys
from studio import lazy_asyncio
lazy_asyncio.install()  # as gui_main does first (there it is a no-op then): studio.app is imported to be watched
import studio.app as app
from PySide6.QtCore import QEvent, QObject, Qt, QTimer

seen = {}
build = app.build_gui
def build_gui(*args, **kwargs):
    gui = build(*args, **kwargs)
    class Watch(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and "first paint" not in seen:
                seen["first paint"] = lazy_asyncio.loaded()
                seen["collector"] = gc.isenabled() and gc.get_freeze_count() > 0
            return False
    gui.window._watch = Watch(gui.window)
    gui.window.installEventFilter(gui.window._watch)
    if "minimized" in sys.argv:  # a desktop shortcut set to start minimized: no paint until it is restored
        gui.window.setWindowState(Qt.WindowState.WindowMinimized)
    def check():
        if gui.window.chat_tab.model_picker.count():
            seen["models"] = True
            gui.app.quit()
        else:
            QTimer.singleShot(20, check)
    QTimer.singleShot(20, check)
    QTimer.singleShot(10000, gui.app.quit)
    return gui
app.build_gui = build_gui
from studio.cli import gui_main
sys.argv = ["relay-studio"]
code = gui_main()
print("asyncio loaded at the first paint:", seen.get("first paint"), "models:", seen.get("models"), "exit", code)
print("collector on, the window's objects frozen:", seen.get("collector"))
"""


def test_openssl_loads_with_the_first_tls_user_and_asyncio_gets_it() -> None:
    result = subprocess.run([sys.executable, "-c", TLS], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert lines[0] == "loaded at import: False", result.stdout
    assert lines[1] == "ssl loaded with asyncio: False None", result.stdout
    assert lines[2] == "handed over: True", result.stdout
    assert lines[3].startswith("handshake reached: SSL"), result.stdout
    assert "NameError" not in result.stderr and "Traceback" not in result.stderr, result.stderr[-2000:]


def test_the_first_frame_comes_before_asyncio_and_the_loop_runs_after(cli_env: dict[str, str], relay) -> None:  # type: ignore[no-untyped-def]
    setup = subprocess.run([sys.executable, "-m", "studio", "profile", "add", "local", "--base-url", relay.url,
                            "--key-env", "RELAY_KEY"], env=cli_env, cwd=ROOT, capture_output=True, text=True)
    assert setup.returncode == 0, setup.stderr
    env = {**cli_env, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", WINDOW], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "asyncio loaded at the first paint: False models: True exit 0" in result.stdout, result.stdout
    assert "collector on, the window's objects frozen: True" in result.stdout, result.stdout


def test_a_window_started_minimized_still_starts_its_view_models(cli_env: dict[str, str], relay) -> None:  # type: ignore[no-untyped-def]
    setup = subprocess.run([sys.executable, "-m", "studio", "profile", "add", "local", "--base-url", relay.url,
                            "--key-env", "RELAY_KEY"], env=cli_env, cwd=ROOT, capture_output=True, text=True)
    assert setup.returncode == 0, setup.stderr
    env = {**cli_env, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", WINDOW, "minimized"], env=env, cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "models: True exit 0" in result.stdout, result.stdout
