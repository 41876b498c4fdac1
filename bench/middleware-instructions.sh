#!/usr/bin/env bash
# Instructions per request of each variant of bench/middleware-cost.ts, counted by valgrind's
# callgrind (user-space instructions only, every thread). One process per variant, so variants do
# not share the JIT's feedback.
#   bash bench/middleware-instructions.sh [get|post] [requests, default 8000] [variants] [rounds, default 1]
# variants: space-separated, from bare bare+log bare+helmet bare+limit bare+all api (default: all).
# With rounds > 1 the variants run in turn, round after round, and each one's median (the lower
# middle count for an even number of rounds) is printed
# last: a single count can be off by 10-30 % (a compilation or a major GC of V8's background
# threads falling inside the counted requests or not), so compare medians of alternated runs.
set -euo pipefail
cd "$(dirname "$0")/.."
method=${1:-get}
requests=${2:-8000}
variants=${3:-bare bare+log bare+helmet bare+limit bare+all api}
rounds=${4:-1}
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install -y valgrind)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for ((round = 1; round <= rounds; round++)); do
  for variant in $variants; do
    CALLGRIND=1 valgrind --tool=callgrind --instr-atstart=no --smc-check=all-non-file \
      --callgrind-out-file="$work/$variant.out" \
      node --import tsx bench/middleware-cost.ts "$method" "--requests=$requests" "--only=$variant" >"$work/$variant.log" 2>&1 ||
      { cat "$work/$variant.log" >&2; exit 1; }
    dump=$(ls "$work/$variant.out".* | head -1)
    total=$(awk '/^totals:/ { print $2 }' "$dump")
    rm -f "$work/$variant.out".*
    printf '%s %-12s %8d instructions/request\n' "${method^^}" "$variant" $((total / requests)) | tee -a "$work/counts"
  done
done
if ((rounds > 1)); then
  for variant in $variants; do
    awk -v v="$variant" '$2 == v { print $3 }' "$work/counts" | sort -n |
      awk -v m="${method^^}" -v v="$variant" '{ a[NR] = $1 } END { printf "%s %-12s %8d instructions/request (median of %d)\n", m, v, a[int((NR + 1) / 2)], NR }'
  done
fi
