package dev.arbtune.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.ChromiumLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The windows table fits a 1280 px window: test PnL and the notes are not off-screen. */
class WalkForwardLayoutWidthTest {

  @TempDir Path tmp;

  @Test
  void theWindowsTableFitsAt1280Pixels() throws IOException {
    List<Object> windows = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("min_spread_bps", 0.25 * i);
      config.put("slippage_bps", 1.5 + i);
      config.put("max_position_usd", 10000 + 2500 * i);
      config.put("taker_fee_a_bps", 0.1 * i);
      config.put("stop_on_drawdown_pct", 12.5 + i);
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("index", i);
      w.put("train_start", "2014-05-0" + i + "T00:00:00Z");
      w.put("train_end", "2014-05-0" + (i + 3) + "T00:00:00Z");
      w.put("test_start", "2014-05-0" + (i + 3) + "T00:00:00Z");
      w.put("test_end", "2014-05-0" + (i + 4) + "T00:00:00Z");
      w.put("train_jobs", 1200);
      w.put("train_succeeded", 1200);
      w.put("train_passed_filters", 1100);
      w.put(
          "winner",
          Map.of(
              "job_id",
              "eurusd_fxcm_oanda_000" + i,
              "config",
              config,
              "train_metrics",
              Map.of("realized_pnl_usd", -1234.56 * i, "total_trades", 0)));
      w.put(
          "winner_note",
          "no trade in the train window: picked by job id among jobs tied on realized_pnl_usd");
      w.put(
          "test_metrics",
          Map.of("realized_pnl_usd", -98765.43, "total_trades", 1234, "max_drawdown_pct", 12.34));
      w.put("winner_changed", i % 2 == 0);
      windows.add(w);
    }
    Map<String, Object> wf = new LinkedHashMap<>();
    wf.put("train", "3d");
    wf.put("test", "1d");
    wf.put("step", "1d");
    wf.put("windows", windows);
    Path page = tmp.resolve("report.html");
    WalkForwardReport.write(wf, page);
    List<ChromiumLayout.Table> tables = ChromiumLayout.tables(page, tmp, 1280, "div.scroll table");
    assertThat(tables).hasSize(1);
    assertThat(tables.get(0).fits()).as("%s", tables.get(0)).isTrue();
  }
}
