package dev.arbtune.bench;

import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesDiskCache;
import dev.arbtune.backtest.QuotesLoader;
import dev.arbtune.frontend.VersionProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Times one load of a quotes file in a fresh JVM, as a session's first job waits for it: parsed
 * from the CSV ({@link QuotesLoader}), or through a cache folder ({@link QuotesDiskCache}: mapped
 * when its cache file is valid, else parsed and written). {@code bench/quotes-cache.sh} runs it.
 */
@Command(
    name = "QuotesLoadTime",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Load a quotes file once and print key=value lines: rows, seconds (the load only, not the"
          + " JVM's start), mode (csv, or cache with --quotes-cache)."
    })
public final class QuotesLoadTime implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--file", required = true, paramLabel = "FILE", description = "Quotes file.")
  Path file;

  @Option(
      names = "--quotes-cache",
      paramLabel = "DIR",
      description = "Load through this cache folder instead of parsing the CSV.")
  Path cache;

  public static void main(String[] args) {
    ToolRunner.main(new QuotesLoadTime(), args);
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    QuotesDiskCache disk =
        cache == null ? null : new QuotesDiskCache(cache, m -> err.println("warning: " + m));
    long start = System.nanoTime();
    Quotes quotes =
        disk == null ? QuotesLoader.load(file, EpochUnit.AUTO) : disk.load(file, EpochUnit.AUTO);
    double seconds = (System.nanoTime() - start) / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    out.println("rows=" + quotes.size());
    out.printf("seconds=%.3f%n", seconds);
    out.println("mode=" + (disk == null ? "csv" : "cache"));
    return 0;
  }
}
