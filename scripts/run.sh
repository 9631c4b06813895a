#!/usr/bin/env bash
# Set up a virtual environment with the project, then start Briefgen.
# With no arguments the desktop app opens with the bundled sample loaded; any
# arguments go to the briefgen command instead (e.g. `build seeds/… -o out`).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
# Only the window needs Qt's system libraries: when this command opens it (no arguments, `gui`, or a brief), say
# which are missing and the apt-get line that installs them, instead of Qt's platform plugin error.
case "${1-gui}" in
  gui | *.[bB][rR][iI][eE][fF])
    if [ "${QT_QPA_PLATFORM-}" != offscreen ]; then
      .venv/bin/python -m app.desktop.qt_libraries || exit 1
    fi
    ;;
esac
exec .venv/bin/briefgen "$@"
