#!/usr/bin/env bash
# Everything the tests, the benchmark and training need: the project's .venv with requirements/dev.txt, nginx,
# Debian's Chromium (Playwright cannot download its own browser here) and Noto CJK fonts (Korean).
# Afterwards: .venv/bin/python -m pytest, .venv/bin/python -m bench.benchmark, .venv/bin/python -m models.train all
set -euo pipefail
source "$(dirname "$0")/_env.sh"
cd "$ROOT"
bash "$ROOT/scripts/setup.sh" "$ROOT/requirements/dev.txt"
if ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
  say "installing Debian's chromium"
  apt_install chromium
fi
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  say "installing Debian's nginx (the replica tests put it in front of the app)"
  apt_install nginx-light || apt_install nginx
fi
# Playwright's own Node.js driver needs libatomic, which a minimal Debian lacks.
node="$("$PY" -c 'import playwright, pathlib; print(pathlib.Path(playwright.__file__).parent / "driver" / "node")')"
if ldd "$node" 2>/dev/null | grep -q "not found"; then
  say "installing Debian's libatomic1 (for Playwright's driver)"
  apt_install libatomic1
fi
if command -v fc-list >/dev/null 2>&1 && ! fc-list :lang=ko 2>/dev/null | grep -q .; then
  say "installing Debian's fonts-noto-cjk (Korean in screenshots)"
  apt_install fonts-noto-cjk || say "no Korean font: Korean text shows as boxes in screenshots"
fi
