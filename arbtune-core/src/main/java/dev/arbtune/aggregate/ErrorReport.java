package dev.arbtune.aggregate;

import dev.arbtune.result.ErrorKind;
import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * One error job as listed in a summary.
 *
 * @param source the file, relative to the results directory
 * @param line the line in a JSON Lines file, 0 for a {@code .json} file
 * @param jobId the job's id (declared, or derived from the file name)
 * @param kind why it is an error
 * @param message what is wrong, with line and column where the parser gave them
 */
public record ErrorReport(String source, int line, String jobId, ErrorKind kind, String message)
    implements Serializable {

  /** By source path, then line: the order in which errors are listed. */
  static final Comparator<ErrorReport> BY_LOCATION =
      Comparator.comparing(ErrorReport::source)
          .thenComparingInt(ErrorReport::line)
          .thenComparing(ErrorReport::jobId);

  public ErrorReport {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /** The error of an error job. */
  static ErrorReport of(AggregatedJobResult job) {
    if (job.error() == null) {
      throw new IllegalArgumentException("not an error job: " + job.location());
    }
    return new ErrorReport(
        job.source(), job.line(), job.jobId(), job.error().kind(), job.error().message());
  }

  /** {@code path[:line]}. */
  public String location() {
    return line == 0 ? source : source + ":" + line;
  }
}
