package dev.arbtune.aggregate;

import dev.arbtune.result.ResultDocument;
import dev.arbtune.result.ResultFormatException;
import dev.arbtune.result.ResultReader;
import java.util.Objects;

/**
 * Turns the bytes of one result document into an {@link AggregatedJobResult}, exactly as the
 * aggregator does: for engines that read the files themselves (a distributed aggregate, say) and
 * must agree with the local aggregator to the byte. Stateless and thread-safe.
 */
public final class ResultClassifier {

  private static final ResultReader READER = new ResultReader();

  private ResultClassifier() {}

  /**
   * Classifies one document.
   *
   * @param source the file's path relative to the results directory, with {@code /} separators
   * @param line the 1-based line of a JSON Lines file, or 0 for a whole {@code .json} file
   * @param data the bytes; {@code length} of them from {@code offset} are the document (for a JSON
   *     Lines line: without the line break)
   * @return the job, or {@code null} when the document is an aggregator summary, which is skipped
   */
  public static AggregatedJobResult classify(
      String source, int line, byte[] data, int offset, int length) {
    Objects.requireNonNull(source, "source");
    ResultDocument doc;
    try {
      doc = READER.read(data, offset, length);
    } catch (ResultFormatException e) {
      String message =
          line == 0 || e.column() == 0
              ? e.describe()
              : "column " + e.column() + ": " + e.getMessage();
      return Jobs.error(source, line, null, new JobError(e.kind(), message));
    }
    if (doc.summaryDocument()) {
      return null;
    }
    return Jobs.classify(source, line, doc);
  }

  /**
   * The error job for a file (or the rest of a JSON Lines file from {@code line}) that cannot be
   * read.
   */
  public static AggregatedJobResult unreadable(String source, int line, Exception cause) {
    return Jobs.error(source, line, null, Jobs.unreadable(cause));
  }

  /**
   * The job id of a document that declares none: the file name without {@code .json}, or {@code
   * NAME:LINE} for a line of {@code NAME.jsonl}.
   */
  public static String fallbackJobId(String source, int line) {
    String name = source.substring(source.lastIndexOf('/') + 1);
    if (line == 0) {
      return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }
    String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
    return stem + ":" + line;
  }
}
