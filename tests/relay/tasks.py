"""Per-server stores of remote tasks for the test server's task families (Kling images, Replicate
predictions): each `RelayServer` has its own, made on first use and gone with the server."""

from __future__ import annotations

import itertools
import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from .server import RelayServer

T = TypeVar("T")


@dataclass
class TaskStore(Generic[T]):
    """The tasks of one family on one server, by id; `ids` numbers new ones; hold `lock` to touch them."""

    tasks: dict[str, T] = field(default_factory=dict)
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    lock: threading.Lock = field(default_factory=threading.Lock)


class TaskStores(Generic[T]):
    """One `TaskStore` per relay test server."""

    def __init__(self) -> None:
        self._stores: weakref.WeakKeyDictionary[RelayServer, TaskStore[T]] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def of(self, relay: RelayServer) -> TaskStore[T]:
        with self._lock:
            store = self._stores.get(relay)
            if store is None:
                store = self._stores[relay] = TaskStore()
            return store
