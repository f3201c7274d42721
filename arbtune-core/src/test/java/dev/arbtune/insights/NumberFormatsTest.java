package dev.arbtune.insights;

import static dev.arbtune.testing.GridDocs.map;
import static dev.arbtune.testing.GridDocs.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.aggregate.SummaryText;
import dev.arbtune.aggregate.TuningResultsAggregator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumberFormatsTest {

  @TempDir Path dir;

  @Test
  void moneyKeepsTheMinusOfSmallNegativesAsPythonDoes() {
    assertThat(NumberFormats.money(-0.001)).isEqualTo("-0.00");
    assertThat(NumberFormats.money(-0.0)).isEqualTo("-0.00");
    assertThat(NumberFormats.money(0.001)).isEqualTo("+0.00");
    assertThat(NumberFormats.money(0.0)).isEqualTo("+0.00");
    assertThat(NumberFormats.money(1234.565)).isEqualTo("+1,234.57"); // 1234.56500000000005...
    assertThat(NumberFormats.money(-1e6 / 3)).isEqualTo("-333,333.33");
    assertThat(NumberFormats.money(Double.NaN)).isEqualTo("-");
  }

  @Test
  void moneyPrintsPnlsAsTheSummaryDoes() throws IOException {
    double[] pnls = {-0.001, -0.004, 0.004, -0.005, 1234.565, -98765.4321};
    for (int i = 0; i < pnls.length; i++) {
      write(dir, "j" + i, map("a", i), map("realized_pnl_usd", pnls[i]));
    }
    String summary = SummaryText.format(TuningResultsAggregator.of(dir).summarize());
    for (double pnl : pnls) {
      assertThat(summary)
          .containsPattern("PnL=" + Pattern.quote(NumberFormats.money(pnl)) + " *  DD=");
    }
  }

  @Test
  void decimalsShowTwoToThreeSignificantDigitsOfTheRange() {
    assertThat(NumberFormats.decimalsFor(1000)).isZero();
    assertThat(NumberFormats.decimalsFor(10)).isZero();
    assertThat(NumberFormats.decimalsFor(9.99)).isEqualTo(1);
    assertThat(NumberFormats.decimalsFor(1)).isEqualTo(1);
    assertThat(NumberFormats.decimalsFor(0.8)).isEqualTo(2);
    assertThat(NumberFormats.decimalsFor(0.05)).isEqualTo(3);
    assertThat(NumberFormats.decimalsFor(1e-30)).isEqualTo(NumberFormats.MAX_DECIMALS);
    assertThat(NumberFormats.decimalsFor(0)).isEqualTo(2);
    assertThat(NumberFormats.decimalsFor(Double.NaN)).isEqualTo(2);
  }

  @Test
  void numberHasExactlyTheDecimalsAskedFor() {
    assertThat(NumberFormats.number(-0.39894685455404166, 2)).isEqualTo("-0.40");
    assertThat(NumberFormats.number(0.39894685455404166, 3)).isEqualTo("0.399");
    assertThat(NumberFormats.number(12345.5, 0)).isEqualTo("12,346");
    assertThat(NumberFormats.number(-0.001, 2)).isEqualTo("-0.00");
    assertThat(NumberFormats.pattern(0)).isEqualTo("#,##0");
    assertThat(NumberFormats.pattern(3)).isEqualTo("#,##0.000");
  }
}
