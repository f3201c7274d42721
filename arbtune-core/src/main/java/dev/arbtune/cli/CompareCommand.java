package dev.arbtune.cli;

import dev.arbtune.compare.CompareCsv;
import dev.arbtune.compare.CompareJson;
import dev.arbtune.compare.CompareReport;
import dev.arbtune.compare.CompareRun;
import dev.arbtune.compare.CompareText;
import dev.arbtune.compare.Comparison;
import dev.arbtune.compare.Side;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.frontend.RankingOptions;
import dev.arbtune.frontend.VersionProvider;
import dev.arbtune.io.AtomicFiles;
import dev.arbtune.io.OutputTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code arbtune compare A B}: did the ranking survive new data, new fees, a new engine? */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Compare the rankings of two sessions: is the winner still the winner, how many of the top K"
          + " stayed, how much did the ranking move (Kendall's tau-b, Spearman's rho, rank-biased"
          + " overlap), which jobs moved most, which are on one side only. See docs/COMPARE.md.",
      "",
      "A and B are each a results folder, a sweep's output root, or a summary JSON written by"
          + " 'aggregate --max-results all --output-json FILE'. Both are ranked with the same"
          + " ranking and filters (the options below, as in aggregate, but not --max-results:"
          + " every ranked job is compared).",
      "",
      "Jobs are matched by config: every key except data_file, tag, start_time and end_time and"
          + " except the keys whose values on A and on B have nothing in common (a fee doubled in"
          + " every job, a venue file), or exactly --match-keys. Two jobs of one side with the same"
          + " matched config are a warning; the better ranked one is compared.",
      "",
      "Output: the comparison in --format on stdout (or -o FILE); warnings on stderr.",
      ""
    })
final class CompareCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format {
    TEXT,
    JSON,
    MARKDOWN,
    CSV
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "A", description = "The baseline session.")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "The session compared with A.")
  Path b;

  @Option(
      names = "--top-k",
      paramLabel = "K",
      defaultValue = "10",
      description =
          "K of the top-K overlap: how many of A's best K configs are among B's best K, divided by"
              + " K (also when a side has fewer than K ranked jobs). Default: ${DEFAULT-VALUE}.")
  int topK;

  @Option(
      names = "--match-keys",
      paramLabel = "KEYS",
      split = ",",
      description =
          "Match jobs on exactly these config keys (comma-separated; a key a job lacks is null)"
              + " instead of the default rule.")
  List<String> matchKeys;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text (verdict, winners, movers, one-sided jobs), json (every key, every shared job),"
              + " markdown (as text, with tables), csv (one row per job). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write the comparison to FILE instead of stdout (replaced atomically; - is stdout).")
  Path output;

  @Option(
      names = "--diff-only",
      description =
          "Hide shared jobs whose compared metrics are equal on both sides (json shared_jobs, csv"
              + " rows, the movers).")
  boolean diffOnly;

  @Option(
      names = "--fail-on-winner-change",
      description = "Exit 3 when B's winner is not A's winner (by matched config).")
  boolean failOnWinnerChange;

  @Option(
      names = "--fail-on-top-k-overlap-below",
      paramLabel = "X",
      description = "Exit 3 when the top-K overlap is below X, a fraction in [0, 1].")
  Double failOnOverlapBelow;

  @Mixin RankingOptions selection;

  @Override
  public Integer call() throws IOException {
    if (topK < 1) {
      throw selection.usage("--top-k must be 1 or more, got " + topK);
    }
    if (failOnOverlapBelow != null && !(failOnOverlapBelow >= 0.0 && failOnOverlapBelow <= 1.0)) {
      throw selection.usage(
          "--fail-on-top-k-overlap-below must be a fraction between 0 and 1, got "
              + failOnOverlapBelow);
    }
    List<String> keys = null;
    if (matchKeys != null) {
      keys = new ArrayList<>();
      for (String k : matchKeys) {
        if (!k.isBlank()) {
          keys.add(k.strip());
        }
      }
      if (keys.isEmpty()) {
        throw selection.usage("--match-keys needs at least one config key");
      }
    }
    OutputTarget target = Outputs.resolve("--output", output);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    selection.builder(Path.of("")); // checks the option values before anything is read
    CompareReport report;
    try (Side sa = Side.open("A", a);
        Side sb = Side.open("B", b)) {
      CompareRun.Options options = new CompareRun.Options(selection::builder, keys, topK, diffOnly);
      try {
        report = selection.refusingUnseenFields(() -> CompareRun.run(sa, sb, options));
      } catch (IllegalArgumentException e) {
        throw selection.usage(e.getMessage());
      }
    }
    AtomicFiles.WriterBody body =
        switch (format) {
          case TEXT -> w -> w.write(CompareText.text(report));
          case MARKDOWN -> w -> w.write(CompareText.markdown(report));
          case JSON -> w -> CompareJson.write(report, w);
          case CSV -> w -> CompareCsv.write(report, w);
        };
    if (target == null) {
      body.writeTo(out);
      out.flush();
    } else {
      target.write(out, body, true);
      err.println("[compare] Written to: " + target);
    }
    for (String w : report.warnings()) {
      err.println("warning: " + w);
    }
    err.flush();
    return exitCode(report.comparison(), err);
  }

  private int exitCode(Comparison c, PrintWriter err) {
    int code = ExitCodes.OK;
    if (failOnWinnerChange && c.winnerChanged()) {
      err.println("arbtune compare: the winner changed (--fail-on-winner-change)");
      code = ExitCodes.STRICT;
    }
    if (failOnOverlapBelow != null && c.topKOverlap() < failOnOverlapBelow) {
      err.println(
          "arbtune compare: top-"
              + c.topK()
              + " overlap "
              + c.topKShared()
              + "/"
              + c.topK()
              + " is below "
              + failOnOverlapBelow
              + " (--fail-on-top-k-overlap-below)");
      code = ExitCodes.STRICT;
    }
    err.flush();
    return code;
  }
}
