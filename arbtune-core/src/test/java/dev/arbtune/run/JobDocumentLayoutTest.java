package dev.arbtune.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.result.ResultWriter;
import dev.arbtune.testing.Configs;
import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link JobDocument#plainBytes()}, the layout of a run's document without its maps, is the
 * document {@link JobDocument#writeTo} writes from the maps, or {@code null} (then the runner
 * writes the maps' document): over the shipped sample data and random configs, for venue jobs, and
 * through {@link JobRunner}.
 */
class JobDocumentLayoutTest {

  private static final Path REPO = RunFixtures.repoRoot();
  private static final String SAMPLE = "data/eurusd_sample.csv";
  private static final QuotesSource DATA = QuotesSource.local(new QuotesCache(), REPO);

  @TempDir Path tmp;

  /** The document as {@link JobDocument#writeTo} writes it, in UTF-8. */
  private static byte[] written(JobDocument doc) throws IOException {
    StringWriter out = new StringWriter();
    doc.writeTo(out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Whether {@code s} is {@code null} or printable ASCII: what the layout takes. */
  private static boolean plain(String s) {
    return s == null || s.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
  }

  /** Asserts that {@code doc}'s plain bytes are its written bytes; returns them. */
  private static byte[] assertPlainBytesAreWritten(JobDocument doc) throws IOException {
    byte[] plain = doc.plainBytes();
    assertThat(plain).as("plain bytes of a plain document").isNotNull();
    byte[] written = written(doc);
    assertThat(text(plain)).isEqualTo(text(written));
    assertThat(plain).isEqualTo(written);
    return plain;
  }

  static Stream<Arguments> aRunsDocumentIsLaidOutAsItIsWritten() {
    return Tries.of(
        200,
        Configs.runnable(
            SAMPLE, Instant.parse("2014-05-06T00:00:00Z"), Instant.parse("2014-05-07T00:00:00Z")),
        Gen.frequencyOf(
            Gen.w(2, Gen.just((String) null)),
            Gen.w(6, Configs.names(1, 12)),
            Gen.w(1, Gen.of("caf\u00e9", "tab\there", "\u7d04\u5b9a"))));
  }

  /** Successes, of them laid out, of them declined. */
  private static final int[] OUTCOMES = new int[3];

  /**
   * A run's document over the sample data: laid out, it is what {@link JobDocument#writeTo} writes,
   * declined only for a job id or tag that is not plain; an error has no plain bytes; the maps made
   * on demand are the config's and the backtest's.
   */
  @PropertyTest
  @MethodSource
  void aRunsDocumentIsLaidOutAsItIsWritten(Map<String, Object> raw, String jobId)
      throws IOException {
    BacktestConfig config = BacktestConfig.fromMap(raw);

    JobDocument doc = JobDocument.run(7, jobId, config, DATA, null);

    byte[] plain = doc.plainBytes(); // before the maps are made
    if (!doc.isSuccess()) {
      assertThat(plain).as("plain bytes of an error document").isNull();
      count(false, false);
      return;
    }
    boolean expected = plain(jobId) && plain(config.tag());
    assertThat(plain != null).as("laid out (the job id and tag are plain)").isEqualTo(expected);
    if (plain != null) {
      assertThat(text(plain)).isEqualTo(text(written(doc)));
      assertThat(plain).isEqualTo(written(doc));
      assertThat(doc.plainBytes()).as("after the maps are made").isEqualTo(plain);
    }
    assertThat(List.copyOf(doc.config().entrySet()))
        .isEqualTo(List.copyOf(config.toMap().entrySet()));
    double runtime = ((Number) doc.metrics().get("runtime_seconds")).doubleValue();
    assertThat(doc.metrics()).containsExactlyEntriesOf(doc.backtestMetrics().toMap(runtime));
    assertThat(doc.extra()).containsOnlyKeys("period_pnl");
    count(true, plain != null);
  }

  private static void count(boolean success, boolean laidOut) {
    synchronized (OUTCOMES) {
      if (success) {
        OUTCOMES[laidOut ? 1 : 2]++;
      } else {
        OUTCOMES[0]++;
      }
      int tries = OUTCOMES[0] + OUTCOMES[1] + OUTCOMES[2];
      if (tries >= 150) {
        // mostly successes, some of them declined
        assertThat(100.0 * (OUTCOMES[1] + OUTCOMES[2]) / tries).isGreaterThan(60);
        assertThat(100.0 * OUTCOMES[2] / tries).isGreaterThan(3);
      }
    }
  }

  @Test
  void aPlanLinesDocumentIsLaidOutAsItIsWritten() throws IOException {
    PlanLine line =
        PlanLine.parse(
            3,
            RunFixtures.line(
                "j3", SAMPLE, "s/j3.json", "\"min_spread_bps\": 0, \"tag\": \"q\\\"\\\\\""));

    JobDocument doc = JobDocument.of(line, null, DATA);

    assertThat(doc.isSuccess()).isTrue();
    assertThat(text(assertPlainBytesAreWritten(doc)))
        .contains("\"job_id\": \"j3\"", "\"tag\": \"q\\\"\\\\\"", "\"period_pnl\": {");
  }

  @Test
  void errorDocumentsAndDocumentsOfMapsHaveNoPlainBytes() throws IOException {
    PlanLine missing = PlanLine.parse(4, RunFixtures.line("j4", "data/nope.csv", "j4.json", ""));
    PlanLine bad = PlanLine.parse(5, RunFixtures.line("j5", SAMPLE, "j5.json", "\"x\": 1"));
    assertThat(JobDocument.of(missing, null, DATA).plainBytes()).isNull();
    assertThat(JobDocument.of(bad, bad.problem(), DATA).plainBytes()).isNull();

    JobDocument run =
        JobDocument.of(
            PlanLine.parse(6, RunFixtures.line("j6", SAMPLE, "j6.json", "")), null, DATA);
    JobDocument ofMaps =
        new JobDocument(
            run.lineNumber(),
            run.jobId(),
            run.config(),
            run.metrics(),
            null,
            run.backtestMetrics(),
            null,
            run.periodPnl());

    assertThat(ofMaps).isEqualTo(run);
    assertThat(ofMaps.plainBytes()).isNull();
    assertThat(written(ofMaps)).isEqualTo(written(run)).isEqualTo(run.plainBytes());
  }

  @Test
  void aVenueJobsDocumentNamesItsJoinedFileWhenLaidOut() throws IOException {
    StringBuilder a = new StringBuilder("timestamp,bid,ask\n");
    StringBuilder b = new StringBuilder("timestamp,bid,ask\n");
    for (int i = 0; i < 20; i++) {
      String t = Instant.parse("2022-12-13T00:00:00Z").plusSeconds(i).toString();
      a.append(t).append(",100,100.01\n");
      b.append(t).append(i % 2 == 0 ? ",100.5,100.51\n" : ",99.98,100\n");
    }
    Files.writeString(tmp.resolve("a.csv"), a);
    Files.writeString(tmp.resolve("b.csv"), b);
    BacktestConfig config =
        BacktestConfig.fromMap(
            Map.of(
                "venue_a", "a.csv",
                "venue_b", "b.csv",
                "format_a", "generic",
                "sort_b", true,
                "min_spread_bps", 0));

    JobDocument doc =
        JobDocument.run(
            0, "v1", config, QuotesSource.local(new QuotesCache(), tmp, tmp.resolve("j")), null);

    assertThat(doc.error()).isNull();
    assertThat(doc.joinedFile()).isNotNull();
    assertThat(text(assertPlainBytesAreWritten(doc)))
        .contains("\"venue_a\": \"a.csv\"", "\"sort_b\": true", "\"joined_file\": ");
  }

  /** A document's text with its {@code runtime_seconds} (which differs between runs) masked. */
  private static String withoutRuntime(String document) {
    return document.replaceAll("\"runtime_seconds\": [^,\n]+", "\"runtime_seconds\": R");
  }

  @Test
  void theRunnerWritesTheMapsDocumentWhenTheLayoutIsDeclined() throws Exception {
    JobRunner runner = new JobRunner(new QuotesCache(), REPO, new ResultWriter(false));
    List<String> tags = List.of("caf\u00e9 \u2014 r\u00e9sum\u00e9", "bell\u0007", "plain");
    for (int i = 0; i < tags.size(); i++) {
      String tag = tags.get(i);
      String config = "\"tag\": \"" + tag.replace("\u0007", "\\u0007") + "\"";
      PlanLine line = PlanLine.parse(i + 1, RunFixtures.line("j" + i, SAMPLE, i + ".json", config));
      assertThat(line.problem()).isNull();
      JobDocument doc = JobDocument.of(line, null, DATA);
      assertThat(doc.plainBytes() == null).as("declined: %s", tag).isEqualTo(!tag.equals("plain"));

      JobOutcome outcome = runner.run(line, tmp, false);

      assertThat(outcome.status()).isEqualTo(JobOutcome.Status.SUCCESS);
      StringWriter expected = new StringWriter();
      ResultWriter.success(
          expected, "j" + i, doc.config(), doc.metrics(), doc.summary(), doc.extra());
      String file = Files.readString(outcome.output(), StandardCharsets.UTF_8);
      assertThat(withoutRuntime(file)).isEqualTo(withoutRuntime(expected.toString()));
      assertThat(file).contains("\"runtime_seconds\": ");
    }
  }
}
