#!/usr/bin/env bash
# Benchmark of `arbtune compare` (issue 16): wall time and peak RSS of comparing two generated
# sessions of N jobs each. See docs/BENCHMARKS.md, "Compare".
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/compare.sh [options]

Generates (or reuses) two sessions of N jobs under the scratch folder, each one JSON Lines file
of result documents with distinct configs (min_spread_bps = job number / 100, two other keys
varied; B has the taker fees doubled, so compare ignores them, a PnL perturbed from A's, 1% of the
jobs only in A and 1% only in B), warms the page cache, then times K runs of
`java [the launcher's scan options] -jar arbtune.jar compare A B --format json` (stdout to
/dev/null) with GNU time: wall time, CPU user+sys, peak RSS. Prints each run and the medians;
raw numbers in SCRATCH/compare-N/runs.tsv.

Options:
  --scratch DIR   scratch folder (default: $ARBTUNE_BENCH_DIR or /tmp/arbtune-bench)
  --jobs N        jobs per side (default: 100000)
  --runs K        timed runs (default: 3)
  --xmx SIZE      heap limit passed as -Xmx (default: none, the JVM's default)
  --skip-build    do not run Maven (arbtune-core/target/arbtune.jar must exist)
  -h, --help      this text
USAGE
}

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="${ARBTUNE_BENCH_DIR:-/tmp/arbtune-bench}"
jobs=100000
runs=3
xmx=""
build=true
jar="$repo/arbtune-core/target/arbtune.jar"
need_value() { [ $# -ge 2 ] || { echo "compare.sh: $1 needs a value" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --scratch) need_value "$@"; scratch="$2"; shift 2 ;;
    --jobs) need_value "$@"; jobs="$2"; shift 2 ;;
    --runs) need_value "$@"; runs="$2"; shift 2 ;;
    --xmx) need_value "$@"; xmx="$2"; shift 2 ;;
    --skip-build) build=false; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$jobs" "$runs"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: expected a positive count, got '$n'" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "compare.sh: GNU time (/usr/bin/time) is needed" >&2; exit 1; }

if $build; then
  "$repo/bench/build.sh" -pl arbtune-core -am package -DskipTests
fi
[ -f "$jar" ] || { echo "compare.sh: no jar at $jar (build it or drop --skip-build)" >&2; exit 1; }

dir="$scratch/compare-$jobs"
mkdir -p "$dir/a" "$dir/b"
# side file fee-tenths skip-modulus skip-residue pnl-noise
generate() {
  local file="$1" fee="$2" skip_mod="$3" skip_res="$4" noise="$5"
  [ -s "$file" ] && return 0
  awk -v n="$jobs" -v fee="$fee" -v m="$skip_mod" -v res="$skip_res" -v noise="$noise" 'BEGIN {
    srand(42);
    for (i = 1; i <= n; i++) {
      base = sin(i * 0.001) * 500 + (i % 97) - 48;
      jitter = rand() * 2 - 1;
      if (i % m == res) continue;
      pnl = base + noise * jitter;
      printf "{\"status\": \"success\", \"config\": {\"data_file\": \"data/q.csv\", \"min_spread_bps\": %.2f, \"slippage_bps\": %d, \"max_open_trades\": %d, \"taker_fee_a_bps\": %.1f, \"taker_fee_b_bps\": %.1f, \"tag\": \"s\"}, \"metrics\": {\"total_trades\": %d, \"realized_pnl_usd\": %.2f, \"max_drawdown_pct\": %.2f, \"win_rate\": %.4f}, \"config_summary\": {\"job_id\": \"job_%07d\"}}\n", i / 100, i % 3, 1 + i % 5, fee / 10, fee / 10, 1 + i % 50, pnl, 1 + (i % 20), (i % 100) / 100, i
    }
  }' > "$file.tmp"
  mv "$file.tmp" "$file"
}
echo "generating $jobs jobs per side in $dir ..." >&2
generate "$dir/a/results.jsonl" 5 100 1 0
generate "$dir/b/results.jsonl" 10 100 2 40
cat "$dir/a/results.jsonl" "$dir/b/results.jsonl" > /dev/null # warm the page cache

opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
[ -n "$xmx" ] && opts+=("-Xmx$xmx")
tsv="$dir/runs.tsv"
printf 'run\twall_s\tcpu_s\tpeak_rss_kb\n' > "$tsv"
for k in $(seq 1 "$runs"); do
  /usr/bin/time -f '%e %U %S %M' -o "$dir/time.txt" \
    java "${opts[@]}" -jar "$jar" compare "$dir/a" "$dir/b" --format json > /dev/null 2> "$dir/stderr.txt" \
    || { echo "compare.sh: compare failed:" >&2; tail -5 "$dir/stderr.txt" >&2; exit 1; }
  read -r wall user sys rss < "$dir/time.txt"
  cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
  printf '%s\t%s\t%s\t%s\n' "$k" "$wall" "$cpu" "$rss" >> "$tsv"
  echo "run $k: wall ${wall}s, cpu ${cpu}s, peak RSS $((rss / 1024)) MiB" >&2
done
median() { tail -n +2 "$tsv" | cut -f"$1" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "jobs per side: $jobs; runs: $runs; -Xmx: ${xmx:-default}"
echo "median wall: $(median 2) s; median cpu: $(median 3) s; median peak RSS: $(( $(median 4) / 1024 )) MiB"
java -jar "$jar" compare "$dir/a" "$dir/b" 2>/dev/null | head -1
