package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.result.ResultDocument;
import dev.arbtune.result.ResultReader;
import dev.arbtune.testing.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A named pipe (or {@code <(zcat q.csv.gz)}) as the data file: read once, as a stream. */
class PipeDataFileTest {

  @TempDir Path tmp;

  private static Path repoFile(String relative) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(relative))) {
        return p.resolve(relative);
      }
    }
    throw new IllegalStateException(relative);
  }

  private final Path sample = repoFile("data/eurusd_sample.csv");

  /** A named pipe that a daemon thread fills once with the sample's bytes. */
  private Path pipe(String name) throws Exception {
    Path pipe = tmp.resolve(name);
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    byte[] bytes = Files.readAllBytes(sample);
    Thread writer =
        new Thread(
            () -> {
              try {
                Files.write(pipe, bytes);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    writer.setDaemon(true);
    writer.start();
    return pipe;
  }

  private static Object pnl(ResultDocument doc) {
    return doc.metrics().get("realized_pnl_usd");
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void backtestReadsANamedPipe() throws Exception {
    Path pipe = pipe("q.fifo");

    Cli.Result fromPipe = Cli.run("backtest", "--data-file", pipe.toString());
    Cli.Result fromFile = Cli.run("backtest", "--data-file", sample.toString());

    assertThat(fromPipe.exitCode()).as(fromPipe.err()).isZero();
    assertThat(fromPipe.err()).contains("29575 quotes (1087 skipped)");
    ResultReader reader = new ResultReader();
    ResultDocument doc = reader.read(fromPipe.out().getBytes(StandardCharsets.UTF_8));
    assertThat(doc.isSuccess()).isTrue();
    assertThat(pnl(doc))
        .isEqualTo(pnl(reader.read(fromFile.out().getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void theJobsOfARunShareOneReadOfANamedPipe() throws Exception {
    Path pipe = pipe("q.fifo");
    StringBuilder plan = new StringBuilder();
    for (int i = 1; i <= 3; i++) {
      plan.append("{\"job_id\":\"j")
          .append(i)
          .append("\",\"config\":{\"data_file\":\"")
          .append(pipe)
          .append("\",\"min_spread_bps\":")
          .append(i)
          .append("},\"output_json\":\"j")
          .append(i)
          .append(".json\"}\n");
    }
    Path jobs = Files.writeString(tmp.resolve("jobs.jsonl"), plan);
    Path out = tmp.resolve("out");

    Cli.Result r =
        Cli.run(
            "run",
            "--jobs",
            jobs.toString(),
            "--output-root",
            out.toString(),
            "--parallelism",
            "2");

    assertThat(r.exitCode()).as(r.err()).isZero();
    for (int i = 1; i <= 3; i++) {
      assertThat(new ResultReader().read(out.resolve("j" + i + ".json")).isSuccess()).isTrue();
    }
  }
}
