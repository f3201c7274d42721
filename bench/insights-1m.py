#!/usr/bin/env python3
"""Writes a synthetic session of 1,000,000 result documents as JSON Lines (10 files), a full grid of
7 parameters, for measuring `arbtune aggregate --insights` and `arbtune report` in bounded memory.
Usage: bench/insights-1m.py OUT_DIR"""
import itertools, json, math, os, random, sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
random.seed(7)
grid = itertools.product(
    ["d%d.csv" % i for i in range(4)], range(10, 110, 10), range(1, 11), [2.0, 3.0, 4.0, 5.0, 6.0],
    [500.0 * k for k in range(1, 11)], range(1, 6), [None] + [5.0 * k for k in range(1, 10)])
files = [open(os.path.join(out, "part%02d.jsonl" % i), "w") for i in range(10)]
for n, (f, spread, slip, fee, pos, opens, stop) in enumerate(grid):
    pnl = spread * 3 - slip * 25 - fee * 10 + pos / 100 + random.gauss(0, 40)
    doc = {"status": "success",
           "config": {"data_file": f, "min_spread_bps": float(spread), "slippage_bps": float(slip),
                      "taker_fee_a_bps": fee, "max_position_usd": pos, "max_open_trades": opens,
                      "stop_on_drawdown_pct": stop, "tag": "big"},
           "metrics": {"total_trades": 40, "closed_trades": 40, "realized_pnl_usd": round(pnl, 2),
                       "max_drawdown_pct": round(abs(random.gauss(5, 3)), 2),
                       "sharpe_per_trade": round(pnl / 2000 + random.gauss(0, 0.05), 4)},
           "config_summary": {"job_id": "big_%07d" % n}}
    files[n % 10].write(json.dumps(doc) + "\n")
for fh in files:
    fh.close()
