"""What each relay last said about itself — its model list and its balance — kept on disk for a while.

The window's pickers and status bar read them at every start; asking the relay each time made every start
wait on the network (and load the whole HTTP stack, ~15 MB, before anything needed it), and showed empty
pickers whenever the relay was slow or down. A saved answer younger than its `max_age` is used as it is;
an older one, or none, is fetched and saved again. One JSON file, `cache/relays.json` in the data folder,
holds every profile's answers by name; it is written whole (a temporary file renamed over it), so a crash
never leaves half a file; threads take turns, and two processes writing at once lose at most the other's
answer. A file that
does not parse, or an entry another base URL wrote, counts as no answer. Nothing secret is in it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.api.billing import Balance
from studio.api.models import ModelInfo
from studio.ids import random_hex

if TYPE_CHECKING:
    from studio.services.clients import ClientPool
    from studio.storage.profiles import Profile

log = logging.getLogger("studio.cache")

#: seconds a relay's saved model list is used without asking again (models change rarely; Test in the
#: profiles dialog fetches it at once)
MODELS_MAX_AGE = 3600.0
#: seconds a saved balance is shown without asking again (it changes as jobs and chats spend)
BALANCE_MAX_AGE = 600.0


class RelayCache:
    """`core.relay_cache`: the model list and the balance of a profile's relay, from disk when fresh."""

    def __init__(self, folder: Path, clients: ClientPool) -> None:
        self._folder = folder
        self._clients = clients
        self._lock = threading.Lock()  # worker threads read and rewrite the one file (the models of three tabs)

    async def models(self, profile: Profile, *, max_age: float = MODELS_MAX_AGE) -> list[ModelInfo]:
        """The relay's model list: the saved one when younger than `max_age` seconds, else fetched and saved."""
        saved = await self.saved_models(profile, max_age)
        if saved is not None:
            return saved
        client = await asyncio.to_thread(self._clients.client_for, profile)  # may read the keyring
        models = await client.models.list()
        await asyncio.to_thread(self.remember, profile, models=models)
        return models

    async def balance(self, profile: Profile, *, max_age: float = BALANCE_MAX_AGE) -> tuple[Balance, float]:
        """The relay's balance and when it was read (unix seconds): saved when younger than `max_age` s."""
        saved = await asyncio.to_thread(self._read, profile, "balance", max_age)
        balance = _balance(saved[0]) if saved is not None else None
        if saved is not None and balance is not None:
            return balance, saved[1]
        client = await asyncio.to_thread(self._clients.client_for, profile)
        balance = await client.billing.balance()
        await asyncio.to_thread(self.remember, profile, balance=balance)
        return balance, time.time()

    async def saved_models(self, profile: Profile, max_age: float = MODELS_MAX_AGE) -> list[ModelInfo] | None:
        """The saved model list when younger than `max_age` seconds, else None (nothing is fetched)."""
        saved = await asyncio.to_thread(self._read, profile, "models", max_age)
        return _models(saved[0]) if saved is not None else None

    async def saved_balance(self, profile: Profile, max_age: float | None = None) -> Balance | None:
        """The saved balance when younger than `max_age` seconds (`BALANCE_MAX_AGE` when None), else None
        (nothing is fetched)."""
        age = BALANCE_MAX_AGE if max_age is None else max_age
        saved = await asyncio.to_thread(self._read, profile, "balance", age)
        return _balance(saved[0]) if saved is not None else None

    def remember(self, profile: Profile, *, models: list[ModelInfo] | None = None,
                 balance: Balance | None = None) -> None:
        """Save what the relay just said (blocking: call it off the UI thread)."""
        with self._lock:
            self._remember(profile, models, balance)

    def _remember(self, profile: Profile, models: list[ModelInfo] | None, balance: Balance | None) -> None:
        entries = self._entries()
        entry = _entry_for(entries, profile)
        now = time.time()
        if models is not None:
            entry["models"] = {"at": now, "value": [
                {"id": m.id, "owned_by": m.owned_by, "endpoint_types": list(m.endpoint_types),
                 "capability": m.capability} for m in models]}
        if balance is not None:
            entry["balance"] = {"at": now, "value": balance.as_json()}
        entry["base_url"], entry["key"] = profile.base_url, _key_of(profile)
        entries[profile.name] = entry
        self._write(entries, profile.name)

    def forget(self, name: str) -> None:
        """Drop what was saved for the profile `name` (its key, URL or name changed, or it was removed)."""
        with self._lock:
            entries = self._entries()
            if entries.pop(name, None) is not None:
                self._write(entries, name)

    @property
    def path(self) -> Path:
        return self._folder / "relays.json"

    def _entries(self) -> dict[str, Any]:
        try:
            entries = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return entries if isinstance(entries, dict) else {}

    def _write(self, entries: dict[str, Any], name: str) -> None:
        part = self.path.with_name(f"relays.{random_hex(8)}.part")
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
            part.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
            os.replace(part, self.path)
        except OSError as exc:  # a full or read-only disk: the next start asks the relay again
            log.info("the relay answers of %s could not be saved: %s", name, exc)
            with contextlib.suppress(OSError):
                part.unlink(missing_ok=True)

    def _read(self, profile: Profile, what: str, max_age: float) -> tuple[object, float] | None:
        with self._lock:
            entries = self._entries()
        part = _entry_for(entries, profile).get(what)
        if not isinstance(part, dict) or not isinstance(part.get("at"), (int, float)):
            return None
        if not 0 <= time.time() - part["at"] < max_age:  # old, or from a clock set back
            return None
        return part.get("value"), float(part["at"])


def _entry_for(entries: dict[str, Any], profile: Profile) -> dict[str, Any]:
    entry = entries.get(profile.name)
    if not isinstance(entry, dict) or entry.get("base_url") != profile.base_url or entry.get("key") != _key_of(profile):
        return {}  # none, or another relay's or another key's answers under a reused name
    return entry


def _key_of(profile: Profile) -> str:
    """Where the profile's key comes from (never the key): answers saved under another key source are not its."""
    return profile.describe_key_source()


def _models(value: object) -> list[ModelInfo] | None:
    try:
        return [ModelInfo(str(m["id"]), str(m["owned_by"]), tuple(map(str, m["endpoint_types"])), str(m["capability"]))
                for m in value]  # type: ignore[attr-defined]
    except (KeyError, TypeError):
        log.info("a saved model list is damaged; the relay is asked again")
        return None


def _balance(value: object) -> Balance | None:
    try:
        return Balance(**value)  # type: ignore[arg-type]
    except TypeError:
        log.info("a saved balance is damaged; the relay is asked again")
        return None
