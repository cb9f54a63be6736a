"""The Profiles dialog's state: relay profiles, where their keys live, and capability routing.

Why a view-model of its own: saving a profile is several steps that must never half-happen (the key
goes to the keyring *before* the row, a rename moves the key and the routes, "leave the key empty"
must not touch the keyring at all), and every one of those steps touches SQLite or the OS keyring,
which can block (a locked keyring may wait for the user). So each step runs in a worker thread via
`asyncio.to_thread`, mutations are serialised by one lock, and the view only ever sees plain
dataclasses — never the key. The key passed to `save` lives only in that call's frame.

The first start (`studio.views.first_start`) uses the same view-model: `checkKeyStores` says whether
an OS keyring is usable here, `testDraft` tries a base URL and key before anything is saved,
`saveFirst` keeps the key in the keyring, in memory or in the encrypted key file, and `unlock` opens
that file with its passphrase once per run.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, Signal, Slot

from studio.api.billing import Balance
from studio.api.capabilities import CAPABILITIES
from studio.errors import ConfigError, InputError, StudioError
from studio.services.core import StudioCore
from studio.storage.profiles import Profile
from studio.storage.secrets import SecretUnavailable, WrongPassphrase
from studio.viewmodels.base import ViewModel, bug_sentence
from studio.viewmodels.errors import localized

if TYPE_CHECKING:
    from studio.api.client import RelayClient

log = logging.getLogger("studio.gui.profiles")


@dataclass(frozen=True, slots=True)
class ProfileItem:
    """One profile as the view shows it: everything but the key."""

    name: str
    base_url: str
    key_source: str  # "keyring" | "env" | "memory" | "file"
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
    key_store: str = ""


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
    #: (an OS keyring can keep keys here, the encrypted key file exists): the answer to `checkKeyStores`
    keyStores = Signal(bool, bool)
    #: (connected, one sentence): the outcome of `testDraft`
    draftTested = Signal(bool, str)
    #: the outcome of `unlock`: "" when the key file opened, else one sentence
    unlocked = Signal(str)

    def __init__(self, core: StudioCore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._core = core
        self._lock = asyncio.Lock()  # one mutation at a time: a rename is several steps
        self._keyring_refused = False  # set by a worker when the keyring refused a key it said it could keep

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
        """Store a profile. `key` "" keeps a stored key; `original_name` "" adds a new one."""
        self.saveKeyed(name, base_url, key, key_env, proxy, make_default, original_name, "", "")

    @Slot(str, str, str, str, str, bool, str, str, str)
    def saveKeyed(self, name: str, base_url: str, key: str, key_env: str, proxy: str, make_default: bool,
                  original_name: str, key_store: str, passphrase: str) -> None:
        """`save`, with where the key is kept: `key_store` "keyring", "memory" or "file" ("" keeps the
        profile's own, the keyring for a new one); "file" opens the key file with `passphrase` if need be."""
        form = _Form(name.strip(), base_url.strip(), key_env.strip(), proxy.strip() or None, make_default,
                     original_name.strip(), key_store.strip())
        self.error.emit("")
        self.spawn(self._save(form, key.strip(), passphrase))

    async def _save(self, form: _Form, key: str, passphrase: str = "") -> None:
        async with self._lock:
            try:
                stored = await asyncio.to_thread(self._write, form, key, passphrase)
            finally:
                await self._after_refusal()
            await self._forget_clients(form.original, stored.name)
            await self._reload()
        self.saved.emit(stored.name)

    def _write(self, form: _Form, key: str, passphrase: str = "") -> Profile:
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
        store = form.key_store or (old.key_source if old is not None and old.key_source != "env" else "keyring")
        moving = old is not None and old.key_source != "env" and store != old.key_source
        if store == "file" and not form.key_env and (key or moving or renaming) \
                and not service.key_file_unlocked():
            self._unlock(passphrase)

        def headers() -> dict[str, str]:
            """The profile's custom headers, carried over as they are (values from the keyring)."""
            return service.custom_headers(old) if old else {}

        if form.key_env:
            profile = service.add(form.name, form.base_url, key_env=form.key_env, proxy=form.proxy,
                                  headers=headers(), make_default=make_default)
        elif key:
            profile = self._add_with_key(form, key, headers(), make_default, store)
        elif old is not None and old.key_source != "env" and (renaming or moving):
            # a rename (or another store) without a new key moves the stored one: read it, store it again
            profile = self._add_with_key(form, service.api_key(old), headers(), make_default, store)
        elif old is not None and old.key_source != "env":
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

    async def _after_refusal(self) -> None:
        """The keyring said it was there, then refused a key: the dialogs offer memory and the file now."""
        if self._keyring_refused:
            self._keyring_refused = False
            self.keyStores.emit(False, await asyncio.to_thread(self._core.profiles.key_file_exists))

    def _add_with_key(self, form: _Form, key: str, headers: dict[str, str], make_default: bool,
                      store: str = "keyring") -> Profile:
        try:
            return self._core.profiles.add(form.name, form.base_url, key=key, proxy=form.proxy,
                                           headers=headers, make_default=make_default, key_store=store)
        except SecretUnavailable as exc:
            # the store's sentence names the CLI flag; the dialog has a radio button for it instead
            log.info("keyring unavailable: %s", exc)
            self._keyring_refused = store == "keyring"
            raise ConfigError(self.tr(
                "The system keyring cannot keep the API key here; keep it “In memory” or in an “Encrypted "
                "file”, or choose “Environment variable” and give the name of a variable that holds it."
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
                await asyncio.to_thread(self._core.relay_cache.forget, name)  # its models and balance too

    # -- first start -----------------------------------------------------------------------------

    @Slot()
    def checkKeyStores(self) -> None:
        self.spawn(self._check_key_stores(), busy=False)

    async def _check_key_stores(self) -> None:
        service = self._core.profiles
        available = await asyncio.to_thread(service.keyring_available)  # the keyring may take a moment
        self.keyStores.emit(available, await asyncio.to_thread(service.key_file_exists))

    @Slot(str, str, str)
    def testDraft(self, base_url: str, key: str, proxy: str) -> None:
        """Try `base_url` with `key` (models and balance) before anything is saved."""
        self.spawn(self._test_draft(base_url.strip(), key.strip(), proxy.strip() or None), busy=False)

    async def _test_draft(self, base_url: str, key: str, proxy: str | None) -> None:
        from studio.api.baseurl import normalise_base_url
        from studio.api.client import RelayClient, Timeouts

        try:
            if not base_url or not key:
                raise InputError(self.tr("Enter the relay's base URL and your API key first."))
            self._core.redactor.register(key)
            settings = self._core.settings
            client = RelayClient(normalise_base_url(base_url), key, proxy=proxy, retry=self._core.retry,
                                 timeouts=Timeouts(connect=settings.get_float("net.connect_timeout"),
                                                   read=settings.get_float("chat.read_timeout")),
                                 redact=self._core.redactor.redact)
            try:
                sentence = await self._probe(client, None)  # not saved yet: nothing to remember it by
            finally:
                await client.aclose()
        except StudioError as exc:
            self.draftTested.emit(False, localized(exc))
        except Exception:
            log.exception("testing a new relay failed")
            self.draftTested.emit(False, bug_sentence())
        else:
            self.draftTested.emit(True, sentence)

    @Slot(str, str, str, str, str)
    def saveFirst(self, name: str, base_url: str, key: str, key_store: str, passphrase: str) -> None:
        """Store the first profile (or give a profile whose key was in memory its key again): the key
        goes to `key_store` ("keyring", "memory" or "file"; "file" opens the key file with `passphrase`).
        `name` "" names the profile after the relay's host."""
        self.error.emit("")
        self.spawn(self._save_first(name.strip(), base_url.strip(), key.strip(), key_store, passphrase))

    async def _save_first(self, name: str, base_url: str, key: str, key_store: str, passphrase: str) -> None:
        async with self._lock:
            try:
                stored = await asyncio.to_thread(self._write_first, name, base_url, key, key_store, passphrase)
            finally:
                await self._after_refusal()
            await self._forget_clients(stored.name)
            await self._reload()
        self.saved.emit(stored.name)

    def _write_first(self, name: str, base_url: str, key: str, key_store: str, passphrase: str) -> Profile:
        service = self._core.profiles
        if not base_url:
            raise InputError(self.tr("Enter the relay's base URL."))
        if not key:
            raise InputError(self.tr("Enter your API key."))
        if key_store == "file":
            self._unlock(passphrase)
        old = service.find(name) if name else None
        name = name or _name_for(base_url, {p.name for p in service.all()})
        try:
            return service.add(name, base_url, key=key, key_store=key_store, proxy=old.proxy if old else None,
                               make_default=old is None or old.is_default)
        except SecretUnavailable as exc:
            if key_store != "keyring":
                raise
            log.info("the key could not be kept: %s", exc)
            self._keyring_refused = True
            raise ConfigError(self.tr("The system keyring refused the key; keep it in memory or in an encrypted "
                                      "file instead.")) from None

    @Slot(str)
    def unlock(self, passphrase: str) -> None:
        """Open the encrypted key file; `unlocked` says how it went."""
        self.spawn(self._unlock_async(passphrase))

    async def _unlock_async(self, passphrase: str) -> None:
        try:
            await asyncio.to_thread(self._unlock, passphrase)
        except StudioError as exc:
            self.unlocked.emit(str(exc))
            return
        self.unlocked.emit("")

    def _unlock(self, passphrase: str) -> None:
        if not passphrase.strip():
            raise InputError(self.tr("Enter the passphrase."))
        try:
            self._core.profiles.unlock_key_file(passphrase)
        except WrongPassphrase:
            raise InputError(self.tr("That passphrase does not open the key file; try again.")) from None
        except SecretUnavailable as exc:
            log.info("the key file could not be opened: %s", exc)
            raise ConfigError(self.tr("The encrypted key file cannot be opened or written.")) from None

    # -- test connection -------------------------------------------------------------------------

    @Slot(str)
    def testConnection(self, name: str) -> None:
        self.spawn(self._test(name), busy=False)  # the form stays usable while the relay answers

    async def _test(self, name: str) -> None:
        try:
            profile = await asyncio.to_thread(self._core.profiles.get, name)
            # client_for reads the key (keyring or environment): not on the UI thread
            client = await asyncio.to_thread(self._core.clients.client_for, profile)
            sentence = await self._probe(client, profile)
        except StudioError as exc:
            self._report_test(name, False, localized(exc))
        except Exception:
            log.exception("testing the connection of a profile failed")
            self._report_test(name, False, bug_sentence())
        else:
            self._report_test(name, True, sentence)

    async def _probe(self, client: RelayClient, profile: Profile | None) -> str:
        """The models and the balance of `client`'s relay, as one sentence (both saved for the pickers and the
        status bar); a failure raises."""
        models, balance = await asyncio.gather(client.models.list(), client.billing.balance(),
                                               return_exceptions=True)
        for outcome in (models, balance):
            if isinstance(outcome, BaseException):
                raise outcome
        assert isinstance(models, list) and isinstance(balance, Balance)
        if profile is not None:
            await asyncio.to_thread(self._core.relay_cache.remember, profile, models=models, balance=balance)
        return self.tr("Connected: %n models; {balance}.", "", len(models)).format(balance=self._describe(balance))

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


def _name_for(base_url: str, taken: set[str]) -> str:
    """A profile name for a relay: its host ("relay.example"), made unique; "main" when it has none."""
    try:
        host = urlsplit(base_url if "//" in base_url else "//" + base_url).hostname or ""
    except ValueError:
        host = ""
    base = re.sub(r"[^\w.@-]", "-", host)[:60] or "main"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    return name
