package dev.arbtune.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesFormatException;
import dev.arbtune.backtest.QuotesLoader;
import dev.arbtune.result.ResultWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
    ResultWriter.success(expected, "j3", doc.config(), doc.metrics());
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
}
