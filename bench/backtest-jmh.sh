#!/usr/bin/env bash
# JMH benchmarks of the backtest engine and the quotes loader (arbtune-bench), on the real EUR/USD
# month: BacktestSweepBenchmark (quote-steps/s of a 1,000-configuration sweep, one thread and a
# pool of 2, against a plain scan of the same columns) and QuotesParseBenchmark (rows/s, against
# FastCSV + the JDK's parsers). Two forks each; allocation per operation from JMH's gc profiler.
#
# Usage: bench/backtest-jmh.sh [extra JMH options]
# Results: bench/out/jmh-backtest.{txt,json}; bench/jmh-medians.sh prints per-benchmark medians.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bench/build.sh -DskipTests -pl arbtune-bench -am package
mkdir -p bench/out
java -jar arbtune-bench/target/benchmarks.jar 'BacktestSweepBenchmark|QuotesParseBenchmark' \
  -f 2 -wi 2 -w 3 -i 6 -r 3 -prof gc -rf json -rff bench/out/jmh-backtest.json "$@" \
  | tee bench/out/jmh-backtest.txt
bench/jmh-medians.sh bench/out/jmh-backtest.json
