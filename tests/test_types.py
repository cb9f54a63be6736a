"""mypy (strict, configured in pyproject.toml) over studio/ is part of the suite, beside the lint test:
a type error fails the build like a failing test."""

import subprocess
import sys

from tests.conftest import ROOT


def test_mypy_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy", "--no-color-output", "--no-error-summary"], cwd=ROOT,
                            capture_output=True, text=True)
    assert "No module named mypy" not in result.stderr, "mypy is not installed (pip install -e '.[test]')"
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
