package dev.arbtune.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The metric catalogue against docs/MODEL.md and against the main code that names metrics. */
class MetricTest {

  private static final Path ROOT = Path.of("..");

  @Test
  void catalogueHoldsExactlyTheMetricsOfModelMdInItsOrder() throws IOException {
    List<String> documented = new ArrayList<>();
    boolean inTable = false;
    Pattern row = Pattern.compile("^\\| `([a-z_]+)` \\|");
    for (String line : Files.readAllLines(ROOT.resolve("docs/MODEL.md"))) {
      if (line.startsWith("| metric | definition |")) {
        inTable = true;
      } else if (inTable && !line.startsWith("|")) {
        break;
      } else if (inTable) {
        Matcher m = row.matcher(line);
        if (m.find()) {
          documented.add(m.group(1));
        }
      }
    }
    assertThat(documented).hasSize(18);
    assertThat(Metric.keys()).containsExactlyElementsOf(documented);
  }

  @Test
  void everyMetricKnowsItsDirectionUnitAndDescription() {
    for (Metric m : Metric.values()) {
      assertThat(m.key()).matches("[a-z_]+");
      assertThat(Metric.byKey(m.key())).contains(m);
      assertThat(m.description()).isNotBlank().doesNotContain("\n");
    }
    assertThat(Metric.byKey("pnl")).isEmpty();
    assertThat(Metric.byKey(null)).isEmpty();
    assertThat(Metric.PNL_STD_PER_TRADE_USD.better()).isEqualTo(Metric.Better.LOWER);
    assertThat(Metric.UNREALIZED_PNL_USD.better()).isEqualTo(Metric.Better.HIGHER);
    assertThat(Metric.CLOSED_TRADES.better()).isEqualTo(Metric.Better.HIGHER);
    assertThat(Metric.MAX_DRAWDOWN_PCT.unit().decimals()).isEqualTo(6);
    assertThat(Metric.RUNTIME_SECONDS.unit().decimals()).isEqualTo(3);
    assertThat(Metric.AVG_HOLDING_SECONDS.unit().decimals()).isEqualTo(3);
  }

  @Test
  void seedLineIsPnlDrawdownTradesAndOnlyTheyMustBeFinite() {
    assertThat(Metric.seedLine())
        .containsExactly(Metric.REALIZED_PNL_USD, Metric.MAX_DRAWDOWN_PCT, Metric.TOTAL_TRADES);
    assertThat(Stream.of(Metric.values()).filter(Metric::mustBeFinite))
        .containsExactlyInAnyOrderElementsOf(Metric.seedLine());
    assertThat(Stream.of(Metric.values()).filter(m -> m.missing() == Metric.Missing.ZERO))
        .containsExactly(Metric.REALIZED_PNL_USD);
  }

  /**
   * The done-when check, for every metric: no main source file but the catalogue writes a
   * metric's key as a string literal (comments aside; equity.csv's open_trades column is a CSV
   * column, not the metric).
   */
  @Test
  void noMainSourceButTheCatalogueSpellsAMetricKey() throws IOException {
    Path main = Path.of("src/main/java");
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (file.endsWith(Path.of("dev/arbtune/result/Metric.java"))) {
          continue;
        }
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
            continue;
          }
          for (Metric m : Metric.values()) {
            boolean csvColumn =
                m == Metric.OPEN_TRADES
                    && file.endsWith(Path.of("dev/arbtune/show/EquityCsv.java"));
            if (!csvColumn && line.contains("\"" + m.key() + "\"")) {
              offenders.add(main.relativize(file) + ":" + (i + 1) + " " + m.key());
            }
          }
        }
      }
    }
    assertThat(offenders).isEmpty();
  }
}
