#!/usr/bin/env bash
# Instructions per request of each variant of bench/middleware-cost.ts, counted by valgrind's
# callgrind (user-space instructions only; the same count run after run, whatever else the
# machine does). One process per variant, so variants do not share the JIT's feedback.
#   bash bench/middleware-instructions.sh [get|post] [requests, default 8000]
set -euo pipefail
cd "$(dirname "$0")/.."
method=${1:-get}
requests=${2:-8000}
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install -y valgrind)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for variant in bare bare+log bare+helmet bare+limit bare+all api; do
  CALLGRIND=1 valgrind --tool=callgrind --instr-atstart=no --smc-check=all-non-file \
    --callgrind-out-file="$work/$variant.out" \
    node --import tsx bench/middleware-cost.ts "$method" "--requests=$requests" "--only=$variant" >"$work/$variant.log" 2>&1 ||
    { cat "$work/$variant.log" >&2; exit 1; }
  dump=$(ls "$work/$variant.out".* | head -1)
  total=$(awk '/^totals:/ { print $2 }' "$dump")
  printf '%s %-12s %8d instructions/request\n' "${method^^}" "$variant" $((total / requests))
done
