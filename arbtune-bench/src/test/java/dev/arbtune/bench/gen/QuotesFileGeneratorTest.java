package dev.arbtune.bench.gen;

import static org.assertj.core.api.Assertions.assertThat;

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
  void refusesNoRows() {
    Tools.Result r =
        Tools.run(
            new QuotesFileGenerator(), "--out", tmp.resolve("x.csv").toString(), "--rows", "0");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--rows must be 1 or more");
  }
}
