package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.insights.Pbo;
import dev.arbtune.testing.Cli;
import dev.arbtune.testing.Docs;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aggregate --insights}: the {@code pbo} object of the insights JSON and the PBO block of
 * the text, on documents the test writes and on documents the real runner writes.
 */
class AggregatePboTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the documents' decimals exactly. */
  private static final ObjectMapper EXACT =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  @TempDir Path tmp;

  /** PBO straight from the documents' period_pnl: rows in job_id order, micro-dollars. */
  private static JsonNode directPbo(Map<String, JsonNode> periodPnlById) throws IOException {
    int blocks = periodPnlById.values().iterator().next().get("pnl_usd").size();
    long[] micros = new long[periodPnlById.size() * blocks];
    int k = 0;
    for (JsonNode p : new TreeMap<>(periodPnlById).values()) {
      for (JsonNode v : p.get("pnl_usd")) {
        micros[k++] =
            v.decimalValue().setScale(6, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
      }
    }
    // Through text, as the command writes it: numbers read back the same way.
    return JSON.readTree(
        JSON.writeValueAsString(Pbo.compute(micros, periodPnlById.size(), blocks, 1).toMap()));
  }

  private static String document(String id, int trades, List<String> pnl) {
    StringBuilder starts = new StringBuilder();
    for (int k = 0; k < pnl.size(); k++) {
      starts.append(k == 0 ? "" : ", ").append(String.format("\"2014-05-%02dT05:00:00Z\"", 1 + k));
    }
    return "{\"status\": \"success\", \"config\": {\"min_spread_bps\": "
        + (id.hashCode() & 7)
        + ", \"tag\": \"pbo\"}, \"metrics\": {\"total_trades\": "
        + trades
        + ", \"realized_pnl_usd\": "
        + pnl.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add)
        + "}, \"config_summary\": {\"job_id\": \""
        + id
        + "\"}, \"period_pnl\": {\"block_starts\": ["
        + starts
        + "], \"end\": \"2014-05-09T04:59:59Z\", \"pnl_usd\": ["
        + String.join(", ", pnl)
        + "], \"trades\": ["
        + String.join(", ", java.util.Collections.nCopies(pnl.size(), "1"))
        + "]}}";
  }

  @Test
  void insightsJsonHasPboOverTheJobsThatPassedTheFiltersAsComputedDirectly() throws IOException {
    Path dir = tmp.resolve("results");
    Random r = new Random(3);
    Map<String, JsonNode> passing = new TreeMap<>();
    StringBuilder lines = new StringBuilder();
    for (int j = 0; j < 30; j++) {
      List<String> pnl = new ArrayList<>();
      for (int k = 0; k < 8; k++) {
        pnl.add(BigDecimal.valueOf(r.nextInt(200_001) - 100_000, 3).toPlainString());
      }
      pnl.set(j % 8, "1.2345675"); // seven decimals: rounded half-even
      String id = String.format("p_%02d", (j * 7) % 30);
      int trades = j % 5 == 0 ? 2 : 10;
      String doc = document(id, trades, pnl);
      if (trades >= 5) {
        passing.put(id, EXACT.readTree(doc).get("period_pnl"));
      }
      if (j % 2 == 0) {
        lines.append(doc).append('\n');
      } else {
        Docs.write(dir, "sub/" + id + ".json", doc);
      }
    }
    Docs.write(dir, "more.jsonl", lines.toString());
    Docs.write(dir, "old.json", Docs.success("old_1", 5.0, 1.0, 12)); // the seed's shape

    String[] args = {
      "aggregate",
      "--results-dir",
      dir.toString(),
      "--insights",
      "--format",
      "json",
      "--min-trades",
      "5",
      "-q",
      "--threads",
      "1"
    };
    Cli.Result one = Cli.run(args);
    assertThat(one.exitCode()).as(one.err()).isZero();
    args[args.length - 1] = "2";
    Cli.Result two = Cli.run(args);
    assertThat(two.out()).isEqualTo(one.out());

    JsonNode pbo = JSON.readTree(one.out()).get("insights").get("pbo");
    assertThat(pbo.get("available").asBoolean()).isTrue();
    assertThat(pbo.get("jobs").asInt()).isEqualTo(24);
    assertThat(pbo.get("blocks").asInt()).isEqualTo(8);
    assertThat(pbo.get("splits").asLong()).isEqualTo(70);
    JsonNode expected = directPbo(passing);
    JsonNode computed = pbo.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) computed).remove("available");
    ((com.fasterxml.jackson.databind.node.ObjectNode) computed).remove("left_out");
    assertThat(
            ((com.fasterxml.jackson.databind.node.ObjectNode) computed)
                .remove("selected_by")
                .asText())
        .isEqualTo("realized_pnl_usd");
    assertThat(computed).isEqualTo(expected);
    assertThat(pbo.get("left_out"))
        .isEqualTo(
            JSON.readTree(
                "{\"other_boundaries\": 0, \"other_groups\": 0, \"without_period_pnl\": 1,"
                    + " \"too_large\": 0}"));

    Cli.Result text =
        Cli.run("aggregate", "--results-dir", dir.toString(), "--insights", "--min-trades", "5");
    assertThat(text.out())
        .contains(
            "Probability of backtest overfitting (CSCV, Bailey et al. 2017), 24 jobs x 8 blocks,"
                + " 70 splits:\n  "
                + pbo.get("verdict").asText()
                + "\n  The in-sample winner loses money out of sample in ")
        .contains("  Degradation: out-of-sample total = ")
        .contains(
            "  The in-sample winner of a split is the job with the best realized PnL on its"
                + " in-sample blocks, whatever --sort-by ranks.\n")
        .contains("  Left out: 1 job without period_pnl.\n");
  }

  @Test
  void documentsOfTheRealRunnerOnTheEurUsdDataGivePboOverEveryJob() throws IOException {
    Path session = tmp.resolve("session.yaml");
    Files.writeString(
        session,
        "data_file: "
            + REPO.resolve("data/eurusd_sample.csv")
            + "\ntag_prefix: pbo\ntaker_fee_a_bps: 0\ntaker_fee_b_bps: 0\nslippage_bps: 0\n"
            + "grids:\n"
            + "  - name: min_spread_bps\n    values: [0, 0.2, 0.5]\n"
            + "  - name: max_open_trades\n    values: [1, 3]\n");
    Path out = tmp.resolve("out");
    Cli.Result sweep =
        Cli.run("sweep", "--config", session.toString(), "--output-root", out.toString(), "-q");
    assertThat(sweep.exitCode()).as(sweep.err()).isZero();

    Path results = out.resolve("results");
    Cli.Result r =
        Cli.run("aggregate", "--results-dir", results.toString(), "--insights", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode pbo = JSON.readTree(r.out()).get("insights").get("pbo");
    assertThat(pbo.get("available").asBoolean()).as(pbo.toString()).isTrue();
    assertThat(pbo.get("jobs").asInt()).isEqualTo(6);
    assertThat(pbo.get("blocks").asInt()).isEqualTo(16);
    assertThat(pbo.get("splits").asLong()).isEqualTo(12_870);
    assertThat(pbo.get("verdict").asText()).startsWith("PBO ");
    assertThat(pbo.get("left_out").get("without_period_pnl").asLong()).isZero();
    assertThat(pbo.get("left_out").get("other_boundaries").asLong()).isZero();

    Map<String, JsonNode> byId = new TreeMap<>();
    try (Stream<Path> files = Files.walk(results)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        JsonNode doc = EXACT.readTree(f.toFile());
        byId.put(doc.get("config_summary").get("job_id").asText(), doc.get("period_pnl"));
      }
    }
    assertThat(byId).hasSize(6);
    JsonNode computed = pbo.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) computed).remove("available");
    ((com.fasterxml.jackson.databind.node.ObjectNode) computed).remove("left_out");
    assertThat(
            ((com.fasterxml.jackson.databind.node.ObjectNode) computed)
                .remove("selected_by")
                .asText())
        .isEqualTo("realized_pnl_usd");
    assertThat(computed).isEqualTo(directPbo(byId));
  }
}
