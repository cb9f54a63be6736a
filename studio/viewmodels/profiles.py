"""The Profiles dialog's state: relay profiles, where their keys live, and capability routing.

Why a view-model of its own: saving a profile is several steps that must never half-happen (the key
goes to the keyring *before* the row, a rename moves the key and the routes, "leave the key empty"
must not touch the keyring at all), and every one of those steps touches SQLite or the OS keyring,
which can block (a locked keyring may wait for the user). So each step runs in a worker thread via
`asyncio.to_thread`, mutations are serialised by one lock, and the view only ever sees plain
dataclasses — never the key. The key passed to `save` lives only in that call's frame.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QObject, Signal, Slot

from studio.api.billing import Balance
from studio.api.capabilities import CAPABILITIES
from studio.errors import ConfigError, InputError, StudioError
from studio.services.core import StudioCore
from studio.storage.profiles import Profile
from studio.storage.secrets import SecretUnavailable
from studio.viewmodels.base import ViewModel, bug_sentence
from studio.viewmodels.errors import localized

log = logging.getLogger("studio.gui.profiles")


@dataclass(frozen=True, slots=True)
class ProfileItem:
    """One profile as the view shows it: everything but the key."""

    name: str
    base_url: str
    key_source: str  # "keyring" | "env"
    key_env: str | None
    is_default: bool
    proxy: str | None

    @classmethod
    def from_profile(cls, p: Profile) -> ProfileItem:
        return cls(p.name, p.base_url, p.key_source, p.key_env, p.is_default, p.proxy)


@dataclass(frozen=True, slots=True)
class RouteItem:
    """One row of the routing table; `profile` None means "the default profile"."""

    capability: str
    profile: str | None
    model: str | None


@dataclass(frozen=True, slots=True)
class _Form:
    """What `save` was given, minus the key (so no repr of it can ever show the key)."""

    name: str
    base_url: str
    key_env: str
    proxy: str | None
    make_default: bool
    original: str


class ProfilesViewModel(ViewModel):
    #: list[ProfileItem], oldest first
    profilesChanged = Signal(object)
    #: list[RouteItem], one per capability in `CAPABILITIES` order
    routesChanged = Signal(object)
    #: (profile name, one sentence): the outcome of `testConnection`, success or error
    testResult = Signal(str, str)
    #: (profile name, True when connected), emitted just before `testResult` so the view can colour it
    testOutcome = Signal(str, bool)
    #: profile name, after `save` stored it (the view clears the key field then)
    saved = Signal(str)

    def __init__(self, core: StudioCore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._core = core
        self._lock = asyncio.Lock()  # one mutation at a time: a rename is several steps

    # -- reading ---------------------------------------------------------------------------------

    @Slot()
    def load(self) -> None:
        self.spawn(self._reload())

    async def _reload(self) -> None:
        profiles = await asyncio.to_thread(self._core.profiles.all)
        rows = await asyncio.to_thread(self._core.profiles.saved_routes)
        self.profilesChanged.emit([ProfileItem.from_profile(p) for p in profiles])
        self.routesChanged.emit([
            RouteItem(c, rows[c].profile, rows[c].model) if c in rows else RouteItem(c, None, None)
            for c in CAPABILITIES
        ])

    # -- profiles --------------------------------------------------------------------------------

    @Slot(str, str, str, str, str, bool, str)
    def save(self, name: str, base_url: str, key: str, key_env: str, proxy: str, make_default: bool,
             original_name: str) -> None:
        """Store a profile. `key` "" keeps a stored keyring key; `original_name` "" adds a new one."""
        form = _Form(name.strip(), base_url.strip(), key_env.strip(), proxy.strip() or None, make_default,
                     original_name.strip())
        self.error.emit("")
        self.spawn(self._save(form, key.strip()))

    async def _save(self, form: _Form, key: str) -> None:
        async with self._lock:
            stored = await asyncio.to_thread(self._write, form, key)
            await self._forget_clients(form.original, stored.name)
            await self._reload()
        self.saved.emit(stored.name)

    def _write(self, form: _Form, key: str) -> Profile:
        """The whole save, on a worker thread: validate, store the key, the row, then rename."""
        service = self._core.profiles
        old = service.find(form.original) if form.original else None
        if form.original and old is None:
            raise ConfigError(self.tr("The profile {name} no longer exists.").format(name=form.original))
        renaming = old is not None and old.name != form.name
        if (old is None or renaming) and service.find(form.name) is not None:
            raise InputError(self.tr("There is already a profile named {name}; choose another name.")
                             .format(name=form.name))
        if form.key_env and key:
            raise InputError(self.tr("Give either an API key or an environment variable, not both."))
        make_default = form.make_default or bool(old and old.is_default)

        def headers() -> dict[str, str]:
            """The profile's custom headers, carried over as they are (values from the keyring)."""
            return service.custom_headers(old) if old else {}

        if form.key_env:
            profile = service.add(form.name, form.base_url, key_env=form.key_env, proxy=form.proxy,
                                  headers=headers(), make_default=make_default)
        elif key:
            profile = self._add_with_key(form, key, headers(), make_default)
        elif old is not None and old.key_source == "keyring" and renaming:
            # a rename without a new key moves the stored one: read it, store it under the new name
            profile = self._add_with_key(form, service.api_key(old), headers(), make_default)
        elif old is not None and old.key_source == "keyring":
            # keep the stored key: only the row changes, the keyring is not touched
            profile = service.update_keeping_key(old, form.base_url, form.proxy, make_default)
        else:
            raise InputError(self.tr("Enter the API key, or choose “Environment variable” and give the "
                                     "name of the variable that holds it."))
        if renaming:
            assert old is not None
            service.move_routes(old.name, profile.name)
            service.remove(old.name)  # drops the old keyring entry too
        return profile

    def _add_with_key(self, form: _Form, key: str, headers: dict[str, str], make_default: bool) -> Profile:
        try:
            return self._core.profiles.add(form.name, form.base_url, key=key, proxy=form.proxy,
                                           headers=headers, make_default=make_default)
        except SecretUnavailable as exc:
            # the store's sentence names the CLI flag; the dialog has a radio button for it instead
            log.info("keyring unavailable: %s", exc)
            raise ConfigError(self.tr(
                "The system keyring cannot keep the API key here; choose “Environment variable” and "
                "give the name of a variable that holds the key instead."
            )) from None

    @Slot(str)
    def remove(self, name: str) -> None:
        self.error.emit("")
        self.spawn(self._remove(name))

    async def _remove(self, name: str) -> None:
        async with self._lock:
            await asyncio.to_thread(self._core.profiles.remove, name)
            await self._forget_clients(name)
            await self._reload()

    @Slot(str)
    def makeDefault(self, name: str) -> None:
        self.error.emit("")
        self.spawn(self._make_default(name))

    async def _make_default(self, name: str) -> None:
        async with self._lock:
            await asyncio.to_thread(self._core.profiles.use, name)
            await self._reload()

    async def _forget_clients(self, *names: str) -> None:
        """Drop cached clients of changed profiles: a new key (or a rename) leaves the profile row
        equal, so the pool would otherwise keep sending the old key."""
        for name in names:
            if name:
                await self._core.clients.forget(name)

    # -- test connection -------------------------------------------------------------------------

    @Slot(str)
    def testConnection(self, name: str) -> None:
        self.spawn(self._test(name), busy=False)  # the form stays usable while the relay answers

    async def _test(self, name: str) -> None:
        try:
            profile = await asyncio.to_thread(self._core.profiles.get, name)
            # client_for reads the key (keyring or environment): not on the UI thread
            client = await asyncio.to_thread(self._core.clients.client_for, profile)
            models, balance = await asyncio.gather(client.models.list(), client.billing.balance(),
                                                   return_exceptions=True)
            for outcome in (models, balance):
                if isinstance(outcome, BaseException):
                    raise outcome
            assert isinstance(models, list) and isinstance(balance, Balance)
            sentence = self.tr("Connected: %n models; {balance}.", "", len(models)).format(
                balance=self._describe(balance))
        except StudioError as exc:
            self._report_test(name, False, localized(exc))
        except Exception:
            log.exception("testing the connection of a profile failed")
            self._report_test(name, False, bug_sentence())
        else:
            self._report_test(name, True, sentence)

    def _report_test(self, name: str, ok: bool, sentence: str) -> None:
        self.testOutcome.emit(name, ok)
        self.testResult.emit(name, sentence)

    def _describe(self, balance: Balance) -> str:
        if balance.unlimited:
            return self.tr("unlimited balance")
        if balance.remaining is None:
            return self.tr("balance unknown")
        amount = Decimal(repr(balance.remaining)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return self.tr("balance {amount} {unit} remaining").format(amount=f"{amount:,}", unit=balance.unit)

    # -- routing ---------------------------------------------------------------------------------

    @Slot(str, str, str)
    def setRoute(self, capability: str, profile: str, model: str) -> None:
        """Route `capability` to `profile` ("" = the default profile) with `model` ("" = none)."""
        self.error.emit("")
        self.spawn(self._set_route(capability, profile.strip(), model.strip()))

    async def _set_route(self, capability: str, profile: str, model: str) -> None:
        if capability not in CAPABILITIES:
            raise InputError(self.tr("Unknown capability {name}.").format(name=capability))
        service = self._core.profiles
        async with self._lock:
            if profile:
                await asyncio.to_thread(service.set_route, capability, profile, model or None)
            else:
                await asyncio.to_thread(service.set_route_model, capability, model or None)
            await self._reload()
