#!/usr/bin/env bash
# N copies of the app behind Debian's nginx, for a whole class on one machine (both cores used):
#   bash scripts/serve-replicas.sh N PORT      → http://127.0.0.1:PORT
# Replicas listen on PORT+1 … PORT+N (loopback only) with one shared cookie secret; nginx keeps each
# browser on one replica (cookie affinity) and proxies the websocket. Ctrl-C (or SIGTERM) stops
# everything this script started. RUN_DIR (default .run/replicas-PORT) holds nginx's files, the logs
# and replicas.txt ("port pid" per replica).
set -euo pipefail
N="${1:-2}"
PORT="${2:-8500}"
source "$(dirname "$0")/_env.sh"
cd "$ROOT"
up_to_date "$VENV/.installed-dev" || ensure_env "$ROOT/requirements/app.txt"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { say "installing Debian's nginx"; apt_install nginx-light || apt_install nginx; }
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

# Every port this needs must be free: a replica that cannot bind exits, and a health check on its port
# would then be answered by whatever else holds it.
for port in $(seq "$PORT" $((PORT + N))); do
  "$PY" -c "import socket, sys; socket.socket().bind(('127.0.0.1', int(sys.argv[1])))" "$port" 2>/dev/null \
    || { say "port $port is in use: choose another PORT (nginx takes PORT, the replicas PORT+1 … PORT+N)"; exit 1; }
done
RUN="$(realpath -m "${RUN_DIR:-$ROOT/.run/replicas-$PORT}")"
rm -rf "$RUN" && mkdir -p "$RUN"
SECRET="$("$PY" -c 'import secrets; print(secrets.token_hex(32))')"
pids=()
stop() {
  trap - EXIT INT TERM
  [ -f "$RUN/nginx.pid" ] && kill "$(cat "$RUN/nginx.pid")" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

servers=""
: >"$RUN/replicas.txt"
for i in $(seq 1 "$N"); do
  port=$((PORT + i))
  STREAMLIT_SERVER_COOKIE_SECRET="$SECRET" "$PY" -m streamlit run app.py \
    --server.port "$port" --server.address 127.0.0.1 >"$RUN/replica-$i.log" 2>&1 &
  pids+=("$!")
  echo "$port $!" >>"$RUN/replicas.txt"
  servers+="        server 127.0.0.1:$port max_fails=1 fail_timeout=10s;"$'\n'
done
for i in $(seq 1 "$N"); do
  port=$((PORT + i))
  for _ in $(seq 1 300); do
    "$PY" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/_stcore/health', timeout=1)" 2>/dev/null && break
    sleep 0.2
  done
done
"$PY" - "$RUN" "$PORT" "$servers" <<'PYEOF'
import pathlib, sys
run, port, servers = sys.argv[1:]
template = pathlib.Path("deploy/nginx.conf.template").read_text()
conf = template.replace("@RUN@", run).replace("@PORT@", port).replace("@SERVERS@", servers.rstrip("\n"))
pathlib.Path(run, "nginx.conf").write_text(conf)
PYEOF
"$NGINX" -p "$RUN" -c "$RUN/nginx.conf" -g "daemon off;" &
nginx_pid=$!
pids+=("$nginx_pid")
say "$N replicas behind nginx: http://127.0.0.1:$PORT (Ctrl-C stops them all)"
# A replica that dies does not stop the others: nginx sends its browsers elsewhere.
wait "$nginx_pid" || true
