package dev.arbtune.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesFormatException;
import dev.arbtune.backtest.QuotesLoader;
import dev.arbtune.backtest.Trade;
import dev.arbtune.result.ResultDocument;
import dev.arbtune.result.ResultWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobDocumentTest {

  private static final Path REPO = RunFixtures.repoRoot();

  /** The repository's data folder, and a missing file shown with where it was looked for. */
  private static final QuotesSource DATA =
      new QuotesSource() {
        @Override
        public Quotes load(String dataFile) throws IOException {
          if (dataFile.contains("malformed")) {
            throw new QuotesFormatException(dataFile, 2, "timestamp", "not a time");
          }
          return QuotesLoader.load(REPO.resolve(dataFile));
        }

        @Override
        public String lookedFor(String dataFile) {
          return "/elsewhere/" + dataFile;
        }
      };

  private static PlanLine line(String dataFile, String extra) {
    return PlanLine.parse(3, RunFixtures.line("j3", dataFile, "s/j3.json", extra));
  }

  @Test
  void aUsableLineRunsTheBacktestAndWritesWhatResultWriterWrites() throws IOException {
    JobDocument doc =
        JobDocument.of(line("data/eurusd_sample.csv", "\"min_spread_bps\": 0"), null, DATA);

    assertThat(doc.isSuccess()).isTrue();
    assertThat(doc.metrics()).containsKey("runtime_seconds").containsKey("realized_pnl_usd");
    StringWriter written = new StringWriter();
    doc.writeTo(written);
    StringWriter expected = new StringWriter();
    assertThat(doc.extra()).containsOnlyKeys("period_pnl");
    ResultWriter.success(expected, "j3", doc.config(), doc.metrics(), Map.of(), doc.extra());
    assertThat(written.toString()).isEqualTo(expected.toString());
  }

  @Test
  void aMissingQuotesFileSaysWhereItWasLookedFor() {
    JobDocument doc = JobDocument.of(line("data/nope.csv", ""), null, DATA);

    assertThat(doc.error())
        .isEqualTo(
            "plan line 3: data_file not found: data/nope.csv (looked for /elsewhere/data/nope.csv)");
    assertThat(doc.config().get("data_file")).isEqualTo("data/nope.csv");
  }

  @Test
  void aMalformedQuotesFileAndAnEmptyWindowAreErrors() {
    assertThat(JobDocument.of(line("data/malformed.csv", ""), null, DATA).error())
        .startsWith("plan line 3: data_file data/malformed.csv");
    assertThat(
            JobDocument.of(
                    line("data/eurusd_sample.csv", "\"start_time\": \"2030-01-01T00:00:00Z\""),
                    null,
                    DATA)
                .error())
        .startsWith("plan line 3: config.");
  }

  @Test
  void aProblemBecomesAnErrorWithTheConfigAsWritten() throws IOException {
    PlanLine bad = line("data/eurusd_sample.csv", "\"min_sprd_bps\": 3");

    JobDocument doc = JobDocument.of(bad, bad.problem(), DATA);

    assertThat(doc.isSuccess()).isFalse();
    assertThat(doc.error()).startsWith("plan line 3: config.min_sprd_bps");
    assertThat(doc.config().get("min_sprd_bps")).isEqualTo(3);
    StringWriter written = new StringWriter();
    doc.writeTo(written);
    assertThat(written.toString()).contains("\"status\": \"error\"", "\"job_id\": \"j3\"");
  }

  @Test
  void aProblemFoundByTheCallerWinsOverRunning() {
    JobDocument doc =
        JobDocument.of(line("data/eurusd_sample.csv", ""), "output_json is empty", DATA);

    assertThat(doc.error()).isEqualTo("plan line 3: output_json is empty");
  }

  @Test
  void anUnreadableFileIsDescribed() {
    QuotesSource failing =
        new QuotesSource() {
          @Override
          public Quotes load(String dataFile) throws IOException {
            throw new NoSuchFileException("x");
          }

          @Override
          public String lookedFor(String dataFile) {
            return null;
          }
        };

    assertThat(JobDocument.of(line("q.csv", ""), null, failing).error())
        .isEqualTo("plan line 3: data_file not found: q.csv");
  }

  @Test
  void anUnreadableFileSaysWhyWithoutAPlanLineOutsideAPlan() {
    QuotesSource denied =
        new QuotesSource() {
          @Override
          public Quotes load(String dataFile) throws IOException {
            throw new java.nio.file.AccessDeniedException("/quotes/" + dataFile);
          }

          @Override
          public String lookedFor(String dataFile) {
            return null;
          }
        };
    BacktestConfig config = line("q.csv", "").config();

    JobDocument doc = JobDocument.run(0, "bt", config, denied, null);

    assertThat(doc.error())
        .isEqualTo("cannot read data_file q.csv: permission denied: /quotes/q.csv");
    assertThat(doc.lineNumber()).isZero();
    assertThat(JobDocument.of(line("q.csv", ""), null, denied).error())
        .isEqualTo("plan line 3: cannot read data_file q.csv: permission denied: /quotes/q.csv");
  }

  @Test
  void runReportsEveryTradeToTheLog() {
    List<Trade> trades = new ArrayList<>();
    BacktestConfig config =
        line(
                "data/eurusd_sample.csv",
                "\"min_spread_bps\": 0, \"taker_fee_a_bps\": 0, \"taker_fee_b_bps\": 0,"
                    + " \"slippage_bps\": 0")
            .config();

    JobDocument doc = JobDocument.run(0, "bt", config, DATA, trades::add);

    assertThat(doc.isSuccess()).isTrue();
    assertThat(trades).hasSize(doc.backtestMetrics().totalTrades()).isNotEmpty();
  }

  /** A source whose every load throws {@code failure}. */
  private static QuotesSource failingWith(Throwable failure) {
    return new QuotesSource() {
      @Override
      public Quotes load(String dataFile) throws IOException {
        if (failure instanceof IOException io) {
          throw io;
        }
        throw (Error) failure;
      }

      @Override
      public String lookedFor(String dataFile) {
        return null;
      }
    };
  }

  private static final String HEAP =
      "(the Java heap is at most " + String.format("%,d", Runtime.getRuntime().maxMemory() >> 20);

  @Test
  void aJobThatRunsOutOfMemoryIsAnErrorSayingHowToRaiseTheHeap() {
    QuotesSource exhausted = failingWith(new OutOfMemoryError("Java heap space"));

    JobDocument loading = JobDocument.of(line("q.csv", ""), null, exhausted);

    assertThat(loading.isSuccess()).isFalse();
    assertThat(loading.config().get("data_file")).isEqualTo("q.csv");
    assertThat(loading.error())
        .startsWith("plan line 3: ran out of memory loading data_file q.csv " + HEAP + " MB); ")
        .contains("give Java a larger heap, e.g. ARBTUNE_JAVA_OPTS=-Xmx")
        .contains(" with ./arbtune (java -Xmx");

    BacktestConfig config =
        line(
                "data/eurusd_sample.csv",
                "\"min_spread_bps\": 0, \"taker_fee_a_bps\": 0, \"taker_fee_b_bps\": 0,"
                    + " \"slippage_bps\": 0")
            .config();
    JobDocument running =
        JobDocument.run(
            0,
            "bt",
            config,
            DATA,
            t -> {
              throw new OutOfMemoryError("Java heap space");
            });
    assertThat(running.error())
        .startsWith("ran out of memory running the backtest on data_file data/eurusd_sample.csv");
  }

  @Test
  void aQuotesFileTooLargeForTheHeapIsAnErrorNamingItsNeedAndTheHeap() {
    QuotesSource tooLarge =
        failingWith(
            new dev.arbtune.backtest.QuotesTooLargeException(
                "data/q.csv", 3_000L << 20, 1_000L << 20));

    assertThat(JobDocument.of(line("data/q.csv", ""), null, tooLarge).error())
        .isEqualTo(
            "plan line 3: data_file data/q.csv needs about 3,000 MB of memory to load (about"
                + " twice its size; loaded, its quotes and the fast engine's index take about 49"
                + " bytes a row), more than the 1,000 MB this Java process may use; give Java a"
                + " larger heap, e.g. ARBTUNE_JAVA_OPTS=-Xmx8g with ./arbtune (java -Xmx8g -jar"
                + " ... otherwise)");
  }

  private static ResultDocument success(String jobId, Map<String, Object> config) {
    return new ResultDocument("success", jobId, config, Map.of("total_trades", 1L), null);
  }

  @Test
  void aDocumentIsTheLinesFinishedJobOnlyWithItsJobIdAndConfig() {
    PlanLine p = line("d.csv", "\"min_spread_bps\": 12, \"max_open_trades\": 2");
    Map<String, Object> written = new LinkedHashMap<>();
    p.config()
        .toMap()
        .forEach(
            (k, v) -> written.put(k, v instanceof Double d ? new BigDecimal(d.toString()) : v));
    written.put("max_open_trades", 2L); // integers come back as Long

    assertThat(JobDocument.isFinished(p, success("j3", written))).isTrue();
    assertThat(JobDocument.isFinished(p, success("other", written))).isFalse();
    assertThat(JobDocument.isFinished(p, success(null, written))).isFalse();
    Map<String, Object> changed = new LinkedHashMap<>(written);
    changed.put("min_spread_bps", new BigDecimal("12.5"));
    assertThat(JobDocument.isFinished(p, success("j3", changed))).isFalse();
    Map<String, Object> extra = new LinkedHashMap<>(written);
    extra.put("note", "x");
    assertThat(JobDocument.isFinished(p, success("j3", extra))).isFalse();
    Map<String, Object> missing = new LinkedHashMap<>(written);
    missing.remove("tag");
    assertThat(JobDocument.isFinished(p, success("j3", missing))).isFalse();
    assertThat(
            JobDocument.isFinished(
                p, new ResultDocument("error", "j3", written, Map.of(), "failed")))
        .isFalse();
    PlanLine invalid = line("d.csv", "\"min_sprd_bps\": 1");
    assertThat(JobDocument.isFinished(invalid, success("j3", written))).isFalse();
  }

  @Test
  void aJobWhoseNumbersOverflowIsAnErrorJobSayingSo() {
    double tiny = 1e-306; // 1000 USD buys 1e309 units: not a finite double
    Quotes quotes =
        new Quotes(
            "tiny.csv",
            new long[] {1_700_000_000_000_000L, 1_700_000_001_000_000L},
            new double[] {tiny, 3 * tiny},
            new double[] {tiny, 3 * tiny},
            new double[] {3 * tiny, tiny},
            new double[] {3 * tiny, tiny});
    QuotesSource source =
        new QuotesSource() {
          @Override
          public Quotes load(String dataFile) {
            return quotes;
          }

          @Override
          public String lookedFor(String dataFile) {
            return null;
          }
        };

    JobDocument doc = JobDocument.of(line("tiny.csv", ""), null, source);

    assertThat(doc.isSuccess()).isFalse();
    assertThat(doc.error())
        .startsWith("plan line 3: the backtest's numbers overflow:")
        .doesNotContain("Infinity\"", "internal error", "Exception");
    assertThat(doc.config().get("max_position_usd")).isEqualTo(1000.0);
  }

  @Test
  void theConfigsTimeUnitReachesTheLoaderAndTheDocument(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    java.nio.file.Files.writeString(
        dir.resolve("early.csv"),
        "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n"
            + "1000000,100,100,100.5,100.5\n"
            + "1000060,100,100,99.9,100\n");
    QuotesSource local = QuotesSource.local(new dev.arbtune.backtest.QuotesCache(), dir);

    JobDocument byMagnitude = JobDocument.of(line("early.csv", ""), null, local);
    JobDocument inSeconds = JobDocument.of(line("early.csv", "\"time_unit\": \"s\""), null, local);

    assertThat(byMagnitude.error())
        .startsWith("plan line 3: data_file " + dir.resolve("early.csv"))
        .contains("early.csv, line 2, column timestamp: 1000000 is below 10^8")
        .contains("set time_unit");
    assertThat(inSeconds.isSuccess()).isTrue();
    assertThat(inSeconds.config().get("time_unit")).isEqualTo("s");
    assertThat(inSeconds.metrics()).containsEntry("avg_holding_seconds", 60.0);
    assertThat(byMagnitude.config()).doesNotContainKey("time_unit");
  }

  @Test
  void aSourceThatOnlyReadsByMagnitudeRefusesAnotherUnit() {
    QuotesSource inMemory =
        new QuotesSource() {
          @Override
          public Quotes load(String dataFile) {
            throw new AssertionError("not called for another unit");
          }

          @Override
          public String lookedFor(String dataFile) {
            return null;
          }
        };

    assertThat(JobDocument.of(line("q.csv", "\"time_unit\": \"ms\""), null, inMemory).error())
        .isEqualTo(
            "plan line 3: config.time_unit: this quotes source reads timestamps by magnitude only");
  }

  @Test
  void anOversizedConfigStringGivesASmallErrorDocument() throws IOException {
    PlanLine line =
        PlanLine.parse(
            3,
            RunFixtures.line(
                "k", "q.csv", "k.json", "\"min_spread_bps\": \"" + "x".repeat(1_000_000) + "\""));

    JobDocument doc = JobDocument.of(line, line.problem(), DATA);
    StringWriter text = new StringWriter();
    doc.writeTo(text);

    assertThat(text.toString()).hasSizeLessThan(2000).contains("…(1000000 characters)");
  }

  @Test
  void aDataFileWhoseNameIsTooLongIsOneExcerptAndTheCause(
      @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    String name = dir.resolve("d".repeat(1000)).toString();
    QuotesSource local = QuotesSource.local(new dev.arbtune.backtest.QuotesCache(1 << 20), dir);

    JobDocument doc = JobDocument.of(line(name, ""), null, local);

    assertThat(doc.error())
        .isEqualTo(
            "plan line 3: cannot read data_file "
                + dev.arbtune.io.Excerpt.of(name)
                + ": the file name is too long");
  }
}
