#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (or any machine with Python >= 3.11) for Relay Studio, then
# starts the studio window (`dev.sh start`) or runs the whole test suite (`dev.sh test [pytest args]`).
# Run as root it also installs the system libraries Qt needs under Xvfb, CJK fonts and libvlc.
# It is idempotent: a second run only checks what is already there.
set -euo pipefail

action=${1:-start}
[ $# -gt 0 ] && shift
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

APT_PACKAGES=(
  python3-venv xvfb libegl1 libgl1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libdbus-1-3
  libfontconfig1 fonts-noto-cjk libvlc5 vlc-plugin-base vlc-plugin-video-output
)

install_system_packages() {
  command -v apt-get >/dev/null 2>&1 || return 0
  local missing=() pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "note: not root, so these system packages are not installed: ${missing[*]}" >&2
    return 0
  fi
  echo "Installing system packages: ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_packages() {
  local python=${PYTHON:-python3}
  if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
  fi
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
  .venv/bin/python packaging/i18n.py compile   # the .qm catalogues the window loads
}

install_system_packages
install_python_packages

case "$action" in
  start)
    exec .venv/bin/studio gui
    ;;
  test)
    set +e
    .venv/bin/python -m pytest "$@"
    rc=$?
    set -e
    if [ $rc -eq 5 ]; then
      # pytest's 5 means "no tests collected": fine for a filter that matched nothing,
      # a broken suite when the whole suite was asked for.
      if [ $# -gt 0 ]; then
        echo "No test matched: $*" >&2
        exit 0
      fi
      echo "pytest collected no tests: the test suite is missing or broken." >&2
      exit 1
    fi
    exit $rc
    ;;
  *)
    echo "usage: packaging/dev.sh start|test [pytest args]" >&2
    exit 2
    ;;
esac
