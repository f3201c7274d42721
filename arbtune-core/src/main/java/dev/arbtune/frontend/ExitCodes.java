package dev.arbtune.frontend;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of every arbtune front end (the {@code arbtune} commands, the Spark application,
 * the benchmark tools), listed in {@code --help}.
 */
public final class ExitCodes {

  /** Success. */
  public static final int OK = 0;

  /** Input not found, or invalid configuration or data. */
  public static final int INPUT = 1;

  /** Usage error (the message and the synopsis are printed), or an unexpected failure. */
  public static final int USAGE_OR_FAILURE = 2;

  /**
   * Completed, but {@code --strict} was given and error jobs or warnings were found; {@code
   * compare}: a {@code --fail-on-...} gate failed.
   */
  public static final int STRICT = 3;

  /**
   * {@code show} only: the job was re-run and shown, but the re-run's metrics differ from its
   * document's (the data file or the engine changed since the job ran); the differences are on
   * stderr.
   */
  public static final int RERUN_DIFFERS = 4;

  /**
   * The reader of an output pipe went away (as {@code head} does): the output stopped there,
   * nothing more is printed. The code a command ended by SIGPIPE has in a shell.
   */
  public static final int PIPE_CLOSED = 141;

  /** The table as {@code --help} shows it, for every command. */
  public static Map<String, String> helpTable() {
    Map<String, String> table = new LinkedHashMap<>();
    table.put(key(OK), "success");
    table.put(key(INPUT), "input not found, or invalid configuration or data");
    table.put(key(USAGE_OR_FAILURE), "usage error, or an unexpected failure");
    table.put(
        key(STRICT),
        "completed, but --strict was given and error jobs or warnings were found (compare: a"
            + " --fail-on-... gate failed)");
    table.put(
        key(RERUN_DIFFERS),
        "show: the re-run's metrics differ from the job's document (the data or the engine"
            + " changed)");
    table.put(
        key(PIPE_CLOSED),
        "the reader of an output pipe went away (e.g. | head); the output stopped there");
    return table;
  }

  /**
   * The table of a tool that ends only with {@link #OK}, {@link #INPUT} or {@link
   * #USAGE_OR_FAILURE} (the benchmark tools), as its {@code --help} has always shown it.
   */
  public static Map<String, String> toolTable() {
    Map<String, String> table = new LinkedHashMap<>();
    table.put(" " + OK, "success");
    table.put(" " + INPUT, "input not found, or invalid input");
    table.put(" " + USAGE_OR_FAILURE, "usage error, or an unexpected failure");
    return table;
  }

  /** The codes right-aligned, so that the table's column lines up. */
  private static String key(int code) {
    return String.format(java.util.Locale.ROOT, "%3d", code);
  }

  private ExitCodes() {}
}
