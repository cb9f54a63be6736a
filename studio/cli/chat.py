"""`studio chat`: one turn, the reply streamed to stdout as it arrives.

stdout carries only the reply text (and keeps whatever arrived when the stream breaks); reasoning is
shown dimmed on stderr when stderr is a terminal; errors are one sentence on stderr. Ctrl-C and
SIGTERM both stop the stream and keep what arrived (`interrupted`); they exit 130 and 143.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from studio.api.chattypes import ChatChunk
from studio.cli import EXIT_TERMINATED
from studio.cli.output import note, print_json, read_stdin_text
from studio.errors import InputError, StudioError
from studio.services.chat import ChatTurnFailed
from studio.services.core import StudioCore

_DIM, _RESET = "\033[2m", "\033[0m"


class _Printer:
    """Writes deltas as they come; remembers whether the output needs a final newline."""

    def __init__(self, show_reasoning: bool) -> None:
        self._show_reasoning = show_reasoning
        self._last = "\n"
        self._thinking = False

    def __call__(self, chunk: ChatChunk) -> None:
        if chunk.reasoning and self._show_reasoning:
            if not self._thinking:
                sys.stderr.write(_DIM)
                self._thinking = True
            sys.stderr.write(chunk.reasoning)
            sys.stderr.flush()
        if chunk.content:
            self._end_thinking()
            sys.stdout.write(chunk.content)
            sys.stdout.flush()
            self._last = chunk.content[-1]

    def _end_thinking(self) -> None:
        if self._thinking:
            sys.stderr.write(_RESET + "\n")
            sys.stderr.flush()
            self._thinking = False

    def finish(self) -> None:
        self._end_thinking()
        if self._last != "\n":
            sys.stdout.write("\n")
            sys.stdout.flush()
            self._last = "\n"


class Terminated(StudioError):
    """SIGTERM stopped the turn; the reply so far was saved."""

    exit_code = EXIT_TERMINATED


@contextmanager
def _sigterm_cancels() -> Iterator[list[bool]]:
    """While inside, SIGTERM cancels this task the way Ctrl-C does (the reply so far is saved) instead
    of killing the process; yields a flag that is true once it happened."""
    loop, task = asyncio.get_running_loop(), asyncio.current_task()
    terminated = [False]

    def cancel() -> None:
        if not terminated[0] and task is not None:
            terminated[0] = True
            task.cancel()

    try:
        loop.add_signal_handler(signal.SIGTERM, cancel)
    except (NotImplementedError, RuntimeError):  # no signal handlers on this loop (Windows)
        yield terminated
        return
    try:
        yield terminated
    finally:
        loop.remove_signal_handler(signal.SIGTERM)


def _prompt(args: argparse.Namespace) -> str:
    if args.prompt == "-":
        return read_stdin_text()
    return str(args.prompt)


async def chat(core: StudioCore, args: argparse.Namespace) -> int:
    prompt = _prompt(args)
    attachments = core.chat.check_attachments(args.image, args.file)
    if not prompt.strip():
        raise InputError("The prompt is empty.")
    conversation = core.chat.resolve_conversation(args.continue_id)
    if args.timeout is not None:
        if args.timeout <= 0:
            raise InputError("--timeout must be a positive number of seconds.")
        core.settings.override("chat.read_timeout", args.timeout)
    printer = None if args.json else _Printer(show_reasoning=sys.stderr.isatty())
    try:
        with _sigterm_cancels() as terminated:
            result = await core.chat.send(
                prompt,
                model=args.model,
                profile=args.profile,
                api=args.api,
                system=args.system,
                attachments=attachments,
                conversation=conversation,
                stream=not args.no_stream,
                on_chunk=printer,
            )
    except ChatTurnFailed as failed:
        if printer is not None:
            printer.finish()
        raise failed.cause from None
    except asyncio.CancelledError:
        if not terminated[0]:
            raise
        current = asyncio.current_task()
        if current is not None:
            current.uncancel()
        if printer is not None:
            printer.finish()
        raise Terminated("terminated; what arrived of the reply is saved.") from None
    if args.json:
        reply = result.reply
        print_json({
            "conversation_id": result.conversation_id,
            "model": result.model,
            "profile": result.profile,
            "reply": reply.text,
            "reasoning": reply.reasoning,
            "finish_reason": reply.finish_reason,
            "usage": reply.usage.as_dict() if reply.usage else None,
        })
        return 0
    assert printer is not None
    if args.no_stream:
        if result.reply.reasoning and sys.stderr.isatty():
            note(_DIM + result.reply.reasoning + _RESET)
        printer(ChatChunk(content=result.reply.text))
    printer.finish()
    return 0
