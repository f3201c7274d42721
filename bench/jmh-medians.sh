#!/usr/bin/env bash
# Prints, for each benchmark of a JMH JSON result file, the median, minimum and maximum of all
# measurement iterations of all forks: on a noisy machine the median says more than the mean.
# Usage: bench/jmh-medians.sh RESULT.json   (needs python3)
set -euo pipefail
command -v python3 >/dev/null || { echo "jmh-medians.sh: needs python3 on the PATH" >&2; exit 2; }
python3 - "$1" <<'PY'
import json, statistics, sys
for b in json.load(open(sys.argv[1])):
    raw = [x for fork in b["primaryMetric"]["rawData"] for x in fork]
    name = b["benchmark"].rsplit(".", 2)[-2:]
    params = ",".join(f"{k}={v}" for k, v in (b.get("params") or {}).items())
    alloc = b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
    print(f"{'.'.join(name):45s} {params:10s} median {statistics.median(raw)/1e6:9.1f} M/s"
          f"  min {min(raw)/1e6:9.1f}  max {max(raw)/1e6:9.1f}  (n={len(raw)})"
          + (f"  alloc {alloc:.4f} B/op" if alloc is not None else ""))
PY
