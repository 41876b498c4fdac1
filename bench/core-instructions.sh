#!/usr/bin/env bash
# Instructions per call of the core workloads of bench/core.ts, counted by valgrind's callgrind
# (user-space instructions only, the same count run after run whatever else the machine does).
# bench/core-calls.ts is bundled by esbuild and run by plain node, one process per workload.
#   bash bench/core-instructions.sh [calls, default 20000] [workload …]
# KEEP=DIR keeps each workload's callgrind file there (DIR/<workload>.callgrind), for
# callgrind_annotate: V8's builtins, runtime and GC by name, compiled JavaScript as addresses.
set -euo pipefail
cd "$(dirname "$0")/.."
calls=${1:-20000}
shift || true
workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || workloads=(warm-estimate warm-benchmark cold-estimate cold-benchmark)
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install -y valgrind)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node_modules/.bin/esbuild bench/core-calls.ts --bundle --platform=node --format=esm --target=node20 \
  --outfile="$work/core-calls.mjs" --log-level=warning \
  --banner:js="import { createRequire } from 'module'; const require = createRequire(import.meta.url);"
for workload in "${workloads[@]}"; do
  CALLGRIND=1 valgrind --tool=callgrind --instr-atstart=no --smc-check=all-non-file \
    --callgrind-out-file="$work/$workload.out" node "$work/core-calls.mjs" "$workload" "$calls" >"$work/$workload.log" 2>&1 ||
    { cat "$work/$workload.log" >&2; exit 1; }
  dump=$(ls "$work/$workload.out".* | head -1)
  total=$(awk '/^totals:/ { print $2 }' "$dump")
  if [ -n "${KEEP:-}" ]; then cp "$dump" "$KEEP/$workload.callgrind"; fi
  printf '%-15s %8d instructions/call\n' "$workload" $((total / calls))
done
