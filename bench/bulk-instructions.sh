#!/usr/bin/env bash
# Instructions per row of the bulk run (bench/bulk-child.ts, CSV in -> CSV out), per thread, counted
# by valgrind's callgrind (user-space instructions only: the same count run after run, whatever
# else the machine does). bench/bulk-child.ts is bundled by esbuild into bench/results/ (so the
# parser's worker finds csv-parse and d3-dsv as the package does) and run by plain node on the
# first ROWS rows of FILE and on its header alone; the header-only run's counts (start-up) are
# subtracted. Threads: the main thread, the busiest other thread (the parser's worker in the
# `benchmark` mode) and all the others together (V8's helpers: GC, compiler).
#   bash bench/bulk-instructions.sh FILE [rows, default 100000] [mode: benchmark|benchmark-one-thread|parse]
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:?usage: bulk-instructions.sh FILE [rows] [mode]}
rows=${2:-100000}
mode=${3:-benchmark}
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install -y valgrind)" >&2; exit 2; }
work=$(mktemp -d)
mkdir -p bench/results
bundle=bench/results/bulk-child-instructions.mjs
trap 'rm -rf "$work" "$bundle"' EXIT
node_modules/.bin/esbuild bench/bulk-child.ts --bundle --platform=node --format=esm --target=node20 \
  --outfile="$bundle" --log-level=warning \
  --banner:js="import { createRequire as bannerRequire } from 'module'; const require = bannerRequire(import.meta.url);"
head -n $((rows + 1)) "$file" >"$work/rows.csv"
head -n 1 "$file" >"$work/header.csv"

# Prints "main other rest" instructions of one run.
count() {
  local name=$1 input=$2
  valgrind --tool=callgrind --separate-threads=yes --smc-check=all-non-file \
    --callgrind-out-file="$work/$name.out" node "$bundle" "$mode" "$input" "$work/$name-answer.csv" >"$work/$name.log" 2>&1 ||
    { cat "$work/$name.log" >&2; exit 1; }
  local main=0 other=0 rest=0 total
  for dump in "$work/$name.out"*; do
    total=$(awk '/^totals:/ { print $2 }' "$dump")
    if [[ $dump == *-01 ]]; then main=$total
    elif ((total > other)); then rest=$((rest + other)); other=$total
    else rest=$((rest + total))
    fi
  done
  echo "$main $other $rest"
}

read -r main other rest < <(count rows "$work/rows.csv")
read -r main0 other0 rest0 < <(count header "$work/header.csv")
printf '%s, %d rows, instructions per row (start-up subtracted): main thread %d, busiest other thread %d, the rest %d, all %d\n' \
  "$mode" "$rows" $(((main - main0) / rows)) $(((other - other0) / rows)) $(((rest - rest0) / rows)) \
  $(((main + other + rest - main0 - other0 - rest0) / rows))
