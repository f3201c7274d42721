package dev.arbtune.bench.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.arbtune.bench.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VenueFileGeneratorTest {

  @TempDir Path tmp;

  private Tools.Result generate(String... args) {
    return Tools.run(new VenueFileGenerator(), args);
  }

  private static List<String> lines(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      InputStream body = file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
      return List.of(new String(body.readAllBytes(), StandardCharsets.US_ASCII).split("\n"));
    }
  }

  @Test
  void writesRowsPerVenueInTheVendorsLayoutsInTimeOrder() throws IOException {
    Path a = tmp.resolve("a.csv");
    Path b = tmp.resolve("b.csv.gz");
    Tools.Result r = generate("--out-a", a.toString(), "--out-b", b.toString(), "--rows", "5000");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.number("rows_a")).isEqualTo(5000);

    List<String> la = lines(a);
    assertThat(la).hasSize(5001);
    assertThat(la.get(0))
        .isEqualTo(
            "update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,"
                + "transaction_time,event_time");
    long prev = 0;
    int locked = 0;
    for (String row : la.subList(1, la.size())) {
      String[] f = row.split(",");
      assertThat(f).hasSize(7);
      long t = Long.parseLong(f[5]);
      assertThat(t).isGreaterThanOrEqualTo(prev);
      prev = t;
      double bid = Double.parseDouble(f[1]);
      double ask = Double.parseDouble(f[3]);
      assertThat(Math.abs(ask - bid)).isLessThan(1.0);
      locked += bid == ask ? 1 : 0;
    }
    assertThat(locked).isBetween(10, 150); // about 1%

    List<String> lb = lines(b);
    assertThat(lb).hasSize(5001);
    assertThat(lb.get(0))
        .isEqualTo(
            "exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount");
    assertThat(lb.get(1)).startsWith("bybit,BTCUSD,1704067200");
  }

  @Test
  void sameSettingsGiveTheSameBytesAndAnotherSeedOthers() throws IOException {
    String[] base = {"--rows", "2000", "--format-a", "generic", "--format-b", "databento-bbo"};
    for (String name : List.of("x", "y")) {
      Tools.Result r =
          generate(
              concat(
                  base,
                  "--out-a",
                  tmp.resolve(name + "a.csv").toString(),
                  "--out-b",
                  tmp.resolve(name + "b.csv").toString()));
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
    Tools.Result other =
        generate(
            concat(
                base,
                "--seed",
                "7",
                "--out-a",
                tmp.resolve("za.csv").toString(),
                "--out-b",
                tmp.resolve("zb.csv").toString()));
    assertThat(other.exitCode()).as(other.err()).isZero();
    assertThat(Files.readAllBytes(tmp.resolve("xa.csv")))
        .isEqualTo(Files.readAllBytes(tmp.resolve("ya.csv")));
    assertThat(Files.readAllBytes(tmp.resolve("xb.csv")))
        .isEqualTo(Files.readAllBytes(tmp.resolve("yb.csv")));
    assertThat(Files.readAllBytes(tmp.resolve("za.csv")))
        .isNotEqualTo(Files.readAllBytes(tmp.resolve("xa.csv")));
    assertThat(lines(tmp.resolve("xa.csv")).get(1)).startsWith("2024-01-01T00:00:00.");
    String databento = lines(tmp.resolve("xb.csv")).get(1);
    assertThat(databento.split(",")).hasSize(20);
    assertThat(databento.split(",")[13]).matches("\\d{13,}");
  }

  @Test
  void silencesMakeGapsOfAtLeastAMinute() throws IOException {
    Path a = tmp.resolve("a.csv");
    Tools.Result r =
        generate(
            "--out-a",
            a.toString(),
            "--out-b",
            tmp.resolve("b.csv").toString(),
            "--rows",
            "3000",
            "--gap-every",
            "500");
    assertThat(r.exitCode()).as(r.err()).isZero();
    long prev = -1;
    long longest = 0;
    for (String row : lines(a).subList(1, 3001)) {
      long t = Long.parseLong(row.split(",")[5]);
      if (prev >= 0) {
        longest = Math.max(longest, t - prev);
      }
      prev = t;
    }
    assertThat(longest).isGreaterThanOrEqualTo(60_000);
  }

  @Test
  void refusesAnUnknownLayoutNamingTheOption() {
    Tools.Result r =
        generate(
            "--out-a",
            tmp.resolve("a").toString(),
            "--out-b",
            tmp.resolve("b").toString(),
            "--format-b",
            "kraken");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("--format-b").contains("kraken").contains("tardis-quotes");
  }

  @Test
  void helpTextIsAValidFormatStringSoPicocliPrintsItWithoutAWarning() {
    // picocli formats each description line with String.format: a bare "1%" makes it print a
    // "[picocli WARN] Could not format" line and the raw text instead
    for (String line :
        new CommandLine(new VenueFileGenerator()).getCommandSpec().usageMessage().description()) {
      assertThatCode(() -> String.format(line)).as(line).doesNotThrowAnyException();
    }
    assertThat(generate("--help").out().replaceAll("\\s+", " "))
        .contains("1% of quotes are locked, 0.1% crossed");
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
