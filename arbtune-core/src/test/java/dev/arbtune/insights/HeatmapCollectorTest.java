package dev.arbtune.insights;

import static dev.arbtune.testing.GridDocs.map;
import static dev.arbtune.testing.GridDocs.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.TuningResultsAggregator;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeatmapCollectorTest {

  @TempDir Path dir;

  @Test
  void medianPerCellIndexedByXThenY() throws IOException {
    // x in {1, 2, 3}, y in {10, 20}; cell (x=3, y=10) holds two jobs: 5 and 7.
    write(dir, "a", map("x", 1, "y", 10, "z", 0), map("realized_pnl_usd", 1.0));
    write(dir, "b", map("x", 3, "y", 10, "z", 0), map("realized_pnl_usd", 5.0));
    write(dir, "c", map("x", 3, "y", 10, "z", 1), map("realized_pnl_usd", 7.0));
    write(dir, "d", map("x", 2, "y", 20, "z", 0), map("realized_pnl_usd", -4.0));
    write(dir, "e", map("y", 20, "z", 0), map("realized_pnl_usd", 99.0)); // no x: not counted
    Heatmap h =
        TuningResultsAggregator.builder(dir)
            .threads(2)
            .build()
            .summarize(new ScanProgress(), () -> new HeatmapCollector("x", "y"))
            .collected()
            .heatmap();
    assertThat(h.xValues()).extracting(ParamValue::display).containsExactly("1", "2", "3");
    assertThat(h.yValues()).extracting(ParamValue::display).containsExactly("10", "20");
    assertThat(h.medianAt(2, 0)).isEqualTo(6.0);
    assertThat(h.jobsAt(2, 0)).isEqualTo(2);
    assertThat(h.medianAt(1, 1)).isEqualTo(-4.0);
    assertThat(h.medianAt(0, 1)).isNaN();
    assertThat(h.jobsAt(0, 1)).isZero();
    assertThat(h.exact()).isTrue();
  }
}
