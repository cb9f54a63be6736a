"""API keys: in the OS keyring (service `RelayStudio`, one entry per profile) or in an environment
variable that the profile names. Never anywhere else.

There is deliberately no plaintext fallback: when no keyring backend exists the user is told so in
one sentence and pointed at `--key-env`. A backend that would not keep the key encrypted by the OS
(`keyrings.alt`'s files, the null and fail backends, anything keyring does not recommend) counts as
none. Every key read is also registered with a `Redactor`, so logs and error messages can scrub it.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from typing import TYPE_CHECKING

from studio.errors import ConfigError

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

KEYRING_SERVICE = "RelayStudio"

# Things that look like credentials even when we were never told about them.
_KEYISH = re.compile(r"(?i)(bearer\s+|x-api-key[\"']?\s*[:=]\s*[\"']?|\bsk-)[A-Za-z0-9._~+/=&-]{6,}")


class SecretUnavailable(ConfigError):
    """The key for a profile cannot be read (no keyring, missing entry, unset variable)."""


class Redactor:
    """Scrubs known secrets, and anything shaped like a bearer token, out of text."""

    def __init__(self) -> None:
        self._secrets: set[str] = set()
        self._lock = threading.Lock()

    def register(self, secret: str) -> None:
        if len(secret) >= 4:
            with self._lock:
                self._secrets.add(secret)

    def redact(self, text: str) -> str:
        with self._lock:
            secrets = sorted(self._secrets, key=len, reverse=True)
        for secret in secrets:
            if secret in text:
                text = text.replace(secret, "***")
        return _KEYISH.sub(lambda m: m.group(1) + "***", text)


class RedactingFilter(logging.Filter):
    """A logging filter that renders each record's message and scrubs it."""

    def __init__(self, redactor: Redactor) -> None:
        super().__init__()
        self._redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = self._redactor.redact(message)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            import traceback

            text = "".join(traceback.format_exception(*record.exc_info))
            record.exc_text = self._redactor.redact(text)
            record.exc_info = None
            record.msg = f"{record.msg}\n{record.exc_text}"
            record.exc_text = None
        return True


#: backends that keep nothing or keep it in a file anyone with the disk can read (base64 is no cipher)
_INSECURE_MODULES = ("keyrings.alt", "keyring.backends.null", "keyring.backends.fail")


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
    """Reads and writes profile keys in the keyring, or reads them from the environment."""

    def __init__(self, redactor: Redactor | None = None, backend: KeyringBackend | None = None) -> None:
        self.redactor = redactor or Redactor()
        self._backend = backend

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
                "use --key-env VAR to read the key from an environment variable instead."
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
                f"add it again with `studio profile add {profile} --base-url URL --key-stdin`."
            )
        self.redactor.register(key)
        return key

    # -- environment -----------------------------------------------------------------------------

    def from_env(self, variable: str) -> str:
        key = os.environ.get(variable, "").strip()
        if not key:
            raise SecretUnavailable(f"The environment variable {variable} that holds the API key is not set.")
        self.redactor.register(key)
        return key
