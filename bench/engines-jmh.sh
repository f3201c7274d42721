#!/usr/bin/env bash
# JMH: the backtest engines side by side on one thread (issue 17), arbtune-bench's
# EngineBenchmark: the reference and fast engines of Backtest, job after job, and the prototype
# ColumnSweep (all jobs in one pass over the rows; "columns" visits flat jobs by opening threshold,
# "columns-plain" tests every job on every row), on the shipped EUR/USD month (sparse, ~1 trade a
# job) and on 200,000 generated persistent-basis rows (busy), at 100 and 1,000 jobs. The score is
# quote-steps (rows x jobs) per second. Modest by default (one fork, 2 warm-up and 3 measured
# iterations: the machine may be shared); re-run after any engine change.
#
# Usage: [JMH_OPTS='-f 1 -wi 2 -i 3'] bench/engines-jmh.sh [more JMH options, e.g. -p jobs=1000]
#   JMH_OPTS replaces the forks and iterations (JMH refuses an option given twice); the other
#   options select, e.g. -p engine=reference,fast -p data=busy.
# Results: bench/out/jmh-engines.{txt,json}, then a table of medians (M quote-steps/s) with each
# engine's speed-up over the reference in the same run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v python3 >/dev/null || { echo "engines-jmh.sh: needs python3 on the PATH" >&2; exit 2; }
bench/build.sh -DskipTests -pl arbtune-bench -am package
mkdir -p bench/out
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" >&2
java -jar arbtune-bench/target/benchmarks.jar 'engines.EngineBenchmark' \
  ${JMH_OPTS:--f 1 -wi 2 -i 3} -rf json -rff bench/out/jmh-engines.json "$@" \
  | tee bench/out/jmh-engines.txt
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" >&2
python3 - bench/out/jmh-engines.json <<'PY'
import json, statistics, sys
cells, engines = {}, []
for b in json.load(open(sys.argv[1])):
    p = b["params"]
    steps = b["secondaryMetrics"]["quoteSteps"]["rawData"]
    cells[(p["data"], int(p["jobs"]), p["engine"])] = statistics.median(
        x for fork in steps for x in fork) / 1e6
    if p["engine"] not in engines:
        engines.append(p["engine"])
print("median M quote-steps/s, one thread (x = over the reference in this run)")
print(f"{'data':8s} {'jobs':>5s} " + " ".join(f"{e:>22s}" for e in engines))
for data, jobs in sorted({(d, j) for d, j, _ in cells}):
    ref = cells.get((data, jobs, "reference"))
    row = []
    for e in engines:
        v = cells.get((data, jobs, e))
        if v is None:
            row.append(f"{'-':>22s}")
        else:
            ratio = f" ({v / ref:5.1f}x)" if ref else ""
            row.append(f"{v:13.1f}{ratio:>9s}")
    print(f"{data:8s} {jobs:5d} " + " ".join(row))
PY
