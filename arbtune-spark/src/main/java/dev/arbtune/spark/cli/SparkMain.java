package dev.arbtune.spark.cli;

import dev.arbtune.frontend.ErrorHandler;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.frontend.UsageErrorHandler;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/**
 * The entry point of the Spark application: {@code spark-submit --class
 * dev.arbtune.spark.cli.SparkMain arbtune-spark.jar sweep|aggregate ...}. The master and every
 * other Spark setting come from {@code spark-submit} (or {@code -Dspark.master=...} when started
 * with plain {@code java}); nothing is hard-coded.
 */
public final class SparkMain {

  /** The program name in messages. */
  static final String PROGRAM = "arbtune-spark";

  private SparkMain() {}

  public static void main(String[] args) {
    PrintWriter out = utf8(FileDescriptor.out);
    PrintWriter err = utf8(FileDescriptor.err);
    int code;
    try {
      code = run(out, err, args);
    } finally {
      SparkSession.getActiveSession().foreach(s -> stop(s));
      SparkSession.getDefaultSession().foreach(s -> stop(s));
    }
    out.flush();
    err.flush();
    System.exit(code);
  }

  private static Object stop(SparkSession s) {
    s.stop();
    return null;
  }

  /**
   * Runs one command line in this JVM, on the active Spark session or a new one; what tests call.
   * The session is left running.
   *
   * @return the exit code, one of {@link ExitCodes}
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    try {
      CommandLine cmd = new CommandLine(new SparkCommand());
      cmd.setOut(out);
      cmd.setErr(err);
      cmd.setExecutionExceptionHandler(new ErrorHandler(PROGRAM));
      cmd.setParameterExceptionHandler(new UsageErrorHandler());
      cmd.setCaseInsensitiveEnumValuesAllowed(true);
      addExitCodeTable(cmd);
      return cmd.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The session the commands run on: the active one, or a new one configured by spark-submit. */
  static SparkSession session(String appName) {
    return SparkSession.builder().appName(appName).getOrCreate();
  }

  private static void addExitCodeTable(CommandLine cmd) {
    cmd.getCommandSpec()
        .usageMessage()
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(ExitCodes.helpTable());
    cmd.getSubcommands().values().forEach(SparkMain::addExitCodeTable);
  }

  private static PrintWriter utf8(FileDescriptor fd) {
    return new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), false);
  }
}
