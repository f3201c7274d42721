package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.compare.RankStatistics;
import dev.arbtune.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's comparison of two real sessions: the shipped EUR/USD quotes swept with the fees of
 * examples/eurusd-fees.yaml and with them doubled (examples/eurusd-fees-doubled.yaml). The
 * statistics in compare's JSON are checked against {@link RankStatistics} on vectors this test
 * derives from the result documents itself.
 */
class CompareEurUsdTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @TempDir static Path tmp;

  static Path before;
  static Path after;
  static JsonNode json;

  /** One job as the test reads it: its matched config (spread, open trades), PnL and id. */
  record Job(String key, double pnl, String id) {}

  @BeforeAll
  static void sweepBothSessions() throws IOException {
    before = sweep("eurusd-fees.yaml", "fees");
    after = sweep("eurusd-fees-doubled.yaml", "fees2");
    Cli.Result r = Cli.run("compare", before.toString(), after.toString(), "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    json = new ObjectMapper().readTree(r.out());
  }

  private static Path sweep(String session, String name) throws IOException {
    String text = Files.readString(REPO.resolve("examples").resolve(session));
    assertThat(text).contains("data_file: data/");
    Path yaml = tmp.resolve(session);
    Files.writeString(yaml, text.replace("data_file: data/", "data_file: " + REPO + "/data/"));
    Path root = tmp.resolve(name);
    Cli.Result r =
        Cli.run("sweep", "--config", yaml.toString(), "--output-root", root.toString(), "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    return root;
  }

  /** The jobs of a sweep, best PnL first, then job id. */
  private static List<Job> ranked(Path root) throws IOException {
    List<Job> jobs = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    try (Stream<Path> files = Files.walk(root.resolve("results"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        JsonNode doc = mapper.readTree(f.toFile());
        JsonNode c = doc.get("config");
        jobs.add(
            new Job(
                c.get("min_spread_bps").asDouble() + "/" + c.get("max_open_trades").asInt(),
                doc.get("metrics").get("realized_pnl_usd").asDouble(),
                doc.get("config_summary").get("job_id").asText()));
      }
    }
    jobs.sort(Comparator.comparingDouble((Job j) -> -j.pnl()).thenComparing(Job::id));
    return jobs;
  }

  @Test
  void theDoubledFeesAreIgnoredAndEveryJobMatches() {
    List<String> ignored = new ArrayList<>();
    json.get("ignored_keys").forEach(k -> ignored.add(k.get("key").asText()));
    assertThat(ignored).contains("taker_fee_a_bps", "taker_fee_b_bps", "data_file", "tag");
    assertThat(json.get("shared").asInt()).isEqualTo(12);
    assertThat(json.get("only_in_a")).isEmpty();
    assertThat(json.get("only_in_b")).isEmpty();
  }

  @Test
  void winnersOverlapAndStatisticsAgreeWithAnIndependentDerivation() throws IOException {
    List<Job> a = ranked(before);
    List<Job> b = ranked(after);
    Map<String, Integer> rankB = new HashMap<>();
    Map<String, Double> pnlB = new HashMap<>();
    for (int i = 0; i < b.size(); i++) {
      rankB.put(b.get(i).key(), i + 1);
      pnlB.put(b.get(i).key(), b.get(i).pnl());
    }
    double[] va = new double[a.size()];
    double[] vb = new double[a.size()];
    for (int i = 0; i < a.size(); i++) {
      va[i] = a.get(i).pnl();
      vb[i] = pnlB.get(a.get(i).key());
    }
    Map<String, Long> ids = new HashMap<>();
    long[] ia =
        a.stream().mapToLong(j -> ids.computeIfAbsent(j.key(), k -> (long) ids.size())).toArray();
    long[] ib =
        b.stream().mapToLong(j -> ids.computeIfAbsent(j.key(), k -> (long) ids.size())).toArray();

    assertThat(json.get("winner_a").get("job_id").asText()).isEqualTo(a.get(0).id());
    assertThat(json.get("winner_b").get("job_id").asText()).isEqualTo(b.get(0).id());
    assertThat(json.get("winner_changed").asBoolean())
        .isEqualTo(!a.get(0).key().equals(b.get(0).key()));
    assertThat(json.get("old_winner_rank").asInt()).isEqualTo(rankB.get(a.get(0).key()));
    Set<String> topA = new HashSet<>();
    a.subList(0, 10).forEach(j -> topA.add(j.key()));
    long common = b.subList(0, 10).stream().filter(j -> topA.contains(j.key())).count();
    assertThat(json.get("top_k_overlap").asDouble()).isEqualTo(common / 10.0);
    assertThat(json.get("kendall_tau").asDouble())
        .isCloseTo(RankStatistics.kendallTauB(va, vb), within(1e-12));
    assertThat(json.get("spearman_rho").asDouble())
        .isCloseTo(RankStatistics.spearmanRho(va, vb), within(1e-12));
    assertThat(json.get("rbo").asDouble())
        .isCloseTo(RankStatistics.rankBiasedOverlap(ia, ib, 0.9), within(1e-12));
    // The fee doubling moves the ranking but does not reverse it.
    assertThat(json.get("kendall_tau").asDouble()).isBetween(0.0, 1.0);
    for (JsonNode row : json.get("shared_jobs")) {
      String id = row.get("job_id_a").asText();
      Job ja = a.stream().filter(j -> j.id().equals(id)).findFirst().orElseThrow();
      assertThat(row.get("rank_a").asInt()).isEqualTo(a.indexOf(ja) + 1);
      assertThat(row.get("rank_b").asInt()).isEqualTo(rankB.get(ja.key()));
      assertThat(row.get("metrics").get("realized_pnl_usd").get("delta").asDouble())
          .isCloseTo(pnlB.get(ja.key()) - ja.pnl(), within(1e-9));
    }
  }
}
