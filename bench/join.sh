#!/usr/bin/env bash
# Benchmark of `arbtune join` (issue 14): input rows per second and peak RSS, end to end (a fresh
# JVM per run, as a user runs it), on generated pairs of venue files of growing size (venue A in
# Binance's bookTicker layout, venue B in Tardis's quotes layout, one quote per venue every ~100 ms).
# Baselines in the same run: the JVM's start (`arbtune.jar --version`) and reading both files
# (`cat A B > /dev/null`, the floor no program reading them can beat). See docs/BENCHMARKS.md.
#
# Usage: bench/join.sh [--rows "1000000 5000000 26000000"] [--runs 3] [--scratch DIR]
#                      [--xmx 64m] [--skip-build] [--baseline-jar JAR]
# --baseline-jar times another build's arbtune.jar too (program "baseline", with the JVM options in
# BASELINE_JAVA_OPTS, default none), interleaved with this one's, to compare before/after on a
# machine others share. Times are medians of the runs: wall, and CPU (user + sys, all threads).
# Rows are per venue (a month of 100 ms quotes is ~26 M rows per venue). Generated files are kept
# in the scratch folder (default /tmp/arbtune-bench/join; 26 M rows a venue is 1.7 and 1.9 GB)
# and reused by later runs (delete them when done). JOIN_FLAGS adds options to every join (e.g.
# "--no-age-columns"). Joins run with the JVM options ./arbtune gives join.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows_list="1000000 5000000 26000000"
runs=3
scratch="${ARBTUNE_BENCH_DIR:-/tmp/arbtune-bench}/join"
xmx=64m
build=true
baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows_list="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --scratch) scratch="$2"; shift 2 ;;
    --xmx) xmx="$2"; shift 2 ;;
    --skip-build) build=false; shift ;;
    --baseline-jar) baseline="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "join.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "join.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
cd "$repo"
if $build; then
  bench/build.sh -DskipTests -pl arbtune-core,arbtune-bench -am package
fi
core="$repo/arbtune-core/target/arbtune.jar"
benchjar="$repo/arbtune-bench/target/benchmarks.jar"
mkdir -p "$scratch"
# the JVM options ./arbtune gives join
java=(java -XX:+UseSerialGC)
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
  "$(java -version 2>&1 | head -1)"

median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
# timed LABEL CMD...: runs CMD under GNU time, appends "LABEL wall rss_kb cpu_s" to $runs_file
timed() {
  local label="$1"; shift
  /usr/bin/time -f "%e %M %U %S" -o "$scratch/time.txt" "$@" > /dev/null
  awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' "$scratch/time.txt" > "$scratch/time2.txt"
  mv "$scratch/time2.txt" "$scratch/time.txt"
  echo "$label $(cat "$scratch/time.txt")" >> "$runs_file"
}

runs_file="$scratch/runs-$(date +%Y%m%dT%H%M%S).txt"
: > "$runs_file"
printf '%-10s %-9s %7s %7s %7s %7s %12s %7s %10s\n' rows/venue program wall_s min_s max_s cpu_s \
  "input_rows/s" rss_MB "rss_MB(-Xmx$xmx)"
for rows in $rows_list; do
  a="$scratch/a-$rows.csv"
  b="$scratch/b-$rows.csv"
  if [ ! -s "$a" ] || [ ! -s "$b" ]; then
    "${java[@]}" -cp "$benchjar" dev.arbtune.bench.gen.VenueFileGenerator \
      --out-a "$a" --out-b "$b" --rows "$rows" > /dev/null
  fi
  cat "$a" "$b" > /dev/null   # warm the page cache
  out="$scratch/joined-$rows.csv"
  for r in $(seq "$runs"); do
    timed "start-$rows" "${java[@]}" -jar "$core" --version
    timed "read-$rows" cat "$a" "$b"
    # shellcheck disable=SC2086
    timed "join-$rows" "${java[@]}" -jar "$core" join --venue-a "$a" --venue-b "$b" \
      --output "$out" -q ${JOIN_FLAGS:-}
    # shellcheck disable=SC2086
    timed "joinxmx-$rows" "${java[@]}" "-Xmx$xmx" -jar "$core" join --venue-a "$a" --venue-b "$b" \
      --output "$out" -q ${JOIN_FLAGS:-}
    if [ -n "$baseline" ]; then
      # shellcheck disable=SC2086
      timed "baseline-$rows" java ${BASELINE_JAVA_OPTS:-} -jar "$baseline" join --venue-a "$a" --venue-b "$b" \
        --output "$scratch/baseline-$rows.csv" -q ${JOIN_FLAGS:-}
    fi
  done
  programs="start read join"
  [ -n "$baseline" ] && programs="$programs baseline"
  for program in $programs; do
    walls=$(awk -v l="$program-$rows" '$1 == l {print $2}' "$runs_file")
    med=$(echo "$walls" | median)
    min=$(echo "$walls" | sort -g | head -1)
    max=$(echo "$walls" | sort -g | tail -1)
    rss=$(awk -v l="$program-$rows" '$1 == l {print $3}' "$runs_file" | median)
    cpu=$(awk -v l="$program-$rows" '$1 == l {print $4}' "$runs_file" | median)
    rate=$(awk -v r="$rows" -v w="$med" 'BEGIN {printf "%.2fM", 2 * r / w / 1e6}')
    rssx="-"
    if [ "$program" = join ]; then
      rssx=$(awk -v l="joinxmx-$rows" '$1 == l {print $3}' "$runs_file" | median)
      rssx=$((rssx / 1024))
    fi
    printf '%-10s %-9s %7s %7s %7s %7s %12s %7s %10s\n' "$rows" "$program" "$med" "$min" "$max" \
      "$cpu" "$rate" "$((rss / 1024))" "$rssx"
  done
  echo "  output rows: $(($(wc -l < "$out") - 1))"
  if [ -n "$baseline" ]; then
    if cmp -s "$out" "$scratch/baseline-$rows.csv"; then
      echo "  output identical to the baseline's"
    else
      echo "  OUTPUT DIFFERS from the baseline's"
    fi
    rm -f "$scratch/baseline-$rows.csv"
  fi
  rm -f "$out"
done
echo "raw runs: $runs_file"
