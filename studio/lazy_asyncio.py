"""asyncio loaded after the window's first frame, and without OpenSSL until something needs TLS.

Nothing in the first frame needs an event loop: the window is built and painted by Qt alone, and the qasync
loop starts right after (`studio.app.Gui.run`). But the view-models' modules say `import asyncio` at the top,
and loading asyncio costs ~30 ms of the ~250 ms to the first frame. `install` puts asyncio's module object in
`sys.modules` before its code has run: every `import asyncio` gets it at once, and its code runs on the first
use of one of its names — after the first frame.

When it loads, `ssl` is hidden from it: asyncio imports `ssl` (OpenSSL's libraries, ~5 MB resident and
~10 ms) for TLS it may never do, since the window starts from the relays' saved answers
(studio/services/relay_cache.py) and needs no network until the first request. asyncio then holds
`ssl = None`, as on a Python built without it, and is handed the real module the moment anything imports
`ssl` (httpx does, with the first relay client): from then on asyncio's TLS works as usual.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:  # at run time the loader and the finder are plain classes: importlib.abc imports ~20 modules
    import importlib.abc
    import importlib.machinery

#: the asyncio modules that keep `ssl` as a global used at run time (`try: import ssl / except ImportError:
#: ssl = None`); `asyncio.sslproto` also defines names from it when it runs, so it runs again (`_hand_over`)
_HOLDERS = ("asyncio.base_events", "asyncio.selector_events")


def install() -> None:
    """Make asyncio load on first use, without `ssl` (nothing happens when either is imported already)."""
    if "asyncio" in sys.modules or "ssl" in sys.modules:
        return
    spec = importlib.util.find_spec("asyncio")
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    module.__class__ = _Deferred
    sys.modules["asyncio"] = module


def loaded() -> bool:
    """Whether asyncio itself has been loaded (not only its stand-in)."""
    return "asyncio.events" in sys.modules


#: the dunder names that need asyncio's code to have run; any other (`__spec__`, which `import asyncio` reads,
#: `__file__` and `__wrapped__`, which PySide's import hook reads of every module) is read without running it.
#: Not `__path__`: an `import asyncio.events` read first reads it after deciding to load `asyncio.events`, so
#: running asyncio's code then would load that submodule twice; it loads alone, and asyncio's code later finds it.
_NEEDS_CODE = frozenset({"__all__", "__getattr__", "__dir__"})


class _Deferred(ModuleType):
    """asyncio's module object before its code has run: the first other name read runs it, in this object's
    own namespace (as importlib's `LazyLoader` does, which also runs it for the `__spec__` that `import` reads).
    That first read is the UI thread's (`studio.app.Gui.loop`): no worker uses asyncio before the loop exists."""

    def __getattribute__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__") and name not in _NEEDS_CODE:
            return object.__getattribute__(self, name)
        _load(self)
        return getattr(self, name)


def _load(module: ModuleType) -> None:
    module.__class__ = ModuleType  # from now on an ordinary module, also while its code runs
    spec = module.__spec__
    assert spec is not None and spec.loader is not None
    if "ssl" in sys.modules:  # imported meanwhile: asyncio takes it as usual
        spec.loader.exec_module(module)
        return
    sys.modules["ssl"] = None  # type: ignore[assignment]  # import ssl -> ImportError, which asyncio expects
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["ssl"]
    sys.meta_path.insert(0, _SslWatcher())


def _hand_over(ssl: ModuleType) -> None:
    for name in _HOLDERS:
        holder = sys.modules.get(name)
        if holder is not None and getattr(holder, "ssl", False) is None:
            holder.ssl = ssl  # type: ignore[attr-defined]
    sslproto = sys.modules.get("asyncio.sslproto")
    if sslproto is not None and getattr(sslproto, "ssl", False) is None:
        # its code defines names only `if ssl is not None` (SSLAgainErrors): run it again, now with `ssl`; its
        # users reach its classes through the module, and none of them exists before the first TLS connection
        importlib.reload(sslproto)


class _HandingOver:
    """The real loader of `ssl`, then the module handed to asyncio."""

    def __init__(self, inner: importlib.abc.Loader) -> None:
        self._inner = inner

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._inner.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._inner.exec_module(module)
        _hand_over(module)


class _SslWatcher:
    """Finds `ssl` the usual way (once) and loads it through `_HandingOver`."""

    def find_spec(self, fullname: str, path: Any = None, target: ModuleType | None = None) \
            -> importlib.machinery.ModuleSpec | None:
        if fullname != "ssl":
            return None
        sys.meta_path.remove(self)
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec: importlib.machinery.ModuleSpec | None = find(fullname, path, target) if find is not None else None
            if spec is not None and spec.loader is not None:
                spec.loader = cast("importlib.abc.Loader", _HandingOver(spec.loader))
                return spec
        return None
