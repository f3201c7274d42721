package dev.arbtune.aggregate;

import dev.arbtune.io.Excerpt;
import dev.arbtune.io.IoMessages;
import dev.arbtune.result.ErrorKind;
import dev.arbtune.result.Metric;
import dev.arbtune.result.ResultDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Turns parsed documents and failures into {@link AggregatedJobResult}s. */
final class Jobs {

  /** Success documents must carry these as finite numbers when they carry them at all. */
  static final List<String> CHECKED_METRICS =
      Metric.seedLine().stream().filter(Metric::mustBeFinite).map(Metric::key).toList();

  private Jobs() {}

  /**
   * A success job, or an error job when the document says it failed or a checked metric is not a
   * finite number.
   *
   * @param source the file, relative to the results directory
   * @param line the line in a JSON Lines file, 0 for a whole file
   */
  static AggregatedJobResult classify(String source, int line, ResultDocument doc) {
    if (!doc.isSuccess()) {
      String why =
          doc.error() != null
              ? firstLine(doc.error())
              : doc.status() == null
                  ? "no \"status\" field"
                  : "status is " + Excerpt.quoted(doc.status());
      return error(source, line, doc, new JobError(ErrorKind.STATUS_ERROR, why));
    }
    for (String name : CHECKED_METRICS) {
      if (doc.metrics().containsKey(name)) {
        Object value = doc.metrics().get(name);
        if (JsonNumbers.asFinite(value).isEmpty()) {
          String message =
              "metrics." + name + " is " + describeValue(value) + ", expected a finite number";
          return error(source, line, doc, new JobError(ErrorKind.INVALID_METRIC, message));
        }
      }
    }
    return new AggregatedJobResult(
        id(source, line, doc),
        doc.tag(),
        doc.config(),
        doc.metrics(),
        JobStatus.SUCCESS,
        source,
        line,
        null,
        doc.periodPnl());
  }

  /** An error job; config, metrics and tag are the document's when it could be parsed. */
  static AggregatedJobResult error(String source, int line, ResultDocument doc, JobError error) {
    return new AggregatedJobResult(
        id(source, line, doc),
        doc == null ? null : doc.tag(),
        doc == null ? Map.of() : doc.config(),
        doc == null ? Map.of() : doc.metrics(),
        JobStatus.ERROR,
        source,
        line,
        error);
  }

  /** The reason for a file that could not be read. */
  static JobError unreadable(Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    String message;
    if (cause instanceof NoSuchFileException nsf) {
      message = missing(nsf.getFile());
    } else if (cause instanceof AccessDeniedException) {
      message = "permission denied";
    } else if (cause instanceof IOException io) {
      message = IoMessages.describe(io);
    } else {
      message = cause.toString();
    }
    return new JobError(ErrorKind.UNREADABLE, message);
  }

  /** Why a file the scan listed is not there: a looping or dangling link, or deleted. */
  private static String missing(String file) {
    Path path;
    try {
      path = file == null ? null : Path.of(file);
    } catch (InvalidPathException e) {
      path = null;
    }
    if (path != null && Files.isSymbolicLink(path)) {
      return IoMessages.isLoop(path)
          ? "the symbolic links loop (a link leads back to itself)"
          : "a dangling symbolic link (its target does not exist)";
    }
    return "no such file (deleted while scanning)";
  }

  /** Longest error message kept from a document; tracebacks are cut to their first line. */
  static final int MAX_MESSAGE = 200;

  /** The first line of {@code message}, at most {@link #MAX_MESSAGE} characters. */
  static String firstLine(String message) {
    String s = message.strip();
    int nl = s.indexOf('\n');
    boolean cut = nl >= 0;
    if (cut) {
      s = s.substring(0, nl).stripTrailing();
    }
    if (s.length() > MAX_MESSAGE) {
      s = s.substring(0, MAX_MESSAGE - 3);
      cut = true;
    }
    return cut ? s + "..." : s;
  }

  private static String id(String source, int line, ResultDocument doc) {
    return doc != null && doc.declaredJobId() != null
        ? doc.declaredJobId()
        : ResultClassifier.fallbackJobId(source, line);
  }

  private static String describeValue(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return value instanceof List ? "an array" : "an object";
  }
}
