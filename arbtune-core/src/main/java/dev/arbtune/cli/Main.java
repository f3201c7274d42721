package dev.arbtune.cli;

import dev.arbtune.frontend.CompilerDirectives;
import dev.arbtune.frontend.ErrorHandler;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.frontend.UsageErrorHandler;
import dev.arbtune.io.PipeClosedException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** The {@code arbtune} entry point. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = utf8(FileDescriptor.out);
    PrintWriter err = utf8(FileDescriptor.err);
    String directives = CompilerDirectives.addFromProperty(); // the launcher's, for backtests
    if (directives != null && System.getenv("ARBTUNE_DEBUG") != null) {
      err.println("arbtune: compiler directives: " + directives);
    }
    int code = run(out, err, args);
    out.flush();
    code = checkStdout(code, out.checkError(), PipeClosedException.isPipe(1), err);
    err.flush();
    System.exit(code);
  }

  /**
   * The exit code once stdout is known to have failed or not: a command that completed (0 or 3)
   * while its stdout failed exits with {@link ExitCodes#PIPE_CLOSED}, silently, when stdout is a
   * pipe whose reader went away ({@code | head}), else with a message that its output is incomplete
   * (a full disk). A command that failed keeps its code.
   */
  static int checkStdout(int code, boolean stdoutFailed, boolean stdoutIsPipe, PrintWriter err) {
    if (!stdoutFailed || (code != ExitCodes.OK && code != ExitCodes.STRICT)) {
      return code;
    }
    if (stdoutIsPipe) {
      return ExitCodes.PIPE_CLOSED;
    }
    err.println("arbtune: error: stdout could not be written whole (is the disk full?)");
    return ExitCodes.USAGE_OR_FAILURE;
  }

  /**
   * Runs one command line; what tests call. Data goes to {@code out}, messages to {@code err}.
   *
   * @return the exit code, one of {@link ExitCodes}
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    try {
      return commandLine(out, err, args).execute(args);
    } catch (OutOfMemoryError e) {
      // picocli hands only Exceptions to the ErrorHandler; Errors end up here.
      err.println(
          "arbtune: out of memory ("
              + e.getMessage()
              + "); give the JVM more, e.g. ARBTUNE_JAVA_OPTS=-Xmx4g (with ./arbtune) or java"
              + " -Xmx4g -jar ...");
      return ExitCodes.USAGE_OR_FAILURE;
    } catch (StackOverflowError | LinkageError | AssertionError e) {
      err.println("arbtune: internal error: " + e);
      err.println("Please report this; set ARBTUNE_DEBUG=1 to see the stack trace.");
      if (System.getenv("ARBTUNE_DEBUG") != null) {
        e.printStackTrace(err);
      }
      return ExitCodes.USAGE_OR_FAILURE;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * The subcommands, in the order {@code arbtune --help} lists them. picocli builds each one's
   * model by reflection when it is added, which costs tens of milliseconds at every start; so a
   * command line that names a subcommand gets only that one.
   */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

  static {
    SUBCOMMANDS.put("quickstart", QuickstartCommand::new);
    SUBCOMMANDS.put("sweep", SweepCommand::new);
    SUBCOMMANDS.put("walkforward", WalkforwardCommand::new);
    SUBCOMMANDS.put("join", JoinCommand::new);
    SUBCOMMANDS.put("plan", PlanCommand::new);
    SUBCOMMANDS.put("run", RunCommand::new);
    SUBCOMMANDS.put("backtest", BacktestCommand::new);
    SUBCOMMANDS.put("aggregate", AggregateCommand::new);
    SUBCOMMANDS.put("report", ReportCommand::new);
    SUBCOMMANDS.put("compare", CompareCommand::new);
    SUBCOMMANDS.put("show", ShowCommand::new);
    SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
  }

  /** The whole configured command tree, writing to {@code out} and {@code err}. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, new String[0]);
  }

  /**
   * The command tree for {@code args}: with only the subcommand that {@code args[0]} names (not
   * {@code help}, which needs every other), else whole.
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
    CommandLine cmd = new CommandLine(new ArbtuneCommand());
    String first = args.length > 0 ? args[0] : null;
    if (first != null && !first.equals("help") && SUBCOMMANDS.containsKey(first)) {
      cmd.addSubcommand(first, SUBCOMMANDS.get(first).get());
    } else {
      SUBCOMMANDS.forEach((name, command) -> cmd.addSubcommand(name, command.get()));
    }
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler(new ErrorHandler());
    // an unknown option is looked up in every command, not only the one built
    cmd.setParameterExceptionHandler(new UsageErrorHandler(() -> commandLine(out, err)));
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    addExitCodeTable(cmd);
    return cmd;
  }

  private static void addExitCodeTable(CommandLine cmd) {
    cmd.getCommandSpec()
        .usageMessage()
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(ExitCodes.helpTable());
    cmd.getSubcommands().values().forEach(Main::addExitCodeTable);
  }

  private static PrintWriter utf8(FileDescriptor fd) {
    return new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), false);
  }
}
