"""Where Relay Studio keeps its data.

One data directory holds everything: `$STUDIO_HOME` when set (tests, portable installs), otherwise the
platform's user data dir. Nothing is created until a command needs it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "RelayStudio"
DB_FILENAME = "studio.sqlite3"


@dataclass(frozen=True, slots=True)
class DataPaths:
    """The layout of the data directory."""

    root: Path

    @classmethod
    def default(cls) -> DataPaths:
        home = os.environ.get("STUDIO_HOME")
        if home:
            return cls(Path(home).expanduser().resolve())
        import platformdirs  # imported here: `studio --help` must not pay for it

        return cls(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))

    @property
    def database(self) -> Path:
        return self.root / DB_FILENAME

    @property
    def library(self) -> Path:
        return self.root / "library"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def thumbs(self) -> Path:
        return self.root / "thumbs"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    def ensure(self) -> DataPaths:
        """Create the directory tree (idempotent) and return self."""
        for path in (self.root, self.library, self.attachments, self.logs):
            path.mkdir(parents=True, exist_ok=True)
        return self
