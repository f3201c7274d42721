package dev.arbtune.aggregate;

import dev.arbtune.result.BlockPnl;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One job as the aggregator sees it.
 *
 * <p>{@code config} and {@code metrics} are the document's own objects, unmodifiable, in the
 * document's key order, with integers kept as integers and decimals as written (see {@link
 * dev.arbtune.result.ResultDocument}); for a file that could not be parsed both are empty.
 *
 * @param jobId {@code config_summary.job_id}, else the file name without {@code .json}
 * @param tag {@code config.tag}, or {@code null}
 * @param config the document's {@code config}
 * @param metrics the document's {@code metrics}
 * @param status success or error
 * @param source the file's path relative to the results directory, with {@code /} separators
 * @param line the 1-based line in a JSON Lines file; 0 for a {@code .json} file
 * @param error why the job is an error; {@code null} exactly when {@code status} is success
 * @param periodPnl the document's {@code period_pnl} as read for insights (maybe not usable), for
 *     success jobs read by a scan whose collector asks for it ({@link
 *     JobCollector#readsPeriodPnl()}); else {@code null}
 */
public record AggregatedJobResult(
    String jobId,
    String tag,
    Map<String, Object> config,
    Map<String, Object> metrics,
    JobStatus status,
    String source,
    int line,
    JobError error,
    BlockPnl periodPnl)
    implements Serializable {

  public AggregatedJobResult {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(source, "source");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, got " + line);
    }
    if ((status == JobStatus.ERROR) != (error != null)) {
      throw new IllegalArgumentException(
          "error must be set exactly for error jobs: status=" + status + ", error=" + error);
    }
  }

  /** A job without {@code period_pnl} (not read, or not in the document). */
  public AggregatedJobResult(
      String jobId,
      String tag,
      Map<String, Object> config,
      Map<String, Object> metrics,
      JobStatus status,
      String source,
      int line,
      JobError error) {
    this(jobId, tag, config, metrics, status, source, line, error, null);
  }

  /** This job without its {@code period_pnl}. */
  public AggregatedJobResult withoutPeriodPnl() {
    return new AggregatedJobResult(jobId, tag, config, metrics, status, source, line, error);
  }

  /** Where the job came from: the relative path, with {@code :LINE} for JSON Lines. */
  public String location() {
    return line == 0 ? source : source + ":" + line;
  }

  /** Whether the job succeeded. */
  public boolean isSuccess() {
    return status == JobStatus.SUCCESS;
  }

  /** {@code metrics.name} as a double when it is a number, else empty. */
  public OptionalDouble metric(String name) {
    return JsonNumbers.asDouble(metrics.get(name));
  }

  /** {@code config.name} as a double when it is a number, else empty. */
  public OptionalDouble configNumber(String name) {
    return JsonNumbers.asDouble(config.get(name));
  }
}
