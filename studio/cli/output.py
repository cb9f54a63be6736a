"""Terminal helpers shared by the commands: a prompt read from stdin, JSON documents and aligned
columns."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from studio.errors import InputError


def read_stdin_text() -> str:
    """All of stdin as text (`studio chat -`): bytes decoded as UTF-8 (a leading BOM dropped, newlines
    as text mode gives them), or `InputError` with one sentence."""
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:  # replaced by a text-only stream (tests, embedding)
        return sys.stdin.read()
    try:
        text: str = raw.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("The prompt read from standard input is not valid UTF-8.") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def print_json(document: Any) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def print_table(rows: Sequence[Sequence[str]], *, header: Sequence[str] | None = None) -> None:
    all_rows = [list(header)] + [list(r) for r in rows] if header else [list(r) for r in rows]
    if not all_rows:
        return
    widths = [max(len(r[i]) for r in all_rows) for i in range(len(all_rows[0]))]
    for row in all_rows:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]
        sys.stdout.write("  ".join(cells).rstrip() + "\n")


def note(message: str) -> None:
    """Progress and notes go to stderr, so stdout stays the result."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()
