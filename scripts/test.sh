#!/usr/bin/env bash
# Set up and run every check: lint, unit, page (AppTest) and end-to-end (Chromium) tests.
#   bash scripts/test.sh [pytest options]
# Without options the end-to-end tests and the others run side by side, as two pytest processes: the browser
# tests spend most of their time waiting for Chromium and the server, so on two cores the whole suite takes
# about the time of the longer half. With options, one pytest runs them as given.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-dev.sh
source scripts/_env.sh
"$PY" -m ruff check .
"$PY" -m ruff format --check .
if [ "$#" -gt 0 ]; then
  exec "$PY" -m pytest "$@"
fi
others="$(mktemp)"
trap 'rm -f "$others"' EXIT
# one thread for torch in the others (the app's own setting, ui/shell.py): the browser tests keep a core. And
# the others yield the processor to them (nice): they take about half as long, and finish first either way.
OMP_NUM_THREADS=1 nice -n 10 "$PY" -m pytest -m "not e2e" >"$others" 2>&1 &
pid=$!
set +e
"$PY" -m pytest -m e2e
e2e=$?
wait "$pid"
rest=$?
set -e
echo
echo "=== unit, figure, lesson and page tests (run beside the end-to-end tests above) ==="
cat "$others"
if [ "$e2e" -ne 0 ] || [ "$rest" -ne 0 ]; then
  echo "failed: end-to-end tests exit $e2e, the others exit $rest" >&2
  exit 1
fi
