#!/usr/bin/env bash
# Set up (the project's .venv with requirements/app.txt) and launch the app:
#   bash scripts/run.sh [streamlit options, e.g. --server.port 8502]
# APP_REQUIREMENTS names another requirements file (the Dockerfile's image is built with requirements.txt).
set -euo pipefail
source "$(dirname "$0")/_env.sh"
cd "$ROOT"
req="$ROOT/${APP_REQUIREMENTS:-requirements/app.txt}"
# requirements/dev.txt includes the app's: a test environment runs the app as it is.
up_to_date "$VENV/.installed-dev" || ensure_env "$req"
exec "$PY" -m streamlit run app.py "$@"
