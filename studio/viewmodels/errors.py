"""Error sentences in the user's language.

The Qt-free core words its errors in English (the CLI prints them as they are). The GUI rebuilds
the same sentence from the error's fields through Qt's translation, keeping the relay's own message
and request id verbatim; an error this table does not know keeps its English sentence.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from studio.api import errors as api
from studio.errors import StudioError
from studio.services.jobs import FormatCannotMake
from studio.storage.secrets import SecretUnavailable
from studio.viewmodels.families import cannot_make


def _category(error: api.RelayError) -> str:
    categories = {
        api.AuthError: QCoreApplication.translate("Errors", "The relay rejected the API key; check the key of this profile"),
        api.QuotaExceeded: QCoreApplication.translate("Errors", "The relay account has no quota left"),
        api.PermissionDenied: QCoreApplication.translate("Errors", "The relay refused the request"),
        api.NotFound: QCoreApplication.translate("Errors", "The relay does not know this endpoint; check the base URL"),
        api.ModelUnavailable: QCoreApplication.translate("Errors", "The relay has no channel for this model"),
        api.RateLimited: QCoreApplication.translate("Errors", "The relay is rate-limiting requests, try again shortly"),
        api.NotImplementedByRelay: QCoreApplication.translate("Errors", "The relay does not implement this endpoint"),
        api.ServerError: QCoreApplication.translate("Errors", "The relay failed"),
        api.StreamError: QCoreApplication.translate("Errors", "The relay reported an error in the middle of the reply"),
        api.BadRequest: QCoreApplication.translate("Errors", "The relay rejected the request"),
    }
    return categories.get(type(error), QCoreApplication.translate("Errors", "The relay returned an error"))


def _network(error: api.NetworkError) -> str:
    host, seconds = error.host, f"{error.seconds:g}" if error.seconds else ""
    sentences = {
        "refused": QCoreApplication.translate("Errors", "Cannot reach the relay at {host}; it refused the connection or is down."),
        "dns": QCoreApplication.translate("Errors", "The relay's host name {host} cannot be resolved; check the base URL."),
        "tls": QCoreApplication.translate("Errors", "The TLS certificate of {host} could not be verified."),
        "proxy": QCoreApplication.translate("Errors", "The proxy refused the connection to {host}."),
        "broken": QCoreApplication.translate("Errors", "The connection to the relay at {host} broke before the answer was complete."),
        "connect-timeout": QCoreApplication.translate("Errors", "Connecting to the relay at {host} timed out after {seconds} s."),
        "read-timeout": QCoreApplication.translate("Errors", "The relay at {host} sent nothing for {seconds} s; it may be overloaded."),
        "timeout": QCoreApplication.translate("Errors", "The connection to the relay at {host} timed out."),
    }
    template = sentences.get(error.reason)
    return template.format(host=host, seconds=seconds) if template and host else str(error)


def _secret(error: SecretUnavailable) -> str:
    """A key that cannot be read, worded for the window: the core's sentence names CLI flags."""
    name = error.profile
    sentences = {
        "memory-gone": QCoreApplication.translate("Errors", "The API key of {0} was kept in memory only and is gone since the studio quit; open Relay profiles and paste it again."),
        "file-locked": QCoreApplication.translate("Errors", "The API key of {0} is in the encrypted key file, which was not unlocked; restart the studio and enter the passphrase when it asks."),
        "keyring-missing": QCoreApplication.translate("Errors", "No API key is stored for {0}; open Relay profiles and paste it again."),
        "no-keyring": QCoreApplication.translate("Errors", "No system keyring is available to keep the API key safe; open Relay profiles and keep it in memory or in an encrypted file."),
        "wrong-passphrase": QCoreApplication.translate("Errors", "That passphrase does not open the encrypted key file."),
    }
    template = sentences.get(error.code)
    return template.format(name) if template else str(error)


def localized(error: StudioError) -> str:
    """One sentence for `error`, translated where the GUI knows its shape."""
    cause = getattr(error, "cause", None)
    if isinstance(cause, StudioError):
        error = cause
    if isinstance(error, FormatCannotMake):
        return cannot_make(error.model, error.family, error.capability)
    if isinstance(error, api.RelayError):
        where = QCoreApplication.translate("Errors", "HTTP {0}").format(error.status) if error.status else QCoreApplication.translate("Errors", "in the reply")
        if error.message:
            sentence = QCoreApplication.translate("Errors", "{category}: {message} ({where}).").format(
                category=_category(error), message=error.message, where=where)
        else:
            sentence = QCoreApplication.translate("Errors", "{category} ({where}).").format(category=_category(error), where=where)
        if isinstance(error, api.RateLimited) and error.retry_after:
            sentence += " " + QCoreApplication.translate("Errors", "It asks to wait {0} s.").format(f"{error.retry_after:g}")
    elif isinstance(error, api.StreamInterrupted):
        sentence = QCoreApplication.translate("Errors", "The relay cut the reply off before it finished; what arrived was kept.")
    elif isinstance(error, api.NetworkError):
        sentence = _network(error)
    elif isinstance(error, api.BadResponse):
        sentence = QCoreApplication.translate("Errors", "The relay sent an answer Relay Studio cannot read; check that the base URL points at its API.")
    elif isinstance(error, SecretUnavailable) and error.code:
        return _secret(error)
    else:
        return str(error)
    if getattr(error, "request_id", None):
        sentence += " " + QCoreApplication.translate("Errors", "(request id: {0})").format(error.request_id)
    return sentence


#: why a picture was refused for a frame slot (the view-model finds out which, then words it here)
MISSING, NOT_A_FILE, TOO_LARGE, NOT_A_PICTURE, DAMAGED = "missing", "not-a-file", "too-large", "not-a-picture", "damaged"


def _megabytes(size: int) -> str:
    if size >= 1024 ** 3:
        return QCoreApplication.translate("Errors", "{0} GB").format(f"{size / 1024 ** 3:.1f}")
    return QCoreApplication.translate("Errors", "{0} MB").format(f"{size / 1024 ** 2:.1f}")


def refused_picture(case: str, name: str, size: int = 0, limit: int = 0) -> str:
    """One sentence for a picture refused as a video's frame (`case` of MISSING … DAMAGED); `name` is the
    full path when the file is missing, else the file's name."""
    if case == MISSING:
        return QCoreApplication.translate("Errors", "{0} does not exist.").format(name)
    if case == NOT_A_FILE:
        return QCoreApplication.translate("Errors", "{0} is not a file.").format(name)
    if case == TOO_LARGE:
        return QCoreApplication.translate("Errors", "{0} is {1}; a frame picture may be at most {2}.").format(
            name, _megabytes(size), _megabytes(limit))
    if case == DAMAGED:
        return QCoreApplication.translate("Errors", "{0} is damaged: it does not decode as a picture.").format(name)
    return QCoreApplication.translate("Errors", "{0} is not a PNG, JPEG, GIF, WebP or HEIC picture.").format(name)
