"""Error sentences in the user's language.

The Qt-free core words its errors in English (the CLI prints them as they are) and describes them as a
code and its arguments (`StudioError.describe`), which a job stores beside its sentence. The GUI rebuilds
the sentence from that description through Qt's translation (`worded`: one table for a live error and a
stored one), keeping the relay's own message and request id verbatim; a code this table does not know
keeps its English sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from studio.errors import StudioError
from studio.jobs.model import Job
from studio.viewmodels.families import cannot_make, coded_note, family_label, localized_note


def _category(kind: str) -> str:
    """What a relay error of `kind` (studio/api/errors.py `RELAY_CODES`) is, in a few words."""
    categories = {
        "auth": QCoreApplication.translate("Errors", "The relay rejected the API key; check the key of this profile"),
        "quota": QCoreApplication.translate("Errors", "The relay account has no quota left"),
        "refused": QCoreApplication.translate("Errors", "The relay refused the request"),
        "not-found": QCoreApplication.translate("Errors", "The relay does not know this endpoint; check the base URL"),
        "no-channel": QCoreApplication.translate("Errors", "The relay has no channel for this model"),
        "rate-limited": QCoreApplication.translate("Errors", "The relay is rate-limiting requests, try again shortly"),
        "not-implemented": QCoreApplication.translate("Errors", "The relay does not implement this endpoint"),
        "failed": QCoreApplication.translate("Errors", "The relay failed"),
        "stream-error": QCoreApplication.translate("Errors", "The relay reported an error in the middle of the reply"),
        "rejected": QCoreApplication.translate("Errors", "The relay rejected the request"),
    }
    return categories.get(kind, QCoreApplication.translate("Errors", "The relay returned an error"))


def _relay(kind: str, args: Mapping[str, Any]) -> str:
    status, message = args.get("status"), str(args.get("message") or "")
    where = QCoreApplication.translate("Errors", "HTTP {0}").format(status) if status else QCoreApplication.translate("Errors", "in the reply")
    if message:
        sentence = QCoreApplication.translate("Errors", "{category}: {message} ({where}).").format(
            category=_category(kind), message=message, where=where)
    else:
        sentence = QCoreApplication.translate("Errors", "{category} ({where}).").format(category=_category(kind), where=where)
    if kind == "rate-limited" and args.get("retry_after"):
        sentence += " " + QCoreApplication.translate("Errors", "It asks to wait {0} s.").format(f"{float(args['retry_after']):g}")
    return sentence


def _network(reason: str, args: Mapping[str, Any]) -> str | None:
    host, seconds = str(args.get("host") or ""), f"{float(args['seconds']):g}" if args.get("seconds") else ""
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
    template = sentences.get(reason)
    return template.format(host=host, seconds=seconds) if template and host else None


def _secret(case: str, args: Mapping[str, Any]) -> str | None:
    """A key that cannot be read, worded for the window: the core's sentence names CLI flags."""
    sentences = {
        "memory-gone": QCoreApplication.translate("Errors", "The API key of {0} was kept in memory only and is gone since the studio quit; open Relay profiles and paste it again."),
        "file-locked": QCoreApplication.translate("Errors", "The API key of {0} is in the encrypted key file, which was not unlocked; restart the studio and enter the passphrase when it asks."),
        "keyring-missing": QCoreApplication.translate("Errors", "No API key is stored for {0}; open Relay profiles and paste it again."),
        "no-keyring": QCoreApplication.translate("Errors", "No system keyring is available to keep the API key safe; open Relay profiles and keep it in memory or in an encrypted file."),
        "wrong-passphrase": QCoreApplication.translate("Errors", "That passphrase does not open the encrypted key file."),
    }
    template = sentences.get(case)
    return template.format(args.get("profile", "")) if template else None


def _disk(args: Mapping[str, Any]) -> str:
    free = args["free"]
    if args.get("keep"):
        return QCoreApplication.translate("Errors", "The disk holding the library is full: {0} MB free, and Relay Studio keeps {1} MB free before it sends a paid request.").format(free, args["keep"])
    if args.get("needed"):
        return QCoreApplication.translate("Errors", "The disk holding the library is full: {0} MB free, the file needs {1} MB.").format(free, args["needed"])
    return QCoreApplication.translate("Errors", "The disk holding the library is full: {0} MB free.").format(free)


def _cause(args: Mapping[str, Any]) -> str:
    """The cause nested in a runner's sentence, worded without its full stop (to go on with the sentence)."""
    cause = args.get("cause")
    if not isinstance(cause, Mapping):
        raise KeyError("cause")
    return worded(cause, str(cause.get("sentence") or "")).rstrip(".。 ")


def _runner(case: str, args: Mapping[str, Any]) -> str | None:
    """The job runner's own sentences about a job (studio/jobs/runner.py)."""
    if case == "no-task-id":
        return QCoreApplication.translate("Errors", "The relay accepted the job but gave no task id.")
    if case == "unsupported-family":
        return QCoreApplication.translate("Errors", "This version of Relay Studio cannot run {0} jobs.").format(
            family_label(str(args["family"])))
    if case == "relay-failed":
        return QCoreApplication.translate("Errors", "The relay reported a failure.")
    if case == "cancelled-while-sending":
        return QCoreApplication.translate("Errors", "The job was cancelled while it was being sent; the relay may have received it.")
    if case == "bug":
        return QCoreApplication.translate("Errors", "Relay Studio failed while running this job; the details are in the log file. Retry it to continue.")
    if case == "links-kept":
        return QCoreApplication.translate("Errors", "{0} result(s) could not be downloaded; the relay's temporary link may still work.").format(int(args["count"]))
    with_cause = {
        "nothing-sent": QCoreApplication.translate("Errors", "{0}; nothing was sent."),
        "unknown-after-send": QCoreApplication.translate("Errors", "{0} after the request was sent; the relay may have started the job. Check the relay's task list, then submit again or discard."),
        "maybe-started": QCoreApplication.translate("Errors", "{0}; the relay may still have started the job. Check its task list, then submit again or discard."),
        "no-room-link-kept": QCoreApplication.translate("Errors", "{0}; the relay's temporary link is kept: free some space, then download again."),
    }
    template = with_cause.get(case)
    return template.format(_cause(args)) if template else None


def _task(case: str, args: Mapping[str, Any]) -> str | None:
    """A task the relay (or the vendor behind it) failed: its own reason stays verbatim."""
    vendor = str(args.get("vendor") or "") or QCoreApplication.translate("Errors", "The relay")
    if case == "no-image":
        return QCoreApplication.translate("Errors", "{0} finished the task without an image.").format(vendor)
    reason = str(args.get("reason") or "")
    if case == "no-result":
        return QCoreApplication.translate("Errors", "The relay did not return a result: {0}.").format(
            reason or QCoreApplication.translate("Errors", "the model's answer contains no media link"))
    if case != "failed":
        return None
    templates = {
        "task": QCoreApplication.translate("Errors", "{0} failed the task: {1}."),
        "video": QCoreApplication.translate("Errors", "{0} failed the video: {1}."),
        "generation": QCoreApplication.translate("Errors", "{0} failed the generation: {1}."),
    }
    template = templates.get(str(args.get("what") or "task"))
    return template.format(vendor, reason or QCoreApplication.translate("Errors", "no reason given")) if template else None


def _coded(code: str, args: Mapping[str, Any]) -> str | None:
    """The sentence of `code` in the user's language, or None when the code is not known here."""
    area, _, case = code.partition(".")
    if area == "relay":
        if case == "cut-off":
            sentence = QCoreApplication.translate("Errors", "The relay cut the reply off before it finished; what arrived was kept.")
        elif case == "unreadable":
            sentence = QCoreApplication.translate("Errors", "The relay sent an answer Relay Studio cannot read; check that the base URL points at its API.")
        else:
            sentence = _relay(case, args)
        if args.get("request_id"):
            sentence += " " + QCoreApplication.translate("Errors", "(request id: {0})").format(args["request_id"])
        return sentence
    if area == "network":
        return _network(case, args)
    if area == "keys":
        return _secret(case, args)
    if area == "disk" and case == "full":
        return _disk(args)
    if code == "format.cannot-make":
        return cannot_make(str(args["model"]), str(args["family"]), str(args["capability"]))
    if area == "runner":
        return _runner(case, args)
    if area == "task":
        return _task(case, args)
    if area == "transcribe":
        return _transcription(case, args)
    return coded_note(code, args)


def _transcription(case: str, args: Mapping[str, Any]) -> str | None:
    """A transcription job's notes and its no-speech error (studio/jobs/transcription.py)."""
    if case == "no-speech":
        return refused_audio(NO_SPEECH, str(args.get("name") or ""))
    if case == "silent":
        return QCoreApplication.translate("Errors", "{0} is silent; nothing was sent.").format(args["name"])
    if case == "parts":
        return QCoreApplication.translate("Errors", "{0} of {1} parts transcribed").format(args["done"], args["total"])
    if case == "prepared":
        return QCoreApplication.translate("Errors", "Cutting the recording into parts: {0} minutes so far").format(
            args["minutes"])
    if case == "preparing":
        return QCoreApplication.translate("Errors", "The recording is longer than one upload; cutting it into parts")
    if case == "smaller-parts":
        return QCoreApplication.translate("Errors", "The relay takes at most {0} MB an upload; cutting smaller "
                                                    "parts").format(args["megabytes"])
    if case == "shorter-parts":
        return QCoreApplication.translate("Errors", "{0} takes at most {1} minutes an upload: cutting shorter "
                                                    "parts").format(args["model"], args["minutes"])
    if case == "compressing":
        return QCoreApplication.translate("Errors", "Compressing {0}").format(args["name"])
    if case == "compressed":
        return QCoreApplication.translate("Errors", "Compressed {0} minutes of {1}").format(args["minutes"],
                                                                                          args["name"])
    return None


def worded(info: Mapping[str, Any] | None, sentence: str) -> str:
    """An error or a job's note described as a code and its arguments (studio/errors.py `ErrorInfo`: live, or
    stored with a job) in the user's language; the relay's own words and request id stay as they are. A code
    not known here, a description that does not read (a damaged row) or none at all gives `sentence`, the
    English one, translated only where its shape is known (`localized_note`: rows stored before codes)."""
    if isinstance(info, Mapping) and isinstance(info.get("code"), str) and isinstance(info.get("args"), Mapping):
        try:
            coded = _coded(info["code"], info["args"])
        except (KeyError, IndexError, TypeError, ValueError):  # arguments that do not fit their code
            coded = None
        if coded:
            return coded
    return localized_note(sentence)


def stored_error(job: Job) -> str:
    """A job's stored error in the user's language ("" when it has none)."""
    return worded(job.error_detail, job.error) if job.error else ""


def localized(error: StudioError) -> str:
    """One sentence for `error`, translated where the GUI knows its shape."""
    cause = getattr(error, "cause", None)
    if isinstance(cause, StudioError):
        error = cause
    return worded(error.describe(), str(error))


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


#: why a recording was refused for a transcription (studio/viewmodels/audio.py `check_recording` finds out which,
#: as studio/services/audio_input.py checks it; MISSING, NOT_A_FILE, TOO_LARGE and DAMAGED as for pictures)
EMPTY, NOT_AUDIO, NO_SOUND, NO_SPEECH = "empty", "not-audio", "no-sound", "no-speech"


def refused_audio(case: str, name: str, size: int = 0, limit: int = 0) -> str:
    """One sentence for a recording that cannot be transcribed (`case` of the constants above); `name` is the
    full path when the file is missing, else the file's name."""
    if case in (MISSING, NOT_A_FILE):
        return refused_picture(case, name)
    if case == TOO_LARGE:
        return QCoreApplication.translate("Errors", "{0} is {1}; a recording to transcribe may be at most {2}.").format(
            name, _megabytes(size), _megabytes(limit))
    if case == EMPTY:
        return QCoreApplication.translate("Errors", "{0} is empty: there is nothing to transcribe.").format(name)
    if case == DAMAGED:
        return QCoreApplication.translate("Errors", "{0} is damaged: it does not play as sound.").format(name)
    if case == NO_SOUND:
        return QCoreApplication.translate("Errors", "{0} holds no sound to transcribe.").format(name)
    if case == NO_SPEECH:
        return QCoreApplication.translate("Errors", "No speech was heard in {0} (it may be silent); nothing was "
                                                    "saved.").format(name)
    return QCoreApplication.translate("Errors", "{0} is not an audio or video file.").format(name)
