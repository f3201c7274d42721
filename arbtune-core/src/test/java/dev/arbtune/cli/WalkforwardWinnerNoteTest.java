package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A winner that made no trade in its train window, picked by job id among tied jobs, is said so per
 * window in walkforward.json, the text summary and the report page.
 */
class WalkforwardWinnerNoteTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final String BTC = "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv";

  @TempDir Path tmp;

  @Test
  void aWinnerWithoutTradesPickedByJobIdIsNoted() throws IOException {
    Path session =
        Files.writeString(
            tmp.resolve("btc.yaml"),
            "data_file: "
                + REPO.resolve(BTC)
                + "\ntag_prefix: btc\n"
                + "grids:\n  - name: min_spread_bps\n    values: [5000, 6000]\n");
    Path wf = tmp.resolve("wf");
    Cli.Result r =
        Cli.run(
            "walkforward",
            "--config",
            session.toString(),
            "--output-root",
            wf.toString(),
            "--train",
            "6h",
            "--test",
            "6h",
            "--report");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode w =
        new ObjectMapper().readTree(wf.resolve("walkforward.json").toFile()).get("windows");
    assertThat(w.get(0).get("winner").get("train_metrics").get("total_trades").asInt()).isZero();
    String note = w.get(0).get("winner_note").asText();
    assertThat(note)
        .contains("no trade in the train window")
        .contains("job id")
        .contains("realized_pnl_usd");
    assertThat(r.out()).contains(note);
    assertThat(Files.readString(wf.resolve("report.html"))).contains(note);
  }
}
