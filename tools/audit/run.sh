#!/usr/bin/env bash
# make audit: builds the generator and the bundled site, serves the build
# on a free loopback port as production serves it (`generator serve
# -built`: the files as built, netlify.toml's headers, no dev reload
# script), runs Lighthouse (audit.mjs) on it and stops the server it
# started.
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$tmp"' EXIT
(cd tools/audit && npm ci --no-audit --no-fund --loglevel=error)
${GO:-go} build -o "$tmp/generator" ./generator
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 1414)
"$tmp/generator" build -out "$tmp/public" > "$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; exit 1; }
"$tmp/generator" serve -built -addr "127.0.0.1:$port" -out "$tmp/public" > "$tmp/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  grep -q "^serving" "$tmp/serve.log" && break
  kill -0 "$server" 2>/dev/null || { cat "$tmp/serve.log" >&2; exit 1; }
  sleep 0.2
done
grep -q "^serving" "$tmp/serve.log" || { echo "audit: the server did not start" >&2; cat "$tmp/serve.log" >&2; exit 1; }
CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" node tools/audit/audit.mjs "http://127.0.0.1:$port"
