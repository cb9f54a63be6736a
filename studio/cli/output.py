"""Printing helpers shared by the commands: JSON documents and aligned columns."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any


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
