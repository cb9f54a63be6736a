"""Runs one parsed command: opens the core, dispatches, and turns every failure into an exit code
and one sentence on stderr. A bug is logged (keys scrubbed) with its traceback and summarised."""

from __future__ import annotations

import argparse
import asyncio
import inspect
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from studio.cli import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK
from studio.errors import StudioError

log = logging.getLogger("studio.cli")

Handler = Callable[[Any, argparse.Namespace], "int | Awaitable[int]"]


class _StderrWarnings(logging.Handler):
    """Warnings from the core, as one `warning: …` line each on stderr. Errors (bugs, with their
    tracebacks) go to the log file only: the command's own sentence says what failed."""

    def __init__(self, redact: Callable[[str], str]) -> None:
        super().__init__(logging.WARNING)
        self._redact = redact

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno != logging.WARNING:
            return
        try:
            sys.stderr.write(f"warning: {self._redact(record.getMessage())}\n")
            sys.stderr.flush()
        except Exception:  # never let a warning kill a command
            pass


_COMMANDS: dict[tuple[str, str | None], tuple[str, str]] = {
    ("profile", "add"): ("studio.cli.profiles", "add"),
    ("profile", "list"): ("studio.cli.profiles", "list_profiles"),
    ("profile", "remove"): ("studio.cli.profiles", "remove"),
    ("profile", "use"): ("studio.cli.profiles", "use"),
    ("route", "set"): ("studio.cli.profiles", "route_set"),
    ("route", "list"): ("studio.cli.profiles", "route_list"),
    ("models", None): ("studio.cli.info", "models"),
    ("balance", None): ("studio.cli.info", "balance"),
    ("chat", None): ("studio.cli.chat", "chat"),
    ("image", None): ("studio.cli.jobs", "image"),
    ("video", None): ("studio.cli.jobs", "video"),
    ("speak", None): ("studio.cli.speech", "speak"),
    ("transcribe", None): ("studio.cli.transcribe", "transcribe"),
    ("music", None): ("studio.cli.music", "music"),
    ("lyrics", None): ("studio.cli.music", "lyrics"),
    **{("mj", a): ("studio.cli.jobs", "mj") for a in ("imagine", "action", "blend", "describe", "shorten",
                                                       "swap-face")},
    ("jobs", "list"): ("studio.cli.jobs", "jobs_list"),
    ("jobs", "show"): ("studio.cli.jobs", "jobs_show"),
    ("jobs", "wait"): ("studio.cli.jobs", "jobs_wait"),
    ("jobs", "cancel"): ("studio.cli.jobs", "jobs_cancel"),
    ("jobs", "retry"): ("studio.cli.jobs", "jobs_retry"),
    ("jobs", "resume"): ("studio.cli.jobs", "jobs_resume"),
    ("gallery", "list"): ("studio.cli.gallery", "gallery_list"),
    ("gallery", "show"): ("studio.cli.gallery", "gallery_show"),
    ("gallery", "export"): ("studio.cli.gallery", "gallery_export"),
    ("gallery", "delete"): ("studio.cli.gallery", "gallery_delete"),
    ("gallery", "favorite"): ("studio.cli.gallery", "gallery_favorite"),
    ("gallery", "tag"): ("studio.cli.gallery", "gallery_tag"),
}


def _handler(args: argparse.Namespace) -> Handler:
    """Import only the module of the command being run."""
    import importlib

    module, name = _COMMANDS[(args.command, getattr(args, "action", None))]
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def error_line(message: str) -> None:
    sys.stderr.write(f"studio: {message}\n")
    sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    from studio.services.core import StudioCore

    core = None
    studio_log = logging.getLogger("studio")
    handlers: list[logging.Handler] = [logging.NullHandler()]  # no last-resort traceback on stderr
    studio_log.addHandler(handlers[0])
    try:
        core = StudioCore.open()
        from studio.cli.profiles import ask_passphrase

        core.secrets.passphrase_prompt = ask_passphrase  # a key in the encrypted file: asked on the terminal
        handlers.append(core.log_to_file())
        handlers.append(_StderrWarnings(core.redactor.redact))
        studio_log.addHandler(handlers[-1])
        if core.db.replaced is not None:
            error_line(f"The database at {core.paths.database} was damaged; it was copied aside to "
                       f"{core.db.replaced}; a new one was started.")
            return EXIT_FAILED
        handler = _handler(args)
        result = handler(core, args)
        if inspect.isawaitable(result):
            result = asyncio.run(_closing(core, result))
        return int(result or EXIT_OK)
    except KeyboardInterrupt:
        error_line("interrupted.")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `studio chat … | head`: the reader left; nothing more to say
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    except StudioError as exc:
        message = core.redactor.redact(str(exc)) if core else str(exc)
        error_line(message)
        return exc.exit_code
    except Exception as exc:  # a bug: log it, say one sentence
        log.exception("unexpected error in `studio %s`", args.command)
        where = f"; details are in {core.paths.logs / 'studio.log'}" if core else ""
        error_line(f"unexpected internal error ({type(exc).__name__}){where}.")
        return EXIT_FAILED
    finally:
        if core is not None:
            core.db.close()
        for log_handler in handlers:  # a second `run` in the same process (tests, benchmarks) starts clean
            for logger in (studio_log, logging.getLogger("httpx")):
                logger.removeHandler(log_handler)
            log_handler.close()


async def _closing(core: Any, awaitable: Awaitable[int]) -> int:
    try:
        return await awaitable
    finally:
        await core.aclose()  # unfinished jobs keep their state for the next start
