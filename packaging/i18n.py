"""Translations: `update` refreshes the .ts sources from the code (pyside6-lupdate), `compile` builds
the .qm files the app loads (pyside6-lrelease), `check` fails on an unfinished or missing entry.

The .ts files in resources/i18n are the source of truth (edit them with pyside6-linguist); the
.qm files are build output, made by the setup command and ignored by git.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN", "en")  # English only carries plural forms (-pluralonly)


def sources() -> list[str]:
    files = [ROOT / "studio" / "app.py", *sorted((ROOT / "studio" / "views").glob("*.py")),
             *sorted((ROOT / "studio" / "viewmodels").glob("*.py"))]
    return [str(f.relative_to(ROOT)) for f in files]


def tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    return str(found) if found.exists() else name


def update() -> None:
    for language in LANGUAGES:
        extra = ["-pluralonly"] if language == "en" else []
        subprocess.run([tool("pyside6-lupdate"), *extra, *sources(), "-ts",
                        str(I18N / f"relay_studio_{language}.ts"), "-no-obsolete"], cwd=ROOT, check=True)


def compile_all() -> None:
    for ts in sorted(I18N.glob("relay_studio_*.ts")):
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
                       cwd=ROOT, check=True)


def unfinished(ts: Path) -> list[str]:
    """Source texts whose translation is unfinished, empty or missing a plural form."""
    problems = []
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            problems.append(source)
            continue
        forms = translation.findall("numerusform")
        texts = [f.text for f in forms] if message.get("numerus") == "yes" else [translation.text]
        if not texts or any(not (t or "").strip() for t in texts):
            problems.append(source)
    return problems


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "compile"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        bad = {ts.name: unfinished(ts) for ts in sorted(I18N.glob("relay_studio_*.ts"))}
        bad = {k: v for k, v in bad.items() if v}
        for name, texts in bad.items():
            print(f"{name}: {len(texts)} unfinished: {texts[:5]}", file=sys.stderr)
        return 1 if bad else 0
    else:
        print("usage: packaging/i18n.py update|compile|check", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
