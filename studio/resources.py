"""Where the repository's `resources/` folder is: installed as the package `relay_studio_resources`
(pyproject.toml), a real folder in a wheel's and in the editable install's site-packages.

Found from the package's import spec rather than `importlib.resources.files`, whose import (zipfile and
its kin, ~15 ms) the window's first frame would otherwise wait for; a package that is no folder (a zip)
still goes through `importlib.resources`."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

PACKAGE = "relay_studio_resources"


@cache
def resources() -> Path:
    """The folder holding `icons/` and `i18n/`."""
    spec = importlib.util.find_spec(PACKAGE)
    for location in (spec.submodule_search_locations or []) if spec is not None else []:
        folder = Path(location)
        if folder.is_dir():
            return folder
    from importlib.resources import files

    return Path(str(files(PACKAGE)))
