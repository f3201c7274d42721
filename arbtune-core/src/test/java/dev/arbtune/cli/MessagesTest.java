package dev.arbtune.cli;

import static dev.arbtune.testing.Docs.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.frontend.ErrorHandler;
import dev.arbtune.run.JobOutcome;
import dev.arbtune.testing.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, item 14: one sentence with the path and the cause; a bounded echo of input. */
class MessagesTest {

  @TempDir Path dir;

  private static final String HUGE = "x".repeat(300_000);

  private static void assertOneShortSentence(Cli.Result r) {
    assertThat(r.err().length()).isLessThan(1200);
    assertThat(r.err())
        .doesNotContain("Exception")
        .doesNotContain("java.")
        .doesNotContain("null")
        .doesNotContain("\tat ");
  }

  @Test
  void aHugeFieldIsEchoedAsAnExcerpt() throws Exception {
    Path csv =
        Files.writeString(
            dir.resolve("q.csv"),
            "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n"
                + "2020-01-01T00:00:00Z,1,2,3,"
                + HUGE
                + "\n");
    Path tag = Files.writeString(dir.resolve("t.yaml"), "data_file: q.csv\ntag_prefix: " + HUGE);
    Path number =
        Files.writeString(dir.resolve("n.yaml"), "data_file: q.csv\nmin_spread_bps: " + HUGE);

    Cli.Result quotes = Cli.run("backtest", "--data-file", csv.toString());
    Cli.Result plan = Cli.run("plan", "--config", tag.toString(), "--dry-run");
    Cli.Result plan2 = Cli.run("plan", "--config", number.toString(), "--dry-run");
    Cli.Result filter =
        Cli.run("aggregate", "--results-dir", dir.toString(), "--filter", "win_rate>" + HUGE);

    for (Cli.Result r : new Cli.Result[] {quotes, plan, plan2}) {
      assertThat(r.exitCode()).isEqualTo(1);
      assertOneShortSentence(r);
      assertThat(r.err()).contains("…(300000 characters)");
    }
    assertThat(quotes.err()).contains("line 2, column best_ask_b: expected a price, got \"xxx");
    assertThat(filter.exitCode()).isEqualTo(2);
    String sentence = filter.err().lines().findFirst().orElseThrow(); // the usage text follows
    assertThat(sentence.length()).isLessThan(400);
    assertThat(sentence).contains("…(300009 characters)");
  }

  @Test
  void aHugePlanLineGivesABoundedErrorDocumentAndLine() throws Exception {
    Path plan =
        Files.writeString(
            dir.resolve("plan.jsonl"),
            "{\"job_id\":\"a\",\"config\":{\"data_file\":\"q.csv\",\"min_spread_bps\":\""
                + HUGE
                + "\"},\"output_json\":\"a.json\"}\n");

    Cli.Result r =
        Cli.run("run", "--jobs", plan.toString(), "--output-root", dir.resolve("o").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().length()).isLessThan(2000);
    String error =
        new ObjectMapper().readTree(dir.resolve("o/a.json").toFile()).get("error").asText();
    assertThat(error.length()).isLessThan(1100); // the config is kept verbatim, the error is not
    assertThat(error).startsWith("plan line 1: config.min_spread_bps: expected a number");
  }

  @Test
  void aTruncatedGzipFileSaysItEndsTooEarly() throws Exception {
    Path gz = Files.write(dir.resolve("q.csv.gz"), new byte[] {0x1f, (byte) 0x8b});

    Cli.Result r = Cli.run("backtest", "--data-file", gz.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "arbtune backtest: error: data_file "
                + gz
                + ": the gzip data ends too early (the file is truncated or still being"
                + " written)\n");
  }

  @Test
  void aGzipFileCutShortIsNotTooLargeButTruncated() throws Exception {
    StringBuilder csv =
        new StringBuilder("timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n");
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 5000; i++) {
      csv.append(1_700_000_000_000L + i)
          .append(",1.")
          .append(random.nextInt(1_000_000))
          .append(",2,3,4\n");
    }
    // Its last four bytes, read as the size a gzip trailer records, say more than 3.5 GiB: a load
    // estimated from them (7 GiB) would be refused as larger than the heap.
    byte[] cut =
        dev.arbtune.testing.Gzip.cutWhereTheTrailerSaysGiB(
            dev.arbtune.testing.Gzip.of(
                csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    Path gz = Files.write(dir.resolve("cut.csv.gz"), cut);

    Cli.Result r = Cli.run("backtest", "--data-file", gz.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "arbtune backtest: error: data_file "
                + gz
                + ": the gzip data ends too early (the file is truncated or still being"
                + " written)\n");
  }

  @Test
  void loopingLinksAreSaidToLoopNotToDangle() throws Exception {
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    Files.createSymbolicLink(a, b);
    Files.createSymbolicLink(b, a);

    Cli.Result plan = Cli.run("plan", "--config", a.toString(), "--dry-run");
    Cli.Result agg = Cli.run("aggregate", "--results-dir", dir.toString(), "--format", "json");

    assertThat(plan.exitCode()).isEqualTo(1);
    assertThat(plan.err())
        .isEqualTo(
            "arbtune plan: error: the symbolic links loop (a link leads back to itself): "
                + a
                + "\n");
    assertThat(agg.out())
        .contains("the symbolic links loop (a link leads back to itself)")
        .doesNotContain("dangling");
  }

  @Test
  void aMissingInputThatIsALinkSaysWhetherItLoopsOrDangles() throws Exception {
    Path a = dir.resolve("a");
    Files.createSymbolicLink(a, dir.resolve("b"));
    Files.createSymbolicLink(dir.resolve("b"), a);
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));

    Cli.Result aggregate = Cli.run("aggregate", "--results-dir", a.toString());
    Cli.Result report =
        Cli.run(
            "report", "--results-dir", dangling.toString(), "--output", dir.resolve("r.html") + "");
    Cli.Result run =
        Cli.run("run", "--jobs", a.toString(), "--output-root", dir.resolve("o").toString());

    assertThat(aggregate.exitCode()).isEqualTo(1);
    assertThat(aggregate.err())
        .isEqualTo(
            "arbtune aggregate: error: results directory not found: the symbolic links loop (a"
                + " link leads back to itself): "
                + a
                + "\n");
    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(report.err())
        .isEqualTo(
            "arbtune report: error: results directory not found: a symbolic link whose target"
                + " does not exist: "
                + dangling
                + "\n");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "arbtune run: error: plan not found: the symbolic links loop (a link leads back to"
                + " itself): "
                + a
                + "\n");
  }

  @Test
  void aFileWhereAFolderShouldBeIsNamed() throws Exception {
    Path file = write(dir, "afile", "");

    Cli.Result r = Cli.run("plan", "--config", file.resolve("s.yaml").toString(), "--dry-run");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "arbtune plan: error: a part of the path is a file, not a folder: "
                + file.resolve("s.yaml")
                + "\n");
  }

  @Test
  void errorJobsWithoutADocumentAreNotSentToTheirDocuments() {
    StringWriter text = new StringWriter();
    SummaryListener listener = new SummaryListener(new PrintWriter(text), 1, null);
    for (int i = 1; i <= 3; i++) {
      listener.jobFinished(
          new JobOutcome(
              i,
              "j" + i,
              null,
              JobOutcome.Status.ERROR,
              "boom; and cannot write the error document o/j"
                  + i
                  + ".json: the disk is full (no space left on device)",
              null));
    }

    assertThat(listener.hiddenErrorsLine())
        .isEqualTo(
            "[run] ... and 2 more error jobs without a document (it could not be written), e.g."
                + " job j2: boom; and cannot write the error document o/j2.json: the disk is full"
                + " (no space left on device)")
        .doesNotContain("see their documents");
  }

  @Test
  void aFullDiskNamesTheOutput() {
    // Linux's always-full device: fail rather than skip where it is missing
    assertThat(Files.isWritable(Path.of("/dev/full"))).as("/dev/full is writable").isTrue();
    Path session = write(dir, "s.yaml", "data_file: q.csv\n");

    Cli.Result r = Cli.run("plan", "--config", session.toString(), "--output", "/dev/full");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "arbtune plan: I/O error: cannot write --output /dev/full: the disk is full (no space"
                + " left on device)\n");
  }

  @Test
  void ioFailuresWithoutAMessageDoNotSayNull() {
    StringWriter err = new StringWriter();
    var cmd = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err));
    int code =
        new ErrorHandler()
            .handleExecutionException(
                new java.io.IOException(), cmd.getSubcommands().get("plan"), null);

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("arbtune plan: I/O error: an input/output error without details\n");
  }
}
