#!/usr/bin/env bash
# Sweep benchmark, end to end through the command line: `arbtune run` of a plan of 1,000 backtests
# (the grid of BacktestSweepBenchmark) over the 325,660-row EUR/USD month, 2 workers, every result
# document written. Each round also runs a 1-job plan, the baseline (JVM start, plan reading, loading
# and parsing the gzip file once), so that the sweep's own cost is the difference.
#
# Usage: bench/sweep.sh [ROUNDS]   (default 5; prints every round, then the medians)
# Output and scratch files go to bench/out/sweep/ (ignored by git).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds="${1:-5}"
rows=325660
data="data/eurusd_fxcm_vs_oanda_1s_2014-05.csv.gz"
out="bench/out/sweep"
mkdir -p "$out"

plan="$out/plan.jsonl"
: > "$plan"
n=0
for spread in 0 0.1 0.2 0.3 0.5 0.75 1 2 3 5; do
  for fee in 0 0.1 0.2 0.5 1; do
    for slip in 0 0.1 0.2 0.5 1; do
      for open in 1 2 3 5; do
        n=$((n + 1))
        id=$(printf 'sweep_%04d' "$n")
        printf '{"job_id": "%s", "config": {"data_file": "%s", "min_spread_bps": %s, "taker_fee_a_bps": %s, "taker_fee_b_bps": %s, "slippage_bps": %s, "max_open_trades": %s, "tag": "sweep"}, "output_json": "sweep/%s.json"}\n' \
          "$id" "$data" "$spread" "$fee" "$fee" "$slip" "$open" "$id" >> "$plan"
      done
    done
  done
done
head -1 "$plan" > "$out/one.jsonl"

./arbtune --version > /dev/null   # builds the jar first if needed, outside the timing
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
  "$(java -version 2>&1 | head -1)"
echo "plan: $n jobs x $rows rows = $((n * rows)) quote-steps; --parallelism 2 --no-fsync"

now() { date +%s.%N; }
run() {  # run PLAN OUTDIR [extra options]; prints wall seconds
  local plan="$1" dir="$2"
  shift 2
  rm -rf "$dir"
  local t0 t1
  t0=$(now)
  ./arbtune run --jobs "$plan" --output-root "$dir" --parallelism 2 --quiet "$@" 2> "$dir.log" \
    || { cat "$dir.log" >&2; exit 1; }
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

sweeps=()
bases=()
fsyncs=()
for r in $(seq 1 "$rounds"); do
  base=$(run "$out/one.jsonl" "$out/one" --no-fsync)
  sweep=$(run "$plan" "$out/results" --no-fsync)
  fsync=$(run "$plan" "$out/results-fsync")
  bases+=("$base")
  sweeps+=("$sweep")
  fsyncs+=("$fsync")
  awk -v s="$sweep" -v b="$base" -v f="$fsync" -v steps=$(((n - 1) * rows)) -v all=$((n * rows)) \
    -v r="$r" 'BEGIN { printf "round %d: sweep %.3f s (with fsync %.3f s), baseline 1 job %.3f s:" \
      " %.1f M quote-steps/s whole command, %.1f M/s beyond the baseline\n",
      r, s, f, b, all / s / 1e6, steps / (s - b) / 1e6 }'
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ms=$(median "${sweeps[@]}")
mb=$(median "${bases[@]}")
mf=$(median "${fsyncs[@]}")
awk -v s="$ms" -v b="$mb" -v f="$mf" -v steps=$(((n - 1) * rows)) -v all=$((n * rows)) \
  'BEGIN { printf "median of %s rounds: sweep %.3f s (with fsync %.3f s), baseline %.3f s;" \
    " %.1f M quote-steps/s whole command, %.1f M/s beyond the baseline\n",
    ARGV[1], s, f, b, all / s / 1e6, steps / (s - b) / 1e6 }' "$rounds"
