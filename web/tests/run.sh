#!/usr/bin/env bash
# The web UI's browser tests (issue #7): creates a demo database in a temporary
# directory, serves it with `leubank serve --web <repo>/web` on a free loopback
# port, runs web/tests/*.test.mjs with node (playwright-core driving Debian's
# Chromium headless) against it, and stops the server. Screenshots are left in
# web/tests/artifacts/ (or $LEUBANK_ARTIFACTS).
# Needs: LEUBANK_BIN (set by CTest), /usr/bin/chromium and web/node_modules
# (scripts/install-web installs both).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
web="$(cd "$here/.." && pwd)"
root="$(cd "$web/.." && pwd)"
bin="${LEUBANK_BIN:-$root/build/release/src/cli/leubank}"

fail() { echo "web_ui_test: FAIL: $*" >&2; exit 1; }
[ -x "$bin" ] || fail "no leubank binary at '$bin' (set LEUBANK_BIN)"
command -v node >/dev/null || fail "node is not installed; run scripts/install-web"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || fail "Debian's chromium is not installed; run scripts/install-web"
[ -d "$web/node_modules/playwright-core" ] || fail "web/node_modules is missing; run scripts/install-web"
[ -f "$web/vendor/uplot/uPlot.esm.js" ] || fail "web/vendor/uplot is missing; run scripts/install-web"

tmp="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

"$bin" --db "$tmp/demo.db" demo > "$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; fail "leubank demo failed"; }
"$bin" --db "$tmp/demo.db" serve --listen 127.0.0.1:0 --web "$web" --quiet > "$tmp/serve.out" 2> "$tmp/serve.err" &
pid=$!

url=""
for _ in $(seq 1 100); do
  url="$(grep -oE 'https?://127\.0\.0\.1:[0-9]+' "$tmp/serve.out" | head -n1 || true)"
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/serve.out" "$tmp/serve.err" >&2; fail "leubank serve exited"; }
  sleep 0.1
done
[ -n "$url" ] || fail "leubank serve printed no URL"
curl -fsS "$url/" -o /dev/null || fail "$url/ does not serve web/index.html (static file serving of leubank serve --web)"

echo "web_ui_test: server $url, database $tmp/demo.db"
cd "$web"
LEUBANK_URL="$url" node --test --test-concurrency=1 --test-reporter=spec tests/
