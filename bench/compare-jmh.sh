#!/usr/bin/env bash
# JMH benchmark of compare's rank statistics (arbtune-bench, RankStatisticsBenchmark): Kendall's
# tau-b, Spearman's rho and the rank-biased overlap over a million pairs, with distinct values and
# with many ties, against one Arrays.sort of a million doubles. Scores are pairs per second.
#
# Usage: bench/compare-jmh.sh [extra JMH options]
# Results: bench/out/jmh-compare.{txt,json}; bench/jmh-medians.sh prints per-benchmark medians.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bench/build.sh -DskipTests -pl arbtune-bench -am package
mkdir -p bench/out
java -jar arbtune-bench/target/benchmarks.jar 'RankStatisticsBenchmark' \
  -f 2 -wi 2 -w 2 -i 5 -r 2 -prof gc -rf json -rff bench/out/jmh-compare.json "$@" \
  | tee bench/out/jmh-compare.txt
bench/jmh-medians.sh bench/out/jmh-compare.json
