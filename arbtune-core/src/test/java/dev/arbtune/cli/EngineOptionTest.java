package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.Engine;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.testing.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --engine fast|reference} on {@code backtest}, {@code run} and {@code sweep}: the same
 * documents (but for {@code runtime_seconds}) and the same trade log from either engine, over the
 * shipped data.
 */
class EngineOptionTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path tmp;

  @Test
  void sweepAndRunWriteTheSameDocumentsWithEitherEngine() throws IOException {
    Map<String, String> fast = sweep("fast");
    Map<String, String> reference = sweep("reference");
    Map<String, String> byDefault = sweep(null);
    assertThat(fast).hasSize(12).isEqualTo(reference).isEqualTo(byDefault);

    Path plan = tmp.resolve("sweep-reference/jobs.jsonl");
    Path out = tmp.resolve("run-fast");
    Cli.Result r =
        Cli.run(
            "run",
            "--jobs",
            plan.toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            REPO.toString(),
            "--engine",
            "fast",
            "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(documents(out).values()).containsExactlyInAnyOrderElementsOf(reference.values());
  }

  @Test
  void backtestWritesTheSameDocumentAndTradesWithEitherEngine() throws IOException {
    for (String minSpread : new String[] {"0", "2", "20"}) {
      String[] fast = backtest("fast", minSpread);
      String[] reference = backtest("reference", minSpread);
      assertThat(fast[0]).isEqualTo(reference[0]);
      assertThat(fast[1]).isEqualTo(reference[1]).contains("\n");
    }
  }

  @Test
  void everyCommandThatRunsJobsOffersTheOptionWithFastAsTheDefault() {
    assertThat(Engine.DEFAULT).isEqualTo(Engine.FAST);
    for (String command : List.of("backtest", "run", "sweep", "walkforward")) {
      Cli.Result r = Cli.run(command, "--help");
      assertThat(r.exitCode()).as(command).isZero();
      assertThat(r.out().replaceAll("\\s+", " "))
          .as(command)
          .contains("--engine=fast|reference")
          .contains("'reference' steps through every quote")
          .contains("(docs/MODEL.md, Engines; default: fast)");
    }
  }

  /**
   * {@code show --engine} and {@code report --engine}: show re-runs the job with the engine chosen
   * (the reference builds no fast index on the quotes it re-ran on; fast does) and writes the same
   * files with either; an unknown engine is refused before anything is read.
   */
  @Test
  void showAndReportReRunJobsWithTheEngineChosen() throws IOException {
    Map<String, String> docs = sweep("fast");
    assertThat(docs).isNotEmpty();
    Path results = tmp.resolve("sweep-fast");
    String job = "fees_0001";
    Map<String, String> shown = new TreeMap<>();
    for (String engine : new String[] {"reference", "fast"}) {
      Path out = tmp.resolve("show-" + engine);
      String[] args = {
        "show",
        job,
        "--results-dir",
        results.toString(),
        "--data-root",
        REPO.toString(),
        "--output-dir",
        out.toString(),
        "--engine",
        engine
      };
      StringWriter printed = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cmd = Main.commandLine(new PrintWriter(printed), new PrintWriter(err), args);
      assertThat(cmd.execute(args)).as(err.toString()).isZero();
      ShowCommand show = cmd.getSubcommands().get("show").getCommand();
      assertThat(show.replayed.hasEngineIndex()).as(engine).isEqualTo(engine.equals("fast"));
      shown.put(
          engine,
          printed
              + Files.readString(out.resolve(ShowCommand.TRADES))
              + Files.readString(out.resolve(ShowCommand.EQUITY)));
    }
    assertThat(shown.get("reference")).isEqualTo(shown.get("fast")).contains(job);

    Cli.Result report =
        Cli.run(
            "report",
            "--results-dir",
            results.toString(),
            "--data-root",
            REPO.toString(),
            "--output",
            tmp.resolve("report.html").toString(),
            "--engine",
            "reference",
            "-q");
    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(Files.readString(tmp.resolve("report.html"))).contains("Top jobs over time");

    for (String command : List.of("show", "report")) {
      Cli.Result help = Cli.run(command, "--help");
      assertThat(help.out().replaceAll("\\s+", " "))
          .as(command)
          .contains("--engine=fast|reference")
          .contains("(docs/MODEL.md, Engines; default: fast)");
      Path out = tmp.resolve("turbo-" + command);
      Cli.Result turbo =
          command.equals("show")
              ? Cli.run(command, job, "--results-dir", results.toString(), "--engine", "turbo")
              : Cli.run(
                  command,
                  "--results-dir",
                  results.toString(),
                  "--output",
                  out.toString(),
                  "--engine",
                  "turbo");
      assertThat(turbo.exitCode()).as(command).isEqualTo(ExitCodes.USAGE_OR_FAILURE);
      assertThat(turbo.err()).contains("--engine must be 'fast' or 'reference', got 'turbo'");
      assertThat(out).doesNotExist();
    }
    assertThat(Files.exists(Path.of("show-" + job))).isFalse();
  }

  /**
   * {@code report --engine} and {@code sweep --report --engine} reach the job charts' re-runs: the
   * reference builds no fast index on the quotes the charts were re-run on; fast does.
   */
  @Test
  void reportAndSweepReportReRunTheJobChartsWithTheEngineChosen() throws IOException {
    Path data = REPO.resolve("data/eurusd_fxcm_vs_oanda_1s_2014-05.csv.gz");
    for (String engine : new String[] {"reference", "fast"}) {
      Path root = tmp.resolve("sweep-report-" + engine);
      SweepCommand sweep =
          execute(
              "sweep",
              "--config",
              REPO.resolve("examples/eurusd-fees.yaml").toString(),
              "--output-root",
              root.toString(),
              "--data-root",
              REPO.toString(),
              "--report",
              "--engine",
              engine,
              "-q");
      assertThat(chartIndexBuilt(sweep.chartQuotes, data))
          .as(engine)
          .isEqualTo(engine.equals("fast"));

      ReportCommand report =
          execute(
              "report",
              "--results-dir",
              root.resolve("results").toString(),
              "--data-root",
              REPO.toString(),
              "--output",
              tmp.resolve("report-" + engine + ".html").toString(),
              "--engine",
              engine,
              "-q");
      assertThat(chartIndexBuilt(report.chartQuotes, data))
          .as(engine)
          .isEqualTo(engine.equals("fast"));
    }
  }

  /** Runs {@code args} (a command and its options) and returns the command object that ran. */
  private static <T> T execute(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cmd =
        Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
    assertThat(cmd.execute(args)).as(err.toString()).isZero();
    return cmd.getSubcommands().get(args[0]).getCommand();
  }

  /** Whether the quotes of {@code data} held by {@code cache} (loaded already) have the index. */
  private static boolean chartIndexBuilt(QuotesCache cache, Path data) throws IOException {
    assertThat(cache).isNotNull();
    int held = cache.size();
    assertThat(held).isPositive();
    boolean built = cache.get(data).hasEngineIndex();
    assertThat(cache.size()).as("the charts' own quotes, not a new load").isEqualTo(held);
    return built;
  }

  @Test
  void anUnknownEngineIsAUsageError() {
    Cli.Result r =
        Cli.run(
            "backtest",
            "--data-file",
            REPO.resolve("data/eurusd_sample.csv").toString(),
            "--engine",
            "turbo");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE_OR_FAILURE);
    assertThat(r.err()).contains("--engine must be 'fast' or 'reference', got 'turbo'");
  }

  private Map<String, String> sweep(String engine) throws IOException {
    Path out = tmp.resolve("sweep-" + engine);
    Stream<String> args =
        Stream.of(
            "sweep",
            "--config",
            REPO.resolve("examples/eurusd-fees.yaml").toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            REPO.toString(),
            "-q");
    if (engine != null) {
      args = Stream.concat(args, Stream.of("--engine", engine));
    }
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    return documents(out.resolve("results"));
  }

  private String[] backtest(String engine, String minSpread) throws IOException {
    Path json = tmp.resolve(engine + minSpread + ".json");
    Path trades = tmp.resolve(engine + minSpread + ".csv");
    Cli.Result r =
        Cli.run(
            "backtest",
            "--data-file",
            REPO.resolve("data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv").toString(),
            "--min-spread-bps",
            minSpread,
            "--max-open-trades",
            "5",
            "--job-id",
            "same",
            "--output-json",
            json.toString(),
            "--trades-csv",
            trades.toString(),
            "--engine",
            engine);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return new String[] {withoutRuntime(Files.readString(json)), Files.readString(trades)};
  }

  /** Every JSON document under {@code root}, by path relative to it, without runtime_seconds. */
  private static Map<String, String> documents(Path root) throws IOException {
    Map<String, String> docs = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        docs.put(root.relativize(f).toString(), withoutRuntime(Files.readString(f)));
      }
    }
    return docs;
  }

  private static String withoutRuntime(String doc) {
    String stripped = doc.replaceAll("\"runtime_seconds\"\\s*:\\s*[0-9.eE+-]+", "");
    assertThat(stripped).isNotEqualTo(doc);
    return stripped;
  }
}
