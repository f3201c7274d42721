package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.testing.Cli;
import dev.arbtune.testing.Docs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arbtune compare}: matching, one-sided jobs, winners, gates, formats, inputs. */
class CompareCommandTest {

  @TempDir Path tmp;

  /** Writes a job with a spread, a fee, a tag and a PnL. */
  private static void job(Path dir, String id, double spread, double fee, double pnl) {
    Docs.writeWithRawConfig(
        dir,
        id,
        String.format(
            Locale.ROOT,
            "{\"data_file\": \"%s.csv\", \"min_spread_bps\": %s, \"taker_fee_a_bps\": %s,"
                + " \"tag\": \"%s\"}",
            dir.getFileName(),
            spread,
            fee,
            dir.getFileName()),
        pnl);
  }

  /** A with spreads 1..4 (PnL 40, 30, 20, 10) at fee 1; B the same at fee 2 with PnLs given. */
  private Path[] sides(double... pnlB) {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    for (int s = 1; s <= 4; s++) {
      job(a, "a" + s, s, 1.0, 50 - 10 * s);
    }
    for (int s = 1; s <= pnlB.length; s++) {
      job(b, "b" + s, s, 2.0, pnlB[s - 1]);
    }
    return new Path[] {a, b};
  }

  private static JsonNode json(Cli.Result r) throws IOException {
    assertThat(r.err()).doesNotContain("error:");
    return new ObjectMapper().readTree(r.out());
  }

  private static Cli.Result compare(Path[] ab, String... more) {
    List<String> args = new ArrayList<>(List.of("compare", ab[0].toString(), ab[1].toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void aKeyWithNoValueInCommonIsIgnoredAndTheRestMatched() throws IOException {
    Cli.Result r = compare(sides(10, 20, 30, 40), "--format", "json");
    assertThat(r.exitCode()).isZero();
    JsonNode j = json(r);
    assertThat(j.get("matched_keys").toString()).isEqualTo("[\"min_spread_bps\"]");
    List<String> ignored = new ArrayList<>();
    j.get("ignored_keys").forEach(k -> ignored.add(k.get("key").asText()));
    assertThat(ignored).containsExactly("data_file", "tag", "taker_fee_a_bps");
    assertThat(j.get("ignored_keys").get(2).get("reason").asText())
        .isEqualTo("no value in common: A 1, B 2");
    assertThat(j.get("shared").asInt()).isEqualTo(4);
    // B reverses the ranking: every statistic says so.
    assertThat(j.get("winner_changed").asBoolean()).isTrue();
    assertThat(j.get("winner_a").get("job_id").asText()).isEqualTo("a1");
    assertThat(j.get("winner_b").get("job_id").asText()).isEqualTo("b4");
    assertThat(j.get("old_winner_rank").asInt()).isEqualTo(4);
    assertThat(j.get("kendall_tau").asDouble()).isEqualTo(-1.0);
    assertThat(j.get("spearman_rho").asDouble()).isEqualTo(-1.0);
    assertThat(j.get("top_k_overlap").asDouble()).isEqualTo(0.4);
    JsonNode first = j.get("shared_jobs").get(0);
    assertThat(first.get("job_id_a").asText()).isEqualTo("a1");
    assertThat(first.get("rank_a").asInt()).isEqualTo(1);
    assertThat(first.get("rank_b").asInt()).isEqualTo(4);
    assertThat(first.get("rank_change").asInt()).isEqualTo(-3);
    JsonNode pnl = first.get("metrics").get("realized_pnl_usd");
    assertThat(pnl.get("a").asDouble()).isEqualTo(40.0);
    assertThat(pnl.get("b").asDouble()).isEqualTo(10.0);
    assertThat(pnl.get("delta").asDouble()).isEqualTo(-30.0);
  }

  @Test
  void matchKeysMatchesOnExactlyThoseKeysAndAnUnknownKeyNamesTheKnownOnes() throws IOException {
    Path[] ab = sides(40, 30, 20, 10);
    JsonNode j = json(compare(ab, "--format", "json", "--match-keys", "taker_fee_a_bps"));
    assertThat(j.get("matched_keys").toString()).isEqualTo("[\"taker_fee_a_bps\"]");
    // One fee per side: every job of a side has the same matched config.
    assertThat(j.get("shared").asInt()).isZero();
    assertThat(j.get("only_in_a")).hasSize(1);
    assertThat(j.get("only_in_a").get(0).get("job_id").asText()).isEqualTo("a1");
    assertThat(j.get("only_in_b")).hasSize(1);
    assertThat(j.get("warnings")).hasSize(6);

    Cli.Result bad = compare(ab, "--match-keys", "min_spread_bps,fee");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err())
        .contains(
            "--match-keys: no ranked job of either side has the config key fee; the keys are:"
                + " data_file, min_spread_bps, tag, taker_fee_a_bps");
  }

  @Test
  void twoJobsOfOneSideWithTheSameMatchedConfigAreAWarningNamingBoth() throws IOException {
    Path[] ab = sides(40, 30, 20, 10);
    job(ab[1], "b9", 2, 2.0, 5);
    Cli.Result r = compare(ab, "--format", "json");
    assertThat(r.exitCode()).isZero();
    assertThat(r.err())
        .contains(
            "warning: B: jobs b2 (rank 2) and b9 (rank 5) have the same matched config; b2 is"
                + " compared");
    assertThat(json(r).get("warnings").get(0).asText()).startsWith("B: jobs b2 (rank 2)");
  }

  @Test
  void jobsOnOneSideAreListedWithTheirConfigs() throws IOException {
    Path[] ab = sides(40, 30);
    job(ab[1], "b7", 7, 2.0, 99);
    JsonNode j = json(compare(ab, "--format", "json"));
    assertThat(j.get("shared").asInt()).isEqualTo(2);
    List<String> onlyA = new ArrayList<>();
    j.get("only_in_a").forEach(x -> onlyA.add(x.get("job_id").asText()));
    assertThat(onlyA).containsExactly("a3", "a4");
    assertThat(j.get("only_in_a").get(0).get("config").get("min_spread_bps").asDouble())
        .isEqualTo(3.0);
    assertThat(j.get("only_in_b").get(0).get("job_id").asText()).isEqualTo("b7");
    assertThat(j.get("old_winner_rank").asInt()).isEqualTo(2);
    Cli.Result text = compare(ab);
    assertThat(text.out()).contains("Only in A (2):\n  #3  a3  min_spread_bps=3\n  #4  a4");
    assertThat(text.out()).contains("Only in B (1):\n  #1  b7  min_spread_bps=7");
  }

  @Test
  void gatesExitThreeOnlyWhenTheyFail() {
    Path[] same = sides(40, 30, 20, 10);
    assertThat(compare(same, "--fail-on-winner-change").exitCode()).isZero();
    assertThat(compare(same, "--top-k", "4", "--fail-on-top-k-overlap-below", "1").exitCode())
        .isZero();

    Path[] swapped = {same[0], tmp.resolve("c")};
    for (int s = 1; s <= 4; s++) {
      job(swapped[1], "c" + s, s, 2.0, s == 2 ? 100 : 50 - 10 * s);
    }
    Cli.Result r = compare(swapped, "--fail-on-winner-change");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("the winner changed (--fail-on-winner-change)");
    assertThat(compare(swapped).exitCode()).isZero();
    // top-2: {1,2} vs {2,1}: overlap 1.0; top-1: 0/1.
    assertThat(compare(swapped, "--top-k", "2", "--fail-on-top-k-overlap-below", "1").exitCode())
        .isZero();
    Cli.Result low = compare(swapped, "--top-k", "1", "--fail-on-top-k-overlap-below", "0.5");
    assertThat(low.exitCode()).isEqualTo(3);
    assertThat(low.err()).contains("top-1 overlap 0/1 is below 0.5");
  }

  @Test
  void badInputsAreRefusedWithOneClearSentence() throws IOException {
    Path[] ab = sides(40, 30, 20, 10);
    Cli.Result range = compare(ab, "--fail-on-top-k-overlap-below", "1.5");
    assertThat(range.exitCode()).isEqualTo(2);
    assertThat(range.err())
        .contains("--fail-on-top-k-overlap-below must be a fraction between 0 and 1, got 1.5");
    Cli.Result k = compare(ab, "--top-k", "0");
    assertThat(k.exitCode()).isEqualTo(2);
    assertThat(k.err()).contains("--top-k must be 1 or more, got 0");

    Cli.Result missing = compare(new Path[] {ab[0], tmp.resolve("nope")});
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("B: no results folder, sweep root or summary JSON");

    Path e1 = Files.createDirectories(tmp.resolve("e1"));
    Path e2 = Files.createDirectories(tmp.resolve("e2"));
    Cli.Result empty = compare(new Path[] {e1, e2});
    assertThat(empty.exitCode()).isEqualTo(1);
    assertThat(empty.err())
        .contains("A (" + e1 + ") and B (" + e2 + ") have no ranked jobs")
        .doesNotContain("Exception");

    Path notSummary = Docs.write(tmp, "notes.json", "[1, 2]");
    Cli.Result ns = compare(new Path[] {notSummary, ab[1]});
    assertThat(ns.exitCode()).isEqualTo(1);
    assertThat(ns.err())
        .contains("A: " + notSummary + " is neither a folder nor a summary JSON written by");

    Path partial = tmp.resolve("top2.json");
    Cli.Result agg =
        Cli.run(
            "aggregate",
            "--results-dir",
            ab[0].toString(),
            "--max-results",
            "2",
            "--output-json",
            partial.toString());
    assertThat(agg.exitCode()).isZero();
    Cli.Result p = compare(new Path[] {partial, ab[1]});
    assertThat(p.exitCode()).isEqualTo(1);
    assertThat(p.err())
        .contains("lists 2 of its 4 ranked jobs; write it with 'arbtune aggregate --results-dir")
        .contains("--max-results all");
  }

  @Test
  void everyFormatShowsTheComparison() throws IOException {
    Path[] ab = sides(40, 35, 20, 10);
    Cli.Result text = compare(ab);
    assertThat(text.out().lines().findFirst().orElseThrow())
        .isEqualTo(
            "winner unchanged; top-10 overlap 4/10; Kendall tau 1.00; Spearman rho 1.00; RBO 1.00");
    assertThat(text.out()).contains("Biggest movers up (0):").contains("note: A has 4 ranked jobs");

    Cli.Result md = compare(ab, "--format", "markdown");
    assertThat(md.out()).startsWith("# Comparison\n\n**winner unchanged; top-10 overlap 4/10");
    assertThat(md.out()).contains("## Only in A (0)");

    Cli.Result csv = compare(ab, "--format", "csv");
    List<String> lines = csv.out().lines().toList();
    assertThat(lines.get(0))
        .startsWith("side,job_id_a,job_id_b,rank_a,rank_b,rank_change,realized_pnl_usd.a,")
        .contains("realized_pnl_usd.delta");
    assertThat(lines).hasSize(5);
    assertThat(lines.get(2)).startsWith("shared,a2,b2,2,2,0,30,35,5,");

    Path file = tmp.resolve("out/cmp.json");
    Cli.Result o = compare(ab, "--format", "json", "-o", file.toString());
    assertThat(o.exitCode()).isZero();
    assertThat(o.out()).isEmpty();
    assertThat(new ObjectMapper().readTree(file.toFile()).get("shared").asInt()).isEqualTo(4);
  }

  @Test
  void diffOnlyHidesJobsWhoseMetricsDidNotChange() throws IOException {
    Path[] ab = sides(40, 35, 20, 10);
    assertThat(json(compare(ab, "--format", "json")).get("shared_jobs")).hasSize(4);
    JsonNode j = json(compare(ab, "--format", "json", "--diff-only"));
    assertThat(j.get("shared_jobs")).hasSize(1);
    assertThat(j.get("shared_jobs").get(0).get("job_id_a").asText()).isEqualTo("a2");
    assertThat(j.get("shared").asInt()).isEqualTo(4);
    assertThat(compare(ab, "--format", "csv", "--diff-only").out().lines()).hasSize(2);
  }

  @Test
  void summaryJsonsAndSweepRootsCompareAsTheirFolders() throws IOException {
    Path[] ab = sides(10, 30, 20, 40);
    Path summary = tmp.resolve("b-all.json");
    assertThat(
            Cli.run(
                    "aggregate",
                    "--results-dir",
                    ab[1].toString(),
                    "--max-results",
                    "all",
                    "--output-json",
                    summary.toString())
                .exitCode())
        .isZero();
    JsonNode folders = json(compare(ab, "--format", "json"));
    JsonNode fromSummary = json(compare(new Path[] {ab[0], summary}, "--format", "json"));
    for (String key :
        List.of(
            "shared",
            "winner_changed",
            "old_winner_rank",
            "top_k_overlap",
            "kendall_tau",
            "spearman_rho",
            "rbo",
            "matched_keys",
            "shared_jobs")) {
      assertThat(fromSummary.get(key)).as(key).isEqualTo(folders.get(key));
    }

    Path root = tmp.resolve("root");
    Files.createDirectories(root.resolve("results"));
    Files.writeString(
        root.resolve("jobs.jsonl"),
        "{\"job_id\": \"a1\", \"config\": {}, \"output_json\": \"results/a1.json\"}\n");
    try (var files = Files.list(ab[0])) {
      for (Path f : files.toList()) {
        Files.copy(f, root.resolve("results").resolve(f.getFileName()));
      }
    }
    JsonNode fromRoot = json(compare(new Path[] {root, ab[1]}, "--format", "json"));
    assertThat(fromRoot.get("a").get("ranked_jobs").asInt()).isEqualTo(4);
    assertThat(fromRoot.get("shared_jobs")).isEqualTo(folders.get("shared_jobs"));
  }

  @Test
  void rankingAndFiltersOfAggregateApplyToBothSides() throws IOException {
    Path[] ab = sides(10, 30, 20, 40);
    JsonNode j = json(compare(ab, "--format", "json", "--min-pnl", "25"));
    assertThat(j.get("a").get("ranked_jobs").asInt()).isEqualTo(2);
    assertThat(j.get("b").get("ranked_jobs").asInt()).isEqualTo(2);
    JsonNode asc = json(compare(ab, "--format", "json", "--ascending"));
    assertThat(asc.get("winner_a").get("job_id").asText()).isEqualTo("a4");
    assertThat(asc.get("ranking").get("order").asText()).isEqualTo("ascending");
    Cli.Result typo = compare(ab, "--sort-by", "pnl");
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err()).contains("--sort-by pnl");
  }

  /**
   * Every ranked job of each side is compared, so {@code --max-results} is not an option of
   * compare: given, it is refused as an unknown option and nothing is written (it was once accepted
   * and ignored, which hid typos and wrong expectations).
   */
  @Test
  void maxResultsIsAnUnknownOption() {
    Path[] ab = sides(10, 30, 20, 40);
    Path file = tmp.resolve("cmp.json");
    Cli.Result r = compare(ab, "--max-results", "2", "-o", file.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines().findFirst().orElseThrow())
        .isEqualTo("Unknown options: '--max-results', '2'");
    assertThat(r.err())
        .contains("Usage: arbtune compare ")
        .endsWith("Try 'arbtune compare --help' for every option.\n");
    assertThat(r.out()).isEmpty();
    assertThat(file).doesNotExist();
  }

  /** The help lists aggregate's ranking and filter options, not --max-results. */
  @Test
  void helpOffersTheRankingAndFilterOptionsButNotMaxResults() {
    Cli.Result r = Cli.run("compare", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("--sort-by=METRIC", "--filter=EXPR", "--threads=N", "\nMetrics (")
        .doesNotContain("--max-results=");
    assertThat(r.out().replaceAll("\\s+", " "))
        .contains("not --max-results: every ranked job is compared")
        .doesNotContain("does not apply");
  }
}
