"""ruff is part of the suite: style, imports, and the banned-API rule that keeps Qt, qasync and vlc
out of the core and the CLI (pyproject.toml [tool.ruff])."""

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_ruff_is_clean() -> None:
    ruff = Path(sys.executable).with_name("ruff")
    command = [str(ruff)] if ruff.exists() else [shutil.which("ruff") or ""]
    assert command[0], "ruff is not installed (pip install -e '.[test]')"
    result = subprocess.run([*command, "check", "studio", "tests", "benchmarks", "packaging"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
