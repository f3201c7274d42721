package dev.arbtune.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.aggregate.CollectedSummary;
import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.testing.Cli;
import dev.arbtune.testing.Docs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --threads N} bounds the PBO computation too: the count a command is given reaches {@link
 * Pbo#compute} (seen through {@link Pbo#lastParts}), on a folder big enough that PBO would use more
 * threads, and the output does not depend on it.
 */
class PboThreadsTest {

  /** 400 jobs x 16 blocks (12,870 splits): enough work for 4 PBO threads. */
  private static final int JOBS = 400;

  private static final int BLOCKS = 16;

  @TempDir Path tmp;

  private Path results() {
    SplittableRandom random = new SplittableRandom(7);
    StringBuilder lines = new StringBuilder();
    for (int j = 0; j < JOBS; j++) {
      double[] pnl = new double[BLOCKS];
      for (int k = 0; k < BLOCKS; k++) {
        pnl[k] = random.nextInt(-50, 51);
      }
      lines
          .append(PboWiringTest.withPnl(String.format("t_%03d", j), PboWiringTest.DAY1, pnl))
          .append('\n');
    }
    Path dir = tmp.resolve("results");
    Docs.write(dir, "jobs.jsonl", lines.toString());
    return dir;
  }

  /** How many parts PBO used in the command {@link #run} ran, which must have succeeded. */
  private static int partsOf(Cli.Result r) {
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Pbo.lastParts;
  }

  /** Runs a command line, {@link Pbo#lastParts} reset first. */
  private static Cli.Result run(String... args) {
    Pbo.lastParts = 0;
    return Cli.run(args);
  }

  @Test
  void theFolderIsBigEnoughForSeveralPboThreads() {
    assertThat(Pbo.parts(Integer.MAX_VALUE, 12_870, JOBS)).isEqualTo(4);
  }

  @Test
  void aggregateThreadsBoundsThePboThreadsAndTheOutputDoesNotDependOnThem() {
    Path dir = results();
    String[] args = {
      "aggregate",
      "--results-dir",
      dir.toString(),
      "--insights",
      "--format",
      "json",
      "-q",
      "--threads",
      "1"
    };
    Cli.Result one = run(args);
    assertThat(partsOf(one)).isEqualTo(1);
    assertThat(one.out()).contains("\"pbo\"").contains("\"available\": true");

    args[args.length - 1] = "3";
    Cli.Result three = run(args);
    assertThat(partsOf(three)).isEqualTo(3);
    assertThat(three.out()).isEqualTo(one.out());
  }

  @Test
  void theLibraryTakesTheAggregatorsThreadsAndRefusesFewerThanOne() throws IOException {
    TuningResultsAggregator aggregator =
        TuningResultsAggregator.builder(results()).threads(2).build();
    assertThat(aggregator.threads()).isEqualTo(2);
    CollectedSummary<InsightCollector> run =
        InsightCollector.collect(aggregator, new ScanProgress());
    assertThatThrownBy(() -> Insights.compute(run, InsightOptions.DEFAULTS, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be at least 1, got 0");
    Pbo.lastParts = 0;
    Insights two = Insights.compute(run, InsightOptions.DEFAULTS, aggregator.threads());
    assertThat(Pbo.lastParts).isEqualTo(2);
    assertThat(two.pbo().available()).isTrue();
  }

  @Test
  void reportThreadsBoundsThePboThreads() {
    Path dir = results();
    for (int threads : new int[] {1, 3}) {
      Path out = tmp.resolve("r" + threads + ".html");
      Cli.Result r =
          run(
              "report",
              "--results-dir",
              dir.toString(),
              "-o",
              out.toString(),
              "--no-job-charts",
              "-q",
              "--threads",
              Integer.toString(threads));
      assertThat(partsOf(r)).as("report --threads %d", threads).isEqualTo(threads);
    }
  }
}
