package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session whose start_time or end_time lies outside the data is told so (file, field), not told
 * to shorten the windows; the data's end is the last quote's time.
 */
class WalkforwardSpanTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final String BTC = "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv";

  @TempDir Path tmp;

  private Path session(String extra) throws IOException {
    return Files.writeString(
        tmp.resolve("btc.yaml"),
        "data_file: "
            + REPO.resolve(BTC)
            + "\ntag_prefix: btc\n"
            + extra
            + "grids:\n  - name: min_spread_bps\n    values: [0, 1]\n");
  }

  private Cli.Result walkforward(Path session, String train) {
    return Cli.run(
        "walkforward",
        "--config",
        session.toString(),
        "--output-root",
        tmp.resolve("wf").toString(),
        "--train",
        train,
        "--test",
        "1h",
        "-q");
  }

  @Test
  void startTimeAfterTheDataNamesTheSessionsField() throws IOException {
    Path session = session("start_time: \"2023-01-01T00:00:00Z\"\n");
    Cli.Result r = walkforward(session, "2h");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err())
        .contains(session.toString())
        .contains("start_time")
        .contains("2022-12-13T12:01:00Z")
        .doesNotContain("shorten")
        .doesNotContain(".000001Z");
  }

  @Test
  void endTimeBeforeTheDataNamesTheSessionsField() throws IOException {
    Path session = session("end_time: \"2022-12-01T00:00:00Z\"\n");
    Cli.Result r = walkforward(session, "2h");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err())
        .contains(session.toString())
        .contains("end_time")
        .contains("2022-12-13T00:01:00Z")
        .doesNotContain("shorten");
  }

  @Test
  void windowsLongerThanTheDataNameTheLastQuotesTime() throws IOException {
    Cli.Result r = walkforward(session(""), "3d");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err())
        .contains("shorten")
        .contains("2022-12-13T12:01:00Z")
        .doesNotContain(".000001Z");
  }

  @Test
  void theStartLineEndsTheDataAtItsLastQuote() throws IOException {
    Cli.Result r =
        Cli.run(
            "walkforward",
            "--config",
            session("").toString(),
            "--output-root",
            tmp.resolve("wf").toString(),
            "--train",
            "6h",
            "--test",
            "6h");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("over 2022-12-13T00:01:00Z to 2022-12-13T12:01:00Z")
        .doesNotContain(".000001Z");
  }
}
