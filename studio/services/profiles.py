"""Profiles and routing as use cases: add/remove/use a profile, route a capability, resolve which
profile + model serves a request, and read a profile's key and custom headers.

Custom header values are kept where keys are kept, in the system keyring (one entry per profile),
whatever the key's source; with no usable keyring a profile cannot have any. Older versions stored
them in the database: the first time a `ProfileService` is built on such a database it moves them to
the keyring and leaves only the names in the row (and in the copies of the database in `backups/`).
With no usable keyring they stay where they are (the profile keeps working), and one warning per
start says so. A database without such values costs one query: no keyring, no write.

Where no OS keyring is usable, a key given with `key_store="memory"` lives in this process only, and
one given with `key_store="file"` in the data folder's encrypted key file (`keys.cfg`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from studio.api.baseurl import normalise_base_url
from studio.api.capabilities import CAPABILITIES
from studio.errors import ConfigError, InputError
from studio.storage.profiles import Profile, ProfileStore, RouteRow
from studio.storage.secrets import KEY_FILE_NAME, SecretStore, SecretUnavailable

log = logging.getLogger(__name__)

_NAME = re.compile(r"^[\w.@-]{1,64}$")
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class Route:
    """The answer to "who serves this capability": a profile and, if known, a default model."""

    capability: str
    profile: Profile
    model: str | None


class ProfileService:
    def __init__(self, store: ProfileStore, secrets: SecretStore) -> None:
        self.store = store
        self.secrets = secrets
        if store.folder is not None:
            secrets.use_key_file(store.folder / KEY_FILE_NAME)
        #: header values an older version left in the database that no keyring could take yet
        self._legacy_headers: dict[str, dict[str, str]] = {}
        self._move_legacy_headers()

    def _move_legacy_headers(self) -> None:
        legacy = self.store.legacy_headers()  # one query; nearly always empty, and then nothing else runs
        moved: list[str] = []
        for name, values in legacy.items():
            try:
                self.secrets.store_headers(name, values)
            except SecretUnavailable:
                self._legacy_headers[name] = values
                for header, value in values.items():
                    self.secrets.redactor.register_header(header, value)
                continue
            moved.append(name)
        if moved:
            self.store.keep_only_header_names(moved)
            self.store.scrub_backups()  # an upgrade's copy in backups/ holds the same values
        if self._legacy_headers:
            log.warning("The custom header values of %d profile(s) are still stored in plain text in the "
                        "database, because no usable system keyring is available to move them to.",
                        len(self._legacy_headers))

    # -- profiles --------------------------------------------------------------------------------

    def add(
        self,
        name: str,
        base_url: str,
        *,
        key: str | None = None,
        key_env: str | None = None,
        proxy: str | None = None,
        headers: dict[str, str] | None = None,
        make_default: bool = False,
        key_store: str = "keyring",
    ) -> Profile:
        """Add (or replace) a profile. The key goes to `key_store` (the keyring, "memory" or the encrypted
        "file"); `key_env` is stored by name; the values of `headers` go to the keyring (refused when
        there is none) and their names to the row."""
        name = name.strip()
        if not _NAME.match(name):
            raise InputError(
                "A profile name is 1-64 letters, digits, '.', '_', '-' or '@', without spaces."
            )
        url = normalise_base_url(base_url)
        if (key is None) == (key_env is None):
            raise InputError("Give the API key either on stdin (--key-stdin) or by variable name (--key-env VAR).")
        if key_env is not None and not _ENV_NAME.match(key_env):
            raise InputError(f"{key_env!r} is not a valid environment variable name.")
        if proxy and not proxy.lower().startswith(("http://", "https://", "socks5://", "socks5h://")):
            raise InputError("A proxy URL starts with http://, https://, socks5:// or socks5h://.")
        if key_store not in ("keyring", "memory", "file"):
            raise InputError("The key is kept in the keyring, in memory or in the encrypted file.")
        headers = dict(headers or {})
        old = self.store.get(name)
        if key is not None:
            # first: a keyring failure must not leave a keyless profile
            self.secrets.store_in(key_store, name, key)
        try:
            if headers:
                self.secrets.store_headers(name, headers)
            profile = Profile(name, url, key_store if key is not None else "env", key_env, proxy or None,
                              tuple(headers), make_default)
            stored = self.store.upsert(profile)
        except Exception:
            if key is not None:
                self.secrets.forget(name)
            if headers and old is None:
                self.secrets.delete_headers(name)
            raise
        self._legacy_headers.pop(name, None)
        if not headers and old is not None and old.header_names:
            self.secrets.delete_headers(name)
        if old is not None and old.key_source != stored.key_source and old.key_source != "env":
            self._drop_key(old)  # moving the key elsewhere drops the old copy
        if key_env is not None:
            self.secrets.delete(name)  # switching to an env var drops an old keyring entry
        return stored

    def _drop_key(self, profile: Profile) -> None:
        if profile.key_source == "keyring":
            self.secrets.delete(profile.name)
        elif profile.key_source == "memory":
            self.secrets.forget_memory(profile.name)
        elif profile.key_source == "file" and self.secrets.key_file is not None:
            self.secrets.key_file.delete(profile.name)

    def remove(self, name: str) -> None:
        profile = self.get(name)
        self.store.remove(profile.name)
        self._drop_key(profile)
        if profile.header_names:
            self.secrets.delete_headers(profile.name)
        self._legacy_headers.pop(profile.name, None)

    def use(self, name: str) -> Profile:
        if not self.store.set_default(name):
            raise self._unknown(name)
        return self.get(name)

    def all(self) -> list[Profile]:
        return self.store.all()

    def find(self, name: str) -> Profile | None:
        """The profile called `name`, or None."""
        return self.store.get(name)

    def update_keeping_key(self, old: Profile, base_url: str, proxy: str | None, make_default: bool) -> Profile:
        """Change a keyring profile's address, proxy or default mark; its stored key and header values stay
        as they are (the keyring is not touched)."""
        return self.store.upsert(Profile(old.name, normalise_base_url(base_url), old.key_source, old.key_env,
                                         proxy, old.header_names, make_default))

    def move_routes(self, old_name: str, new_name: str) -> None:
        """Point the routes of profile `old_name` at `new_name` (a rename)."""
        for row in self.store.routes().values():
            if row.profile == old_name:
                self.store.set_route(row.capability, new_name, row.model)

    def get(self, name: str) -> Profile:
        profile = self.store.get(name)
        if profile is None:
            raise self._unknown(name)
        return profile

    def default(self) -> Profile:
        profile = self.store.default()
        if profile is None:
            raise ConfigError(
                "No relay profile yet; add one with `studio profile add NAME --base-url URL --key-stdin`."
            )
        return profile

    def api_key(self, profile: Profile) -> str:
        if profile.key_source == "env":
            assert profile.key_env
            return self.secrets.from_env(profile.key_env)
        return self.secrets.read(profile.key_source, profile.name)

    # -- where keys can live ---------------------------------------------------------------------

    def keyring_available(self) -> bool:
        """Whether the OS keyring can keep a key here (blocking: ask it off the UI thread)."""
        return self.secrets.keyring_available()

    def key_file_exists(self) -> bool:
        return self.secrets.key_file is not None and self.secrets.key_file.exists()

    def needs_passphrase(self) -> bool:
        """Whether a profile's key is in the encrypted key file and the file is still locked."""
        key_file = self.secrets.key_file
        if key_file is None or key_file.unlocked:
            return False
        return any(p.key_source == "file" for p in self.store.all())

    def unlock_key_file(self, passphrase: str) -> None:
        """Open the encrypted key file (a new one takes `passphrase`); `WrongPassphrase` when it does not fit."""
        self.secrets.unlock_key_file(passphrase)

    def key_file_unlocked(self) -> bool:
        return self.secrets.key_file is not None and self.secrets.key_file.unlocked

    def keys_gone(self) -> list[Profile]:
        """Profiles whose key was kept in memory by an earlier run: gone now, to be entered again."""
        return [p for p in self.store.all() if p.key_source == "memory" and not self.secrets.has_in_memory(p.name)]

    def custom_headers(self, profile: Profile) -> dict[str, str]:
        """The profile's own request headers with their values (read from the keyring)."""
        if not profile.header_names:
            return {}
        values = self._legacy_headers.get(profile.name)
        if values is None:
            values = self.secrets.headers_from_keyring(profile.name)
        if values is None:
            raise SecretUnavailable(
                f"The custom header values of profile '{profile.name}' are missing from the system keyring; "
                f"add the profile again with its --header options."
            )
        return {name: values[name] for name in profile.header_names if name in values}

    # -- routing ---------------------------------------------------------------------------------

    def set_route(self, capability: str, profile_name: str, model: str | None = None) -> Route:
        self._check_capability(capability)
        profile = self.get(profile_name)
        self.store.set_route(capability, profile.name, model or None)
        return Route(capability, profile, model or None)

    def set_route_model(self, capability: str, model: str | None) -> None:
        """Route `capability` to the default profile with `model`; no model: forget the route."""
        self._check_capability(capability)
        if model:
            self.store.set_route(capability, None, model)
        else:
            self.store.clear_route(capability)

    def saved_routes(self) -> dict[str, RouteRow]:
        """The routing table as saved (capability → row), unresolved: what the profiles dialog edits."""
        return self.store.routes()

    def routes(self) -> list[Route | RouteRow]:
        """One entry per capability: the resolved route, or the raw row when nothing serves it."""
        result: list[Route | RouteRow] = []
        for capability in CAPABILITIES:
            try:
                result.append(self.resolve(capability))
            except ConfigError:
                result.append(RouteRow(capability, None, None))
        return result

    def resolve(self, capability: str, *, profile: str | None = None, model: str | None = None) -> Route:
        """Pick the profile and model for one call: explicit flags, then the route, then the default."""
        self._check_capability(capability)
        row = self.store.route(capability)
        if profile:
            chosen = self.get(profile)
            routed_model = row.model if row and row.profile == chosen.name else None
        elif row and row.profile:
            chosen = self.get(row.profile)
            routed_model = row.model
        else:
            chosen = self.default()
            routed_model = row.model if row else None
        return Route(capability, chosen, model or routed_model)

    @staticmethod
    def _check_capability(capability: str) -> None:
        if capability not in CAPABILITIES:
            raise InputError(f"Unknown capability {capability!r}; choose one of {', '.join(CAPABILITIES)}.")

    @staticmethod
    def _unknown(name: str) -> ConfigError:
        return ConfigError(f"There is no profile named {name!r}; `studio profile list` shows them.")
