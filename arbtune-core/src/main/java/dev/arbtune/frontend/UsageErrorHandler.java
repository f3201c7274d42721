package dev.arbtune.frontend;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How a usage error (an unknown option, a bad value, a misspelt metric) is printed: the message,
 * for an unknown option that other commands have a line naming them (as {@code --max-results is an
 * option of aggregate, report and sweep, not of walkforward}), else picocli's "did you mean", the
 * command's synopsis, and where the whole help is; exit {@link ExitCodes#USAGE_OR_FAILURE}. The
 * full help (well over 100 lines for {@code aggregate}, with its metric list and exit codes) is not
 * printed: it would push the one line that matters off the screen.
 */
public final class UsageErrorHandler implements IParameterExceptionHandler {

  private final Supplier<CommandLine> wholeTree;

  /** A handler that finds the other commands' options in the tree of the command that failed. */
  public UsageErrorHandler() {
    this(null);
  }

  /**
   * A handler for a command line built with only some of its subcommands.
   *
   * @param wholeTree the root of the whole command tree, where the other commands' options are
   *     looked up; called on an unknown option only
   */
  public UsageErrorHandler(Supplier<CommandLine> wholeTree) {
    this.wholeTree = wholeTree;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(ex.getMessage());
    Set<String> named = nameOtherCommandsOptions(ex, err);
    if (!(ex instanceof UnmatchedArgumentException unmatched)
        || unmatched.getUnmatched().isEmpty()
        || !named.contains(optionName(unmatched.getUnmatched().get(0)))) {
      // picocli's suggestions are about the first unmatched argument only
      UnmatchedArgumentException.printSuggestions(ex, err);
    }
    CommandLine.Help help = cmd.getHelp();
    err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for every option.");
    err.flush();
    return ExitCodes.USAGE_OR_FAILURE;
  }

  /**
   * Prints, for each unknown option that other commands have, one line naming them; returns the
   * options named.
   */
  private Set<String> nameOtherCommandsOptions(ParameterException ex, PrintWriter err) {
    Set<String> named = new LinkedHashSet<>();
    if (!(ex instanceof UnmatchedArgumentException unmatched)) {
      return named;
    }
    CommandSpec failed = ex.getCommandLine().getCommandSpec();
    Map<CommandSpec, String> commands = null;
    for (String arg : unmatched.getUnmatched()) {
      String option = optionName(arg);
      if (option == null || named.contains(option)) {
        continue;
      }
      if (commands == null) {
        commands = commands(wholeTree == null ? failed.root().commandLine() : wholeTree.get());
      }
      List<String> owners = new ArrayList<>();
      commands.forEach(
          (spec, name) -> {
            OptionSpec o = spec.optionsMap().get(option);
            if (o != null && !o.hidden()) {
              owners.add(name);
            }
          });
      if (!owners.isEmpty()) {
        owners.sort(null);
        err.println(option + " is an option of " + list(owners) + ", not of " + name(failed));
        named.add(option);
      }
    }
    return named;
  }

  /** The option name of an unmatched argument ({@code --name} of {@code --name=value}), or null. */
  private static String optionName(String arg) {
    if (arg == null || arg.length() < 2 || !arg.startsWith("-")) {
      return null;
    }
    int eq = arg.indexOf('=');
    return eq > 0 ? arg.substring(0, eq) : arg;
  }

  /** Every command below {@code root} (not the root itself), with its name below the root. */
  private static Map<CommandSpec, String> commands(CommandLine root) {
    Map<CommandSpec, String> all = new IdentityHashMap<>();
    List<CommandLine> todo = new ArrayList<>(root.getSubcommands().values());
    while (!todo.isEmpty()) {
      CommandSpec spec = todo.remove(todo.size() - 1).getCommandSpec();
      if (all.putIfAbsent(spec, name(spec)) == null) {
        todo.addAll(spec.subcommands().values());
      }
    }
    return all;
  }

  /** The command's name below the root ({@code walkforward}), or the root's own name. */
  private static String name(CommandSpec spec) {
    String root = spec.root().name();
    String qualified = spec.qualifiedName();
    return qualified.equals(root) ? root : qualified.substring(root.length()).strip();
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  private static String list(List<String> names) {
    Objects.requireNonNull(names);
    int last = names.size() - 1;
    return last == 0
        ? names.get(0)
        : String.join(", ", names.subList(0, last)) + " and " + names.get(last);
  }
}
