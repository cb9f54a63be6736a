"""The root of every error the user is meant to read.

Each error carries one human sentence (`str(err)`); the CLI prints it and exits with `exit_code`,
the GUI shows it in a banner. Anything that is not a `StudioError` is a bug in Relay Studio.
"""

from __future__ import annotations


class StudioError(Exception):
    """An expected failure with a sentence for the user."""

    #: process exit code the CLI uses for this error (1: the relay or a job failed).
    exit_code = 1


class InputError(StudioError):
    """The user's input is wrong or missing; nothing was sent."""

    exit_code = 2


class ConfigError(StudioError):
    """The local configuration (profiles, routing, key source) cannot serve the request."""

    exit_code = 2
