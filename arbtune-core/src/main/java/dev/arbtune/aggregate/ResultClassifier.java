package dev.arbtune.aggregate;

import dev.arbtune.result.ResultDocument;
import dev.arbtune.result.ResultFormatException;
import dev.arbtune.result.ResultReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;

/**
 * Turns the bytes of one result document into an {@link AggregatedJobResult}, exactly as the
 * aggregator does: for engines that read the files themselves (a distributed aggregate, say) and
 * must agree with the local aggregator to the byte. Stateless and thread-safe.
 */
public final class ResultClassifier {

  private static final ResultReader READER = new ResultReader();

  /** Receives what the documents turned out to be. */
  public interface Sink {
    /** A job, success or error. */
    void job(AggregatedJobResult job);

    /**
     * One of arbtune's own documents that is not a job (an aggregator summary or ranked list, a
     * plan line, a sweep's inputs record) found among the results, at {@code location}.
     */
    void skipped(String location);
  }

  private ResultClassifier() {}

  /**
   * Classifies one document.
   *
   * @param source the file's path relative to the results directory, with {@code /} separators
   * @param line the 1-based line of a JSON Lines file, or 0 for a whole {@code .json} file
   * @param data the bytes; {@code length} of them from {@code offset} are the document (for a JSON
   *     Lines line: without the line break)
   * @return the job, or {@code null} when the document is one of arbtune's own that is not a job
   *     (an aggregator summary or ranked list, a plan line, a sweep's {@code inputs.json}), which
   *     is skipped
   */
  public static AggregatedJobResult classify(
      String source, int line, byte[] data, int offset, int length) {
    return classify(source, line, data, offset, length, false);
  }

  /**
   * {@link #classify(String, int, byte[], int, int)}, reading {@code period_pnl} into {@link
   * AggregatedJobResult#periodPnl()} when {@code periodPnl} (for insights; it costs time).
   */
  public static AggregatedJobResult classify(
      String source, int line, byte[] data, int offset, int length, boolean periodPnl) {
    Objects.requireNonNull(source, "source");
    ResultDocument doc;
    try {
      doc = READER.read(data, offset, length, periodPnl);
    } catch (ResultFormatException e) {
      String message =
          line == 0 || e.column() == 0
              ? e.describe()
              : "column " + e.column() + ": " + e.getMessage();
      return Jobs.error(source, line, null, new JobError(e.kind(), message));
    }
    if (doc.summaryDocument()
        || (doc.status() == null && OwnDocuments.isOwn(source, line, data, offset, length))) {
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

  /**
   * Classifies every line of a block of whole JSON Lines lines, as the aggregator does: lines end
   * in {@code \n}, a {@code \r} before it is dropped, blank lines (spaces, tabs) are no jobs but
   * are counted, and a document of arbtune's own that is not a job (a summary, a plan line) is
   * reported to {@link Sink#skipped} as {@code source:line}.
   *
   * @param source the file's path relative to the results directory, with {@code /} separators
   * @param firstLine the 1-based number of the block's first line
   * @param data the bytes; the block is the first {@code length} of them
   * @return the number of the line after the block (when the block ends in a line break)
   */
  public static long classifyLines(
      String source, long firstLine, byte[] data, int length, Sink sink) {
    return classifyLines(source, firstLine, data, length, false, sink);
  }

  /**
   * {@link #classifyLines(String, long, byte[], int, Sink)}, reading {@code period_pnl} when {@code
   * periodPnl}.
   */
  public static long classifyLines(
      String source, long firstLine, byte[] data, int length, boolean periodPnl, Sink sink) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sink, "sink");
    long line = firstLine;
    int start = 0;
    while (start < length) {
      int nl = indexOf(data, start, length);
      int end = nl < 0 ? length : nl;
      int stop = end > start && data[end - 1] == '\r' ? end - 1 : end;
      if (!isBlank(data, start, stop)) {
        int lineNo = (int) Math.min(Integer.MAX_VALUE, line);
        AggregatedJobResult job = classify(source, lineNo, data, start, stop - start, periodPnl);
        if (job == null) {
          sink.skipped(source + ":" + line);
        } else {
          sink.job(job);
        }
      }
      line++;
      start = end + 1;
    }
    return line;
  }

  /**
   * Classifies every line of a JSON Lines file read from {@code in} (not closed), in blocks of
   * about 256 KiB, as {@link #classifyLines} does. When reading fails part way, the rest of the
   * file becomes one {@link #unreadable} error job at the line where reading stopped, as in the
   * aggregator.
   *
   * @param source the file's path relative to the results directory, with {@code /} separators
   * @throws InterruptedIOException when the reading thread is interrupted
   */
  public static void classifyJsonLines(String source, InputStream in, Sink sink)
      throws InterruptedIOException {
    JsonLinesReader reader = new JsonLinesReader(source, in);
    while (reader.next(sink)) {
      // one block of lines at a time
    }
  }

  /**
   * What {@link #unreadable} records for a JSON Lines file that cannot be read from {@code line}
   * on: at all when {@code line} is 1 (it cannot be opened, say).
   */
  public static IOException cannotReadFrom(long line) {
    return new IOException(
        line == 1 ? "cannot read the file" : "cannot read the file from line " + line);
  }

  /**
   * Classifies a JSON Lines file one block of whole lines at a time, for callers that want to pace
   * the work (see {@link #classifyJsonLines}). Not thread-safe.
   */
  public static final class JsonLinesReader {
    private final String source;
    private final LineBlocks blocks;
    private boolean done;

    /**
     * @param source the file's path relative to the results directory, with {@code /} separators
     * @param in the file's bytes; not closed
     */
    public JsonLinesReader(String source, InputStream in) {
      this.source = Objects.requireNonNull(source, "source");
      this.blocks = new LineBlocks(in);
    }

    /**
     * Classifies the lines of the next block (about 256 KiB, or one longer line) into {@code sink};
     * after a read failure, reports the rest of the file as one unreadable error job. A line longer
     * than {@link ResultReader#MAX_DOCUMENT_BYTES} is one {@code too-large} error job.
     *
     * @return false, without calling the sink, once the whole file has been classified
     * @throws InterruptedIOException when the reading thread is interrupted
     */
    public boolean next(Sink sink) throws InterruptedIOException {
      Objects.requireNonNull(sink, "sink");
      if (done) {
        return false;
      }
      try {
        boolean more =
            blocks.next(
                new LineBlocks.Receiver() {
                  @Override
                  public void lines(long firstLine, byte[] data, int length) {
                    classifyLines(source, firstLine, data, length, sink);
                  }

                  @Override
                  public void oversized(long line, long bytes) {
                    sink.job(tooLarge(source, line, bytes));
                  }
                });
        done = !more;
        return more;
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        done = true;
        long line = blocks.line();
        sink.job(unreadable(source, (int) Math.min(Integer.MAX_VALUE, line), cannotReadFrom(line)));
        return true;
      }
    }
  }

  /** The error job for a document (a file, or a JSON Lines line) larger than allowed. */
  public static AggregatedJobResult tooLarge(String source, long line, long bytes) {
    ResultFormatException e = ResultReader.tooLarge(bytes);
    return Jobs.error(
        source,
        (int) Math.min(Integer.MAX_VALUE, line),
        null,
        new JobError(e.kind(), e.getMessage()));
  }

  private static int indexOf(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static boolean isBlank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }
}
