"""The root of every error the user is meant to read.

Each error carries one human sentence (`str(err)`); the CLI prints it and exits with `exit_code`,
the GUI shows it in a banner. Anything that is not a `StudioError` is a bug in Relay Studio.

An error a front end should word in its own language also describes itself (`describe`): a stable
code and the arguments its sentence is made of, plain JSON, so a job can store it beside the English
sentence and a window can word it again later in whatever language it shows then.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class ErrorInfo(TypedDict):
    """What an error says, as data: `code` ("relay.auth", "network.refused", "runner.no-task-id") and
    the `args` of its sentence (numbers, strings, or a nested `ErrorInfo` for a cause). A nested cause
    also keeps its English `sentence`, for a front end that does not know its code."""

    code: str
    args: dict[str, Any]
    sentence: NotRequired[str]


def error_info(code: str, **args: Any) -> ErrorInfo:
    """An `ErrorInfo` of `code`, leaving out arguments that are unset (None or "")."""
    return ErrorInfo(code=code, args={name: value for name, value in args.items() if value not in (None, "")})


def cause_info(error: BaseException) -> ErrorInfo:
    """`error` as the cause inside another error's description: its own description (if any) and its
    English sentence."""
    described = error.describe() if isinstance(error, StudioError) else None
    info = ErrorInfo(code=described["code"], args=described["args"]) if described else ErrorInfo(code="", args={})
    info["sentence"] = str(error)
    return info


class StudioError(Exception):
    """An expected failure with a sentence for the user."""

    #: process exit code the CLI uses for this error (1: the relay or a job failed).
    exit_code = 1

    def describe(self) -> ErrorInfo | None:
        """The error as a code and arguments (see `ErrorInfo`), or None when only its sentence says it."""
        return None


class InputError(StudioError):
    """The user's input is wrong or missing; nothing was sent."""

    exit_code = 2


class ConfigError(StudioError):
    """The local configuration (profiles, routing, key source) cannot serve the request."""

    exit_code = 2


class Described(StudioError):
    """An error whose sentence is written by the code that raises it, with its code and arguments
    (the job runner's own sentences about a job)."""

    def __init__(self, sentence: str, code: str, **args: Any) -> None:
        super().__init__(sentence)
        self._info = error_info(code, **args)

    def describe(self) -> ErrorInfo | None:
        return self._info
