#!/usr/bin/env bash
# Overhead of the Spark path against the local one, on this machine (docs/BENCHMARKS.md, "Spark").
# Same inputs for both, every program a fresh JVM, runs alternating, medians reported:
#   sweep:     `arbtune run` vs the Spark `sweep` of the 1,000-job plan of bench/sweep.sh (the
#              EUR/USD month, gzip), 2 workers / local[2], --no-fsync for the local runner
#   aggregate: `arbtune aggregate` vs the Spark `aggregate` of a generated folder of FILES result
#              files, and of a JSON Lines file of LINES lines (ResultDirGenerator, 2 % broken)
#   start:     the Spark `aggregate` of an empty folder (JVM + session start and stop)
# The two aggregates' JSON summaries are compared (must be identical) and so are the two sweeps'
# documents (apart from runtime_seconds).
#
# The Spark programs run as spark-submit would run them, without a Spark distribution:
#   java -cp arbtune-spark/target/arbtune-spark.jar:<Spark's jars from ~/.m2> \
#     -Dspark.master=local[2] dev.arbtune.spark.cli.SparkMain ...
#
# Usage: bench/spark.sh [ROUNDS [FILES [LINES]]]   (defaults: 3, 20000, 200000)
# Scratch files go to bench/out/spark/ (ignored by git).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds="${1:-3}"
files="${2:-20000}"
lines="${3:-200000}"
out="bench/out/spark"
mkdir -p "$out"
java="${JAVA:-java}"

echo "building the jars (outside the timing) ..." >&2
bench/build.sh -pl arbtune-bench,arbtune-spark -am package -DskipTests
core_jar=arbtune-core/target/arbtune.jar
spark_cp="arbtune-spark/target/arbtune-spark.jar:$(cat arbtune-spark/target/spark.classpath)"
bench_jar=arbtune-bench/target/benchmarks.jar

# The plan of bench/sweep.sh: 1,000 backtests over the EUR/USD month.
data="data/eurusd_fxcm_vs_oanda_1s_2014-05.csv.gz"
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

gen() { # dir count [--jsonl]
  "$java" -cp "$bench_jar" dev.arbtune.bench.gen.ResultDirGenerator \
    --out "$1" --count "$2" --seed 42 "${@:3}" > "$out/generate-$(basename "$1").txt"
}
[ -f "$out/dir/.arbtune-generated" ] || gen "$out/dir" "$files"
[ -f "$out/lines.jsonl" ] || gen "$out/lines.jsonl" "$lines" --jsonl
mkdir -p "$out/jsonl" "$out/empty"
[ -e "$out/jsonl/lines.jsonl" ] || ln -s ../lines.jsonl "$out/jsonl/lines.jsonl"
find "$out/dir" -type f -exec cat {} + > /dev/null   # warm the page cache

spark() { # args...
  "$java" -cp "$spark_cp" -Dspark.master='local[2]' -Dspark.driver.host=127.0.0.1 \
    -Dspark.driver.bindAddress=127.0.0.1 -Dspark.ui.enabled=false -Dspark.log.level=ERROR \
    dev.arbtune.spark.cli.SparkMain "$@"
}
local_cli() { "$java" -jar "$core_jar" "$@"; }

now() { date +%s.%N; }
declare -A times
timed() { # name command...; appends the wall seconds to times[name]
  local name="$1" t0 t1
  shift
  t0=$(now)
  "$@" > "$out/$name.out" 2> "$out/$name.err" \
    || { echo "$name failed:" >&2; tail -5 "$out/$name.err" >&2; exit 1; }
  t1=$(now)
  times[$name]+="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') "
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
  "$("$java" -version 2>&1 | head -1); Spark 4.2.0 local[2]"
echo "inputs: $n-job plan; $files result files; $lines JSON Lines lines"
for r in $(seq 1 "$rounds"); do
  rm -rf "$out/run-local" "$out/run-spark"
  timed spark-start spark aggregate --results-dir "$out/empty" -q
  timed local-sweep local_cli run --jobs "$plan" --output-root "$out/run-local" \
    --parallelism 2 --no-fsync --quiet
  timed spark-sweep spark sweep --jobs "$plan" --output-root "$out/run-spark" -q
  timed local-agg-dir local_cli aggregate --results-dir "$out/dir" --format json -q --threads 2
  timed spark-agg-dir spark aggregate --results-dir "$out/dir" --format json -q
  timed local-agg-jsonl local_cli aggregate --results-dir "$out/jsonl" --format json -q --threads 2
  timed spark-agg-jsonl spark aggregate --results-dir "$out/jsonl" --format json -q
  echo "round $r: $(for k in spark-start local-sweep spark-sweep local-agg-dir spark-agg-dir \
    local-agg-jsonl spark-agg-jsonl; do printf '%s=%s ' "$k" "$(awk '{print $NF}' <<<"${times[$k]}")"; done)"
done

# Same answers?
cmp "$out/local-agg-dir.out" "$out/spark-agg-dir.out" \
  && cmp "$out/local-agg-jsonl.out" "$out/spark-agg-jsonl.out" \
  && echo "aggregate summaries: identical (folder and JSON Lines)"
normalized() { # results-dir copy-dir: the documents with runtime_seconds set to 0
  rm -rf "$2"
  (cd "$1" && find . -type f -name '*.json') | while read -r f; do
    mkdir -p "$2/$(dirname "$f")"
    sed 's/"runtime_seconds": [-0-9.eE+]*/"runtime_seconds": 0/' "$1/$f" > "$2/$f"
  done
}
normalized "$out/run-local" "$out/norm-local"
normalized "$out/run-spark" "$out/norm-spark"
diff -r "$out/norm-local" "$out/norm-spark" > /dev/null \
  && echo "sweep documents: identical apart from runtime_seconds ($(find "$out/norm-spark" -type f | wc -l) files)"

median() { tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo
printf '%-16s %s\n' "program" "median wall s (runs)"
for k in spark-start local-sweep spark-sweep local-agg-dir spark-agg-dir local-agg-jsonl spark-agg-jsonl; do
  printf '%-16s %s   (%s)\n' "$k" "$(median <<<"${times[$k]}")" "${times[$k]% }"
done
