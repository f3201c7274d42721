package dev.arbtune.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.spark.testing.Fixtures;
import dev.arbtune.spark.testing.TestSpark;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkMainTest {

  /** The local command line, found as a tool (this module does not depend on arbtune's CLI). */
  private static final ToolProvider LOCAL = ToolProvider.findFirst("arbtune").orElseThrow();

  @BeforeAll
  static void startSpark() {
    TestSpark.session();
  }

  private record Run(int code, String out, String err) {}

  private static Run spark(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SparkMain.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  private static Run local(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = LOCAL.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void aggregateWritesTheSameSummaryFileAndTextAsTheLocalCommand(@TempDir Path tmp)
      throws IOException {
    Path results = Fixtures.brokenResults(tmp);
    String[] options = {
      "--max-results",
      "4",
      "--sort-by",
      "win_rate",
      "--filter",
      "total_trades>=1",
      "--pareto",
      "--max-errors",
      "3"
    };
    Path localJson = tmp.resolve("local/summary.json");
    Path sparkJson = tmp.resolve("spark/summary.json");

    Run local =
        local(
            concat(
                "aggregate",
                "--results-dir",
                results.toString(),
                "--output-json",
                localJson.toString(),
                options));
    Run spark =
        spark(
            concat(
                "aggregate",
                "--results-dir",
                results.toString(),
                "--output-json",
                sparkJson.toString(),
                options));

    assertThat(spark.code()).isEqualTo(local.code()).isZero();
    assertThat(Files.readString(sparkJson)).isEqualTo(Files.readString(localJson));
    assertThat(spark.out()).isEqualTo(local.out()).contains("[D39_AGG] TUNING SESSION SUMMARY");
    assertThat(spark.err()).contains("Errors: ").contains("Summary written to: " + sparkJson);
  }

  @Test
  void aggregateTakesColumnsAsTheLocalCommandDoes(@TempDir Path tmp) throws IOException {
    Path results = Fixtures.brokenResults(tmp);
    for (String columns : new String[] {"seed", "varied"}) {
      Run spark = spark("aggregate", "--results-dir", results.toString(), "--columns", columns);
      Run local = local("aggregate", "--results-dir", results.toString(), "--columns", columns);

      assertThat(spark.code()).as(spark.err()).isEqualTo(local.code()).isZero();
      assertThat(spark.out()).isEqualTo(local.out()).contains("[D39_AGG] TUNING SESSION SUMMARY");
    }
  }

  @Test
  void aggregateRefusesATypoAsTheLocalCommandDoes(@TempDir Path tmp) throws IOException {
    Path results = Fixtures.brokenResults(tmp);
    for (String[] typo :
        new String[][] {{"--sort-by", "realised_pnl_usd"}, {"--filter", "win_rat > 0.5"}}) {
      Run spark = spark("aggregate", "--results-dir", results.toString(), typo[0], typo[1]);
      Run local = local("aggregate", "--results-dir", results.toString(), typo[0], typo[1]);

      assertThat(spark.code()).isEqualTo(local.code()).isEqualTo(2);
      String sentence = spark.err().lines().findFirst().orElseThrow();
      assertThat(sentence)
          .isEqualTo(local.err().lines().findFirst().orElseThrow())
          .startsWith(typo[0] + " ")
          .contains("did you mean");
      assertThat(spark.out()).isEmpty();
    }
  }

  @Test
  void aggregateZeroTradeWarningIsTheSameAndDoesNotFailStrict(@TempDir Path tmp)
      throws IOException {
    Path results = Files.createDirectories(tmp.resolve("zero"));
    Files.writeString(results.resolve("a.json"), Fixtures.successDoc("a", "t", 5, 1, 3));
    Files.writeString(results.resolve("z.json"), Fixtures.successDoc("z", "t", 0, 0, 0));

    Run spark =
        spark("aggregate", "--results-dir", results.toString(), "--format", "json", "--strict");
    Run local =
        local("aggregate", "--results-dir", results.toString(), "--format", "json", "--strict");

    assertThat(spark.code()).isEqualTo(local.code()).isZero();
    assertThat(spark.out()).isEqualTo(local.out()).contains("\"kind\": \"zero-trade-top\"");
    assertThat(spark.err()).contains("zero-trade-top: 1 of the 2 listed top jobs made no trade");
  }

  @Test
  void aggregateStrictFailsOnErrorJobsAndJsonGoesToStdout(@TempDir Path tmp) throws IOException {
    Path results = Fixtures.brokenResults(tmp);

    Run spark =
        spark(
            "aggregate", "--results-dir", results.toString(), "--format", "json", "--strict", "-q");
    Run local =
        local(
            "aggregate", "--results-dir", results.toString(), "--format", "json", "--strict", "-q");

    assertThat(spark.code()).isEqualTo(3);
    assertThat(spark.out()).isEqualTo(local.out()).startsWith("{\n  \"total_jobs\": ");
    assertThat(spark.err()).isEmpty();
  }

  @Test
  void aggregateOutputJsonDashIsStdoutAsForTheLocalCommand(@TempDir Path tmp) throws IOException {
    Path results = Fixtures.brokenResults(tmp);

    Run spark = spark("aggregate", "--results-dir", results.toString(), "--output-json", "-");
    Run local = local("aggregate", "--results-dir", results.toString(), "--output-json", "-");
    Run withFormat =
        spark(
            "aggregate",
            "--results-dir",
            results.toString(),
            "--output-json",
            "-",
            "--format",
            "text");

    assertThat(spark.code()).as(spark.err()).isZero();
    assertThat(spark.out()).isEqualTo(local.out()).startsWith("{\n  \"total_jobs\": ");
    assertThat(spark.err()).contains("[D39_AGG] Summary written to: stdout");
    assertThat(Path.of("-")).as("no file named -").doesNotExist();
    assertThat(withFormat.code()).isEqualTo(2);
    assertThat(withFormat.err())
        .startsWith("--format and --output-json - both write stdout; leave out --format");
  }

  @Test
  void sweepSaysWhenTheHiddenErrorJobsHaveNoDocument(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("blocked"), "a file where the documents' folder should be");
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 23; i++) {
      lines.add(Fixtures.line("j" + i, "data/missing.csv", "blocked/j" + i + ".json", ""));
    }
    Path plan = Files.write(tmp.resolve("plan.jsonl"), lines);

    Run run =
        spark(
            "sweep",
            "--jobs",
            plan.toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            Fixtures.repoRoot().toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "[sweep] ... and 3 more error jobs without a document (it could not be written), e.g."
                + " plan line 21: data_file not found: ")
        .contains("; and cannot write the error document ")
        .doesNotContain("see their documents")
        .contains("  error:     23\n");
  }

  @Test
  void aggregateOfAMissingFolderExitsWithOne(@TempDir Path tmp) {
    Run run = spark("aggregate", "--results-dir", tmp.resolve("nope").toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "arbtune-spark aggregate: error: results directory not found: "
                + tmp.resolve("nope")
                + "\n");
  }

  @Test
  void threadsIsAUsageErrorOnSpark(@TempDir Path tmp) {
    Run run = spark("aggregate", "--results-dir", tmp.toString(), "--threads", "4");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--threads does not apply on Spark");
  }

  @Test
  void helpListsTheCommandsAndExitCodes() {
    Run run = spark("--help");

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("sweep", "aggregate", "spark-submit", "Exit codes:");
  }

  @Test
  void sweepSummarisesOnStderrAndExitsWithOneWhenAJobFailed(@TempDir Path tmp) throws IOException {
    Path plan = Fixtures.writeMixedPlan(tmp);

    Run run =
        spark(
            "sweep",
            "--jobs",
            plan.toString(),
            "--output-root",
            tmp.resolve("out").toString(),
            "--data-root",
            Fixtures.repoRoot().toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains("[sweep] error: plan line 8: data_file not found: data/missing.csv")
        .contains("[sweep] Session summary: " + plan)
        .contains("  success:   7\n", "  error:     7\n");
  }

  /**
   * The shaded jar started as spark-submit starts it: the jar and Spark's own jars on the
   * classpath, the master from the command line, nothing of the test classpath. (bench/spark.sh
   * does the same for both commands, on larger inputs.)
   */
  /** {@code sweep -q} as {@code arbtune run -q}: nothing on stderr when every job succeeded. */
  @Test
  void quietSweepPrintsNothingWhenEveryJobSucceeded(@TempDir Path tmp) throws IOException {
    Path plan =
        Files.writeString(
            tmp.resolve("plan.jsonl"),
            "{\"job_id\": \"a\", \"config\": {\"data_file\": \"data/eurusd_sample.csv\"},"
                + " \"output_json\": \"a.json\"}\n");
    Run quiet =
        spark(
            "sweep",
            "--jobs",
            plan.toString(),
            "--output-root",
            tmp.resolve("out").toString(),
            "--data-root",
            Fixtures.repoRoot().toString(),
            "-q");
    assertThat(quiet.code()).as(quiet.err()).isZero();
    assertThat(quiet.err()).isEmpty();
    assertThat(tmp.resolve("out/a.json")).isRegularFile();
  }

  /** {@code sweep --quotes-cache DIR} reaches the executors, which write the cache file there. */
  @Test
  void sweepQuotesCacheIsWrittenByTheExecutors(@TempDir Path tmp) throws IOException {
    Files.copy(Fixtures.repoRoot().resolve("data/eurusd_sample.csv"), tmp.resolve("q.csv"));
    Path plan =
        Files.writeString(
            tmp.resolve("plan.jsonl"),
            "{\"job_id\": \"a\", \"config\": {\"data_file\": \"q.csv\"},"
                + " \"output_json\": \"a.json\"}\n");
    Run run =
        spark(
            "sweep",
            "--jobs",
            plan.toString(),
            "--output-root",
            tmp.resolve("out").toString(),
            "--data-root",
            tmp.toString(),
            "--quotes-cache",
            tmp.resolve("cache").toString(),
            "-q");

    assertThat(run.code()).as(run.err()).isZero();
    try (var files = Files.list(tmp.resolve("cache"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .singleElement()
          .asString()
          .endsWith(".quotes");
    }
    assertThat(spark("sweep", "--help").out()).contains("--quotes-cache=DIR");
  }

  /**
   * An unknown {@code --engine} is a usage error before any Spark session starts: in a JVM with no
   * Spark master set, starting one would fail ("A master URL must be set") instead.
   */
  @Test
  void sweepRefusesAnUnknownEngineBeforeStartingASession(@TempDir Path tmp) throws Exception {
    Path plan = Fixtures.writeMixedPlan(tmp);
    Process sweep =
        start(
            tmp,
            false,
            "sweep",
            "--jobs",
            plan.toString(),
            "--output-root",
            tmp.resolve("out").toString(),
            "--engine",
            "turbo");
    assertThat(sweep.waitFor(2, TimeUnit.MINUTES)).isTrue();

    String err = Files.readString(tmp.resolve("sweep.err"));
    assertThat(sweep.exitValue()).as(err).isEqualTo(2);
    assertThat(err)
        .contains("--engine must be 'fast' or 'reference', got 'turbo'")
        .doesNotContain("master");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void theShadedJarRunsASweepWithSparksOwnJars(@TempDir Path tmp) throws Exception {
    Path plan = Fixtures.writeMixedPlan(tmp);
    String repo = Fixtures.repoRoot().toString();
    Path out = tmp.resolve("out");
    Path local = tmp.resolve("local");

    Process sweep =
        start(
            tmp,
            "sweep",
            "--jobs",
            plan.toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            repo,
            "-q");
    local(
        "run",
        "--jobs",
        plan.toString(),
        "--output-root",
        local.toString(),
        "--data-root",
        repo,
        "-q");
    assertThat(sweep.waitFor(3, TimeUnit.MINUTES)).isTrue();

    assertThat(sweep.exitValue()).isEqualTo(1);
    assertThat(Files.readString(tmp.resolve("sweep.err")))
        .contains("  success:   7\n", "  error:     7\n");
    assertThat(Fixtures.filesWithoutRuntime(out)).isEqualTo(Fixtures.filesWithoutRuntime(local));
  }

  private static Process start(Path tmp, String command, String... args) throws IOException {
    return start(tmp, true, command, args);
  }

  /** As {@link #start(Path, String, String...)}, with no Spark master set unless {@code master}. */
  private static Process start(Path tmp, boolean master, String command, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(sparkSubmitClasspath());
    if (master) {
      cmd.add("-Dspark.master=local[2]");
    }
    cmd.add("-Dspark.driver.host=127.0.0.1");
    cmd.add("-Dspark.driver.bindAddress=127.0.0.1");
    cmd.add("-Dspark.ui.enabled=false");
    cmd.add("dev.arbtune.spark.cli.SparkMain");
    cmd.add(command);
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd)
        .redirectOutput(tmp.resolve(command + ".out").toFile())
        .redirectError(tmp.resolve(command + ".err").toFile())
        .start();
  }

  /** target/arbtune-spark.jar and Spark's jars: the test classpath less tests and test tools. */
  private static String sparkSubmitClasspath() {
    String testPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path jar = Path.of(System.getProperty("arbtune.spark.jar"));
    List<String> entries =
        Stream.of(testPath.split(File.pathSeparator))
            .filter(e -> e.contains("/org/apache/spark/") || !isTestTool(e))
            .filter(e -> !e.endsWith("test-classes") && !Path.of(e).equals(jar))
            .collect(Collectors.toList());
    entries.add(0, jar.toString());
    return String.join(File.pathSeparator, entries);
  }

  private static boolean isTestTool(String entry) {
    return Stream.of(
            "/junit/",
            "/org/junit/",
            "/assertj/",
            "/opentest4j/",
            "/apiguardian/",
            "/surefire/",
            "/info/picocli/",
            "/net/bytebuddy/")
        .anyMatch(entry::contains);
  }

  private static String[] concat(String a, String b, String c, String d, String e, String[] rest) {
    String[] all = new String[5 + rest.length];
    all[0] = a;
    all[1] = b;
    all[2] = c;
    all[3] = d;
    all[4] = e;
    System.arraycopy(rest, 0, all, 5, rest.length);
    return all;
  }
}
