"""API keys: in the OS keyring (service `RelayStudio`, one entry per profile), in an environment
variable that the profile names, in this process's memory only, or in an encrypted key file in the
data folder locked by a passphrase. Never anywhere else, and never in plain text.

A backend that would not keep the key encrypted by the OS (`keyrings.alt`'s files, the null and fail
backends, keyrings.cryptfile used as a backend, anything keyring does not recommend) counts as no
keyring. Where there is none (minimal Linux desktops, headless machines) a profile's key can live in
memory until the process ends, or in `keys.cfg` (`EncryptedKeyFile`: keyrings.cryptfile, Argon2 and
AES-GCM), opened once per process with its passphrase: from `STUDIO_KEYFILE_PASSPHRASE`, from the
prompt the CLI or the window installs (`SecretStore.passphrase_prompt`), else the key is locked.
Every key read is also registered with a `Redactor`, so logs and error messages can scrub it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, quote_plus

from studio.errors import ConfigError, ErrorInfo, error_info

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

KEYRING_SERVICE = "RelayStudio"
#: the encrypted key file's name in the data folder
KEY_FILE_NAME = "keys.cfg"
#: an environment variable that holds the key file's passphrase (for the CLI, scripts and CI)
PASSPHRASE_ENV = "STUDIO_KEYFILE_PASSPHRASE"
#: where a profile's key lives (the `key_source` column): the OS keyring, an environment variable,
#: this process's memory, the encrypted key file
KEY_SOURCES = ("keyring", "env", "memory", "file")

# Things that look like credentials even when we were never told about them (a bearer token's
# characters, RFC 6750: no `&`, so the next parameter of a URL survives).
_KEYISH = re.compile(r"(?i)(bearer\s+|x-api-key[\"']?\s*[:=]\s*[\"']?|\bsk-)[A-Za-z0-9._~+/=-]{6,}")

#: URL query parameters that carry the user's credential. A signed link's own parameters (sig,
#: Signature, X-Amz-Signature, X-Amz-Security-Token, Expires) are not the user's and stay.
_CREDENTIAL_PARAM = re.compile(
    r"(?i)([?&](?:key|api_key|apikey|api-key|x-api-key|access_token|token|auth|authorization|password"
    r"|secret)=)(?!\{relay-studio:)[^&#\s\"'<>]+"  # a sealed key (`RelayClient.seal`) is no secret: it stays
)

#: a key echoed with its middle starred out, `sk-abcd****wxyz`
_STARRED = re.compile(r"([A-Za-z0-9._-]+)?\*{3,}([A-Za-z0-9._-]+)?")

#: secrets this long are also masked when only their beginning is echoed ("invalid key sk-abcdef12...")
_PREFIX_MIN_SECRET = 12

#: custom headers whose value is a credential whatever its length; also any name containing a part below
_CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization", "x-api-key", "api-key", "apikey"})
_CREDENTIAL_HEADER_PARTS = ("key", "token", "secret", "auth", "password", "signature", "cookie")
#: a custom header value this long is masked whatever its header is called, but for the standard
#: headers whose values are media types, languages and the like
_LONG_HEADER_VALUE = 16
_PLAIN_HEADERS = frozenset({"accept", "accept-language", "accept-encoding", "content-type", "user-agent",
                            "cache-control", "referer", "origin", "x-requested-with"})


def header_is_credential(name: str, value: str) -> bool:
    """Whether a custom header's value is to be masked: its name looks like a credential's
    (`Authorization`, `x-api-key`, `X-Session-Token`, …) or the value is long enough to be one.
    `Accept: application/json` or `X-Region: east` is not: masking "east" would mangle ordinary text."""
    lowered = name.strip().lower()
    return (lowered in _CREDENTIAL_HEADERS or any(part in lowered for part in _CREDENTIAL_HEADER_PARTS)
            or (len(value) >= _LONG_HEADER_VALUE and lowered not in _PLAIN_HEADERS))


class SecretUnavailable(ConfigError):
    """The key for a profile cannot be read (no keyring, missing entry, unset variable).

    `code` names the case for a window to word in its own way (the English sentence is the CLI's):
    "no-keyring", "memory-gone", "file-locked", "wrong-passphrase"; "" for the others."""

    def __init__(self, message: str, *, code: str = "", profile: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.profile = profile

    def describe(self) -> ErrorInfo | None:
        return error_info(f"keys.{self.code}", profile=self.profile) if self.code else None


class WrongPassphrase(SecretUnavailable):
    """The passphrase given does not open the encrypted key file."""

    def __init__(self) -> None:
        super().__init__("That passphrase does not open the encrypted key file.", code="wrong-passphrase")


class EncryptedKeyFile:
    """Profile keys in one file encrypted with a passphrase (keyrings.cryptfile: Argon2 derives the key,
    AES-GCM seals each entry), for machines with no OS keyring. The file is created by the first
    `unlock`, whose passphrase it keeps from then on; each later process unlocks it once, and the keys
    it read stay in memory until the process ends (each decryption costs an Argon2 derivation)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._backend: KeyringBackend | None = None
        self._cache: dict[str, str] = {}
        self._lock = threading.Lock()

    def exists(self) -> bool:
        return self.path.is_file()

    @property
    def unlocked(self) -> bool:
        return self._backend is not None

    def unlock(self, passphrase: str) -> None:
        """Open the file with `passphrase` (a new file takes it as its passphrase)."""
        if not passphrase.strip():
            raise SecretUnavailable("The passphrase is empty.", code="wrong-passphrase")
        from keyrings.cryptfile.cryptfile import CryptFileKeyring  # Argon2 and AES: only paid when used

        backend = CryptFileKeyring()
        backend.file_path = str(self.path)
        with self._lock:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                backend.keyring_key = passphrase  # checks it against the file, or starts a new file
            except ValueError:  # "Incorrect Password", "MAC check failed"
                raise WrongPassphrase() from None
            except OSError as exc:
                raise SecretUnavailable(f"The encrypted key file {self.path} cannot be written "
                                        f"({exc.strerror or exc}).") from None
            self._backend = backend
            self._cache.clear()

    def get(self, profile: str) -> str | None:
        with self._lock:
            if profile in self._cache:
                return self._cache[profile]
            key = self._opened().get_password(KEYRING_SERVICE, profile)
            if key:
                self._cache[profile] = key
            return key

    def set(self, profile: str, key: str) -> None:
        with self._lock:
            self._opened().set_password(KEYRING_SERVICE, profile, key)
            self._cache[profile] = key

    def delete(self, profile: str) -> None:
        with self._lock:
            self._cache.pop(profile, None)
            if self._backend is not None:
                try:
                    self._backend.delete_password(KEYRING_SERVICE, profile)
                except Exception:  # no such entry: nothing to delete
                    pass

    def _opened(self) -> KeyringBackend:
        if self._backend is None:
            raise SecretUnavailable("The encrypted key file is locked.", code="file-locked")
        return self._backend


class Redactor:
    """Scrubs known secrets, and anything shaped like a bearer token, out of text.

    A registered secret is masked as it is, URL-encoded (`quote(safe="")` and `quote_plus`), echoed
    in part (its first max(8, len/2) characters and whatever of it follows, for a secret of 12+
    characters) and starred out around a piece of it (`sk-abcd****wxyz`). The values of credential
    query parameters (`?key=`, `&api_key=`, `&token=`, …) are masked whoever they belong to, so a
    relay's result link can be stored: `https://cdn.example/x.png?key=***&sig=abc`.
    """

    def __init__(self) -> None:
        self._secrets: set[str] = set()
        self._lock = threading.Lock()
        #: every form to mask whole, longest first; (prefix, secret) pairs, longest prefix first
        self._forms: tuple[str, ...] = ()
        self._prefixes: tuple[tuple[str, str], ...] = ()

    def register(self, secret: str) -> None:
        if len(secret) < 4:
            return
        with self._lock:
            if secret in self._secrets:
                return
            self._secrets.add(secret)
            forms = {f for s in self._secrets for f in (s, quote(s, safe=""), quote_plus(s))}
            self._forms = tuple(sorted(forms, key=len, reverse=True))
            prefixes = {(s[: max(8, len(s) // 2)], s) for s in self._secrets if len(s) >= _PREFIX_MIN_SECRET}
            self._prefixes = tuple(sorted(prefixes, key=lambda p: len(p[0]), reverse=True))

    def register_header(self, name: str, value: str) -> None:
        """Register a custom header's value, if it looks like a credential (see `header_is_credential`)."""
        if header_is_credential(name, value):
            self.register(value)

    def redact(self, text: str) -> str:
        with self._lock:
            forms, prefixes, secrets = self._forms, self._prefixes, tuple(self._secrets)
        for form in forms:
            if form in text:
                text = text.replace(form, "***")
        for prefix, secret in prefixes:
            if prefix in text:
                text = _mask_prefix(text, prefix, secret)
        if secrets and "***" in text:
            text = _STARRED.sub(lambda m: _starred(m, secrets), text)
        if "=" in text:
            text = _CREDENTIAL_PARAM.sub(lambda m: m.group(1) + "***", text)
        return _KEYISH.sub(lambda m: m.group(1) + "***", text)


def _mask_prefix(text: str, prefix: str, secret: str) -> str:
    """Mask each echo of `secret` that starts with `prefix`, as far as it goes on matching."""
    start = text.find(prefix)
    while start != -1:
        end = start + len(prefix)
        while end - start < len(secret) and end < len(text) and text[end] == secret[end - start]:
            end += 1
        text = text[:start] + "***" + text[end:]
        start = text.find(prefix, start + 3)
    return text


def _starred(match: re.Match[str], secrets: tuple[str, ...]) -> str:
    head, tail = match.group(1) or "", match.group(2) or ""
    if (len(head) >= 4 and any(s.startswith(head) for s in secrets)) or (
        len(tail) >= 4 and any(s.endswith(tail) for s in secrets)
    ):
        return "***"
    return match.group(0)


class RedactingFormatter(logging.Formatter):
    """A log formatter whose every line (message and traceback) is scrubbed of secrets.

    It formats a copy of the text and leaves the record alone: a filter that rewrote the record would
    hand the traceback it added to every other handler (the CLI's one-line warnings on stderr)."""

    def __init__(self, redactor: Redactor, fmt: str | None = None) -> None:
        super().__init__(fmt)
        self._redactor = redactor

    def format(self, record: logging.LogRecord) -> str:
        return self._redactor.redact(super().format(record))


#: backends that keep nothing or keep it in a file anyone with the disk can read (base64 is no cipher)
_INSECURE_MODULES = ("keyrings.alt", "keyrings.cryptfile", "keyring.backends.null", "keyring.backends.fail")


def _is_secure(backend: KeyringBackend) -> bool:
    """A backend counts as a keyring only when the OS keeps its secrets encrypted: not `keyrings.alt`,
    not the null or fail backends, and "recommended" by keyring itself (priority >= 1)."""
    module = type(backend).__module__
    if any(module == m or module.startswith(m + ".") for m in _INSECURE_MODULES):
        return False
    try:
        return float(backend.priority) >= 1
    except Exception:  # a backend that cannot even say how good it is (its library is missing)
        return False


class SecretStore:
    """Reads and writes profile keys in the keyring, memory or the key file; reads them from the environment."""

    def __init__(self, redactor: Redactor | None = None, backend: KeyringBackend | None = None,
                 key_file: Path | None = None) -> None:
        self.redactor = redactor or Redactor()
        self._backend = backend
        self._memory: dict[str, str] = {}
        self.key_file: EncryptedKeyFile | None = EncryptedKeyFile(key_file) if key_file is not None else None
        #: asks the user for the key file's passphrase (a terminal prompt, a dialog); None: nobody to ask
        self.passphrase_prompt: Callable[[], str | None] | None = None

    def use_key_file(self, path: Path) -> EncryptedKeyFile:
        """The encrypted key file, at `path` unless one was given already."""
        if self.key_file is None:
            self.key_file = EncryptedKeyFile(path)
        return self.key_file

    def keyring_available(self) -> bool:
        """Whether an OS keyring that keeps keys encrypted is there (this may take a moment the first time)."""
        try:
            self._keyring()
        except SecretUnavailable:
            return False
        return True

    # -- by source -------------------------------------------------------------------------------

    def store_in(self, source: str, profile: str, key: str) -> None:
        """Keep `key` for `profile` in `source` ("keyring", "memory" or "file")."""
        key = key.strip()
        if not key:
            raise SecretUnavailable("The API key is empty.")
        if source == "keyring":
            self.store(profile, key)
            return
        if source == "memory":
            self._memory[profile] = key
        elif source == "file":
            self._unlocked_file(profile).set(profile, key)
        else:
            raise ValueError(f"unknown key source {source!r}")
        self.redactor.register(key)

    def read(self, source: str, profile: str) -> str:
        """The key of `profile` from `source` ("keyring", "memory" or "file")."""
        if source == "memory":
            return self.from_memory(profile)
        if source == "file":
            return self.from_file(profile)
        return self.from_keyring(profile)

    def forget(self, profile: str) -> None:
        """Drop `profile`'s key from every store that has it (keyring, memory, an unlocked key file)."""
        self.delete(profile)
        self._memory.pop(profile, None)
        if self.key_file is not None:
            self.key_file.delete(profile)

    def from_memory(self, profile: str) -> str:
        key = self._memory.get(profile)
        if not key:
            raise SecretUnavailable(
                f"The API key of profile '{profile}' was kept in the studio's memory only and is not available "
                f"here; add it with `studio profile add {profile} --base-url URL --key-stdin`.",
                code="memory-gone", profile=profile)
        return key

    def forget_memory(self, profile: str) -> None:
        self._memory.pop(profile, None)

    def has_in_memory(self, profile: str) -> bool:
        return bool(self._memory.get(profile))

    def from_file(self, profile: str) -> str:
        key = self._unlocked_file(profile).get(profile)
        if not key:
            raise SecretUnavailable(
                f"The encrypted key file holds no API key for profile '{profile}'; add the profile again.",
                profile=profile)
        self.redactor.register(key)
        return key

    def unlock_key_file(self, passphrase: str) -> None:
        """Open the key file with `passphrase`; a wrong one raises `WrongPassphrase`."""
        if self.key_file is None:
            raise SecretUnavailable("No encrypted key file is set up.")
        self.key_file.unlock(passphrase)

    def _unlocked_file(self, profile: str) -> EncryptedKeyFile:
        """The key file, unlocked with the passphrase from the environment or the prompt if need be."""
        if self.key_file is None:
            raise SecretUnavailable("No encrypted key file is set up.")
        if not self.key_file.unlocked:
            passphrase = os.environ.get(PASSPHRASE_ENV) or ""
            if not passphrase and self.passphrase_prompt is not None:
                passphrase = self.passphrase_prompt() or ""
            if not passphrase:
                raise SecretUnavailable(
                    f"The API key of profile '{profile}' is in the encrypted key file, which is locked; "
                    f"give its passphrase when asked, or in the environment variable {PASSPHRASE_ENV}.",
                    code="file-locked", profile=profile)
            self.key_file.unlock(passphrase)
        return self.key_file

    # -- keyring ---------------------------------------------------------------------------------

    def _keyring(self) -> KeyringBackend:
        if self._backend is not None:
            return self._backend
        import keyring  # slow (entry points); only paid when a key is really needed
        from keyring.backends.chainer import ChainerBackend

        backend: KeyringBackend | None = keyring.get_keyring()
        if isinstance(backend, ChainerBackend):
            members = list(backend.backends)
            secure = [b for b in members if _is_secure(b)]
            if not secure:
                backend = None
            elif len(secure) < len(members):
                backend = secure[0]  # the chain would fall back to an insecure member: skip them
        elif backend is not None and not _is_secure(backend):
            backend = None
        if backend is None:
            raise SecretUnavailable(
                "No system keyring is available to keep the API key safe; "
                "use --key-env VAR to read the key from an environment variable, or --key-store file "
                "to keep it in a file encrypted with a passphrase.", code="no-keyring"
            )
        self._backend = backend
        return backend

    def store(self, profile: str, key: str) -> None:
        key = key.strip()
        if not key:
            raise SecretUnavailable("The API key is empty.")
        try:
            self._keyring().set_password(KEYRING_SERVICE, profile, key)
        except SecretUnavailable:
            raise
        except Exception as exc:  # keyring backends raise their own types
            raise SecretUnavailable(
                f"The system keyring refused to store the key ({type(exc).__name__}); "
                "use --key-env VAR instead."
            ) from None
        self.redactor.register(key)

    def delete(self, profile: str) -> None:
        try:
            self._keyring().delete_password(KEYRING_SERVICE, profile)
        except Exception:  # missing entry or no keyring: nothing to delete
            pass

    def from_keyring(self, profile: str) -> str:
        try:
            key = self._keyring().get_password(KEYRING_SERVICE, profile)
        except SecretUnavailable:
            raise
        except Exception as exc:
            raise SecretUnavailable(
                f"The system keyring could not be read ({type(exc).__name__})."
            ) from None
        if not key:
            raise SecretUnavailable(
                f"No API key is stored for profile '{profile}'; "
                f"add it again with `studio profile add {profile} --base-url URL --key-stdin`.",
                code="keyring-missing", profile=profile)
        self.redactor.register(key)
        return key

    # -- custom headers --------------------------------------------------------------------------
    # A profile's own request headers (`--header "x-api-key: …"`) are credentials like the key: their
    # values are one keyring entry per profile, `<profile>#headers` (a profile name has no `#`), holding
    # a JSON object; the database keeps only their names. There is no environment-variable form.
    # All values are kept; only those that look like credentials are registered with the Redactor.

    def store_headers(self, profile: str, headers: Mapping[str, str]) -> None:
        try:
            self._keyring().set_password(KEYRING_SERVICE, _headers_entry(profile), json.dumps(dict(headers)))
        except SecretUnavailable:
            raise SecretUnavailable(
                "Custom header values are kept in the system keyring, and no usable keyring is available here."
            ) from None
        except Exception as exc:  # keyring backends raise their own types
            raise SecretUnavailable(
                f"The system keyring refused to store the custom header values ({type(exc).__name__})."
            ) from None
        for name, value in headers.items():
            self.redactor.register_header(name, value)

    def headers_from_keyring(self, profile: str) -> dict[str, str] | None:
        """The custom header values stored for `profile`; None when the keyring has no entry."""
        try:
            raw = self._keyring().get_password(KEYRING_SERVICE, _headers_entry(profile))
        except SecretUnavailable:
            raise SecretUnavailable(
                f"The custom header values of profile '{profile}' are kept in the system keyring, "
                "and no usable keyring is available here."
            ) from None
        except Exception as exc:
            raise SecretUnavailable(f"The system keyring could not be read ({type(exc).__name__}).") from None
        if raw is None:
            return None
        try:
            loaded = json.loads(raw)
        except ValueError:
            loaded = None
        if not isinstance(loaded, dict):
            return None
        headers = {str(name): str(value) for name, value in loaded.items()}
        for name, value in headers.items():
            self.redactor.register_header(name, value)
        return headers

    def delete_headers(self, profile: str) -> None:
        try:
            self._keyring().delete_password(KEYRING_SERVICE, _headers_entry(profile))
        except Exception:  # missing entry or no keyring: nothing to delete
            pass

    # -- environment -----------------------------------------------------------------------------

    def from_env(self, variable: str) -> str:
        key = os.environ.get(variable, "").strip()
        if not key:
            raise SecretUnavailable(f"The environment variable {variable} that holds the API key is not set.")
        self.redactor.register(key)
        return key


def _headers_entry(profile: str) -> str:
    return f"{profile}#headers"
