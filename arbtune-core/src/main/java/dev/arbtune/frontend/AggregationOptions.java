package dev.arbtune.frontend;

import dev.arbtune.aggregate.SweepRoots;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.io.Excerpt;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that choose, rank and count jobs, shared by every command that shows ranked jobs
 * ({@code aggregate}, {@code report}, {@code sweep}, and the Spark application's {@code
 * aggregate}): {@code --max-results} and the {@link RankingOptions} (the ranking, the filters and
 * the threads). Use it as a picocli {@code @Mixin}.
 */
public final class AggregationOptions {

  @Option(
      names = "--max-results",
      paramLabel = "N",
      defaultValue = "10",
      converter = MaxResults.class,
      description =
          "How many ranked jobs to show, or 'all' (every job that passes the filters; they are"
              + " then all held in memory) (default: ${DEFAULT-VALUE}).")
  int maxResults;

  /** Reads {@code --max-results}: a count, or {@code all} for every ranked job. */
  static final class MaxResults implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      if (value.strip().equalsIgnoreCase("all")) {
        return Integer.MAX_VALUE;
      }
      try {
        return Integer.valueOf(value.strip());
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException(
            "expected a number of jobs or 'all', got " + Excerpt.quoted(value));
      }
    }
  }

  // Declared after --max-results, so that the help lists --max-results first, as it always has.
  @Mixin RankingOptions ranking;

  /**
   * The command this mixin belongs to, handed on to {@link #ranking}: picocli gives a mixin inside
   * a mixin the outer mixin, not the command (whose help gets the {@code Metrics:} section and
   * whose usage errors these are).
   */
  @Spec(Spec.Target.MIXEE)
  void mixee(CommandSpec spec) {
    ranking.mixee(spec);
  }

  /**
   * The folder to read for {@code --results-dir DIR}: {@code DIR/results} when DIR is a sweep's
   * output root ({@link SweepRoots#resultsOf}), said in one line on {@code err}; DIR otherwise.
   */
  public static Path resultsFolder(Path dir, PrintWriter err) {
    return SweepRoots.resultsOf(dir)
        .map(
            results -> {
              err.println(
                  "[D39_AGG] Reading "
                      + results
                      + ": "
                      + dir
                      + " is a sweep's output root (its plan and own files are not jobs)");
              err.flush();
              return results;
            })
        .orElse(dir);
  }

  /**
   * An aggregator of {@code resultsDir} configured from these options.
   *
   * @throws ParameterException (a usage error) when an option value is out of range
   */
  public TuningResultsAggregator.Builder builder(Path resultsDir) {
    requireMaxResults();
    return ranking.builder(resultsDir).maxResults(maxResults);
  }

  private void requireMaxResults() {
    if (maxResults < 0) {
      throw usage("--max-results must be 0 or more, got " + maxResults);
    }
  }

  /**
   * Runs {@code scan}; a ranking or filter field that no success document carries becomes a usage
   * error naming the option, the field and the closest names ({@link
   * RankingOptions#refusingUnseenFields}).
   */
  public <T> T refusingUnseenFields(RankingOptions.Scan<T> scan) throws IOException {
    return ranking.refusingUnseenFields(scan);
  }

  /**
   * For commands whose documents will all come from arbtune's own engine ({@code sweep}): refuses,
   * before anything runs, an out-of-range value or a ranking metric or filter field that the engine
   * never writes ({@link RankingOptions#requireEngineFields}).
   *
   * @throws ParameterException (a usage error) naming the option
   */
  public void requireEngineFields() {
    requireMaxResults();
    ranking.requireEngineFields();
  }

  /** Whether {@code --threads} was given. */
  public boolean threadsGiven() {
    return ranking.threadsGiven();
  }

  /** A usage error of the command this mixin belongs to. */
  public ParameterException usage(String message) {
    return ranking.usage(message);
  }
}
