package dev.arbtune.bench.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesLoader;
import dev.arbtune.bench.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotesFileGeneratorTest {

  @TempDir Path tmp;

  @Test
  void writesRowsTheLoaderReadsOneEvery100MsTheSameForTheSameSeed() throws Exception {
    Path a = tmp.resolve("a.csv");
    Path b = tmp.resolve("b.csv");
    Tools.Result r = Tools.run(new QuotesFileGenerator(), "--out", a.toString(), "--rows", "25");
    Tools.run(new QuotesFileGenerator(), "--out", b.toString(), "--rows", "25");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("rows=25\n");
    Quotes q = QuotesLoader.load(a);
    assertThat(q.size()).isEqualTo(25);
    assertThat(q.instant(0)).isEqualTo(QuotesFileGenerator.START);
    assertThat(q.timestamp(10) - q.timestamp(9)).isEqualTo(100_000);
    for (int i = 0; i < q.size(); i++) {
      assertThat(q.bidA(i)).isLessThan(q.askA(i)).isBetween(0.01, 2.0);
      assertThat(q.bidB(i)).isLessThan(q.askB(i));
    }
    assertThat(Files.readString(a)).isEqualTo(Files.readString(b));
    assertThat(Files.readAllLines(a).get(1))
        .startsWith("2024-01-01T00:00:00.000Z,")
        .matches("[^,]+(,\\d\\.\\d{5}){4}");
  }

  @Test
  void basisModeIsSeededOneRowASecondOnATickAndLoads() throws Exception {
    Path a = tmp.resolve("a.csv");
    Path b = tmp.resolve("b.csv");
    Path c = tmp.resolve("c.csv");
    Tools.Result r = basis(a, "1000", "7");
    basis(b, "1000", "7");
    basis(c, "1000", "8");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("mode=basis\n", "rows=1000\n");
    assertThat(Files.readString(a))
        .isEqualTo(Files.readString(b))
        .isNotEqualTo(Files.readString(c));
    Quotes q = QuotesLoader.load(a);
    assertThat(q.size()).isEqualTo(1000);
    assertThat(q.instant(0)).isEqualTo(QuotesFileGenerator.START);
    assertThat(q.timestamp(999) - q.timestamp(998)).isEqualTo(1_000_000);
    for (int i = 0; i < q.size(); i++) {
      assertThat(q.bidA(i)).isLessThan(q.askA(i)).isBetween(10_000.0, 40_000.0);
      assertThat(q.bidB(i)).isLessThan(q.askB(i));
      assertThat(q.askB(i) - q.bidB(i)).isBetween(0.05, 0.35);
    }
    assertThat(Files.readAllLines(a).get(1))
        .startsWith("2024-01-01T00:00:00Z,")
        .matches("[^,]+(,\\d+\\.\\d){4}");
  }

  @Test
  void basisModeHasTheDocumentedPersistentBasis() throws Exception {
    Path f = tmp.resolve("basis.csv");
    Tools.Result r = basis(f, "200000", "42");

    Quotes q = QuotesLoader.load(f);
    int n = q.size();
    double[] basis = new double[n];
    double sum = 0;
    int sBaNonNegative = 0;
    int sAbNonNegative = 0;
    for (int i = 0; i < n; i++) {
      basis[i] = ((q.bidA(i) + q.askA(i)) / (q.bidB(i) + q.askB(i)) - 1) * 1e4;
      sum += basis[i];
      sBaNonNegative += (q.bidA(i) - q.askB(i)) / q.askB(i) * 1e4 >= 0 ? 1 : 0;
      sAbNonNegative += (q.bidB(i) - q.askA(i)) / q.askA(i) * 1e4 >= 0 ? 1 : 0;
    }
    double mean = sum / n;
    double share = sBaNonNegative / (double) n;
    // persistence: the basis moves slowly (half-life 600 rows), so neighbouring rows agree
    double cov = 0;
    double var = 0;
    for (int i = 0; i < n; i++) {
      var += (basis[i] - mean) * (basis[i] - mean);
      cov += i > 0 ? (basis[i] - mean) * (basis[i - 1] - mean) : 0;
    }

    assertThat(mean).isBetween(2.5, 3.5);
    assertThat(share).isBetween(0.88, 0.97);
    assertThat(sAbNonNegative / (double) n).isLessThan(0.1);
    assertThat(cov / var).isGreaterThan(0.99);
    assertThat(Double.parseDouble(r.value("basis_mean_bps"))).isCloseTo(mean, within(1e-3));
    assertThat(Double.parseDouble(r.value("s_ba_nonnegative_share")))
        .isCloseTo(share, within(1e-4));
  }

  @Test
  void refusesAnUnknownModeAndANegativeBasisDeviation() {
    String out = tmp.resolve("x.csv").toString();
    Tools.Result mode =
        Tools.run(new QuotesFileGenerator(), "--out", out, "--rows", "5", "--mode", "flat");
    Tools.Result sd =
        Tools.run(
            new QuotesFileGenerator(),
            "--out",
            out,
            "--rows",
            "5",
            "--mode",
            "basis",
            "--basis-sd-bps",
            "-1");

    assertThat(mode.exitCode()).isEqualTo(2);
    assertThat(mode.err()).contains("expected walk or basis, got 'flat'");
    assertThat(sd.exitCode()).isEqualTo(2);
    assertThat(sd.err()).contains("--basis-sd-bps must be between 0 and 1000, got -1.0");
    assertThat(tmp.resolve("x.csv")).doesNotExist();
  }

  @Test
  void spreadScaleWidensEveryQuoteAndIsBounded() throws Exception {
    Path f = tmp.resolve("wide.csv");
    Tools.Result r =
        Tools.run(
            new QuotesFileGenerator(),
            "--mode",
            "basis",
            "--out",
            f.toString(),
            "--rows",
            "2000",
            "--basis-mean-bps",
            "0",
            "--basis-sd-bps",
            "0.1",
            "--spread-scale",
            "10");
    Tools.Result bad =
        Tools.run(
            new QuotesFileGenerator(),
            "--mode",
            "basis",
            "--out",
            tmp.resolve("y.csv").toString(),
            "--rows",
            "5",
            "--spread-scale",
            "0");

    assertThat(r.exitCode()).as(r.err()).isZero();
    Quotes q = QuotesLoader.load(f);
    int crossing = 0;
    for (int i = 0; i < q.size(); i++) {
      // 10, 20 or 30 ticks of 0.1
      assertThat(q.askA(i) - q.bidA(i)).isBetween(0.95, 3.05);
      assertThat(q.askB(i) - q.bidB(i)).isBetween(0.95, 3.05);
      crossing += q.bidA(i) >= q.askB(i) || q.bidB(i) >= q.askA(i) ? 1 : 0;
    }
    // a basis of 0.1 bps sd (0.2 price units) never crosses quotes at least 1.0 wide
    assertThat(crossing).isZero();
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--spread-scale must be between 1 and 1000, got 0");
  }

  private static Tools.Result basis(Path out, String rows, String seed) {
    return Tools.run(
        new QuotesFileGenerator(),
        "--mode",
        "basis",
        "--out",
        out.toString(),
        "--rows",
        rows,
        "--seed",
        seed);
  }

  @Test
  void refusesNoRows() {
    Tools.Result r =
        Tools.run(
            new QuotesFileGenerator(), "--out", tmp.resolve("x.csv").toString(), "--rows", "0");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--rows must be 1 or more");
  }
}
