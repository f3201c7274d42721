package dev.arbtune.cli;

import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.backtest.QuotesDiskCache;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --quotes-cache DIR}, shared by the commands that load quotes files. */
final class QuotesCacheOption {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--quotes-cache",
      paramLabel = "DIR",
      description =
          "Keep the parsed columns of each quotes file in DIR (created if missing) and map them"
              + " from there on later runs instead of parsing the CSV again: one file per data"
              + " file and time unit, 40 bytes a row plus a small header, keyed by the file's"
              + " real path, size, modification time, the time unit and the cache format; a"
              + " stale or damaged one is rewritten, never trusted. Safe to delete at any time."
              + " Pipes are not cached; an unwritable DIR is one warning, then the CSV is read.")
  Path folder;

  /** The folder, or {@code null} when the option was not given. */
  Path folder() {
    return folder;
  }

  /**
   * The cache folder, or {@code null} when the option was not given; its one warning goes to {@code
   * warnings}.
   */
  QuotesDiskCache disk(Consumer<String> warnings) {
    return folder == null ? null : new QuotesDiskCache(folder, warnings);
  }

  /**
   * The cache folder, its warning printed on stderr as {@code arbtune COMMAND: warning: ...}, or
   * {@code null} when the option was not given.
   */
  QuotesDiskCache disk() {
    PrintWriter err = mixee.commandLine().getErr();
    String command = mixee.commandLine().getCommandName();
    return disk(
        message -> {
          err.println("arbtune " + command + ": warning: " + message);
          err.flush();
        });
  }

  /** A quotes cache of the default budget that loads through {@link #disk()}. */
  QuotesCache cache() {
    return new QuotesCache(QuotesCache.defaultBudgetBytes(), disk());
  }
}
