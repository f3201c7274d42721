package dev.arbtune.aggregate;

import static dev.arbtune.testing.Docs.withMetrics;
import static dev.arbtune.testing.Docs.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.result.ErrorKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultClassifierTest {

  @TempDir Path dir;

  /** Collects what a classification reports. */
  private static final class Collected implements ResultClassifier.Sink {
    final List<AggregatedJobResult> jobs = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();

    @Override
    public void job(AggregatedJobResult job) {
      jobs.add(job);
    }

    @Override
    public void skipped(String location) {
      skipped.add(location);
    }
  }

  @Test
  void classifiesJsonLinesAsTheAggregatorDoes() throws IOException {
    String good = withMetrics("a", "{\"realized_pnl_usd\": 3}");
    String summary = "{\"total_jobs\": 0, \"top_by_pnl\": []}";
    String longLine = withMetrics("long", "{\"note\": \"" + "x".repeat(600_000) + "\"}");
    String text =
        good
            + "\n\n \t\r\n"
            + good.replace("\"a\"", "\"b\"")
            + "\r\n{oops\n42\n"
            + summary
            + "\n"
            + longLine
            + "\n"
            + withMetrics("c", "{\"realized_pnl_usd\": NaN}");
    write(dir, "x.jsonl", text);
    List<AggregatedJobResult> expected = TuningResultsAggregator.of(dir).loadResults();

    Collected c = new Collected();
    ResultClassifier.classifyJsonLines(
        "x.jsonl", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), c);

    assertThat(c.jobs).isEqualTo(expected);
    assertThat(c.jobs).extracting(AggregatedJobResult::line).containsExactly(1, 4, 5, 6, 8, 9);
    assertThat(c.skipped).containsExactly("x.jsonl:7");
  }

  @Test
  void aReadFailurePartWayMakesTheRestOneUnreadableJob() throws IOException {
    String line = withMetrics("a", "{\"realized_pnl_usd\": 3}") + "\n";
    String lines = line.repeat(300_000 / line.length());
    InputStream failing =
        new SequenceInputStream(
            new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException("disk gone");
              }
            });

    Collected c = new Collected();
    ResultClassifier.classifyJsonLines("x.jsonl", failing, c);

    AggregatedJobResult last = c.jobs.get(c.jobs.size() - 1);
    assertThat(last.error().kind()).isEqualTo(ErrorKind.UNREADABLE);
    assertThat(last.error().message()).isEqualTo("cannot read the file from line " + last.line());
    assertThat(last.line()).isEqualTo(c.jobs.size()).isGreaterThan(1);
  }

  @Test
  void theReaderGoesOneBlockAtATimeAndThenSaysItIsDone() throws IOException {
    String line = withMetrics("a", "{\"realized_pnl_usd\": 3}") + "\n";
    byte[] bytes = line.repeat(600_000 / line.length()).getBytes(StandardCharsets.UTF_8);
    ResultClassifier.JsonLinesReader reader =
        new ResultClassifier.JsonLinesReader("x.jsonl", new ByteArrayInputStream(bytes));

    Collected c = new Collected();
    int blocks = 0;
    while (reader.next(c)) {
      blocks++;
    }

    assertThat(blocks).isEqualTo(3);
    assertThat(c.jobs).hasSize(600_000 / line.length());
    assertThat(reader.next(c)).isFalse();
  }
}
