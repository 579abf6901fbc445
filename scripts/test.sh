#!/usr/bin/env bash
# Set up and run every check: lint, unit, page (AppTest) and end-to-end (Chromium) tests.
#   bash scripts/test.sh [pytest options]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-dev.sh
source scripts/_env.sh
"$PY" -m ruff check .
"$PY" -m ruff format --check .
"$PY" -m pytest "$@"
