#!/usr/bin/env bash
# Make the project's virtual environment (.venv, or $VENV) and install one requirements file into it:
#   bash scripts/setup.sh [requirements file, default requirements/app.txt]
# scripts/run.sh and scripts/setup-dev.sh call it; the Dockerfile calls it with requirements.txt.
set -euo pipefail
source "$(dirname "$0")/_env.sh"
ensure_env "$(realpath "${1:-$ROOT/requirements/app.txt}")"
