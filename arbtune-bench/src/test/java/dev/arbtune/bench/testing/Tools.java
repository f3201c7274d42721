package dev.arbtune.bench.testing;

import dev.arbtune.bench.ToolRunner;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a benchmark tool's real command line in-process and captures what it printed. */
public final class Tools {

  /** What one command line did. */
  public record Result(int exitCode, String out, String err) {

    /** The value of the {@code key=value} line for {@code key} on stdout. */
    public String value(String key) {
      for (String line : out.split("\n")) {
        if (line.startsWith(key + "=")) {
          return line.substring(key.length() + 1);
        }
      }
      throw new AssertionError("no " + key + "= line in:\n" + out + "\nstderr:\n" + err);
    }

    /** {@link #value} as a number. */
    public long number(String key) {
      return Long.parseLong(value(key));
    }
  }

  private Tools() {}

  public static Result run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = ToolRunner.run(command, new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }
}
