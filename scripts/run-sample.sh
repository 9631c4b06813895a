#!/usr/bin/env bash
# Set up a virtual environment with the project, then build the bundled sample brief into out/ (DOCX and PDF).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/briefgen build seeds/peregraf-iraq-russian-recruitment.txt \
  --title "Iraq Moves to Curb Recruitment into the Russian Military" \
  --subtitle "Legal measures, the scale of recruitment and its economic drivers" \
  --author "Briefgen sample" --organisation "Briefgen Analysis Unit" -o out "$@"
