#!/usr/bin/env bash
# Set up (pip packages) and launch the app: bash scripts/run.sh [streamlit options]
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -r requirements.txt
exec python3 -m streamlit run app.py "$@"
