#!/usr/bin/env bash
# Set up and run every check: lint, unit, page (AppTest) and end-to-end (Chromium) tests.
#   bash scripts/test.sh [pytest options]
# Without options the end-to-end tests (in two halves) and the others run side by side, as three pytest
# processes. With options, one pytest runs them as given.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-dev.sh
source scripts/_env.sh
"$PY" -m ruff check .
"$PY" -m ruff format --check .
if [ "$#" -gt 0 ]; then
  exec "$PY" -m pytest "$@"
fi
# Three pytest processes side by side: the end-to-end tests in two halves, each with its own server and browser,
# and the others. One half of the browser tests alone left a fifth of the two cores idle (waiting for the
# server, the browser and the quiet periods the tests wait for), and the whole run took 643 s; in halves, 514 s.
# The first half's files took about as long as the rest (tests' --durations); a new file goes to the rest.
FIRST_HALF=(tests/e2e/test_first_screen.py tests/e2e/test_views.py tests/e2e/test_text_sequences.py tests/e2e/test_diagrams.py)
others="$(mktemp)"
first="$(mktemp)"
trap 'rm -f "$others" "$first"' EXIT
# one thread for torch in the others (the app's own setting, ui/shell.py): the browser tests keep the cores.
# And the others yield the processor to them (nice): they finish about when the browser tests do.
OMP_NUM_THREADS=1 nice -n 10 "$PY" -m pytest -m "not e2e" >"$others" 2>&1 &
rest_pid=$!
"$PY" -m pytest -m e2e "${FIRST_HALF[@]}" >"$first" 2>&1 &
first_pid=$!
ignored=()
for f in "${FIRST_HALF[@]}"; do ignored+=(--ignore "$f"); done
set +e
"$PY" -m pytest -m e2e tests/e2e "${ignored[@]}"
e2e=$?
wait "$first_pid"
e2e_first=$?
wait "$rest_pid"
rest=$?
set -e
echo
echo "=== end-to-end tests, the first half: ${FIRST_HALF[*]} (run beside the others above) ==="
cat "$first"
echo
echo "=== unit, figure, lesson and page tests (run beside the end-to-end tests above) ==="
cat "$others"
if [ "$e2e" -ne 0 ] || [ "$e2e_first" -ne 0 ] || [ "$rest" -ne 0 ]; then
  echo "failed: end-to-end tests exit $e2e and $e2e_first (two halves), the others exit $rest" >&2
  exit 1
fi
