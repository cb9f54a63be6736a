"""The core and the CLI never import PySide6, qasync or python-vlc (the layer map at the top of docs/ARCHITECTURE.md).

Checked two ways: statically (an AST scan of every module outside the GUI layers) and for real
(the CLI runs its commands in a subprocess where those imports are blocked by a meta-path finder).
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import studio
from tests.conftest import ROOT
from tests.relay import RelayServer

GUI_ONLY = ("PySide6", "shiboken6", "qasync", "vlc")
GUI_LAYERS = ("studio.views", "studio.viewmodels", "studio.app")

BLOCKER = """
import sys, importlib.abc
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {blocked!r}:
            raise ImportError(f'{{name}} is blocked in this test')
        return None
sys.meta_path.insert(0, Block())
"""


def _modules() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(studio.__path__, "studio.")]
    return [n for n in names if not n.startswith(GUI_LAYERS) and n != "studio.__main__"]


def test_no_gui_import_outside_gui_layers() -> None:
    offenders = []
    for name in _modules():
        path = Path(ROOT, *name.split(".")).with_suffix(".py")
        if not path.exists():
            path = Path(ROOT, *name.split("."), "__init__.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                targets = [node.module or ""]
            else:
                continue
            offenders += [f"{name}: {t}" for t in targets if t.split(".")[0] in GUI_ONLY]
    assert offenders == []


def _run_blocked(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = BLOCKER.format(blocked=set(GUI_ONLY)) + code
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=60)


def test_core_imports_with_gui_packages_blocked(cli_env: dict[str, str]) -> None:
    imports = "\n".join(f"import {m}" for m in _modules())
    result = _run_blocked(imports + "\nprint('ok')", cli_env)
    assert result.stdout.strip() == "ok", result.stderr


def test_cli_commands_run_with_gui_packages_blocked(cli_env: dict[str, str], relay: RelayServer) -> None:
    commands = [
        ["--help"],
        ["profile", "add", "local", "--base-url", relay.url, "--key-env", "RELAY_KEY"],
        ["profile", "list"],
        ["route", "list"],
        ["models"],
        ["balance"],
        ["chat", "hi", "-m", "gpt-4o"],
        ["chat", "hi", "-m", "claude-3-5-sonnet", "--api", "claude", "--no-stream"],
    ]
    for argv in commands:
        code = (
            "from studio.cli import main\n"
            f"rc = main({argv!r})\n"
            f"leaked = sorted(m for m in sys.modules if m.split('.')[0] in {set(GUI_ONLY)!r})\n"
            "assert not leaked, leaked\n"
            "raise SystemExit(rc)\n"
        )
        result = _run_blocked(code, cli_env)
        assert result.returncode == 0, (argv, result.stderr)


def _source(name: str) -> Path | None:
    path = Path(ROOT, *name.split(".")).with_suffix(".py")
    package = Path(ROOT, *name.split("."), "__init__.py")
    return path if path.exists() else package if package.exists() else None


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _runtime_imports(name: str) -> set[str]:
    """The studio modules `name` imports when it runs: at the top and inside functions (a lazy import
    runs too), not under `if TYPE_CHECKING:` (read by the type checker only)."""
    source = _source(name)
    assert source is not None, name
    tree = ast.parse(source.read_text(encoding="utf-8"))
    typing_only = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.If) and _is_type_checking(node.test)
                   for stmt in node.body for inner in ast.walk(stmt)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)  # `from studio.api import client`
    return {m for m in found if m.startswith("studio.") and _source(m) is not None}


def _reachable(start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for imported in _runtime_imports(todo.pop()) - seen:
            seen.add(imported)
            todo.append(imported)
    return seen


def test_chat_and_client_do_not_import_each_other() -> None:
    """`client.py` builds `client.chat` (a lazy import of `chat.py`); `chat.py` takes its types from
    `chattypes.py` and its error sentences from `transport.py`, and reaches `client.py` by no chain of
    run-time imports, so the two never import each other, at the top or inside a function."""
    chat, client = "studio.api.chat", "studio.api.client"
    assert chat in _runtime_imports(client)  # the one direction left (else this test checks nothing)
    assert client not in _reachable(chat), sorted(_reachable(chat))
    for shared in ("studio.api.chattypes", "studio.api.transport"):
        assert {chat, client}.isdisjoint(_reachable(shared)), shared
