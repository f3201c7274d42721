package dev.arbtune.cli;

import static dev.arbtune.testing.Docs.success;
import static dev.arbtune.testing.Docs.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.testing.Cli;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, items 4 and 5: where every output option writes, and what it must not overwrite. */
class OutputPathsTest {

  @TempDir Path dir;

  private static final String SESSION =
      """
      data_file: data/q.csv
      tag_prefix: sess001
      grids:
        - name: min_spread_bps
          values: [20, 30]
      """;

  private final String sample = repoFile("data/eurusd_sample.csv").toString();

  private static Path repoFile(String relative) {
    Path p = Path.of("").toAbsolutePath();
    while (!Files.exists(p.resolve(relative))) {
      p = p.getParent();
    }
    return p.resolve(relative);
  }

  private Path session() throws IOException {
    return Files.writeString(dir.resolve("s.yaml"), SESSION);
  }

  // --- item 5: an output that is an input ---

  @Test
  void planRefusesToWriteOverItsSessionFile() throws Exception {
    Path s = session();
    Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), s);

    for (Path out : List.of(s, link)) {
      Cli.Result r = Cli.run("plan", "--config", s.toString(), "--output", out.toString());

      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "arbtune plan: error: --output "
                  + out
                  + " is the same file as --config "
                  + s
                  + "; writing it would destroy the input, so give another output path\n");
    }
    assertThat(Files.readString(s)).isEqualTo(SESSION);
  }

  @Test
  void backtestRefusesToWriteOverItsDataFile() throws Exception {
    Path data = Files.copy(Path.of(sample), dir.resolve("q.csv"));
    Path hard = Files.createLink(dir.resolve("hard.csv"), data);
    byte[] before = Files.readAllBytes(data);

    Cli.Result json =
        Cli.run("backtest", "--data-file", data.toString(), "--output-json", data.toString());
    Cli.Result trades =
        Cli.run("backtest", "--data-file", data.toString(), "--trades-csv", hard.toString());

    assertThat(json.exitCode()).isEqualTo(2);
    assertThat(json.err()).contains("--output-json " + data + " is the same file as --data-file");
    assertThat(trades.exitCode()).isEqualTo(2);
    assertThat(trades.err()).contains("--trades-csv " + hard + " is the same file as --data-file");
    assertThat(Files.readAllBytes(data)).isEqualTo(before);
  }

  @Test
  void twoOutputsOfOneCommandMayNotBeOneFile() throws Exception {
    Path out = dir.resolve("out.json");
    Cli.Result r =
        Cli.run(
            "backtest",
            "--data-file",
            sample,
            "--output-json",
            out.toString(),
            "--trades-csv",
            out.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "arbtune backtest: error: --output-json and --trades-csv both write "
                + out
                + "; give each output its own path\n");
    assertThat(out).doesNotExist();
  }

  @Test
  void aggregateRefusesToWriteOverAResultDocumentButMayReplaceItsSummary() throws Exception {
    Path results = dir.resolve("r");
    Path doc = write(results, "a.json", success("a", 10, 1, 1));
    String before = Files.readString(doc);

    Cli.Result r =
        Cli.run("aggregate", "--results-dir", results.toString(), "--output-json", doc.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("--output-json " + doc + " is a result document inside --results-dir " + results);
    assertThat(Files.readString(doc)).isEqualTo(before);

    // the seed's usage: the summary beside the results, written again and again
    Path summary = results.resolve("summary.json");
    for (int i = 0; i < 2; i++) {
      Cli.Result ok =
          Cli.run(
              "aggregate",
              "--results-dir",
              results.toString(),
              "--output-json",
              summary.toString());
      assertThat(ok.exitCode()).isZero();
      assertThat(ok.out()).contains("Total Jobs:           1");
    }
  }

  @Test
  void reportRefusesToWriteOverAResultDocument() throws Exception {
    Path results = dir.resolve("r");
    Path doc = write(results, "a.json", success("a", 10, 1, 1));

    Cli.Result r = Cli.run("report", "--results-dir", results.toString(), "-o", doc.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--output " + doc + " is a result document inside --results-dir");
    assertThat(Files.readString(doc)).isEqualTo(success("a", 10, 1, 1));
  }

  /**
   * arbtune's own file names are never outputs, in any folder and through a symbolic link too: the
   * lock of a run root ({@code .arbtune.lock}), of a sweep root ({@code .arbtune-sweep.lock}) and
   * the temporary files of every writer ({@code .arbtune-*.tmp}).
   */
  @Test
  void noCommandWritesALockOrATemporaryFileName() throws Exception {
    Path s = session();
    Path results = dir.resolve("r");
    write(results, "a.json", success("a", 10, 1, 1));
    Path folder = Files.createDirectories(dir.resolve("elsewhere"));
    Path lock = Files.writeString(folder.resolve(".arbtune.lock"), "held\n");
    Path link = Files.createSymbolicLink(folder.resolve("to-lock.json"), lock);
    Path[] refused = {
      lock,
      link,
      folder.resolve(".arbtune-sweep.lock"),
      folder.resolve(".arbtune-summary.json.4f2a.tmp")
    };
    String[] reasons = {
      "is named .arbtune.lock, the lock file a run keeps in its output root; writing it would"
          + " break that lock, so give another file name",
      "leads to "
          + lock
          + ", named .arbtune.lock, the lock file a run keeps in its output root; writing it would"
          + " break that lock, so give another file name",
      "is named .arbtune-sweep.lock, the lock file a sweep keeps in its output root; writing it"
          + " would break that lock, so give another file name",
      "is named like the temporary files arbtune writes and then renames or deletes"
          + " (.arbtune-*.tmp); give another file name"
    };
    for (int i = 0; i < refused.length; i++) {
      String out = refused[i].toString();
      List<Cli.Result> runs =
          List.of(
              Cli.run("plan", "--config", s.toString(), "--output", out),
              Cli.run("backtest", "--data-file", sample, "--output-json", out),
              Cli.run("backtest", "--data-file", sample, "--trades-csv", out),
              Cli.run("aggregate", "--results-dir", results.toString(), "--output-json", out),
              Cli.run("aggregate", "--results-dir", results.toString(), "--output-csv", out),
              Cli.run("report", "--results-dir", results.toString(), "-o", out));
      for (Cli.Result r : runs) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).as(r.err()).endsWith(" " + out + " " + reasons[i] + "\n");
        assertThat(r.err().lines().count()).isEqualTo(1);
      }
    }
    assertThat(Files.readString(lock)).isEqualTo("held\n");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(folder.resolve(".arbtune-sweep.lock")).doesNotExist();
    assertThat(folder.resolve(".arbtune-summary.json.4f2a.tmp")).doesNotExist();
    // a name that merely resembles them is an ordinary output
    Path fine = folder.resolve("arbtune.lock.json");
    Cli.Result ok =
        Cli.run("aggregate", "--results-dir", results.toString(), "--output-json", fine.toString());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(fine).isRegularFile();
  }

  // --- item 4: links, pipes, devices, - ---

  @Test
  void anOutputThroughASymbolicLinkKeepsTheLink() throws Exception {
    Path results = dir.resolve("r");
    write(results, "a.json", success("a", 10, 1, 1));
    Path real = Files.writeString(dir.resolve("real.csv"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("ranked.csv"), real);

    Cli.Result r =
        Cli.run("aggregate", "--results-dir", results.toString(), "--output-csv", link.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).startsWith("rank,job_id");
  }

  @Test
  void aLinkToACharacterDeviceStaysALinkToTheDevice() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("plan.jsonl"), Path.of("/dev/null"));

    Cli.Result r = Cli.run("plan", "--config", session().toString(), "--output", link.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("/dev/null"));
    assertThat(Files.isRegularFile(Path.of("/dev/null"))).isFalse();
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void aPipeIsWrittenInPlace() throws Exception {
    Path fifo = dir.resolve("plan.fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    CompletableFuture<String> read =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.readString(fifo);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });

    Cli.Result r = Cli.run("plan", "--config", session().toString(), "--output", fifo.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(read.get(50, TimeUnit.SECONDS).lines()).hasSize(2);
    assertThat(Files.isRegularFile(fifo)).isFalse();
  }

  @Test
  void aDashIsStdoutForEveryOutputOption() throws Exception {
    Cli.Result plan = Cli.run("plan", "--config", session().toString(), "--output", "-");
    assertThat(plan.exitCode()).isZero();
    assertThat(plan.out().lines()).hasSize(2).allMatch(l -> l.startsWith("{\"job_id\""));
    assertThat(plan.err()).isEqualTo("arbtune plan: wrote 2 jobs to stdout\n");

    Path results = dir.resolve("r");
    write(results, "a.json", success("a", 10, 1, 1));
    Cli.Result json =
        Cli.run("aggregate", "--results-dir", results.toString(), "--output-json", "-");
    assertThat(json.exitCode()).isZero();
    JsonNode summary =
        new ObjectMapper().readTree(json.out()); // only the summary: no text around it
    assertThat(summary.get("total_jobs").asInt()).isEqualTo(1);

    Cli.Result csv = Cli.run("aggregate", "--results-dir", results.toString(), "--output-csv", "-");
    assertThat(csv.out()).startsWith("rank,job_id").doesNotContain("TUNING SESSION SUMMARY");

    Cli.Result trades =
        Cli.run(
            "backtest",
            "--data-file",
            sample,
            "--output-json",
            dir.resolve("r.json").toString(),
            "--trades-csv",
            "-");
    assertThat(trades.exitCode()).isZero();
    assertThat(trades.out()).startsWith("trade_id,");

    Cli.Result doc = Cli.run("backtest", "--data-file", sample, "--output-json", "-");
    assertThat(new ObjectMapper().readTree(doc.out()).get("status").asText()).isEqualTo("success");
    assertThat(dir.resolve("-")).doesNotExist();
    assertThat(Path.of("-")).doesNotExist();
  }

  @Test
  void twoOutputsOnStdoutAreRefused() throws Exception {
    Path results = dir.resolve("r");
    write(results, "a.json", success("a", 10, 1, 1));

    Cli.Result both =
        Cli.run(
            "aggregate",
            "--results-dir",
            results.toString(),
            "--output-json",
            "-",
            "--output-csv",
            "-");
    Cli.Result format =
        Cli.run(
            "aggregate",
            "--results-dir",
            results.toString(),
            "--output-json",
            "-",
            "--format",
            "csv");
    Cli.Result trades = Cli.run("backtest", "--data-file", sample, "--trades-csv", "-");

    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("--output-json and --output-csv both write stdout");
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).contains("--format and --output-json - both write stdout");
    assertThat(trades.exitCode()).isEqualTo(2);
    assertThat(trades.err()).contains("would both go to stdout");
    assertThat(both.out() + format.out() + trades.out()).isEmpty();
  }

  @Test
  void aSessionFileCanComeFromStdin() throws Exception {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream(SESSION.getBytes(StandardCharsets.UTF_8)));
      Cli.Result r = Cli.run("plan", "--config", "-", "--output", "-");
      assertThat(r.exitCode()).isZero();
      assertThat(r.out().lines()).hasSize(2);
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void runReadsThePlanFromStdin() throws Exception {
    Path plan = dir.resolve("plan.jsonl");
    Files.writeString(
        plan,
        "{\"job_id\":\"j1\",\"config\":{\"data_file\":\""
            + sample
            + "\"},\"output_json\":\"t/j1.json\"}\n");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "run",
                "--jobs",
                "-",
                "--output-root",
                dir.resolve("out").toString(),
                "-q")
            .redirectInput(plan.toFile())
            .redirectError(dir.resolve("err.txt").toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();

    assertThat(p.waitFor()).as(Files.readString(dir.resolve("err.txt"))).isZero();
    assertThat(dir.resolve("out/t/j1.json")).exists();
  }

  @Test
  void aFolderAsAnOutputFileIsAClearError() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("out"));

    Cli.Result r = Cli.run("plan", "--config", session().toString(), "--output", folder.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "arbtune plan: error: --output "
                + folder
                + " is a folder; give a file name (or - for stdout)\n");
    assertThat(folder.toFile().list()).isEmpty();
    assertThat(new File(dir.toFile(), "out").isDirectory()).isTrue();
  }
}
