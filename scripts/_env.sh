# Sourced by the scripts in this folder: the project's own virtual environment, .venv, made from
# the system python3 (Debian's refuses to install into itself: PEP 668), with the packages of one
# requirements file installed. Nothing is reinstalled while the requirements files are unchanged.
#   VENV=path   another place for the environment
#   PYTHON=...  the interpreter to make it from (default: python3)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"
TORCH="torch==2.13.0"
TORCH_CPU_INDEX="https://download.pytorch.org/whl/cpu"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else say "needs root: $*"; return 1
  fi
}

# Debian's packages, with the package lists fetched first when they are missing or stale.
apt_install() {
  command -v apt-get >/dev/null 2>&1 || { say "no apt-get here: install $* by hand"; return 1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 \
    || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null; }
}

make_venv() {
  if [ -x "$PY" ] && "$PY" -m pip --version >/dev/null 2>&1; then return 0; fi
  local base="${PYTHON:-python3}"
  command -v "$base" >/dev/null 2>&1 || { say "no $base: install Python 3.11 or newer"; return 1; }
  "$base" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { say "$base is older than 3.11"; return 1; }
  say "making the virtual environment $VENV from $(command -v "$base")"
  rm -rf "$VENV"
  if ! "$base" -m venv "$VENV" >/dev/null 2>&1; then
    # Debian keeps venv's pip (ensurepip) in a package of its own.
    rm -rf "$VENV"
    local ver
    ver="$("$base" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    say "installing Debian's python$ver-venv"
    apt_install "python$ver-venv" || apt_install python3-venv
    "$base" -m venv "$VENV"
  fi
}

# torch's CPU build: a wheel on this machine (pip's find-links) when there is one, else PyTorch's CPU index;
# only if both fail does the requirements file take PyPI's wheel (on Linux x86_64 that one brings CUDA).
install_torch() {
  "$PY" -m pip show torch >/dev/null 2>&1 && return 0
  if "$PY" -m pip install -q --no-deps --no-index "$TORCH" >/dev/null 2>&1; then return 0; fi
  say "installing $TORCH (CPU build) from $TORCH_CPU_INDEX"
  "$PY" -m pip install -q --no-deps --timeout 20 --retries 1 --index-url "$TORCH_CPU_INDEX" "$TORCH" \
    || say "PyTorch's CPU index is out of reach: taking torch from the default index"
}

requirements_hash() {
  cat "$ROOT"/requirements/*.txt "$ROOT/requirements.txt" "$ROOT/scripts/_env.sh" | sha256sum | cut -d' ' -f1
}

# up_to_date STAMP: the venv works and STAMP holds the hash of the requirements files as they are now.
up_to_date() {
  [ -x "$PY" ] && [ -f "$1" ] && [ "$(cat "$1")" = "$(requirements_hash)" ]
}

# ensure_env FILE: the venv exists and has FILE's packages; a stamp per file records what was installed.
ensure_env() {
  local req="$1" stamp
  stamp="$VENV/.installed-$(basename "$req" .txt)"
  up_to_date "$stamp" && return 0
  make_venv
  install_torch
  say "installing $(realpath --relative-to="$ROOT" "$req") into $VENV"
  # The machine's pip configuration may name local mirrors that lack a package: pip says so and moves on.
  "$PY" -m pip install -q --disable-pip-version-check -r "$req" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
  requirements_hash >"$stamp"
}
