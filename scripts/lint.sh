#!/usr/bin/env bash
# The quality gates CI runs beside the tests: lint, formatting and types, all clean.
# Run after scripts/test.sh (which creates .venv with the test extra); exits non-zero on the first gate that fails.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== ruff check";         .venv/bin/ruff check app tests bench tools
echo "== ruff format --check"; .venv/bin/ruff format --check app tests bench tools
echo "== mypy";                .venv/bin/mypy
