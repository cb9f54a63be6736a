"""Installed, not just cloned: a wheel built from the repository, installed in a fresh venv, runs the CLI
and the window (with its Chinese catalogue) from a folder outside the repository, offline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import time
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.conftest import KEY, ROOT
from tests.relay import RelayServer

#: what a wheel is built from: the same files a fresh clone has (no .qm: they are compiled below)
SOURCES = ("pyproject.toml", "README.md", "studio", "resources", "packaging/i18n.py")


def test_every_package_is_listed_in_pyproject() -> None:
    """pyproject.toml lists the packages (the resources mapping rules out `packages.find`): none forgotten."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = {str(init.parent.relative_to(ROOT)).replace(os.sep, ".") for init in (ROOT / "studio").rglob("__init__.py")}
    assert set(config["packages"]) == found | {"relay_studio_resources"}
    assert config["package-dir"] == {"relay_studio_resources": "resources"}


def _run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=120, **kwargs)
    assert result.returncode == 0, f"{command}: {result.stdout[-1500:]}{result.stderr[-3000:]}"
    return result


def build_wheel(work: Path) -> Path:
    """Copy the sources, compile the catalogues (packaging/i18n.py), then build the wheel: in this order."""
    source = work / "source"
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.qm"))
        else:
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    _run([sys.executable, "packaging/i18n.py", "compile"], cwd=source)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
          "--disable-pip-version-check", "-q", "-w", str(work / "dist"), str(source)], cwd=work)
    (wheel,) = (work / "dist").glob("relay_studio-*.whl")
    return wheel


def make_venv(venv: Path, wheel: Path) -> Path:
    """A fresh venv holding the wheel; its dependencies come from the dev venv's site-packages by a .pth
    line (written after the install, so pip sees an empty venv; .pth files in that folder, such as the
    editable install's finder, are not run from a .pth line)."""
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
          "--no-cache-dir", "--disable-pip-version-check", "-q", str(wheel)])
    site = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip()
    dev = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (Path(site) / "dev_venv_dependencies.pth").write_text("".join(f"{p}\n" for p in dev), encoding="utf-8")
    return python


@pytest.mark.slow
def test_wheel_installed_in_a_fresh_venv_runs_cli_and_window(tmp_path: Path, relay: RelayServer) -> None:
    assert not tmp_path.resolve().is_relative_to(ROOT)
    wheel = build_wheel(tmp_path / "build")
    names = zipfile.ZipFile(wheel).namelist()
    for shipped in ("relay_studio_resources/i18n/relay_studio_zh_CN.qm", "relay_studio_resources/i18n/"
                    "relay_studio_en.qm", "relay_studio_resources/i18n/relay_studio_zh_CN.ts",  # a live switch reads it
                    "relay_studio_resources/icons/relay-studio.svg", "studio/cli/__init__.py"):
        assert shipped in names
    venv = tmp_path / "venv"
    python = make_venv(venv, wheel)
    studio = str(python.with_name("studio"))

    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTEST_", "STUDIO_", "PYTHON", "VIRTUAL_ENV", "LC_", "LANGUAGE"))}
    env.update(STUDIO_HOME=str(tmp_path / "studio-home"), RELAY_KEY=KEY, PYTHONIOENCODING="utf-8",
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")  # --key-env: no keyring needed
    run = {"cwd": tmp_path, "env": env}

    where = _run([str(python), "-c", "import studio, studio.app; print(studio.__file__); print(studio.app.I18N)"],
                 **run).stdout.split()
    assert all(Path(p).is_relative_to(venv) for p in where), where  # the wheel, not the checkout

    assert "usage: studio" in _run([studio, "--help"], **run).stdout
    _run([studio, "profile", "add", "local", "--base-url", relay.url, "--key-env", "RELAY_KEY"], **run)
    assert _run([studio, "chat", "hi", "-m", "gpt-4o"], **run).stdout == "Hello\n"

    chinese = {**env, "LANG": "zh_CN.UTF-8", "QT_QPA_PLATFORM": "offscreen",
               "STUDIO_STARTUP_PROBE": repr(time.time())}
    window = _run([studio, "gui"], cwd=tmp_path, env=chinese)  # the system locale picks the language
    assert "language zh_CN loaded" in window.stdout and "first-frame" in window.stdout, window.stdout
    assert "Traceback" not in window.stderr
