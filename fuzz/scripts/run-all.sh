#!/usr/bin/env bash
# Runs every fuzz target in turn, one job at a time, for SECONDS each (default 300), with
# the shared dictionary and the seed inputs; prints one line per target:
#   TARGET runs=N seconds=S result=ok|CRASH (artifact in fuzz/artifacts/TARGET)
# Usage (from the repository root): bash fuzz/scripts/run-all.sh [SECONDS] [TARGET…]
set -uo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(decode normalize tokenize structure jsonl csv lexicon)
mkdir -p fuzz/logs
cargo fuzz build --sanitizer none >/dev/null 2>&1 || { echo "build failed"; exit 1; }
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  seeds=(tests/fixtures/cases tests/fixtures/encodings data/corpus)
  [ -d "fuzz/seeds/$t" ] && seeds=("fuzz/seeds/$t" "${seeds[@]}")
  log="fuzz/logs/$t.log"
  cargo fuzz run --sanitizer none "$t" "fuzz/corpus/$t" "${seeds[@]}" -- \
    -dict=fuzz/dict -max_len=4096 -max_total_time="$secs" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  took=$(grep -oE '^Done [0-9]+ runs in [0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  if [ "$rc" -eq 0 ]; then res=ok; else res="CRASH (artifact in fuzz/artifacts/$t)"; fi
  echo "$t runs=${runs:-?} seconds=${took:-?} result=$res"
done
