"""A gallery over a fresh database in `tmp_path`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.gallery.store import GalleryStore
from studio.storage.db import Database


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def db(home: Path) -> Iterator[Database]:
    home.mkdir()
    database = Database(home / "studio.sqlite3")
    yield database
    database.close()


@pytest.fixture
def store(db: Database, home: Path) -> GalleryStore:
    return GalleryStore(db, home)
