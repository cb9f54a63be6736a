"""Builds the desktop installers (PyInstaller). Not built yet: the studio window lands first."""

import sys

if __name__ == "__main__":
    print("build_installer.py: installers are not built yet; the studio window lands first.", file=sys.stderr)
    sys.exit(1)
