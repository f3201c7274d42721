#!/usr/bin/env bash
# Load time of a quotes file, parsed from the CSV against mapped from a --quotes-cache folder
# (QuotesDiskCache), for the shipped EUR/USD month (gzip, 325,660 rows) and a generated file of
# ROWS rows (default 30,000,000: ~1.8 GB of CSV, generated once by bench.gen.QuotesFileGenerator
# into bench/out/, never committed). Each measurement is one load in a fresh JVM (QuotesLoadTime:
# what a session's first job waits for, the JVM's start not counted), with the files in the page
# cache; CSV and cache runs alternate, ROUNDS of each; the medians are printed last.
#
# Usage: bench/quotes-cache.sh [ROUNDS] [ROWS]   (defaults 5 and 30000000; needs ~6 GB of disk)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds="${1:-5}"
rows="${2:-30000000}"
out="bench/out/quotes-cache"
mkdir -p "$out"
bench/build.sh -DskipTests -pl arbtune-bench -am package
jar=arbtune-bench/target/benchmarks.jar
java_opts=(-Xmx12g -XX:+UseParallelGC)

big="$out/quotes-${rows}.csv"
if [[ ! -f "$big" ]] || [[ "$(wc -l < "$big")" -ne $((rows + 1)) ]]; then
  java "${java_opts[@]}" -cp "$jar" dev.arbtune.bench.gen.QuotesFileGenerator \
    --out "$big" --rows "$rows" >&2
fi

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1)"

load() {  # load FILE [CACHE_DIR]; prints the load's seconds
  local args=(--file "$1")
  [[ $# -gt 1 ]] && args+=(--quotes-cache "$2")
  java "${java_opts[@]}" -cp "$jar" dev.arbtune.bench.QuotesLoadTime "${args[@]}" \
    | awk -F= '/^seconds=/ {print $2}'
}
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

for file in data/eurusd_fxcm_vs_oanda_1s_2014-05.csv.gz "$big"; do
  cache="$out/cache"
  rm -rf "$cache"
  cat "$file" > /dev/null  # into the page cache, as for every later run
  first=$(load "$file" "$cache")  # parses the CSV and writes the cache file
  cat "$cache"/*.quotes > /dev/null
  : > "$out/csv.txt"
  : > "$out/cache.txt"
  for ((r = 1; r <= rounds; r++)); do
    c=$(load "$file")
    m=$(load "$file" "$cache")
    echo "$file round $r: csv ${c} s, cache ${m} s"
    echo "$c" >> "$out/csv.txt"
    echo "$m" >> "$out/cache.txt"
  done
  echo "$file: $(du -b "$file" | cut -f1) bytes; cache file $(du -b "$cache"/*.quotes | cut -f1) bytes;" \
    "first load with the cache (parse + write) ${first} s"
  echo "$file: median of $rounds: csv $(median < "$out/csv.txt") s, cache $(median < "$out/cache.txt") s"
done
