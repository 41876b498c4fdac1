#!/usr/bin/env bash
# Instructions from exec to listening of each server file given, counted by valgrind's callgrind
# (user-space instructions, all threads; about the same count run after run, whatever else the
# machine does, unlike CPU time). The server exits as soon as it listens (a preload wraps
# net.Server#listen); a file whose path contains "bare" starts with no environment, any other
# with the bench's API environment.
#   bash bench/startup-instructions.sh packages/api/build/server.mjs bench/results/bare-app.mjs [more files…]
# Build them first (node packages/api/scripts/build-server.mjs; the bench builds bench/results/bare-app.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install -y valgrind)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/exit-at-listen.cjs" <<'JS'
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  this.once('listening', () => process.exit(0));
  return listen.apply(this, args);
};
JS
for file in "$@"; do
  env=(PORT=0 HOST=127.0.0.1)
  case "$file" in *bare*) ;; *) env+=(NODE_ENV=production PAYLENS_WORKERS=1 RATE_LIMIT_MAX=1000000000 LOG_LEVEL=info) ;; esac
  env "${env[@]}" valgrind --tool=callgrind --smc-check=all-non-file --callgrind-out-file="$work/cg.out" \
    node -r "$work/exit-at-listen.cjs" "$file" >"$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
  total=0
  for dump in "$work"/cg.out*; do
    t=$(awk '/^totals:/ { print $2 }' "$dump")
    total=$((total + ${t:-0}))
  done
  rm -f "$work"/cg.out*
  printf '%-50s %6d M instructions\n' "$file" $((total / 1000000))
done
