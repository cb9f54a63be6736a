"""Settings that are not secrets, stored as JSON values in the database.

Known settings and their defaults live in `DEFAULTS`, so a reader never guesses a fallback.
"""

from __future__ import annotations

import json
from typing import Any

from studio.storage.db import Database

DEFAULTS: dict[str, Any] = {
    # Seconds to wait for the next byte of a chat reply. Relays ping every 10-60 s and cut idle
    # upstreams after 300 s, and media-generating chats can sit silent for minutes.
    "chat.read_timeout": 300.0,
    "net.connect_timeout": 15.0,
    # Claude's /v1/messages requires max_tokens.
    "claude.max_tokens": 4096,
    # "" follows the OS; otherwise a Qt locale name such as "zh_CN".
    "ui.language": "",
    # Multiplies every family's poll intervals and download back-off (below 1: poll sooner).
    "jobs.poll_scale": 1.0,
    # Tries per result link before a job ends "done, link only" with a download-now action.
    "jobs.download_attempts": 4,
    # MB the disk holding the library must have free before a paid request is sent: below it the job is
    # refused, not sent, so its answer (a task id, the results) always has somewhere to go.
    "jobs.min_free_mb": 50,
    # model id -> family ("chat", "openai-images", "midjourney", …) when the name rules guess wrong.
    "families.overrides": {},
}


class Settings:
    """Typed access to the `settings` table."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._overrides: dict[str, Any] = {}

    def override(self, key: str, value: Any) -> None:
        """Change a setting for this process only (a command-line flag), without saving it."""
        self._overrides[key] = value

    def get(self, key: str, default: Any = None) -> Any:
        if key in self._overrides:
            return self._overrides[key]
        row = self._db.query_one("SELECT value FROM settings WHERE key = ?", (key,))
        if row is None:
            return DEFAULTS.get(key, default)
        return json.loads(row["value"])

    def set(self, key: str, value: Any) -> None:
        self._db.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value)),
        )

    def get_float(self, key: str) -> float:
        return float(self.get(key))

    def get_int(self, key: str) -> int:
        return int(self.get(key))
