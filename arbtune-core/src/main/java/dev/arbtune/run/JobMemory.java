package dev.arbtune.run;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What a job that runs out of memory becomes: an error job whose message says so and how to give
 * Java more heap, and for the worker threads of a session one line on stderr instead of a stack
 * trace.
 */
final class JobMemory {

  private JobMemory() {}

  /**
   * How to raise the heap, suggesting at least {@code neededBytes} (rounded up to a power of two):
   * {@code give Java a larger heap, e.g. ARBTUNE_JAVA_OPTS=-Xmx8g with ./arbtune (java -Xmx8g -jar
   * ... otherwise)}.
   */
  static String advice(long neededBytes) {
    long needed = Math.max(1, (neededBytes + (1 << 20) - 1) >> 20); // MB, rounded up
    long mb = Math.max(256, needed == 1 ? 1 : Long.highestOneBit(needed - 1) << 1);
    String xmx = mb >= 1024 && mb % 1024 == 0 ? (mb >> 10) + "g" : mb + "m";
    return "give Java a larger heap, e.g. ARBTUNE_JAVA_OPTS=-Xmx"
        + xmx
        + " with ./arbtune (java -Xmx"
        + xmx
        + " -jar ... otherwise)";
  }

  /** The most heap this process may use. */
  static long maxHeap() {
    return Runtime.getRuntime().maxMemory();
  }

  /**
   * The message of a job that ran out of memory while {@code doing} something: {@code ran out of
   * memory loading data_file q.csv (the Java heap is at most 48 MB); give Java a larger heap, ...}.
   */
  static String ranOut(String doing) {
    return String.format(
        Locale.ROOT,
        "ran out of memory%s (the Java heap is at most %,d MB); %s",
        doing.isEmpty() ? "" : " " + doing,
        maxHeap() >> 20,
        advice(2 * maxHeap()));
  }

  /**
   * The outcome of a plan line that ran out of memory outside its backtest (writing its document,
   * say): an error job without a document, since writing one needs memory too.
   */
  static JobOutcome outcome(PlanLine line) {
    return new JobOutcome(
        line.lineNumber(),
        line.jobId(),
        null,
        JobOutcome.Status.ERROR,
        "plan line " + line.lineNumber() + ": " + ranOut("writing its result document"),
        null);
  }

  /**
   * Prints one line for a throwable that escaped a session's worker thread (never a stack trace):
   * the thread's uncaught-exception handler.
   */
  static void uncaught(Thread thread, Throwable e) {
    uncaught(e, System.err);
  }

  static void uncaught(Throwable e, PrintStream err) {
    err.println(
        e instanceof OutOfMemoryError
            ? "arbtune: a job " + ranOut("")
            : "arbtune: internal error in a job (please report this): " + e);
    err.flush();
  }
}
