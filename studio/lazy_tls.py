"""asyncio without OpenSSL until something needs TLS.

`import asyncio` imports `ssl` — OpenSSL's libraries, ~5 MB resident and ~10 ms — for TLS it may never do:
the window starts from the relays' saved answers (studio/services/relay_cache.py) and needs no network
until the first request. `import_asyncio` imports asyncio with `ssl` hidden, so asyncio holds `ssl = None`
as it does on a Python built without it, and hands asyncio the real module the moment anything imports
`ssl` (httpx does, with the first relay client): from then on asyncio's TLS works as usual.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from types import ModuleType
from typing import Any

#: the asyncio modules that keep `ssl` as a global (`try: import ssl / except ImportError: ssl = None`)
_HOLDERS = ("asyncio.base_events", "asyncio.selector_events", "asyncio.proactor_events", "asyncio.sslproto")


def import_asyncio() -> None:
    """Import asyncio without `ssl` (nothing happens when either is imported already)."""
    if "asyncio" in sys.modules or "ssl" in sys.modules:
        return
    sys.modules["ssl"] = None  # type: ignore[assignment]  # import ssl -> ImportError, which asyncio expects
    try:
        import asyncio  # noqa: F401
    finally:
        del sys.modules["ssl"]
    sys.meta_path.insert(0, _SslWatcher())


def _hand_over(ssl: ModuleType) -> None:
    for name in _HOLDERS:
        holder = sys.modules.get(name)
        if holder is not None and getattr(holder, "ssl", False) is None:
            holder.ssl = ssl  # type: ignore[attr-defined]


class _Loader(importlib.abc.Loader):
    """The real loader of `ssl`, then the module handed to asyncio."""

    def __init__(self, inner: importlib.abc.Loader) -> None:
        self._inner = inner

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._inner.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._inner.exec_module(module)
        _hand_over(module)


class _SslWatcher(importlib.abc.MetaPathFinder):
    """Finds `ssl` the usual way (once) and loads it through `_Loader`."""

    def find_spec(self, fullname: str, path: Any = None, target: ModuleType | None = None) \
            -> importlib.machinery.ModuleSpec | None:
        if fullname != "ssl":
            return None
        sys.meta_path.remove(self)
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec: importlib.machinery.ModuleSpec | None = find(fullname, path, target) if find is not None else None
            if spec is not None and spec.loader is not None:
                spec.loader = _Loader(spec.loader)
                return spec
        return None
