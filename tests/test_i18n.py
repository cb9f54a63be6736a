"""Translations: every string the GUI shows is in the zh_CN catalogue, translated."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "packaging"))
import i18n  # noqa: E402


def test_zh_cn_catalogue_is_complete() -> None:
    assert i18n.unfinished(i18n.I18N / "relay_studio_zh_CN.ts") == []
    assert i18n.unfinished(i18n.I18N / "relay_studio_en.ts") == []


def test_catalogue_is_up_to_date_with_the_code(tmp_path: Path) -> None:
    """lupdate on a copy must find no string the committed catalogue lacks."""
    copy = tmp_path / "relay_studio_zh_CN.ts"
    shutil.copy(i18n.I18N / "relay_studio_zh_CN.ts", copy)
    subprocess.run([i18n.tool("pyside6-lupdate"), *i18n.sources(), "-ts", str(copy), "-no-obsolete"],
                   cwd=ROOT, check=True, capture_output=True)
    missing = i18n.unfinished(copy)
    assert missing == [], f"run `python packaging/i18n.py update` and translate: {missing}"


def test_compiled_catalogues_exist_after_setup() -> None:
    for language in ("zh_CN", "en"):
        assert (i18n.I18N / f"relay_studio_{language}.qm").stat().st_size > 0


def _tr_calls(tree: ast.AST) -> list[ast.Call]:
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("tr", "translate"):
                calls.append(node)
    return calls


def test_every_translated_string_is_visible_to_lupdate() -> None:
    """lupdate only sees `tr("literal")` / `translate("Context", "literal")` outside f-strings. A translator
    that passes a lookup on (`translate(context, source)`, both variables) carries no text of its own; a
    text looked up again later is declared with QT_TRANSLATE_NOOP where lupdate sees it."""
    problems = []
    for relative in i18n.sources():
        tree = ast.parse((ROOT / relative).read_text(encoding="utf-8"))
        hidden = {id(c) for f in ast.walk(tree) if isinstance(f, ast.JoinedStr) for c in _tr_calls(f)}
        for call in _tr_calls(tree):
            literal_index = 1 if getattr(call.func, "attr", "") == "translate" else 0
            args = call.args
            if literal_index and args and not isinstance(args[0], ast.Constant):
                continue  # a translator passing on a lookup (its context is a variable), not a text of ours
            ok = len(args) > literal_index and isinstance(args[literal_index], ast.Constant) \
                and isinstance(args[literal_index].value, str)
            if not ok or id(call) in hidden:
                problems.append(f"{relative}:{call.lineno}")
    assert problems == []
