"""The GUI composition root: QApplication, the qasync loop, the translator, the core and the
view-models, wired once and handed to the main window.

Non-Qt modules are imported before PySide6 where start-up needs them (PySide6 replaces
`__import__`, which makes later imports slower); everything heavy is imported after the first frame.
"""

from __future__ import annotations

import asyncio
import sys

from studio.services.core import StudioCore  # before PySide6: see the module docstring


def create_event_loop(app: object) -> asyncio.AbstractEventLoop:
    """A qasync loop for `app`, with the async-generator hooks asyncio's own loops install.

    qasync's `run_forever` does not install them, so an async generator left by `break` or
    cancellation (an SSE stream) would be finalised by the garbage collector with an `aclose()`
    coroutine nobody awaits; with the hooks the loop schedules it properly.

    Blocking work (`asyncio.to_thread`: SQLite, file checks, decoding) runs on a plain thread pool
    rather than qasync's QThread executor, whose threads abort the process if Qt outlives them.
    """
    from concurrent.futures import ThreadPoolExecutor

    import qasync

    loop = qasync.QEventLoop(app, already_running=False)
    loop.set_default_executor(ThreadPoolExecutor(max_workers=4, thread_name_prefix="studio-io"))
    asyncio.set_event_loop(loop)
    sys.set_asyncgen_hooks(firstiter=loop._asyncgen_firstiter_hook,  # type: ignore[attr-defined]
                           finalizer=loop._asyncgen_finalizer_hook)  # type: ignore[attr-defined]
    return loop


def main(argv: list[str] | None = None) -> int:
    """Start the studio window; returns the process exit code."""
    raise NotImplementedError  # replaced below once the window exists
