package dev.arbtune.testing;

import java.nio.file.Path;

/**
 * A hand-written {@code walkforward.json} (the schema of issue 15) for the walk-forward page's
 * tests: four windows (a winner with a test, no winner for want of quotes, a new winner without a
 * test, the same parameters again with a loss), a stitched equity curve and no walk-forward
 * efficiency (its reason instead).
 */
public final class WalkForwardSample {

  private WalkForwardSample() {}

  /** The file's text. */
  public static final String JSON =
      """
      {
        "arbtune_version": "9.9.9-sample",
        "session_file": "sessions/eurusd.yaml",
        "data_file": "data/eurusd_2014.csv",
        "train": "3d",
        "test": "1d",
        "step": "1d",
        "anchored": false,
        "ranking": {"metric": "realized_pnl_usd", "order": "descending"},
        "filters": ["min_trades: 5", "max_drawdown_pct: 15.0"],
        "data_start": "2014-05-01T00:00:00Z",
        "data_end": "2014-05-08T07:59:59.500Z",
        "tail": "2014-05-08T00:00:00Z",
        "windows": [
          {"index": 1, "train_start": "2014-05-01T00:00:00Z", "train_end": "2014-05-04T00:00:00Z",
           "test_start": "2014-05-04T00:00:00Z", "test_end": "2014-05-05T00:00:00Z",
           "train_jobs": 12, "train_succeeded": 12, "train_passed_filters": 10,
           "winner": {"job_id": "w001_0003",
                      "config": {"data_file": "data/eurusd_2014.csv", "min_spread_bps": 30.0,
                                 "slippage_bps": 5.0, "max_open_trades": 1,
                                 "start_time": "2014-05-01T00:00:00Z",
                                 "end_time": "2014-05-04T00:00:00Z", "tag": "w001"},
                      "train_metrics": {"realized_pnl_usd": 300.0, "total_trades": 12}},
           "no_winner_reason": null,
           "test_metrics": {"realized_pnl_usd": 80.5, "total_trades": 4, "max_drawdown_pct": 1.25},
           "no_test_reason": null, "winner_changed": null},
          {"index": 2, "train_start": "2014-05-02T00:00:00Z", "train_end": "2014-05-05T00:00:00Z",
           "test_start": "2014-05-05T00:00:00Z", "test_end": "2014-05-06T00:00:00Z",
           "train_jobs": 12, "train_succeeded": 0, "train_passed_filters": 0,
           "winner": null, "no_winner_reason": "no quotes in the train window",
           "test_metrics": null, "no_test_reason": null, "winner_changed": null},
          {"index": 3, "train_start": "2014-05-03T00:00:00Z", "train_end": "2014-05-06T00:00:00Z",
           "test_start": "2014-05-06T00:00:00Z", "test_end": "2014-05-07T00:00:00Z",
           "train_jobs": 12, "train_succeeded": 12, "train_passed_filters": 7,
           "winner": {"job_id": "w003_0007",
                      "config": {"data_file": "data/eurusd_2014.csv", "min_spread_bps": 40.0,
                                 "slippage_bps": 5.0, "max_open_trades": 1,
                                 "start_time": "2014-05-03T00:00:00Z",
                                 "end_time": "2014-05-06T00:00:00Z", "tag": "w003"},
                      "train_metrics": {"realized_pnl_usd": 150.0, "total_trades": 9}},
           "no_winner_reason": null, "test_metrics": null,
           "no_test_reason": "no quotes in the test window", "winner_changed": true},
          {"index": 4, "train_start": "2014-05-04T00:00:00Z", "train_end": "2014-05-07T00:00:00Z",
           "test_start": "2014-05-07T00:00:00Z", "test_end": "2014-05-08T00:00:00Z",
           "train_jobs": 12, "train_succeeded": 12, "train_passed_filters": 11,
           "winner": {"job_id": "w004_0007",
                      "config": {"data_file": "data/eurusd_2014.csv", "min_spread_bps": 40.0,
                                 "slippage_bps": 5.0, "max_open_trades": 1,
                                 "start_time": "2014-05-04T00:00:00Z",
                                 "end_time": "2014-05-07T00:00:00Z", "tag": "w004"},
                      "train_metrics": {"realized_pnl_usd": -60.0, "total_trades": 15}},
           "no_winner_reason": null,
           "test_metrics": {"realized_pnl_usd": -20.25, "total_trades": 5, "max_drawdown_pct": 2.5},
           "no_test_reason": null, "winner_changed": false}
        ],
        "stitched": {"windows_tested": 2, "realized_pnl_usd": 60.25, "trades": 9,
                     "max_drawdown_usd": 35.5,
                     "equity": {"times": ["2014-05-04T00:00:00Z", "2014-05-04T06:00:00Z",
                                          "2014-05-04T18:00:00Z", "2014-05-07T00:00:00Z",
                                          "2014-05-07T09:30:00Z", "2014-05-08T00:00:00Z"],
                                "equity_usd": [10000.0, 10050.0, 10080.5, 10080.5, 10044.5,
                                               10060.25]}},
        "efficiency": {"wfe": null, "train_pnl_per_year_usd": -7300.0,
                       "test_pnl_per_year_usd": 10995.625,
                       "reason": "the train PnL is not positive (-60.00 USD a window on average)"},
        "winner_changes": 1,
        "windows_with_winner": 3
      }
      """;

  /** Writes {@link #JSON} as {@code dir/walkforward.json} and returns that file. */
  public static Path write(Path dir) {
    return Docs.write(dir, "walkforward.json", JSON);
  }
}
