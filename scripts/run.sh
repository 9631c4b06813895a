#!/usr/bin/env bash
# Set up a virtual environment with the project, then start Briefgen.
# With no arguments the desktop app opens with the bundled sample loaded; any
# arguments go to the briefgen command instead (e.g. `build seeds/… -o out`).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
exec .venv/bin/briefgen "$@"
