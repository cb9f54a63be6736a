"""Builds the desktop installers (PyInstaller). Not built yet: this stub only says so."""

import sys

if __name__ == "__main__":
    print("build_installer.py: installers are not built yet; run the app with `bash packaging/dev.sh start`.",
          file=sys.stderr)
    sys.exit(1)
