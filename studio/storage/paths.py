"""Where Relay Studio keeps its data.

One data directory holds everything: `$STUDIO_HOME` when set (tests, portable installs), otherwise the
platform's user data dir. Nothing is created until a command needs it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from studio.errors import StudioError

APP_NAME = "RelayStudio"
DB_FILENAME = "studio.sqlite3"


class DataFolderError(StudioError):
    """The data folder (or a folder in it) cannot be created or written."""


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

    @property
    def cache(self) -> Path:
        """What may be deleted at any time and is fetched again (the relays' model lists and balances)."""
        return self.root / "cache"

    def ensure(self) -> DataPaths:
        """Create the directory tree (idempotent) and return self."""
        for path in (self.root, self.library, self.attachments, self.logs):
            try:
                path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DataFolderError(f"The data folder {path} cannot be created ({exc.strerror or exc}); "
                                      "set STUDIO_HOME to a folder Relay Studio may write to.") from None
        return self


class OutsideDataFolder(StudioError):
    """A path read from the database points outside the folder it belongs in: refused, never followed."""


def contains(folder: Path, path: object) -> bool:
    """Whether `path` (an absolute path read from the database) lies inside `folder`, links followed."""
    return isinstance(path, str) and bool(path) and Path(path).resolve().is_relative_to(folder.resolve())


def inside(root: Path, stored: str, folder: str, *, follow_links: bool = True) -> Path:
    """The file a database row names, `root/stored`, provided it lies inside `root/folder`.

    The database is input (a backup from another machine, a row edited by hand): a stored path that is
    absolute, climbs out with `..`, or leads outside through a symbolic link would make a delete, an
    export or an upload act on a file that is not Relay Studio's. Such a path raises `OutsideDataFolder`.
    `follow_links=False` checks the path as written only (cheap, for listing thousands of rows)."""
    relative = PurePosixPath(stored.replace("\\", "/")) if isinstance(stored, str) else PurePosixPath("..")
    candidate = root / relative
    within = PurePosixPath(folder).parts
    if (not stored or relative.is_absolute() or PureWindowsPath(stored).drive or ".." in relative.parts
            or relative.parts[: len(within)] != within
            or (follow_links and not candidate.resolve().is_relative_to((root / folder).resolve()))):
        raise OutsideDataFolder(f"The saved path {stored!r} points outside the {folder} folder of the data "
                                "folder; it was not touched.")
    return candidate
